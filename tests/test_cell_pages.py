"""Table shapes of real pages read from their cells: a space-joined table with a column of the
report's task numbers (市折子号), and a per-region table flattened one cell per block whose rows
are led by numbers the header has no label for."""

from __future__ import annotations

from pathlib import Path

from pipeline.model.records import ParsedBulletin
from pipeline.run.task import parse_file
from pipeline.tables.header import header_role
from tests.conftest import FIXTURES


def test_a_task_number_column_of_any_level_is_a_remark() -> None:
    for label in ("折子号", "市折子号", "区折子号", "区政府折子号"):
        assert header_role(label) == "remark", label


def test_fixture_space_joined_task_number_column() -> None:
    parsed = parse_file(FIXTURES / "space-joined-task-number-column.txt")
    items = parsed.items
    assert [item.seq for item in items] == [1, 2, 3, 4]
    # the task number is kept as a remark, not read as a part of the task
    assert [item.remark for item in items] == ["12", "37", "58", "81"]
    assert items[0].name.startswith("推进老旧小区综合整治,完成城北片区12个小区")
    assert items[0].progress is not None and items[0].progress.startswith("成立东江区")
    assert items[3].name == "新增中小学学位2000个、幼儿园学位900个"
    assert items[3].progress is None  # the page cut the row before its progress
    assert (parsed.bulletin.year, parsed.bulletin.quarter) == (2024, 1)


def test_investment_columns_of_a_per_region_table_are_known() -> None:
    assert header_role("重点项目个数") == "remark"  # the projects a region's row covers
    assert header_role("项目总投资金额(亿元)") == "remark"  # planned money
    assert header_role("累计投资金额(亿元)") == "quantity"
    assert header_role("本期新增投资(亿元)") == "quantity"


def test_fixture_blank_cells_region_rows_led_by_unlabelled_numbers() -> None:
    parsed = parse_file(FIXTURES / "blank-cells-region-unlabelled-numbers.txt")
    items = parsed.items
    # a region per numbered row, the 全市 total row above them kept out, the cut row 4 left out
    assert [item.group for item in items] == ["东江高新区", "市直单位", "江北新区"]
    assert {item.name for item in items} == {"指标1"}
    assert [item.progress for item in items] == ["5.95", "15.12", "7.91"]
    assert [item.rate for item in items] == [0.3766, 0.4974, 0.5418]
    assert [item.status for item in items] == ["behind", "on_track", "on_track"]
    assert items[0].remark == "9 96.20 15.80"
    checks = [f.check for f in parsed.findings]
    assert "total_mismatch" in checks  # the page is cut: the total is more than its rows


def _parse_text(tmp_path: Path, text: str) -> ParsedBulletin:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


# A per-region table whose indicator columns repeat no pattern of roles (two remarks, then a
# quantity and a rate): one indicator.
REGION_PIPES = """2023年1-5月各县区重点项目完成投资情况
地区 | 项目个数 | 总投资 | 计划投资 | 完成投资 | 完成率(%)
全市 | 20 | 300 | 60 | 31 | 51.7
南山县 | 8 | 120 | 25 | 15 | 60
北河县 | 12 | 180 | 35 | 16 | 45.7
"""


def test_a_region_table_with_one_indicator_of_repeated_roles(tmp_path: Path) -> None:
    items = _parse_text(tmp_path, REGION_PIPES).items
    assert [(i.group, i.progress, i.rate) for i in items] == [
        ("南山县", "15", 0.6),
        ("北河县", "16", 0.457),
    ]
    assert items[0].remark == "8 120 25"


def test_a_region_table_in_blank_cells_without_row_numbers(tmp_path: Path) -> None:
    labels = ["地区", "项目个数", "计划投资", "完成投资", "完成率(%)"]
    cells = [*labels, "南山县", "8", "25", "15", "60", "北河县", "12", "35", "16", "45.7"]
    text = "2023年1-5月各县区重点项目完成投资情况\n\n" + "\n\n".join(cells) + "\n"
    items = _parse_text(tmp_path, text).items
    assert [(i.group, i.progress, i.rate) for i in items] == [
        ("南山县", "15", 0.6),
        ("北河县", "16", 0.457),
    ]
