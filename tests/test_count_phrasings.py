"""Declared counts in phrasings that the field corpus's own wording varies into: a state with
a verb between it and its count, and the schedule's noun left off a state."""

from __future__ import annotations

import pytest

from pipeline.narrative.counts import find_summary_counts
from pipeline.values.status import status_of_label


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (
            "20项民生实事中,已完成8项,超序时进度推进10项,滞后2项。",
            {"done": 8, "ahead": 10, "behind": 2},
        ),
        (
            "20项民生实事中,已完成8项,快于序时进度推进10项,滞后推进2项。",
            {"done": 8, "ahead": 10, "behind": 2},
        ),
        (
            "20项民生实事中,已完成8项,按序时进度推进10项,滞后序时2项。",
            {"done": 8, "on_track": 10, "behind": 2},
        ),
        (
            "20项民生实事中,已完成8项,超序时推进10项,滞后于序时2项。",
            {"done": 8, "ahead": 10, "behind": 2},
        ),
        ("反馈的13项问题,已完成整改7项,剩余6项达到序时进度要求。", {"done": 7, "on_track": 6}),
    ],
)
def test_a_state_then_a_verb_then_its_count(text: str, counts: dict[str, int]) -> None:
    assert find_summary_counts([text]).counts == counts


def test_work_done_after_a_state_is_still_no_count_of_items() -> None:
    found = find_summary_counts(["20项民生实事中,已完成8项,完成改造12个小区,滞后2项。"])
    assert found.counts == {"done": 8, "behind": 2}


def test_behind_the_schedule_with_its_noun_left_off() -> None:
    assert status_of_label("滞后序时") == "behind"
    assert status_of_label("落后于序时进度") == "behind"


@pytest.mark.parametrize(
    ("text", "total", "counts"),
    [
        ("全县15项民生实事有序推进,已完成5项,正在实施10项。", 15, {"done": 5, "in_progress": 10}),
        (
            "全县15件民生实事进展顺利,5件已经完成,8件正在加快推进,2件进度滞后。",
            15,
            {"done": 5, "in_progress": 8, "behind": 2},
        ),
        ("15项民生实事进展顺利。其中已完成5项,正在实施10项。", 15, {"done": 5, "in_progress": 10}),
        # the items' noun inside the counter (个项目), its parts in the bare counter
        ("今年20个项目进展顺利,其中已完成12个,正在实施8个。", 20, {"done": 12, "in_progress": 8}),
    ],
)
def test_the_programme_in_a_state_then_counts_that_add_up_to_it(
    text: str, total: int, counts: dict[str, int]
) -> None:
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (total, counts)


def test_counts_that_add_up_to_a_first_count_of_no_programme_are_counts() -> None:
    # no noun of items between the first count and its state: three counts, no total
    found = find_summary_counts(["10项已完成,6项正在推进,4项滞后。"])
    assert found.counts == {"done": 10, "in_progress": 6, "behind": 4}
    # parts that do not add up to their parent stay parts of it
    found = find_summary_counts(["15项民生实事全部按序时推进,其中已完成5项。"])
    assert found.counts == {"on_track": 15}


def test_the_schedules_demand_and_waiting_to_break_ground() -> None:
    found = find_summary_counts(["15项民生实事,达到序时要求的有12项,未达到序时要求的有3项。"])
    assert found.counts == {"on_track": 12, "behind": 3}
    assert status_of_label("待开工") == "not_started"


def test_a_clause_of_purpose_states_no_state() -> None:
    found = find_summary_counts(["为促进市政府十件实事顺利完成,近日,市政协组成调查组进行了调研。"])
    assert found.counts == {}
    found = find_summary_counts(["为推进民生实事,全县20项民生实事已完成8项。"])
    assert found.counts == {"done": 8}


