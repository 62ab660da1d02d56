"""Reporting periods and dates written in bulletins (REAL_WORLD.md §5).

`find_period` reads a label such as 二季度, 1-9月, 前三季度, 上半年 or 截至10月31日 from titles and
narrative text and turns it into start and end dates. The quarter of a period is the quarter of
its end (1-9月 -> 3). Pure functions: they return None rather than raise.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline.narrative.years import LINE_YEAR, first_year, first_year_dated, year_in, year_number
from pipeline.text.numerals import NUMERAL_CHARS, parse_int
from pipeline.text.patterns import any_of
from pipeline.text.script import to_simplified
from pipeline.vocab import table

_N = f"[{NUMERAL_CHARS}]"  # one numeral character
# A year: 2024, 二〇二四, or a year of the Republic of China calendar (民國114年 = 2025) that
# Taiwan's reports print: three digits, 民国 before them or a period after them (114年度第4季).
_ROC = r"(?:民[国國]\s*)?(?<!\d)1[0-2]\d"
_WORD_YEAR = "[二][〇○零][一二三四五六七八九〇○零]{2}"  # 二〇二四
_QUARTER_STARTS = "前第一二三四"  # the first characters of 前三季度, 第二季度, 一季度


def _year(period_starts: str) -> str:
    """The optional year before a period: with its 年 (2024年上半年), or without it right before
    a period's first character (2022上半年, 2023一季度), not inside a longer number."""
    return (
        rf"(?P<yp>(?P<year>(?:19|20)\d\d|{_WORD_YEAR}|{_ROC})\s*年(?:度)?\s*"
        rf"|(?<![\d.])(?P<bare>(?:19|20)\d\d)(?=[{re.escape(period_starts)}]))?"
    )


# A report issued up to this long before its period ends still belongs to that period (a
# second-quarter report issued on 25 June); issued any earlier, the period is last year's.
EARLY_ISSUE_SLACK = timedelta(days=31)
# A period that would end this long before its page was issued is not of a year printed only
# after it, with its month (一季度…, then 于2021年8月获批复, on a page of 2022-04-18): that year
# is another event's date, and the date of issue gives the period's year.
STALE_PERIOD = timedelta(days=365)


def _any(words: Iterable[str]) -> str:
    """An alternation of `words`, longest first, as a group."""
    return f"(?:{any_of(words)})"


