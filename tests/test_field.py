"""The field scorer (tools/field.py): what `make field` prints, on a page and labels of our own."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import field  # noqa: E402

SAMPLE_LABEL = {
    "id": "s001",
    "table_form": "pipe_rows",
    "is_bulletin": True,
    "has_table": True,
    "visible_rows": 30,
    "first_item": "地方儲備糧倉庫擴建項目",
    "year": 2024,
    "declared_counts": {"done": 6, "on_track": 18, "behind": 6},
}


def run(tmp_path: Path, labels: list[dict[str, object]], capsys: pytest.CaptureFixture[str]) -> str:
    texts = tmp_path / "texts"
    texts.mkdir(exist_ok=True)
    shutil.copy(ROOT / "corpus" / "qixia-2024-q2.txt", texts / "s001.txt")
    label_file = tmp_path / "labels.json"
    label_file.write_text(json.dumps(labels, ensure_ascii=False), encoding="utf-8")
    assert field.main([str(texts), "--labels", str(label_file)]) == 0
    return capsys.readouterr().out


def test_a_page_read_as_labelled_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(tmp_path, [SAMPLE_LABEL], capsys)
    assert "tables read (rows >= visible, first item found): 1/1 = 100%" in out
    assert "year right where printed: 1/1 = 100%" in out
    assert "declared counts equal to the labels: 1/1 = 100%" in out
    assert "crashes: 0" in out


def test_a_page_read_otherwise_than_labelled_misses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = {**SAMPLE_LABEL, "visible_rows": 31, "year": 2023, "declared_counts": {"done": 7}}
    out = run(tmp_path, [wrong], capsys)
    assert "tables read (rows >= visible, first item found): 0/1 = 0%" in out
    assert "year right where printed: 0/1 = 0%" in out
    assert "declared counts equal to the labels: 0/1 = 0%" in out


def test_without_texts_it_says_how_to_gather_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert field.main([]) == 0
    assert "field/README.md" in capsys.readouterr().out


def test_the_labels_are_complete() -> None:
    labels = json.loads((ROOT / "field" / "labels.json").read_text(encoding="utf-8"))
    assert len(labels) >= 100
    assert len({label["id"] for label in labels}) == len(labels)
    for label in labels:
        assert label["url"] is None or label["url"].startswith("http"), label["id"]
        assert label["has_table"] == (label["table_form"] != "none"), label["id"]
        if label["has_table"] and label["visible_rows"]:
            assert label["first_item"], label["id"]


def test_a_year_given_where_none_is_printed_is_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(tmp_path, [{**SAMPLE_LABEL, "year": None}], capsys)
    assert "years given where none is printed: 1" in out


def test_a_texts_folder_one_level_down_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(tmp_path, [SAMPLE_LABEL], capsys)  # lays out tmp_path/texts and tmp_path/labels.json
    assert field.main([str(tmp_path), "--labels", str(tmp_path / "labels.json")]) == 0
    assert "pages scored: 1 of 1 labelled" in capsys.readouterr().out