def test_a_clause_of_purpose_counts_the_programmes_items() -> None:
    # its state is the aim, but the items it counts before it are the total
    found = find_summary_counts(
        ["为确保15项民生实事全部完成,各单位加快推进,目前已完成10项,正在推进5项。"]
    )
    assert (found.total, found.counts) == (15, {"done": 10, "in_progress": 5})
    # a count of things that are no items, or a count after the aim's state: no total
    found = find_summary_counts(["为推进30个老旧小区改造,各单位加快施工,已完成10个。"])
    assert (found.total, found.counts) == (None, {"done": 10})
    found = find_summary_counts(["为确保完成10项任务,已完成8项。"])
    assert (found.total, found.counts) == (None, {"done": 8})


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # a first count taken back as a total by 已有, then another total: no crash
        ("10件民生实事进度滞后,已有5项完成,15项民生实事进展顺利。", {"done": 5, "on_track": 15}),
        ("10项民生实事进展顺利,已有4项完成,16项正在推进。", {"done": 4, "in_progress": 16}),
        # done is no state of the whole beside others, whatever they add up to
        ("3项民生实事已完成,1项进度滞后,2项正在推进。", {"done": 3, "behind": 1, "in_progress": 2}),
        ("10项民生实事已完成,其中3项提前完成,7项按期完成。", {"done": 10}),
    ],
)
def test_a_first_count_that_is_no_programme_in_a_state_stays_a_count(
    text: str, counts: dict[str, int]
) -> None:
    assert find_summary_counts([text]).counts == counts


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (
            "15项重点民生工程25个具体项目,“提高城乡低保标准”项目已完成全年任务,"
            "新建农村公路等6个项目提前完成了节点任务,其余18个项目均按照时间节点稳步推进。",
            {"done": 1, "ahead": 6, "in_progress": 18},
        ),
        (
            "这5个项目已累计完成投资1238万元,其中,扶持11所小学创建标准化学校项目已提前完成,"
            "其他4个项目正在按时序进度推进。",
            {"ahead": 1, "on_track": 4},
        ),
    ],
)
def test_one_item_named_in_a_state_counts_one(text: str, counts: dict[str, int]) -> None:
    assert find_summary_counts([text]).counts == counts


def test_items_named_in_a_state_count_only_where_they_fill_the_total() -> None:
    # the counts already make the total: the named item is one of them, not one more
    text = "20项民生实事中,“城北水厂”项目已完成,已完成8项,正在推进12项。"
    assert find_summary_counts([text]).counts == {"done": 8, "in_progress": 12}
    # a generic noun names no one item
    text = "20项民生实事中,重点项目已完成,已完成8项,正在推进11项。"
    assert find_summary_counts([text]).counts == {"done": 8, "in_progress": 11}


def test_the_rest_named_in_a_state() -> None:
    found = find_summary_counts(["76个项目已完成36个,其余在建的40个项目全部复工。"])
    assert found.counts == {"done": 36, "in_progress": 40}
    found = find_summary_counts(["12个项目已完工9个,剩余未开工的3个项目正在开展前期工作。"])
    assert found.counts == {"done": 9, "not_started": 3}


def test_the_reason_between_a_count_and_its_state() -> None:
    text = (
        "8个项目较好完成序时进度;新沂市静脉产业园等10个项目因手续办理、征地拆迁等原因进度有所滞后。"
    )
    assert find_summary_counts([text]).counts == {"on_track": 8, "behind": 10}


def test_a_group_sized_then_its_state() -> None:
    text = (
        "29项民生工程中,9项工程类项目全部已提前完成;20项补助发放类、教育培训类和医疗卫生类项目"
        "按序时推进,其中计生奖扶补助等8项提前完成。"
    )
    assert find_summary_counts([text]).counts == {"ahead": 9, "on_track": 20}
    # a group's size before the work it did is no count of items in a state
    text = "20项实事中,住房保障类2项完成27535户农民群众住房条件改善,已完成5项。"
    assert find_summary_counts([text]).counts == {"done": 5}


