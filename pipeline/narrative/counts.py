"""Summary counts in the narrative: "30项…,6项已完成,18项按计划推进,6项进展较为缓慢" as the
declared total and the count (and share) per status, recorded as stated, never corrected.

Best effort, never raises. The words are vocab/counts.toml; the statuses vocab/statuses.toml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.text.numerals import NUMERAL_CHARS, parse_int
from pipeline.text.script import to_simplified
from pipeline.values.responsible import organisation_suffixes
from pipeline.values.status import status_in_text
from pipeline.vocab import table

_PARENTHESISED = re.compile(r"[(（][^()（）]*[)）]")
_CLAUSE_SPLIT = re.compile(r"[，,；;。：:！!？?\n]")
# A share in percent: 已完成的占20%, 按序时推进的项目占比60%
_SHARE = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")


@dataclass(frozen=True)
class CountWords:
    count_pattern: re.Pattern[str]
    total_markers: tuple[str, ...]
    unit_breakdown: re.Pattern[str]


@functools.cache
def words() -> CountWords:
    data = table("counts")
    classifiers = sorted(data["classifiers"], key=len, reverse=True)
    suffixes = "|".join(sorted(map(re.escape, organisation_suffixes()), key=len, reverse=True))
    verbs = "|".join(map(re.escape, data["unit_breakdown_verbs"]))
    return CountWords(
        count_pattern=re.compile(
            rf"(?P<n>[{NUMERAL_CHARS}]+)\s*(?:{'|'.join(map(re.escape, classifiers))})"
        ),
        total_markers=tuple(data["total_markers"]),
        unit_breakdown=re.compile(rf"[\u4e00-\u9fff]{{1,10}}(?:{suffixes})(?:{verbs})"),
    )


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


def _is_breakdown(clause: str) -> bool:
    return words().unit_breakdown.search(clause) is not None


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
