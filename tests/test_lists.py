"""Item lists in prose (pipeline/narrative/lists.py): which numbered lines and paragraphs are
items, how an item's line is read, and what is not a list. Texts are written for the tests in
the shapes of real pages (tests/fixtures/README.md names the pages' shapes)."""

from __future__ import annotations

import pytest

from parsers.document import Document
from parsers.text_reader import text_to_blocks
from pipeline.interpret import interpret
from pipeline.model.records import Item
from pipeline.narrative.lists import listed_items
from pipeline.narrative.outline import Line, outline, prose_runs
from pipeline.narrative.statements import (
    counts_items,
    names_a_part,
    organisations,
    progress_split,
    stated_status,
)
from pipeline.run.task import parse_file
from tests.conftest import FIXTURES


def items_of(text: str) -> list[Item]:
    return listed_items(list(text_to_blocks(text.split("\n"))), "b")


def names(text: str) -> list[str]:
    return [item.name for item in items_of(text)]


def test_numbered_lines_with_their_progress() -> None:
    items = items_of(
        "(1)改造8所社区医院,已完成3所。\n"
        "(2)新增停车泊位1200个,已完成700个。\n"
        "(3)在东区、西区各建一所养老院,东区院区主体完工,西区院区正进行设计。\n"
        "摘自市政府网站"
    )
    assert [(i.seq, i.seq_raw, i.name) for i in items] == [
        (1, "(1)", "改造8所社区医院"),
        (2, "(2)", "新增停车泊位1200个"),
        # no clause of its own starts like progress: cut after its first clause, like the others
        (3, "(3)", "在东区、西区各建一所养老院"),
    ]
    assert [i.progress for i in items] == [
        "已完成3所。",
        "已完成700个。",
        "东区院区主体完工,西区院区正进行设计。",  # the source line below is not its progress
    ]
    assert {i.status_source for i in items} == {"narrative"}
    assert [i.table_index for i in items] == [0, 0, 0]
    assert [i.line for i in items] == [1, 2, 3]


def test_sections_are_groups_and_units_are_read() -> None:
    items = items_of(
        "一、主要指标(共2项)\n"
        "1.工业产值增长6%(责任单位:区经信局)\n"
        "完成情况:上半年增长6.4%。\n"
        "2.税收收入增长5%(责任单位:区财政局、区税务局)\n"
        "完成情况:上半年入库21亿元。\n"
        "二、重点任务(共30项)\n"
        "(一)推动产业升级\n"
        "3.新开工项目20个(责任单位:区发改局)\n"
        "完成情况:已开工12个。\n"
        "4.引进亿元以上项目10个。(区商务局负责)\n"
        "完成情况:已签约4个。"
    )
    assert [(i.seq, i.group, i.units) for i in items] == [
        (1, "主要指标(共2项)", ("区经信局",)),
        (2, "主要指标(共2项)", ("区财政局", "区税务局")),
        (3, "推动产业升级", ("区发改局",)),
        (4, "推动产业升级", ("区商务局",)),
    ]
    assert [i.name for i in items][1:] == [
        "税收收入增长5%",
        "新开工项目20个",
        "引进亿元以上项目10个",
    ]
    assert [i.progress for i in items] == [
        "上半年增长6.4%。",
        "上半年入库21亿元。",
        "已开工12个。",
        "已签约4个。",
    ]
    assert [i.table_index for i in items] == [0, 0, 1, 1]  # one list per run of numbers


def test_sub_items_and_states() -> None:
    items = items_of(
        "一、新增就业1万人。(责任单位:市人社局)该件实事已全面完成\n"
        "1.新增城镇就业8000人(责任单位:市人社局,各县区)\n"
        "此项工作已完成。全市新增8600人。\n"
        "2.培训技能人才900人。(责任单位:市职教中心)\n"
        "此项工作已完成。\n"
        "二、改造农村公路150公里。(责任单位:市交通局)该件实事已全面完成"
    )
    assert [(i.seq, i.seq_raw, i.parent_seq, i.name) for i in items] == [
        (1, "一、", None, "新增就业1万人"),
        (None, "1.", 1, "新增城镇就业8000人"),
        (None, "2.", 1, "培训技能人才900人"),
        (2, "二、", None, "改造农村公路150公里"),
    ]
    assert [(i.status, i.status_raw) for i in items] == [
        ("done", "该件实事已全面完成"),
        ("done", "此项工作已完成"),
        ("done", "此项工作已完成"),
        ("done", "该件实事已全面完成"),
    ]


def test_project_headings_with_progress_below() -> None:
    text = (
        "一、村道路灯安装工程\n"
        "全镇已安装路灯860盏,计划10月底前装完。\n"
        "二、卫生院改造项目\n"
        "目前门诊楼正在装修。\n"
        "三、农贸市场提升项目\n"
        "该项……\n"
        "本文共900字,登录后阅读全文\n"
        "尚未注册请先注册"
    )
    items = items_of(text)
    assert [i.name for i in items] == ["村道路灯安装工程", "卫生院改造项目", "农贸市场提升项目"]
    assert items[2].progress == "该项……"  # no more lines than the others take


