"""How far an item is: a completion ratio from comparable quantities, and stalled work.

A target figure and a progress figure are paired only when they have the same canonical unit
*and* evidence that they measure the same thing: the progress figure is marked as an achieved
total (目前, 累计, 共计 …) or their contexts share wording, and the progress figure resembles this
target figure more than any other target figure of the cell. "80户 to repair" is thus paired with
"目前已完工27户", not with "已完成80户…现场复核". Rules are in `vocab/progress.toml`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pipeline.text.cache import per_cell
from pipeline.text.script import to_simplified
from pipeline.values.quantities import Quantity
from pipeline.vocab import table

# A pair needs at least this much evidence (marker weight + shared bigrams).
MIN_EVIDENCE = 2
STRONG, WEAK = 4, 2
# A progress figure more than this many times its target measures something else (an all-time
# total against a yearly target: 839 base stations in all, against 100 new this year).
MAX_RATIO = Decimal(2)
_CLAUSE_END = re.compile(r"[，,；;。：:()（）!！?？\n]")
_NOT_WORD_CHARS = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]+")


@dataclass(frozen=True)
class ProgressWords:
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    forecast: tuple[str, ...]
    preparatory: tuple[str, ...]
    should: tuple[str, ...]
    done: tuple[str, ...]
    stalled: tuple[str, ...]


@functools.cache
def words() -> ProgressWords:
    data = table("progress")
    c = data["completion"]
    return ProgressWords(
        strong=tuple(c["strong_markers"]),
        weak=tuple(c["weak_markers"]),
        forecast=tuple(c["forecast"]),
        preparatory=tuple(c["preparatory"]),
        should=tuple(c["should"]),
        done=tuple(c["done"]),
        stalled=tuple(data["stalled"]["phrases"]),
    )


@dataclass(frozen=True)
class Completion:
    ratio: Decimal
    target: Quantity | None  # None when both figures come from the progress cell (应…已…)
    progress: Quantity
    method: str  # target_progress, progress_pair


@dataclass(frozen=True)
class _Seen:
    """A quantity with the words around it."""

    quantity: Quantity
    context: str  # from the clause start or the previous quantity, up to this one
    clause_head: str  # from the clause start up to this one
    clause: str


@per_cell  # target contexts recur with their target cells
def _bigrams(text: str) -> frozenset[str]:
    chars = _NOT_WORD_CHARS.sub("", text)
    return frozenset(chars[i : i + 2] for i in range(len(chars) - 1))


def _seen(cell: str, quantities: Sequence[Quantity]) -> list[_Seen]:
    if not quantities:
        return []
    text = to_simplified(cell)
    breaks = [m.start() for m in _CLAUSE_END.finditer(text)]
    out = []
    previous_end = 0
    for q in quantities:
        before = bisect.bisect_left(breaks, q.start)  # breaks[:before] lie before the quantity
        clause_start = breaks[before - 1] + 1 if before else 0
        after = bisect.bisect_left(breaks, q.end)
        clause_end = breaks[after] if after < len(breaks) else len(text)
        start = max(clause_start, previous_end)
        out.append(
            _Seen(
                q,
                text[start : q.start],
                text[clause_start : q.start],
                text[clause_start:clause_end],
            )
        )
        previous_end = q.end
    return out


def _comparable(q: Quantity) -> bool:
    return q.unit is not None and q.value is not None and q.value > 0


def _marker_weight(head: str) -> int:
    w = words()
    if any(m in head for m in w.strong):
        return STRONG
    if any(m in head for m in w.weak):
        return WEAK
    return 0


def completion_of(
    target: str | None,
    progress: str | None,
    target_quantities: Sequence[Quantity],
    progress_quantities: Sequence[Quantity],
) -> Completion | None:
    """The completion of an item, or None when no figures can honestly be compared."""
    target = target or ""
    targets = list(_target_figures(target, tuple(target_quantities)))
    w = words()
    done = [
        s
        for s in _seen(progress or "", progress_quantities)
        if _comparable(s.quantity)
        and not any(word in s.clause for word in (*w.forecast, *w.preparatory))
    ]
    paired = _pair(targets, done)
    for t in targets:  # the first target figure that found its progress figure
        if id(t) in paired:
            p = paired[id(t)]
            assert t.quantity.value is not None and p.quantity.value is not None
            return Completion(
                p.quantity.value / t.quantity.value, t.quantity, p.quantity, "target_progress"
            )
    return _should_and_done(done)


def _figures(cell: str, quantities: Sequence[Quantity]) -> list[_Seen]:
    return [s for s in _seen(cell, quantities) if _comparable(s.quantity)]


# Target cells recur across an issuer's bulletins: the comparable figures of recent ones are kept.
@per_cell
def _target_figures(cell: str, quantities: tuple[Quantity, ...]) -> tuple[_Seen, ...]:
    return tuple(_figures(cell, quantities))


def _pair(targets: list[_Seen], done: list[_Seen]) -> dict[int, _Seen]:
    """Greedy one-to-one pairing by evidence, best first."""
    grams = {id(s): _bigrams(s.context) for s in targets + done}
    candidates = []
    for p in done:
        same_unit = [t for t in targets if t.quantity.unit == p.quantity.unit]
        if not same_unit:
            continue
        shared = {id(t): len(grams[id(t)] & grams[id(p)]) for t in same_unit}
        best_shared = max(shared.values())
        for t in same_unit:
            if shared[id(t)] < best_shared:
                continue  # p resembles another target figure more
            assert t.quantity.value is not None and p.quantity.value is not None
            if p.quantity.value / t.quantity.value > MAX_RATIO:
                continue
            evidence = _marker_weight(p.clause_head) + shared[id(t)]
            if evidence >= MIN_EVIDENCE:
                candidates.append((evidence, done.index(p), targets.index(t), t, p))
    paired: dict[int, _Seen] = {}
    used: set[int] = set()
    for _, _, _, t, p in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if id(t) in paired or id(p) in used:
            continue
        paired[id(t)] = p
        used.add(id(p))
    return paired


def _should_and_done(done: list[_Seen]) -> Completion | None:
    """应接种860人,已接种801人: both figures in the progress cell."""
    w = words()
    for i, should in enumerate(done):
        if not any(m in should.context for m in w.should):
            continue
        for later in done[i + 1 :]:
            if later.quantity.unit == should.quantity.unit and any(
                m in later.context for m in w.done
            ):
                assert should.quantity.value is not None and later.quantity.value is not None
                return Completion(
                    later.quantity.value / should.quantity.value,
                    None,
                    later.quantity,
                    "progress_pair",
                )
    return None


def stalled_phrase(progress: str | None) -> str | None:
    """The phrase saying work has stopped or cannot proceed (停工, 无法推进 …), or None."""
    if not progress:
        return None
    text = to_simplified(progress)
    return next((phrase for phrase in words().stalled if phrase in text), None)
