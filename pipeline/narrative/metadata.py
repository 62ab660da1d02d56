"""Read bulletin metadata and summary counts from the narrative paragraphs.

Everything here is best effort and never raises: a value that cannot be found is None, and the
validator reports what is missing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from pipeline.narrative.periods import parse_date
from pipeline.text.numerals import NUMERAL_CHARS, parse_int
from pipeline.text.script import fold_whitespace, to_simplified
from pipeline.values.responsible import organisation_suffixes
from pipeline.values.status import status_in_text
from pipeline.vocab import table

# Lines longer than this are sentences, not titles, issuers or dates.
MAX_TITLE_CHARS = 80
MAX_ISSUER_CHARS = 40
_SENTENCE_END = tuple("。，,;；:：")
_ATTACHMENT = re.compile(r"^附\s*件\s*[\d一二三四五六七八九十]*\s*[:：]?\s*")
_PARENTHESISED = re.compile(r"[(（][^()（）]*[)）]")
_CLAUSE_SPLIT = re.compile(r"[，,；;。：:！!？?\n]")
# A clause about what one unit leads (卫健局牵头的2项): a subset of the items, not part of
# the breakdown. The unit is recognised by the suffixes in vocab/organisations.toml.
BREAKDOWN_VERBS = ("牵头", "负责", "承担", "承办")
# A share in percent: 已完成的占20%, 按序时推进的项目占比60%
_SHARE = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:19|20)\d\d|[二][〇○零][{NUMERAL_CHARS}]{{2}})\s*(?:年|\.|-|/)[\s{NUMERAL_CHARS}月日号./-]+$"
)


@dataclass(frozen=True)
class NarrativeWords:
    issuer_suffixes: tuple[str, ...]
    region_pattern: re.Pattern[str]
    title_keywords: tuple[str, ...]
    count_pattern: re.Pattern[str]
    total_markers: tuple[str, ...]


@functools.cache
def words() -> NarrativeWords:
    data = table("narrative")
    classifiers = sorted(data["count_classifiers"], key=len, reverse=True)
    regions = "|".join(sorted(map(re.escape, data["region_suffixes"]), key=len, reverse=True))
    return NarrativeWords(
        issuer_suffixes=tuple(sorted(data["issuer_suffixes"], key=len, reverse=True)),
        region_pattern=re.compile(rf"^(.{{2,12}}?(?:{regions}))"),
        title_keywords=tuple(data["title_keywords"]),
        count_pattern=re.compile(
            rf"(?P<n>[{NUMERAL_CHARS}]+)\s*(?:{'|'.join(map(re.escape, classifiers))})"
        ),
        total_markers=tuple(data["total_markers"]),
    )


def is_date_line(text: str) -> bool:
    return bool(_DATE_LINE.match(text)) and parse_date(text) is not None


def is_issuer_line(text: str) -> bool:
    simplified = to_simplified(fold_whitespace(text))
    return (
        len(simplified) <= MAX_ISSUER_CHARS
        and not simplified.endswith(_SENTENCE_END)
        and simplified.endswith(words().issuer_suffixes)
    )


def find_issue_date(paragraphs: Sequence[str]) -> tuple[date | None, int | None]:
    """The date of issue: a line that is only a date. (date, index of that line)."""
    for index, text in enumerate(paragraphs):
        if is_date_line(text):
            return parse_date(text), index
    return None, None


def find_issuer(paragraphs: Sequence[str], date_index: int | None) -> str | None:
    """The issuing office: preferably the line just above the date line."""
    if date_index is not None and date_index > 0 and is_issuer_line(paragraphs[date_index - 1]):
        return fold_whitespace(paragraphs[date_index - 1])
    for text in paragraphs:
        if is_issuer_line(text):
            return fold_whitespace(text)
    return None


def region_of(text: str | None) -> str | None:
    """The region at the start of an issuer or title: 棲霞市人民政府辦公室 -> 棲霞市."""
    if not text:
        return None
    # Match on the Simplified form, return the same span of the source characters.
    match = words().region_pattern.match(to_simplified(text))
    return text[: match.end()] if match else None


def looks_like_title(text: str) -> bool:
    simplified = to_simplified(text)
    return (
        len(simplified) <= MAX_TITLE_CHARS
        and not simplified.endswith(_SENTENCE_END)
        and not _ATTACHMENT.match(simplified)
        and not is_date_line(text)
        and not is_issuer_line(text)
        and any(word in simplified for word in words().title_keywords)
    )


def strip_attachment_prefix(text: str) -> str:
    """附件1:2024年…情况表 -> 2024年…情况表."""
    return _ATTACHMENT.sub("", text).strip()


def is_bare_attachment_mark(text: str) -> bool:
    """附件, 附件2: a label on a line of its own."""
    return not strip_attachment_prefix(text) and bool(_ATTACHMENT.match(text))


@dataclass(frozen=True)
class SummaryCounts:
    total: int | None
    counts: dict[str, int]  # status -> count, as stated
    paragraph: int | None  # index of the paragraph they were read from
    shares: dict[str, float] = field(default_factory=dict)  # status -> percent, as stated


def find_summary_counts(paragraphs: Sequence[str]) -> SummaryCounts:
    """Counts such as "30项…,6项已完成,18项按计划推进,6项进展较为缓慢" from the first paragraph
    that states counts per status. Recorded as stated: never forced to add up."""
    for index, text in enumerate(paragraphs):
        total, counts, shares = _counts_in(text)
        if counts or shares:
            return SummaryCounts(total, counts, index, shares)
    return SummaryCounts(None, {}, None)


@functools.cache
def _breakdown_pattern() -> re.Pattern[str]:
    suffixes = "|".join(sorted(map(re.escape, organisation_suffixes()), key=len, reverse=True))
    verbs = "|".join(BREAKDOWN_VERBS)
    return re.compile(rf"[\u4e00-\u9fff]{{1,10}}(?:{suffixes})(?:{verbs})")


def _is_breakdown(clause: str) -> bool:
    return _breakdown_pattern().search(clause) is not None


def _without_parentheses(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _PARENTHESISED.sub("", text)
    return text


def _counts_in(text: str) -> tuple[int | None, dict[str, int], dict[str, float]]:
    """(total, counts per status, shares per status) stated in one paragraph. With nested
    units (共10类30项), the last and finest count is the one that counts items."""
    vocab = words()
    plain = _without_parentheses(to_simplified(text))
    total: int | None = None
    counts: dict[str, int] = {}
    shares: dict[str, float] = {}
    for clause in _CLAUSE_SPLIT.split(plain):
        share = _SHARE.search(clause)
        if share:
            found = status_in_text(clause[: share.start()] + clause[share.end() :])
            if found is not None:
                shares[found[1]] = shares.get(found[1], 0.0) + float(share.group(1))
            continue
        matches = list(vocab.count_pattern.finditer(clause))
        if not matches or _is_breakdown(clause):
            continue  # no count, or a breakdown by unit (卫健局牵头的2项均已完成): a subset
        match = matches[-1]
        number = parse_int(match["n"])
        if number is None:
            continue
        rest = clause[: matches[0].start()] + clause[match.end() :]
        found = status_in_text(rest)
        if found is not None:
            _, status = found
            counts[status] = counts.get(status, 0) + number
        elif total is None and (not counts or any(m in clause for m in vocab.total_markers)):
            total = number
    return total, counts, shares
