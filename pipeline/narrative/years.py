"""Years as pages print them: 2024年, 民国114年, 113年度, 2021《市政府工作报告》; the first one a
text prints, not where a span starts (2013—2017年) nor a full date's (2024年7月10日 says when,
not what period), nor a year compared with or counted from (比2023年, 自2019年, 2019年同期)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.text.numerals import parse_int
from pipeline.text.script import to_simplified
from pipeline.vocab import table

ROC_OFFSET = 1911  # 民國1年 is 1912

# A year as printed in a title or a sentence, or right before a report's name (2021《市政府工作
# 报告》); not the start of a span (2013—2017年) nor of a full date (the issue date,
# 2024年7月10日, says when, not what period).
PRINTED_YEAR = re.compile(
    r"(?<![-—–~至到\d])((?:19|20)\d\d|民[国國]\s*\d{2,3}|1[0-2]\d(?=\s*年度))(?:\s*年|(?=《))"
    r"(?!\s*[-—–~至到]\s*(?:19|20)?\d\d)(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号])"
)

LINE_YEAR = re.compile(r"((?:19|20)\d\d|民[国國]\s*\d{2,3}|(?<!\d)1[0-2]\d(?=\s*年度))\s*年")


def year_number(printed: str) -> int | None:
    """The year a printed year means: 2024, 二〇二四 -> 2024; 民国114, 114 -> 2025."""
    value = parse_int(printed.lstrip("民国國 "))
    if value is not None and value < 1000:
        value += ROC_OFFSET
    return value


def printed_year(text: str) -> int | None:
    """The first year `text` prints (2024年), as `find_period` reads one."""
    return year_in(PRINTED_YEAR, text)


def first_year(texts: Sequence[str]) -> int | None:
    """The first year printed (2024年), not where a span starts (由2007年…为2013年)."""
    for text in texts:
        if (found := year_in(PRINTED_YEAR, text)) is not None:
            return found
    return None


def year_in(pattern: re.Pattern[str], text: str) -> int | None:
    found = _first_printed(pattern, text)
    return year_number(found.group(1)) if found is not None else None


def _first_printed(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return next((m for m in pattern.finditer(text) if _counts_as_printed(text, m)), None)


def _counts_as_printed(text: str, found: re.Match[str]) -> bool:
    """Not a year a span starts from or a year compared with (比2023年, 2019年同期)."""
    starts = tuple(table("periods")["year_from_words"])  # Simplified, as the tables are
    width = max(map(len, starts), default=0)
    compared = tuple(table("periods")["year_compared_after"])
    before = to_simplified(text[max(0, found.start() - width) : found.start()])
    after = to_simplified(text[found.end() : found.end() + 2])
    return not before.endswith(starts) and not after.startswith(compared)


_MONTH_AFTER = re.compile(r"\s*\d{1,2}\s*月")


def first_year_dated(texts: Sequence[str]) -> bool:
    """Whether the first year the texts print comes with its month (于2021年8月获批复): the date
    of an event, not the year of a programme (2022年全市30项民生实事)."""
    for text in texts:
        if (found := _first_printed(PRINTED_YEAR, text)) is not None:
            return _MONTH_AFTER.match(text, found.end()) is not None
    return False
