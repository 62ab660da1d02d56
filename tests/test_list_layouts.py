"""Item lists in prose, in layouts of newer field pages: 第N项 headings, headings that name a
project and then its report (…项目完成情况), label:value fields run together on one line, and
目标: records (tests/fixtures/README.md names each fixture's page)."""

from __future__ import annotations

import pytest

from pipeline.model.records import Item
from pipeline.narrative.statements import reported_project
from pipeline.run.task import parse_file
from tests.conftest import FIXTURES


def fixture_items(name: str) -> list[Item]:
    parsed = parse_file(FIXTURES / name)
    assert {item.status_source for item in parsed.items} == {"narrative"}
    return list(parsed.items)


def test_ordinal_item_headings() -> None:
    items = fixture_items("list-ordinal-items.txt")
    assert [(i.seq, i.seq_raw, i.name) for i in items] == [
        (1, "第一项:", "中小学食堂改造提升工程"),
        (2, "第二项:", "背街小巷路面修复工程"),
        (3, "第三项:", "社区老年助餐点建设工程"),
    ]
    assert items[1].progress == "包括修复背街小巷12条,总长约3.5公里。该项目已于11月全部完工。"


def test_headings_naming_a_project_and_its_report() -> None:
    items = fixture_items("list-report-headings.txt")
    assert [(i.seq, i.name) for i in items] == [
        (1, "滨河绿道建设项目"),
        (2, "中心小学运动场改造项目"),
        (3, "镇卫生院发热门诊建设项目"),
    ]
    assert items[2].progress == "总投资45万元,完成发热门诊改造和设备配置,已通过验收。"


def test_labelled_fields_run_together_on_a_numbered_line() -> None:
    items = fixture_items("kv-inline-labels.txt")
    assert [(i.seq, i.name, i.status) for i in items] == [
        (1, "东岗村农产品销售对接项目", "in_progress"),
        (2, "东岗村道路照明修复项目", "done"),
        (3, "北苑社区供暖改善项目", "unknown"),
        (4, "北苑社区停车位规划项目", "unknown"),
    ]
    assert [i.progress for i in items][1:] == [
        "已完成。更换损坏路灯36盏,村道夜间照明恢复正常。",
        "协调热力公司更换老旧管道800米,部分住户室温已达标。",
        "7月20日,由交警大队现场",
    ]


def test_target_records() -> None:
    items = fixture_items("kv-target-blocks.txt")
    assert [(i.name, i.units_raw) for i in items] == [
        ("铺设城乡供水主管网600公里,惠及农村饮水人口8万人", "市水利局"),
        ("建成公交首末站3座,新开和优化公交线路20条", "市交通运输局"),
        ("新增公共停车位8000个,打通断头路6条", None),  # cut before its units
    ]
    assert items[1].target == "建成公交首末站3座,新开和优化公交线路20条。"
    assert items[1].progress == "东站首末站已完成主体施工,目前新开和优化公交线路6条。"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("滨河绿道建设项目完成情况", "滨河绿道建设项目"),
        ("老旧小区改造工程进展情况", "老旧小区改造工程"),
        ("市级重点项目进展情况", "市级重点项目进展情况"),  # a class of projects
        ("千万元以上项目进展情况", "千万元以上项目进展情况"),
        ("总体完成情况", "总体完成情况"),
    ],
)
def test_reported_project(heading: str, expected: str) -> None:
    assert reported_project(heading) == expected
