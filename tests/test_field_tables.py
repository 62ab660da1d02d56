"""Progress tables of real pages in forms the readers recover: vertical forms whose labels
carry a colon and a record's number, space-joined tables whose two-level header and total rows
are broken over lines."""

from __future__ import annotations

from parsers.document import Cell, Paragraph, Table
from pipeline.run.task import parse_file
from pipeline.tables.label_lines import recover_label_lines
from pipeline.tables.numbered import unlabelled_number_rows
from pipeline.tables.space_header import repeated_lower_level, with_lower_level
from tests.conftest import FIXTURES


def test_fixture_vertical_form_of_colon_labels() -> None:
    parsed = parse_file(FIXTURES / "kv-colon-label-lines.txt")
    items = parsed.items
    assert [(i.name, i.units_raw, i.status) for i in items] == [
        ("建设城区口袋公园", "住建局、城管局", "unknown"),
        ("提升农村饮水质量", "水务局", "unknown"),
        ("开展老年人助餐服务", None, "unknown"),  # cut off in its second field
    ]
    assert items[0].target == "在城东、城西新建口袋公园6处,配套建设健身步道3公里。"  # 项目内容
    assert items[1].progress is not None and items[1].progress.startswith("2处集中供水工程")
    assert items[1].progress.endswith("其余5公里正在施工。")


def test_colon_labels_outside_a_form_are_left_as_they_were() -> None:
    blocks = [
        Paragraph("任务目标:新建口袋公园6处 进展情况:已建成3处", line=1),
        Paragraph("12", line=2),
        Paragraph("进展情况:已建成3处", line=3),
    ]
    assert list(recover_label_lines(blocks)) == blocks


def test_a_record_number_above_its_first_label_is_left_out() -> None:
    texts = ["01 项目名称:甲", "责任单位:", "水务局", "进展情况:", "已建成3处", "02", "项目名称:"]
    texts += ["乙", "责任单位:", "城管局", "进展情况:", "正在施工"]
    blocks = [Paragraph(text, line=i + 1) for i, text in enumerate(texts)]
    (table,) = recover_label_lines(blocks)
    assert isinstance(table, Table)
    assert [(r[0].text, r[1].text) for r in table.rows] == [
        ("项目名称", "甲"), ("责任单位", "水务局"), ("进展情况", "已建成3处"),
        ("项目名称", "乙"), ("责任单位", "城管局"), ("进展情况", "正在施工"),
    ]  # fmt: skip


def test_fixture_space_joined_header_with_its_lower_level_broken_over_lines() -> None:
    parsed = parse_file(FIXTURES / "space-joined-two-level-broken.txt")
    items = parsed.items
    assert [(i.seq, i.name, i.status) for i in items] == [
        (1, "建设城区口袋公园", "on_track"),
        (2, "提升农村饮水质量", "behind"),
        (3, "开展老年人助餐服务", "unknown"),  # cut off after its target
    ]
    assert {i.group for i in items} == {"一、县级重点民生实事"}
    assert (items[0].units_raw, items[0].rate, items[1].rate) == ("县住房城乡建委", 0.5, 0.45)
    # the total row, its figures on a line of their own, is read and agrees with its rows
    assert not [f for f in parsed.findings if f.check == "total_mismatch"]


def test_lower_labels_take_the_place_of_the_label_they_sit_under() -> None:
    labels = ["序号", "项目名称", "投资计划(万元)", "投资完成情况", "备注"]
    blocks = [
        Paragraph(text, line=i + 1) for i, text in enumerate(["完成额度", "(万元)", "占比(%"])
    ]
    assert with_lower_level(blocks, 0, labels) == (
        "序号 项目名称 投资计划(万元) 完成额度(万元) 占比(%) 备注",
        3,
    )
    assert with_lower_level([Paragraph("1 建设城区口袋公园 5200", line=1)], 0, labels) is None


