"""Projects followed across the bulletins of one programme: which item of a bulletin is which
item of the bulletin before.

Each pair of consecutive bulletins (ordered by period_end, then issued_on) is an assignment
problem: every item of the earlier one against every item of the later one, scored by

- the names: 1 when their name_norm is equal, else the larger of the Dice overlaps of their
  jieba tokens and of their character pairs (a 续建 suffix, a changed character, a word added);
- the targets: the Dice overlap of their character pairs (a renamed item keeps its target);
- the numbers: 1 when seq is the same (a renumbered list still links by name and target).

The weights: names 0.6, targets 0.25, numbers 0.15; for short names (up to `SHORT_NAME`
characters, where a shared word says little) names 0.45, targets 0.4; without a target on
either side names 0.8, numbers 0.2. The pairs of least total cost (1 - score) are found
together (`pipeline.output.assignment`), so that no item takes another's match and no two
items of one bulletin share a project; a pair scoring under `THRESHOLD` is no link. An item
linked takes the project_key of the item it is linked to; an item unlinked starts a new one,
its own item_id.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.output.assignment import assign
from pipeline.values.sectors import tokens

THRESHOLD = 0.5
SHORT_NAME = 6
_TARGET_CHARS = 300  # the start of a target: enough to tell two targets apart


@dataclass(frozen=True, slots=True)
class Entry:
    """What linking reads of an item."""

    item_id: str
    seq: int | None
    name_norm: str
    target: str | None


@dataclass(frozen=True, slots=True)
class Link:
    project_key: str
    rule: str  # same_name, similar_name, same_target; new
    confidence: float | None
    previous: int | None  # the index of the item linked to, in the bulletin before


def link_programme(bulletins: Sequence[Sequence[Entry]]) -> list[list[Link]]:
    """The links of each item of each bulletin of a programme, the bulletins in order."""
    result: list[list[Link]] = []
    before: Sequence[Entry] = ()
    for entries in bulletins:
        pairs = _match(before, entries)
        links = []
        for j, entry in enumerate(entries):
            if j in pairs:
                i, score, rule = pairs[j]
                links.append(Link(result[-1][i].project_key, rule, round(score, 3), i))
            else:
                links.append(Link(entry.item_id, "new", None, None))
        result.append(links)
        before = entries
    return result


def _match(before: Sequence[Entry], after: Sequence[Entry]) -> dict[int, tuple[int, float, str]]:
    """The item of `before` each item of `after` is linked to, with the score and the rule."""
    if not before or not after:
        return {}
    scores = [[score(a, b) for b in after] for a in before]
    cost = [[1.0 - s if s >= THRESHOLD else 1.0 for s, _ in row] for row in scores]
    pairs = {}
    for i, j in enumerate(assign(cost)):
        if j >= 0 and scores[i][j][0] >= THRESHOLD:
            pairs[j] = (i, *scores[i][j])
    return pairs


def score(a: Entry, b: Entry) -> tuple[float, str]:
    """How alike two items are (module docstring), and the rule a link between them follows."""
    name = 1.0 if a.name_norm == b.name_norm else _name_overlap(a.name_norm, b.name_norm)
    seq = 1.0 if a.seq is not None and a.seq == b.seq else 0.0
    if not a.target or not b.target:
        value = 0.8 * name + 0.2 * seq
    else:
        target = _dice(_pairs(a.target[:_TARGET_CHARS]), _pairs(b.target[:_TARGET_CHARS]))
        short = min(len(a.name_norm), len(b.name_norm)) <= SHORT_NAME
        value = (0.45 if short else 0.6) * name + (0.4 if short else 0.25) * target
        value += 0.15 * seq
    if name == 1.0:
        rule = "same_name"
    elif name >= 0.5:
        rule = "similar_name"
    else:
        rule = "same_target"
    return min(value, 1.0), rule


def _name_overlap(first: str, second: str) -> float:
    return max(_dice(_words(first), _words(second)), _dice(_pairs(first), _pairs(second)))


@functools.lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    """The jieba tokens of a name, punctuation left out."""
    return frozenset(t for t in tokens(text) if any(c.isalnum() for c in t))


@functools.lru_cache(maxsize=65536)
def _pairs(text: str) -> frozenset[str]:
    """The character pairs of a text (its only character for a one-character text)."""
    chars = [c for c in text if c.isalnum()]
    if len(chars) < 2:
        return frozenset(chars)
    return frozenset(a + b for a, b in itertools.pairwise(chars))


def _dice(first: frozenset[str], second: frozenset[str]) -> float:
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))
