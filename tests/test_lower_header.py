"""The columns of a two-level header (pipeline/tables/lower_header.py): the lower labels placed
by position, by the characters they share with an upper label, or by kinds of role, by what
the caller knows of the lower row."""

from __future__ import annotations

import pytest

from parsers.document import Paragraph, Table
from pipeline.tables.blank_cells import recover_blank_line_tables
from pipeline.tables.lower_header import (
    Column,
    by_kinds,
    by_position,
    by_shared_characters,
    columns,
)


def _labels(placed: list[Column] | None) -> list[str] | None:
    return None if placed is None else [column.label for column in placed]


def test_a_lower_row_with_its_blanks_goes_by_position() -> None:
    upper = ["序号", "项目名称", "责任单位", "进展情况", ""]
    lower = ["", "", "", "至8月10日进展", "最新进展"]
    placed = columns(upper, lower, blanks_kept=True)
    assert placed is not None
    assert [column.joined for column in placed] == [
        "序号", "项目名称", "责任单位", "进展情况/至8月10日进展", "最新进展",
    ]  # fmt: skip
    assert [column.at for column in placed] == [0, 1, 2, 3, 4]
    assert by_position(upper, lower[:-1]) is None  # not as wide as the upper row


def test_left_aligned_lower_labels_go_under_the_last_upper_label() -> None:
    # 序号 | 项目名称 | 起止年限 | 具体内容 | 2024年进展情况 | | over 截至6月底进展 | 7月工作计划 |
    # …: no labels go under 序号 or 项目名称
    upper = ["序号", "项目名称", "起止年限", "具体内容", "2024年进展情况", ""]
    lower = ["截至6月底进展", "7月工作计划", "", "", "", ""]
    placed = by_position(upper, lower)
    assert placed is not None
    assert [column.lower for column in placed] == [None] * 4 + ["截至6月底进展", "7月工作计划"]
    assert [column.joined for column in placed][-2:] == [
        "2024年进展情况/截至6月底进展",
        "7月工作计划",
    ]
    # more lower labels than there are columns from the last upper label on
    assert by_position(upper[:5], ["截至6月底进展", "7月工作计划", "备注", "", ""]) is None


def test_lower_labels_without_blanks_go_by_the_characters_they_share() -> None:
    upper = ["序号", "项目名称", "投资计划(万元)", "投资完成情况", "备注"]
    placed = columns(upper, ["完成额度(万元)", "占比(%)"])
    assert _labels(placed) == [
        "序号",
        "项目名称",
        "投资计划(万元)",
        "完成额度(万元)",
        "占比(%)",
        "备注",
    ]
    assert placed is not None and {column.upper for column in placed[3:5]} == {"投资完成情况"}
    # on a tie, the last upper label; none at all when no upper label shares two characters
    assert _labels(by_shared_characters(["序号", "完成情况", "完成率"], ["完成额度"])) == [
        "序号", "完成情况", "完成额度",
    ]  # fmt: skip
    assert by_shared_characters(["序号", "项目名称", "责任单位"], ["进展"]) is None


def test_a_run_of_labels_is_cut_into_two_rows_by_kinds_of_role() -> None:
    upper = ["序号", "目标任务", "牵头单位", "工作进度"]
    placed = columns(upper, ["重点工作", "主要内容", "10月完成情况", "进度状态"], split_known=False)
    assert _labels(placed) == [
        "序号",
        "重点工作",
        "主要内容",
        "牵头单位",
        "10月完成情况",
        "进度状态",
    ]
    assert placed is not None and [column.at for column in placed] == [0, 1, 1, 2, 3, 3]
    # a blank in a run stays a blank column under its upper label
    placed = by_kinds(["序号", "工作进度", "工作进展", "", "进度状态"])
    assert _labels(placed) == ["序号", "工作进展", "", "进度状态"]
    # the upper row read so far may hold lower labels already: where it ends is looked for
    assert _labels(columns([*upper, "重点工作"], ["主要内容"], split_known=False)) == [
        "序号", "重点工作", "主要内容", "牵头单位", "工作进度",
    ]  # fmt: skip


def test_a_single_level_header_is_not_read_as_two() -> None:
    assert by_kinds(["序号", "项目名称", "目标任务", "进展情况", "完成情况"]) is None
    # labels the header reader takes all: no lower level is looked for
    labels = ["序号", "目标任务", "牵头单位", "工作进度", "进展情况", "备注"]
    texts = [*labels, "1", "新建口袋公园6处。", "住建局", "已建成3处", "已建成3处", "无"]
    blocks = [Paragraph(t, line=i + 1, gap_before=True) for i, t in enumerate(texts)]
    (table,) = recover_blank_line_tables(blocks)
    assert isinstance(table, Table)
    assert [cell.text for cell in table.rows[0]] == labels
    assert _labels(
        by_kinds(["序号", "目标任务", "牵头单位", "工作进度", "重点工作", "主要内容"])
    ) == [
        "序号",
        "重点工作",
        "主要内容",
        "牵头单位",
        "工作进度",
    ]


@pytest.mark.parametrize(
    ("lower", "options"),
    [
        pytest.param(["完成额度", "1"], {}, id="a-row-number"),
        pytest.param(["", "新建口袋公园6处"], {"blanks_kept": True}, id="a-cell-of-text"),
        pytest.param(["", ""], {"blanks_kept": True}, id="blanks-only"),
        pytest.param([], {"split_known": False}, id="none"),
    ],
)
def test_lower_labels_are_all_header_labels(lower: list[str], options: dict[str, bool]) -> None:
    assert columns(["序号", "投资完成情况"], lower, **options) is None


def test_a_lower_row_with_blanks_is_a_row() -> None:
    with pytest.raises(ValueError, match="its start is known"):
        columns(["序号", "项目名称"], ["", "完成情况"], blanks_kept=True, split_known=False)
