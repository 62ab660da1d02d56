"""Progress tables of real pages in forms the readers recover: vertical forms whose labels
carry a colon and a record's number."""

from __future__ import annotations

from parsers.document import Paragraph, Table
from pipeline.run.task import parse_file
from pipeline.tables.label_lines import recover_label_lines
from tests.conftest import FIXTURES


def test_fixture_vertical_form_of_colon_labels() -> None:
    parsed = parse_file(FIXTURES / "kv-colon-label-lines.txt")
    items = parsed.items
    assert [(i.name, i.units_raw, i.status) for i in items] == [
        ("建设城区口袋公园", "住建局、城管局", "unknown"),
        ("提升农村饮水质量", "水务局", "unknown"),
        ("开展老年人助餐服务", None, "unknown"),  # cut off in its second field
    ]
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
