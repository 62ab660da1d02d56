"""Table shapes of real pages read from their cells: a space-joined table with a column of the
report's task numbers (市折子号), and a per-region table flattened one cell per block whose rows
are led by numbers the header has no label for."""

from __future__ import annotations

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