@functools.cache
def period_forms() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Period forms, most specific first, built from vocab/periods.toml. Each has a `kind`
    that `_months_of` understands."""
    words = table("periods")
    lead, end = _any(words["as_of_leads"]), _any(words["month_end_words"])
    dash, first = _any(words["range_dashes"]), _any(words["first_month_words"])
    halves, year = _any(words["halves"]), words["year"]
    year_words, followers = _any(year["words"]), _any(year["followers"])
    starts = "".join(sorted({word[0] for word in [*words["halves"], *year["words"]]}))
    yp = _year(starts + _QUARTER_STARTS)  # the year before every form
    not_after = "".join(map(re.escape, year["not_after"]))
    forms = (
        # 截至2024年10月31日 / 截至6月底 / 截止9月末
        (
            "as_of",
            rf"{lead}\s*{yp}(?P<m>{_N}{{1,2}})\s*月(?:份)?\s*"
            rf"(?:(?P<d>{_N}{{1,3}})\s*[日号]|{end}|(?P<xun>[上中下])旬)",
        ),
        # 截至2024.9.30, 截止2024-09-30 (a date written with dots or dashes)
        (
            "as_of",
            rf"{lead}\s*(?P<yp>(?P<year>(?:19|20)\d\d)(?P<bare>)\s*(?P<sep>[.．\-/]))\s*"
            rf"(?P<m>\d{{1,2}})\s*(?P=sep)\s*(?P<d>\d{{1,2}})(?!\d|\s*月)",
        ),
        # 截至三季度末
        ("as_of_quarter", rf"{lead}\s*{yp}第?(?P<q>[一二三四1-4])\s*季度{end}"),
        # 1-9月, 1—9月份, 元至3月
        (
            "months",
            rf"{yp}(?P<m1>{_N}{{1,2}}|{first})\s*(?:月份?)?\s*{dash}\s*(?P<m2>{_N}{{1,2}})\s*月(?:份)?",
        ),
        # 前三季度
        ("first_quarters", rf"{yp}前\s*(?P<q>[二三两2-3])\s*(?:个)?季度"),
        # 二季度, 第二季度, 2024年二季度, 114年度第4季
        ("quarter", rf"{yp}(?=第|[一二三四1-4]\s*季度)第?\s*(?P<q>[一二三四1-4])\s*季(?:度)?"),
        # 上半年, 半年度
        ("half", rf"{yp}(?P<h>{halves})"),
        # 8月份, 2024年8月 (a monthly bulletin)
        ("month", rf"{yp}(?P<m>{_N}{{1,2}})\s*月份"),
        # 前4个月, 今年前5个月: after a year, a 年 or a clause's start (not 提前3个月, 超前2个月,
        # 春节前2个月: ahead by that much, or before an event)
        ("first_months", rf"{yp}(?<![^\s年,，。;；:：、])前\s*(?P<m>{_N}{{1,2}})\s*[个個]\s*月"),
        # 2023年度 (a year-end bulletin); 全年完成情况
        ("year", rf"(?P<year>(?:19|20)\d\d|{_ROC})\s*(?P<y>年度)"),
        ("year", rf"(?<![{not_after}]){yp}(?P<y>{year_words})(?=(?:工作)?{followers})"),
    )
    return tuple((kind, re.compile(pattern)) for kind, pattern in forms)


_FULL_DATE = re.compile(
    rf"(?P<y>(?:19|20)\d\d|[二][〇○零][一二三四五六七八九〇○零]{{2}})\s*(?:年|\.|-|/)\s*"
    rf"(?P<m>{_N}{{1,2}})\s*(?:月|\.|-|/)\s*(?P<d>{_N}{{1,3}})\s*[日号]?"
)


# The last day of the first and second ten days of a month (上旬, 中旬); 下旬 ends the month.
_XUN_ENDS = {"上": 10, "中": 20}


@dataclass(frozen=True, slots=True)
class Period:
    label: str  # as written (二季度, 1-9月); without the year
    start: date | None
    end: date | None
    year: int | None
    quarter: int | None
    year_source: str  # 'label', 'text' (elsewhere in the same text), 'issue_date', or 'none'


def parse_date(text: str) -> date | None:
    """The first full date (year, month, day) in `text`.

    2024年7月10日, 2024-07-10, 2024.7.10 and 二〇二四年七月十日 all read as 2024-07-10.
    """
    for match in _FULL_DATE.finditer(text):
        found = safe_date(parse_int(match["y"]), parse_int(match["m"]), parse_int(match["d"]))
        if found:
            return found
    return None


def safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    """The date, or None when it is not one (31 February, a part missing)."""
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _label_of(match: re.Match[str]) -> str:
    """The period as written, without its year: 2024年二季度 -> 二季度; 2023年度 -> 年度."""
    groups = match.groupdict()
    if groups.get("y"):
        return match.group(0)[match.start("y") - match.start() :]
    if groups.get("yp"):
        return match.group(0)[match.end("yp") - match.start() :].strip()
    return match.group(0).strip()


def _months_of(kind: str, m: re.Match[str]) -> tuple[int, int] | None:
    """(first month, last month) of the period, or None when the numbers are impossible."""
    if kind == "months":
        first = 1 if m["m1"] in table("periods")["first_month_words"] else parse_int(m["m1"])
        last = parse_int(m["m2"])
    elif kind in ("quarter", "as_of_quarter"):
        q = parse_int(m["q"])
        if q is None:
            return None
        first, last = (1 if kind == "as_of_quarter" else 3 * q - 2), 3 * q
    elif kind == "first_quarters":
        q = parse_int(m["q"].replace("两", "二"))
        first, last = 1, 3 * q if q else None
    elif kind == "first_months":  # 前一个月 is the month before, not a period
        first, last = 1, parse_int(m["m"].replace("两", "二"))
        last = last if last != 1 else None
    elif kind == "half":
        first, last = (7, 12) if table("periods")["halves"][m["h"]] == "second" else (1, 6)
    elif kind == "month":
        first = last = parse_int(m["m"])
    elif kind == "as_of":
        first, last = 1, parse_int(m["m"])
    else:  # year
        first, last = 1, 12
    if first is None or last is None or not (1 <= first <= last <= 12):
        return None
    return first, last


def find_period(
    texts: Iterable[str], issued_on: date | None = None, year_texts: Sequence[str] = ()
) -> Period | None:
    """The reporting period named in the first text that names one (pass titles first).

    A period printed without its year (前三季度, 截至11月底) takes the year of its own line, else
    the first year printed in the other texts (a title 关于2024年…的通报, a heading), else in
    `year_texts` (a table's header: 2021年目标), else the issue date's. A period that starts
    after the issue date is not the one reported on. Without any period, the first year printed
    gives the year alone (quarter unknown); nothing printed, no year: it is never guessed."""
    texts = list(texts)
    for index, text in enumerate(texts):
        for kind, pattern in period_forms():
            for match in pattern.finditer(text):
                months = _months_of(kind, match)
                if months is None or _not_reported(text, match.start()):
                    continue
                elsewhere = first_year(texts) or first_year(year_texts)
                # a year printed only after the period's line may be another event's
                later = first_year(texts[: index + 1]) is None and first_year_dated(texts)
                found = _period(kind, match, months, text, issued_on, elsewhere, later)
                if issued_on and found.start and found.start > issued_on:
                    continue  # 2025年度…征集 in a page of October 2024: not what it reports on
                if kind == "year" and _other_year_before(texts[:index], found.year):
                    continue  # 2025年…进展良好, then (2024年度续建项目): another year's
                return found
    year = first_year(texts)
    return Period("", None, None, year, None, "text") if year else None


def _other_year_before(texts: Sequence[str], year: int | None) -> bool:
    """Whether the texts before a whole year's period print another year first."""
    before = first_year(texts)
    return before is not None and year is not None and before != year


def _not_reported(text: str, start: int) -> bool:
    """Whether the words right before a period make it another than the one reported on
    (自去年5月份组建以来, 比去年1-9月)."""
    words = tuple(table("periods")["not_period_before"])
    width = max(map(len, words), default=0) + 2
    before = re.sub(r"\s+", "", to_simplified(text[max(0, start - width) : start]))
    return before.endswith(words)


def _stale(year: int, last: int, issued_on: date | None) -> bool:
    """Whether a period ending in month `last` of `year` ends too long before the issue date."""
    return issued_on is not None and _month_end(year, last) + STALE_PERIOD < issued_on


def _period(
    kind: str,
    match: re.Match[str],
    months: tuple[int, int],
    text: str,
    issued_on: date | None,
    elsewhere: int | None,
    later: bool = False,
) -> Period:
    first, last = months
    year, source = None, "none"
    if match["year"] or match["bare"]:
        year, source = year_number(match["year"] or match["bare"]), "label"
    elif (found := year_in(LINE_YEAR, text)) is not None:
        year, source = found, "text"
    elif elsewhere is not None and not (later and _stale(elsewhere, last, issued_on)):
        year, source = elsewhere, "text"
    elif issued_on is not None:
        year, source = issued_on.year, "issue_date"
        # A Q4 report issued in January belongs to the year before.
        if _month_end(year, last) > issued_on + EARLY_ISSUE_SLACK:
            year -= 1
    label = _label_of(match)
    if year is None:
        return Period(label, None, None, None, (last - 1) // 3 + 1, source)
    end = _month_end(year, last)
    if kind == "as_of" and match["d"]:
        end = safe_date(year, last, parse_int(match["d"])) or end
    elif kind == "as_of" and match.groupdict().get("xun") in _XUN_ENDS:  # 截至8月中旬: the 20th
        end = safe_date(year, last, _XUN_ENDS[match["xun"]]) or end
    return Period(label, date(year, first, 1), end, year, (last - 1) // 3 + 1, source)
