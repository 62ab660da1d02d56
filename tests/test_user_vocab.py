"""User vocabulary folders (--vocab, BULLETINS_VOCAB), the parser fingerprint that makes an
edited vocabulary re-parse the files, and rejections over a limit retried under a larger one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import vocab
from pipeline.model.records import ManifestEntry
from pipeline.run import fingerprint as fingerprints
from pipeline.run.cli import main
from pipeline.run.ingest import Limits, ingest, parse_file
from pipeline.text.script import match_key
from pipeline.vocab.user import VocabularyError, merged
from tests.conftest import CORPUS

NEW_LABEL = "已交付使用"  # not in the built-in statuses.toml
BULLETINS = str(Path(sys.executable).with_name("bulletins"))


@pytest.fixture(autouse=True)
def fresh_vocabulary(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No user folder from the environment, and no table read under another test's. The
    variable is set (to nothing), so that it is put back as it was even after main() set it."""
    monkeypatch.setenv(vocab.USER_VOCAB_ENV, "")
    vocab.reload()
    yield
    vocab.reload()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two bulletins; in the first, item 7 (教體局, 已完成) has a label the tables lack."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = (CORPUS / "qixia-2024-q2.txt").read_text(encoding="utf-8")
    changed = text.replace("| 教體局 | 已完成 |\n", f"| 教體局 | {NEW_LABEL} |\n")
    assert changed.count(NEW_LABEL) == 1
    (folder / "delivered-2024-q2.txt").write_text(changed, encoding="utf-8")
    shutil.copy(CORPUS / "qixia-2024-q3.txt", folder / "qixia-2024-q3.txt")
    return folder


