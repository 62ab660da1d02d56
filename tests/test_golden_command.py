"""`bulletins golden update|check` on a copy of corpus/, and `bulletins diff` between the
outputs of two vocabulary versions."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

import pipeline.interpret
import pipeline.run.ingest
import pipeline.vocab
from pipeline.run.cli import main
from pipeline.run.ingest import ingest
from pipeline.run.task import process
from pipeline.text.cache import clear_all
from tests.conftest import CORPUS, ROOT

# Line 9 of qixia-2024-q2.txt: item 1, whose status cell says 已完成二季度任務 (on_track).
STATUS_LINE = 9


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    shutil.copytree(CORPUS, folder)
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    status = main([str(a) for a in args])
    return status, capsys.readouterr().out


def set_status_cell(document: Path, label: str) -> None:
    lines = document.read_text(encoding="utf-8").split("\n")
    cells = lines[STATUS_LINE - 1].split(" | ")
    cells[-1] = f"{label} |"
    lines[STATUS_LINE - 1] = " | ".join(cells)
    document.write_text("\n".join(lines), encoding="utf-8")


def test_update_then_check_passes_from_anywhere_and_after_a_version_bump(
    archive: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out = run(capsys, "golden", "update", "archive", "goldens", "--workers", "1")
    assert status == 0
    assert "6 golden(s) written, 0 unchanged" in out
    golden = tmp_path / "goldens" / "qixia-2024-q2.txt.json"
    data = json.loads(golden.read_text(encoding="utf-8"))
    assert data["bulletin"]["source_path"] == "qixia-2024-q2.txt"
    assert "parser_version" not in data["bulletin"]
    assert (
        golden.read_text(encoding="utf-8")
        == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )
    assert str(tmp_path) not in golden.read_text(encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setattr(pipeline.interpret, "__version__", "9.9.9")
    status, out = run(capsys, "golden", "check", archive, tmp_path / "goldens", "--workers", "1")
    assert status == 0, out
    assert (
        out.strip()
        .splitlines()[-1]
        .startswith("documents: 6 unchanged, 0 changed, 0 new, 0 missing;")
    )


def test_a_changed_status_cell_is_named_and_update_only_accepts_it(
    archive: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    goldens = tmp_path / "goldens"
    assert run(capsys, "golden", "update", archive, goldens, "--workers", "1")[0] == 0
    before = {p.name: p.read_text(encoding="utf-8") for p in goldens.iterdir()}
    set_status_cell(archive / "qixia-2024-q2.txt", "進展緩慢")

    status, out = run(capsys, "golden", "check", archive, goldens, "--workers", "1")
    assert status == 1
    assert "changed: qixia-2024-q2.txt" in out.splitlines()
    assert "  item 1 status: on_track → behind" in out.splitlines()
    assert "  item 1 status_raw: 已完成二季度任務 → 進展緩慢" in out.splitlines()
    assert "documents: 5 unchanged, 1 changed, 0 new, 0 missing;" in out
    assert "items: 0 added, 0 removed, 1 changed; findings: 1 added, 1 removed" in out

    status, out = run(capsys, "golden", "check", archive, goldens, "--workers", "1", "--json")
    data = json.loads(out)
    assert status == 1
    assert [c["document"] for c in data["changed"]] == ["qixia-2024-q2.txt"]
    status_change = {"item": "item 1", "field": "status", "golden": "on_track", "now": "behind"}
    assert status_change in data["changed"][0]["items"]["changed"]
    assert data["summary"]["items_changed"] == 1

    only = archive / "qixia-2024-q2.txt"
    status, out = run(
        capsys, "golden", "update", archive, goldens, "--only", only, "--workers", "1"
    )
    assert status == 0
    assert "1 golden(s) written, 0 unchanged" in out
    after = {p.name: p.read_text(encoding="utf-8") for p in goldens.iterdir()}
    assert [n for n in before if before[n] != after[n]] == ["qixia-2024-q2.txt.json"]
    assert run(capsys, "golden", "check", archive, goldens, "--workers", "1")[0] == 0


def test_names_follow_the_path_under_corpus_and_drift_counts_new_and_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, goldens = tmp_path / "corpus", tmp_path / "goldens"
    (corpus / "sub").mkdir(parents=True)
    shutil.copy(CORPUS / "qixia-2024-q3.txt", corpus / "sub" / "a.txt")
    (corpus / "gone.txt").write_text("", encoding="utf-8")  # rejected: empty
    assert run(capsys, "golden", "update", corpus, goldens, "--workers", "1")[0] == 0
    golden = json.loads((goldens / "sub" / "a.txt.json").read_text(encoding="utf-8"))
    assert golden["bulletin"]["source_path"] == "sub/a.txt"
    rejected = json.loads((goldens / "gone.txt.json").read_text(encoding="utf-8"))
    assert rejected == {"error": {"reason": "empty", "message": rejected["error"]["message"]}}

    (corpus / "sub" / "a.txt").write_text("", encoding="utf-8")  # now it is rejected
    (corpus / "gone.txt").unlink()
    shutil.copy(CORPUS / "qixia-2024-q2.txt", corpus / "new.txt")
    status, out = run(capsys, "golden", "check", corpus, goldens, "--workers", "1")
    assert status == 1
    lines = out.splitlines()
    assert lines[:2] == ["changed: sub/a.txt", "  parsed → rejected (empty)"]
    assert "new: new.txt (no golden; `golden update --only` writes it)" in lines
    assert "missing: gone.txt (a golden, but no document)" in lines
    assert lines[-1].startswith("documents: 0 unchanged, 1 changed, 1 new, 1 missing;")

    status, out = run(capsys, "golden", "update", corpus, goldens, "--prune", "--workers", "2")
    assert status == 0
    assert not (goldens / "gone.txt.json").exists()
    assert run(capsys, "golden", "check", corpus, goldens, "--workers", "2")[0] == 0


def test_with_version_keeps_the_version_and_checks_it(
    archive: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    goldens = tmp_path / "goldens"
    only = ["--only", "qixia-2024-q3.txt"]
    assert run(capsys, "golden", "update", archive, goldens, *only, "--with-version")[0] == 0
    data = json.loads((goldens / "qixia-2024-q3.txt.json").read_text(encoding="utf-8"))
    assert data["bulletin"]["parser_version"] == pipeline.interpret.__version__
    monkeypatch.setattr(pipeline.interpret, "__version__", "9.9.9")
    status, out = run(capsys, "golden", "check", archive, goldens, "--workers", "1")
    assert status == 1
    assert f"  bulletin parser_version: {data['bulletin']['parser_version']} → 9.9.9" in out


def test_update_only_names_a_document(archive: Path, tmp_path: Path) -> None:
    assert main(["golden", "update", str(archive), str(tmp_path / "g"), "--only", "nope.txt"]) == 2


def test_items_are_paired_by_position_then_by_seq_and_name() -> None:
    from pipeline.run.golden_diff import compare

    def item(row: int, seq: int, name: str, status: str = "done") -> dict[str, Any]:
        return {"table_index": 0, "row_index": row, "seq": seq, "name": name, "status": status}

    def doc(items: list[dict[str, Any]]) -> dict[str, Any]:
        return {"bulletin": {}, "items": items, "measures": [], "findings": []}

    golden = doc([item(0, 1, "甲"), item(1, 2, "乙"), item(2, 3, "丙")])
    # a row inserted at the top: every row moves down one, 丙 changes status
    now = doc([item(0, 9, "新"), item(1, 1, "甲"), item(2, 2, "乙"), item(3, 3, "丙", "behind")])
    changes = compare(golden, now)["items"]
    assert changes["added"] == ["item 9 (新)"]
    assert changes["removed"] == []
    statuses = [c for c in changes["changed"] if c["field"] == "status"]
    assert statuses == [{"item": "item 3", "field": "status", "golden": "done", "now": "behind"}]
    assert {c["field"] for c in changes["changed"]} == {"row_index", "status"}


def _serial(
    tasks: Any, workers: int, executor: str, scheduler: Any, limits: Any, on_file: Any
) -> Any:
    return (process(path, display, limits) for path, display in tasks)


def _clear_caches() -> None:
    """Forget every table and what was computed from one (functools caches, per-cell caches)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("pipeline"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and value.__module__ == name:
                    value.cache_clear()
    clear_all()


@pytest.fixture
def edited_vocabulary(tmp_path: Path) -> Path:
    """A copy of pipeline/vocab/ where 已完成 is mostly_done, not done."""
    folder = tmp_path / "vocab"
    shutil.copytree(pipeline.vocab.VOCAB_DIR, folder, ignore=shutil.ignore_patterns("*.py*"))
    statuses = folder / "statuses.toml"
    text = statuses.read_text(encoding="utf-8")
    text = text.replace('"已完成", "完成",', '"完成",', 1)
    text = text.replace('mostly_done = ["基本完成"', 'mostly_done = ["已完成", "基本完成"', 1)
    statuses.write_text(text, encoding="utf-8")
    return folder


def test_diff_counts_the_statuses_a_vocabulary_change_moved(
    small_corpus: Path,
    tmp_path: Path,
    edited_vocabulary: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline.run.ingest, "run_tasks", _serial)  # parsed in this process
    ingest(small_corpus, tmp_path / "a")
    monkeypatch.setattr(pipeline.vocab, "VOCAB_DIR", edited_vocabulary)
    _clear_caches()
    try:
        ingest(small_corpus, tmp_path / "b")
    finally:
        monkeypatch.undo()
        _clear_caches()

    status, out = run(capsys, "diff", tmp_path / "a", tmp_path / "b", "--json")
    assert status == 0
    result = json.loads(out)
    # the status cells that say 已完成: 6 in qixia-2024-q2.txt, 11 in qixia-2024-q3.txt
    cells = [
        line.rstrip(" |").rsplit(" | ", 1)[-1]
        for path in sorted(small_corpus.iterdir())
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert cells.count("已完成") == 17
    assert result["items"]["statuses"] == [{"from": "done", "to": "mostly_done", "count": 17}]
    assert result["items"]["changed"] == 17
    assert result["items"]["fields"]["status"] == 17
    assert result["items"]["added"] == result["items"]["removed"] == 0
    assert result["bulletins"]["added"] == result["bulletins"]["removed"] == []

    status, out = run(capsys, "diff", tmp_path / "a", tmp_path / "b")
    assert status == 0
    assert "  done → mostly_done: 17" in out.splitlines()

    status, out = run(capsys, "diff", tmp_path / "a", tmp_path / "a", "--json")
    same = json.loads(out)
    assert same["items"]["changed"] == 0 and same["items"]["statuses"] == []
    assert same["measures"]["gained"] == same["findings"]["lost"] == {}


def test_the_readme_section_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Regression-testing your own archive", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert block is not None
    commands = [
        shlex.split(line, comments=True)
        for line in block.group(1).splitlines()
        if line.startswith("bulletins ")
    ]
    assert [c[1] for c in commands] == ["golden", "golden", "golden", "ingest", "ingest", "diff"]
    shutil.copytree(CORPUS, tmp_path / "archive")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(pipeline.run.ingest, "run_tasks", _serial)
    for command in commands:
        assert main(command[1:]) == 0, command
    out = capsys.readouterr().out
    assert "documents: 6 unchanged, 0 changed, 0 new, 0 missing;" in out
    assert "items: 0 added, 0 removed, 0 changed" in out
