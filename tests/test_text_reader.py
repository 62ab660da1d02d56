"""The text reader: paragraphs, pipe tables in layouts (a) and (b), damaged edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.document import Paragraph, Table
from parsers.text_reader import text_to_blocks
from pipeline.run.task import parse_file


def blocks(text: str) -> list[Paragraph | Table]:
    return list(text_to_blocks(text.split("\n")))


def cells(table: Paragraph | Table) -> list[list[str]]:
    assert isinstance(table, Table)
    return [[c.text for c in row] for row in table.rows]


LAYOUT_A = [
    ("trailing pipe", "序号 | 名称 | 状态 |\n1 | 甲 | 已完成 |", [["序号", "名称", "状态"], ["1", "甲", "已完成"]]),
    ("no edge pipes", "序号 | 名称 | 状态\n1 | 甲 | 已完成", [["序号", "名称", "状态"], ["1", "甲", "已完成"]]),
    ("both edges", "| 序号 | 名称 |\n| 1 | 甲 |", [["序号", "名称"], ["1", "甲"]]),
    ("full-width", "｜序号｜名称｜\n｜1｜甲｜", [["序号", "名称"], ["1", "甲"]]),
    ("markdown rule", "| 序号 | 名称 |\n|---|:--:|\n| 1 | 甲 |", [["序号", "名称"], ["1", "甲"]]),
    ("empty middle cell", "序号 | 名称 | 单位 | 状态 |\n1 | 甲 || 已完成 |", [["序号", "名称", "单位", "状态"], ["1", "甲", "", "已完成"]]),
    ("unspaced pipe is text", "序号 | 名称 |\n1 | A|B类 |", [["序号", "名称"], ["1", "A|B类"]]),
    ("spaced stray pipe splits", "序号 | 名称 |\n1 | A | B |", [["序号", "名称"], ["1", "A", "B"]]),
    ("row continues on next line", "序号 | 名称 |\n1 | 第一行\n第二行 |", [["序号", "名称"], ["1", "第一行\n第二行"]]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in LAYOUT_A], ids=[c[0] for c in LAYOUT_A]
)
def test_layout_a(text: str, expected: list[list[str]]) -> None:
    (table,) = blocks(text)
    assert isinstance(table, Table) and not table.flow
    assert cells(table) == expected


def test_layout_b_is_a_flow_table() -> None:
    (table,) = blocks("序号 |\n名称 |\n状态 |\n1 |\n甲 |\n|\n2 |\n乙 |\n已完成 |")
    assert isinstance(table, Table) and table.flow
    assert [c.text for c in table.cells] == [
        "序号",
        "名称",
        "状态",
        "1",
        "甲",
        "",
        "2",
        "乙",
        "已完成",
    ]


def test_layout_b_piled_empty_cells() -> None:
    (table,) = blocks("序号 |\n名称 |\n单位 |\n状态 |\n1 |\n甲 |\n||\n2 |\n乙 |\n|||")
    assert [c.text for c in table.cells][4:] == ["1", "甲", "", "", "2", "乙", "", "", ""]


def test_layout_b_dash_cell_is_not_a_markdown_rule() -> None:
    (table,) = blocks("序号 |\n状态 |\n1 |\n- |")
    assert [c.text for c in table.cells] == ["序号", "状态", "1", "-"]


def test_layout_b_cell_over_two_lines() -> None:
    (table,) = blocks("序号 |\n名称 |\n1 |\n第一行,\n第二行 |")
    assert [c.text for c in table.cells] == ["序号", "名称", "1", "第一行,\n第二行"]


def test_paragraphs_and_tables_keep_order_and_lines() -> None:
    found = blocks("标题\n\n说明文字\n序号 | 名称 |\n1 | 甲 |\n落款\n2024年7月10日")
    kinds = [type(b).__name__ for b in found]
    assert kinds == ["Paragraph", "Paragraph", "Table", "Paragraph", "Paragraph"]
    assert [b.line for b in found] == [1, 3, 4, 6, 7]
    table = found[2]
    assert isinstance(table, Table)
    assert [[c.line for c in row] for row in table.rows] == [[4, 4], [5, 5]]


def test_a_single_pipe_line_is_a_paragraph() -> None:
    (block,) = blocks("甲 | 乙")
    assert isinstance(block, Paragraph) and block.text == "甲 | 乙"


@pytest.mark.parametrize("space", ["\u00a0", "\u2002"])
def test_a_table_joined_by_no_break_spaces_reads_as_one_joined_by_spaces(
    space: str, tmp_path: Path
) -> None:
    # &nbsp; as a page's text gives it (the ideographic space stays: pages indent with it)
    fixture = Path(__file__).parent / "fixtures" / "space-joined-subrows.txt"
    page = tmp_path / "nbsp.txt"
    page.write_text(fixture.read_text(encoding="utf-8").replace(" ", space), encoding="utf-8")
    expected = [(i.name, i.progress) for i in parse_file(fixture).items]
    assert expected and [(i.name, i.progress) for i in parse_file(page).items] == expected


def test_tab_separated_rows_are_a_table_with_their_empty_cells() -> None:
    # a table copied from a browser, or a sheet saved as text: a tab between cells
    (title, table) = blocks(
        "2024年民生实事进展情况\n序号\t项目名称\t责任单位\t进展情况\n1\t新建幼儿园3所\t\t已完成"
    )
    assert isinstance(title, Paragraph)
    assert cells(table) == [
        ["序号", "项目名称", "责任单位", "进展情况"],
        ["1", "新建幼儿园3所", "", "已完成"],
    ]


def test_a_lone_tab_or_an_indenting_tab_is_layout() -> None:
    (one,) = blocks("发布日期:2024-07-10\t来源:区政府办")
    assert isinstance(one, Paragraph) and one.text == "发布日期:2024-07-10\t来源:区政府办"
    indented = blocks("\t一、总体进展情况\n\t全区20项民生实事已完成8项。")
    assert [b.text for b in indented if isinstance(b, Paragraph)] == [
        "一、总体进展情况",
        "全区20项民生实事已完成8项。",
    ]


def test_bars_between_cells_a_line_are_the_gaps_between_cells() -> None:
    cells_text = [
        "序号",
        "市州",
        "新开工小区数(个)",
        "开工率",
        "1",
        "东江市",
        "126",
        "全部开工",
        "2",
    ]
    found = blocks("\n|\n".join(cells_text))
    assert [b.text for b in found if isinstance(b, Paragraph)] == cells_text
    # fewer cells so are lines of text with bars between, left as they are
    short = blocks("\n|\n".join(cells_text[:4]))
    assert [b.text for b in short if isinstance(b, Paragraph)].count("|") == 3


def test_a_bar_among_cells_ending_in_bars_is_still_an_empty_cell() -> None:
    text = "序号 |\n名称 |\n状态 |\n1 |\n甲 |\n|\n2 |\n乙 |\n|\n3 |\n丙 |\n|\n4 |\n丁 |\n|"
    (table,) = blocks(text)
    assert isinstance(table, Table) and [c.text for c in table.cells][3:6] == ["1", "甲", ""]


def test_a_pipe_between_two_words_is_a_column_tag_not_a_cell_border() -> None:
    lines = [
        "聚焦|东江上半年民生实事进展顺利",
        "今年上半年,全市30项民生实事项目推进总体良好,其中6项已提前完成。",
        "- 预告|政风热线:周三上午10时上线2024-07-15",
        "- 关注|东江南站进入全面施工阶段2024-07-15",
    ]
    blocks = list(text_to_blocks(lines))
    assert all(isinstance(block, Paragraph) for block in blocks)
    assert len(blocks) == 4
    # a row of two cells with spaced or edge pipes is still one
    rows = list(text_to_blocks(["项目 | 进展", "建设书房 | 已完成"]))
    assert [type(block) for block in rows] == [Table]


def test_column_tags_leave_the_narrative_counts_to_be_read() -> None:
    parsed = parse_file(Path(__file__).parent / "fixtures" / "narrative-column-tags.txt")
    assert parsed.bulletin.declared_total == 30
    assert parsed.bulletin.declared_counts == {"ahead": 21}


def test_a_table_of_two_columns_with_unspaced_pipes_is_still_a_table() -> None:
    lines = [
        "民生实事项目|一季度进展情况",
        "新建城市书房3个|已完成选址,正在设计",
        "改造老旧小区12个|已全部开工",
    ]
    blocks = list(text_to_blocks(lines))
    assert [type(block) for block in blocks] == [Table]
