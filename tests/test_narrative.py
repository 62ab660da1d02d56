"""Metadata and summary counts from narrative paragraphs (REAL_WORLD.md §6)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.narrative.counts import find_summary_counts
from pipeline.narrative.metadata import find_issue_date, find_issuer, looks_like_title
from pipeline.narrative.regions import region_of
from pipeline.run.task import parse_file
from tests.conftest import FIXTURES

COUNTS = [
    (
        "30項全市重點民生實事,6項(①多種國家第九批集采藥品降價;②提高職工基本醫療保險普通門診統籌待遇水平)"
        "已完成,18項按計劃推進,6項進展較為緩慢。",
        30,
        {"done": 6, "on_track": 18, "behind": 6},
    ),
    ("全年共30项实事，其中已完成6项，按计划推进18项，进度滞后6项。", 30, {"done": 6, "on_track": 18, "behind": 6}),
    ("三十项民生实事中,十二项已完成,十八项正常推进。", 30, {"done": 12, "on_track": 18}),
    # counts that do not add up are recorded as stated
    ("共12件实事,已完成5件,按序时推进5件。", 12, {"done": 5, "on_track": 5}),
    ("2024年度全市重点民生实事共2项,已完成1项,未完成年度任务1项。", 2, {"done": 1, "not_done": 1}),
    ("现将有关情况通报如下:", None, {}),
    # counts joined by 、, the status before the count
    ("截至目前,已完成8项、按序时推进23项、滞后3项。", None, {"done": 8, "on_track": 23, "behind": 3}),
    # a counter lost in extraction before a parenthesised list
    ("推进缓慢的有3(城区公厕、乡镇集市、村级广场),占目标任务的30%。", None, {"behind": 3}),
    ("十二项已完成,三项进度滞后。", None, {"done": 12, "behind": 3}),
    # of two states joined by 或, the first; 时序进度 is 序时进度
    ("完成或超额完成的有3项,按计划推进的有5项。", None, {"done": 3, "on_track": 5}),
    ("20项民生实事中18项达到或超过时序进度,2项未达时序进度。", 20, {"on_track": 18, "behind": 2}),
    # every item in one state
    ("2023年区十件民生实事共25项内容,已全部完成年度任务。", 25, {"done": 25}),
    # the state, then its count in a clause of its own
    ("截至9月底,已完成:6项;按序时推进:21项;进度滞后:2项。", None, {"done": 6, "on_track": 21, "behind": 2}),
    ("已经完成的重点任务,共计7项。", None, {"done": 7}),
    # but not the state of a programme, then a total
    ("今年民生实事进展顺利,共30项。", 30, {}),
    # every item in one state, the total after it
    ("截至11月底,全县2023年村级道路硬化项目已全部完工。全年共实施项目64个,总投资820万元。", 64, {"done": 64}),
    # but a count started (开工) after it is no total of those
    ("村级道路硬化项目全部完工。新建项目开工36项。", None, {}),
    # every item of the scope in one state, said twice: counted once
    ("全县5个子项目,饮水工程全部完工,水库加固项目全部竣工。", 5, {"done": 5}),
    # a scope that names a state, broken down by level only: the count in that state
    ("全县安排重点项目60宗。其中续建项目22宗。18宗未开工项目中,省重点项目有4宗,县重点项目有14宗。", 60, {"not_started": 18}),
    # the state of the whole, then the breakdown: the breakdown
    (
        "15项重点民生实事40个项目持续推进。其中,10个项目已完成全年目标任务,30个项目按计划推进。",
        40,
        {"done": 10, "on_track": 30},
    ),
    # a part (其中) of a count is in it already, whatever its state: not added
    ("31个项目完成月度计划,其中,2个项目提前完成。", None, {"on_track": 31}),
    ("24项提前完成年度目标任务,其中8个项目已全面完工。", None, {"ahead": 24}),
    ("24项提前完成年度目标任务,其中8个建设类项目已全面完工。", None, {"ahead": 24}),  # a group
    # a second programme in another counter, or a new scope, starts another breakdown
    (
        "98个小项,全面完成全年目标任务的有40项,正在实施的有55项。15件民生大事,已完成4件,"
        "其余11件按进度推进中。",
        98,
        {"done": 40, "in_progress": 55},
    ),
    ("20项民心工程又有12项具体工作已完成。截至目前,45项具体工作已有21项完成全年任务目标。", 45, {"done": 21}),
    # work done, not items in a state; an expectation, not a state
    ("已完成改造12个小区,完成投资3.2亿元,完成率80%。", None, {}),
    ("全市12个项目已完成8个,预计年底前全部完成。", 12, {"done": 8}),
    ("32件民生实事完成年度进度目标,1件未按进度完成。", None, {"done": 32, "not_done": 1}),
    ("年底前不能全部完成的任务有3项。", None, {}),
    ("完成90%以上的12个,完成80%以上的8个。", None, {}),  # bands of progress
    # two states joined by 和: the first; a count joined to a noun by 和 is not a state
    ("欠进度的有2个,已完成和提前完成6个,达进度的有15个。", None, {"behind": 2, "done": 6, "on_track": 15}),
    ("项目和资金已完成8个批次。", None, {}),
    # a total in a finer unit before any count: the items counted
    ("全年12项、20个考核指标中,有15个考核指标超额完成任务,5个考核指标完成任务。", 20, {"ahead": 15, "done": 5}),
    ("明确10项目标任务,细化为25个具体工作内容。已完成的有5个,达进度的有20个。", 25, {"done": 5, "on_track": 20}),
    # the planned count is not a state; the count of those that are is
    ("全市重点项目60个,计划年内完工项目12个,已完工或基本完工7个。", 60, {"done": 7}),
    # the progress plan as what a state reaches (超额完成进度计划), not a noun
    ("其中,4个子项已完成,9个子项已超额完成进度计划。", None, {"done": 4, "ahead": 9}),
    # preparatory work is not a state of the summary counts
    ("2项已完成,15项正常推进,6项正在开展前期工作。", None, {"done": 2, "on_track": 15}),
    ("共40个项目,5个项目已建成,30个项目正在加紧施工,5个项目正在进行前期工作。", 40, {"done": 5, "in_progress": 30}),
    # counts quoted as speech are read; a quoted name is not a count
    ("“今年安排的20项重点任务,8项已完成,12项按计划推进。”区发改局负责人介绍。", 20, {"done": 8, "on_track": 12}),
    ("围绕“3项重点任务”,已完成2项。", None, {"done": 2}),
    # the count after the state and the items, with 共 before it
    ("进度较快的项目共12个,进度正常的项目共9个,已完成的项目共计4个。", None, {"ahead": 12, "on_track": 9, "done": 4}),
    # a scope named as one after a breakdown (…;8项民生实事中) starts another
    (
        "40项重点工作中,10项已完成,25项正常推进,5项进度滞后;8项民生实事中,6项已完成,2项进度滞后。",
        40,
        {"done": 10, "on_track": 25, "behind": 5},
    ),
    # progress measured against the plan or the target, not 序时进度
    (
        "40个小项中,有9个小项完成全年目标任务,20个小项达到或超过目标任务进度,11个小项未达到目标任务进度。",
        40,
        {"done": 9, "on_track": 20, "behind": 11},
    ),
    # Taiwan's reports of listed plans: 者 and 则 between the state and the count
    (
        "本年度列管計畫共計60項;其中,進度符合者有30項、超前者4項、已完成16項、進度落後則有10項。",
        60,
        {"on_track": 30, "ahead": 4, "done": 16, "behind": 10},
    ),
    ("總計120項行動方案中,辦理完成有45項,執行中者有70項。", 120, {"done": 45, "in_progress": 70}),
    # a part of the items after 有, and the plan's progress written out (按照序时进度推进)
    ("今年40件为民办实事项目有6件已提前完成;其余34件正按照序时进度推进。", 40, {"ahead": 6, "on_track": 34}),
    ("15件民生实事中,已按期办结5件,按计划有序推进10件。", 15, {"done": 5, "on_track": 10}),
    ("12项实事中,3项已完成,2项超过倒排工期计划进度,其余7项达到工作进度。", 12, {"done": 3, "ahead": 2, "on_track": 7}),
    ("全区5类20项民生实事全部兑现。", 20, {"done": 20}),
    ("8个重点项目建成投用,14个项目加快建设。", None, {"done": 8, "in_progress": 14}),
    ("去年訂立50個新指標,當中2個項目未按原定指標完成。", 50, {"not_done": 2}),
    ("去年施政報告提及30項措施會於年內落實,即合共27項措施如期落實,其餘3項未能如期落實。", 30, {"done": 27, "not_done": 3}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "total", "counts"), COUNTS, ids=[c[0][:12] for c in COUNTS])
def test_summary_counts(text: str, total: int | None, counts: dict[str, int]) -> None:
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (total, counts)


def test_counts_come_from_the_first_paragraph_that_has_them() -> None:
    found = find_summary_counts(["现将情况通报如下:", "共3项,2项已完成,1项进度滞后。", "已完成9项"])
    assert found.paragraph == 1 and found.counts == {"done": 2, "behind": 1}


def test_the_breakdown_that_names_most_statuses_wins() -> None:
    found = find_summary_counts(
        ["今年以来,3个项目已完工,其余正在推进。", "其中2项已完成,5项正常推进。"]
    )
    assert found.paragraph == 1 and found.counts == {"done": 2, "on_track": 5}


def test_paragraphs_that_each_open_with_a_count_are_one_breakdown() -> None:
    paragraphs = [
        "全市20项为民办实事项目稳步推进。",
        "(一)提前完成任务指标有6项。截止8月底,全市已有6个考核项目已完成全年目标任务。",
        "(二)超时间进度完成指标有5项。其中省考核项目3项。",
        "(三)与时间进度同步指标有9项。",
    ]
    found = find_summary_counts(paragraphs)
    assert (found.paragraph, found.counts) == (1, {"ahead": 11, "on_track": 9})


def test_list_headings_with_the_count_after_the_state() -> None:
    paragraphs = [
        "一、已经完成的目标任务,共计9项。主要是新建公园2个等,占任务总数的30%。",
        "二、按序时推进的目标任务,共计18项。绝大部分属于这种情况。",
        "三、进度滞后的目标任务,共计3项。分别为某某工程、某某改造。",
    ]
    assert find_summary_counts(paragraphs).counts == {"done": 9, "on_track": 18, "behind": 3}


def test_bullets_are_one_breakdown() -> None:
    paragraphs = [
        "截至6月底,3个项目已提前完成全年目标。",
        "■ 3个项目已提前完成全年目标",
        "■ 20个项目按计划完成节点目标",
    ]
    assert find_summary_counts(paragraphs).counts == {"ahead": 3, "on_track": 20}


def test_headlines_give_way_to_the_body() -> None:
    paragraphs = [
        "8个项目已完成全年目标任务",
        "截至7月底,8个项目已完成全年目标任务,9个项目超额完成节点目标。",
    ]
    assert find_summary_counts(paragraphs).counts == {"done": 8, "ahead": 9}
    assert find_summary_counts(paragraphs[:1]).counts == {"done": 8}


def test_counts_replace_the_overall_state_of_the_programme() -> None:
    paragraphs = [
        "1-10月,全市20件民生实事总体进展顺利。",
        "全年共办理20件30个项目,已完成的项目18个。",
    ]
    assert find_summary_counts(paragraphs).counts == {"done": 18}


def test_a_total_the_sentence_reports_on_counts_the_programme() -> None:
    # no 共 or 全市, but fewer of the same items reported on after it: the total
    found = find_summary_counts(["东江市推进改革方案120项任务实施,目前已落地实施96项。"])
    assert (found.total, found.counts) == (120, {})
    # as many or more reported on, or another counter: not a total
    assert find_summary_counts(["方案120项任务实施,目前已落地实施120项。"]).total is None
    assert find_summary_counts(["方案120项任务实施,目前已落地96个。"]).total is None
    # nor one that reports nothing on it
    assert find_summary_counts(["会议部署了120项任务。"]).total is None


def test_the_counts_of_a_total_replace_that_many_items_counted_alone() -> None:
    paragraphs = [
        "据介绍,今年确定的20件民生实事已经基本完成,包括累计改造老旧小区12个等。",
        "今年确定了20件民生实事,截至目前,19件实事已经完成,有一件也即将完成。",
    ]
    found = find_summary_counts(paragraphs)
    assert (found.total, found.counts) == (20, {"done": 19})


def test_a_list_of_counts_under_headlines() -> None:
    paragraphs = [
        "概览",
        "2. 在过去一年,我们致力落实为数达 120 项的承诺。以下概述工作进展。",
        "如期进行的项目",
        "3. 政府如期实现了 110 项承诺(即总数的92%)。",
        "进度较预期慢的项目",
        "4. 我们还有 10 个项目(占总数的8%)的进度较预期慢。内文已列出这些项目。",
    ]
    assert find_summary_counts(paragraphs).counts == {"on_track": 110, "behind": 10}


def test_counts_do_not_replace_a_state_of_every_item() -> None:
    paragraphs = ["今年承诺的15件实事已经全部完成。", "新建的12个社区服务站已建成使用。"]
    assert find_summary_counts(paragraphs).counts == {"done": 15}


def test_paragraphs_over_the_same_items_are_one_breakdown() -> None:
    paragraphs = [
        "截至9月5日,全县40个重点项目中,已有3个项目完成攻坚目标,25个项目取得明显进展。",
        "据悉,在40个重点项目中还有9个项目进展较为缓慢,3个项目尚在协调。",
    ]
    found = find_summary_counts(paragraphs)
    assert (found.total, found.counts) == (40, {"done": 3, "behind": 9})


def test_a_total_alone() -> None:
    found = find_summary_counts(["今年,全市安排重点项目120个,年度投资80亿元。"])
    assert (found.total, found.counts) == (120, {})


SAMPLE_TAIL = [
    "附件:2024年30項重點民生實事二季度進展情況表",
    "棲霞市人民政府辦公室",
    "2024年7月10日",
    "附件",
]


def test_issue_date_and_issuer() -> None:
    issued, index = find_issue_date(SAMPLE_TAIL)
    assert str(issued) == "2024-07-10" and index == 2
    assert find_issuer(SAMPLE_TAIL, index) == "棲霞市人民政府辦公室"


@pytest.mark.parametrize(
    ("lines", "issued"),
    [
        (["首页>正文", "2019-12-16 16:24:11 | 来源:某某网 | 责编:张某"], "2019-12-16"),
        (["稿源:某某日报 编辑:李某 2024-10-23 01:47"], "2024-10-23"),
        (["http://www.example.com  2019-06-14 16:37:20   来源:某某乡情"], "2019-06-14"),
        (["2023年12月01日15:14 | 来源:某某网"], "2023-12-01"),
        # a line that is only a date comes first
        (["发布时间:2017-10-12 14:54 来源:某办公室", "某办公室", "2017年10月11日"], "2017-10-11"),
        # a dashed date without its time, with a word of page metadata
        (["某某经济信息网   时间:2020-04-09"], "2020-04-09"),
        (["www.example.cn(2016-03-21)来源:某某新闻网"], "2016-03-21"),
        (["您的位置:某某网 > 社会民生 > 正文   |   2019-08-02   阅读量:"], "2019-08-02"),
        (["某某網   時間:2022-05-06"], "2022-05-06"),  # Traditional
    ],
)
def test_issue_date_from_a_publication_time_stamp(lines: list[str], issued: str) -> None:
    assert str(find_issue_date(lines)[0]) == issued


def test_a_dashed_date_alone_in_a_line_of_text_is_not_the_issue_date() -> None:
    assert find_issue_date(["项目于2019-08-02开工建设,目前进展顺利"]) == (None, None)


@pytest.mark.parametrize(
    ("line", "issuer"),
    [
        ("发布时间:2021-10-20 来源:某某县政府督查室", "某某县政府督查室"),
        ("来源： 某某市委办公室", "某某市委办公室"),
        ("某某县人民政府办公室", "某某县人民政府办公室"),
    ],
)
def test_the_issuer_of_a_line_of_page_metadata_is_its_source(line: str, issuer: str) -> None:
    assert find_issuer(["现将有关情况通报如下:", line], None) == issuer


def test_a_date_line_with_its_day_of_the_week() -> None:
    assert find_issue_date(["第3版:要闻", "2023年05月12日 星期五", "正文"]) == (
        date(2023, 5, 12),
        1,
    )
    assert find_issue_date(["2023年05月12日 星期五开工建设"]) == (None, None)


def test_a_date_inside_a_sentence_is_not_the_issue_date() -> None:
    issued, _ = find_issue_date(["项目已于2024年6月27日开工,目前正在稳步推进。"])
    assert issued is None


@pytest.mark.parametrize(
    ("issuer", "region"),
    [
        ("棲霞市人民政府辦公室", "棲霞市"),
        ("栖霞市人民政府督查室", "栖霞市"),
        ("某某县人民政府办公室", "某某县"),
        ("市政府督查室", None),
        ("区委、区政府2019年为民办实事项目进展情况一览表", None),  # not a place name
        # the place said by itself is no name; names that hold such words are
        ("前三个月我市惠民实事交出首份答卷", None),
        ("关于全区2023年重点民生实事三季度进展情况的通报", None),
        ("万全区人民政府办公室", "万全区"),
        ("全州县人民政府", "全州县"),
        (None, None),
    ],
)
def test_region(issuer: str | None, region: str | None) -> None:
    assert region_of(issuer) == region


@pytest.mark.parametrize(
    ("text", "is_title"),
    [
        ("关于全市重点民生实事一季度进展情况的通报", True),
        ("2024年二季度30項重點民生實事進展情況表", True),
        (
            "近期,市政府督查室对全市重点民生实事二季度完成情况进行了督导调度,现将有关情况通报如下:",
            False,
        ),
        ("附件:2024年30项重点民生实事二季度进展情况表", False),
        ("栖霞市人民政府办公室", False),
        ("2024年7月10日", False),
    ],
)
def test_title(text: str, is_title: bool) -> None:
    assert looks_like_title(text) is is_title


# Fixtures in the shape of real narrative pages (tests/fixtures/README.md): what their prose
# declares, exactly.
FIXTURE_COUNTS = {
    "narrative-state-groups-names.txt": {"ahead": 4, "on_track": 3},
    "narrative-news-except-joined.txt": {"on_track": 3, "done": 9},
    "narrative-speech-spaced-numbers.txt": {"done": 12, "ahead": 40},
    "narrative-sub-projects.txt": {"done": 4, "in_progress": 10, "behind": 8},
    "narrative-year-end.txt": {"done": 21, "not_done": 1},
    "narrative-first-state.txt": {"ahead": 2, "on_track": 5, "behind": 3},
    "narrative-list-headings.txt": {"ahead": 11, "on_track": 10},
    "narrative-bullets.txt": {"ahead": 10, "on_track": 18},
    "narrative-news-scope.txt": {"done": 56, "on_track": 9},
    "narrative-two-programmes.txt": {"done": 40, "in_progress": 55, "not_applicable": 3},
    "narrative-remaining.txt": {"not_applicable": 2, "done": 15},
    "narrative-all-done.txt": {"done": 22},
    "narrative-subset-refines.txt": {"on_track": 26},
    "narrative-subset-restates.txt": {"ahead": 20},
    "narrative-scope-in-clause.txt": {"on_track": 75},
    "narrative-total-only.txt": {},
    "narrative-headline.txt": {"done": 8, "ahead": 9, "on_track": 11},
    "narrative-increment.txt": {"done": 21},
    "narrative-next-year-title.txt": {"ahead": 10, "on_track": 8},
    "narrative-lost-digits.txt": {"done": 6},
    "narrative-finer-units.txt": {"behind": 9, "ahead": 7, "done": 15, "on_track": 95},
    "narrative-same-scope.txt": {"done": 3, "behind": 9},
    "narrative-all-before-total.txt": {"done": 64},
    "narrative-scope-state.txt": {"not_started": 18},
    "narrative-planned.txt": {"done": 11},
    "narrative-progress-measures.txt": {"done": 21, "on_track": 36, "behind": 23},
}


@pytest.mark.parametrize(
    ("name", "total"),
    [
        ("narrative-finer-units.txt", 130),
        ("narrative-same-scope.txt", 40),
        ("narrative-all-before-total.txt", 64),
        ("narrative-scope-state.txt", 60),
        ("narrative-planned.txt", 96),
        ("narrative-progress-measures.txt", 80),
    ],
)
def test_declared_totals_of_narrative_fixtures(name: str, total: int) -> None:
    assert parse_file(FIXTURES / name).bulletin.declared_total == total


@pytest.mark.parametrize("name", sorted(FIXTURE_COUNTS))
def test_declared_counts_of_narrative_fixtures(name: str) -> None:
    bulletin = parse_file(FIXTURES / name).bulletin
    assert dict(bulletin.declared_counts) == FIXTURE_COUNTS[name]


def test_a_total_alone_makes_a_bulletin() -> None:
    bulletin = parse_file(FIXTURES / "narrative-total-only.txt").bulletin
    assert (bulletin.declared_total, bulletin.item_count) == (120, 0)


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("narrative-next-year-title.txt", 2023),  # not the 2024年度 of the title: issued in 2023
        ("narrative-lost-digits.txt", 2023),  # ?023年
        ("narrative-total-only.txt", 2021),  # the time stamp, no period printed
        ("narrative-news-scope.txt", 2021),  # 截至10月底, the time stamp's year
    ],
)
def test_years_of_narrative_fixtures(name: str, year: int) -> None:
    assert parse_file(FIXTURES / name).bulletin.year == year


# Characters the count reader reacts to, to make random paragraphs that reach its rules.
_PIECES = [
    *"0123456789十二三两项件个类中其余有已完成或(),、。:?%“”■的占",
    "其中", "提前完成", "按计划推进", "进度滞后", "全部", "预计", "新增", "分别是", "完成率",
]  # fmt: skip


@given(st.lists(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=40), max_size=6))
def test_the_count_reader_never_raises(pieces: list[list[str]]) -> None:
    found = find_summary_counts(["".join(p) for p in pieces])
    assert all(isinstance(n, int) for n in found.counts.values())


def test_a_navigation_trail_is_not_the_title() -> None:
    from pipeline.narrative.metadata import is_breadcrumb, looks_like_title

    trail = "您当前的位置:首页>政务公开>政府信息公开目录>政府工作报告执行情况"
    assert is_breadcrumb(trail) and not looks_like_title(trail)
    assert is_breadcrumb("首页 > 信息公开 > 重点工作 > 市本级")
    assert not is_breadcrumb("2024年二季度重点民生实事进展情况表")


def test_a_date_line_written_day_first_with_dots_is_the_date_of_issue() -> None:
    # 03.07.2015 is 3 July; a page's stamp may carry its time of day
    assert find_issue_date(["某区民生实事进展", "03.07.2015", "正文。"]) == (date(2015, 7, 3), 1)
    assert find_issue_date(["12.12.2016 16:13", "正文。"]) == (date(2016, 12, 12), 0)
    assert find_issue_date(["31.02.2015"]) == (None, None)  # no such day
