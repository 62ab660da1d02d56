"""Batch conversion at scale: executors agree, re-runs are incremental, limits hold, and a run
killed with SIGKILL at any moment leaves readable, consistent datasets."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.model.schema import PARTITIONED
from pipeline.run.executors import run_local
from pipeline.run.ingest import Limits, ingest
from tests.commit_tools import contents
from tests.conftest import CORPUS, FIXTURES, leftovers
from tests.worker_tasks import dies_on_killer

MIXED = [
    CORPUS / "qixia-2024-q2.txt",
    CORPUS / "qixia-2024-q3.txt",
    FIXTURES / "qixia-2024-q2.docx",
    FIXTURES / "qixia-2024-q2.html",
    FIXTURES / "several-tables.txt",
    FIXTURES / "empty.txt",
]


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for path in MIXED:
        shutil.copy(path, folder / path.name)
    return folder


def test_one_two_workers_and_dask_write_the_same_data(mixed: Path, tmp_path: Path) -> None:
    one = ingest(mixed, tmp_path / "one", workers=1)
    two = ingest(mixed, tmp_path / "two", workers=2)
    dask = ingest(mixed, tmp_path / "dask", workers=2, executor="dask")
    assert one.ok == two.ok == dask.ok == 5
    expected = contents(tmp_path / "one")
    for other in ("two", "dask"):
        got = contents(tmp_path / other)
        assert got.keys() == expected.keys()
        for name, table in expected.items():
            assert got[name].equals(table), (other, name)


def test_unchanged_rerun_parses_nothing_and_touches_nothing(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(mixed, out, workers=1)

    def times() -> dict[Path, int]:  # through the datasets' links, into the current snapshot
        return {p: p.stat().st_mtime_ns for d in PARTITIONED for p in (out / d).rglob("*.parquet")}

    before = times()
    again = ingest(mixed, out, workers=1)
    assert again.parsed == 0 and again.ok == 5 and len(again.rejected) == 1
    assert times() == before


def test_a_changed_file_replaces_its_rows_and_only_its_partition(
    mixed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    ingest(mixed, out, workers=1)
    q2 = out / "items" / "2024-Q2" / "part-0.parquet"
    q3 = out / "items" / "2024-Q3" / "part-0.parquet"
    q2_time, q3_time = q2.stat().st_mtime_ns, q3.stat().st_mtime_ns
    q3_file = mixed / "qixia-2024-q3.txt"
    q3_file.write_text(
        q3_file.read_text(encoding="utf-8").replace("已完工62户", "已完工70户"), encoding="utf-8"
    )
    summary = ingest(mixed, out, workers=1)
    assert summary.parsed == 1
    assert q2.stat().st_mtime_ns == q2_time  # untouched
    assert q3.stat().st_mtime_ns != q3_time
    fresh = tmp_path / "fresh"
    ingest(mixed, fresh, workers=1)
    for name, table in contents(fresh).items():
        assert contents(out)[name].equals(table), name  # the same as a full run


def test_force_parses_everything(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(mixed, out, workers=1)
    assert ingest(mixed, out, workers=1, force=True).parsed == len(MIXED)


def test_timeout_rejects_the_slow_file(mixed: Path, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(FIXTURES / "qixia-2024-q2.pdf"))
    slow = pdfium.PdfDocument.new()
    for _ in range(10):  # 150 pages: several seconds of parsing with pdfplumber
        slow.import_pages(source)
    slow.save(str(mixed / "slow.pdf"))
    limits = Limits(timeout=1.0, pdf_engine="pdfplumber")
    summary = ingest(mixed, tmp_path / "out", workers=2, limits=limits)
    reasons = {e.source_path: e.reason for e in summary.rejected}
    assert reasons["slow.pdf"] == "timeout"
    assert "not parsed within 1 s" in next(
        e.message or "" for e in summary.rejected if e.source_path == "slow.pdf"
    )
    assert summary.ok == 5  # the others finish well within the limit


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("big.txt", lambda: ("序号 | 名称 |\n1 | 甲 |\n" * 600_000).encode()),  # 11+ MiB of text
        ("deep.html", lambda: b"<table><tr><td>" * 40 + b"x"),
    ],
)
def test_huge_and_deep_inputs_are_too_large(
    tmp_path: Path, name: str, make: Callable[[], bytes]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(make())
    summary = ingest(folder, tmp_path / "out", workers=1)
    assert [e.reason for e in summary.rejected] == ["too_large"]


def test_decompression_bomb_docx(tmp_path: Path) -> None:
    import zipfile

    folder = tmp_path / "in"
    folder.mkdir()
    with zipfile.ZipFile(folder / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    summary = ingest(folder, tmp_path / "out", workers=1)
    assert [e.reason for e in summary.rejected] == ["too_large"]
    assert "decompression bomb" in (summary.rejected[0].message or "")


def test_memory_limit_rejects_instead_of_exhausting(tmp_path: Path) -> None:
    """A worker capped far below what a bulletin needs fails with too_large, not a crash. The
    bulletin is large (8 MB, under the .txt size limit): reading it needs more memory than a
    worker can find free in what it inherited from the fork server."""
    folder = tmp_path / "in"
    folder.mkdir()
    sample = (CORPUS / "qixia-2024-q2.txt").read_bytes()
    (folder / "a.txt").write_bytes(sample * (8 * 1024 * 1024 // len(sample)))
    summary = ingest(folder, tmp_path / "out", workers=1, limits=Limits(max_memory_mb=1))
    assert [e.reason for e in summary.rejected] == ["too_large"]


def _consistent(out: Path) -> int:
    """Datasets readable, and every item's bulletin present: returns the bulletin count."""
    tables = contents(out)
    bulletins = set(tables["bulletins"].column("bulletin_id").to_pylist())
    for name in ("items", "measures", "findings"):
        if name in tables:
            assert set(tables[name].column("bulletin_id").to_pylist()) <= bulletins
    ok = {r["bulletin_id"] for r in tables["manifest"].to_pylist() if r["status"] == "ok"}
    assert ok == bulletins
    return len(bulletins)


