"""Script (Simplified / Traditional) handling and the text keys used for matching and joins.

OpenCC is loaded once per process, lazily: `to_simplified` is the only door to it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from pipeline.text.cache import per_cell
from pipeline.text.controls import without_controls
from pipeline.text.noise import denoise

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


# Every CJK character, for finding the characters a conversion changes (one call, ~15 ms).
_CJK_RANGES = ((0x3400, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2CEB0), (0x2F800, 0x2FA20))
# Characters that only OpenCC's t2s phrase table changes (沈 in 沈默, 覆 in 答覆, 藉 in 藉口):
# the characters that differ between key and value in TSPhrases entries none of whose
# characters t2s changes alone (listed with `opencc_dict -t text`, OpenCC 1.1).
_T2S_PHRASE_ONLY = "像哩坏想沈甦瞭藉衹覆"


@functools.cache
def _changed_by(config: str) -> frozenset[str]:
    """The characters the conversion changes when given alone."""
    chars = [chr(c) for start, end in _CJK_RANGES for c in range(start, end)]
    converted = str(_converter(config).convert("\n".join(chars))).split("\n")
    return frozenset(c for c, out in zip(chars, converted, strict=True) if c != out)


@functools.cache
def _t2s_triggers() -> frozenset[str]:
    """The characters that can make t2s change a text; a text without any converts to itself,
    so OpenCC need not see it (most text of a Simplified bulletin). A set, not a regular
    expression class: `re` tests a class with characters beyond the BMP one range at a time."""
    return _changed_by("t2s") | frozenset(_T2S_PHRASE_ONLY)


def to_simplified(text: str) -> str:
    """Traditional -> Simplified (OpenCC t2s). Simplified text passes through unchanged."""
    if not text or text.isascii() or _t2s_triggers().isdisjoint(text):
        return text
    return _t2s(text)


@per_cell
def _t2s(text: str) -> str:
    """Every reader of a cell (quantities, dates, completion, sector) asks for it in Simplified:
    converted once."""
    return str(_converter("t2s").convert(text))


def to_traditional(text: str) -> str:
    """Simplified -> Traditional (OpenCC s2t); used to build test tables and corpus variants."""
    if not text or text.isascii():
        return text
    return str(_converter("s2t").convert(text))


# Characters looked at to tell the script: a few thousand decide it as well as the whole text.
SCRIPT_SAMPLE = 4000


def detect_script(text: str) -> str | None:
    """'traditional' when more of the distinct characters are ones conversion to Simplified
    changes than ones conversion to Traditional changes; 'simplified' otherwise; None for text
    without Chinese characters."""
    sample = text[:SCRIPT_SAMPLE]
    if not re.search(r"[\u4e00-\u9fff]", sample):
        return None
    chars = set(sample)
    traditional_chars = len(_changed_by("t2s").intersection(chars))
    simplified_chars = len(_changed_by("s2t").intersection(chars))
    return "traditional" if traditional_chars > simplified_chars else "simplified"


def fold_whitespace(text: str) -> str:
    """Remove whitespace between CJK characters, collapse the rest to single spaces, strip."""
    return _WHITESPACE.sub(" ", _CJK_GAP.sub("", text)).strip()


def norm_text(text: str) -> str:
    """The `*_norm` form: Simplified, NFKC, without control characters, whitespace folded. For
    grouping and joins."""
    return fold_whitespace(to_simplified(without_controls(unicodedata.normalize("NFKC", text))))


def match_key(text: str) -> str:
    """The key vocabularies are matched on: `norm_text` without pinyin glosses and doubled
    punctuation, without any whitespace, and without punctuation at either end (已完成。 ->
    已完成; 責(zé)任單位 -> 责任单位)."""
    return _match_key(text)


@per_cell  # labels and headers: a small vocabulary, seen again and again
def _match_key(text: str) -> str:
    return _WHITESPACE.sub("", norm_text(denoise(text))).strip(_EDGE_PUNCT)
