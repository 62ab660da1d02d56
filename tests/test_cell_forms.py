"""Progress tables of real pages given as cells without delimiters: one cell per blank-line
block, or cells joined by single spaces; headers whose labels are broken, run on into the
first row, or printed again for each part of the table."""

from __future__ import annotations

from parsers.document import Block, Paragraph, Table
from pipeline.run.task import parse_file
from pipeline.tables.blank_cells import recover_blank_line_tables
from pipeline.tables.block_labels import joins_next
from pipeline.tables.fit import fit
from pipeline.tables.header import heads_a_left_column
from pipeline.tables.one_line import recover_one_line_tables
from tests.conftest import FIXTURES


def _blocks(*texts: str) -> list[Paragraph]:
    """One paragraph per text, a blank line before each."""
    return [Paragraph(text, line=i + 1, gap_before=True) for i, text in enumerate(texts)]


def test_a_name_label_broken_before_its_last_word_is_one_label() -> None:
    assert joins_next("項目", "名稱")
    assert joins_next("事项", "名称")
    assert not joins_next("项目", "内容")  # two columns of their own: 项目 | 内容


def test_two_labels_the_vocabulary_lists_are_two_columns() -> None:
    assert not joins_next("考核指标", "单位")
    assert joins_next("责任", "单位")  # 责任 is no label alone
    assert joins_next("目标", "任务")  # 任务 is read by its head word only


def test_the_first_rows_name_is_not_a_header_label() -> None:
    blocks = _blocks("项目名称", "牵头单位", "进展情况", "城区口袋公园项目", "住建局", "已建成3处")
    (table,) = recover_blank_line_tables(blocks)
    assert isinstance(table, Table)
    assert [[c.text for c in row] for row in table.rows] == [
        ["项目名称", "牵头单位", "进展情况"],
        ["城区口袋公园项目", "住建局", "已建成3处"],
    ]


def test_fixture_name_label_broken_and_a_name_read_as_a_label() -> None:
    parsed = parse_file(FIXTURES / "blank-cells-name-label-broken.txt")
    items = parsed.items
    assert [(i.name, i.units) for i in items] == [
        ("地方儲備糧倉庫擴建項目", ("市發改局",)),
        ("松山中學塑膠操場建設項目", ("市教體局",)),
    ]
    assert items[0].target == "項目位于西城儲備庫北側,年內完工,可新增1.6萬噸儲備糧。"  # 內容
    assert items[1].progress == "已完成面層施工,交付使用。"  # the latest column, (12月)


def test_a_header_printed_again_under_a_heading_starts_a_table_of_its_own() -> None:
    blocks = _blocks(
        *("甲副市长主抓重点工作", "序号", "目标任务", "推进情况", "1", "新建口袋公园6处。"),
        *("已建成3处。", "乙副市长主抓重点工作", "序号", "目标任务", "推进情况", "2"),
        *("改造供水管网15公里。", "已完成8公里。"),
    )
    out = list(recover_blank_line_tables(blocks))
    assert [type(b).__name__ for b in out] == ["Paragraph", "Table", "Paragraph", "Table"]
    first, second = out[1], out[3]
    assert isinstance(first, Table) and isinstance(second, Table)
    assert [c.text for c in first.rows[1]] == ["1", "新建口袋公园6处。", "已建成3处。"]
    assert [c.text for c in second.rows[1]] == ["2", "改造供水管网15公里。", "已完成8公里。"]


def test_numbered_points_below_a_task_are_its_progress() -> None:
    task = "新建口袋公园6处。责任单位:住建局"
    assert fit("item", f"{task}\n1.已建成3处。", True) < fit("item", task, False)
    assert fit("progress", "1.已建成3处。\n2.其余3处正在施工。", True) >= 0


def test_fixture_parts_of_a_table_each_under_its_leader() -> None:
    parsed = parse_file(FIXTURES / "blank-cells-parts-by-leader.txt")
    items = parsed.items
    assert [(i.seq, i.table_title) for i in items] == [
        (1, "王建国市长主抓重点工作"),
        (2, "李明副市长主抓重点工作"),
        (3, "李明副市长主抓重点工作"),
    ]
    assert (
        items[0].name
        == "扩建地方储备粮仓库,新增1.6万吨储备能力。责任单位:市发改局、市财政局、各镇街"
    )
    assert items[0].progress is not None
    assert items[0].progress.startswith("1.仓库内外墙工程")
    assert items[0].progress.endswith("3.仓储智能化系统完成招标,正在安装调试。")
    assert (
        items[1].progress
        == "1.已完成改造农村公路96公里,占年度任务的53%。2.其余路段完成施工招标,7月全面开工。"
    )


