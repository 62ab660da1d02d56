"""The `bulletins` command: exit codes, messages, JSON shape, help and README coverage."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.run.cli import build_parser, main
from pipeline.run.ingest import WorkersCannotStart
from tests.conftest import CORPUS, FIXTURES, ROOT


def test_ingest_ok(small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["ingest", str(small_corpus), "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert "2 files: 2 ok, 0 rejected; 2 bulletins, 60 items, " in stdout
    assert (out / "items" / "2024-Q2" / "part-0.parquet").is_file()
    assert (out / "items" / "2024-Q3" / "part-0.parquet").is_file()
    assert (out / "manifest" / "part-0.parquet").is_file()


# Damaged and unsupported files with the reason each must be rejected for.
BAD = {
    "empty.txt": "empty",
    "garbled.txt": "garbled_text",
    "not-a-bulletin.txt": "not_a_bulletin",
    "random-bytes.bin": "unsupported",
    "image.png": "unsupported",
    "encrypted.pdf": "encrypted",
    "scanned.pdf": "no_text_layer",
    "truncated.pdf": "corrupt",
    "random-bytes.pdf": "corrupt",
    "truncated.docx": "corrupt",
}


def test_ingest_with_bad_files(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in BAD:
        shutil.copy(FIXTURES / name, small_corpus / name)
    out = tmp_path / "out"
    # files of no format read are skipped, unless included: then they are tried, and rejected
    included = ["--include", "*.bin", "--include", "*.png"]
    assert main(["ingest", str(small_corpus), "--out", str(out), *included]) == 1
    captured = capsys.readouterr()
    rejected = [line for line in captured.err.splitlines() if line.startswith("rejected: ")]
    assert len(rejected) == len(BAD)
    for name in BAD:
        assert any(line.startswith(f"rejected: {name}: ") for line in rejected), name
    assert "Traceback" not in captured.err
    assert f"{len(BAD) + 2} files: 2 ok, {len(BAD)} rejected" in captured.out

    manifest = pq.read_table(out / "manifest").to_pylist()
    reasons = {row["source_path"]: row["reason"] for row in manifest}
    assert reasons == {**BAD, "qixia-2024-q2.txt": None, "qixia-2024-q3.txt": None}
    items = pq.read_table(out / "items").num_rows
    assert items == 60  # the good files were written


def test_duplicate_files_are_written_once(
    small_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(small_corpus / "qixia-2024-q2.txt", small_corpus / "copy-of-q2.txt")
    out = tmp_path / "out"
    assert main(["ingest", str(small_corpus), "--out", str(out)]) == 0
    assert "1 duplicate(s)" in capsys.readouterr().out
    assert pq.read_table(out / "items").num_rows == 60


def test_ingest_missing_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"bulletins: error: {tmp_path / 'nope'}: no such file or folder"


def test_workers_that_cannot_start_exit_3_with_one_line(
    small_corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The run's own failure (not a file's): one line, exit 3, no summary claiming rows."""
    import pipeline.run.cli

    def cannot_start(*args: object, **kwargs: object) -> None:
        raise WorkersCannotStart("worker processes die before running any file")

    monkeypatch.setattr(pipeline.run.cli, "ingest", cannot_start)
    assert main(["ingest", str(small_corpus), "--out", str(tmp_path / "out")]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines() == [
        "bulletins: error: worker processes die before running any file; nothing was written"
    ]


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["ingest"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main([])
    assert caught.value.code == 2


def test_parse_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(CORPUS / "qixia-2024-q2.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"bulletin", "items", "measures", "findings"}
    assert data["bulletin"]["issued_on"] == "2024-07-10"
    assert data["bulletin"]["declared_counts"] == {"done": 6, "on_track": 18, "behind": 6}
    assert len(data["items"]) == 30
    assert data["items"][0]["units"] == ["發改局"]


def test_parse_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(CORPUS / "qixia-2024-q2.txt")]) == 0
    out = capsys.readouterr().out
    assert "table      30 items: done 6, on_track 13, behind 11" in out
    assert "summary_counts_mismatch" in out


@pytest.mark.parametrize(
    ("name", "reason"), [("not-a-bulletin.txt", "not_a_bulletin"), ("empty.txt", "empty")]
)
def test_parse_rejected_json(name: str, reason: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(FIXTURES / name), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["error"]["reason"] == reason
    assert name in data["error"]["message"]


def test_parse_rejected_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(FIXTURES / "garbled.txt")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"{FIXTURES / 'garbled.txt'}: garbled_text: cannot decode")


def test_parse_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("bulletins")
    result = subprocess.run(
        [str(script), "parse", str(FIXTURES / "random-bytes.bin")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "unsupported" in result.stderr and "Traceback" not in result.stderr


def _commands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_and_is_in_the_readme(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    assert caught.value.code == 0
    assert "usage: bulletins" in capsys.readouterr().out
    assert f"bulletins {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def _run_on_terminal(args: list[str]) -> str:
    """Run the console script on a pseudo-terminal of 100 columns; return what it showed."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    script = str(Path(sys.executable).with_name("bulletins"))
    pid, fd = pty.fork()
    if pid == 0:  # the child: give the terminal a size, then become the CLI
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
        os.execv(script, [script, *args])
    shown = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.waitpid(pid, 0)
    return shown.decode("utf-8", errors="replace")


def test_progress_bar_on_a_terminal_only(small_corpus: Path, tmp_path: Path) -> None:
    shown = _run_on_terminal(["ingest", str(small_corpus), "--out", str(tmp_path / "a")])
    assert "0/2 [" in shown  # tqdm redraws at most every 0.1 s: the start is always shown
    assert "2 files: 2 ok" in shown
    piped = subprocess.run(
        [
            str(Path(sys.executable).with_name("bulletins")),
            "ingest",
            str(small_corpus),
            "--out",
            str(tmp_path / "b"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert piped.stderr == ""
    assert piped.stdout.startswith("2 files: 2 ok")
