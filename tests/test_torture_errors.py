"""Errors of the run itself, bad arguments and honest rejection reasons.

A run that cannot be done ends with one line and exit status 3, leaving the datasets as they
were; bad argument values are one-line usage errors (exit 2); a file that cannot be read, is
too large or is not a regular file is said to be so, without being opened or hashed.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

import pipeline.run.ingest
from parsers import read_document
from parsers.docx_reader import read_docx
from parsers.errors import TooLarge
from pipeline.run.cli import main
from pipeline.run.task import Limits, Outcome, process
from tests.conftest import CORPUS, FIXTURES

pytestmark = pytest.mark.torture


def _run(argv: list[str]) -> int:
    """main(), with argparse's exit taken as a return."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def _no_parsing(*args: object, **kwargs: object) -> Iterator[Outcome]:
    raise AssertionError("a file was parsed")


def _serial(
    tasks: list[tuple[Path, str]],
    workers: int,
    executor: str,
    scheduler: str | None,
    limits: Limits,
    on_file: Any,
) -> Iterator[Outcome]:
    """The per-file task run in this process, so that what the test patches applies to it."""
    for path, display in tasks:
        outcome = process(path, display, limits)
        if on_file:
            on_file(outcome)
        yield outcome


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _manifest(out: Path) -> dict[str, dict[str, Any]]:
    return {row["source_path"]: row for row in pq.read_table(out / "manifest").to_pylist()}


# -- errors of the run itself: one line, exit 3, nothing written ---------------------------------


def test_out_under_proc_fails_before_any_file_is_parsed(
    small_corpus: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline.run.ingest, "run_tasks", _no_parsing)
    assert _run(["ingest", str(small_corpus), "--out", "/proc/bulletins-out"]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        "bulletins: error: --out /proc/bulletins-out: cannot write there"
        " (No such file or directory); nothing was written"
    ]


def test_disk_full_during_the_commit_leaves_the_previous_datasets(
    small_corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pipeline.output.storage import Storage

    out = tmp_path / "out"
    assert _run(["ingest", str(small_corpus), "--out", str(out)]) == 0
    before = _snapshot(out)
    capsys.readouterr()

    real_write = Storage.write_table
    calls: list[str] = []

    def fills_the_disk(self: Storage, table: Any, path: str) -> None:
        calls.append(path)
        if len(calls) < 3:  # a few partition files are written, then the disk is full
            real_write(self, table, path)
            return
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)

    monkeypatch.setattr(Storage, "write_table", fills_the_disk)
    assert _run(["ingest", str(small_corpus), "--out", str(out), "--force"]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"bulletins: error: {calls[-1]}: No space left on device; nothing was written"
    ]
    assert _snapshot(out) == before  # not a partition changed, no stray file left


def test_disk_full_in_the_temporary_folder_names_it(
    small_corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pipeline.output.spill

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "Error writing bytes to file")  # as pyarrow words it

    monkeypatch.setattr(pipeline.output.spill, "batch", full)
    out = tmp_path / "out"
    assert _run(["ingest", str(small_corpus), "--out", str(out)]) == 3
    assert capsys.readouterr().err.splitlines() == [
        f"bulletins: error: {tempfile.gettempdir()}: Error writing bytes to file;"
        " nothing was written"
    ]
    assert not (out / "manifest").exists()


