"""A spreadsheet value written as its cell shows it, from the value and the number format."""

from __future__ import annotations

import datetime as dt
import re

# A section of a number format, token by token: a quoted or escaped literal, a bracketed part
# ([Red], [>=100], [$¥-804]: a currency block keeps its sign), a padding or fill character
# (_x, *x: space and repetition on screen, nothing in text), General, or any one character.
_TOKENS = re.compile(
    r"""
    "(?P<quoted>[^"]*)"
    | \\(?P<escaped>.)
    | \[\$(?P<currency>[^\]-]*)[^\]]*\]
    | \[[^\]]*\]
    | [_*].
    | (?P<general>General)
    | (?P<char>.)
    """,
    re.VERBOSE | re.IGNORECASE,
)
# the characters of the number itself; any other character is written as it stands
_PLACEHOLDERS = frozenset("0#?.,")
# a fraction (# ?/?): the value as typed
_FRACTION = "/"


def shown(value: object, fmt: str | None) -> str:
    """`value` (str, int, float, bool, date, datetime, time or timedelta, as calamine gives)
    as the cell shows it under the number format `fmt` (None or "General": as typed)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        return _date(value, fmt or "")
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    if isinstance(value, int | float):
        return _number(float(value), (fmt or "General").split(";")[0])
    return str(value)


def _number(value: float, fmt: str) -> str:
    """The number under one format section: the literal text before and after its digits kept
    (¥, 万元), its decimals, thousands separators and percent sign applied."""
    if fmt in ("", "@"):
        return _general(value)
    before: list[str] = []
    digits: list[str] = []
    after: list[str] = []
    percent = False
    for token in _TOKENS.finditer(fmt):
        char = token.group("char")
        if token.group("general") or (char is not None and char in _PLACEHOLDERS):
            if after:  # literal text between digits: not a plain number
                return _general(value)
            digits.append("General" if token.group("general") else char)
            continue
        if char is not None and char in "Ee" and digits:  # scientific: 0.00E+00 -> 1.23E+04
            return f"{value:.{_decimals(digits)}E}"
        if char == _FRACTION and digits:
            return _general(value)
        percent = percent or char == "%"
        literal = next((t for t in token.group("quoted", "escaped", "currency", "char") if t), "")
        if literal:
            (after if digits else before).append(literal)
    if not digits:  # text alone (a format of a word): the value as typed
        return _general(value)
    return "".join(before) + _digits(value * 100 if percent else value, digits) + "".join(after)


def _digits(value: float, placeholders: list[str]) -> str:
    """The value written with the decimals and grouping of its placeholders (0.00, #,##0)."""
    if "General" in placeholders:
        return _general(value)
    whole = "".join(placeholders).partition(".")[0]
    decimals = _decimals(placeholders)
    text = f"{value:,.{decimals}f}" if "," in whole else f"{value:.{decimals}f}"
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    integer = text.partition(".")[0]
    return sign + "0" * (whole.count("0") - len(integer)) + text  # 00 writes 7 as 07


def _decimals(placeholders: list[str]) -> int:
    return len("".join(placeholders).partition(".")[2].replace(",", ""))


def _general(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


def _date(value: dt.date, fmt: str) -> str:
    """A date in the Chinese long form when its format has 年, else ISO (time kept if any)."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if "年" in fmt:
        text = f"{day.year}年{day.month}月"
        return text + f"{day.day}日" if "日" in fmt or "d" in fmt.lower() else text
    if isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) != (0, 0, 0):
        return value.isoformat(sep=" ")
    return day.isoformat()
