"""Repair dates that web extraction damaged (REAL_WORLD.md §5), where the repair is the only
reading: 截至621日 -> 截至6月21日; 202310月份 -> 2023年10月份; 19月 -> 1—9月; a date line
20171011 -> 2017年10月11日; ?022年 -> 2022年 (a year of this century that lost its first digit).
Each repair is returned so the caller can report it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date

from pipeline.vocab import table

# 202310月份: the 年 after the year was lost
_LOST_YEAR = re.compile(r"(?P<year>(?:19|20)\d\d)(?P<month>\d{1,2})(?P<rest>\s*月)")
# 19月: the dash of 1—9月 was lost (a month number above 12 that starts with 1)
_LOST_DASH = re.compile(r"(?<![\d—\-–~至年])1(?P<last>\d{1,2})(?P<rest>\s*月)")
# 20171011 alone on a line: the 年月日 were lost
_BARE_DATE = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)\s*$")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _lost_month(m: re.Match[str]) -> str | None:
    digits = m["digits"]
    readings = [
        (int(digits[:cut]), int(digits[cut:]))
        for cut in (1, 2)
        if cut < len(digits)
        and len(digits) - cut <= 2
        and _valid(2000, int(digits[:cut]), int(digits[cut:]))
    ]
    if len(readings) != 1:
        return None  # 111日: 1月11日 or 11月1日 — not repaired
    month, day = readings[0]
    return f"{m['lead']}{month}月{day}日"


def _lost_year(m: re.Match[str]) -> str | None:
    month = int(m["month"])
    return f"{m['year']}年{month}{m['rest']}" if 1 <= month <= 12 else None


def _lost_dash(m: re.Match[str]) -> str | None:
    whole = int("1" + m["last"])
    last = int(m["last"])
    if whole <= 12 or not 2 <= last <= 12:
        return None  # 12月 is a month; 1—1月 is not a range
    return f"1—{last}{m['rest']}"


def _lost_millennium(m: re.Match[str]) -> str | None:
    return f"2{m['rest']}"


def _bare_date(m: re.Match[str]) -> str | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return f"{y}年{mo}月{d}日" if _valid(y, mo, d) else None


Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]


@functools.cache
def rules() -> tuple[Rule, ...]:
    """The repairs, in the order they are applied."""
    leads = sorted(table("periods")["lost_month_leads"], key=len, reverse=True)
    # 截至621日: the 月 between month and day was lost
    lost_month = re.compile(
        rf"(?P<lead>{'|'.join(map(re.escape, leads))})\s*(?P<digits>\d{{3,4}})\s*日"
    )
    marks = "".join(map(re.escape, table("narrative")["lost_digit_marks"]))
    # ?022年: the 2 was lost (a year 1022 is not in a bulletin)
    lost_millennium = re.compile(rf"(?<![\d{marks}])[{marks}](?P<rest>0\d\d)(?=\s*年)")
    return (
        (lost_millennium, _lost_millennium),
        (_BARE_DATE, _bare_date),
        (lost_month, _lost_month),
        (_LOST_YEAR, _lost_year),
        (_LOST_DASH, _lost_dash),
    )


def repair_dates(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(repaired text, [(damaged, repaired), ...])."""
    repairs: list[tuple[str, str]] = []
    for pattern, fix in rules():

        def apply(m: re.Match[str], fix: Callable[[re.Match[str]], str | None] = fix) -> str:
            fixed = fix(m)
            if fixed is None:
                return m.group(0)
            repairs.append((m.group(0).strip(), fixed.strip()))
            return fixed

        text = pattern.sub(apply, text)
    return text, repairs
