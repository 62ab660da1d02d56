"""The units table (`vocab/units.toml`) compiled for the quantity reader: units with their
canonical unit, dimension and factor, multipliers, qualifiers and the context words that decide
what a bare number or percent means."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from pipeline.text.patterns import any_of
from pipeline.vocab import table


@dataclass(frozen=True)
class UnitTable:
    units: dict[str, tuple[str, str, Decimal]]
    unit_pattern: re.Pattern[str]
    multipliers: dict[str, Decimal]
    multiplier_pattern: re.Pattern[str]
    needs_multiplier: frozenset[str]
    money_context: tuple[str, ...]
    qualifiers_before: tuple[str, ...]
    qualifier_ending: re.Pattern[str]  # one of qualifiers_before at the end of a text
    long_qualifiers_before: tuple[str, ...]  # those of two characters or more
    qualifiers_after: tuple[str, ...]
    percent_context: tuple[str, ...]
    rate_context: dict[str, str]
    per: dict[str, str]
    per_pattern: re.Pattern[str]  # a marker and a per-unit tail: /人, 每月
    qualifiers_inside: tuple[str, ...]
    name_followers: tuple[str, ...]


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile(any_of(words))


@functools.cache
def unit_table() -> UnitTable:
    data = table("units")
    units = {k: (v[0], v[1], Decimal(v[2])) for k, v in data["units"].items()}
    multipliers = {k: Decimal(v) for k, v in data["multipliers"].items()}
    rules = data["rules"]
    before = tuple(sorted(rules["qualifiers_before"], key=len, reverse=True))
    return UnitTable(
        units=units,
        unit_pattern=_alternation(list(units)),
        multipliers=multipliers,
        multiplier_pattern=_alternation(list(multipliers)),
        needs_multiplier=frozenset(rules.get("needs_multiplier", [])),
        money_context=tuple(rules["money_context"]),
        qualifiers_before=before,
        qualifier_ending=re.compile(f"(?:{_alternation(list(before)).pattern})\\Z"),
        long_qualifiers_before=tuple(w for w in before if len(w) >= 2),
        qualifiers_after=tuple(sorted(rules["qualifiers_after"], key=len, reverse=True)),
        percent_context=tuple(rules["percent_context"]),
        rate_context=dict(data["rate_context"]),
        name_followers=tuple(rules["name_followers"]),
        per=dict(data["per"]),
        per_pattern=re.compile(
            f"(?:{_alternation(rules['per_markers']).pattern})"
            f"(?P<per>{_alternation(list(data['per'])).pattern})"
        ),
        qualifiers_inside=tuple(rules["qualifiers_inside"]),
    )
