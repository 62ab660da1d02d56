"""Dates inside target and progress cells: 预计2024年5月完工, 12月底前, 7月中旬, 6月27日,
2024.3.30-2025.3.30, 上半年, 年内, 年底前 (REAL_WORLD.md §5).

Each becomes a `DateRef`: the first and last day it can mean, and its precision (day, month,
part_of_month, quarter, half, year). A cell that omits the year takes the bulletin's year.
`deadline_of` picks the date a target is due; `as_of_of` the date a progress cell speaks of.
Pure functions that never raise.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.text.numerals import parse_int
from pipeline.text.script import to_simplified
from pipeline.vocab import table

_N = r"[\d一二三四五六七八九十〇零]{1,3}"
_Y = r"(?P<y>(?:19|20)\d\d)"
# (kind, pattern), most specific first; matches may not overlap.
# fmt: off
FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (
            "day_range",
            r"(?P<y>(?:19|20)\d\d)\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})\s*(?:-|—|至|~)\s*"
            r"(?P<y2>(?:19|20)\d\d)\.(?P<m2>\d{1,2})\.(?P<d2>\d{1,2})",
        ),
        ("day", rf"{_Y}\s*年\s*(?P<m>{_N})\s*月\s*(?P<d>{_N})\s*[日号]"),
        ("day", r"(?P<y>(?:19|20)\d\d)[.\-/](?P<m>\d{1,2})[.\-/](?P<d>\d{1,2})"),
        ("part", rf"{_Y}\s*年\s*(?P<m>{_N})\s*月\s*(?:份)?(?P<part>上旬|中旬|下旬|初|底|末)"),
        ("month", rf"{_Y}\s*年\s*(?P<m>{_N})\s*月(?:份)?"),
        ("day", rf"(?P<m>{_N})\s*月\s*(?P<d>{_N})\s*[日号]"),
        ("part", rf"(?P<m>{_N})\s*月\s*(?:份)?(?P<part>上旬|中旬|下旬|初|底|末)"),
        ("months", rf"(?:{_Y}\s*年\s*)?(?P<m1>{_N}|元)\s*(?:-|—|–|~|至)\s*(?P<m>{_N})\s*月份?"),
        ("month", rf"(?P<m>{_N})\s*月份?"),
        ("half", rf"(?:{_Y}\s*年\s*)?(?P<h>上半年|下半年)"),
        ("quarter", rf"(?:{_Y}\s*年\s*)?第?(?P<q>[一二三四1-4])\s*季度(?:末|底)?"),
        ("years", r"(?P<y>(?:19|20)\d\d)\s*(?:-|—|–|~|至)\s*(?P<y2>(?:19|20)\d\d)\s*年"),
        ("year", rf"{_Y}\s*年\s*(?:底|末|内|度)?"),
        ("year", r"(?P<word>年底|年末|年内|年度内|全年|今年)"),
    )
)
# fmt: on
# Every form above needs one of these: most cells without one are skipped at once.
_MAY_HOLD_A_DATE = re.compile(r"[年月季]|(?:19|20)\d\d[.\-/]")
_PARTS = {
    "上旬": (1, 10),
    "初": (1, 10),
    "中旬": (11, 20),
    "下旬": (21, 31),
    "底": (21, 31),
    "末": (21, 31),
}
# How close (characters) a cue word must follow a date to speak of it.
CUE_DISTANCE = 3


@dataclass(frozen=True)
class DateCues:
    """Words around a date that say what it is (vocab/progress.toml, [dates])."""

    due_after: re.Pattern[str]
    due_before: re.Pattern[str]
    starts_after: re.Pattern[str]
    as_of_before: re.Pattern[str]


def _words(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def cues() -> DateCues:
    data = table("progress")["dates"]
    return DateCues(
        due_after=re.compile(rf"^.{{0,{CUE_DISTANCE}}}(?:{_words(data['due_after'])})"),
        due_before=re.compile(rf"(?:{_words(data['due_before'])})\s*$"),
        starts_after=re.compile(rf"^.{{0,{CUE_DISTANCE}}}(?:{_words(data['starts_after'])})"),
        as_of_before=re.compile(rf"(?:{_words(data['as_of_before'])})\s*$"),
    )


@dataclass(frozen=True, slots=True)
class DateRef:
    start: date
    end: date
    precision: str  # day, month, part_of_month, quarter, half, year
    raw: str
    span: tuple[int, int]


def find_dates(cell: str, year: int | None) -> list[DateRef]:
    """Every date in a cell, in order. `year` fills in dates written without one."""
    if not cell:
        return []
    text = to_simplified(cell)
    if len(text) != len(cell):
        text = cell
    if not _MAY_HOLD_A_DATE.search(text):
        return []
    return _scan(text, year, cell)


def _scan(text: str, year: int | None, cell: str) -> list[DateRef]:
    taken: set[int] = set()
    found: list[DateRef] = []
    for kind, pattern in FORMS:
        for match in pattern.finditer(text):
            span = set(range(match.start(), match.end()))
            if span & taken:
                continue
            ref = _to_ref(kind, match, year, cell)
            if ref is not None:
                found.append(ref)
            # An impossible date (2月30日) is still a date: no shorter form may reread it.
            if ref is not None or kind in ("day", "day_range"):
                taken |= span
    return sorted(found, key=lambda r: r.span)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


Span = tuple[date, date, str]  # first day, last day, precision


def _day_range(m: re.Match[str], year: int) -> Span | None:
    start = date(year, int(m["m"]), int(m["d"]))
    end = date(int(m["y2"]), int(m["m2"]), int(m["d2"]))
    return (start, end, "day") if start <= end else None


def _years(m: re.Match[str], year: int) -> Span | None:
    first, last = int(m["y"]), int(m["y2"])
    return (date(first, 1, 1), date(last, 12, 31), "year") if first <= last else None


def _year(m: re.Match[str], year: int) -> Span | None:
    return date(year, 1, 1), date(year, 12, 31), "year"


def _half(m: re.Match[str], year: int) -> Span | None:
    first, last = (7, 12) if m["h"] == "下半年" else (1, 6)
    return date(year, first, 1), _month_end(year, last), "half"


def _quarter(m: re.Match[str], year: int) -> Span | None:
    q = parse_int(m["q"])
    if q is None or not 1 <= q <= 4:
        return None
    return date(year, 3 * q - 2, 1), _month_end(year, 3 * q), "quarter"


def _month(m: re.Match[str], year: int) -> Span | None:
    month = parse_int(m["m"])
    return None if month is None else (date(year, month, 1), _month_end(year, month), "month")


def _months(m: re.Match[str], year: int) -> Span | None:
    month = parse_int(m["m"])
    first = 1 if m["m1"] == "元" else parse_int(m["m1"])
    if month is None or first is None or first > month:
        return None
    return date(year, first, 1), _month_end(year, month), "month"


def _part(m: re.Match[str], year: int) -> Span | None:
    month = parse_int(m["m"])
    if month is None:
        return None
    first, last = _PARTS[m["part"]]
    end = _month_end(year, month)
    last_day = min(end, date(year, month, min(last, end.day)))
    return date(year, month, first), last_day, "part_of_month"


def _day(m: re.Match[str], year: int) -> Span | None:
    month, day = parse_int(m["m"]), parse_int(m["d"])
    if month is None or day is None:
        return None
    when = date(year, month, day)
    return when, when, "day"


# How each form of `FORMS` becomes a span of days.
_SPANS: dict[str, Callable[[re.Match[str], int], Span | None]] = {
    "day_range": _day_range,
    "years": _years,
    "year": _year,
    "half": _half,
    "quarter": _quarter,
    "month": _month,
    "months": _months,
    "part": _part,
    "day": _day,
}


def _to_ref(kind: str, m: re.Match[str], default_year: int | None, cell: str) -> DateRef | None:
    year = int(m["y"]) if m.groupdict().get("y") else default_year
    if year is None:
        return None
    try:
        span = _SPANS[kind](m, year)
    except ValueError:  # 2月30日, 13月
        return None
    if span is None:
        return None
    start, end, precision = span
    return DateRef(start, end, precision, cell[m.start() : m.end()], (m.start(), m.end()))


def _context(cell: str, ref: DateRef) -> tuple[str, str]:
    text = to_simplified(cell)
    return text[max(0, ref.span[0] - 6) : ref.span[0]], text[ref.span[1] : ref.span[1] + 12]


def deadline_of(
    target: str | None, year: int | None, refs: Sequence[DateRef] | None = None
) -> DateRef | None:
    """The date a target is due: the first date followed by a completion word (完工, 完成, 前 …)
    or preceded by 预计/力争/确保; else the first date that is not a start date."""
    if not target:
        return None
    refs = find_dates(target, year) if refs is None else refs
    for ref in refs:
        before, after = _context(target, ref)
        if cues().due_after.match(after) or cues().due_before.search(before):
            return ref
    return next((r for r in refs if not cues().starts_after.match(_context(target, r)[1])), None)


def as_of_of(
    progress: str | None, year: int | None, refs: Sequence[DateRef] | None = None
) -> DateRef | None:
    """The date a progress cell reports at: 截至6月份, 截止到6月底, 截至2024年二季度."""
    if not progress:
        return None
    for ref in find_dates(progress, year) if refs is None else refs:
        before, _ = _context(progress, ref)
        if cues().as_of_before.search(before):
            return ref
    return None
