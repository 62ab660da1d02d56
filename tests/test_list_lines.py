"""Item lists in prose that real pages print where another would print a progress table:
entries numbered 第一项实事, under a news report's sub-headlines (tests/fixtures/README.md names
each fixture's page)."""

from __future__ import annotations

import pytest

from parsers.text_reader import text_to_blocks
from pipeline.narrative.headlines import entry_headlines
from pipeline.narrative.outline import prose_runs
from tests.list_tools import drafts, fixture_items


def test_ordinal_entries_under_sub_headlines() -> None:
    # a press conference's report: 第一项实事,name。what it is。results, a sub-headline above each
    items = fixture_items("list-ordinal-headlined.txt")
    assert [(i.seq, i.seq_raw, i.name) for i in items] == [
        (1, "第一项实事,", "推进5G基站建设"),
        (2, "第二项实事,", "开展儿童龋病防治工作"),
        (3, "第三项实事,", "农业灌溉保障提升项目"),
    ]
    # the sub-headline above the next entry is not this one's progress
    assert items[0].progress is not None
    assert items[0].progress.endswith("完成年度目标任务的106%。")
    assert items[1].progress is not None
    assert items[1].progress.endswith("完成年度目标任务的114%。")
    assert items[2].progress == "这项实事对地处村庄上游、库容较"  # cut off
    assert {i.status for i in items} == {"unknown"}  # 完成年度目标任务 is no status label


@pytest.mark.parametrize(
    "marker",
    ["第一项实事,", "第一件实事:", "第一项工作、", "第一项,", "第一,"],
)
def test_ordinal_markers_with_or_without_what_they_count(marker: str) -> None:
    second = marker.replace("一", "二")
    items = drafts(
        f"{marker}新建城东小学。全年新建小学1所,完成年度目标任务的100%。\n"
        f"{second}改造学校操场。全年改造操场3处,完成年度目标任务的100%。"
    )
    assert [(i.seq, i.name) for i in items] == [(1, "新建城东小学"), (2, "改造学校操场")]


OPENING = "今年各项工作有序推进,现将有关情况通报如下。\n"


def test_a_sub_headline_is_no_entry_progress() -> None:
    items = drafts(
        OPENING + "新建小学1所\n第一项实事,新建城东小学。全年新建小学1所,完成年度目标的100%。\n"
        "改造操场3处\n第二项实事,改造学校操场。全年改造操场3处,完成年度目标的100%。\n"
        "新建公厕5座\n第三项实事,新建公厕。全年新建公厕5座,完成年度目标的100%。"
    )
    assert [(i.name, i.progress) for i in items] == [
        ("新建城东小学", "全年新建小学1所,完成年度目标的100%。"),
        ("改造学校操场", "全年改造操场3处,完成年度目标的100%。"),
        ("新建公厕", "全年新建公厕5座,完成年度目标的100%。"),
    ]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # headings over lists that each start again at 1 are the sections'
        (
            OPENING + "教育类\n1.新建城东小学。已完成主体工程。\n2.改造城北中学操场。已完工。\n"
            "卫生类\n1.新建社区卫生服务站。已投入使用。\n2.改造县医院门诊楼。正在装修。",
            "卫生类",
        ),
        # a short line below an entry's own short line is its progress
        ("1.新建学校\n已完工\n2.改造操场\n已完工\n3.新建公厕\n正在施工", "已完工"),
    ],
    ids=["sections", "progress-lines"],
)
def test_lines_above_entries_that_are_no_sub_headlines(text: str, kept: str) -> None:
    (run,) = prose_runs(list(text_to_blocks(text.split("\n"))))
    lines = [run[index].text for index in entry_headlines(run)]
    assert kept not in lines and lines == []


def test_a_short_progress_line_stays_the_entry_progress() -> None:
    items = drafts("1.新建学校\n已完工\n2.改造操场\n已完工\n3.新建公厕\n正在施工")
    assert [(i.name, i.progress, i.status) for i in items] == [
        ("新建学校", "已完工", "done"),
        ("改造操场", "已完工", "done"),
        ("新建公厕", "正在施工", "in_progress"),
    ]


