"""Noise that mirror sites and scrapers add to pages (REAL_WORLD.md §7), removed before any
matching: pinyin glosses after characters (阳(yáng)), doubled punctuation (,,) and HTML
residue (&nbsp;, 、br />). `noise_in` also says which kinds a text held, and `lost_digits`
finds digits printed as ? (?022年), which cannot be restored and are only reported."""

from __future__ import annotations

import html
import re

from parsers.document import AS_SPACES

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A bracketed lower-case Latin syllable with a tone mark right after a Chinese character.
_PINYIN = re.compile(
    rf"(?<=[\u4e00-\u9fff])\s?[(（]\s*[a-z{_TONED}]*[{_TONED}][a-z{_TONED}]*\s*[)）]"
)
_TONED_CHARS = frozenset(_TONED)
_DOUBLED = re.compile(r"([，,。；;、：:！!？?])\1+")
# A comma next to another mark (,、 ,。 、,): a stray one, as doubled as ,, is.
_STRAY_COMMA = re.compile(r"[，,](?=[、。；;：:！!？?])|(?<=[、。；;：:！!？?])[，,]")
# One look for any of them: a tone mark, an HTML mark, a doubled punctuation mark.
_ANY_NOISE = re.compile(
    rf"[<&{_TONED}]|/>|([，,。；;、：:！!？?])\1|[，,][、。；;：:！!？?]|[、。；;：:！!？?][，,]"
)


def denoise(text: str) -> str:
    if not text or not _ANY_NOISE.search(text):
        return text
    if not _TONED_CHARS.isdisjoint(text):  # a gloss needs a tone mark
        text = _PINYIN.sub("", text)
    return _undoubled(text)


def _undoubled(text: str) -> str:
    """Punctuation doubled (,,) or a stray comma beside another mark (,、), once."""
    if _DOUBLED.search(text):
        text = _DOUBLED.sub(r"\1", text)
    return _STRAY_COMMA.sub("", text) if _STRAY_COMMA.search(text) else text


# HTML that survived a page's conversion to text: tags (<br />, and br /> whose < was lost)
# and character entities (&nbsp; &amp; &#12290;).
_HTML_TAG = re.compile(r"<\s*/?\s*(?:br|p|span|div|td|tr)\b[^>]*>|(?<![A-Za-z])br\s*/>", re.I)
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
# A digit lost as ? in a number or a year: ?022年, 1?月, 3?.5%.
_LOST_DIGIT = re.compile(r"[?？](?=\d|[年月日号%])|(?<=\d)[?？](?=\d|[年月日号万亿%])")


_CLEAN: frozenset[str] = frozenset()


def strip_html(text: str) -> str:
    """HTML tags and entities that survived the page's conversion to text, removed (an entity
    becomes its character; a non-breaking space a space)."""
    if "<" not in text and "/>" not in text and "&" not in text:
        return text
    text = _HTML_TAG.sub("", text)
    return _HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)).translate(AS_SPACES), text)


def noise_in(text: str) -> tuple[str, frozenset[str]]:
    """The text without its noise, and the kinds removed: pinyin, doubled_punct, html."""
    if not _ANY_NOISE.search(text):
        return text, _CLEAN  # most text: nothing to remove
    kinds = set()
    cleaned = strip_html(text)
    if cleaned != text:
        kinds.add("html")
    if not _TONED_CHARS.isdisjoint(cleaned):
        unglossed = _PINYIN.sub("", cleaned)
        if unglossed != cleaned:
            kinds.add("pinyin")
            cleaned = unglossed
    undoubled = _undoubled(cleaned)
    if undoubled != cleaned:
        kinds.add("doubled_punct")
        cleaned = undoubled
    return cleaned, frozenset(kinds)


def lost_digits(text: str) -> int:
    """How many digits the text prints as ? (?022年)."""
    return len(_LOST_DIGIT.findall(text)) if "?" in text or "？" in text else 0
