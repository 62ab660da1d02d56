"""Declared counts in the phrasings real bulletins print them, each case written after a page
of the field corpus (own content, the page's wording of counts and states)."""

from __future__ import annotations

from pipeline.narrative.counts import find_summary_counts
from pipeline.values.status import status_of_label


def test_a_part_larger_than_its_parent_count_is_no_part_of_it() -> None:
    # 其中 used for "of all the items", after a smaller count: the rest of the breakdown.
    found = find_summary_counts(
        [
            "今年我区实施10件21项重点民生实事。集中培训救护员637人等2项已完成年度目标任务。"
            "其中,城镇新增就业等16项重点民生实事进展较快此外,"
            "持续完善城区基础设施等3项重点民生实事正在积极推进。"
        ]
    )
    assert found.counts == {"done": 2, "ahead": 16, "in_progress": 3}
    # A true part is in its parent count already: not added.
    found = find_summary_counts(["30项民生实事中,20项已完成,其中5项正在推进。"])
    assert found.counts == {"done": 20}


def test_not_carried_out_by_a_decision_is_not_applicable() -> None:
    assert status_of_label("暂不实施") == "not_applicable"
    found = find_summary_counts(
        ["40项重点工作任务中,30项已完成年度目标任务;8项有序推进中;2项因政策调整暂不实施。"]
    )
    assert found.counts == {"done": 30, "in_progress": 8, "not_applicable": 2}


def test_finished_and_in_use_is_done() -> None:
    assert status_of_label("已投入使用") == "done"
    found = find_summary_counts(["2020年区政府民生实事项目15项。", "已投入使用9项:"])
    assert found.counts == {"done": 9}
    # the conditions for use met is not the state
    found = find_summary_counts(["11个项目中,3个项目基本达到投入使用条件。"])
    assert "done" not in found.counts


def test_finished_as_planned_is_done_but_a_node_target_so_finished_on_track() -> None:
    assert status_of_label("按计划完成") == "done"
    assert status_of_label("按期完成") == "done"
    assert status_of_label("按计划完成节点目标") == "on_track"
    assert status_of_label("未按计划完成") == "not_done"
    found = find_summary_counts(
        ["全年30项实事项目,19个项目超额完成,10个项目按计划完成,1个项目受疫情影响暂停。"]
    )
    assert found.counts == {"ahead": 19, "done": 10}
    found = find_summary_counts(
        ["30个项目中,8个项目已完成全年目标任务,11个项目按计划完成节点目标。"]
    )
    assert found.counts == {"done": 8, "on_track": 11}


def test_a_counter_lost_after_the_state_object_and_a_count_beyond_the_total() -> None:
    # 项 lost at the clause's end; the 十项 of the programme's name counts other units than
    # the counts that follow, larger than it.
    found = find_summary_counts(
        [
            "今年全力办好十项重点民生实事。截至目前,已完成全年目标任务的14;按时间节点正常推进的"
            "29项,其中工程类项目17,属全年常态性工作的12;还在做前期准备的7。"
        ]
    )
    assert (found.total, found.counts) == (None, {"done": 14, "on_track": 29})
    # a count no larger than the total keeps it
    found = find_summary_counts(["今年十项民生实事,已完成4项,正常推进6项。"])
    assert (found.total, found.counts) == (10, {"done": 4, "on_track": 6})


def test_all_items_in_one_state_said_right_before_it() -> None:
    found = find_summary_counts(["2025年共安排十大项28个为民办实事项目,均顺利推进,具体情况如下:"])
    assert (found.total, found.counts) == (28, {"on_track": 28})
    # 均 inside a word is not "all"
    found = find_summary_counts(["全区30个项目,人均投资增长,平均进度良好。"])
    assert found.counts == {}


def test_a_count_within_the_period_gives_way_to_the_cumulative_count() -> None:
    found = find_summary_counts(
        [
            "第三季度有9项民心工程具体任务完成,截至9月底,20项民心工程涉及的43项具体工作"
            "已累计完成13项,预计11月底前再完成20项。"
        ]
    )
    assert (found.total, found.counts) == (43, {"done": 13})