def test_a_name_sentence_before_a_later_word_of_progress() -> None:
    # the first sentence is a name; the word of progress (累计) comes two sentences later
    items = drafts(
        "1.推进5G基站建设。这项实事聚焦城区信号盲点。全年新增基站106个,累计建设839个。\n"
        "2.开展儿童龋病防治。这项实事守护儿童口腔健康。全年筛查1900人,累计封闭1756人。"
    )
    assert [(i.name, i.progress) for i in items] == [
        ("推进5G基站建设", "这项实事聚焦城区信号盲点。全年新增基站106个,累计建设839个。"),
        ("开展儿童龋病防治", "这项实事守护儿童口腔健康。全年筛查1900人,累计封闭1756人。"),
    ]


def test_target_lines_each_over_a_progress_line() -> None:
    # a progress table flattened: 一、target / progress, under a title naming their progress
    items = fixture_items("list-target-progress-lines.txt")
    assert [(i.seq, i.name) for i in items] == [
        (1, "完成适龄妇女免费“两癌”筛查;新建社区卫生服务站2个"),  # run on from the 来源 line
        (2, "开展儿童龋病防治,目标儿童覆盖率达到70%"),
        (3, "推进适龄女孩HPV疫苗接种860人"),
        (4, "为150户特殊困难老年人家庭实施适老化改造"),
        (5, "新建标准化健康小屋6个"),
        (6, "新建村卫生室标准化改造10个"),
    ]
    assert items[0].progress is not None and items[0].progress.startswith("完成两癌筛查11553人。")
    assert items[-1].progress == "4个村卫生室完成改造,6个村卫生室正在施工中。"  # not 分享:
    assert {i.status for i in items} == {"unknown"}


PAIRS = (
    "一、新建社区卫生服务站2个\n城东卫生服务站完成室内装修12处,进入设备安装。\n"
    "二、开展儿童龋病防治\n组织各医疗机构开展窝沟封闭培训。\n"
    "三、推进适龄女孩HPV疫苗接种860人\n应接种860人,已接种801人。\n"
    "四、实施适老化改造150户\n完成公开招标程序,开始入户评估。\n"
    "五、新建健康小屋6个\n翠屏、桃村已完成。"
)


def test_target_and_progress_lines_need_a_title_naming_progress() -> None:
    # one entry in two reading as an item is enough under a title that names their progress
    assert len(drafts("2024年卫生实事项目完成情况进度表\n" + PAIRS)) == 5
    assert drafts("2024年卫生工作安排\n" + PAIRS) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "2024年06月28日 来源: 区卫健委 一、新建社区卫生服务站2个。已完成主体工程。\n"
            "二、改造县医院门诊楼。已完工。",
            ["新建社区卫生服务站2个", "改造县医院门诊楼"],
        ),
        # the next numbered line is not the second: no first entry runs on
        (
            "2024年06月28日 来源: 区卫健委 一、新建社区卫生服务站2个。已完成主体工程。\n"
            "三、改造县医院门诊楼。已完工。\n四、新建公厕5座。已完工。",
            ["改造县医院门诊楼", "新建公厕5座"],
        ),
    ],
    ids=["runs-on", "not-the-first"],
)
def test_a_first_entry_run_on_from_the_source_line(text: str, names: list[str]) -> None:
    assert [i.name for i in drafts(text)] == names


def test_sections_whose_paragraphs_go_on_with_one_numbering() -> None:
    # (一)…工程 / 1,… 2,… 3,… / (二)…工程 / 4,… : the items, grouped by the headings above them
    items = fixture_items("list-sections-continued-numbers.txt")
    assert [(i.seq, i.seq_raw, i.group) for i in items] == [
        (1, "1,", "便民出行工程"),
        (2, "2,", "便民出行工程"),
        (3, "3,", "便民出行工程"),
        (4, "4,", "便民就医工程"),
        (5, "5,", "便民就医工程"),
        (6, "6,", "便民就医工程"),
        (7, "7,", "便民养老工程"),
    ]
    # no name of its own: named by the opening of its text, all of it the progress
    assert items[0].name == "截至10月底,全市新建公交站台46座,完成全年目标的115%"
    assert items[0].progress is not None and items[0].progress.endswith("完成全年目标的100%。")
    assert (items[3].name, items[3].progress) == (
        "新建社区卫生服务站2个",  # a statement, then its progress: its own reading
        "截至目前已有1个开始试运行;剩余1个正在安装设备,年底前开诊。",
    )
    assert {i.status for i in items} == {"unknown"}