def test_unreadable_manifest_is_a_run_error(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert _run(["ingest", str(small_corpus), "--out", str(out)]) == 0
    manifest = out / "manifest" / "part-0.parquet"
    manifest.write_bytes(b"not parquet at all")
    capsys.readouterr()
    assert _run(["ingest", str(small_corpus), "--out", str(out)]) == 3
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    # the manifest named by the path it is read at: OUT/manifest leads into the current snapshot
    current = (out / "manifest").resolve() / "part-0.parquet"
    assert err[0].startswith("bulletins: error: ") and str(current) in err[0]
    assert err[0].endswith("; nothing was written")


# -- a file that cannot be read is a rejection, never a crash -------------------------------------


def test_unreadable_file_on_an_incremental_run_is_rejected(
    small_corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    assert _run(["ingest", str(small_corpus), "--out", str(out)]) == 0
    capsys.readouterr()

    # As root, chmod does not stop a read: refuse it where the file is opened.
    real_open = Path.open

    def denied(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "qixia-2024-q3.txt":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    monkeypatch.setattr(pipeline.run.ingest, "run_tasks", _serial)
    assert _run(["ingest", str(small_corpus), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "rejected: qixia-2024-q3.txt: unreadable: cannot read the file (Permission denied)"
    ]
    assert "2 files (1 unchanged, not parsed again): 1 ok, 1 rejected" in captured.out
    manifest = _manifest(out)
    assert manifest["qixia-2024-q3.txt"]["reason"] == "unreadable"
    assert manifest["qixia-2024-q2.txt"]["status"] == "ok"


def test_an_io_error_inside_a_reader_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.run.task

    def io_error(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(pipeline.run.task, "parse_file", io_error)
    entry = process(CORPUS / "qixia-2024-q2.txt", "q2.txt").entry
    assert (entry.status, entry.reason) == ("rejected", "unreadable")
    assert entry.message == "q2.txt: unreadable: cannot read the file (Input/output error)"


# -- arguments ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [
        *[("--timeout", v) for v in ("0", "-1", "nan", "inf", "1e12")],
        *[("--max-memory", v) for v in ("0", "-1", "nan", "inf", "1e12")],
        ("--out", "mock://x"),
    ],
)
def test_bad_argument_values_are_one_line_usage_errors(
    option: str,
    value: str,
    small_corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline.run.ingest, "run_tasks", _no_parsing)
    argv = ["ingest", str(small_corpus), "--out", str(tmp_path / "out"), option, value]
    assert _run(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("bulletins ingest: error: argument ") and value in lines[0]
    assert not (tmp_path / "out").exists()


# -- paths that are not regular files -------------------------------------------------------------


def test_fifo_and_broken_links_in_the_corpus_are_skipped_and_said(
    small_corpus: Path, tmp_path: Path
) -> None:
    os.mkfifo(small_corpus / "pipe.txt")
    (small_corpus / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (small_corpus / "loop.txt").symlink_to(small_corpus / "loop.txt")
    out = tmp_path / "out"
    script = Path(sys.executable).with_name("bulletins")
    result = subprocess.run(
        [str(script), "ingest", str(small_corpus), "--out", str(out), "--workers", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,  # opening the FIFO would block for ever
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "skipped: gone.txt: a dangling symbolic link, not a regular file",
        "skipped: loop.txt: a symbolic link loop, not a regular file",
        "skipped: pipe.txt: a FIFO, not a regular file",
    ]
    assert "2 files: 2 ok, 0 rejected, 3 skipped (not regular files); " in result.stdout
    assert set(_manifest(out)) == {"qixia-2024-q2.txt", "qixia-2024-q3.txt"}


def test_parse_names_a_fifo_and_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert _run(["parse", str(fifo)]) == 2
    assert capsys.readouterr().err == f"bulletins: error: {fifo}: is a FIFO, not a regular file\n"
    assert _run(["parse", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"bulletins: error: {tmp_path}: is a folder; use ingest\n"


# -- size limits before reading and hashing --------------------------------------------------------


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def test_a_file_over_its_size_limit_is_neither_read_nor_hashed(
    small_corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _sparse(small_corpus / "huge.txt", 64 * 1024 * 1024)  # over the 10 MiB limit for text
    hashed: list[str] = []
    real_sha = pipeline.run.ingest.sha256_of

    def spy(path: Path) -> str:
        hashed.append(path.name)
        return real_sha(path)

    monkeypatch.setattr(pipeline.run.ingest, "sha256_of", spy)
    out = tmp_path / "out"
    for _ in range(2):  # the first run, and an incremental one
        assert _run(["ingest", str(small_corpus), "--out", str(out)]) == 1
        row = _manifest(out)["huge.txt"]
        assert (row["reason"], row["source_sha256"]) == ("too_large", None)
        assert "64.0 MiB is over the 10 MiB limit for txt files" in row["message"]
    assert "huge.txt" not in hashed
    assert "qixia-2024-q2.txt" in hashed  # the spy sees what is hashed
    capsys.readouterr()


def test_read_document_refuses_a_file_over_its_limit_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = _sparse(tmp_path / "huge.txt", 64 * 1024 * 1024)

    def no_reading(self: Path) -> bytes:
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(TooLarge, match="over the 10 MiB limit for txt files"):
        read_document(huge)


# -- libxml2 at its limits: too large, not corrupt ---------------------------------------------


def _docx_with(document_xml: bytes) -> bytes:
    """The Word fixture with another word/document.xml."""
    source = zipfile.ZipFile(FIXTURES / "qixia-2024-q2.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, document_xml if info.filename == "word/document.xml" else data)
    return buffer.getvalue()


W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_libxml2_out_of_memory_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    """What lxml raises when libxml2 cannot allocate (a 190 MiB document.xml under the memory
    limit): an XMLSyntaxError of code ERR_NO_MEMORY saying "unknown error"."""
    import docx
    from lxml import etree

    def out_of_memory(*args: object) -> None:
        raise etree.XMLSyntaxError("unknown error", etree.ErrorTypes.ERR_NO_MEMORY, 0, 0)

    monkeypatch.setattr(docx, "Document", out_of_memory)
    raw = (FIXTURES / "qixia-2024-q2.docx").read_bytes()
    with pytest.raises(TooLarge, match="too large to parse"):
        read_docx(raw, path="big.docx", sha256="0" * 64)


def test_xml_nested_past_libxml2_limit_is_too_large() -> None:
    deep = b"<w:document " + W + b"><w:body>" + b"<w:p>" * 300 + b"</w:p>" * 300
    raw = _docx_with(deep + b"</w:body></w:document>")
    with pytest.raises(TooLarge, match="too large to parse"):
        read_docx(raw, path="deep.docx", sha256="0" * 64)


def test_console_script_exit_3_on_an_impossible_out(tmp_path: Path) -> None:
    """The whole command, as a user runs it: exit 3 and one line, not a traceback."""
    script = Path(sys.executable).with_name("bulletins")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "qixia-2024-q2.txt", corpus)
    result = subprocess.run(
        [str(script), "ingest", str(corpus), "--out", "/proc/self/bulletins"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("bulletins: error: --out /proc/self/bulletins")
