"""`programme_key`: the series of bulletins a bulletin belongs to, read from the bulletin alone.

A programme is one body's list of projects for one year, reported on period after period: the
quarters of a county's 民生实事, the monthly bulletins on its 政府工作报告 tasks. Its key is

    <place>/<kind>/<year>        栖霞市/民生实事/2024

- place: `region_norm`, else `issuer_norm` (a bulletin naming neither has no key);
- kind: the first of the kinds in `vocab/programmes.toml` whose words occur in the title
  (Simplified, as its match key), else in the narrative; `其他` when none does;
- year: the bulletin's `year` (a bulletin without one has no key: it cannot be placed in a
  series).

Bulletins of one programme differ in period and issue date, never in key; two kinds of list of
one county (its 民生实事 and its 重点项目) are two programmes.
"""

from __future__ import annotations

import functools

from pipeline.model.records import Bulletin
from pipeline.text.script import match_key
from pipeline.vocab import table

_NARRATIVE_CHARS = 300  # the opening of the narrative, where a bulletin names its programme


@functools.cache
def _kinds() -> tuple[tuple[tuple[str, tuple[str, ...]], ...], str]:
    """`vocab/programmes.toml`: each kind with the match keys of its words, in file order, and
    the kind of a bulletin that names none."""
    data = table("programmes")
    kinds = tuple(
        (str(entry["kind"]), tuple(match_key(word) for word in entry["words"]))
        for entry in data["kinds"]
    )
    return kinds, str(data["other"])


def programme_kind(title: str | None, narrative: str | None) -> str:
    """The kind of programme the title (else the narrative's opening) names."""
    kinds, other = _kinds()
    for text in (title, (narrative or "")[:_NARRATIVE_CHARS]):
        key = match_key(text) if text else ""
        for kind, words in kinds:
            if any(word in key for word in words):
                return kind
    return other


def programme_key(
    issuer_norm: str | None,
    region_norm: str | None,
    title: str | None,
    narrative: str | None,
    year: int | None,
) -> str | None:
    """The programme's key (module docstring), or None without a place or a year."""
    place = region_norm or issuer_norm
    if not place or year is None:
        return None
    return f"{place}/{programme_kind(title, narrative)}/{year}"


def programme_of(bulletin: Bulletin) -> str | None:
    """The bulletin's `programme_key`."""
    return programme_key(
        bulletin.issuer_norm,
        bulletin.region_norm,
        bulletin.title,
        bulletin.narrative,
        bulletin.year,
    )