@pytest.mark.parametrize(
    ("text", "total", "counts"),
    [
        # the rest as a scope, and the rest with a state of its own
        (
            "50个重点项目中,已竣工10个,其余在建的40个项目中,30个进展顺利,10个进度滞后。",
            50,
            {"done": 10, "on_track": 30, "behind": 10},
        ),
        (
            "50个项目已竣工20个,其余在建的30个项目均达到序时进度。",
            50,
            {"done": 20, "on_track": 30},
        ),
        # a group of the items counted already
        (
            "20项民生实事中,已完成15项,5项正在推进,9项工程类项目全部完成。",
            20,
            {"done": 15, "in_progress": 5},
        ),
        # a purpose naming some items, or another programme, gives way to the total stated
        (
            "为确保3项滞后项目加快推进,市督查室开展专项督查。20项民生实事中,已完成12项,5项正在推进,"
            "3项进度滞后。",
            20,
            {"done": 12, "in_progress": 5, "behind": 3},
        ),
        (
            "为确保10项重点工作如期完成,加强调度。20项民生实事中,已完成12项,8项正在推进。",
            20,
            {"done": 12, "in_progress": 8},
        ),
        # a reason that holds the state keeps it
        (
            "20个项目中,已完成16个,4个项目因征地拆迁滞后影响整体进度。",
            20,
            {"done": 16, "behind": 4},
        ),
        # no programme named: a first count whose counter holds the noun stays a count
        (
            "6个项目进展顺利,4个项目已完成,2个项目尚未开工。",
            None,
            {"on_track": 6, "done": 4, "not_started": 2},
        ),
        # a generic or partial subject is no one item
        (
            "20项民生实事中,城北污水处理厂提标改造工程已完成主体施工,已完成15项,正在推进4项。",
            20,
            {"done": 15, "in_progress": 4},
        ),
        (
            "20项民生实事中,2024年度省重点建设项目进展顺利,已完成15项,正在推进4项。",
            20,
            {"done": 15, "in_progress": 4},
        ),
    ],
)
def test_the_new_readings_leave_what_was_read_before(
    text: str, total: int | None, counts: dict[str, int]
) -> None:
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (total, counts)


def test_a_named_item_with_a_programme_word_in_its_name_and_a_rest_going_on() -> None:
    text = "全市10个重点项目中,已完工6个,3个正在施工,城北重点水源工程扩建项目已完成全年任务。"
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (10, {"done": 7, "in_progress": 3})
    # the rest's clause goes on to a part of it: no state of the whole rest
    found = find_summary_counts(["全市40个项目,已完成10个,其余在建的30个项目中有5个进度滞后。"])
    assert (found.total, found.counts) == (40, {"done": 10})


def test_started_and_under_way_is_a_start_up_count_not_a_state() -> None:
    text = "全年200个重点项目,新开工87个,开工在建项目达到163个,已竣工6个。"
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (200, {"done": 6})
    # under way alone is a state
    found = find_summary_counts(["全年200个重点项目,在建项目163个,已竣工6个。"])
    assert found.counts == {"in_progress": 163, "done": 6}


def test_the_items_named_right_after_a_total_end_in_a_part_of_them() -> None:
    text = "10个民生项目,包含学前教育、公租房保障等4项超额完成,有6项全部完成。"
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (10, {"ahead": 4, "done": 6})
    # the items named after a count in a state are those items again, with their own figures
    text = "16个项目完成年度任务。分别是:城北水厂、南湖公园等12个项目完成投资,其余4个项目已竣工。"
    assert find_summary_counts([text]).counts == {"done": 16}


def test_the_preparatory_work_of_projects_is_not_a_state() -> None:
    text = "212个项目中,目前已开工26个,完成项目前期工作40个,正在按照计划推进156个。"
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (212, {"on_track": 156})


def test_a_part_of_the_work_finished_is_no_state() -> None:
    text = "10个项目中,6个项目完成了部分工程并投入使用,其余3个项目正在有序推进。"
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (10, {"in_progress": 3})


def test_a_total_of_items_named_with_a_list_of_offices_counts_items() -> None:
    paragraphs = [
        "今年东江市实施36个市委、市政府为民办实事项目,有8个项目超序时进度,其余项目正有序推进。",
        "公共自行车",
        "继续建设20个农村老年体育活动中心,已有18个活动中心主体工程基本完工,2个已完工。",
    ]
    found = find_summary_counts(paragraphs)
    assert (found.total, found.counts) == (36, {"ahead": 8})