def test_a_count_in_the_state_said_of_all_items_takes_that_back() -> None:
    # "all" said of a group of the items (the economic indicators), then the count of the rest
    found = find_summary_counts(
        [
            "113项目标任务(主要经济指标7项、重点工作任务106项)中,主要经济指标全部完成年度目标任务;"
            "重点工作任务中94项完成年度目标任务,12项部分完成年度目标任务。"
        ]
    )
    assert (found.total, found.counts) == (113, {"done": 94})
    found = find_summary_counts(["共25项民生实事,已全部完成。"])
    assert found.counts == {"done": 25}


def test_each_of_the_items_in_one_state_is_every_item() -> None:
    found = find_summary_counts(
        ["2021年10件省重点民生实事,均实现了满分交卷。各项实事年度目标任务全面完成或超额完成。"]
    )
    assert found.counts == {"done": 10}


def test_counts_joined_in_another_counter_are_other_units() -> None:
    found = find_summary_counts(["49个分项92个小项和20件民生实事均完成或超额完成目标任务。"])
    assert found.counts == {"done": 92}
    # in one counter, the parts of one set of items
    found = find_summary_counts(["18个建设项目和9个公共服务事项已全部完成。"])
    assert found.counts == {"done": 27}


def test_a_count_said_again_under_its_section_heading_is_not_added() -> None:
    found = find_summary_counts(
        [
            "15项重点民生工程24个项目",
            "4个项目完成全年目标",
            "10个项目超额完成前三季度节点目标",
            "10个项目按计划有序推进",
            "四个项目完成全年目标",
        ]
    )
    assert found.counts == {"done": 4, "ahead": 10, "on_track": 10}
    # the same state counted again with another count still adds
    found = find_summary_counts(["30项民生实事中,20项已完成,5项正常推进,另有5项已完成。"])
    assert found.counts == {"done": 25, "on_track": 5}


def test_a_count_alone_in_parentheses_after_a_state_heading() -> None:
    found = find_summary_counts(["2014年度为民办十件实事。", "(一)进展较快的实事(6个)"])
    assert found.counts == {"ahead": 6}
    found = find_summary_counts(["一、已完成的项目(共5项)"])
    assert found.counts == {"done": 5}


def test_the_plan_of_progress_reached_or_passed() -> None:
    assert status_of_label("达到进度计划目标") == "on_track"
    assert status_of_label("超过进度计划") == "ahead"
    found = find_summary_counts(["45个重点工程中,16个工程达到或超过进度计划目标。"])
    assert found.counts == {"on_track": 16}


def test_a_count_of_items_got_so_far_makes_the_count_before_the_total() -> None:
    found = find_summary_counts(
        ["今年38个实事项目进展顺利。截至目前,已有22项完成或超额完成年度目标任务。"]
    )
    assert (found.total, found.counts) == (38, {"done": 22})


def test_a_count_after_every_item_said_done_is_a_part_of_them() -> None:
    found = find_summary_counts(
        ["截至目前,年初安排的10件、27项为民办实事项目已全部完成,22个项目超额完成,占总数的81.5%。"]
    )
    assert found.counts == {"done": 27}
    # all of a part said done is no state of every item
    found = find_summary_counts(
        ["其中,38项工作任务完成或超额完成,350项工作任务按序时全部完成,17项未全部达到目标任务。"]
    )
    assert found.counts == {"done": 388, "not_done": 17}


def test_the_rest_of_the_items_in_a_state_said_of_all_after_a_list_of_works() -> None:
    found = find_summary_counts(
        [
            "今年有11个蓄滞洪区项目列入规划。其中,3处已完成主体建设;其余8个项目的堤防填筑、"
            "进退洪设施、安全区建设等重要建设节点均超序时进度。"
        ]
    )
    assert found.counts == {"ahead": 8}
    # every item of a total of things is no count of items
    found = find_summary_counts(["13个县(市、区)所有街道、乡镇均完成电子签章业务。"])
    assert found.counts == {}


