"""Small integers written in Chinese numerals: 三十 -> 30, 二〇二四 -> 2024, 十二 -> 12.

Enough for counts, months, days and years in bulletins. Quantities with units (1.2万吨 ...)
are a different job. Never raises: returns None for anything it does not understand.
"""

from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "0123456789０１２３４５６７８９"


def parse_int(text: str) -> int | None:
    """An integer from Arabic or Chinese numerals, or None."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        try:
            return int(text)  # int() also reads full-width digits
        except ValueError:
            return None
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        # 二〇二四: digit by digit (years)
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch in UNITS:
            total += (current or 1) * UNITS[ch]  # 十二: a bare 十 means one ten
            current = 0
        else:
            return None
    return total + current
