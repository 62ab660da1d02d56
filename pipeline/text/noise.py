"""Script noise that mirror sites add to converted pages (REAL_WORLD.md §7), removed before
interpretation: pinyin glosses after characters (阳(yáng)) and doubled punctuation (,,).
The source text stays in the `Document`; only the interpreted values are cleaned."""

from __future__ import annotations

import re

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A bracketed lower-case Latin syllable with a tone mark right after a Chinese character.
_PINYIN = re.compile(
    rf"(?<=[\u4e00-\u9fff])\s?[(（]\s*[a-z{_TONED}]*[{_TONED}][a-z{_TONED}]*\s*[)）]"
)
_TONED_CHARS = frozenset(_TONED)
_DOUBLED = re.compile(r"([，,。；;、：:！!？?])\1+")


def denoise(text: str) -> str:
    if not text:
        return text
    if not _TONED_CHARS.isdisjoint(text):  # a gloss needs a tone mark
        text = _PINYIN.sub("", text)
    return _DOUBLED.sub(r"\1", text)
