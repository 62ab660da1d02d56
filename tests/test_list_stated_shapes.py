"""Item lists in prose in shapes news reports print: a state in brackets after each numbered
statement, numbered paragraphs of results that each give a completion rate, and unnumbered
"name。result" paragraphs whose results tell the target met (tests/fixtures/README.md names
each fixture's page)."""

from __future__ import annotations

from pipeline.run.task import parse_file
from tests.conftest import FIXTURES
from tests.list_tools import drafts


def test_a_state_in_brackets_after_each_statement() -> None:
    parsed = parse_file(FIXTURES / "list-bracketed-states-traditional.txt")
    items = parsed.items
    assert [i.seq for i in items] == [1, 2, 3, 4, 5, 6]
    assert items[0].name == "改造提升鎮區老舊供水管網,解決3個片區供水不穩問題"
    # a bracket that is no state stays in the statement
    assert items[1].name == "新建2個村(社區)衛生服務站"
    assert [(i.status_raw, i.status) for i in items[:4]] == [
        ("完成", "done"),
        ("完成", "done"),
        ("推進中", "in_progress"),
        ("完成", "done"),
    ]
    assert items[2].progress == "停車場主體已完工,劃線及智能收費系統正在安裝調試。"
    assert {i.status_source for i in items} == {"narrative"}


def test_a_bracketed_state_at_the_end_of_the_line() -> None:
    items = drafts(
        "1.新建村级养老服务站3个(已完成)\n"
        "2.改造农村公路12公里(进行中)\n"
        "3.新建社区(村)文化广场2个(已完成)"
    )
    assert [(i.name, i.status, i.progress) for i in items] == [
        ("新建村级养老服务站3个", "done", None),
        ("改造农村公路12公里", "in_progress", None),
        ("新建社区(村)文化广场2个", "done", None),
    ]


def test_a_bracket_that_is_no_state_reads_no_status() -> None:
    # 含3个子项目 is no status label: no state is read from the bracket
    items = drafts(
        "1.新建村级养老服务站(含3个子项目):已建成2个。\n2.改造农村公路(含2条):已完工12公里。"
    )
    assert [i.name for i in items] == ["新建村级养老服务站(含3个子项目)", "改造农村公路(含2条)"]
    assert {i.status_raw for i in items} == {None}


def test_numbered_results_each_giving_a_completion_rate() -> None:
    items = parse_file(FIXTURES / "list-rated-results.txt").items
    assert [i.seq_raw for i in items] == ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)"]
    # no name cell: each named by its opening, all of it its progress
    assert (
        items[0].name
        == "已新增社区嵌入式养老服务点48个、新增家庭养老照护床位620张,整体完成率108.2%"
    )
    assert items[4].progress == "已建成“口袋公园”28个,完成率140%。"
    # the last entry, before the page's cut-off bracket, keeps its result
    assert items[5].progress == "已新建成中小学、幼儿园9所,新增学位1.02万个,完成率102%。"
    assert {(i.status, i.status_source) for i in items} == {("unknown", "narrative")}


def test_completion_rates_under_a_parts_heading_break_a_total_down() -> None:
    # figures by kind under a part of the report: no items
    items = drafts(
        "一、重点项目建设进度\n"
        "(一)总体进展情况\n"
        "全市重点项目完成投资229.8亿元。\n"
        "(二)按项目类型完成情况\n"
        "1、基础设施工程完成投资54.8亿元,完成率32.2%。\n"
        "2、产业工程完成投资118.3亿元,完成率58.0%。\n"
        "3、民生保障工程完成投资11.8亿元,完成率35.1%。"
    )
    assert items == []


def test_unnumbered_names_each_followed_by_a_result_against_the_target() -> None:
    items = parse_file(FIXTURES / "list-unnumbered-results.txt").items
    assert [i.name for i in items] == [
        "“城市书房”建设",
        "农贸市场提升改造工程",
        "普惠托育扩面工程",
        "老旧小区综合改造工程",
        "社区食堂建设",
        "农村饮用水提质工程",
        "公共体育设施补短板工程",
    ]
    assert items[1].progress == "全年完成农贸市场提升改造26家,超额完成20家的年度目标任务。"
    assert {(i.seq, i.status_source) for i in items} == {(None, "narrative")}


def test_unnumbered_measures_without_a_result_against_a_target_are_no_items() -> None:
    # what was done for a measure, with no target met: not a list of items
    items = drafts(
        "今年以来,我县扎实推进各项工作。\n"
        "加强组织领导。全年召开专题会议5次,研究部署重点工作。\n"
        "强化督查考核。全年开展专项督查12次,通报问题8个。\n"
        "注重宣传引导。全年发布信息60条,营造良好氛围。"
    )
    assert items == []


def test_two_project_paragraphs_the_page_cut_after_the_second() -> None:
    items = parse_file(FIXTURES / "list-unnumbered-cut-pair-traditional.txt").items
    assert [i.name for i in items] == ["農村公路提質改造工程", "城市公交站亭改造工程"]
    assert items[0].progress is not None and items[0].progress.startswith("截至目前,全省完成")
    assert {i.status_source for i in items} == {"narrative"}


PAIR = (
    "我省民生工程进展顺利。\n"
    "农村公路提质改造工程。截至目前,全省完成农村公路提质改造3850公里。\n"
    "城市公交站亭改造工程。截至目前,完成投资2.6亿元,占全部投资额的58%。"
)


def test_two_project_paragraphs_are_no_list_unless_the_page_ends_inside_the_second() -> None:
    # a whole second paragraph, then the report goes on: two paragraphs are too few
    assert drafts(PAIR + "\n下一步,我省将加快推进各项工程建设。") == []
    # cut, but the paragraphs open with no project's name
    cut = "我省民生工作进展顺利。\n交通出行。截至目前,完成公路改造3850公里。\n公交服务。截至目前,完成投资2.6亿"
    assert drafts(cut) == []
    assert [i.name for i in drafts(PAIR)] == ["农村公路提质改造工程", "城市公交站亭改造工程"]


def test_completion_rate_paragraphs_need_a_line_above_that_announces_items() -> None:
    lines = (FIXTURES / "list-rated-results.txt").read_text(encoding="utf-8").splitlines()
    assert len(drafts("\n".join(lines))) == 6
    # with no lead at all, or one that names no items, they are no list
    assert drafts("\n".join(lines[1:])) == []
    assert drafts("\n".join(["今日,东江市召开新闻发布会。", *lines[1:]])) == []
