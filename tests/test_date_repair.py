"""Dates damaged in extraction, repaired where the repair is the only reading (REAL_WORLD.md §5)."""

from __future__ import annotations

import pytest

from pipeline.narrative.date_repair import repair_dates

REPAIRS = [
    ("截至621日,已完成", "截至6月21日,已完成", [("截至621日", "截至6月21日")]),
    ("关于202310月份民生实事", "关于2023年10月份民生实事", [("202310月", "2023年10月")]),
    ("现将19月进展情况公示", "现将1—9月进展情况公示", [("19月", "1—9月")]),
    ("20171011", "2017年10月11日", [("20171011", "2017年10月11日")]),
    # the first digit of a year of this century, lost as a question mark
    ("被确定?022年市民生实事项目", "被确定2022年市民生实事项目", [("?022", "2022")]),
    ("被确定？023年", "被确定2023年", [("？023", "2023")]),
]
UNTOUCHED = ["截至111日", "12月份", "今年?0项民生实事", "办得怎样了?8", "2022年", "?1022年"]


@pytest.mark.parametrize(("text", "repaired", "repairs"), REPAIRS, ids=[r[0] for r in REPAIRS])
def test_repairs(text: str, repaired: str, repairs: list[tuple[str, str]]) -> None:
    assert repair_dates(text) == (repaired, repairs)


@pytest.mark.parametrize("text", UNTOUCHED)
def test_ambiguous_or_undamaged_text_is_left_alone(text: str) -> None:
    assert repair_dates(text) == (text, [])
