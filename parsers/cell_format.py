"""A spreadsheet value written as its cell shows it, from the value and the number format."""

from __future__ import annotations

import datetime as dt
import re

_DECIMALS = re.compile(r"\.([0#]+)")
_QUOTED = re.compile(r'"[^"]*"|\\.')


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
    plain = _QUOTED.sub("", fmt)
    if plain in ("General", "@", ""):
        return _general(value)
    match = _DECIMALS.search(plain)
    decimals = len(match.group(1)) if match else 0
    if "%" in plain:
        return f"{value * 100:.{decimals}f}%"
    if "," in plain:
        return f"{value:,.{decimals}f}"
    if "0" in plain or "#" in plain:
        return f"{value:.{decimals}f}"
    return _general(value)


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
