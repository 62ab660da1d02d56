"""Tables recovered from flattened text as real pages give them (layouts c and d): broken
header labels, rows anchored on their numbers, missing and split cells laid under the columns
they fit (tables/blank_cells.py, tables/fit.py)."""

from __future__ import annotations

from pathlib import Path

from parsers.document import Cell, Paragraph, Table
from pipeline.run.task import parse_file
from pipeline.tables.blank_cells import recover_blank_line_tables
from pipeline.tables.fit import align
from pipeline.tables.label_lines import recover_label_lines

FIXTURES = Path(__file__).parent / "fixtures"


def _blocks(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, line=i + 1, gap_before=True) for i, text in enumerate(texts)]


def test_header_labels_broken_over_two_blocks_are_joined() -> None:
    blocks = _blocks("责任", "领导", "序号", "项目内容", "完成目标", "(%)", "第二季度", "完成情况")
    blocks += _blocks("1", "张三", "地方储备粮仓库扩建项目", "80", "已完成")
    (table,) = [b for b in recover_blank_line_tables(blocks) if isinstance(b, Table)]
    assert [c.text for c in table.rows[0]] == [
        "责任领导", "序号", "项目内容", "完成目标(%)", "第二季度完成情况",
    ]  # fmt: skip
    assert table.delimiter == "blank_lines"


def test_rows_start_at_the_next_row_number_not_at_a_count_inside_a_row() -> None:
    blocks = _blocks("序号", "项目名称", "目标任务", "进展情况")
    blocks += _blocks("1", "5G基站建设", "新建5G基站100个", "2")  # "2" is a cell, not row 2
    blocks += _blocks("2", "城乡供水一体化项目", "完成51个村", "已完成30个村")
    rows = next(b for b in recover_blank_line_tables(blocks) if isinstance(b, Table)).rows
    assert [r[0].text for r in rows[1:]] == ["1", "2"]
    assert [c.text for c in rows[1]] == ["1", "5G基站建设", "新建5G基站100个", "2"]


def test_a_section_heading_between_rows_is_a_row_of_its_own() -> None:
    blocks = _blocks("序号", "工作任务", "牵头部门", "推进情况", "一、城乡建设(1项)")
    blocks += _blocks("1", "地方储备粮仓库扩建项目", "市发改局", "已完成", "二、社会事业(1项)")
    blocks += _blocks("2", "5G基站建设", "市工信局", "正在推进")
    rows = next(b for b in recover_blank_line_tables(blocks) if isinstance(b, Table)).rows
    assert [[c.text for c in row] for row in rows[1:]] == [
        ["一、城乡建设(1项)"],
        ["1", "地方储备粮仓库扩建项目", "市发改局", "已完成"],
        ["二、社会事业(1项)"],
        ["2", "5G基站建设", "市工信局", "正在推进"],
    ]


def test_narrative_blocks_are_not_a_table() -> None:
    blocks = _blocks("工作推进情况", "存在问题", "下一步打算", "全市各项工作均已按计划推进。")
    assert all(isinstance(b, Paragraph) for b in recover_blank_line_tables(blocks))


def _texts(cells: tuple[Cell, ...] | None) -> list[str]:
    assert cells is not None
    return [c.text for c in cells]


def test_align_places_a_missing_merged_unit_and_joins_a_broken_one() -> None:
    roles = ("item", "units", "status", "progress")
    missing = [Cell("新建ICU床位10张"), Cell("基本完成"), Cell("完成新建ICU床位10张。")]
    assert _texts(align(missing, roles, "\n", mixed=True)) == [
        "新建ICU床位10张", "", "基本完成", "完成新建ICU床位10张。",
    ]  # fmt: skip
    broken = [
        Cell("生活污水治理"),
        Cell("市生态"),
        Cell("环境局"),
        Cell("已完成"),
        Cell("已完成50个。"),
    ]
    assert _texts(align(broken, roles, "\n", mixed=True)) == [
        "生活污水治理", "市生态\n环境局", "已完成", "已完成50个。",
    ]  # fmt: skip


