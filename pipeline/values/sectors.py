"""An item's sector, from jieba tokens of its name and target (vocab/sectors.toml).

jieba is loaded once per process, on first use (it takes about a second), with every keyword
added to its dictionary; its log messages are silenced.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from pipeline.text.script import to_simplified
from pipeline.vocab import table

OTHER = "other"
NAME_WEIGHT = 2  # a keyword in the name counts twice as much as one in the target
MAX_KEYWORD = 8  # the longest keyword, in characters


@functools.cache
def _keywords() -> dict[str, tuple[str, ...]]:
    return {sector: tuple(words) for sector, words in table("sectors").items()}


@functools.cache
def _keyword_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for sector, words in _keywords().items():
        for word in words:
            index.setdefault(word, []).append(sector)
    return {word: tuple(sectors) for word, sectors in index.items()}


@functools.cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    for word in _keyword_index():
        jieba.add_word(word)
    jieba.initialize()
    return jieba


def _keywords_in(token: str, index: dict[str, tuple[str, ...]]) -> set[str]:
    """Keywords equal to the token or (two characters or more) inside it: every substring of
    the token is looked up, which is cheap because tokens are short."""
    found = {token} if token in index else set()
    n = len(token)
    for start in range(n):
        for end in range(start + 2, min(n, start + MAX_KEYWORD) + 1):
            if token[start:end] in index:
                found.add(token[start:end])
    return found


# jieba's own split of a sentence into blocks it segments independently (jieba.re_han_default):
# a token never crosses a block boundary.
_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")


def tokens(text: str) -> list[str]:
    """jieba tokens of the Simplified text (jieba segments Simplified better)."""
    # HMM off: only dictionary words matter here (every keyword is in the dictionary), and the
    # HMM pass for unknown words is half of jieba's time.
    return [t for t in _jieba().lcut(to_simplified(text), HMM=False) if t.strip()]


def keyword_tokens(text: str) -> Iterator[str]:
    """The jieba tokens of `text` that can hold a keyword: those of the blocks (runs of
    characters jieba segments as one sentence) in which some keyword occurs. Cutting only
    those blocks gives the same keywords as cutting the whole text, and costs a fraction when
    most clauses hold none (every keyword is at least two characters of jieba's block class)."""
    cut = _jieba().cut
    has_keyword = _keyword_pattern().search
    for block in _BLOCK.findall(to_simplified(text)):
        if has_keyword(block):
            yield from cut(block, HMM=False)


@functools.cache
def _keyword_pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(_keyword_index(), key=len, reverse=True))))


def sector_of(name: str, target: str | None) -> str:
    index = _keyword_index()
    score: Counter[str] = Counter()
    for text, weight in ((name, NAME_WEIGHT), (target or "", 1)):
        for token in keyword_tokens(text):
            # a keyword counts as a token, or inside a longer one (危房 in 危房改造)
            for keyword in _keywords_in(token, index):
                for sector in index[keyword]:
                    score[sector] += weight
    if not score:
        return OTHER
    order = list(_keywords())
    best = max(score.values())
    return min((s for s, v in score.items() if v == best), key=order.index)
