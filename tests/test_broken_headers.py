"""Progress tables whose header a flattened page broke: a space-joined header over several
lines or with a period cut off its label, a pipe header wrapped onto a second row, an item
label damaged by a lost character (tables/layouts.py, tables/rows.py, tables/header.py)."""

from __future__ import annotations

from pathlib import Path

from parsers.document import Cell
from pipeline.run.task import parse_file
from pipeline.tables.block_labels import joins_next
from pipeline.tables.fit import align
from pipeline.tables.header import header_role, map_header
from pipeline.tables.rows import locate_header

FIXTURES = Path(__file__).parent / "fixtures"


def _row(*texts: str) -> tuple[Cell, ...]:
    return tuple(Cell(text) for text in texts)


def test_two_labels_whose_join_reads_as_the_second_stay_two_columns() -> None:
    assert not joins_next("任务完成率", "备注")
    assert not joins_next("序号", "项目")
    assert joins_next("备", "注") and joins_next("责任", "领导")


def test_a_rate_label_with_a_percent_sign_is_a_rate() -> None:
    assert header_role("1-8月实际完成率%") == "rate"
    assert header_role("开工率(%)") == "rate"


def test_the_column_after_the_row_number_is_the_item_when_its_label_is_damaged() -> None:
    header = map_header(["序号", "项目?jī)?nèi)容", "工作进度安排", "目前实施情况", "牵头单位"])
    assert header.roles == ("id", "item", "target", "progress", "units")
    # with the item column understood, a target is not read as the item
    assert map_header(["序号", "目标任务", "完成情况"]).roles == ("id", "item", "status")


def test_a_pipe_header_wrapped_onto_a_second_row_is_one_header() -> None:
    rows = [
        _row("序号", "项目名称", "责任单位", "目标任务", "1-6月实际完成情况"),
        _row("任务完成率", "备注", ""),
        _row("1", "新建5G基站", "市工信局", "100个", "106个", "106%", "", ""),
    ]
    located = locate_header(rows)
    assert located is not None
    index, header = located
    assert index == 1
    assert header.roles == ("id", "item", "units", "target", "progress", "rate", "remark")


def test_a_row_a_cell_short_lacks_its_later_cell_at_equal_fit() -> None:
    roles = ["id", "item", "units", "target", "progress", "rate", "remark"]
    cells = [
        Cell(t) for t in ("4", "提升民生保障水平", "市民政局", "集中供养率达到60%以上", "100%")
    ]
    laid = align(cells, roles, " ", mixed=False)
    assert laid is not None
    assert [c.text for c in laid] == [
        "4", "提升民生保障水平", "市民政局", "集中供养率达到60%以上", "", "100%", "",
    ]  # fmt: skip
    # and a rate and a label stay two cells rather than one joined cell and an empty one
    roles = ["item", "target", "units", "progress", "rate", "remark"]
    cells = [Cell(t) for t in ("农村危房改造(户)", "80", "80", "100", "已完成")]
    laid = align(cells, roles, "\n", mixed=True)
    assert laid is not None and [c.text for c in laid][-2:] == ["100", "已完成"]


def test_fixture_space_joined_header_broken_over_three_lines() -> None:
    parsed = parse_file(FIXTURES / "space-joined-header-three-lines.txt")
    assert parsed.bulletin.table_count == 1
    assert len(parsed.items) == 7  # the last row, cut after its first character, as printed
    assert parsed.items[0].name == "稳就业保就业"
    assert [i.units for i in parsed.items[:3]] == [("市人社局",), ("市卫健局",), ("市住建局",)]
    assert [i.rate for i in parsed.items[:3]] == [0.94, 0.39, 1.0]
    assert (parsed.items[3].target, parsed.items[3].progress) == ("集中供养率达到60%以上", None)
    # row 6 lacks its 完成数, so a count (51个村) stands where the rate is: not read as 51%
    assert parsed.items[5].rate is None
    assert [i.status for i in parsed.items[:5]] == [
        "on_track", "behind", "done", "done", "done",
    ]  # fmt: skip


def test_fixture_space_joined_header_with_a_period_cut_off_its_label() -> None:
    parsed = parse_file(FIXTURES / "space-joined-period-cut.txt")
    assert parsed.bulletin.table_count == 1
    assert [(i.seq, i.parent_seq) for i in parsed.items] == [
        (1, None), (2, None), (3, None), (4, None), (5, None), (6, None), (None, 6), (7, None),
    ]  # fmt: skip
    assert parsed.items[0].name == "稳就业保就业:城镇新增就业"
    assert parsed.items[1].units == ("工信局",)
    assert [i.rate for i in parsed.items[:4]] == [0.94, 1.06, 0.92, 0.34]
    assert [i.status for i in parsed.items[:4]] == ["on_track", "done", "on_track", "behind"]


def test_fixture_pipe_rows_header_wrapped_onto_a_second_row() -> None:
    parsed = parse_file(FIXTURES / "pipe-rows-header-two-lines.txt")
    assert len(parsed.items) == 6  # the last row, cut, as printed
    assert parsed.items[0].name == "稳就业保就业"
    assert [(i.target, i.progress, i.rate) for i in parsed.items[:2]] == [
        ("600人", "562人", 0.94), ("100个", "106个", 1.06),
    ]  # fmt: skip
    assert [i.remark for i in parsed.items[:2]] == [None, None]  # empty cells past the last
    # row 3 lacks a cell, so its rate column holds a note: no rate read from it
    assert [i.status for i in parsed.items[:4]] == ["on_track", "done", "unknown", "behind"]


def test_fixture_pipe_rows_item_label_damaged_traditional() -> None:
    parsed = parse_file(FIXTURES / "pipe-rows-damaged-label-traditional.txt")
    assert len(parsed.items) == 2
    assert parsed.items[0].name == "新建5G基站100個以上 (聚焦鄉鎮駐地、建制村)。"
    assert parsed.items[0].target is not None and parsed.items[0].target.startswith("第一季度")
    assert parsed.items[0].units == ("市工信局",)
    assert [i.status for i in parsed.items] == ["unknown", "unknown"]
