"""What each figure of a cell stands for (the `role` of a measure): 总投资1.2亿元 is the project's
total investment, 年内计划投资1500万元 this year's plan, 累计发放救助资金2954万元 money spent,
起付标准由500元…降低至200元 a threshold.

Read from cue words before the figure in its clause, or right after it (`vocab/roles.toml`); a
figure without a cue takes the default of its cell and dimension. Pure functions that never
raise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.text.script import match_key
from pipeline.values.quantities import Quantity
from pipeline.vocab import VocabularyError, table

ROLES = (
    "total_investment",
    "annual_plan",
    "completed",
    "target_quantity",
    "achieved_quantity",
    "standard",
    "threshold",
)
_DEFAULTS = ("target", "progress", "money_target", "money_progress", "money_rate")
_MONEY_OF = {"target_quantity": "money_target", "achieved_quantity": "money_progress"}
# Where a clause starts: the cue of a figure is looked for after the last of these.
_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?：:\n]")
# Where the number starts inside a quantity's raw text (after a qualifier: 累计完成投资2.3亿元).
_DIGIT = re.compile(r"[0-9０-９零〇两二三四五六七八九十百千]")
_AFTER_WINDOW = 8  # characters after a figure searched for an `after` cue
_HIDDEN = "\u3000"  # stands in for a not-cue word (same length, never a cue)


@dataclass(frozen=True)
class RoleVocabulary:
    before: dict[str, str]  # match key of a cue -> role
    after: dict[str, str]
    weak: dict[str, str]
    not_cues: tuple[str, ...]  # match keys, longest first
    defaults: dict[str, str]
    # The `before` cues reversed, longest first, as one pattern searched in the reversed
    # window: its first match is the cue that ends last, the longer of two ending together.
    reversed_before: re.Pattern[str] | None = field(default=None, init=False)
    hidden: re.Pattern[str] | None = field(default=None, init=False)  # the not-cues, longest first
    after_cues: re.Pattern[str] | None = field(default=None, init=False)  # longest first

    def __post_init__(self) -> None:
        cues = sorted(self.before, key=len, reverse=True)
        for name, words in (
            ("reversed_before", [c[::-1] for c in cues]),
            ("hidden", self.not_cues),
            ("after_cues", sorted(self.after, key=len, reverse=True)),
        ):
            pattern = "|".join(map(re.escape, words))
            object.__setattr__(self, name, re.compile(pattern) if pattern else None)


def compile_roles(data: dict[str, Any]) -> RoleVocabulary:
    """The parsed `roles.toml` compiled; a cue listed under two roles, or an unknown role, is a
    VocabularyError."""
    seen: dict[str, str] = {}
    kinds: dict[str, dict[str, str]] = {"before": {}, "after": {}, "weak": {}}
    for role, spec in data["roles"].items():
        if role not in ROLES:
            raise VocabularyError(f"roles.toml: unknown role {role!r}")
        for kind, cues in kinds.items():
            for word in spec.get(kind, []):
                key = match_key(word)
                if seen.setdefault(key, role) != role:
                    raise VocabularyError(f"roles.toml: {word!r} is listed under two roles")
                cues[key] = role
    defaults, not_cues = data["defaults"], data["not_cues"]["words"]
    if missing := [k for k in _DEFAULTS if defaults.get(k) not in ROLES]:
        raise VocabularyError(f"roles.toml: [defaults] lacks a role for {', '.join(missing)}")
    return RoleVocabulary(
        before=kinds["before"],
        after=kinds["after"],
        weak=kinds["weak"],
        not_cues=tuple(sorted((match_key(w) for w in not_cues), key=len, reverse=True)),
        defaults={k: str(defaults[k]) for k in _DEFAULTS},
    )


@functools.cache
def role_vocabulary() -> RoleVocabulary:
    return compile_roles(table("roles"))


def roles_of(cell: str, field: str, quantities: Sequence[Quantity]) -> tuple[str, ...]:
    """The role of each quantity of `cell` (its `field` is target or progress), in order."""
    vocab = role_vocabulary()
    roles = []
    for index, quantity in enumerate(quantities):
        window = _window(cell, quantities, index, vocab.hidden)
        role = _nearest(window, functools.partial(_following, cell, quantity), vocab)
        if role is None and _is_money(quantity):
            role = _last_cue(window, vocab.weak)
        roles.append(_for_money(role, quantity, vocab) or _default(field, quantity, vocab))
    return tuple(roles)


def _for_money(role: str | None, quantity: Quantity, vocab: RoleVocabulary) -> str | None:
    """Money reads a quantity role as the plan or the spending it stands for."""
    if role in _MONEY_OF and _is_money(quantity):
        return vocab.defaults[_MONEY_OF[role]]
    return role


def _window(
    cell: str, quantities: Sequence[Quantity], index: int, hidden: re.Pattern[str] | None
) -> str:
    """The match key of the text a cue of quantity `index` may stand in: its clause before the
    number, from after the last figure of another dimension."""
    quantity = quantities[index]
    start = 0
    for before in quantities[:index]:
        if before.dimension != quantity.dimension:
            start = max(start, before.end)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(cell, start, quantity.start)]
    start = max([start, *breaks])
    number = _DIGIT.search(quantity.raw)
    lead = quantity.raw[: number.start()] if number else ""
    return _hide(match_key(cell[start : quantity.start] + lead), hidden)


def _hide(key: str, not_cues: re.Pattern[str] | None) -> str:
    if not_cues is None:
        return key
    return not_cues.sub(lambda found: _HIDDEN * len(found[0]), key)


def _following(cell: str, quantity: Quantity) -> str:
    return match_key(cell[quantity.end : quantity.end + _AFTER_WINDOW])


def _nearest(window: str, following: Callable[[], str], vocab: RoleVocabulary) -> str | None:
    """The role of the cue closest to the figure: the latest-ending cue before it (the longer
    of two ending together); a cue right after the figure wins unless one ends right before
    it."""
    best: tuple[int, str] | None = None  # (end, role)
    found = vocab.reversed_before.search(window[::-1]) if vocab.reversed_before else None
    if found is not None:
        best = (len(window) - found.start(), vocab.before[found[0][::-1]])
    if best is not None and best[0] == len(window):
        return best[1]  # a cue right before the figure: nothing after it can win
    after = vocab.after_cues.match(following()) if vocab.after_cues else None
    if after is not None:
        return vocab.after[after[0]]
    return best[1] if best else None


def _last_cue(window: str, cues: dict[str, str]) -> str | None:
    found = [(window.rfind(cue) + len(cue), role) for cue, role in cues.items() if cue in window]
    return max(found)[1] if found else None


def _is_money(quantity: Quantity) -> bool:
    return (quantity.dimension or "").startswith("money")


def _default(field: str, quantity: Quantity, vocab: RoleVocabulary) -> str:
    if _is_money(quantity):
        if "_per_" in (quantity.dimension or ""):
            return vocab.defaults["money_rate"]
        return vocab.defaults["money_target" if field == "target" else "money_progress"]
    return vocab.defaults["target" if field == "target" else "progress"]
