"""Read bulletin metadata from the narrative paragraphs: title, issuer, region, issue date
(the summary counts are `counts.py`).

Everything here is best effort and never raises: a value that cannot be found is None, and the
validator reports what is missing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.narrative.periods import parse_date, safe_date
from pipeline.text.numerals import NUMERAL_CHARS
from pipeline.text.patterns import any_of, spaced
from pipeline.text.script import fold_whitespace, to_simplified
from pipeline.values.status import status_in_text
from pipeline.vocab import table

# Lines longer than this are sentences, not titles, issuers or dates.
MAX_TITLE_CHARS = 80
MAX_ISSUER_CHARS = 40
# An issuer and its date on one line (某某督查室 二○一五年十月九日) are at most this long.
MAX_SIGNED_LINE_CHARS = MAX_ISSUER_CHARS + 20
MAX_STAMP_LINE_CHARS = 120
# A date followed by a time of day: when a web page was published (2020/08/12/ 14:37 too).
_STAMP = re.compile(
    r"(?<!\d)(?:19|20)\d\d\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*[日/]?\s*\d{1,2}[:：]\d{2}(?!\d)"
)
# A whole date at the end of a line, after a space (某某督查室 二○一五年十月九日).
_DATE_TAIL = re.compile(
    rf"(?<=\s)(?:(?:19|20)\d\d|[二][〇○零][{NUMERAL_CHARS}]{{2}})\s*年\s*[{NUMERAL_CHARS}]{{1,2}}\s*月"
    rf"\s*[{NUMERAL_CHARS}]{{1,3}}\s*[日号]\s*$"
)
# A whole date written with dashes (2021-05-04): on a short line with a word of page metadata
# (时间:, 发布日期, 来源, 阅读量), when the page was published.
_DASHED_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d-\d{1,2}-\d{1,2}(?!\d)")
_SENTENCE_END = tuple("。，,;；:：")
_SENTENCE_END_INSIDE = re.compile(r"[。，,;；:：\s]")
_SECONDS = re.compile(r"^[:：]\d{2}")  # a stamp's seconds, after its hours and minutes
# A time of day after a date (2023年03月14日 09:36:21): a web page's time stamp.
_TIME_OF_DAY = re.compile(r"\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")
# A post's byline at the top of the page: its account's name, then the dashed date (网信湛江
# 2022-10-08), within the first lines.
_BYLINE = re.compile(r"^\s*([\u4e00-\u9fff]{2,12})\s+((?:19|20)\d\d-\d{1,2}-\d{1,2})\s*$")
MAX_BYLINE_INDEX = 8
# A date line written day first with dots (03.07.2015), perhaps with its time of day.
_DAY_FIRST = re.compile(
    r"^\s*(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)(?:\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*$"
)
# A date over lines of its own (2024 / 08/26 / 07:33): the year's line, then month/day.
_YEAR_LINE = re.compile(r"(?:19|20)\d\d")
_MONTH_DAY_LINE = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})")
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:19|20)\d\d|[二][〇○零][{NUMERAL_CHARS}]{{2}})\s*(?:年|\.|-|/)[\s{NUMERAL_CHARS}月日号./-]+$"
)


@dataclass(frozen=True)
class NarrativeWords:
    issuer_suffixes: tuple[str, ...]
    office_endings: tuple[str, ...]  # the endings of any office's name ([office] endings)
    region_pattern: re.Pattern[str]
    region_not_names: tuple[str, ...]
    region_not_first: tuple[str, ...]
    title_openers: tuple[str, ...]
    title_keywords: tuple[str, ...]
    title_programme_words: tuple[str, ...]
    min_programme_title_chars: int
    attachment: re.Pattern[str]
    stamp_words: tuple[str, ...]
    byline_not_names: tuple[str, ...]
    weekday: re.Pattern[str]
    source_label: re.Pattern[str]
    breadcrumb: re.Pattern[str]  # a page's navigation trail: 首页 > 政务公开 > …
    leading_bullet: re.Pattern[str]  # a list bullet opening a line (• 2020-08-08)


@functools.cache
def words() -> NarrativeWords:
    data = table("narrative")
    regions = "|".join(sorted(map(re.escape, data["region_suffixes"]), key=len, reverse=True))
    marks = "|".join(spaced(w) for w in sorted(data["attachment_marks"], key=len, reverse=True))
    return NarrativeWords(
        issuer_suffixes=tuple(sorted(data["issuer_suffixes"], key=len, reverse=True)),
        office_endings=tuple(data["office"]["endings"]),
        region_pattern=re.compile(rf"^([\u4e00-\u9fff]{{2,12}}?(?:{regions}))"),
        region_not_names=tuple(data["region_not_names"]),
        region_not_first=tuple(data["region_not_first"]),
        title_openers=tuple(data["title_openers"]),
        title_keywords=tuple(data["title_keywords"]),
        title_programme_words=tuple(data["title_programme_words"]),
        min_programme_title_chars=int(data["min_programme_title_chars"]),
        attachment=re.compile(rf"^(?:{marks})\s*[\d一二三四五六七八九十]*\s*[:：]?\s*"),
        stamp_words=tuple(data["stamp_words"]),
        byline_not_names=tuple(data["byline_not_names"]),
        source_label=re.compile(rf"^.*(?:{any_of(data['source_labels'])})\s*[:：]\s*"),
        weekday=re.compile(
            rf"\s*(?:{'|'.join(map(re.escape, data['weekday_words']))})[一二三四五六日天]\s*$"
        ),
        breadcrumb=re.compile(
            rf"(?:{any_of(data['breadcrumb_separators'])}).*?"
            rf"(?:{any_of(data['breadcrumb_separators'])})"
        ),
        leading_bullet=re.compile(rf"^\s*(?:{any_of(table('counts')['bullets'])})+\s*"),
    )


def is_date_line(text: str) -> bool:
    """A line that is only a date, perhaps with its day of the week (2022年04月27日 星期三)
    or after a list bullet (• 2020-08-08); or a date written day first with dots, perhaps with
    its time (03.07.2015 is 3 July; 12.12.2016 16:13)."""
    return _line_date(text) is not None


def _line_date(text: str) -> date | None:
    """The date of a date line (`is_date_line`), None for any other line."""
    text = _unbulleted(words().weekday.sub("", text))
    return _day_first(text) or (parse_date(text) if _DATE_LINE.match(text) else None)


def _day_first(text: str) -> date | None:
    found = _DAY_FIRST.match(text)
    if found is None:
        return None
    return safe_date(*(int(found[group]) for group in ("y", "m", "d")))


def is_stamp_line(text: str) -> bool:
    """A date line, perhaps with a time of day (2023年03月14日 09:36:21 星期二)."""
    return is_date_line(_TIME_OF_DAY.sub("", text))


def _unbulleted(text: str) -> str:
    return words().leading_bullet.sub("", text)


def _signed_date(text: str) -> tuple[str, date] | None:
    """An issuer and its date on one line (某某督查室 二○一五年十月九日): (issuer, date)."""
    if len(text) > MAX_SIGNED_LINE_CHARS:
        return None
    found = _DATE_TAIL.search(text)
    if found is None or found.start() == 0:
        return None
    issuer = text[: found.start()].strip()
    when = parse_date(found.group(0))
    return (issuer, when) if when is not None and is_issuer_line(issuer) else None


def is_issuer_line(text: str) -> bool:
    simplified = to_simplified(fold_whitespace(text))
    return (
        len(simplified) <= MAX_ISSUER_CHARS
        and not simplified.endswith(_SENTENCE_END)
        and simplified.endswith(words().issuer_suffixes)
    )


def find_issue_date(paragraphs: Sequence[str]) -> tuple[date | None, int | None]:
    """The date of issue: a line that is only a date (date, index of that line); else the
    first publication time stamp of a web page, on a short line a date with its time
    (2019-12-16 16:24:11 | 来源:…, 稿源:…日报 2024-10-23 01:47) or a dashed date with a word
    of page metadata (时间:2021-05-04, (2015-05-28)来源:…): (date, None)."""
    for index, text in enumerate(paragraphs):
        if is_date_line(text):
            return _line_date(text), index
        if (split := _split_date(paragraphs, index)) is not None:
            return split, index
    for text in paragraphs:
        if (signed := _signed_date(text)) is not None:
            return signed[1], None
    stamps = [
        (text, stamp)
        for text in paragraphs
        if len(text) <= MAX_STAMP_LINE_CHARS and (stamp := _stamp(text)) is not None
    ]
    # A stamp labelled as page metadata (发布时间:…) before a bare one (the visit's time
    # stamp a page prints at its top: 2023年03月14日 09:36:21 星期二), then a post's byline.
    labelled = [stamp for text, stamp in stamps if _labelled(text)]
    bylines = [_byline(text) for text in paragraphs[:MAX_BYLINE_INDEX]]
    for stamp in [*labelled, *(stamp for _, stamp in stamps), *filter(None, bylines)]:
        if (found := parse_date(stamp)) is not None:
            return found, None
    return None, None


def _byline(text: str) -> str | None:
    """The date of a post's byline (网信湛江 2022-10-08): an account's name, no word of a state
    or a period in it (not 统计截止 2024-06-30, 计划完工 2023-12-31)."""
    found = _BYLINE.match(text)
    name = to_simplified(found.group(1)) if found else ""
    if found is None or status_in_text(name) or any(w in name for w in words().byline_not_names):
        return None
    return found.group(2)


def _split_date(paragraphs: Sequence[str], index: int) -> date | None:
    """A date a page prints over lines of its own: the year, then month/day (2024 / 08/26,
    a time line after it)."""
    year = _YEAR_LINE.fullmatch(paragraphs[index].strip())
    if year is None or index + 1 >= len(paragraphs):
        return None
    day = _MONTH_DAY_LINE.fullmatch(paragraphs[index + 1].strip())
    return safe_date(int(year[0]), int(day["m"]), int(day["d"])) if day else None


def _labelled(text: str) -> bool:
    simplified = to_simplified(text)
    return any(w in simplified for w in words().stamp_words)


def _stamp(text: str) -> str | None:
    stamp = _STAMP.search(text)
    if stamp is not None:
        return stamp.group(0)
    dashed = _DASHED_DATE.search(text)
    if dashed is not None and _labelled(text):
        return dashed.group(0)
    return None


def find_issuer(
    paragraphs: Sequence[str],
    date_index: int | None,
    published_by: tuple[str | None, str | None] = (None, None),
) -> str | None:
    """The issuing office: preferably the line just above the date line (the signature); then
    the publisher the page's publication data name (`metadata_box.py`: 发布机构); then a line
    that is an office's name, or a line of page metadata (发布时间:… 来源:…) that ends in one;
    then the source the publication data name (来源: 区实事办). `published_by` is (publisher,
    source)."""
    above = paragraphs[date_index - 1] if date_index else ""
    if is_issuer_line(above) or _office_line(above):
        return _issuer_value(above)
    publisher, source = published_by
    if publisher is not None:
        return publisher
    for text in paragraphs:
        if is_issuer_line(text):
            return _issuer_value(text)
        if (signed := _signed_date(text)) is not None:
            return _issuer_value(signed[0])
    return source


def _office_line(text: str) -> bool:
    """A short line that is an office's name (开平市发展和改革局): a signature over its date."""
    simplified = to_simplified(fold_whitespace(text)).strip()
    short = 2 < len(simplified) <= MAX_ISSUER_CHARS and not _SENTENCE_END_INSIDE.search(simplified)
    return short and simplified.endswith(words().office_endings)


