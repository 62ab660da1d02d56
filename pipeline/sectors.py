"""An item's sector, from jieba tokens of its name and target (vocab/sectors.toml).

jieba is loaded once per process, on first use (it takes about a second), with every keyword
added to its dictionary; its log messages are silenced.
"""

from __future__ import annotations

import functools
import logging
import tomllib
from collections import Counter
from typing import Any

from pipeline.script import to_simplified
from pipeline.vocabulary import VOCAB_DIR

OTHER = "other"
NAME_WEIGHT = 2  # a keyword in the name counts twice as much as one in the target


@functools.cache
def _keywords() -> dict[str, tuple[str, ...]]:
    with (VOCAB_DIR / "sectors.toml").open("rb") as handle:
        return {sector: tuple(words) for sector, words in tomllib.load(handle).items()}


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


def tokens(text: str) -> list[str]:
    """jieba tokens of the Simplified text (jieba segments Simplified better)."""
    return [t for t in _jieba().lcut(to_simplified(text)) if t.strip()]


def sector_of(name: str, target: str | None) -> str:
    index = _keyword_index()
    score: Counter[str] = Counter()
    for text, weight in ((name, NAME_WEIGHT), (target or "", 1)):
        for token in tokens(text):
            # a keyword counts as a token, or inside a longer one (危房 in 危房改造)
            for keyword in (k for k in index if k == token or (len(k) >= 2 and k in token)):
                for sector in index[keyword]:
                    score[sector] += weight
    if not score:
        return OTHER
    order = list(_keywords())
    best = max(score.values())
    return min((s for s, v in score.items() if v == best), key=order.index)
