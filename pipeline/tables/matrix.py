"""Per-region matrices read as items per region and indicator.

A province's or a city's bulletin often reports its programme as one row per 市州 / 县区 and,
for each indicator, a group of columns (目标任务 | 累计完成 | 完成比例(%)), the indicators'
names in a header row above (城镇新增就业(人) …) or nowhere. Such a table has no item column.
It is turned into long tables, one per indicator, with a row per region and the columns 地区
(group), 指标名称 (item) and the indicator's own, so that the rows become items like any other.
Without indicator names, an indicator is named by its position (指标1, 指标2 …). A first
column whose label the vocabulary does not know (隶属, 名称) is the regions' when its cells are
names of places (吉首市, 泸溪县, 湘西高新区, 州直). A header that a page broke over pipe lines, one
label a line after the first few, is joined back first (`broken_header_joined`); columns the
vocabulary does not know may stand among a per-region header's indicator columns, fewer than
those it knows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from parsers.document import Cell, Table
from pipeline.tables.header import HeaderMap, header_role, is_regional, map_header
from pipeline.tables.numbered import FIGURE
from pipeline.text.script import match_key
from pipeline.vocab import headers, table

# The roles an indicator's group of columns may have (a remark: planned money, 计划投资额).
INDICATOR_ROLES = ("target", "quantity", "rate", "progress", "status", "remark")
# The header is looked for among a table's first rows.
MAX_HEADER_ROW = 4
# A column of places (headers.toml [matrix] place_units, place_levels): at least this many
# rows, this share of them places.
MIN_PLACES = 3
# A header label on a line of its own is at most this long; a figure is none.
MAX_LABEL = 12
PLACE_SHARE = 0.8
# The unit in brackets at the end of a column's label (新开工小区数(个), 完成投资(万元)).
_UNIT = re.compile(r"[(（][^()（）]*[)）]$")


@functools.cache
def _place() -> re.Pattern[str]:
    words = table("headers")["matrix"]
    units = "|".join(sorted(map(re.escape, words["place_units"]), key=len, reverse=True))
    levels = "|".join(map(re.escape, words["place_levels"]))
    return re.compile(rf"^[\u4e00-\u9fff]{{1,8}}({units})$|^[\u4e00-\u9fff]{{1,3}}({levels})$")


def matrix_to_long(table: Table) -> list[Table] | None:
    """The long form of a per-region matrix, one table per indicator (so that a 全市 total row
    is checked against its own indicator's rows), or None when the table is not one."""
    table = Table(rows=broken_header_joined(table.rows), line=table.line, page=table.page)
    found = _matrix_header(table.rows)
    if found is None:
        return None
    index, header, groups = found
    names = _indicator_names(table.rows[:index], groups, header)
    region = header.column("group")
    assert region is not None
    line = table.rows[index][0].line if table.rows[index] else table.line
    tables = []
    for name, columns in zip(names, groups, strict=True):
        labels = [header.labels[region], "指标名称", *(header.labels[c] for c in columns)]
        rows: list[tuple[Cell, ...]] = [tuple(Cell(label, line=line) for label in labels)]
        for row in table.rows[index + 1 :]:
            row = _total_in_place(row, len(header.labels), region)
            if len(row) <= region or not row[region].text.strip():
                continue
            values = [row[c] if c < len(row) else Cell("", line=row[0].line) for c in columns]
            if any(v.text.strip() for v in values):  # the region has figures for it
                rows.append((row[region], Cell(name, line=row[region].line), *values))
        if len(rows) > 1:
            tables.append(Table(rows=tuple(rows), line=table.line, page=table.page))
    return tables or None


def broken_header_joined(rows: Sequence[tuple[Cell, ...]]) -> tuple[tuple[Cell, ...], ...]:
    """The rows, with a header row that a page broke over lines, one label a line after the
    first few (目标任务 | 完成情况 | 完成比例 | 年初预算安排数 | then 资金预算下达数 | … one a
    line, then a line of a pipe alone), joined back into one row; the label of a column that
    spans the header's rows above it (地区 | 二十、… over the group labels) put first when the
    rows below are one cell wider. The rows as they are when no header reads so."""
    for index, row in enumerate(rows[:MAX_HEADER_ROW]):
        end = index + 1
        while end < len(rows) and len(rows[end]) == 1 and _short_label(rows[end][0].text):
            end += 1
        after = end
        while after < len(rows) and not any(cell.text.strip() for cell in rows[after]):
            after += 1  # the header's last pipe on a line of its own
        if end == index + 1 or after >= len(rows) or len(row) < 2:
            continue
        joined = (*row, *(r[0] for r in rows[index + 1 : end]))
        width = len(rows[after])
        if width == len(joined) + 1 and index and header_role(rows[0][0].text) == "group":
            joined = (rows[0][0], *joined)
        if width == len(joined) and map_header([c.text for c in joined]).known >= len(joined) // 2:
            return (*rows[:index], joined, *rows[after:])
    return tuple(rows)


def _short_label(text: str) -> bool:
    return 0 < len(match_key(text)) <= MAX_LABEL and not FIGURE.match(match_key(text))


def _total_in_place(row: tuple[Cell, ...], width: int, region: int) -> tuple[Cell, ...]:
    """A total row (全省 | 1500 | …) that has no row number, its label first: moved right under
    the regions, as it is printed."""
    short = width - len(row)
    if 0 < short <= region and row and match_key(row[0].text) in headers().totals:
        return (*(Cell("", line=row[0].line) for _ in range(short)), *row)
    return row


def _matrix_header(
    rows: Sequence[Sequence[Cell]],
) -> tuple[int, HeaderMap, list[list[int]]] | None:
    """The header row: a group column (地区, 县区) and at least two groups of indicator columns
    with the same roles in the same order, or one group beside a column of regions (市州 |
    计划完成数 | 累计开工数 | 开工率); no item column. A row number column is left out."""
    for index, row in enumerate(rows[:MAX_HEADER_ROW]):
        labels = [cell.text for cell in row]
        texts = [t for t in labels if t.strip()]
        header = map_header(labels)
        if labels and header_role(labels[0]) is None and _places(rows[index + 1 :]):
            header = map_header([table("headers")["matrix"]["region_label"], *labels[1:]])
        regional = is_regional(header.labels, header.roles)
        if len(set(texts)) == len(texts) and not regional:
            continue  # an indicator's columns repeat under each indicator (目标任务 … 目标任务)
        region = header.column("group")
        if region is None or header.column("item") is not None:
            continue
        columns = [c for c in range(len(header.roles)) if c != region and header.roles[c] != "id"]
        # a per-region table may have columns the vocabulary does not know (资金拨付数), fewer
        # than those it knows: kept
        unknown = sum(1 for c in columns if header.roles[c] is None)
        if any(_foreign(header.roles[c], regional) for c in columns) or 2 * unknown > len(columns):
            continue
        groups = _groups(columns, header)
        if groups is not None and (len(groups) >= 2 or regional):
            return index, header, groups
    return None


def _foreign(role: str | None, regional: bool) -> bool:
    """Whether a column's role is no indicator's: one of another kind, or none in a table not
    labelled per region."""
    return role not in INDICATOR_ROLES and not (regional and role is None)


def _places(rows: Sequence[Sequence[Cell]]) -> bool:
    """Whether the first cells of the rows under a header are names of places (total rows
    aside): the rows of a per-region table."""
    totals = {*headers().totals, *headers().subtotals}
    keys = [match_key(row[0].text) for row in rows if row and row[0].text.strip()]
    keys = [key for key in keys if key not in totals]
    places = sum(1 for key in keys if _place().match(key))
    return places >= MIN_PLACES and places >= PLACE_SHARE * len(keys)


def _groups(columns: list[int], header: HeaderMap) -> list[list[int]] | None:
    """The indicator columns cut into the shortest groups that repeat one pattern of roles (a
    single group when none repeats: 项目个数 | 总投资 | 计划投资 | 累计投资 | 完成率)."""
    roles = [header.roles[c] for c in columns]
    for size in range(1, len(roles) + 1):
        if len(roles) % size == 0 and all(r == roles[i % size] for i, r in enumerate(roles)):
            return [columns[i : i + size] for i in range(0, len(columns), size)]
    return None


def _indicator_names(
    above: Sequence[Sequence[Cell]], groups: list[list[int]], header: HeaderMap
) -> list[str]:
    """Names from the row right above the header: one cell per indicator, or the text over each
    group's first column; else from a row higher up with one cell per indicator beside the
    regions' label (地区 | 二十、… over the labels of the indicator's column groups); else, the
    one indicator of a table that opens with what was done, that column's label without its
    unit (新开工小区数(个) | 开工率: 新开工小区数); else 指标1, 指标2 …"""
    texts = [cell.text.strip() for cell in above[-1]] if above else []
    named = [t for t in texts if t]
    if len(named) == len(groups):
        return named
    higher = [
        named_row
        for row in reversed(above[:-1])
        if len(named_row := [c.text.strip() for c in row[1:] if c.text.strip()]) == len(groups)
    ]
    if higher and len(named) > len(groups):
        return higher[0]
    over = [texts[g[0]] if g[0] < len(texts) else "" for g in groups]
    if all(over):
        return over
    first = groups[0][0]
    if len(groups) == 1 and header.roles[first] == "quantity":
        return [_UNIT.sub("", header.labels[first]).strip() or "指标1"]
    return [f"指标{n}" for n in range(1, len(groups) + 1)]
