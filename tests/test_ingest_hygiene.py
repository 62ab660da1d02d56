"""What `ingest` reads under CORPUS, what it refuses, what its summary says, and what the
Makefile installs for each target."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from parsers import is_readable
from pipeline.run.cli import main
from pipeline.run.discovery import Selection, find_files
from tests.conftest import FIXTURES, ROOT


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    status = main(["ingest", *args])
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def _read(out: Path) -> set[str]:
    return {row["source_path"] for row in pq.read_table(out / "manifest").to_pylist()}


@pytest.fixture
def mixed(small_corpus: Path) -> Path:
    """Two bulletins, a PDF bulletin without a suffix (its name ends in a date), and what
    else an archive holds: code, JSON, Parquet, documentation, bytes without a suffix."""
    (small_corpus / "tools").mkdir()
    (small_corpus / "tools" / "fetch.py").write_text("print('通报')\n", encoding="utf-8")
    (small_corpus / "index.json").write_text('{"files": 3}\n', encoding="utf-8")
    pq.write_table(pa.table({"a": [1, 2]}), small_corpus / "items.parquet")
    (small_corpus / "README.md").write_text("# 通报\n", encoding="utf-8")
    (small_corpus / "notes.MD").write_text("notes\n", encoding="utf-8")
    shutil.copy(FIXTURES / "random-bytes.bin", small_corpus / "blob")
    shutil.copy(FIXTURES / "qixia-2024-q2.pdf", small_corpus / "二季度通报 2024.06")
    return small_corpus


def test_a_mixed_archive_reads_only_bulletins(
    mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    status, lines, err = _run(capsys, str(mixed), "--out", str(out))
    assert status == 0, err
    assert err == ""
    assert lines[0].startswith("3 files: 3 ok, 0 rejected; 3 bulletins, 90 items, ")
    assert (
        "6 other files skipped: not a format this tool reads (--include GLOB reads them)" in lines
    )
    assert _read(out) == {"qixia-2024-q2.txt", "qixia-2024-q3.txt", "二季度通报 2024.06"}


def test_include_tries_a_file_of_any_type_and_exclude_wins(
    mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = ["--include", "*.parquet", "--include", "tools", "--exclude", "*.py"]
    status, lines, err = _run(capsys, str(mixed), "--out", str(out), *args)
    assert status == 1
    assert "rejected: items.parquet: unsupported: " in err
    assert "1 file excluded by --exclude" in lines
    assert "1 rejected: 1 unsupported" in lines
    assert lines[1].startswith("4 other files skipped: ")
    assert _read(out) == {
        "items.parquet", "qixia-2024-q2.txt", "qixia-2024-q3.txt", "二季度通报 2024.06"
    }  # fmt: skip


def test_exclude_a_folder_and_globs_on_the_relative_path(small_corpus: Path) -> None:
    (small_corpus / "2023" / "old").mkdir(parents=True)
    for name in ("2023/a.txt", "2023/old/b.TXT", "2023/c.md"):
        (small_corpus / name).write_text("x", encoding="utf-8")
    names = lambda paths: sorted(p.relative_to(small_corpus).as_posix() for p in paths)  # noqa: E731
    found = find_files(small_corpus, Selection.of(exclude=["2023/old"]))
    assert names(found.files) == ["2023/a.txt", "qixia-2024-q2.txt", "qixia-2024-q3.txt"]
    assert names(found.excluded) == ["2023/old/b.TXT"]
    assert names(found.others) == ["2023/c.md"]
    found = find_files(small_corpus, Selection.of(include=["2023/*.md"], exclude=["qixia-*"]))
    assert names(found.files) == ["2023/a.txt", "2023/c.md", "2023/old/b.TXT"]
    assert names(found.excluded) == ["qixia-2024-q2.txt", "qixia-2024-q3.txt"]


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "read"),
    [
        ("a.TXT", b"\x00\x01", True),  # by suffix, in any case, whatever the content
        ("a.Pdf", b"", True),
        ("a.htm", b"", True),
        ("a.doc", b"", True),  # read to be rejected with its hint
        ("a.py", "通报".encode(), False),
        ("a.json", b"{}", False),
        ("a.png", (FIXTURES / "image.png").read_bytes(), False),
        ("pdf", (FIXTURES / "qixia-2024-q2.pdf").read_bytes(), True),
        ("word", (FIXTURES / "qixia-2024-q2.docx").read_bytes(), True),
        ("zip", _zip({"data.csv": b"1,2"}), False),
        ("page", b"  <!DOCTYPE html><html></html>", True),
        ("gbk", "二季度通报".encode("gb18030"), True),
        ("utf16", "通报".encode("utf-16"), True),
        ("bytes", (FIXTURES / "random-bytes.bin").read_bytes(), False),
        ("empty", b"", False),
        ("通报2024.06", "通报".encode(), True),  # a date is no suffix: told by content
    ],
)
def test_which_files_a_walk_reads(name: str, content: bytes, read: bool, tmp_path: Path) -> None:
    (tmp_path / name).write_bytes(content)
    assert is_readable(tmp_path / name) is read


def test_parse_tries_one_file_whatever_its_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(FIXTURES / "qixia-2024-q2.pdf", tmp_path / "bulletin.json")
    assert main(["parse", str(tmp_path / "bulletin.json")]) == 0
    assert "30 items" in capsys.readouterr().out


@pytest.mark.parametrize("where", ["inside", "link", "holds"])
def test_out_and_corpus_that_overlap_are_refused(
    where: str, small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, out = small_corpus, small_corpus / "output"
    if where == "link":
        (tmp_path / "alias").symlink_to(small_corpus)
        out = tmp_path / "alias" / "output"
    elif where == "holds":
        out = tmp_path
    status, lines, err = _run(capsys, str(corpus), "--out", str(out))
    assert status == 2
    assert lines == []
    assert len(err.splitlines()) == 1
    expected = "is inside CORPUS" if where != "holds" else "is inside --out"
    assert err.startswith("bulletins: error: ") and expected in err
    assert not (small_corpus / "output").exists()
    assert not (tmp_path / ".bulletins").exists()


def test_the_summary_counts_rejections_and_says_where_the_manifest_is(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("truncated.pdf", "scanned.pdf", "random-bytes.pdf"):
        shutil.copy(FIXTURES / name, small_corpus / name)
    out = tmp_path / "out"
    status, lines, _ = _run(capsys, str(small_corpus), "--out", str(out))
    assert status == 1
    assert lines[0].startswith("5 files: 2 ok, 3 rejected; 2 bulletins, 60 items, ")
    assert lines[0].endswith(f" written to {out}")
    assert lines[1] == "3 rejected: 2 corrupt, 1 no_text_layer"
    assert re.fullmatch(
        rf"done in \d+\.\d s; manifest \(one row per file read\): {re.escape(str(out))}/manifest",
        lines[2],
    )
    assert len(lines) == 3


def test_rows_of_files_no_longer_read_are_kept_and_said(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    shutil.copy(FIXTURES / "qixia-2024-q2.html", small_corpus / "q2.html")
    assert _run(capsys, str(small_corpus), "--out", str(out))[0] == 0
    (small_corpus / "qixia-2024-q3.txt").unlink()
    status, lines, _ = _run(capsys, str(small_corpus), "--out", str(out), "--exclude", "*.html")
    assert status == 0
    assert (
        "1 file no longer under CORPUS: their rows are kept; run with --prune to remove them"
        in lines
    )
    assert (
        "1 file under CORPUS no longer read (skipped or excluded): their rows are kept;"
        " run with --prune to remove them" in lines
    )
    assert _read(out) == {"qixia-2024-q2.txt", "qixia-2024-q3.txt", "q2.html"}
    status, lines, _ = _run(capsys, str(small_corpus), "--out", str(out), "--prune")
    assert status == 0
    assert not any("--prune" in line for line in lines)
    assert _read(out) == {"qixia-2024-q2.txt", "q2.html"}


def _make(folder: Path, target: str) -> list[str]:
    result = subprocess.run(
        ["make", "-n", target], cwd=folder, capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_installs_the_runtime_alone_and_test_the_dev_extra(tmp_path: Path) -> None:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    installs = [line for line in _make(tmp_path, "run") if "pip install" in line]
    assert len(installs) == 1 and installs[0].endswith(" -e .")
    installs = [line for line in _make(tmp_path, "test") if "pip install" in line]
    assert len(installs) == 1 and installs[0].endswith(" -e '.[dev]'")
    # what the dev install leaves (both stamps, newer than pyproject.toml): nothing to install
    (tmp_path / ".venv").mkdir()
    for stamp in (".runtime-stamp", ".dev-stamp"):
        (tmp_path / ".venv" / stamp).touch()
    for target in ("run", "test", "pytest", "golden", "bench", "field"):
        assert not any("pip install" in line for line in _make(tmp_path, target)), target
