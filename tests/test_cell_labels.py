"""Cell-based tables whose header labels are broken: over the lines of one block
(tables/blank_cells.py), over the pipe lines of a per-region table (tables/matrix.py); and
the items of a table without an item column (tables/header.py)."""

from __future__ import annotations

from pathlib import Path

from parsers.document import Cell, Paragraph, Table
from pipeline.run.task import parse_file
from pipeline.tables.blank_cells import recover_blank_line_tables
from pipeline.tables.header import header_role, map_header
from pipeline.tables.matrix import broken_header_joined

FIXTURES = Path(__file__).parent / "fixtures"


def _block(*lines: str, line: int = 1) -> list[Paragraph]:
    """One block of lines: a blank line before its first line only."""
    return [Paragraph(text, line=line + i, gap_before=i == 0) for i, text in enumerate(lines)]


def test_header_label_broken_over_the_lines_of_its_block_is_one_label() -> None:
    blocks = _block("序号") + _block("重点工作及", "责任分解内容") + _block("牵头", "责任单位")
    blocks += _block("前三季度", "进展情况") + _block("前三季度", "完成状况")
    blocks += _block("1") + _block("建成社区食堂") + _block("区民政局") + _block("已建成")
    blocks += _block("序时推进")
    (table,) = [b for b in recover_blank_line_tables(blocks) if isinstance(b, Table)]
    assert [c.text for c in table.rows[0]] == [
        "序号", "重点工作及责任分解内容", "牵头责任单位", "前三季度进展情况", "前三季度完成状况",
    ]  # fmt: skip
    assert [c.text for c in table.rows[1]] == [
        "1",
        "建成社区食堂",
        "区民政局",
        "已建成",
        "序时推进",
    ]


def test_a_block_of_two_labels_of_their_own_is_not_one_label() -> None:
    blocks = _block("序号") + _block("项目名称") + _block("进展情况")
    blocks += _block("考核指标", "单位") + _block("1") + _block("建成社区食堂")
    blocks += _block("已建成") + _block("个")
    tables = [b for b in recover_blank_line_tables(blocks) if isinstance(b, Table)]
    assert [c.text for c in tables[0].rows[0]] == ["序号", "项目名称", "进展情况"]


def test_status_column_labels_of_a_period() -> None:
    assert header_role("完成状况") == "status"
    assert header_role("前三季度完成状况") == "status"
    assert header_role("前三季度进展情况") == "progress"


def test_fixture_labels_broken_in_their_blocks() -> None:
    parsed = parse_file(FIXTURES / "blank-cells-labels-in-block.txt")
    assert [i.name for i in parsed.items] == [
        "建成燕子矶街道社区养老服务中心",
        "新建改造城市公园绿地3处",
        "推进老旧小区改造10个",
        "新增公办幼儿园学位600个",
    ]
    assert [i.units for i in parsed.items] == [
        ("燕子矶街道",), ("区城管局",), ("区住建局",), ("区教育局",),
    ]  # fmt: skip
    assert [i.status for i in parsed.items] == ["on_track", "done", "behind", "unknown"]
    assert parsed.items[0].target == "完成主体装修及适老化设备安装"
    assert parsed.items[3].progress == "八卦洲幼儿园主体结构已封顶,"


def test_of_several_target_columns_without_an_item_column_the_first_names_the_items() -> None:
    header = map_header(
        ["序号", "年度目标", "牵头单位", "季度目标", "季度具体完成情况", "完成状况"]
    )
    assert header.roles == ("id", "item", "units", "target", "progress", "status")
    assert map_header(["序号", "目标任务", "进展情况"]).roles == ("id", "item", "progress")
    # one label over several columns: an indicator's columns repeated, no item among them
    assert "item" not in map_header(["序号", "目标任务", "完成数", "目标任务", "完成数"]).roles


