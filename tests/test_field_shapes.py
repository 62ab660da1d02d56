"""Shapes of real pages the parser reads: a count stated only in a list's opening line, a
state said of every item counted before it (这些项目均已如期完成), check-mark bullets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline.narrative.counts import find_summary_counts
from pipeline.narrative.metadata import find_issue_date, find_issuer, is_date_line, looks_like_title
from pipeline.narrative.periods import find_period
from pipeline.run.task import parse_file
from pipeline.values.status import status_of_label
from tests.conftest import FIXTURES


def test_a_count_in_a_list_opening_joins_the_breakdown_above() -> None:
    paragraphs = [
        "从督查情况看,40项重点任务整体推进落实较好,34项达到序时进度要求。",
        "各部门要细化措施、狠抓落实。",
        "6项未达到序时进度要求的具体任务如下:",
        "1.城区老旧小区改造:低于序时进度。",
    ]
    found = find_summary_counts(paragraphs)
    assert (found.total, found.counts) == (40, {"on_track": 34, "behind": 6})


def test_a_list_opened_inside_a_paragraph_repeats_its_count() -> None:
    found = find_summary_counts(
        ["131项重点工作任务中,124项任务正常推进,7项任务推进较为滞后。推进较为滞后的7项任务分别是:"]
    )
    assert (found.total, found.counts) == (131, {"on_track": 124, "behind": 7})


def test_a_list_opening_beyond_the_total_is_not_joined() -> None:
    paragraphs = ["共10项重点任务,8项达到序时进度要求。", "6项未达到序时进度要求的具体任务如下:"]
    assert find_summary_counts(paragraphs).counts == {"on_track": 8}


def test_a_list_opening_in_a_state_already_counted_is_not_added() -> None:
    paragraphs = ["共10项重点任务,3项已提前完成,7项按计划推进。", "提前完成的3项任务包括:"]
    assert find_summary_counts(paragraphs).counts == {"ahead": 3, "on_track": 7}


def test_finished_by_the_date_set_is_done() -> None:
    assert status_of_label("如期完成") == "done"
    assert status_of_label("已如期完成") == "done"
    assert status_of_label("未如期完成") == "not_done"


def test_a_state_said_of_the_items_counted_before() -> None:
    found = find_summary_counts(
        ["会议介绍了2024年10项市级民生实事项目的落实情况。这些项目均已如期完成,涵盖多个领域。"]
    )
    assert (found.total, found.counts) == (10, {"done": 10})


def test_fixture_list_opening_count() -> None:
    bulletin = parse_file(FIXTURES / "narrative-list-opening-count.txt").bulletin
    assert bulletin.declared_total == 40
    assert dict(bulletin.declared_counts) == {"on_track": 34, "behind": 6}


def test_fixture_all_on_time_traditional() -> None:
    bulletin = parse_file(FIXTURES / "narrative-all-on-time-traditional.txt").bulletin
    assert (bulletin.year, bulletin.declared_total) == (2024, 10)
    assert dict(bulletin.declared_counts) == {"done": 10}


def test_fixture_check_mark_bullets() -> None:
    parsed = parse_file(FIXTURES / "list-check-mark-bullets.txt")
    assert [item.name for item in parsed.items] == [
        "辖区内老旧路灯改造出新工程项目",
        "完善家门口的托育服务,打造社区普惠托班项目",
        "社区卫生服务中心改扩建主体工程项目",
        "新增便民停车泊位50个;改建提升城市休憩角1个项目",
    ]
    assert parsed.bulletin.year == 2024


def test_two_joined_states_with_a_qualifier_count_as_the_first() -> None:
    found = find_summary_counts(
        ["全区共推进重点项目60个,已完成任务的12个;超序时进度及按序时进度正常推进的40个。"]
    )
    assert (found.total, found.counts) == (60, {"done": 12, "ahead": 40})


def test_a_bare_cell_label_inside_a_sentence_is_not_a_state() -> None:
    # 正常 qualifies 督查 here: the clause is the total, not 60 items on track.
    found = find_summary_counts(
        ["1、三大类项目推进。截至目前,正常督查推进三大类项目60个,已完成推进任务的12个。"]
    )
    assert (found.total, found.counts) == (60, {"done": 12})
    assert find_summary_counts(["20项民生实事正常有序推进。"]).counts == {"on_track": 20}


def test_quoted_names_listed_before_their_count_are_names() -> None:
    found = find_summary_counts(
        [
            "涉及我县8个大项、20个小项。截至目前,“新建幼儿园1所,新增学位300个”"
            "“新增公交车40辆”等6小项已完成,其余小项顺利推进。"
        ]
    )
    assert (found.total, found.counts) == (20, {"done": 6})


def test_reached_ahead_of_time_is_ahead() -> None:
    assert status_of_label("提前实现") == "ahead"
    found = find_summary_counts(
        ["30个项目中,5个项目提前实现年度目标任务,25个项目达到序时进度要求。"]
    )
    assert found.counts == {"ahead": 5, "on_track": 25}


def test_a_month_of_last_year_is_not_the_period_reported_on() -> None:
    assert find_period(["县督查室自去年 5 月份组建以来,督查工作取得一定成效。"]) is None
    found = find_period(["比去年1-9月增长12%,今年1-9月份全县项目推进顺利。"])
    assert found is not None and found.label == "1-9月份"


def test_counts_joined_by_and_share_their_state() -> None:
    found = find_summary_counts(["今年12个建设项目和6个公共服务事项全部完成年度任务。"])
    assert found.counts == {"done": 18}


def test_the_items_excepted_from_a_total_are_counted_in_it() -> None:
    found = find_summary_counts(
        ["11个民生实事项目除两个项目按年度正常推进外,其余9个项目已全面完成。"]
    )
    assert (found.total, found.counts) == (11, {"on_track": 2, "done": 9})


def test_more_spellings_of_on_track_and_of_every_item() -> None:
    found = find_summary_counts(["137项重点工作中,129项推进正常,8项滞后。"])
    assert found.counts == {"on_track": 129, "behind": 8}
    found = find_summary_counts(["已完成的项目12个,已开工正在按计划进行推进的项目20个。"])
    assert found.counts == {"done": 12, "on_track": 20}
    found = find_summary_counts(["会议确定的8项工作落实情况良好,均在有序推进。"])
    assert (found.total, found.counts) == (8, {"in_progress": 8})


def test_a_news_headline_naming_the_programme_is_a_title() -> None:
    assert looks_like_title("东江县高质高效推进实施民生工程 群众幸福感不断提升")
    assert not looks_like_title("民生工程")
    assert not looks_like_title("全市重点民生实事")


def test_fixture_news_page_with_a_visit_time_stamp() -> None:
    bulletin = parse_file(FIXTURES / "narrative-news-except-joined.txt").bulletin
    assert bulletin.title == "东江县人大票决的重点民生实事项目基本完成"
    assert str(bulletin.issued_on) == "2021-02-19"
    assert (bulletin.year, bulletin.declared_total) == (2020, 12)
    assert dict(bulletin.declared_counts) == {"on_track": 3, "done": 9}


def test_a_year_compared_with_is_not_the_year_reported_on() -> None:
    found = find_period(
        [
            "对2022年政府工作报告重点工作任务完成情况进行跟踪督办。",
            "全年完成技术合同登记382项,与2021年持平。",
        ]
    )
    assert found is not None and found.year == 2022


def test_able_to_is_not_a_forecast() -> None:
    found = find_summary_counts(
        ["通过督查发现,多数部门能够及时排除不利因素,已开复工的项目26项,未开复工10项。"]
    )
    assert found.counts == {"not_started": 10}


def test_a_target_not_fully_reached_is_not_done() -> None:
    assert status_of_label("未全部达到目标任务") == "not_done"
    assert status_of_label("未达到目标任务进度") == "behind"
    found = find_summary_counts(["全年40项目标任务,35项已完成,5项未全部达到目标任务。"])
    assert found.counts == {"done": 35, "not_done": 5}


def test_of_two_alternatives_only_the_second_a_state_the_second_counts() -> None:
    found = find_summary_counts(
        [
            "48项具体工作总体进展顺利。其中,两项具体工作已完成,另有24项具体工作已开工建设或进入实施阶段。"
        ]
    )
    assert (found.total, found.counts) == (48, {"done": 2, "in_progress": 24})
    found = find_summary_counts(["126项民生实事均全部或超额完成年度目标任务。"])
    assert found.counts == {"done": 126}


def test_dates_after_a_bullet_and_after_the_office() -> None:
    assert is_date_line("  • 2020-08-08")
    lines = ["第7期", "东江县督查室 二○一五年十月九日", "年初共下达20项任务。"]
    assert find_issue_date(lines) == (date(2015, 10, 9), None)
    assert find_issuer(lines, None) == "东江县督查室"
    assert not looks_like_title("东江县督查室 二○一五年十月九日")
    # a web stamp with a slash after its day, before the time and the source
    lines = ["东江县重点项目建设稳步推进", " 2020/08/12/ 14:37 来源:东江日报 记者王某", "正文"]
    assert find_issue_date(lines)[0] == date(2020, 8, 12)
    # a post's byline near the top (account, then the date); not a dated line further down
    assert find_issue_date(["东江发布 2024-10-08", "正文"])[0] == date(2024, 10, 8)
    assert find_issue_date([*["正文。"] * 9, "计划完成 2024-12-31"])[0] is None
    # a period's or a plan's date is no byline, and a time stamp comes first
    lines = ["关于重点项目进展情况的通报", "统计截止 2024-06-30", "正文。", "2024-07-05 09:12"]
    assert find_issue_date(lines)[0] == date(2024, 7, 5)
    assert find_issue_date(["通报", "计划完工 2023-12-31", "正文。"])[0] is None


def test_fixture_year_printed_only_in_the_cells() -> None:
    bulletin = parse_file(FIXTURES / "pipe-rows-from-header-year-in-cells.txt").bulletin
    assert (bulletin.year, bulletin.period_label) == (2020, "1-12月")


def test_fixture_signed_date_line() -> None:
    bulletin = parse_file(FIXTURES / "narrative-signed-date-line.txt").bulletin
    assert (bulletin.issuer, str(bulletin.issued_on), bulletin.year) == (
        "东江县水务局督查室",
        "2015-10-09",
        2015,
    )
    assert bulletin.title is None


def test_a_count_right_after_its_scope_is_a_part_of_it() -> None:
    found = find_summary_counts(["目前,10件实事项目9件进度正常。"])
    assert (found.total, found.counts) == (10, {"on_track": 9})
    found = find_summary_counts(["10大类30项民生实事基本完成。"])
    assert found.counts == {"mostly_done": 30}


def test_a_state_naming_the_items_gives_way_to_the_state_they_are_in() -> None:
    found = find_summary_counts(["20个项目中,4个竣工项目滞后于节点目标,16个项目按计划推进。"])
    assert found.counts == {"behind": 4, "on_track": 16}


def test_reached_the_scheduled_progress_shortened() -> None:
    found = find_summary_counts(["55项细化的民生实事项目中,50项已达或超过序时进度,完成率90.9%。"])
    assert (found.total, found.counts) == (55, {"on_track": 50})


def test_the_items_of_a_group_counted_in_a_state() -> None:
    found = find_summary_counts(
        ["其中教育类项目10个已完工7个,卫生类项目3个已完工1个,其余5个项目正在有序推进。"]
    )
    assert found.counts == {"done": 8, "in_progress": 5}


def test_fixture_lines_inserted_inside_sentences_are_removed() -> None:
    parsed = parse_file(FIXTURES / "narrative-inserted-spam-lines.txt")
    assert "提出「东江新十大建设」,引起话题。" in parsed.bulletin.narrative
    assert "网站广告" not in parsed.bulletin.narrative
    removed = [f for f in parsed.findings if f.check == "inserted_text_removed"]
    assert len(removed) == 1 and removed[0].message.startswith("3 short line(s)")
    assert dict(parsed.bulletin.declared_counts) == {"done": 1}


def test_no_other_fixture_loses_a_line_as_inserted() -> None:
    # one-cell-per-line tables, units broken at 、 and headings are short lines too
    golden = FIXTURES.parent / "golden"
    hit = sorted(
        path.name
        for path in golden.glob("*.json")
        if '"inserted_text_removed"' in path.read_text(encoding="utf-8")
    )
    assert hit == ["narrative-inserted-spam-lines.txt.json"]


def test_a_breakdown_of_things_gives_way_to_one_of_items() -> None:
    found = find_summary_counts(
        [
            "到9月底,34项为民办实事项目中有6项已经完成,另有25个项目可以按时完成。",
            "280个自然灾害避灾点已建成246个,在建34个。",
        ]
    )
    assert (found.total, found.counts) == (34, {"done": 6, "on_track": 25})


def test_able_to_finish_on_time_is_on_track_but_not_when_denied() -> None:
    assert status_of_label("可以按时完成") == "on_track"
    found = find_summary_counts(["共20个指标,3个指标未能完成,17个指标已完成。"])
    assert found.counts == {"done": 17}


def test_partly_done_is_not_done() -> None:
    found = find_summary_counts(
        ["106项重点工作任务中,94项完成年度目标任务,12项部分完成年度目标任务。"]
    )
    assert (found.total, found.counts) == (106, {"done": 94})


def test_a_programme_named_by_its_count() -> None:
    found = find_summary_counts(["截至目前,全市十大民心工程已全部完成到位。"])
    assert found.counts == {"done": 10}
    found = find_summary_counts(["今年共实施十大民生工程,已全部完成。"])
    assert (found.total, found.counts) == (10, {"done": 10})


def test_fixture_attachment_only_is_a_bulletin_of_its_period() -> None:
    parsed = parse_file(FIXTURES / "pipe-rows-region-attachment-only.txt")
    assert (parsed.bulletin.year, parsed.bulletin.quarter) == (2016, 3)
    assert [f.check for f in parsed.findings if f.check == "no_table"] == ["no_table"]


def test_more_phrasings_of_period_targets_and_lost_counters() -> None:
    found = find_summary_counts(
        ["99项任务中,2项已完成年度目标任务,86具体任务有序推进中,8项未完成年初确定的季度目标任务。"]
    )
    assert found.counts == {"done": 2, "in_progress": 86, "behind": 8}
    found = find_summary_counts(["15个为民办实事项目中,7项指标已按目标进度完成。"])
    assert found.counts == {"on_track": 7}


def test_being_finished_off_is_in_progress() -> None:
    found = find_summary_counts(
        ["共14个考核指标,9个指标已提前或超额完成年度任务,5个指标正在抓紧扫尾。"]
    )
    assert (found.total, found.counts) == (14, {"ahead": 9, "in_progress": 5})


def test_a_short_title_is_not_page_chrome(tmp_path: Path) -> None:
    page = tmp_path / "bulletin.txt"
    page.write_text("督查通报\n第3期\n全市30项民生实事中,6项已完成。\n", encoding="utf-8")
    assert parse_file(page).bulletin.title == "督查通报"