def test_unnumbered_paragraphs() -> None:
    text = (
        "全年民生实事计划投资80亿元,1—6月完成41亿元,为年度计划的51%。\n"
        "500个行政村通客车(2022—2024年)。上半年新开通客车线路30条。\n"
        "改造农村危房8000户(2022—2024年)。上半年已全部完工。\n"
        "建设污水处理设施30座(2023—2024年)。上半年已建成12座,总体进展顺利。"
    )
    items = items_of(text)
    assert [(i.seq, i.name) for i in items] == [
        (None, "500个行政村通客车(2022—2024年)"),
        (None, "改造农村危房8000户(2022—2024年)"),
        (None, "建设污水处理设施30座(2023—2024年)"),
    ]
    assert [i.status for i in items] == ["unknown", "done", "on_track"]
    assert items_of("\n".join(text.split("\n")[:3])) == []  # two such paragraphs are not a list


def test_records_run_together_on_one_line() -> None:
    items = items_of(
        "任务目标:更新小区供热管网60个。 进展情况:更新工程已完工。"
        " 任务目标:新建幼儿园20所。新增学位6000个。 进展情况:截至12月底,超额完成年度任务。"
    )
    assert [(i.name, i.target, i.progress, i.status) for i in items] == [
        (
            "更新小区供热管网60个",
            "更新小区供热管网60个。",
            "更新工程已完工。",
            "unknown",
        ),
        (
            "新建幼儿园20所",
            "新建幼儿园20所。新增学位6000个。",
            "截至12月底,超额完成年度任务。",
            "ahead",
        ),
    ]


def test_numbered_records_run_together_with_a_flattened_table() -> None:
    items = items_of(
        "现将各实事项目推进情况公布如下。 1.新增智能信号设备100套。 牵头领导:李明 责任单位:市公安局"
        " 项目责任人:赵刚 配合单位:市城管局 实际完成情况:项目按计划推进。 2.新开公交线路6条。"
        " 牵头领导:李明 责任单位:市交通局 配合单位:市公安局,各区政府 东城 西城 合计 年度新开 3 3 6"
    )
    assert [(i.seq, i.name, i.units, i.people, i.status) for i in items] == [
        (1, "新增智能信号设备100套", ("市公安局", "市城管局"), ("李明", "赵刚"), "on_track"),
        (2, "新开公交线路6条", ("市交通局", "市公安局", "各区政府"), ("李明",), "unknown"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # parts of a report, one of them counting items
        "一、总体情况\n全区20项实事中已完成6项。\n二、工作要求\n各单位要加快推进。",
        # groups of items by state: headings that count items
        "(一)提前完成年度任务的有6项。截至9月底,6个项目已完工。\n(二)按序时推进的有12项。目前各项目正在施工。",
        "(一)2个项目提前完成全年任务。两个项目均已完工。\n(二)9个项目达到序时进度。上半年已开工。",
        # summaries of how things go, not tasks
        "(一)重点工程稳步推进。截至6月底,完成投资8亿元。\n(二)就业保障持续推进。上半年新增就业3200人。",
        # problems and plans, numbered
        "三、存在问题及下一步打算\n1.个别项目审批偏慢,已督促整改。\n2.资金拨付较慢,正在协调。\n一是加强调度,已建立周报制度。\n二是强化督查,正在开展专项督查。",
        # a lone numbered sentence
        "全年目标如下。\n1.新增就业5000人,已完成3200人。\n各单位要加大力度。",
        # project names under case studies, described, not reported on
        "三、典型案例\n1. 东区道路改造工程\n东区道路改造期间,施工方与居民充分沟通。\n2. 中心医院建设项目\n中心医院建成后将方便周边群众就医。",
    ],
    ids=[
        "sections",
        "counts-有",
        "counts-leading",
        "summaries",
        "problems-plans",
        "lone",
        "case-studies",
    ],
)
def test_not_a_list_of_items(text: str) -> None:
    assert items_of(text) == []


def test_a_cut_last_entry_needs_no_progress() -> None:
    items = items_of(
        "(一)新建老年食堂30处。(市民政局负责)\n完成情况:已全部建成。\n(二)推进老旧燃油车置换,大气"
    )
    assert [(i.name, i.progress) for i in items] == [
        ("新建老年食堂30处", "已全部建成。"),
        ("推进老旧燃油车置换,大气", None),
    ]


def test_traditional_headings_with_sub_lines() -> None:
    items = items_of(
        "一、住房保障工程\n1.籌建保障性住房18萬平方米。\n2.整治舊小區5個。\n二、養老服務工程\n1.新建長者食堂12個。"
    )
    assert [(i.name, i.progress) for i in items] == [
        ("住房保障工程", "1.籌建保障性住房18萬平方米。\n2.整治舊小區5個。"),
        ("養老服務工程", "1.新建長者食堂12個。"),
    ]


