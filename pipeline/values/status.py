"""Normalise raw completion labels to the canonical status enum (vocab/statuses.toml).

Pure functions that never raise: an unknown label gives None and the caller records `unknown`
with a finding.
"""

from __future__ import annotations

import functools
import re

from pipeline.text.script import match_key
from pipeline.vocab import lookup, statuses

# The first clause of a progress cell, where a status is sometimes written (已完成。…).
_FIRST_CLAUSE = re.compile(r"^\s*([^。，,；;：:（(\n]{1,12})[。，,；;：:（(\n]")


def status_of_label(raw: str) -> str | None:
    """The canonical status of a whole label (a status cell), or None; a label the vocabulary
    knows after a negation is its opposite (未按序时完成: behind)."""
    key = match_key(raw)
    if not key:
        return None
    vocab = statuses()
    found = lookup(key, vocab.exact, vocab.patterns)
    negation = next((n for n in vocab.negations if key.startswith(n)), None)
    if found is None and negation and len(key) > len(negation):
        denied = lookup(key[len(negation) :], vocab.exact, vocab.patterns)
        return vocab.opposites.get(denied) if denied else None
    return found


def _as_said(key: str, start: int, status: str) -> str | None:
    """The status a label found at `start` of `key` states: its opposite right after a
    negation (未达时序进度), or None when it has no opposite."""
    vocab = statuses()
    before = key[:start]
    gap = next((word for word in vocab.negation_gap if before.endswith(word)), "")
    if not before[: len(before) - len(gap)].endswith(vocab.negations):
        return status
    return vocab.opposites.get(status)


def status_in_text(text: str) -> tuple[str, str] | None:
    """The longest status label or pattern match found *inside* a phrase (narrative clauses):
    (label, status). Longest wins, so 未完成年度任务 is not read as 完成年度任务."""
    key = match_key(text)
    vocab = statuses()
    candidates: list[tuple[str, str | None]] = []
    for pattern, status in vocab.text_patterns:
        match = pattern.search(key)
        if match:
            candidates.append((match.group(0), _as_said(key, match.start(), status)))
    # phrases are sorted longest first: the first hit is the longest label
    phrase = next(((label, s) for label, s in vocab.phrases if label in key), None)
    if phrase is not None:
        candidates.append((phrase[0], _as_said(key, key.find(phrase[0]), phrase[1])))
    longest = max(candidates, key=lambda c: len(c[0]), default=None)
    return (longest[0], longest[1]) if longest and longest[1] else None


@functools.cache
def _phrases() -> re.Pattern[str]:
    """Every label of two or more characters, longest first: at any position, the longest."""
    return re.compile("|".join(re.escape(label) for label, _ in statuses().phrases))


def first_status(key: str, start: int = 0) -> tuple[int, int, str] | None:
    """The first status label or pattern in `key` (a match key) at or after `start`, the longest
    of those that start there: (start, end, status). The first state of a phrase that names
    two (提前完成或超额完成 -> ahead), and 未完成年度任务 rather than the 完成年度任务 inside it."""
    vocab = statuses()
    found: list[tuple[int, int, str]] = []
    phrase = _phrases().search(key, start)
    if phrase is not None:
        found.append((phrase.start(), phrase.end(), vocab.exact[phrase.group(0)]))
    for pattern, status in vocab.text_patterns:
        match = pattern.search(key, start)
        if match is not None and match.end() > match.start():
            found.append((match.start(), match.end(), status))
    first = min(found, key=lambda f: (f[0], -f[1]), default=None)
    if first is None:
        return None
    said = _as_said(key, first[0], first[2])
    return (first[0], first[1], said) if said else first_status(key, first[1])


def status_of_progress(progress: str) -> tuple[str, str] | None:
    """A status written as the first clause of a progress cell (已完成。…): (label, status)."""
    match = _FIRST_CLAUSE.match(progress)
    if not match:
        return None
    status = status_of_label(match.group(1))
    return (match.group(1), status) if status else None


def status_of_yes_no(raw: str, *, yes_means: str) -> str | None:
    """A yes/no answer in a column such as 是否达序 (yes_means='on_track') or 进度是否滞后
    (yes_means='behind')."""
    key = match_key(raw).lower()
    vocab = statuses()
    opposite = "behind" if yes_means == "on_track" else "on_track"
    if key in vocab.yes:
        return yes_means
    if key in vocab.no:
        return opposite
    return None
