"""Progress tables of real pages given as cells, in shapes the first readers missed: a group
column left of the row number printed as section headings between the rows, a per-region
table whose region column has a label the vocabulary does not know, a two-level header whose
lower labels were given as a row (or blocks) of their own."""

from __future__ import annotations

from pipeline.run.task import parse_file
from tests.conftest import FIXTURES


def test_a_group_column_left_of_the_number_printed_as_headings() -> None:
    # 类别 | 编号 | 工作任务 | … one cell per line: the 类别 cells are heading rows (一、…), so
    # every row is a cell short of the header and is anchored on its number.
    items = parse_file(FIXTURES / "pipe-cells-group-headings.txt").items
    assert [(i.seq, i.name, i.units) for i in items] == [
        (1, "提高困难群众救助保障水平", ("市民政局",)),
        (2, "实施适老化改造和安心居家项目", ("市民政局",)),
        (3, "稳就业保就业", ("市人社局",)),
        (4, "开展就业创业培训", ("市人社局",)),
        (5, "松山中学塑胶操场建设项目", ("市教体局",)),
    ]
    assert [i.group for i in items][1:4] == [
        "一、提升民生保障水平",
        "二、推动实现更高质量的就业",
        "二、推动实现更高质量的就业",
    ]
    assert items[3].progress == "开展就业创业培训26次,培训1300人"


def test_a_region_column_known_by_its_places() -> None:
    # 隶 属 | 项目个数 | 年投资计划 | 完成投资额 | 年计划投资完成率: the first label is no
    # region label of the vocabulary, but its cells are places (…县, …经开区, 市 直).
    items = parse_file(FIXTURES / "pipe-rows-region-unlabelled.txt").items
    assert [i.group for i in items] == [
        "东江市",
        "南山县",
        "西河县",
        "北湖县",
        "东江经开区",
        "市 直",
    ]
    assert {i.name for i in items} == {"指标1"}
    assert (items[0].target, items[0].progress, items[0].rate) == ("30.5", "16.8", 0.551)
    assert items[0].remark == "24"  # 项目个数: the projects the region has, kept as a remark


def test_a_column_of_names_is_not_read_as_places() -> None:
    from parsers.document import Cell, Table
    from pipeline.tables.matrix import matrix_to_long

    def row(*texts: str) -> tuple[Cell, ...]:
        return tuple(Cell(text, line=1) for text in texts)

    table = Table(
        rows=(
            row("隶属", "年投资计划", "完成投资额", "完成率"),
            *(row(name, "10", "5", "50%") for name in ("城区口袋公园", "老旧小区改造", "学校扩建")),
        ),
        line=1,
    )
    assert matrix_to_long(table) is None


def test_a_lower_header_row_without_the_cells_under_spanning_labels() -> None:
    # … | 2024年6月進展情況 | 責任單位 | over 完成投(籌)資 | 投(籌)資完成率 | 實施情況 |: the three
    # lower labels take the place of the upper label they sit under; the total rows (合計:…,
    # …項目合計 on the part's heading row) are no items; the rows lack their merged 類別 cell.
    parsed = parse_file(FIXTURES / "pipe-rows-lower-header-row-traditional.txt")
    items = parsed.items
    assert [(i.seq, i.name, i.group) for i in items] == [
        (1, "農村低收入群體危房改造項目", "一、民生保障"),
        (2, "實施適老化改造和安心居家項目", "一、民生保障"),
        (3, "提升民生保障水平", "一、民生保障"),
    ]
    assert (items[0].rate, items[0].remark) == (0.625, "400")
    assert items[0].progress == "已完成50戶農村低收入群體危房改造,其余30戶正在施工。"
    assert items[0].units == ("市住建局", "市財政局")


def test_a_total_label_that_says_what_it_totals() -> None:
    from parsers.document import Cell
    from pipeline.tables.totals import labelled_total

    def kind(text: str) -> str | None:
        return labelled_total((Cell(text), Cell("5860")))

    assert kind("合計:3大類8個項目") == "total"
    assert kind("合计(56项)") == "total"
    assert kind("民生保障3个项目合计") == "subtotal"
    assert kind("小计(2项)") == "subtotal"
    assert kind("合计") is None  # the bare word: by its column (`total_kind`)
    assert kind("完成投资合计超过计划的一半以上,进展顺利推进") is None  # text, too long
    assert kind("综合执法") is None


def test_a_two_level_header_in_blocks_and_sub_rows_cut_at_their_labels() -> None:
    # 序号 / 目标任务 / 区领导 / … / 工作进度 / then 重点工作 / 主要内容 / 10月完成情况 / 进度状态
    # / 情况说明: the lower labels under 目标任务 and 工作进度; item 1's sub-rows, without 序号
    # and 重点工作, each end at its status (部分滞后, 办结) and the 情况说明 after it.
    items = parse_file(FIXTURES / "blank-cells-two-level-sub-rows.txt").items
    assert [(i.seq, i.parent_seq, i.status_raw, i.status) for i in items] == [
        (1, None, "部分滞后", "behind"),
        (None, 1, "办结", "done"),
        (None, 1, "办结", "done"),
        (2, None, None, "unknown"),
    ]
    assert (items[0].name or "").startswith("城市设施")
    assert [i.name for i in items[1:3]] == ["改造老旧小区30个。", "增加城区公共停车泊位500个。"]
    assert (items[0].people, items[1].people) == (("王明",), ("李华",))
    assert items[1].target == "完成竣工验收。"  # 四季度计划目标
    assert items[1].progress == "30个小区改造全部完成"  # 10月完成情况
