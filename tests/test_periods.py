"""Periods and dates (REAL_WORLD.md §5): label as written, start, end, year, quarter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.narrative.periods import find_period, parse_date
from pipeline.run.task import parse_file
from pipeline.text.numerals import parse_int

ISSUED = date(2024, 10, 15)

# (text, label, start, end, quarter); the year comes from the text or the issue date above.
PERIODS = [
    ("2024年二季度30项重点民生实事进展情况表", "二季度", "2024-04-01", "2024-06-30", 2),
    ("对全市重点民生实事二季度完成情况进行了督导调度", "二季度", "2024-04-01", "2024-06-30", 2),
    ("第三季度重点工作推进情况", "第三季度", "2024-07-01", "2024-09-30", 3),
    ("一季度", "一季度", "2024-01-01", "2024-03-31", 1),
    ("1-9月重点项目推进情况", "1-9月", "2024-01-01", "2024-09-30", 3),
    ("1—9月", "1—9月", "2024-01-01", "2024-09-30", 3),
    ("1至9月", "1至9月", "2024-01-01", "2024-09-30", 3),
    ("元至3月份", "元至3月份", "2024-01-01", "2024-03-31", 1),
    ("前三季度", "前三季度", "2024-01-01", "2024-09-30", 3),
    ("上半年", "上半年", "2024-01-01", "2024-06-30", 2),
    ("半年度", "半年度", "2024-01-01", "2024-06-30", 2),
    ("截至三季度末", "截至三季度末", "2024-01-01", "2024-09-30", 3),
    ("截至6月底", "截至6月底", "2024-01-01", "2024-06-30", 2),
    ("截至10月31日", "截至10月31日", "2024-01-01", "2024-10-31", 4),
    ("截止7月底全市", "截止7月底", "2024-01-01", "2024-07-31", 3),
    ("止4月底,166个新建、续建项目", "止4月底", "2024-01-01", "2024-04-30", 2),
    ("今年前4个月,全省重大项目", "前4个月", "2024-01-01", "2024-04-30", 2),
    ("今年前4個月,全省重大項目", "前4個月", "2024-01-01", "2024-04-30", 2),
    ("2024年二季度进展:10个项目比计划超前2个月完成", "二季度", "2024-04-01", "2024-06-30", 2),
    ("2024年8月份重点项目进展情况", "8月份", "2024-08-01", "2024-08-31", 3),
    ("2023年度重点民生实事完成情况", "年度", "2023-01-01", "2023-12-31", 4),
    ("2024年全年完成情况", "全年", "2024-01-01", "2024-12-31", 4),
    ("2024年度二季度", "二季度", "2024-04-01", "2024-06-30", 2),
    ("2022年二季度", "二季度", "2022-04-01", "2022-06-30", 2),
    # Taiwan: years of the Republic of China calendar, and 第4季 without 度
    ("前瞻計畫113年度第4季執行情形檢討會議", "第4季", "2024-10-01", "2024-12-31", 4),
    ("截至民國112年6月底", "6月底", "2023-01-01", "2023-06-30", 2),
    ("113年度施政計畫", "年度", "2024-01-01", "2024-12-31", 4),
    # a date with dots or dashes after 截至, and 截止到
    ("进度表(截至2023.9.30)", "9.30", "2023-01-01", "2023-09-30", 3),
    ("截止2023-08-20全县", "08-20", "2023-01-01", "2023-08-20", 3),
    ("截至2024.1-9月,全区", "1-9月", "2024-01-01", "2024-09-30", 3),  # no date: 1-9月
    ("截止到8月20日,全县", "截止到8月20日", "2024-01-01", "2024-08-20", 3),
    # the ten days of a month: 上旬 ends on the 10th, 中旬 on the 20th, 下旬 with the month
    ("截至8月中旬,计划实施的49个项目中", "截至8月中旬", "2024-01-01", "2024-08-20", 3),
    ("截至5月上旬", "截至5月上旬", "2024-01-01", "2024-05-10", 2),
    ("截至9月下旬", "截至9月下旬", "2024-01-01", "2024-09-30", 3),
]


@pytest.mark.parametrize(
    ("text", "label", "start", "end", "quarter"), PERIODS, ids=[p[0] for p in PERIODS]
)
def test_period(text: str, label: str, start: str, end: str, quarter: int) -> None:
    period = find_period([text], ISSUED)
    assert period is not None
    assert (period.label, str(period.start), str(period.end), period.quarter) == (
        label,
        start,
        end,
        quarter,
    )
    assert period.year == int(start[:4])


@pytest.mark.parametrize(
    "text",
    [
        "第五项工作",
        "截至目前",
        "十件民生实事",
        "",
        "一年四季",
        "建校110年来",
        "项目提前3个月完成",
        "比计划超前2个月完成",
        "春节前2个月",
        "此前3个月",
        "前一个月",
    ],
)
def test_no_period(text: str) -> None:
    assert find_period([text], ISSUED) is None


def test_first_text_that_names_a_period_wins() -> None:
    period = find_period(["重点民生实事进展情况表", "三季度"], ISSUED)
    assert period is not None and period.label == "三季度"


@pytest.mark.parametrize(
    ("label", "issued", "year"),
    [
        ("四季度", date(2025, 1, 8), 2024),  # a Q4 report issued in January: the year before
        ("四季度", date(2024, 12, 28), 2024),  # issued before the quarter ends
        ("一季度", date(2024, 11, 2), 2024),  # a Q1 report seen issued in November
        ("二季度", date(2024, 6, 25), 2024),  # issued days before the period ends
        ("1-11月", date(2024, 12, 5), 2024),
    ],
)
def test_year_from_issue_date(label: str, issued: date, year: int) -> None:
    period = find_period([label], issued)
    assert period is not None and period.year == year and period.year_source == "issue_date"


def test_year_elsewhere_in_the_title() -> None:
    period = find_period(["附件:2024年30项重点民生实事二季度进展情况表"], date(2025, 1, 1))
    assert period is not None and period.year == 2024 and period.year_source == "text"


def test_a_year_printed_after_the_period_that_would_make_it_stale() -> None:
    # 一季度 in the headline, a past event's year in the body, the page issued the next April
    texts = ["一季度重大项目建设实现开门红", "综合保税区于2021年8月获国务院批复设立。"]
    period = find_period(texts, date(2022, 4, 18))
    assert period is not None and (period.year, period.year_source) == (2022, "issue_date")
    # a year printed before the period (the title's) holds, however late the page
    texts = ["2022年十件实事最新进展", "截至6月30日,11个试点村项目全面完工。"]
    period = find_period(texts, date(2024, 5, 4))
    assert period is not None and (period.year, period.year_source) == (2022, "text")
    # and a year printed after it holds where the period is recent
    period = find_period(texts[::-1], date(2022, 7, 20))
    assert period is not None and period.year == 2022


def test_a_period_after_the_issue_date_is_not_the_one_reported_on() -> None:
    texts = ["2025年度民生实事征集启动", "截至目前,2024年前三季度,20件民生实事中…"]
    period = find_period(texts, date(2024, 10, 30))
    assert period is not None and (period.label, period.year) == ("前三季度", 2024)
    assert find_period(texts[:1], None) is not None  # without an issue date it is all there is


def test_no_year_anywhere() -> None:
    period = find_period(["二季度"], None)
    assert period is not None and period.year is None and period.quarter == 2


DATES = [
    ("2024年7月10日", "2024-07-10"),
    ("2024 年 7 月 10 日", "2024-07-10"),
    ("2024-07-10", "2024-07-10"),
    ("2024.3.30-2025.3.30", "2024-03-30"),
    ("2024/7/1", "2024-07-01"),
    ("二〇二四年七月十日", "2024-07-10"),
    ("二〇二四年十二月三十一日", "2024-12-31"),
    ("2024年2月30日", None),  # no such day
    ("7月10日", None),  # no year
]


@pytest.mark.parametrize(("text", "expected"), DATES, ids=[d[0] for d in DATES])
def test_parse_date(text: str, expected: str | None) -> None:
    found = parse_date(text)
    assert (str(found) if found else None) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [("30", 30), ("三十", 30), ("十二", 12), ("二十一", 21), ("两", 2), ("一百零五", 105),
     ("二〇二四", 2024), ("１２", 12), ("三十项", None), ("", None)],
)  # fmt: skip
def test_chinese_numerals(text: str, value: int | None) -> None:
    assert parse_int(text) == value


@given(st.text(max_size=60), st.none() | st.dates())
def test_never_raises(text: str, issued: date | None) -> None:
    find_period([text], issued)
    parse_date(text)
    parse_int(text)


@pytest.mark.parametrize(
    ("texts", "year"),
    [
        (["关于2024年阳东区十件民生实事完成情况的通报"], 2024),
        (["2024年"], 2024),
        (["2013—2017年民生工程规划"], None),  # a span of years is not the year reported on
        (["栖霞市人民政府办公室", "2024年7月10日"], None),  # an issue date says when, not what
        # where a span or a comparison starts is not the year reported on
        (["实事由2016年的8件增加为2019年的15件"], 2019),
        (["自2018年以来,累计建成项目40个"], None),
    ],
)
def test_a_year_without_a_period_is_the_year_alone(texts: list[str], year: int | None) -> None:
    period = find_period(texts)
    if year is None:
        assert period is None
    else:
        assert period is not None
        assert (period.year, period.quarter, period.label, period.end) == (year, None, "", None)


def test_a_period_without_its_year_takes_the_year_printed_elsewhere() -> None:
    period = find_period(["前三季度我市民生实事加快推进", "2025年,省政府民生实事共有45件"])
    assert period is not None
    assert (period.label, period.year, period.quarter, str(period.end)) == (
        "前三季度",
        2025,
        3,
        "2025-09-30",
    )


def test_a_period_without_its_year_skips_the_year_a_comparison_starts_from() -> None:
    period = find_period(["截至9月底,全县实事进展顺利", "项目由2016年的8件增加为2019年的15件"])
    assert period is not None
    assert (period.label, period.year, str(period.end)) == ("截至9月底", 2019, "2019-09-30")


def test_a_year_a_span_starts_from_is_not_the_year_reported_on_in_either_script() -> None:
    """從 is 从: 從2009年開始 says since when, not which year the bulletin reports on."""
    assert find_period(["從2009年開始,該縣就將民生工程列為頭等大事"]) is None
    assert find_period(["从2009年开始,该县就将民生工程列为头等大事"]) is None
    period = find_period(["從2009年開始,該縣確定了2012年十件實事"])
    assert period is not None and period.year == 2012


def test_an_expected_period_is_not_the_one_reported_on() -> None:
    lines = [
        "2021年区政府工作报告重点工作目标任务完成情况",
        "因方案调整,预计2022年上半年启动建设。",
    ]
    found = find_period(lines, date(2022, 2, 10))
    assert found is not None and (found.label, found.year) == ("", 2021)
    found = find_period(["截至2024年9月底,力争12月底前完工。"])
    assert found is not None and (found.year, found.end) == (2024, date(2024, 9, 30))


def test_a_year_right_before_a_report_name() -> None:
    found = find_period(["2021《市政府工作报告》半年完成情况通报"])
    assert found is not None and found.year == 2021


def test_a_whole_year_of_another_year_than_printed_before_is_not_the_period() -> None:
    lines = ["2025年街道各民生实事项目总体进展良好", "☑东苑二期新建工程(2024年度续建项目)"]
    found = find_period(lines)
    assert found is not None and (found.label, found.year) == ("", 2025)


def test_the_year_where_the_counts_are_stated(tmp_path: Path) -> None:
    text = (
        "近日,东江街道办事处召开2017年惠民实事通报会。\n\n"
        "据介绍,2016年初街道面向社会承诺的10件为民实事截至目前已基本完成。\n\n"
        "2017年,街道将继续把为民办实事作为工作的重中之重。\n"
    )
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    assert parse_file(page).bulletin.year == 2016


def test_a_year_spanning_task_is_no_year_end_period() -> None:
    # 跨年度落实: matters carried over the year's end, not a year-end report
    assert find_period(["对需要跨年度落实的事项,要列出时间表"]) is None
    period = find_period(["2024年全县民生实事全年完成情况"])
    assert period is not None and (period.label, period.year, period.quarter) == ("全年", 2024, 4)


@pytest.mark.parametrize(
    ("text", "label", "year"),
    [
        ("2022上半年重点工作进展情况统计表(政府)", "上半年", 2022),
        ("2023一季度民生实事项目进展情况", "一季度", 2023),
        ("2021前三季度重点工作完成情况", "前三季度", 2021),
    ],
)
def test_a_year_without_its_nian_right_before_the_period(text: str, label: str, year: int) -> None:
    period = find_period([text])
    assert period is not None and (period.label, period.year) == (label, year)


def test_a_bare_year_only_right_before_a_period_and_not_inside_a_number() -> None:
    period = find_period(["2024上海市上半年重点工作"])
    assert period is not None and (period.label, period.year) == ("上半年", None)
    period = find_period(["12021上半年"])
    assert period is not None and period.year is None


def test_a_period_without_its_year_takes_the_year_of_the_table_header() -> None:
    period = find_period(["某某局重点工作进展情况(截至三季度)"], None, ["序号", "2021年目标"])
    assert period is not None and (period.label, period.year) == ("三季度", 2021)
    # the prose's year comes first
    period = find_period(["2020年重点工作进展情况(截至三季度)"], None, ["2021年目标"])
    assert period is not None and period.year == 2020


def test_the_header_year_of_a_page_read_whole(tmp_path: Path) -> None:
    page = tmp_path / "header-year.txt"
    page.write_text(
        "某某局重点工作进展情况(截至三季度)\n"
        "序号 | 重大任务 | 进展情况 | 责任处室 |\n"
        "2021年目标 | ||||\n"
        "1 | 打造5个高能级平台。 | 已印发导则。 | 地区处 |\n"
        "2 | 推进园区整合提升。 | 已完成评审。 | 产业处 |\n",
        encoding="utf-8",
    )
    bulletin = parse_file(page).bulletin
    assert (bulletin.year, bulletin.quarter) == (2021, 3)


def test_a_progress_cell_s_period_gives_way_to_the_date_of_issue(tmp_path: Path) -> None:
    # a cell of progress (截至6月底完成主体) is no period of the page, issued in October
    page = tmp_path / "cell-period.txt"
    page.write_text(
        "某某区民生实事项目进展情况\n"
        "发布时间:2024-10-20 09:30 来源:区府办\n"
        "序号 | 项目名称 | 进展情况 |\n"
        "1 | 新建幼儿园2所 | 截至6月底完成主体,9月投入使用 |\n"
        "2 | 改造老旧小区5个 | 已完工3个 |\n",
        encoding="utf-8",
    )
    bulletin = parse_file(page).bulletin
    assert (bulletin.year, bulletin.period_label, bulletin.quarter) == (2024, None, None)


def test_the_header_year_only_from_the_header_rows(tmp_path: Path) -> None:
    # no numbered rows: the years in the rows (2019年开工) are no header's
    page = tmp_path / "rows-years.txt"
    page.write_text(
        "某某县重点项目进展情况(截至三季度)\n"
        "项目名称 | 建设内容 | 进展情况 |\n"
        "城东污水厂 | 2019年开工 | 主体完工 |\n"
        "城西学校 | 2022年续建 | 装修中 |\n"
        "城南医院 | 2023年新建 | 基础施工 |\n"
        "城北公园 | 2024年新建 | 绿化中 |\n",
        encoding="utf-8",
    )
    assert parse_file(page).bulletin.year is None


def test_a_programmes_year_printed_after_the_period_holds_however_late_the_page() -> None:
    # only a year printed with its month (an event's date) gives way to the date of issue
    texts = ["前三季度民生实事进展情况", "2022年全市30项民生实事进展顺利。"]
    period = find_period(texts, date(2024, 1, 5))
    assert period is not None and (period.year, period.year_source) == (2022, "text")
    period = find_period(["上半年进展情况"], date(2023, 8, 10), ["2021年目标"])
    assert period is not None and period.year == 2021
