"""Hostile names and text: a file name that is not UTF-8, control characters in a file name
and in a bulletin's text. Every path is recorded, and what is printed stays one line a line,
with no control character reaching the terminal."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.run.cli import main
from tests.conftest import CORPUS, FIXTURES

pytestmark = pytest.mark.torture

BAD_NAME = b"bad\xff\xfe.txt"  # not UTF-8
BAD_RECORDED = "bad\\xff\\xfe.txt"  # as the datasets and the messages spell it
HOSTILE_NAME = "x\n\x1b]0;title\x07.txt"  # a newline, and OSC 0 (sets the window title)
# What must never be printed raw: C0 (but the newlines ending lines), DEL, C1.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _copy(source: Path, folder: Path, name: bytes) -> None:
    """Write a copy of `source` under a name given as bytes (as the filesystem has it)."""
    target = os.path.join(os.fsencode(folder), name)  # noqa: PTH118 (a bytes path)
    with open(target, "wb") as handle:  # noqa: PTH123
        handle.write(source.read_bytes())


def _manifest(out: Path) -> dict[str, dict[str, object]]:
    return {row["source_path"]: row for row in pq.read_table(out / "manifest").to_pylist()}


@pytest.fixture
def bytes_corpus(tmp_path: Path) -> Path:
    """A bulletin under a name that is not UTF-8, beside two good files."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    _copy(CORPUS / "qixia-2024-q2.txt", folder, BAD_NAME)
    _copy(CORPUS / "qixia-2024-q3.txt", folder, b"good-q3.txt")
    _copy(FIXTURES / "findings-mixed.txt", folder, b"good-findings.txt")
    return folder


def test_a_name_that_is_not_utf8_is_recorded_escaped(
    bytes_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["ingest", str(bytes_corpus), "--out", str(out), "--workers", "1"]) == 0
    assert "3 files: 3 ok, 0 rejected" in capsys.readouterr().out
    manifest = _manifest(out)
    assert set(manifest) == {BAD_RECORDED, "good-q3.txt", "good-findings.txt"}
    bad = manifest[BAD_RECORDED]
    assert bad["status"] == "ok" and bad["item_count"]
    bulletins = pq.read_table(out / "bulletins").to_pylist()
    assert sorted(b["source_path"] for b in bulletins) == sorted(manifest)
    items = pq.read_table(out / "items", columns=["bulletin_id"])["bulletin_id"].to_pylist()
    assert items.count(bad["bulletin_id"]) == bad["item_count"]
    assert len(items) == sum(int(str(e["item_count"])) for e in manifest.values())

    assert main(["ingest", str(bytes_corpus), "--out", str(out), "--workers", "1"]) == 0
    assert "3 files (3 unchanged, not parsed again): 3 ok" in capsys.readouterr().out


