"""Signals stop everything. SIGINT and SIGTERM stop a real `bulletins ingest` mid-run: exit
status 130 or 143, one line on stderr, the datasets as they were, and no worker, fork server or
spill folder of the run left behind. After `kill -9` of the command, its workers and fork server
exit by themselves, and the next run removes the spill folder the dead one left."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pyarrow.dataset as ds
import pytest

from tests.conftest import CORPUS, FIXTURES, leftovers

pytestmark = pytest.mark.torture

SCRIPT = str(Path(sys.executable).with_name("bulletins"))
SAMPLE = CORPUS / "qixia-2024-q2.txt"
GONE_WITHIN = 5.0  # seconds for the run's processes to end once it is stopped


@pytest.fixture(scope="module")
def slow_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """150 pages: seconds of parsing with pdfplumber, so that the run is certainly mid-way when
    signalled."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(FIXTURES / "qixia-2024-q2.pdf"))
    slow = pdfium.PdfDocument.new()
    for _ in range(10):
        slow.import_pages(source)
    path = tmp_path_factory.mktemp("slow") / "a-slow.pdf"
    slow.save(str(path))
    return path


@pytest.fixture(scope="module")
def earlier_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The datasets of an earlier, complete run over one bulletin."""
    corpus = tmp_path_factory.mktemp("earlier")
    shutil.copy(SAMPLE, corpus / "b.txt")
    out = tmp_path_factory.mktemp("earlier-out") / "out"
    subprocess.run([SCRIPT, "ingest", str(corpus), "--out", str(out)], check=True)
    return out


@pytest.fixture
def corpus(tmp_path: Path, slow_pdf: Path) -> Path:
    """The earlier bulletin, the slow PDF (parsed first) and a few new bulletins."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "b.txt")
    shutil.copy(slow_pdf, folder / slow_pdf.name)
    text = SAMPLE.read_text(encoding="utf-8")
    for n in range(6):
        (folder / f"c{n}.txt").write_text(text + f"\n第{n}份\n", encoding="utf-8")
    return folder