def test_kill_9_at_any_moment_leaves_consistent_data(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = (CORPUS / "qixia-2024-q2.txt").read_text(encoding="utf-8")
    for n in range(40):  # different bytes: 40 bulletins
        (corpus / f"b{n:02}.txt").write_text(source + f"\n第{n}份\n", encoding="utf-8")
    out = tmp_path / "out"
    script = str(Path(sys.executable).with_name("bulletins"))
    subprocess.run(
        [script, "ingest", str(corpus), "--out", str(out), "--workers", "1"],
        check=True,
        capture_output=True,
    )
    assert _consistent(out) == 40
    for n in range(40, 60):
        (corpus / f"b{n:02}.txt").write_text(source + f"\n第{n}份\n", encoding="utf-8")
    killed = 0
    for delay in (0.3, 0.8, 1.3, 1.8, 2.4, 3.0):
        run = subprocess.Popen(
            [script, "ingest", str(corpus), "--out", str(out), "--workers", "2", "--force"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(delay)
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)  # the CLI and its workers, mid-run
            killed += 1
        run.wait()
        assert _consistent(out) in (40, 60)  # the previous run's data, or this one's: never a mix
    assert killed >= 2
    subprocess.run(
        [script, "ingest", str(corpus), "--out", str(out)], check=True, capture_output=True
    )
    assert _consistent(out) == 60
    assert not leftovers(out)


def test_a_file_that_kills_its_worker_is_rejected_and_the_rest_go_on(tmp_path: Path) -> None:
    tasks = [
        (CORPUS / "qixia-2024-q2.txt", "good.txt"),
        (CORPUS / "qixia-2024-q3.txt", "killer.txt"),
    ]
    outcomes = list(run_local(tasks, 2, Limits(), task=dies_on_killer))
    by_file = {o.entry.source_path: o.entry for o in outcomes}
    assert by_file["good.txt"].status == "ok"
    assert by_file["killer.txt"].reason == "too_large"
    assert "died twice" in (by_file["killer.txt"].message or "")


@pytest.mark.parametrize("workers", [1, 2])
def test_only_the_file_that_kills_its_worker_is_rejected(workers: int) -> None:
    """Files in flight with the killer, or queued behind it, are tried again and parse."""
    good = CORPUS / "qixia-2024-q2.txt"
    tasks = [(good, f"good-{n}.txt") for n in range(4)]
    tasks += [(good, "killer.txt")] + [(good, f"good-{n}.txt") for n in range(4, 12)]
    outcomes = list(run_local(tasks, workers, Limits(), task=dies_on_killer))
    by_file = {o.entry.source_path: o.entry for o in outcomes}
    assert len(outcomes) == len(by_file) == 13
    assert by_file.pop("killer.txt").reason == "too_large"
    assert {e.status for e in by_file.values()} == {"ok"}


def test_workers_that_cannot_start_stop_the_run_with_a_clear_error(tmp_path: Path) -> None:
    """A script that calls ingest() without the `__main__` guard: every worker re-runs it and
    dies starting up. The run stops with one error and writes nothing, instead of blaming each
    file in turn (two fresh pools per file) and rejecting them all as too_large."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(6):
        shutil.copy(CORPUS / "qixia-2024-q2.txt", corpus / f"b{n}.txt")
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import sys\nfrom pathlib import Path\nfrom pipeline.run.ingest import ingest\n"
        "summary = ingest(Path(sys.argv[1]), Path(sys.argv[2]), workers=2)\n"
        "print([e.reason for e in summary.rejected])\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, str(script), str(corpus), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "WorkersCannotStart:" in line]
    assert len(errors) == 1 and "__main__" in errors[0]
    assert "too_large" not in result.stdout
    assert not out.exists() or not any(out.iterdir())


def test_output_as_a_file_uri(mixed: Path, tmp_path: Path) -> None:
    summary = ingest(mixed, (tmp_path / "out").as_uri(), workers=1)
    assert summary.ok == 5
    assert contents(tmp_path / "out")["items"].num_rows == summary.rows["items"]


def test_output_on_a_non_local_filesystem(mixed: Path, tmp_path: Path) -> None:
    """An in-memory pyarrow filesystem (what an object store looks like to the writer): the
    same data as a local run, and incremental re-runs work there too."""
    import pyarrow.parquet as pq
    from pyarrow.fs import FileSelector, _MockFileSystem

    memory = _MockFileSystem()
    first = ingest(mixed, "bucket/out", workers=1, filesystem=memory)
    again = ingest(mixed, "bucket/out", workers=1, filesystem=memory)
    assert again.parsed == 0 and again.rows == first.rows
    files = [
        i.path
        for i in memory.get_file_info(FileSelector("bucket/out", recursive=True))
        if i.is_file
    ]
    assert "bucket/out/items/2024-Q2/part-0.parquet" in files
    assert not [
        f for f in files if f.rsplit("/", 1)[-1].startswith(".")
    ]  # no temp files, no journal
    ingest(mixed, tmp_path / "local", workers=1)
    local = tmp_path / "local" / "items" / "2024-Q3" / "part-0.parquet"
    remote = "bucket/out/items/2024-Q3/part-0.parquet"
    assert pq.read_table(remote, filesystem=memory).equals(pq.read_table(local))


def test_outcomes_carry_every_field_of_every_record_and_survive_pickling() -> None:
    """Workers send back each bulletin's rows as field values in file-schema order: every
    record's every field is there, items in table order, and comes back equal."""
    import pickle

    from pipeline.model.schema import file_schema
    from pipeline.output.rows import DATASET_RECORDS
    from pipeline.run.task import parse_file, process

    path = CORPUS / "qixia-2024-q2.txt"
    parsed = parse_file(path, display_path="qixia-2024-q2.txt")
    outcome = process(path, "qixia-2024-q2.txt")
    assert outcome.rows is not None
    items = sorted(parsed.items, key=lambda i: (i.table_index, i.row_index))
    records = ([parsed.bulletin], items, parsed.measures, parsed.findings)
    # the rows of items, measures and findings end with their bulletin's year and quarter
    period = {"year": parsed.bulletin.year, "quarter": parsed.bulletin.quarter}
    for dataset, rows, expected in zip(DATASET_RECORDS, outcome.rows.rows, records, strict=True):
        names = file_schema(dataset).names
        assert rows == tuple(
            tuple(getattr(r, name) if hasattr(r, name) else period[name] for name in names)
            for r in expected
        )
        assert rows, dataset
    assert outcome.rows.partition == "2024-Q2"
    assert pickle.loads(pickle.dumps(outcome)) == outcome
