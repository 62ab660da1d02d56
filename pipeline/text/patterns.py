"""Regular-expression pieces built from word lists (the vocabularies' words). Pure functions."""

from __future__ import annotations

import re
from collections.abc import Iterable


def any_of(words: Iterable[str]) -> str:
    """An alternation of `words` (no group), longest first so that the longest word wins."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def spaced(word: str) -> str:
    """`word` as a pattern that allows spaces between its characters (附 件, 名    称)."""
    return r"\s*".join(map(re.escape, word))


def own_script(text: str, key: str) -> str:
    """The text to slice a match on `key` (`text` converted to Simplified) from: `text` itself
    when the conversion kept every character's place, so that values keep the page's script."""
    return text if len(text) == len(key) else key
