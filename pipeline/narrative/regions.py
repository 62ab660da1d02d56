"""The region a bulletin is of, from the start of its issuer or title (棲霞市人民政府辦公室 ->
棲霞市), not from a start that names the place by itself (前三个月我市…, 关于全区…)."""

from __future__ import annotations

from pipeline.narrative.metadata import words
from pipeline.text.script import to_simplified


def region_of(text: str | None) -> str | None:
    """The region at the start of an issuer or title: 棲霞市人民政府辦公室 -> 棲霞市."""
    if not text:
        return None
    # Match on the Simplified form, return the same span of the source characters.
    match = words().region_pattern.match(to_simplified(text))
    if match is None or any(word in match.group(0) for word in words().region_not_names):
        return None
    name = match.group(0)
    for opener in words().title_openers:
        name = name.removeprefix(opener)
    return None if name.startswith(words().region_not_first) else text[: match.end()]