def test_numbered_openings_with_their_items_between_are_one_breakdown() -> None:
    found = find_summary_counts(
        [
            "第7期",
            "全年共安排折子工程任务60项,现将进展情况通报如下。",
            "一、已完成3项:",
            "东江水厂扩建工程、城北排水管网改造、南湖公园提升。",
            "二、需大力推进的项目有13项:",
            "1.西城污水处理厂二期;2.北环路积水点治理。",
        ]
    )
    assert found.counts == {"done": 3, "behind": 13}
    assert status_of_label("需加快推进") == "behind"


def test_a_total_named_before_its_count_counts_items() -> None:
    found = find_summary_counts(
        [
            "2019年中心城市建设重点工程考核项目共计148个,截至4月底,达到序时进度项目140个,"
            "未达序时进度项目8个。",
            "从类别看,42项中有38项达到序时进度,其中12项正常推进,23项正在施工。",
        ]
    )
    assert (found.total, found.counts) == (148, {"on_track": 140, "behind": 8})


def test_phrasings_of_the_newest_pages() -> None:
    # 了 after the verb; 时间过半、任务超半
    found = find_summary_counts(["26个项目中,2个项目已经完工,10个项目达到或超过了序时进度。"])
    assert found.counts == {"done": 2, "on_track": 10}
    found = find_summary_counts(["28项民生实事中,3项已完成全年任务,11项实现时间过半、任务超半。"])
    assert found.counts == {"done": 3, "on_track": 11}
    # carried out, being carried out (a meeting's decisions)
    assert status_of_label("已落实") == "done"
    found = find_summary_counts(["一、已落实事项(3件)", "二、正在落实事项(12件)"])
    assert found.counts == {"done": 3, "in_progress": 12}
    # most of the items is no count of them
    found = find_summary_counts(["12件为民办实事项目大部分均已完成,两件在持续推进当中。"])
    assert found.counts == {"in_progress": 2}


def test_the_count_after_a_list_of_the_items_named_after_their_state() -> None:
    found = find_summary_counts(["20项民生实事中,已完成城北水厂、南湖公园等3项,其余17项正在推进。"])
    assert (found.total, found.counts) == (20, {"done": 3, "in_progress": 17})
    found = find_summary_counts(
        ["已完成10个路段绿化、35处涝点整治、6个老旧小区改造等82个子项目,其余子项目有序推进中。"]
    )
    assert found.counts == {"done": 82}
    # the count of things named (parks) is no count of items
    found = find_summary_counts(["建成燕山口、南河路等14个“口袋公园”。"])
    assert found.counts == {}
    # a list of counts in states is read as before
    found = find_summary_counts(["20项中,已完成3项、正在推进15项、滞后2项。"])
    assert found.counts == {"done": 3, "in_progress": 15, "behind": 2}


def test_a_name_holding_zhong_is_no_scope_and_a_larger_count_no_part() -> None:
    found = find_summary_counts(
        [
            "目前,2008年下达的第一批23个新增中央投资项目已全部建成使用,完成投资9324万元。"
            "2009年下达的第二批、第三批和第四批33个新增中央投资项目正在建设。"
        ]
    )
    assert found.counts == {"done": 23, "in_progress": 33}


def test_a_state_right_after_a_total_of_items_is_all_of_theirs() -> None:
    found = find_summary_counts(
        [
            "市政府提出的促进城乡就业、推进停车泊位和农村公路建设、优化农村供水工程体系10件惠民"
            "实事,截至2021年12月17日已完成或超额完成年度任务。"
        ]
    )
    assert (found.total, found.counts) == (10, {"done": 10})


def test_done_well_is_on_track_and_preparatory_work_behind_no_state() -> None:
    assert status_of_label("完成较好") == "on_track"
    assert status_of_label("还未动工") == "not_started"
    found = find_summary_counts(
        ["302项任务中,264项(占87%)完成较好或序时推进,38项(占13%)推进较慢。"]
    )
    assert found.counts == {"on_track": 264, "behind": 38}
    found = find_summary_counts(["6个项目中,4个项目按序时进度推进,2个项目由于前期工作滞后。"])
    assert found.counts == {"on_track": 4}