def _user_folder(tmp_path: Path, status: str) -> Path:
    folder = tmp_path / "vocab"
    folder.mkdir(exist_ok=True)
    (folder / "statuses.toml").write_text(
        f'[labels]\n{status} = ["{NEW_LABEL}"]\n', encoding="utf-8"
    )
    return folder


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own (the pool's fork server is then its own too), with
    no BULLETINS_VOCAB from the test's environment."""
    env = {k: v for k, v in os.environ.items() if k != vocab.USER_VOCAB_ENV}
    return subprocess.run(
        [BULLETINS, *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def _status_of_new_label(out: Path) -> list[str]:
    items = pq.read_table(out / "items", columns=["status", "status_raw"]).to_pylist()
    return [row["status"] for row in items if row["status_raw"] == NEW_LABEL]


def test_the_label_is_unknown_to_the_built_in_tables(corpus: Path) -> None:
    assert match_key(NEW_LABEL) not in vocab.statuses().exact
    parsed = parse_file(corpus / "delivered-2024-q2.txt")
    assert [i.status for i in parsed.items if i.status_raw == NEW_LABEL] == ["unknown"]


def test_a_user_label_maps_a_status_and_its_edit_reparses(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    user = _user_folder(tmp_path, "done")
    args = ("ingest", str(corpus), "--out", str(out), "--vocab", str(user), "--workers", "1")

    first = _run(*args)
    assert first.returncode == 0, first.stderr
    assert "2 files: 2 ok, 0 rejected" in first.stdout
    assert _status_of_new_label(out) == ["done"]  # parsed by a pool worker, which saw --vocab

    _user_folder(tmp_path, "on_track")  # the user edits the table: no --force
    edited = _run(*args)
    assert edited.returncode == 0, edited.stderr
    assert "2 files: 2 ok" in edited.stdout  # both parsed again
    assert _status_of_new_label(out) == ["on_track"]
    fingerprints_recorded = set(pq.read_table(out / "manifest")["parser_fingerprint"].to_pylist())
    assert len(fingerprints_recorded) == 1 and None not in fingerprints_recorded

    unchanged = _run(*args)  # the same vocabulary: nothing is parsed again
    assert "2 files (2 unchanged, not parsed again)" in unchanged.stdout
    assert _status_of_new_label(out) == ["on_track"]


def test_parse_reads_the_user_folder(corpus: Path, tmp_path: Path) -> None:
    user = _user_folder(tmp_path, "ahead")
    result = _run("parse", str(corpus / "delivered-2024-q2.txt"), "--json", "--vocab", str(user))
    assert result.returncode == 0, result.stderr
    assert f'"status_raw": "{NEW_LABEL}"' in result.stdout
    assert '"status": "unknown"' not in result.stdout  # item 7 is ahead now


def test_editing_a_built_in_table_reparses(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert ingest(corpus, out, workers=1).parsed == 2
    assert ingest(corpus, out, workers=1).parsed == 0

    copy = tmp_path / "builtin"
    shutil.copytree(vocab.VOCAB_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    table = copy / "statuses.toml"
    table.write_text(
        table.read_text(encoding="utf-8").replace('"有序推进",', f'"有序推进", "{NEW_LABEL}",', 1),
        encoding="utf-8",
    )
    monkeypatch.setattr(vocab, "VOCAB_DIR", copy)
    vocab.reload()
    assert vocab.statuses().exact[match_key(NEW_LABEL)] == "in_progress"

    assert ingest(corpus, out, workers=1).parsed == 2  # no force
    assert ingest(corpus, out, workers=1).parsed == 0


CLASHES = {
    "statuses.toml": ('[labels]\nbehind = ["已完成"]\n', "'已完成' is listed under two statuses"),
    "headers.toml": ('[roles.unit]\nexact = ["序号"]\n', "'序号' is listed under two roles"),
    "colours.toml": ("x = 1\n", "no rule table named 'colours'"),
    "units.toml": ("units = [\n", "Invalid"),
    "lists.toml": ('markers = "1"\n', "markers is a string, where the built-in table has a"),
}


@pytest.mark.parametrize("name", sorted(CLASHES))
def test_a_bad_user_table_is_one_line_and_exit_2(
    name: str, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, said = CLASHES[name]
    user = tmp_path / "vocab"
    user.mkdir()
    (user / name).write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["ingest", str(corpus), "--out", str(out), "--vocab", str(user)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"bulletins: error: {user / name}: "), err
    assert said in err
    assert not out.exists()  # nothing parsed, nothing written


def test_a_missing_vocab_folder_is_a_usage_error(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope"
    assert main(["parse", str(corpus / "qixia-2024-q3.txt"), "--vocab", str(missing)]) == 2
    assert capsys.readouterr().err == f"bulletins: error: --vocab {missing}: no such folder\n"


def test_the_merge_rule() -> None:
    base = {"a": [1, 2], "t": {"x": 1, "l": ["p"]}, "s": "old", "keep": True}
    user = {"a": [2, 3], "t": {"l": ["q"], "y": 2}, "s": "new", "added": [0]}
    assert merged(base, user, Path("u.toml")) == {
        "a": [1, 2, 3],
        "t": {"x": 1, "l": ["p", "q"], "y": 2},
        "s": "new",
        "keep": True,
        "added": [0],
    }
    assert base["a"] == [1, 2]  # not changed
    with pytest.raises(VocabularyError, match=r"^u\.toml: t\.x is a list, where"):
        merged(base, {"t": {"x": []}}, Path("u.toml"))


def test_a_timeout_is_retried_under_a_larger_timeout_only(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (corpus / "qixia-2024-q3.txt").unlink()
    tight = Limits(timeout=0.001)  # no bulletin is read in a millisecond
    first = ingest(corpus, out, workers=1, limits=tight)
    assert [e.reason for e in first.rejected] == ["timeout"]
    same = ingest(corpus, out, workers=1, limits=tight)
    assert same.parsed == 0 and [e.reason for e in same.rejected] == ["timeout"]

    larger = ingest(corpus, out, workers=1, limits=Limits(timeout=120))
    assert larger.parsed == 1 and larger.ok == 1 and not larger.rejected
    assert ingest(corpus, out, workers=1, limits=Limits(timeout=200)).parsed == 0  # ok stays
    row = pq.read_table(out / "manifest").to_pylist()[0]  # the limits it was read under
    assert row["timeout_seconds"] == 120 and row["max_memory_mib"] == tight.max_memory_mb


def _rejected(reason: str, timeout: float, memory: int) -> ManifestEntry:
    return ManifestEntry(
        "a.txt", "0" * 64, "txt", "rejected", reason, "a.txt: ...", None, 0, 0, "0.1.0",
        "f" * 16, timeout, memory,
    )  # fmt: skip


def test_memory_rejections_are_retried_under_a_larger_memory_limit() -> None:
    limits = Limits(timeout=120, max_memory_mb=2048)
    assert fingerprints.retried(_rejected("too_large", 120, 1024), limits)
    assert not fingerprints.retried(_rejected("too_large", 120, 2048), limits)
    assert not fingerprints.retried(_rejected("too_large", 60, 4096), limits)
    assert fingerprints.retried(_rejected("timeout", 60, 4096), limits)
    assert not fingerprints.retried(_rejected("corrupt", 1, 1), limits)


def test_the_fingerprint_covers_code_and_vocabulary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fingerprints.fingerprint()
    assert before == fingerprints.fingerprint()
    monkeypatch.setenv(vocab.USER_VOCAB_ENV, str(_user_folder(tmp_path, "done")))
    vocab.reload()
    assert fingerprints.fingerprint() != before
    monkeypatch.setattr(fingerprints, "code_digest", lambda: "another code")
    monkeypatch.delenv(vocab.USER_VOCAB_ENV)
    vocab.reload()
    assert fingerprints.fingerprint() != before