def test_fixture_annual_target_names_the_items() -> None:
    parsed = parse_file(FIXTURES / "blank-cells-annual-target-named.txt")
    assert [(i.seq, i.name, i.target) for i in parsed.items] == [
        (1, "社会消费品零售总额增长5%", "增长5%"),
        (2, "城镇新增就业8000人", "新增就业4000人"),
        (3, "新建社区食堂12个", "建成6个"),
        (4, "新增停车泊位3000个", None),
    ]
    assert [i.status for i in parsed.items] == ["on_track", "done", "behind", "unknown"]
    assert parsed.items[2].progress == "已建成3个,其余正在装修"
    # a blank 分管领导 cell and 配合单位 over several blocks: the rows are fitted, and said so
    assert [f.seq for f in parsed.findings if f.check == "row_ambiguous"] == [1, 2, 3, 4]


def test_fixture_region_matrix_with_a_header_broken_over_lines() -> None:
    # 目标任务 | … | 年初预 算安排数 | then one label a line, a line of a pipe alone; 地区 spans
    # the header's rows; 全 市 is the total row, no region's
    items = parse_file(FIXTURES / "pipe-matrix-broken-header.txt").items
    assert [i.group for i in items] == ["玄 武", "秦 淮", "建 邺", "鼓 楼", "栖 霞", "雨花台"]
    assert {i.name for i in items} == {"十五、新建50个城乡社区养老服务站"}
    assert [(i.target, i.rate) for i in items[:2]] == [("8", 1.0), ("10", 0.7)]
    # the funding columns (预算安排数, 下达数, 拨付数) are kept as remarks before the note
    assert items[4].remark == "250 200.00 125.00 用地调整"


def test_a_header_row_of_labels_one_a_line_is_joined_when_the_rows_are_as_wide() -> None:
    def row(*texts: str) -> tuple[Cell, ...]:
        return tuple(Cell(text, line=1) for text in texts)

    rows = [
        row("县区", "目标任务", "完成数"),
        row("完成比例"),
        row(""),
        row("甲县", "5", "4", "80%"),
    ]
    joined = broken_header_joined(rows)
    assert [c.text for c in joined[0]] == ["县区", "目标任务", "完成数", "完成比例"]
    assert len(joined) == 2
    # a table whose rows are not as wide as the joined labels is left as it is
    rows = [row("县区", "目标任务", "完成数"), row("完成比例"), row("甲县", "5", "4")]
    assert broken_header_joined(rows) == tuple(rows)


def test_fixture_a_summary_by_sector_in_pipe_cells() -> None:
    # one row per sector (分类名称), a share of the plan in percent, the money kept as remarks
    items = parse_file(FIXTURES / "pipe-cells-category-matrix.txt").items
    assert [i.name for i in items] == ["农林水利", "城建环保", "商贸服务", "社会事业"]
    assert [i.rate for i in items] == [0.774, 0.842, 0.751, 0.828]
    assert items[0].remark == "12 20.50 3.10 2.4%"


def test_fixture_bare_pipes_before_the_table_and_a_section_after_its_header() -> None:
    items = parse_file(FIXTURES / "pipe-cells-bare-pipes-section.txt").items
    assert [i.seq for i in items] == [1, 2, 3, 4]
    assert [i.group for i in items] == ["一、优化基本公共服务(4件)"] * 2 + [
        "二、提升城乡人居环境(3件)"
    ] * 2
    assert items[0].name == "新建改扩建中小学校5所,新增学位3000个"
    assert items[3].units == ("区城管局",)


def test_fixture_a_department_s_slice_keeps_the_district_s_numbers() -> None:
    items = parse_file(FIXTURES / "blank-cells-department-slice.txt").items
    assert [i.seq for i in items] == [4, 17]
    assert items[1].progress == "2处森林公园已完成设计招标,东郊森林公园完成土方平整。"


def test_fixture_emptied_rows_are_no_header_cells() -> None:
    parsed = parse_file(FIXTURES / "pipe-cells-emptied-rows.txt")
    assert [i.seq for i in parsed.items] == [3, 6, 7, 9]
    assert parsed.items[2].units == ("节水中心",)
    assert (parsed.bulletin.issuer, str(parsed.bulletin.issued_on)) == ("区住建局", "2024-06-18")
