"""Names of organisations and places in their grouping form, for the `*_norm` columns
(`items.units_norm`, `bulletins.issuer_norm`, `bulletins.region_norm`).

The form is the vocabularies' match key (`text.script.match_key`: Simplified, NFKC, without
control characters, pinyin glosses, whitespace or punctuation at either end), built on the same
`norm_text` as `name_norm`; then another name of the same body is written as its canonical
name (`[aliases]` in `vocab/organisations.toml`), after a level that is kept (市卫健局 ->
市卫生健康局).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.text.script import match_key
from pipeline.vocab import VocabularyError, table


@dataclass(frozen=True)
class OrganisationAliases:
    canonical: dict[str, str]  # match key of a variant (or of a canonical name) -> canonical
    levels: tuple[str, ...]  # match keys of the levels before a name (市, 县), longest first


@functools.cache
def organisation_aliases() -> OrganisationAliases:
    """`organisations.toml`'s `[aliases]` as one lookup; a variant listed twice is an error."""
    data = table("organisations")
    canonical: dict[str, str] = {}
    for name, variants in data["aliases"].items():
        for variant in (name, *variants):
            key = match_key(variant)
            if canonical.setdefault(key, match_key(name)) != match_key(name):
                raise VocabularyError(f"organisations.toml: {variant!r} is listed twice")
    levels = sorted((match_key(level) for level in data["alias_levels"]), key=len, reverse=True)
    return OrganisationAliases(canonical, tuple(levels))


def organisation_norm(name: str | None) -> str | None:
    """衛健局 -> 卫生健康局; 市卫健局 -> 市卫生健康局; 棲霞市 -> 栖霞市. None for no name."""
    if name is None:
        return None
    key = match_key(name)
    if not key:
        return None
    aliases = organisation_aliases()
    found = aliases.canonical.get(key)
    if found is not None:
        return found
    for level in aliases.levels:
        if key.startswith(level) and (rest := aliases.canonical.get(key[len(level) :])):
            return level + rest
    return key


def units_norm(units: Iterable[str]) -> tuple[str, ...]:
    """Each unit's grouping form, in order; units with no text left are dropped."""
    return tuple(found for unit in units if (found := organisation_norm(unit)))