def _issuer_value(line: str) -> str:
    """The office of an issuer line, after its source label (發布時間:… 來源:), bullet, or a
    time stamp before it (2016-09-19 10:33:19 某某县人民政府)."""
    folded = _unbulleted(fold_whitespace(line))
    stamp = _STAMP.match(folded)
    after = _SECONDS.sub("", folded[stamp.end() :]).strip() if stamp else ""
    folded = after or folded
    label = words().source_label.match(to_simplified(folded))
    return folded[label.end() :] if label and label.end() < len(folded) else folded


def is_breadcrumb(text: str) -> bool:
    """A page's navigation trail (首页 > 政务公开 > …)."""
    return bool(words().breadcrumb.search(to_simplified(text)))


def looks_like_title(text: str) -> bool:
    simplified = to_simplified(text)
    return (
        len(simplified) <= MAX_TITLE_CHARS
        and not simplified.endswith(_SENTENCE_END)
        and not words().attachment.match(simplified)
        and not is_date_line(text)
        and not is_issuer_line(text)
        and _signed_date(text) is None
        and not words().breadcrumb.search(simplified)
        and (
            any(word in simplified for word in words().title_keywords)
            or (
                len(simplified.strip()) >= words().min_programme_title_chars
                and any(word in simplified for word in words().title_programme_words)
            )
        )
    )


def strip_attachment_prefix(text: str) -> str:
    """附件1:2024年…情况表 -> 2024年…情况表."""
    return words().attachment.sub("", text).strip()


def is_bare_attachment_mark(text: str) -> bool:
    """附件, 附件2: a label on a line of its own."""
    return not strip_attachment_prefix(text) and bool(words().attachment.match(text))
