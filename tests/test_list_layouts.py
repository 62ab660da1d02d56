"""Item lists in prose, in layouts of newer field pages: unnumbered project headings over their
paragraphs, 第N项 headings, headings that name a project and then its report (…项目完成情况),
label:value fields run together on one line, and 目标: records (tests/fixtures/README.md names
each fixture's page)."""

from __future__ import annotations

import pytest

from parsers.text_reader import text_to_blocks
from pipeline.narrative.lists import listed_items
from pipeline.narrative.statements import heading_line, paragraph_line, reported_project
from tests.list_tools import fixture_items


def names_of(text: str) -> list[str]:
    return [item.name for item in listed_items(list(text_to_blocks(text.split("\n"))), "b")]


def test_unnumbered_headings_with_labelled_progress() -> None:
    items = fixture_items("list-headed-labelled.txt")
    assert [(i.seq, i.name) for i in items] == [
        (None, "社区养老中心建设项目"),  # not the title line, whose text below is fragments
        (None, "村卫生室提升工程"),
        (None, "城北口袋公园项目"),
        (None, "农家书屋更新工程"),  # cut off after its heading
    ]
    # the lines above 进展情况: describe the task; captions after it stay in the progress
    assert [i.target for i in items] == [
        "在东湖社区新建养老服务中心1处,建筑面积约2000平方米,设床位60张。",
        "对全区18个村卫生室进行标准化改造,配齐基本诊疗设备。",
        "建设口袋公园5处,总面积约1.2万平方米。",
        None,
    ]
    assert [i.progress for i in items] == [
        "①主体结构已封顶,内部装修完成60%。②适老化设施采购已完成招标。\n"
        "东湖社区养老中心\n养老中心效果图",
        "该项目已完成改造12个。\n村卫生室提升工程",
        "该项目累计建成3处,其余2处正在进行绿化施工。",
        None,
    ]


def test_unnumbered_headings_over_progress_paragraphs_traditional() -> None:
    items = fixture_items("list-headed-paragraphs-traditional.txt")
    # the summary line stating a state (…項目全面完成) is not a heading
    assert [i.name for i in items] == [
        "建設區域醫療中心",
        "提升基層急救能力",
        "提升婦幼保健服務水平",
        "增加養老服務床位供給",
    ]
    assert items[0].progress == (
        "下撥省級資金2.4億元,完成年度計劃的105%。\n"
        "(一)東城醫院新院區項目:門診樓主體結構封頂。\n"
        "(二)西城醫院擴建項目:住院樓施工至六層。"
    )
    assert items[3].progress == "下撥省級資金1.1億元已全部到"  # cut off


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


@pytest.mark.parametrize(
    ("key", "heading", "paragraph"),
    [
        ("社区养老中心建设项目", True, False),
        ("据悉,截至9月底", False, False),  # a fragment, neither
        ("该项目已完成改造12个。", False, True),
        ("新一年惠民实事你最期待哪一项?", False, True),
        ("?", False, False),
    ],
)
def test_heading_and_paragraph_lines(key: str, heading: bool, paragraph: bool) -> None:
    assert (heading_line(key), paragraph_line(key)) == (heading, paragraph)


@pytest.mark.parametrize(
    "text",
    [
        # sections over classes of projects, each summarised in its paragraph
        "一、千万元以上项目进展情况\n全县计划实施千万元以上项目60个,1-4月累计完成投资12亿元。\n"
        "二、省市重点项目进展情况\n全县省重点项目3个,1-4月累计完成投资4亿元。",
        # short subtitles over prose that reports nothing
        "坚持规划引领\n我们始终把规划摆在突出位置,统筹推进各项工作。\n"
        "强化要素保障\n我们积极争取上级支持,不断优化营商环境。\n"
        "加强组织领导\n我们成立工作专班,定期研究解决重大问题。",
    ],
    ids=["project-classes", "subtitles"],
)
def test_not_items(text: str) -> None:
    assert names_of(text) == []


def test_content_and_progress_labels() -> None:
    text = (
        "1.改造5个老旧小区\n责任单位:区住建局\n项目内容:对东苑等5个小区改造管网。\n"
        "项目进展:已完成3个小区。\n"
        "2.新建2处停车场\n责任单位:区城管局\n项目内容:在城北新建停车场2处。\n"
        "项目进展:1处已投用。"
    )
    items = listed_items(list(text_to_blocks(text.split("\n"))), "b")
    assert [(i.seq, i.name, i.units_raw, i.target, i.progress) for i in items] == [
        (1, "改造5个老旧小区", "区住建局", "对东苑等5个小区改造管网。", "已完成3个小区。"),
        (2, "新建2处停车场", "区城管局", "在城北新建停车场2处。", "1处已投用。"),
    ]


def test_fixture_a_task_stated_then_its_result() -> None:
    # 实施…改造。 states the task, with its figures; the result after the description
    items = fixture_items("list-task-then-result.txt")
    assert [i.name for i in items] == ["实施12万平方米、3000户老旧小区改造", "实施燃气安全提升工程"]
    assert items[0].progress is not None and items[0].progress.endswith("提前完成年度目标。")