def test_a_total_counted_after_its_item_noun_then_all_in_a_state() -> None:
    found = find_summary_counts(["确定东江镇2024年度重点民生实事项目4个,目前均已完工。"])
    assert (found.total, found.counts) == (4, {"done": 4})
    # a count of things after their noun is no total of items
    found = find_summary_counts(["全镇改造农村公厕4个,目前均已完工。"])
    assert found.counts == {}


def test_a_group_named_by_a_state_then_its_items_in_that_state() -> None:
    text = "今年重大项目共101项,13项新开工类项目已开工5项,31项竣工类项目已竣工3项。"
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (101, {"done": 3})
    assert find_summary_counts(["卫生类项目4个已完工1个。"]).counts == {"done": 1}


def test_the_planning_of_projects_is_preparatory_work() -> None:
    text = "全县重大项目共32项,开工6项,竣工3项;县重点项目谋划工作完成70项,完成年度任务63.06%。"
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (32, {"done": 3})


def test_a_count_after_its_state_with_a_long_name_of_the_programme_items() -> None:
    text = "过去一年,我市高质量完成了20项市级重点民生实事、10项市级补短板事项年度任务。"
    assert find_summary_counts([text]).counts == {"done": 20}
    # works done, counted after their state, are no items
    assert find_summary_counts(["全年完成41个老旧小区改造任务。"]).counts == {}


def test_short_of_what_was_expected_is_behind() -> None:
    assert status_of_label("未达预期目标") == "behind"
    text = "147项重点工作中,3项已完成,137项按序时推进,7项未达预期目标。"
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (147, {"done": 3, "on_track": 137, "behind": 7})


def test_a_list_opening_joins_the_breakdown_with_a_total_not_a_part_between() -> None:
    paragraphs = [
        "150项目标任务整体推进落实较好,124项达到序时进度要求。同时,受要素保障不到位等因素影响,"
        "9个综合指标(按考核目标口径统计)、重点工作中的17个具体事项推进未达预期目标。",
        "26项未达到序时进度要求的具体目标如下:",
    ]
    found = find_summary_counts(paragraphs)
    assert (found.total, found.counts) == (150, {"on_track": 124, "behind": 26})


def test_counts_inside_tortoise_shell_brackets_are_a_parenthesis() -> None:
    text = "工作任务1018项〔生态环境保护工作61项、人才工作28项〕,已完成985项,未完成33项〔人才工作2项〕。"
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (1018, {"done": 985, "not_done": 33})


def test_a_deadline_set_is_no_state() -> None:
    text = "全省409个空缺乡镇邮政局所补建任务要在8月底之前全部完成。截至5月底,已竣工2个。"
    found = find_summary_counts([text])
    assert found.counts == {"done": 2}


@pytest.mark.parametrize(
    ("paragraphs", "total", "counts"),
    [
        # 主要在 holds 要在: no deadline
        (
            ["今年全市实施重点项目20个,主要在交通、水利领域,已竣工12个,8个正在建设。"],
            20,
            {"done": 12, "in_progress": 8},
        ),
        # a part closing a list of names right after a total is no more than the total
        (["全市实施民生实事10件,包括城区道路、供水管网等36个子项目已完工。"], 10, {}),
        # started and now under way, said with its own verb, is in progress
        (
            ["全市20个项目中,已竣工5个,已开工正在建设12个,未开工3个。"],
            20,
            {"done": 5, "in_progress": 12, "not_started": 3},
        ),
        # works listed before the programme's word are no items
        (
            ["今年10件民生实事,已完成41个老旧小区改造等民生实事,7件正在推进。"],
            10,
            {"in_progress": 7},
        ),
        # things listed with 、 after their count are still things
        (
            [
                "全市排查避灾点280个、整治工程,已建成246个,在建34个。",
                "全市民生项目10个,已完成8个,2个正在推进。",
            ],
            10,
            {"done": 8, "in_progress": 2},
        ),
    ],
)
def test_readings_kept_apart_from_the_newer_rules(
    paragraphs: list[str], total: int | None, counts: dict[str, int]
) -> None:
    found = find_summary_counts(paragraphs)
    assert (found.total, found.counts) == (total, counts)


