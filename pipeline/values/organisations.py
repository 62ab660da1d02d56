"""Names of organisations and places in their grouping form, for the `*_norm` columns
(`items.units_norm`, `bulletins.issuer_norm`, `bulletins.region_norm`).

The form is the vocabularies' match key (`text.script.match_key`: Simplified, NFKC, without
control characters, pinyin glosses, whitespace or punctuation at either end), built on the same
`norm_text` as `name_norm`; then another name of the same body is written as its canonical
name (`[aliases]` in `vocab/organisations.toml`), after a level that is kept (市卫健局 ->
市卫生健康局).
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.text.script import match_key
from pipeline.vocab import organisation_aliases


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
