"""Quantities in target and progress cells: "新增1.6萬噸儲備糧" -> 16000 t.

A quantity is a number (Arabic, or Chinese numerals that are counts rather than names,
ordinals or periods), an optional multiplier (千/万/亿), a unit from `vocab/units.toml`, maybe a
per-unit tail (元/人/月), a range (60-84周岁) and qualifiers (以上, 不少于, 约, 预计, 累计 ...).
Values stay `Decimal` here; the writer turns them into float64 beside the raw text.
Pure functions that never raise; a number with a multiplier but no known unit is kept with
`unit=None` and reported by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pipeline.text.numerals import parse_int
from pipeline.text.script import to_simplified
from pipeline.values.units import UnitTable, unit_table

_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CHINESE = r"[零〇两一二三四五六七八九十百千]+"
_NUMBER = re.compile(rf"(?P<arabic>{_ARABIC})|(?P<chinese>{_CHINESE})")
_RANGE_DASH = re.compile(r"\s*(?:-|—|–|~|～|至|到)\s*")
# Spans that hold numbers which are not quantities: dates, ordinals, periods, list markers.
_NOT_QUANTITIES = re.compile(
    r"""
      (?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?      # 2024年5月
    | (?:19|20)\d\d[.\-/]\d{1,2}[.\-/]\d{1,2}(?!\d)                     # 2024.3.30
    | \d{1,2}\.\d{1,2}\s*(?:-|—|至)\s*\d{1,2}\.\d{1,2}                   # 4.8-7.19
    | [\d一二三四五六七八九十]{1,3}\s*月(?:\s*[\d一二三四五六七八九十]{1,3}\s*[日号])?
    | \d{1,2}\s*[日号]                                                 # 6月27日
    | 第\s*[\d零〇一二三四五六七八九十百千]+                            # 第九批
    | [前第]?[一二三四1-4]\s*季度
    | [(（]\s*\d{1,2}\s*[)）]                                           # (1)
    | ^\s*\d{1,2}\s*[、.．]                                             # 1、 2.
    | \d+\s*(?:G|g)\b                                                 # 5G
    """,
    re.VERBOSE,
)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")


@dataclass(frozen=True, slots=True)
class Quantity:
    raw: str  # the source text of the quantity, qualifiers included
    value: Decimal | None  # in the canonical unit; None for a range
    value_min: Decimal | None
    value_max: Decimal | None
    unit: str | None  # canonical (CNY, km, m2, person ...); None when unknown
    unit_raw: str  # as written, multiplier included (万元, 萬噸)
    dimension: str | None
    qualifier: str | None  # 以上, 不少于, 约, 预计, 累计 ... (comma-joined when several)
    start: int  # character span in the cell
    end: int


def _matchable(text: str) -> str:
    """The text quantities are matched in: Simplified, half-width digits, same length as
    `text` so that spans point into the source (else the source itself is used)."""
    converted = to_simplified(text).translate(_FULLWIDTH)
    return converted if len(converted) == len(text) else text.translate(_FULLWIDTH)


def _number(match: re.Match[str]) -> Decimal | None:
    if match["arabic"]:
        try:
            return Decimal(match["arabic"].replace(",", ""))
        except InvalidOperation:
            return None
    chinese = match["chinese"]
    # A lone 一 (一村一场戏, 一网通办) is a word, not a count; and 十件民生实事-like names are
    # left to the unit check: without a unit, no quantity.
    if chinese == "一" or (len(chinese) == 1 and chinese in "百千"):
        return None
    value = parse_int(chinese)
    return Decimal(value) if value is not None else None


def find_quantities(cell: str) -> list[Quantity]:
    """Every quantity in a cell, in order."""
    if not cell:
        return []
    text = _matchable(cell)
    masked = _Masked([m.span() for m in _NOT_QUANTITIES.finditer(text)])
    return [q for q in _scan(text, cell, masked) if q is not None]


class _Masked:
    """The positions inside spans that hold no quantity (a cell has a handful of spans)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans

    def __contains__(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.spans)


def _scan(text: str, source: str, masked: _Masked) -> Iterator[Quantity | None]:
    table = unit_table()
    position = 0
    while True:
        match = _NUMBER.search(text, position)
        if match is None:
            return
        position = match.end()
        if match.start() in masked or _glued_to_latin(text, match):
            continue
        first = _number(match)
        if first is None:
            continue
        end = match.end()
        second = None
        dash = _RANGE_DASH.match(text, end)
        if dash:
            other = _NUMBER.match(text, dash.end())
            if other and other.start() not in masked:
                second = _number(other)
                if second is not None:
                    end = other.end()
        after = number_end = end
        qualifiers_after: list[str] = []
        for word in table.qualifiers_inside:
            if text.startswith(word, after):
                qualifiers_after.append(word)
                after += len(word)
        unit_key, factor, after = _unit(text, after, table)
        if match["chinese"] and text.startswith(table.name_followers, after):
            continue  # 十件民生实事: a programme's name
        if unit_key is None and factor == 1:
            percent = _bare_percent(text, match.start(), table)
            if not percent:
                continue  # a bare number: not a quantity
            unit_key = "%"
        per = table.per_pattern.match(text, after) if unit_key else None
        per_units: list[str] = []
        while per:
            per_units.append(per["per"])
            after = per.end()
            per = table.per_pattern.match(text, after)
        if unit_key and not per_units:
            per_units = _rate_of(text, match.start(), table)
        for word in table.qualifiers_after:
            if text.startswith(word, after) and word not in qualifiers_after:
                qualifiers_after.append(word)
                after += len(word)
                break
        before = _qualifier_before(text, match.start(), table)
        start = before[1] if before else match.start()
        yield _quantity(
            source, start, after, first, second, unit_key, factor, per_units,
            ([before[0]] if before else []) + qualifiers_after, number_end, text, table,
        )  # fmt: skip
        position = max(position, after)


def _glued_to_latin(text: str, match: re.Match[str]) -> bool:
    """H1N1, PU2 ...: digits inside a Latin word are not quantities."""
    before = text[match.start() - 1] if match.start() else ""
    return bool(before) and before.isascii() and before.isalpha()


def _unit(text: str, at: int, table: UnitTable) -> tuple[str | None, Decimal, int]:
    """(unit as written in the table, multiplier, end) at `at`; unit None when there is none."""
    found = table.unit_pattern.match(text, at)
    if found and found.group(0) not in table.needs_multiplier:
        return found.group(0), Decimal(1), found.end()
    multiplier = table.multiplier_pattern.match(text, at)
    if multiplier:
        factor = table.multipliers[multiplier.group(0)]
        # a space-joined cell may part the multiplier from its unit (3567万 平方米)
        gap = len(text) - len(text[multiplier.end() :].lstrip(" "))
        unit = table.unit_pattern.match(text, gap)
        if unit:
            return unit.group(0), factor, unit.end()
        return None, factor, multiplier.end()
    return None, Decimal(1), at


def _bare_percent(text: str, start: int, table: UnitTable) -> bool:
    window = text[max(0, start - 6) : start]
    return any(word in window for word in table.percent_context) and bool(
        re.search(r"(?:率|比例|占比|比重)\s*(?:达到|达|为|是|提高到|提升至|降至|超过)?\s*$", window)
    )


def _rate_of(text: str, start: int, table: UnitTable) -> list[str]:
    """['日'] when words shortly before make the quantity a rate (日处理规模…)."""
    window = text[max(0, start - 8) : start]
    return [per for word, per in table.rate_context.items() if word in window][:1]


_CLAUSE_BREAK = re.compile(r"[，,、；;。:：]")


def _qualifier_before(text: str, start: int, table: UnitTable) -> tuple[str, int] | None:
    """(qualifier, where it starts): right before the number (约30%), or a word of two or more
    characters a few characters before it in the same clause (预计投资1.8亿元)."""
    window_start = max(0, start - 6)
    window = _CLAUSE_BREAK.split(text[window_start:start])[-1]
    offset = start - len(window)
    stripped = window.rstrip()
    ending = table.qualifier_ending.search(stripped)  # the longest qualifier ending the window
    if ending:
        return ending.group(0), offset + ending.start()
    found = [(window.rfind(w), w) for w in table.long_qualifiers_before if w in window]
    if not found:
        return None
    position, word = max(found)
    return word, offset + position


def _quantity(
    source: str,
    start: int,
    end: int,
    first: Decimal,
    second: Decimal | None,
    unit_key: str | None,
    factor: Decimal,
    per_units: list[str],
    qualifiers: list[str],
    number_end: int,
    text: str,
    table: UnitTable,
) -> Quantity:
    unit: str | None
    dimension: str | None
    if unit_key is None:
        # a multiplier without a unit: money where the words around say so (投资337万)
        if any(word in text[max(0, start - 12) : start] for word in table.money_context):
            unit, dimension, base = "CNY", "money", Decimal(1)
        else:
            unit, dimension, base = None, None, Decimal(1)
    else:
        unit, dimension, base = table.units[unit_key]
    scale = factor * base
    if per_units:
        names = [table.per.get(p, p) for p in per_units]
        unit = "/".join([unit or "?", *names])
        dimension = f"{dimension}_per_{'_'.join(names)}"
    unit_raw = source[number_end:end].strip()
    for word in qualifiers:
        unit_raw = (
            unit_raw.replace(word, "") if word in ("以上", "以下", "以内", "左右") else unit_raw
        )
    low = _normalise(first * scale)
    high = _normalise(second * scale) if second is not None else None
    return Quantity(
        raw=source[start:end],
        value=None if high is not None else low,
        value_min=low if high is not None else None,
        value_max=high,
        unit=unit,
        unit_raw=unit_raw.lstrip("余多").strip(),
        dimension=dimension,
        qualifier=",".join(qualifiers) or None,
        start=start,
        end=end,
    )


def _normalise(value: Decimal) -> Decimal:
    """16000.0 -> 16000, 23.580 -> 23.58 (no exponent notation)."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal
