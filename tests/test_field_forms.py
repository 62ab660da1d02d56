"""The field rewriting tool (tools/field_forms.py): tables rewritten in other forms, on a page
and labels of our own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_field import ROOT, SAMPLE_LABEL

import field_forms  # isort: skip  (after tests.test_field, which puts tools/ on the path)

LABEL = {**SAMPLE_LABEL, "declared_counts": None}


def test_pipe_rows_rewritten_in_each_form() -> None:
    text = "标题\n序号 | 名称 | 单位 |\n1 | 新建幼儿园 | |"
    assert field_forms.pipe_rows_as(text, "blank-line cells").split("\n") == [
        *("标题", "序号", "", "名称", "", "单位", "", "1", "", "新建幼儿园", ""),
    ]
    assert field_forms.pipe_rows_as(text, "pipe cells").split("\n")[-3:] == [
        *("1 |", "新建幼儿园 |", "|"),
    ]
    assert field_forms.pipe_rows_as(text, "tabs").split("\n")[-1] == "1\t新建幼儿园\t"
    assert field_forms.pipe_rows_as(text, "spaces").split("\n")[-1] == "1 新建幼儿园"


def test_list_markers_restyled_keep_their_numbers() -> None:
    text = "一、总体情况\n1.新建幼儿园。已完成。\n2.改造小区。正在推进。\n12.新增公交线路。已开通。"
    assert field_forms.markers_as(text, "(一)").split("\n")[1:] == [
        *("(一)新建幼儿园。已完成。", "(二)改造小区。正在推进。", "(十二)新增公交线路。已开通。"),
    ]
    assert field_forms.markers_as("只有一行", "1.") is None
    for number in (1, 9, 10, 12, 20, 23):
        assert field_forms._number(field_forms._chinese(number)) == number


def test_the_tool_reports_each_rewriting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    shutil.copy(ROOT / "corpus" / "qixia-2024-q2.txt", texts / "s001.txt")
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps([LABEL], ensure_ascii=False), encoding="utf-8")
    assert field_forms.main([str(texts), "--labels", str(labels)]) == 0
    out = capsys.readouterr().out
    assert "pipe rows as tabs" in out and "pipe rows as blank-line cells" in out
    assert all(line.split()[-2].endswith("/1") for line in out.strip().split("\n")), out
    assert field_forms.main([str(tmp_path / "nothing"), "--labels", str(labels)]) == 0
    assert "no field texts found" in capsys.readouterr().out
