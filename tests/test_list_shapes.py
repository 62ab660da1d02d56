"""Item lists in prose, as bulletins number and lay them out: every common style of marker,
and the shapes of field pages whose lists an earlier reader missed (tests/fixtures/README.md
names each fixture's page)."""

from __future__ import annotations

import pytest

from parsers.text_reader import text_to_blocks
from pipeline.model.records import Item
from pipeline.narrative.lists import listed_items
from pipeline.narrative.outline import Line, marker_of, markers, outline, prose_runs
from pipeline.narrative.statements import (
    heading_colon,
    summarises_group,
)
from pipeline.run.task import parse_file
from pipeline.text.script import to_simplified
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三.新建托育点", ("chinese", 3, "三.")),
        ("第二,新建托育点", ("ordinal", 2, "第二,")),
        ("其三、新建托育点", ("qi", 3, "其三、")),
        ("4)新建托育点", ("arabic_half_paren", 4, "4)")),
        ("⑵新建托育点", ("paren_glyph", 2, "⑵")),
        ("③新建托育点", ("circled", 3, "③")),
        ("  ● 新建托育点方面:已建成4个", ("bullet", None, "●")),
        ("關于新建社區食堂。截至10月底…", ("about", None, "關于")),
        ("关于进一步做好民生实事工作的通知", None),  # no heading ends within the line
        ("2016年新建托育点", None),
        ("1.5万人次参加培训", None),
    ],
)
def test_marker_styles(text: str, expected: tuple[str, int | None, str] | None) -> None:
    found = marker_of(Line(text, to_simplified(text), 1))
    assert (found[:3] if found else None) == expected


def test_weak_markers_are_confirmed_by_their_neighbours() -> None:
    texts = [
        "1新建托育点12个。已建成4个。",  # its dot lost: 2. follows
        "2.改造供水管网。已完成。",
        "3.新建公园。已开工。",
        "4.10月底前完成站点搬迁。",  # 4. before 10月, not the decimal 4.10
        "5.新建养老院",
        "8城关镇卫生院建设",  # neither 7. before it nor 9. after it
        "12人次参加培训",  # a count, never a marker
    ]
    lines = [Line(text, text, index) for index, text in enumerate(texts)]
    assert [found[2] if found else None for found in markers(lines)] == [
        "1", "2.", "3.", "4.", "5.", None, None,
    ]  # fmt: skip


def test_a_bullet_holds_no_numbered_entries() -> None:
    lines = prose_runs(
        list(text_to_blocks(["• 名称:实事工程", "一、甲工程", "1.乙", "二、丙工程"]))
    )[0]
    _, top = outline(lines, {})
    assert [(e.marker, [c.marker for c in e.children]) for e in top] == [
        ("•", []),
        ("一、", ["1."]),
        ("二、", []),
    ]


def fixture_items(name: str) -> list[Item]:
    parsed = parse_file(FIXTURES / name)
    assert {item.status_source for item in parsed.items} == {"narrative"}
    return list(parsed.items)


def test_about_paragraphs_with_points() -> None:
    # 關于X。一是…二是…: the points are the progress, and a point's state is not the item's
    items = fixture_items("list-about-points-traditional.txt")
    assert [(i.seq_raw, i.name, i.status) for i in items] == [
        ("關于", "擴大普惠托育服務供給", "unknown"),
        ("關于", "新建社區養老服務站", "unknown"),
        ("關于", "改造老舊供水管網120公里", "unknown"),
        ("關于", "推進農貿市場升級改造", "unknown"),
    ]
    assert items[0].progress is not None and items[0].progress.startswith("一是新建普惠托育園")
    assert items[3].progress == "一是新建標準化菜市場12個。截至10月底,已開工9個;二是改造提升"


def test_bullets_with_a_heading_before_a_colon() -> None:
    items = fixture_items("list-bullet-aspects.txt")
    assert [(i.seq, i.seq_raw, i.name) for i in items] == [
        (None, "●", "实施城乡居民免费健康体检方面"),
        (None, "●", "推进背街小巷整治提升方面"),
        (None, "●", "新增公共停车泊位方面"),
        (None, "●", "加强农村饮水安全保障方面"),
    ]
    assert items[2].progress == "已建成公共停车泊位2100个,占年度目标任务的35%。"
    assert items[3].progress == "全市农村供水工程已开工18处,计划5月底前完成"  # cut off


def items_of(text: str) -> list[str]:
    return [item.name for item in listed_items(list(text_to_blocks(text.split("\n"))), "b")]


@pytest.mark.parametrize(
    "text",
    [
        # groups of projects by stage, each opening by counting its projects
        "(三)分阶段推进情况\n1、竣工项目:计划竣工项目40个,完成投资20亿元。\n"
        "2、在建项目:计划在建项目80个,完成投资61亿元。\n3、前期项目:计划前期项目30个,已开工12个。",
        # measures, each with points that report nothing
        "关于加强组织领导。一是成立工作专班。二是建立调度机制。\n关于强化督查考核。一是开展专项督查。二是实行通报制度。",
        # bullets of a description, not of progress
        "● 名称:城市更新行动\n● 类别:民生工程",
    ],
    ids=["stage-groups", "measures", "description-bullets"],
)
def test_not_items(text: str) -> None:
    assert items_of(text) == []


def test_headings_before_a_colon_and_group_summaries() -> None:
    assert heading_colon("新增公共停车泊位方面:已建成2100个") == (10, 11)
    assert heading_colon("新增停车泊位,改造道路:已完成") is None  # a clause, not a heading
    assert (
        heading_colon("实施城乡居民免费健康体检和老年人能力评估及家庭医生签约服务项目方面:已完成")
        is None
    )
    assert summarises_group("计划竣工项目40个,完成投资20亿元")
    assert summarises_group("分配我县共26项(其中省定20项)")
    assert not summarises_group("已完成项目12个,完成投资3亿元")
