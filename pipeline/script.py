"""Script (Simplified / Traditional) handling and the text keys used for matching and joins.

OpenCC is loaded once per process, lazily: `to_simplified` is the only door to it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

_WHITESPACE = re.compile(r"\s+")
# Whitespace between two CJK characters carries no meaning in Chinese text (it is left over
# from letter-spacing or line wrapping): folding removes it; elsewhere it becomes one space.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_EDGE_PUNCT = " \t\n。，,.;；:：、!！?？*＊"


@functools.cache
def _converter(config: str) -> Any:
    import opencc  # deferred: loading the dictionaries is the expensive part

    return opencc.OpenCC(config)


# Short strings (labels, headers, names) recur thousands of times: their conversions are cached.
SHORT = 32


def to_simplified(text: str) -> str:
    """Traditional -> Simplified (OpenCC t2s). Simplified text passes through unchanged."""
    if not text or text.isascii():
        return text
    if len(text) <= SHORT:
        return _short_to_simplified(text)
    return str(_converter("t2s").convert(text))


@functools.lru_cache(maxsize=65536)
def _short_to_simplified(text: str) -> str:
    return str(_converter("t2s").convert(text))


def to_traditional(text: str) -> str:
    """Simplified -> Traditional (OpenCC s2t); used to build test tables and corpus variants."""
    if not text or text.isascii():
        return text
    return str(_converter("s2t").convert(text))


# Characters looked at to tell the script: a few thousand decide it as well as the whole text.
SCRIPT_SAMPLE = 4000


def detect_script(text: str) -> str | None:
    """'traditional' when conversion to Simplified changes more characters than conversion to
    Traditional does; 'simplified' otherwise; None for text without Chinese characters."""
    sample = text[:SCRIPT_SAMPLE]
    if not re.search(r"[\u4e00-\u9fff]", sample):
        return None
    as_simplified = to_simplified(sample)
    as_traditional = to_traditional(sample)
    traditional_chars = _differences(sample, as_simplified)
    simplified_chars = _differences(sample, as_traditional)
    return "traditional" if traditional_chars > simplified_chars else "simplified"


def _differences(a: str, b: str) -> int:
    if len(a) != len(b):  # phrase conversions changed the length: fall back to a rough count
        return abs(len(a) - len(b)) + sum(1 for x, y in zip(a, b, strict=False) if x != y)
    return sum(1 for x, y in zip(a, b, strict=True) if x != y)


def fold_whitespace(text: str) -> str:
    """Remove whitespace between CJK characters, collapse the rest to single spaces, strip."""
    return _WHITESPACE.sub(" ", _CJK_GAP.sub("", text)).strip()


def norm_text(text: str) -> str:
    """The `*_norm` form: Simplified, NFKC, whitespace folded. For grouping and joins."""
    return fold_whitespace(to_simplified(unicodedata.normalize("NFKC", text)))


def match_key(text: str) -> str:
    """The key vocabularies are matched on: `norm_text` without any whitespace, and without
    punctuation at either end (已完成。 -> 已完成)."""
    return _WHITESPACE.sub("", norm_text(text)).strip(_EDGE_PUNCT)