@pytest.mark.parametrize(
    ("progress", "expected"),
    [
        ("上半年已全部完工。累计完成投资2亿元。", ("上半年已全部完工", "done")),
        ("此项工作已完成。全市建成8所。", ("此项工作已完成", "done")),
        ("該件實事已全面完成", ("該件實事已全面完成", "done")),
        ("各标段均已进场,总体进展顺利。", ("总体进展顺利", "on_track")),
        ("截至12月底,超额完成年度目标任务。", ("超额完成年度目标任务", "ahead")),
        ("项目按计划推进。", ("项目按计划推进", "on_track")),
        # a part of the work done is not the item's state
        ("监理单位已完成招标。", None),
        ("已完成5所,占计划的30%。", None),
        ("东区征地基本完成,西区方案设计中。", None),
    ],
)
def test_stated_status(progress: str, expected: tuple[str, str] | None) -> None:
    assert stated_status(progress) == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("改造8所医院,已完成3所", (6, 7)),
        ("新建基站10个。一季度,建成基站3个", (7, 8)),
        ("1500个行政村通客车。上半年新开通线路", (11, 12)),
        ("加强组织领导,压实工作责任", None),
        ("实施攻坚计划,推进80个项目建设,力促15个项目新开工", None),
    ],
)
def test_progress_split(key: str, expected: tuple[int, int] | None) -> None:
    assert progress_split(key) == expected


@pytest.mark.parametrize(
    ("heading", "counts", "part"),
    [
        ("主要经济指标(共3项)", True, False),
        ("提前完成的有7项", True, False),
        ("2个项目提前完成全年任务", True, False),
        ("推动滨江大厦等9个项目完工", False, False),
        ("重点项目进展情况", False, True),
        ("存在问题", False, True),
        ("村道路灯安装工程", False, False),
    ],
)
def test_headings(heading: str, counts: bool, part: bool) -> None:
    assert (counts_items(heading), names_a_part(heading)) == (counts, part)


def test_units_end_where_organisations_end() -> None:
    assert (
        organisations("市公安局、市城管局,各区政府 东城 西城 合计 2 5")
        == "市公安局、市城管局,各区政府"
    )
    assert organisations("市交通局 各区政府") == "市交通局 各区政府"


def test_outline_levels() -> None:
    lines = prose_runs(
        list(text_to_blocks(["一、甲", "(一)乙", "1.丙", "2.丁", "(二)戊", "二、己"]))
    )[0]
    lead, top = outline(lines, {})
    assert lead == []
    assert [(e.marker, [c.marker for c in e.children]) for e in top] == [
        ("一、", ["(一)", "(二)"]),
        ("二、", []),
    ]
    assert [c.marker for c in top[0].children[0].children] == ["1.", "2."]
    assert isinstance(top[0].text, Line) and top[0].text.text == "甲"


def test_interpret_uses_listed_items_only_without_a_table() -> None:
    text = "(1)改造8所社区医院,已完成3所。\n(2)新增停车泊位1200个,已全部完成。"
    document = Document("x.txt", "txt", "0" * 64, tuple(text_to_blocks(text.split("\n"))))
    parsed = interpret(document)
    assert [(i.name, i.status, i.status_source) for i in parsed.items] == [
        ("改造8所社区医院", "unknown", "narrative"),
        ("新增停车泊位1200个", "done", "narrative"),
    ]
    assert parsed.bulletin.item_count == 2 and parsed.bulletin.table_count == 0
    no_table = [f for f in parsed.findings if f.check == "no_table"]
    assert no_table[0].message.endswith("; 2 items read from a list in the narrative")
    # measures are read from their cells as from a table's
    assert [(m.seq, m.raw) for m in parsed.measures] == [(1, "3所")]


def test_fixture_run_on_entries_whose_names_end_at_spaces() -> None:
    parsed = parse_file(FIXTURES / "list-run-on-spaced-names.txt")
    assert [(i.seq, i.name) for i in parsed.items] == [
        (1, "地方储备粮仓库扩建"),
        (2, "全市小学段校车运营"),
        (3, "新建5G基站"),
        (4, "农村低收入群体危房改造"),
        (5, "城乡供水一体化"),
        (6, "老旧小区改造"),
    ]
    assert parsed.items[2].progress == "新增5G基站106个,累计建设5G基站839个, 为年计划的106%。"


def test_fixture_entries_bulleted_by_a_doubled_dash() -> None:
    parsed = parse_file(FIXTURES / "list-dash-bullets.txt")
    assert [(i.seq_raw, i.name) for i in parsed.items][:3] == [
        ("--", "地方储备粮仓库扩建"),
        ("--", "松山中学塑胶操场建设"),
        ("--", "全民健身活动中心多功能运动场"),
    ]
    assert [i.seq for i in parsed.items][3:] == [4, 5, 6]


def test_fixture_records_under_news_sub_headings() -> None:
    parsed = parse_file(FIXTURES / "kv-titled-records.txt")
    assert [i.name for i in parsed.items] == [
        "地方储备粮仓库扩建项目",
        "松山中学塑胶操场建设",
        "新建5G基站100个以上",
        "农村低收入群体危房改造80户",
        "完成30个小区、5019户老旧小区改造",
    ]
    # the sub-heading of the next record is not the progress of this one
    assert parsed.items[0].progress is not None and "孩子们" not in parsed.items[0].progress