SECTIONS = (
    "(一)便民出行工程\n"
    "1,全市新建公交站台46座,完成全年目标的115%;新开通城乡公交线路3条。\n"
    "2,改造农村公路180公里,完成全年目标的100%;新建公共停车泊位2100个。\n"
    "(二)便民就医工程\n"
    "{third},新建社区卫生服务站2个,完成全年目标的100%;改造村卫生室10个。\n"
    "{fourth},全市完成儿童龋病筛查1900人,目标儿童覆盖率达到79.85%。"
)


@pytest.mark.parametrize(
    ("third", "fourth", "groups"),
    [
        ("3", "4", ["便民出行工程"] * 2 + ["便民就医工程"] * 2),
        # each section starting again at 1: not one numbering; the headings are the items, their
        # lines their progress, as before
        ("1", "2", [None, None]),
    ],
    ids=["continued", "restarted"],
)
def test_paragraphs_numbered_across_sections(
    third: str, fourth: str, groups: list[str | None]
) -> None:
    items = drafts(SECTIONS.format(third=third, fourth=fourth))
    assert [i.group for i in items] == groups


@pytest.mark.parametrize(
    "line",
    ["1,000名志愿者参加了服务。", "3,5月份完成了全部招标。"],
    ids=["thousands", "months"],
)
def test_a_number_and_a_comma_before_a_figure_is_no_marker(line: str) -> None:
    assert drafts(f"{line}\n2,改造农村公路180公里,完成全年目标的100%。") == []


def test_numbers_alone_each_over_one_result() -> None:
    # a two-column table flattened: the number on its line, then the one cell of the item
    items = fixture_items("list-numbers-alone-results.txt")
    assert [(i.seq, i.seq_raw) for i in items] == [(n, str(n)) for n in range(1, 9)]
    assert items[0].name == "新增 106个 5G基站,为计划的106%"  # no name: its opening
    assert (
        items[3].progress
        == "改造 180公里 农村公路,为计划的100%;新建 2100个 公共停车泊位,为计划的105%。"
    )
    assert items[-1].progress == "完成 30个 老旧小区改"  # cut off
    assert {i.status for i in items} == {"unknown"}


@pytest.mark.parametrize(
    "text",
    [
        # shares that are targets, not results
        "1\n地区生产总值增长6.5%以上。\n2\n固定资产投资增长25%。\n3\n服务业增加值增长6%。",
        # a responsibility table flattened: more cells under each number
        "1\n新增 106个 5G基站,为计划的106%。\n区工信局\n区工信局\n"
        "2\n新建 2个 社区卫生服务站,为计划的100%。\n区卫健局\n区卫健局\n"
        "3\n新建 46座 公交站台,为计划的115%。\n区交通局\n区交通局",
    ],
    ids=["targets", "more-cells"],
)
def test_numbers_alone_over_what_is_no_result(text: str) -> None:
    assert drafts(text) == []


def test_numbers_alone_over_headings() -> None:
    # 01 / 增绿添园 / paragraph: the headings over their paragraphs stay the items
    items = drafts(
        "01\n增绿添园\n按照计划,应完成城市公园55个。目前已完成77个,超过既定目标40%。\n"
        "02\n新增公厕\n按照计划,今年新增公厕340座,目前已经完成276座。\n"
        "03\n公共直饮水\n按照计划,应建设直饮水点376个,目前已完成290个。"
    )
    assert [i.name for i in items] == ["增绿添园", "新增公厕", "公共直饮水"]