def test_fixture_blank_cells_name_merged_over_a_section() -> None:
    parsed = parse_file(FIXTURES / "blank-cells-merged-name.txt")
    items = parsed.items
    assert [(i.group, i.name, i.target) for i in items] == [
        ("(一)", "民生保障主要预期目标", "新建口袋公园6处"),
        ("(一)", "民生保障主要预期目标", "改造供水管网15公里"),
        ("(一)", "民生保障主要预期目标", "新增养老床位200张"),
        ("(二)", "优化营商环境", "落实减税降费等惠企政策"),
        ("(二)", "优化营商环境", "开展政务服务提质行动"),
    ]
    assert [i.units_raw for i in items[:2]] == ["县住建局、县城管局、各街道", "县水利局、各镇"]
    assert {i.status for i in items} == {"unknown"}  # progress as free text, no status column
    assert not [f for f in parsed.findings if f.check == "column_repeated"]


def test_one_cell_a_line_without_blank_lines() -> None:
    items = parse_file(FIXTURES / "line-cells-no-blank-lines.txt").items
    assert [item.seq for item in items] == [1, 2, 3, 4]
    assert [item.name for item in items] == [
        "地方储备粮仓库扩建项目",
        "开展政务服务“减证便民”创新工作",
        "“城市大脑”建设项目",
        "凤翔(城北)110千伏输变电工程",
    ]
    assert items[0].units_raw is not None and "市发展改革局" in items[0].units_raw


def test_a_lower_header_line_repeated_under_each_upper_label() -> None:
    upper = "序号 地区 新开工改造小区数(个) 涉及居民户数(万户)"
    lower = "计划任务数 开工数 开工率 计划任务数 开工数 开工率"
    header, names = repeated_lower_level(upper, lower) or ("", ())
    assert header == "序号 地区 计划任务数 开工数 开工率 计划任务数 开工数 开工率"
    assert names == ("", "", *["新开工改造小区数(个)"] * 3, *["涉及居民户数(万户)"] * 3)
    # a lower line that does not repeat, or a first row of figures, is no lower level
    assert repeated_lower_level(upper, "计划任务数 开工数 开工率 计划任务数 开工数") is None
    assert repeated_lower_level(upper, "1 东江市 126 126 100% 2.10") is None


def test_a_region_table_with_a_repeated_lower_header_is_read_per_indicator() -> None:
    parsed = parse_file(FIXTURES / "region-table-space-two-level.txt")
    names = {(item.group, item.name) for item in parsed.items}
    assert len(parsed.items) == 8
    assert ("北山县", "涉及居民户数(万户)") in names
    first = parsed.items[1]
    assert (first.group, first.target, first.progress, first.rate) == ("南湖县", "98", "85", 0.867)


def test_rows_numbered_under_no_id_label_may_hold_a_cell_of_two_offices() -> None:
    parsed = parse_file(FIXTURES / "lines-unlabelled-number-two-offices.txt")
    assert [item.seq for item in parsed.items] == [1, 2, 3, 4, 5]
    assert parsed.items[2].units == ("区住建局", "区城管局")
    assert parsed.items[3].name == "新增公办幼儿园学位600个。"


def test_a_repeated_lower_header_of_four_groups() -> None:
    upper = "序号 地区 甲指标(个) 乙指标(户) 丙指标(个) 丁指标(万元)"
    header, names = repeated_lower_level(upper, " ".join(["计划任务数 开工数 开工率"] * 4)) or (
        "",
        (),
    )
    assert header.split()[:5] == ["序号", "地区", "计划任务数", "开工数", "开工率"]
    assert len(names) == 14 and names[-1] == "丁指标(万元)"


def test_a_total_row_after_numbered_rows_is_no_longer_row() -> None:
    texts = ["1", "东江区", "5", "12.3", "2", "南湖县", "4", "10.1", "3", "西岭区", "3", "8.0"]
    texts += ["全市", "4", "30.4"]
    rows, _ = unlabelled_number_rows([Cell(t) for t in texts], 0, 3, ["全市"])
    assert [row[1].text for row in rows] == ["东江区", "南湖县", "西岭区", "全市"]
    assert [cell.text for cell in rows[-1]] == ["", "全市", "4", "30.4"]