def test_the_items_named_after_their_count_with_their_own_figures() -> None:
    found = find_summary_counts(
        [
            "12件重点民生实事中上半年完成较好的有8件,包括“完成城镇新增就业70万人”项目,已新增"
            "43.91万人;“开展322个县级饮用水水源地环境整治”项目,已完成281个。"
        ]
    )
    assert found.counts == {"on_track": 8}


def test_a_count_with_its_state_in_the_next_clause() -> None:
    found = find_summary_counts(
        ["6个项目中,4个项目按序时进度推进,2个项目由于前期工作滞后,目前还未动工建设。"]
    )
    assert (found.total, found.counts) == (6, {"on_track": 4, "not_started": 2})
    # not when that would count more items than the total
    found = find_summary_counts(
        ["6个项目中,4个项目按序时进度推进,5个乡镇的配套工程,目前还未动工。"]
    )
    assert found.counts == {"on_track": 4}


def test_a_count_of_other_things_past_the_items_left_is_not_added() -> None:
    # The sites of one item, counted in another counter, exceed the items the count leaves.
    found = find_summary_counts(
        [
            "今年确定12件民生实事项目。目前,12件实事项目11件进度正常,"
            "城东社区、城西社区、城南社区等4个老旧小区改造项目滞后于节点目标。"
        ]
    )
    assert found.counts == {"on_track": 11}
    # in the total's counter, or within the items left, it is a count of the items
    found = find_summary_counts(["12件民生实事中,9件进度正常,3个项目滞后于节点目标。"])
    assert found.counts == {"on_track": 9, "behind": 3}
    found = find_summary_counts(["12件民生实事中,9件进度正常,3件滞后。"])
    assert found.counts == {"on_track": 9, "behind": 3}


def test_states_that_overlap_are_the_breakdown_as_stated() -> None:
    # 6 items ahead are among the 31 and 39: more than the total, each fewer than it.
    found = find_summary_counts(
        [
            "50项考核指标中,城镇新增就业等21项指标符合序时进度要求,其余29项指标任务正在推进中;"
            "农村公路改造等4项指标已提前完成全年目标任务。",
            "20项重点项目任务正在加快推进。",
        ]
    )
    assert found.counts == {"on_track": 21, "in_progress": 29, "ahead": 4}
    # a count of every item beside another is no overlap: another breakdown is taken
    found = find_summary_counts(
        ["8项民生实事中,8项已完成,其余3项正在推进。", "重点工作任务中,40项推进正常,2项滞后。"]
    )
    assert found.counts == {"on_track": 40, "behind": 2}


def test_a_count_of_kinds_of_items_before_the_items_counted() -> None:
    # 个类别 counts groups: the 类 in it marks no group of the count after it
    found = find_summary_counts(["截至去年底,8个类别36个实事项目全部完成,部分项目超额完成。"])
    assert (found.total, found.counts) == (36, {"done": 36})


def test_counts_far_past_their_total_are_no_overlap() -> None:
    # only one count may lie among the others: 8 + 6 + 5 in 10 items is no such breakdown
    found = find_summary_counts(
        [
            "10件民生实事中,8件已完成,6件正在推进,5件进度滞后。",
            "重点工作任务中,40项推进正常,2项滞后。",
        ]
    )
    assert found.counts == {"on_track": 40, "behind": 2}


def test_the_items_named_after_their_count_are_no_new_count() -> None:
    # 分别是: names the items just counted (or a part of them): not added
    found = find_summary_counts(
        [
            "截至7月底,全县有10个项目完成全年目标任务。"
            "分别是:农村道路畅通工程、就业扶持工程等7个项目完成年度目标任务,其余超额完成。"
        ]
    )
    assert found.counts == {"done": 10}