def test_finished_or_finished_in_part_is_no_state() -> None:
    text = "106个市级重点项目中,竣工或部分竣工项目48个,占项目总数的45.3%,其中全部竣工项目16个。"
    assert find_summary_counts([text]).counts == {"done": 16}
    assert find_summary_counts(["已完成或超额完成20项。"]).counts == {"done": 20}


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # the parts restate the first count's state (按期完成 is done): a breakdown of it
        ("截至三季度,全区重点项目共有40个项目完成,按期完成25个、提前完成15个。", {"done": 40}),
        # added, the parts would pass the total
        ("30个项目中,有18个项目竣工,提前竣工10个、按期竣工8个。", {"done": 18}),
    ],
)
def test_counts_that_add_up_to_the_first_one_are_its_parts(
    text: str, counts: dict[str, int]
) -> None:
    assert find_summary_counts([text]).counts == counts


def test_counts_that_add_up_to_the_first_one_in_other_states_are_counts() -> None:
    text = "已完成10项,按序时推进6项、滞后4项。"
    assert find_summary_counts([text]).counts == {"done": 10, "on_track": 6, "behind": 4}
    text = "共有20项民生实事,已完成10项,按序时推进6项、滞后4项。"
    assert find_summary_counts([text]).counts == {"done": 10, "on_track": 6, "behind": 4}


def test_another_set_all_in_a_state_past_the_total_is_not_added() -> None:
    text = "截至目前,12项民生实事已完成5项,剩余7项正在加快推进,惠民政策20项已全部落实到位。"
    assert find_summary_counts([text]).counts == {"done": 5, "in_progress": 7}


def test_the_schedule_of_a_named_period_reached() -> None:
    text = "今年民生实事项目共计55项。目前,50项已达到或超过三季度序时进度,5项未达到三季度序时进度。"
    assert find_summary_counts([text]).counts == {"on_track": 50, "behind": 5}
    # the year's progress target met at the year's end is done, not a period's schedule
    text = "至年底,21件民生实事完成年度进度目标,1件未按进度完成。"
    assert find_summary_counts([text]).counts.get("done") == 21


def test_higher_than_the_schedule_is_ahead() -> None:
    text = "30个项目中,完成投资高于时序进度的有20个,其中有8个项目已完工。10个低于序时进度。"
    assert find_summary_counts([text]).counts == {"ahead": 20, "behind": 10}


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # counts that fill the total are counts, though two are of one state
        (
            "今年12件民生实事,6件实事已完成,4件正在推进,2件已建成投用。",
            {"done": 8, "in_progress": 4},
        ),
        # a state no finished item is in is no part of the finished ones
        ("8个重点项目已完成,4个正在推进,4个已竣工。", {"done": 12, "in_progress": 4}),
        # a count said again, all of it, before the last count: the last is still counted
        (
            "全市50个项目中,已完工20个,正在施工20个,20个完工项目均已投入使用,尚未开工10个。",
            {"done": 20, "in_progress": 20, "not_started": 10},
        ),
        # beyond a named period's schedule is ahead; reaching it is on track
        (
            "120个项目中,超过上半年序时进度的有58个,达到上半年序时进度的有40个,"
            "未达到上半年序时进度的有22个。",
            {"ahead": 58, "on_track": 40, "behind": 22},
        ),
    ],
)
def test_the_rules_for_parts_and_periods_reach_no_further(
    text: str, counts: dict[str, int]
) -> None:
    assert find_summary_counts([text]).counts == counts


def test_higher_than_the_schedule_as_a_status_cell() -> None:
    assert status_of_label("高于时序进度") == "ahead"
    assert status_of_label("超过时序进度") == "ahead"
