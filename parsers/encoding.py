"""Decode the bytes of a text bulletin.

Order of trust: a byte-order mark; strict UTF-8; UTF-16 recognised by its NUL pattern; then the
legacy Chinese codecs, *chosen by plausibility*, because Big5 bytes usually decode without error
as GB18030 (into nonsense) and GB bytes often decode as Big5. `charset-normalizer` is the last
resort: it returns None on short input and mistakes Big5 for Big5-HKSCS (①–⑥ become katakana).
"""

from __future__ import annotations

import codecs
import functools
from dataclasses import dataclass

import charset_normalizer

from parsers.errors import EmptyFile, GarbledText

# Legacy codecs tried when the bytes are not UTF-8. Order breaks ties: GB18030 (a superset of
# GB2312 and GBK, the most common legacy encoding) before cp950 (Microsoft's Big5, which
# encodes ①–⑥ the way Windows tools wrote them) before Big5-HKSCS.
LEGACY_CODECS = ("gb18030", "cp950", "big5hkscs")

# A decoding whose share of plausible characters is below this is treated as garbage.
# Correct decodings of bulletins score above 0.99; Big5 read as GB18030 scores about 0.6.
MIN_PLAUSIBILITY = 0.85

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def load_codecs() -> None:
    """Import every codec this module may use (Python imports one on its first lookup): a pool
    worker does this before its memory is capped."""
    for name in ("gb2312", "utf-16-le", "utf-16-be", *LEGACY_CODECS):
        codecs.lookup(name)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # line endings normalised to "\n", BOM removed
    encoding: str
    plausibility: float | None  # scored only when chosen among candidates


@functools.lru_cache(maxsize=65536)
def _is_common_ideograph(ch: str) -> bool:
    """True for the ~3,755 level-1 GB2312 and ~5,401 level-1 Big5 characters: common Chinese."""
    try:
        code = int.from_bytes(ch.encode("gb2312"), "big")
        if 0xB0A1 <= code <= 0xD7F9:
            return True
    except UnicodeEncodeError:
        pass
    try:
        raw = ch.encode("cp950")
    except UnicodeEncodeError:
        return False
    return len(raw) == 2 and 0xA440 <= int.from_bytes(raw, "big") <= 0xC67E


def _is_plausible(ch: str) -> bool:
    o = ord(ch)
    if o < 0x80:
        return ch.isprintable() or ch in "\n\r\t"
    if 0x4E00 <= o <= 0x9FFF:
        return _is_common_ideograph(ch)
    return (
        0x2000 <= o <= 0x206F  # general punctuation: “ ” … —
        or 0x3000 <= o <= 0x303F  # CJK symbols and punctuation: 、。〇《》
        or 0xFF00 <= o <= 0xFFEF  # full-width forms: ，：（）
        or 0x2460 <= o <= 0x24FF  # enclosed alphanumerics: ①②
        or o == 0x00B7  # middle dot
        or 0x2150 <= o <= 0x218F  # roman numerals
    )


def plausibility(text: str, sample: int = 20000) -> float:
    """Share of characters one expects in a Chinese bulletin (0.0–1.0)."""
    chunk = text[:sample]
    if not chunk:
        return 0.0
    return sum(map(_is_plausible, chunk)) / len(chunk)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 from Windows tools sometimes lacks a BOM; ASCII then shows as alternate NULs."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even_nuls = raw[0::2].count(0)
    odd_nuls = raw[1::2].count(0)
    half = len(raw) // 2
    if odd_nuls > 0.2 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.2 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def decode(raw: bytes, path: str) -> Decoded:
    """Decode a text file's bytes, or raise `EmptyFile` / `GarbledText` naming `path`."""
    if not raw.strip():
        raise EmptyFile(path, "the file has no text", hint="check that the download completed")

    for bom, name in BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                raise GarbledText(
                    path, f"starts with a {name} byte-order mark but is not valid {name}"
                ) from exc
            return Decoded(_normalise_newlines(text), name, None)

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Decoded(_normalise_newlines(text), "utf-8", None)

    utf16 = _utf16_without_bom(raw)
    if utf16:
        try:
            text = raw.decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            return Decoded(_normalise_newlines(text), utf16, None)

    candidates: list[Decoded] = []
    for name in LEGACY_CODECS:
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append(Decoded(_normalise_newlines(text), name, plausibility(text)))
    # max() keeps the first of equal scores, so LEGACY_CODECS order breaks ties.
    best = max(candidates, key=lambda d: d.plausibility or 0.0, default=None)
    if best is not None and (best.plausibility or 0.0) >= MIN_PLAUSIBILITY:
        return best

    guess = charset_normalizer.from_bytes(raw).best()
    if guess is not None:
        text = str(guess)
        score = plausibility(text)
        if score >= MIN_PLAUSIBILITY:
            return Decoded(_normalise_newlines(text), guess.encoding, score)

    tried = "UTF-8, UTF-16, " + ", ".join(LEGACY_CODECS)
    best_note = f" (best: {best.encoding}, {best.plausibility or 0:.0%} plausible)" if best else ""
    raise GarbledText(
        path,
        f"cannot decode as Chinese text; tried {tried}{best_note}",
        hint="re-save the file as UTF-8, or check that it is a text file",
    )