def test_align_without_mixing_only_joins_or_only_pads() -> None:
    roles = ("item", "units", "progress")
    cells = [Cell("5G基站建设"), Cell("工信局"), Cell("新增"), Cell("106个。")]
    assert _texts(align(cells, roles, " ", mixed=False)) == ["5G基站建设", "工信局", "新增 106个。"]


def test_fixture_sections_and_empty_cells() -> None:
    parsed = parse_file(FIXTURES / "blank-cells-sections.txt")
    assert [(i.seq, i.name, i.group, i.units) for i in parsed.items] == [
        (1, "地方储备粮仓库扩建项目", "一、城乡建设(2项)", ("市发改局",)),
        (2, "“四好农村路”二期续建工程", "一、城乡建设(2项)", ("市交通运输局", "各镇街")),
        (3, "开展适龄妇女“两癌”筛查服务", "二、社会事业(2项)", ("市卫健局", "市妇联")),
        (4, "5G基站建设", "二、社会事业(2项)", ("市工信局",)),
    ]
    assert parsed.items[2].status == "behind"
    ambiguous = [f for f in parsed.findings if f.check == "row_ambiguous"]
    assert [f.observed for f in ambiguous] == ["4", "4"]  # the rows whose empty cell left no line


def test_fixture_broken_header_group_left_of_the_number() -> None:
    parsed = parse_file(FIXTURES / "blank-cells-broken-header.txt")
    assert [i.seq_raw for i in parsed.items] == ["1", "2", "3*", "4", "5"]
    assert [i.group for i in parsed.items] == ["就业促进工程"] * 3 + ["住房保障工程"] * 2
    assert [i.units for i in parsed.items] == [
        ("市人力资源社会保障局",), (), ("市果业发展服务中心",), ("市自然资源和规划局",), (),
    ]  # fmt: skip
    assert [i.rate for i in parsed.items] == [0.687, 0.52, 0.4, 0.518, 1.0]


def test_fixture_space_joined_rows_continued_on_their_own_lines() -> None:
    parsed = parse_file(FIXTURES / "space-joined-continued.txt")
    assert [(i.seq, i.group, i.units) for i in parsed.items] == [
        (1, "一、民生保障", ("市人社局",)),
        (2, "一、民生保障", ("市民政局", "市残联", "各镇街")),
        (3, "一、民生保障", ("市卫健局",)),
        (4, "(一)实施城市更新行动", ("市住建局",)),
        (5, "(一)实施城市更新行动", ("市工信局", "市大数据服务中心")),
    ]
    assert parsed.items[1].progress == "已完成适老化改造96户。"
    assert parsed.items[4].progress == "新建5G基站106个,已完成。"
    assert [f.seq for f in parsed.findings if f.check == "row_ambiguous"] == [2, 5]


def test_fixture_flow_rows_a_merged_cell_short_are_anchored_on_their_numbers() -> None:
    parsed = parse_file(FIXTURES / "pipe-cells-merged.txt")
    assert [(i.seq, i.parent_seq, i.group) for i in parsed.items] == [
        (1, None, "一、就业促进(2项)"),
        (None, 1, "一、就业促进(2项)"),
        (2, None, "一、就业促进(2项)"),
        (3, None, "二、社会保障(1项)"),
    ]
    assert [i.units for i in parsed.items] == [("市人社局",), (), ("市人社局",), ("市民政局",)]
    assert parsed.items[2].target == "开展就业创业培训50次"
    assert [i.rate for i in parsed.items] == [0.6867, 0.75, 0.52, 0.64]


def test_fixture_a_second_number_column_does_not_shift_the_rows() -> None:
    parsed = parse_file(FIXTURES / "blank-cells-second-number.txt")
    assert [(i.seq, i.remark, i.rate) for i in parsed.items] == [
        (1, "3", 0.9), (2, "7", 0.53), (3, "12", 0.518),
    ]  # fmt: skip
    assert [i.status_source for i in parsed.items] == ["rate"] * 3


