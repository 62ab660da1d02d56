"""Dates in cells (REAL_WORLD.md §5): start, end, precision; deadlines and as-of dates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.values.dates import _scan, as_of_of, deadline_of, find_dates

YEAR = 2024

# (text, [(start, end, precision), ...]) for every date in the text
DATES = [
    ("预计2024年5月完工", [("2024-05-01", "2024-05-31", "month")]),
    ("12月底前", [("2024-12-21", "2024-12-31", "part_of_month")]),
    ("7月中旬", [("2024-07-11", "2024-07-20", "part_of_month")]),
    ("7月上旬", [("2024-07-01", "2024-07-10", "part_of_month")]),
    ("9月下旬", [("2024-09-21", "2024-09-30", "part_of_month")]),
    ("2月底", [("2024-02-21", "2024-02-29", "part_of_month")]),
    ("项目已于6月27日开工", [("2024-06-27", "2024-06-27", "day")]),
    ("2024年10月31日", [("2024-10-31", "2024-10-31", "day")]),
    ("采购周期为:2024.3.30-2025.3.30", [("2024-03-30", "2025-03-30", "day")]),
    ("2024-07-10", [("2024-07-10", "2024-07-10", "day")]),
    ("2024年上半年建成", [("2024-01-01", "2024-06-30", "half")]),
    ("下半年", [("2024-07-01", "2024-12-31", "half")]),
    ("年内完成", [("2024-01-01", "2024-12-31", "year")]),
    ("年底前", [("2024-01-01", "2024-12-31", "year")]),
    ("2025年底", [("2025-01-01", "2025-12-31", "year")]),
    ("2013—2017年", [("2013-01-01", "2017-12-31", "year")]),
    ("截至三季度末", [("2024-07-01", "2024-09-30", "quarter")]),
    ("截至2024年二季度", [("2024-04-01", "2024-06-30", "quarter")]),
    ("1-9月", [("2024-01-01", "2024-09-30", "month")]),
    ("1至9月份", [("2024-01-01", "2024-09-30", "month")]),
    ("截至6月份", [("2024-06-01", "2024-06-30", "month")]),
    ("2024年12月底前完成主体验收,2025年6月回迁安置", [("2024-12-21", "2024-12-31", "part_of_month"), ("2025-06-01", "2025-06-30", "month")]),
    ("預計2024年8月完工並交付使用", [("2024-08-01", "2024-08-31", "month")]),
    ("2024年2月30日", []),  # no such day
    ("无日期", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), DATES, ids=[d[0] for d in DATES])
def test_dates(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = [(str(r.start), str(r.end), r.precision) for r in find_dates(text, YEAR)]
    assert found == expected


DEADLINES = [
    ("项目位于西城储备库北侧,预计2024年5月完工,可新增1.6万吨储备粮", "2024-05-31", "month"),
    ("2024年12月底前完成主体验收,2025年6月回迁安置", "2024-12-31", "part_of_month"),
    (
        "预计投资1.8亿元,改造农村公路180公里,2024年3月开始施工,2024年12月前完工",
        "2024-12-31",
        "month",
    ),
    ("2024年上半年建成城市大脑平台", "2024-06-30", "half"),
    ("计划投资1200万元,预计年内完工", "2024-12-31", "year"),
    ("完成29410名适龄妇女免费两癌筛查服务", None, None),
]


@pytest.mark.parametrize(
    ("target", "end", "precision"), DEADLINES, ids=[d[0][:12] for d in DEADLINES]
)
def test_deadline(target: str, end: str | None, precision: str | None) -> None:
    found = deadline_of(target, YEAR)
    assert (str(found.end) if found else None, found.precision if found else None) == (
        end,
        precision,
    )


@pytest.mark.parametrize(
    ("progress", "as_of"),
    [
        ("截至6月份(该数据省未核减),实现城镇新增就业562人", "2024-06-30"),
        ("截止到6月底,开展活动130余场次", "2024-06-30"),
        ("截至2024年二季度,共救助90人次", "2024-06-30"),
        ("截至目前,共完成筛查11553人", None),
        ("6月底工程预验收", None),  # a date, but not the as-of date
    ],
)
def test_as_of(progress: str, as_of: str | None) -> None:
    found = as_of_of(progress, YEAR)
    assert (str(found.end) if found else None) == as_of


def test_no_year_anywhere() -> None:
    assert find_dates("12月底前", None) == []
    assert find_dates("2024年5月", None)[0].precision == "month"


@given(st.text(max_size=50), st.none() | st.integers(min_value=1900, max_value=2100))
def test_never_raises(text: str, year: int | None) -> None:
    find_dates(text, year)
    deadline_of(text, year)
    as_of_of(text, year)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="2024年5月6日.-/至底上半季度第一二十 完成", max_size=16))
def test_cells_skipped_at_once_hold_no_date(text: str) -> None:
    """The quick test that skips most cells never skips one that holds a date."""
    assert find_dates(text, YEAR) == _scan(text, YEAR, text)