def test_fixture_space_joined_measure_unit_beside_the_indicator() -> None:
    parsed = parse_file(FIXTURES / "space-joined-measure-unit.txt")
    items = parsed.items
    assert [(i.seq, i.name, i.target, i.rate) for i in items[:4]] == [
        (1, "新增公办幼儿园学位", "900", 1.0),
        (2, "适龄妇女免费“两癌”筛查", "2900", 0.531),
        (None, "新生儿免费听力筛查", "2600", 0.546),
        (None, "困难残疾人家庭无障碍改造", "150", 0.6),
    ]
    assert not items[0].units  # 单位 is the unit of measure, not a responsible unit


def _one_line(text: str) -> list[Block]:
    return list(recover_one_line_tables(iter([Paragraph(text, line=1)])))


def test_a_table_in_one_line_is_cut_at_its_row_numbers() -> None:
    text = "附件 进展情况表 序号 项目名称 进展情况 责任单位 1 新建口袋公园6处。 已建成3处。 住建局"
    text += " 2 改造供水管网15公里。 已完成8公里 其余正在施工。 水务局"
    title, table = _one_line(text)
    assert isinstance(title, Paragraph) and title.text == "附件 进展情况表"
    assert isinstance(table, Table) and table.delimiter == "spaces"
    assert [[c.text for c in row] for row in table.rows[:2]] == [
        ["序号", "项目名称", "进展情况", "责任单位"],
        ["1", "新建口袋公园6处。", "已建成3处。", "住建局"],
    ]
    assert [c.text for c in table.rows[2]][:2] == ["2", "改造供水管网15公里。"]


def test_a_sentence_naming_header_words_is_not_a_table() -> None:
    text = "表格 包括 序号 项目名称 进展情况 责任单位 四 列,各单位 按 要求 填报 2 次"
    assert _one_line(text) == [Paragraph(text, line=1)]


def test_fixture_one_line_table_after_its_title() -> None:
    parsed = parse_file(FIXTURES / "one-line-table-titled.txt")
    items = parsed.items
    assert [(i.seq, i.group, i.status) for i in items] == [
        (1, "一、城乡建设", "on_track"),
        (2, "一、城乡建设", "on_track"),
        (3, "二、社会事业", "behind"),
        (4, "二、社会事业", "done"),
        (5, "二、社会事业", "on_track"),  # cut inside its progress
    ]
    assert items[0].name == "扩建地方储备粮仓库,新增储备能力1.6万吨。"
    assert (
        items[1].progress
        == "已完成改造农村公路96公里,占年度任务的53%。其余路段 完成施工招标 7月全面开工。"
    )
    assert [i.units for i in items[:4]] == [
        ("市发展改革局",), ("市交通运输局",), ("市卫生健康局",), ("市工业和信息化局",),
    ]  # fmt: skip
    assert parsed.bulletin.title == "2024上半年重点民生实事进展情况统计表(政府)"


def test_fixture_one_line_table_in_parts_by_unit() -> None:
    parsed = parse_file(FIXTURES / "one-line-table-parts.txt")
    items = parsed.items
    assert [(i.seq, i.table_title) for i in items] == [
        (1, "市发改局"),
        (1, "市交通运输局"),
        (1, "市卫健局"),  # cut in its report
    ]
    assert items[0].name == "扩建地方储备粮仓库,加强粮食安全保障。"
    assert items[1].progress is not None
    assert items[1].progress.startswith("1.路面改造。")
    assert items[1].progress.endswith("3.养护管理。制订农村公路养护工作方案,明确养护标准。")


def test_only_listed_labels_of_no_progress_head_a_column_left_of_the_numbers() -> None:
    assert heads_a_left_column("类别") and heads_a_left_column("责任领导")
    assert not heads_a_left_column("上半年重点工作进展情况统计表(政府)")  # a title
    assert not heads_a_left_column("甲副市长主抓重点工作")  # a heading, by its head word


def test_a_rows_last_cell_before_a_header_printed_again_is_not_a_heading() -> None:
    blocks = _blocks(
        *("序号", "项目名称", "进展情况", "责任单位", "1", "新建口袋公园6处"),
        *("已建成3处", "住建局", "序号", "项目名称", "进展情况", "责任单位", "2"),
        *("改造供水管网15公里", "已完成8公里", "水务局"),
    )
    first, second = list(recover_blank_line_tables(blocks))
    assert isinstance(first, Table) and isinstance(second, Table)
    assert [c.text for c in first.rows[1]] == ["1", "新建口袋公园6处", "已建成3处", "住建局"]