def test_fixture_space_joined_letter_spaced_header_and_sub_rows() -> None:
    parsed = parse_file(FIXTURES / "space-joined-subrows.txt")
    assert [(i.seq, i.parent_seq, i.target, i.progress) for i in parsed.items] == [
        (1, None, "600", "412"),
        (2, None, "5019", "3100"),
        (None, 2, "80", "50"),
        (3, None, "100", "106"),
    ]
    assert [i.rate for i in parsed.items] == [0.687, 0.618, 0.625, 1.06]


def test_fixture_flow_table_that_begins_mid_table() -> None:
    parsed = parse_file(FIXTURES / "pipe-cells-mid-table.txt")
    assert [(i.seq, i.people, i.units) for i in parsed.items] == [
        (24, ("王明",), ("工信局",)),
        (25, ("李强",), ("住建局",)),
        (26, ("王明",), ("卫健局",)),
    ]
    assert [i.status for i in parsed.items] == ["on_track", "behind", "on_track"]


def test_fixture_pipe_rows_a_merged_group_cell_short() -> None:
    parsed = parse_file(FIXTURES / "pipe-rows-merged-group.txt")
    assert [(i.seq, i.group, i.units, i.status) for i in parsed.items] == [
        (1, "城乡建设", ("发改局",), "on_track"),
        (2, "城乡建设", ("交通运输局",), "on_track"),
        (3, "城乡建设", ("住建局",), "on_track"),
        (4, "社会事业", ("卫健局",), "behind"),
        (5, "社会事业", ("工信局",), "done"),
    ]
    assert [f.seq for f in parsed.findings if f.check == "row_too_few_cells"] == [2, 3, 5]


def test_fixture_cells_run_together_are_cut_by_the_header() -> None:
    parsed = parse_file(FIXTURES / "run-together.txt")
    assert [(i.seq, i.group, i.name, i.units) for i in parsed.items] == [
        (1, "民生保障", "城镇新增就业600人以上。", ("市人社局",)),
        (2, "民生保障", "完成29410名适龄妇女免费两癌筛查服务。", ("市卫健局",)),
        (3, "城乡建设", "新建5G基站100个以上。", ("市工信局",)),
    ]
    assert parsed.items[2].progress == "新建5G基站106个,已完成。"
    assert [f.seq for f in parsed.findings if f.check == "row_ambiguous"] == [1, 2, 3]


def test_fixture_flow_table_that_begins_with_its_title() -> None:
    parsed = parse_file(FIXTURES / "pipe-cells-title-cell.txt")
    assert parsed.bulletin.title == "1-6月棲霞市重點民生實事項目進度表"
    assert parsed.bulletin.period_label == "1-6月"
    assert [(i.seq, i.name, i.rate) for i in parsed.items] == [
        (1, "新建5G基站", 1.06), (2, "農村低收入群體危房改造", 0.625),
    ]  # fmt: skip


def test_fixture_lower_header_labels_left_aligned_go_under_the_spanning_label() -> None:
    parsed = parse_file(FIXTURES / "header-two-level-left-aligned.txt")
    assert [(i.seq, i.name, i.progress) for i in parsed.items] == [
        (1, "地方储备粮仓库扩建项目", "6月底工程预验收"),
        (2, "5G基站建设", "新增5G基站106个"),
    ]


def test_fixture_vertical_form_of_label_and_value_lines() -> None:
    parsed = parse_file(FIXTURES / "kv-label-lines.txt")
    assert [(i.name, i.status, i.remark) for i in parsed.items] == [
        ("新建5G基站100个以上", "on_track", "无"),
        ("农村低收入群体危房改造80户", "unknown", None),
        ("完成西城水厂水质提升工程立项", "behind", "资金未落实"),
    ]
    assert parsed.items[0].target == "新建5G基站100个以上,全面提高5G网络覆盖率"
    assert parsed.items[2].progress is not None and parsed.items[2].progress.endswith(
        "(2)施工图设计待立项后开展。"
    )


def test_a_header_of_one_label_per_block_is_not_a_vertical_form() -> None:
    blocks = _blocks(
        "序号", "项目名称", "具体任务及目标", "牵头单位", "进展情况", "1", "建设口袋公园20处"
    )
    assert not any(isinstance(b, Table) for b in recover_label_lines(blocks))