def test_parse_reads_a_file_whose_name_is_not_utf8(
    bytes_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(bytes_corpus / os.fsdecode(BAD_NAME))
    assert main(["parse", path]) == 0
    summary = capsys.readouterr().out
    assert f"source     {bytes_corpus}/{BAD_RECORDED} (txt," in summary
    assert main(["parse", "--json", path]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert parsed["bulletin"]["source_path"] == f"{bytes_corpus}/{BAD_RECORDED}"
    assert parsed["items"]


def test_a_backslash_in_a_name_is_doubled_so_names_do_not_collide(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`bad\\xff\\xfe.txt` spelled with real backslashes is another file than the one whose
    name holds the bytes: each keeps its own entry."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    _copy(CORPUS / "qixia-2024-q2.txt", folder, BAD_NAME)
    _copy(CORPUS / "qixia-2024-q3.txt", folder, BAD_RECORDED.encode())
    out = tmp_path / "out"
    assert main(["ingest", str(folder), "--out", str(out), "--workers", "1"]) == 0
    capsys.readouterr()
    assert set(_manifest(out)) == {BAD_RECORDED, BAD_RECORDED.replace("\\", "\\\\")}


def test_a_rejected_file_whose_name_is_not_utf8_is_unchanged_next_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    _copy(FIXTURES / "garbled.txt", folder, b"\xb2\xe2-broken.txt")  # 测 in GBK: not UTF-8
    _copy(CORPUS / "qixia-2024-q3.txt", folder, b"good.txt")
    out = tmp_path / "out"
    assert main(["ingest", str(folder), "--out", str(out), "--workers", "1"]) == 1
    assert "rejected: \\xb2\\xe2-broken.txt: garbled_text" in capsys.readouterr().err
    entry = _manifest(out)["\\xb2\\xe2-broken.txt"]
    assert entry["status"] == "rejected" and entry["source_sha256"]
    assert main(["ingest", str(folder), "--out", str(out), "--workers", "1"]) == 1
    assert "(2 unchanged, not parsed again)" in capsys.readouterr().out


def test_a_rejection_names_a_hostile_file_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / HOSTILE_NAME).write_bytes(b"")  # rejected: empty
    shutil.copy(CORPUS / "qixia-2024-q3.txt", folder / "good.txt")
    out = tmp_path / "out"
    assert main(["ingest", str(folder), "--out", str(out), "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert not RAW_CONTROL.search(err)
    rejections = [line for line in err.splitlines() if line.startswith("rejected:")]
    assert rejections == [r"rejected: x\n\x1b]0;title\x07.txt: empty: the file is empty (0 bytes)"]
    # The manifest keeps the name as it is.
    assert _manifest(out)[HOSTILE_NAME]["reason"] == "empty"


def test_parse_error_lines_escape_a_hostile_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / HOSTILE_NAME
    path.write_bytes(b"")
    assert main(["parse", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and not RAW_CONTROL.search(err)
    assert main(["parse", str(tmp_path / "gone\x1b[2J.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and not RAW_CONTROL.search(err) and "\\x1b[2J" in err


def _hostile_bulletin(folder: Path) -> Path:
    """findings-mixed.txt with ESC, BEL and OSC sequences in its title, issuer and cells."""
    lines = (FIXTURES / "findings-mixed.txt").read_text(encoding="utf-8").split("\n")
    lines[0] = f"\x1b]0;pwned\x07{lines[0]}\x1b[31m"
    lines[2] = "栖霞市\x1b[1m人民政府\x07办公室"
    lines[5] = lines[5].replace("地方储备粮", "地方\x1b[2J储备粮").replace("发改局", "发改\x9b局")
    path = folder / "hostile.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_parse_prints_no_control_character_of_a_bulletin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _hostile_bulletin(tmp_path)
    assert main(["parse", str(path)]) == 0
    summary = capsys.readouterr().out
    assert not RAW_CONTROL.search(summary)
    assert summary.startswith("\\x1b]0;pwned\\x07关于2024年二季度")
    assert "issuer     栖霞市\\x1b[1m人民政府\\x07办公室" in summary
    assert "地方\\x1b[2J储备粮仓库扩建项目" in summary and "发改\\x9b局" in summary

    assert main(["parse", "--json", str(path)]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert parsed["bulletin"]["title"].startswith("\x1b]0;pwned\x07")  # raw: as read
    names = {item["name"]: item["name_norm"] for item in parsed["items"]}
    assert names["地方\x1b[2J储备粮仓库扩建项目"] == "地方[2J储备粮仓库扩建项目"


def test_norm_columns_hold_no_control_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    _hostile_bulletin(folder)
    out = tmp_path / "out"
    assert main(["ingest", str(folder), "--out", str(out), "--workers", "1"]) == 0
    capsys.readouterr()
    items = pq.read_table(out / "items").to_pylist()
    assert any(ANY_CONTROL.search(item["name"]) for item in items)  # raw: as read
    for item in items:
        for column, value in item.items():
            if column.endswith("_norm"):  # a string, or a list of them (units_norm)
                for text in value if isinstance(value, list) else [value]:
                    assert not ANY_CONTROL.search(text), (column, value)


@given(st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\0" not in b))
def test_a_recorded_name_reads_back_to_its_file(name: bytes) -> None:
    from parsers import file_of_name, recorded_name

    path = os.fsdecode(name)
    recorded = recorded_name(path)
    recorded.encode("utf-8")  # any UTF-8 writer takes it
    assert file_of_name(recorded) == path