@pytest.fixture
def temp(tmp_path: Path) -> Path:
    """The runs' TMPDIR, where their spill folders go."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


def start(
    corpus: Path, out: Path, temp: Path, watched: list[psutil.Process]
) -> subprocess.Popen[bytes]:
    """The run, watched, its stderr in temp/../stderr (a file: a pipe would stay open as long
    as any process of the run is left)."""
    with (temp.parent / "stderr").open("wb") as stderr:
        run = subprocess.Popen(
            # the slower PDF engine keeps the slow PDF seconds long
            [
                SCRIPT,
                "ingest",
                str(corpus),
                "--out",
                str(out),
                "--workers",
                "2",
                "--pdf-engine",
                "pdfplumber",
            ],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "TMPDIR": str(temp)},
            start_new_session=True,  # its own process group, as a shell gives a command
        )
    watched.append(psutil.Process(run.pid))
    return run


def ended(run: subprocess.Popen[bytes], temp: Path) -> list[str]:
    """The lines the run started with `temp` printed on stderr, once it has ended."""
    run.wait(timeout=60)
    return (temp.parent / "stderr").read_text(encoding="utf-8").splitlines()


def running_workers(run: subprocess.Popen[bytes], count: int) -> list[psutil.Process]:
    """Every process the run has started, once `count` pool workers (children of the fork
    server, which is a child of the command) are running."""
    command = psutil.Process(run.pid)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert run.poll() is None, "the run ended before its workers were seen"
        # processes come and go while the tree is read: a read that loses one is tried again
        with contextlib.suppress(psutil.Error):
            servers = [
                p
                for p in command.children()
                if "multiprocessing.forkserver" in " ".join(p.cmdline())
            ]
            if sum(len(server.children()) for server in servers) >= count:
                return command.children(recursive=True)
        time.sleep(0.05)
    raise AssertionError(f"no {count} workers within two minutes")


def alive(processes: list[psutil.Process]) -> list[psutil.Process]:
    """Those still running (a zombie, dead but not yet reaped by its new parent, is not)."""
    left = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                left.append(process)
        except psutil.NoSuchProcess:
            pass
    return left


def alive_after(processes: list[psutil.Process], seconds: float) -> list[psutil.Process]:
    deadline = time.monotonic() + seconds
    while alive(processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive(processes)


@pytest.fixture
def reaper() -> Iterator[list[psutil.Process]]:
    """Processes a test watches: any still running at its end are killed, so that a failing
    test leaves nothing behind either."""
    watched: list[psutil.Process] = []
    yield watched
    for process in alive(watched):
        process.kill()


def snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def spill_folders(temp: Path) -> list[Path]:
    return sorted(temp.glob("bulletins-rows-*"))


@pytest.mark.parametrize(
    ("signum", "to_group", "status"),
    [
        (signal.SIGTERM, False, 143),
        (signal.SIGINT, False, 130),
        (signal.SIGINT, True, 130),  # Ctrl-C at a terminal: every process of the group gets it
    ],
    ids=["sigterm", "sigint", "ctrl-c-to-the-group"],
)
def test_a_signal_stops_the_run_and_everything_it_started(
    signum: signal.Signals,
    to_group: bool,
    status: int,
    corpus: Path,
    earlier_out: Path,
    tmp_path: Path,
    temp: Path,
    reaper: list[psutil.Process],
) -> None:
    out = tmp_path / "out"
    shutil.copytree(earlier_out, out, symlinks=True)  # the layout as the tool wrote it
    before = snapshot(out)
    run = start(corpus, out, temp, reaper)
    reaper += running_workers(run, 2)
    assert len(spill_folders(temp)) == 1  # the run is under way
    if to_group:
        os.killpg(run.pid, signum)
    else:
        os.kill(run.pid, signum)
    stderr = ended(run, temp)
    assert run.returncode == status, stderr
    assert stderr == [
        f"bulletins: interrupted by {signum.name}; nothing was written ({out} is as it was)"
    ], "\n".join(stderr)
    assert alive_after(reaper, GONE_WITHIN) == []
    assert spill_folders(temp) == []
    assert snapshot(out) == before


def test_after_kill_9_the_workers_exit_and_the_next_run_removes_the_spill_folder(
    corpus: Path, tmp_path: Path, temp: Path, reaper: list[psutil.Process]
) -> None:
    run = start(corpus, tmp_path / "out", temp, reaper)
    reaper += running_workers(run, 2)
    [left] = spill_folders(temp)
    os.kill(run.pid, signal.SIGKILL)  # the command alone: nothing tells its workers
    run.wait(timeout=60)
    assert alive_after(reaper, GONE_WITHIN) == []
    assert spill_folders(temp) == [left]  # nothing could remove it

    from pipeline.output.spill import spill_prefix

    # A folder of a live run (this process) stays; one named after this pid but another start
    # time belongs to a process that has ended, like the killed run's.
    live = Path(tempfile.mkdtemp(prefix=spill_prefix(), dir=temp))
    reused = temp / f"bulletins-rows-{os.getpid()}-1-abcd1234"
    reused.mkdir()
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(SAMPLE, small / "b.txt")
    subprocess.run(
        [SCRIPT, "ingest", str(small), "--out", str(tmp_path / "next"), "--workers", "1"],
        check=True,
        capture_output=True,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    assert spill_folders(temp) == [live]


def test_a_signal_during_the_commit_lets_it_finish(
    tmp_path: Path, temp: Path, reaper: list[psutil.Process]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    years = range(1990, 2014)  # a partition each: a commit of a hundred files, not instant
    for year in years:
        moved = text.replace("2024", str(year)).replace("2025", str(year + 1))
        (corpus / f"b{year}.txt").write_text(moved, encoding="utf-8")
    out = tmp_path / "out"
    run = start(corpus, out, temp, reaper)
    reaper += running_workers(run, 2)
    snapshots = out / ".bulletins" / "snapshots"
    while not any(snapshots.rglob("part-0.parquet")):  # the commit's new snapshot begun
        assert run.poll() is None, "the run was over before its commit was seen"
        time.sleep(0.01)
    os.kill(run.pid, signal.SIGTERM)
    stderr = ended(run, temp)
    assert run.returncode == 143, stderr
    assert stderr == [
        "bulletins: interrupted by SIGTERM; the commit had begun and was completed:"
        f" {out} holds this run's datasets"
    ]
    bulletins = ds.dataset(out / "bulletins", format="parquet").to_table()
    assert sorted(bulletins.column("year").to_pylist()) == list(years)
    manifest = ds.dataset(out / "manifest", format="parquet").to_table()
    assert manifest.column("status").to_pylist() == ["ok"] * len(years)
    assert not leftovers(out)  # no unfinished snapshot, no journal
    assert alive_after(reaper, GONE_WITHIN) == []
    assert spill_folders(temp) == []
