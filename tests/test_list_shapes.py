"""Item lists in prose, as bulletins number and lay them out: every common style of marker,
and the shapes of field pages whose lists an earlier reader missed (tests/fixtures/README.md
names each fixture's page)."""

from __future__ import annotations

import pytest

from parsers.text_reader import text_to_blocks
from pipeline.narrative.lists import listed_items
from pipeline.narrative.outline import Line, marker_of, markers, outline, prose_runs
from pipeline.narrative.statements import (
    announces_items,
    heading_colon,
    progress_split,
    summarises_group,
)
from pipeline.text.script import to_simplified
from tests.list_tools import fixture_items


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


def test_a_status_group_with_numbers_that_lost_their_dots() -> None:
    items = fixture_items("list-status-group-lost-dots-traditional.txt")
    assert [(i.seq, i.seq_raw) for i in items] == [
        (1, "1"), (2, "2."), (3, "3."), (4, "4."), (5, "5."), (6, "6"), (7, "7."),
    ]  # fmt: skip
    assert [i.name for i in items] == [
        # a name alone in its first sentence, though progress is found later, at 目前
        "新建城南污水處理廠配套管網",
        "東關小學運動場改造工程",  # cut after its first sentence, like the others
        "縣醫院發熱門診建設",
        "北街幼兒園改擴建主體工程已完成",
        "西河堤防加固工程",  # 主體已完工: a sentence telling what was done
        "城關鎮敬老院改造工程",
        "新建",
    ]
    assert items[0].progress == "鋪設污水管網12.5千米。目前,項目已完工。"
    assert {i.group for i in items} == {"已完成全年目標任務的6"}
    assert [i.status for i in items][:3] == ["done", "unknown", "done"]


def test_targets_with_their_progress_on_the_line_below() -> None:
    items = fixture_items("list-targets-progress-below.txt")
    assert [(i.seq, i.name) for i in items] == [
        (1, "城镇新增就业4500人以上,城镇登记失业率控制在3.5%以内"),
        (2, "农村居民人均可支配收入增长7%以上"),
        (3, "建成2个区域性综合养老服务中心,新增护理型床位80张"),
        (4, "11月底前完成城区3处老旧加油站搬迁"),  # 4. before 11月: not a decimal
        (5, "推进城区河道综合整治。完成3条河道清淤疏浚"),
        (6, "新建城市书房8个。完成社区图书室"),
    ]
    assert [i.progress for i in items][3:] == [
        "10月15日3处加油站已全部搬迁完毕。",
        "城区已完成河道清淤12.6公里。",
        None,
    ]


def test_a_progress_heading_over_tasks_one_unreported() -> None:
    # under 其他年度目标任务推进情况, one task in two reading as an item makes a list
    items = fixture_items("list-progress-heading-unreported.txt")
    assert [(i.seq, i.name) for i in items] == [
        (1, "新培育国家级专精特新“小巨人”企业5家;新增规模以上工业企业60家"),
        (
            2,
            "推进数字乡村建设,建成益农信息社100个。支持农村电商服务站点提档升级,培育电商示范村10个",
        ),
        (3, "新建城市停车"),
    ]
    assert [i.progress for i in items] == [
        "上半年,新培育国家级专精特新“小巨人”企业2家;新增规模以上工业企业34家。",
        None,
        None,
    ]
    assert {i.group for i in items} == {"其他年度目标任务推进情况"}


def items_of(text: str) -> list[str]:
    return [item.name for item in listed_items(list(text_to_blocks(text.split("\n"))), "b")]


@pytest.mark.parametrize(
    "text",
    [
        # groups of projects by stage, each opening by counting its projects
        "(三)分阶段推进情况\n1、竣工项目:计划竣工项目40个,完成投资20亿元。\n"
        "2、在建项目:计划在建项目80个,完成投资61亿元。\n3、前期项目:计划前期项目30个,已开工12个。",
        # parts of a programme, their progress a count of their items
        "一、上级下达的实事\n分配我县共26项(其中省定20项),已完成8项。\n"
        "二、本级实事\n全县实施10件实事项目(含15个子项目),已完成子项目6个。",
        # measures, each with points that report nothing
        "关于加强组织领导。一是成立工作专班。二是建立调度机制。\n关于强化督查考核。一是开展专项督查。二是实行通报制度。",
        # bullets of a description, not of progress
        "● 名称:城市更新行动\n● 类别:民生工程",
    ],
    ids=["stage-groups", "programme-parts", "measures", "description-bullets"],
)
def test_not_items(text: str) -> None:
    assert items_of(text) == []


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("西河堤防加固工程。主体已完工", (8, 9)),  # a short subject, then 已
        ("关闭城北砖瓦厂。10月15日已完成关闭", (7, 8)),  # a date
        ("河道改造工程。河道改造项目全部完工", (6, 7)),  # a sentence stating a state
        ("新建公园3个,6月30日前完成", None),  # a deadline, not progress
        ("新建公园3个,主体已完工", None),  # after a clause: part of the statement
    ],
)
def test_progress_sentences(key: str, expected: tuple[int, int] | None) -> None:
    assert progress_split(key) == expected


def test_headings_before_a_colon_and_headings_over_items() -> None:
    assert heading_colon("新增公共停车泊位方面:已建成2100个") == (10, 11)
    assert heading_colon("新增停车泊位,改造道路:已完成") is None  # a clause, not a heading
    assert (
        heading_colon("实施城乡居民免费健康体检和老年人能力评估及家庭医生签约服务项目方面:已完成")
        is None
    )
    assert announces_items("其他年度目标任务推进情况")
    assert announces_items("已完成全年目标任务的6")
    assert announces_items("主要指标(共3项)")
    assert not announces_items("住房保障工程")
    assert summarises_group("计划竣工项目40个,完成投资20亿元")
    assert summarises_group("分配我县共26项(其中省定20项)")
    assert not summarises_group("已完成项目12个,完成投资3亿元")


def test_unit_phrasings_and_progress_labels() -> None:
    items = listed_items(
        list(
            text_to_blocks(
                [
                    "1.新建社区食堂20个【责任单位:市民政局】",
                    "完成情况:已建成12个。",
                    "2.改造农贸市场8个(市商务局牵头,各区政府配合)",
                    "落实进展:已完工5个。",
                    "3.新增停车泊位3000个(市城管局负责)",
                    "当前进度:已建成1800个。",
                ]
            )
        ),
        "b",
    )
    assert [(i.name, i.units, i.progress) for i in items] == [
        ("新建社区食堂20个", ("市民政局",), "已建成12个。"),
        ("改造农贸市场8个", ("市商务局", "各区政府"), "已完工5个。"),
        ("新增停车泊位3000个", ("市城管局",), "已建成1800个。"),
    ]
