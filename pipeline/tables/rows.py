"""From a reader's `Table` to header + data rows of exactly the header's width.

Stages, each a small function: `reflow` (cells in reading order -> rows, for tables whose
source does not mark row ends), `locate_header`, `fit_row` (repair rows with a stray pipe or a
missing cell, reporting each repair).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.document import Cell, Table
from pipeline.model.findings import Issue
from pipeline.tables.header import HeaderMap, header_role, map_header
from pipeline.values.responsible import looks_like_units
from pipeline.values.status import status_of_label

# The header is looked for among a table's first rows.
MAX_HEADER_ROW = 5
# A header needs at least this many cells that the vocabulary knows.
MIN_KNOWN_HEADERS = 2
# Rows are repaired by trying every way to merge (or place empty cells) up to this many ways.
MAX_CANDIDATES = 5000
_FIRST_ID = re.compile(r"^[\s(（*]*[1１一][\s)）.、*]*$")
_ID = re.compile(r"^[\s(（*]*\d{1,4}[\s)）.、*]*$")


@dataclass(frozen=True)
class FittedRow:
    cells: tuple[Cell, ...]  # exactly as many as the header has columns
    row_index: int


def reflow(table: Table) -> tuple[tuple[Cell, ...], ...]:
    """Rows of a flow table: the header is the run of leading cells the vocabulary knows (up to
    the first cell that reads as row number 1 when the header starts with an id column), and
    every following run of as many cells is a row."""
    cells = table.cells
    width = 0
    starts_with_id = bool(cells) and header_role(cells[0].text) == "id"
    for index, cell in enumerate(cells):
        if starts_with_id and index > 0 and _FIRST_ID.match(cell.text):
            width = index
            break
        if not starts_with_id and header_role(cell.text) is None:
            width = index
            break
    if width < MIN_KNOWN_HEADERS:
        return tuple((cell,) for cell in cells)
    return tuple(tuple(cells[i : i + width]) for i in range(0, len(cells), width))


def locate_header(
    rows: Sequence[Sequence[Cell]], *, marked: int = 0
) -> tuple[int, HeaderMap] | None:
    """The header row among the first rows: the one with most known labels, if it makes the
    table a progress table. When the source marks its first `marked` rows as the header
    (Word's repeating header rows), the last of them is taken if it qualifies."""
    if 0 < marked <= len(rows):
        header = map_header([cell.text for cell in rows[marked - 1]])
        if header.known >= MIN_KNOWN_HEADERS and header.is_progress_table:
            return marked - 1, header
    best: tuple[int, HeaderMap] | None = None
    for index, row in enumerate(rows[:MAX_HEADER_ROW]):
        header = map_header([cell.text for cell in row])
        if header.known >= MIN_KNOWN_HEADERS and (best is None or header.known > best[1].known):
            best = (index, header)
    if best is None or not best[1].is_progress_table:
        return None
    return _with_second_level(rows, *best)


def _with_second_level(
    rows: Sequence[Sequence[Cell]], index: int, header: HeaderMap
) -> tuple[int, HeaderMap]:
    """A two-level header (进展情况 over 至8月10日进展 | 最新进展): when the row below the header
    holds only header labels and blanks, each column takes the lower label where there is one."""
    if index + 1 >= len(rows):
        return index, header
    below = [cell.text for cell in rows[index + 1]]
    texts = [t for t in below if t.strip()]
    if not texts or any(header_role(t) is None for t in texts) or len(below) != len(header.labels):
        return index, header
    labels = [
        f"{top}/{low}".strip("/") if low.strip() else top
        for top, low in zip(header.labels, below, strict=True)
    ]
    roles = [
        header_role(low) if low.strip() else role
        for role, low in zip(header.roles, below, strict=True)
    ]
    return index + 1, HeaderMap(labels=tuple(labels), roles=tuple(roles))


def fit_row(
    cells: Sequence[Cell], header: HeaderMap, row_index: int, *, by_spaces: bool = False
) -> tuple[FittedRow, Issue | None]:
    """Make a row exactly as wide as the header, saying what was done.

    Too few cells: padded with empty cells on the right (merged or vanished cells usually sit
    at the end). Too many: a stray `|` inside a cell split it; of all ways to merge adjacent
    cells back, the one whose cells best fit their columns is kept.
    Rows split on spaces (`by_spaces`) are ambiguous either way: a space may be text, an empty
    cell leaves no trace; the best-fitting merge or placement of empty cells is kept, with a
    `row_ambiguous` finding.
    """
    width = len(header.roles)
    line = cells[0].line if cells else None
    if len(cells) == width:
        return FittedRow(tuple(cells), row_index), None
    if by_spaces:
        return _fit_by_spaces(cells, header, row_index)
    if len(cells) < width:
        padded = tuple(cells) + tuple(Cell("", line=line) for _ in range(width - len(cells)))
        issue = _width_issue(
            "row_too_few_cells",
            f"row has {len(cells)} cells, the header {width}: empty cells added on the right",
            line,
            width,
            len(cells),
        )
        return FittedRow(padded, row_index), issue
    merged = _merge_extra(cells, header)
    issue = _width_issue(
        "row_too_many_cells",
        f"row has {len(cells)} cells, the header {width}: "
        + ("a stray '|' inside a cell was taken as text" if merged else "extra cells dropped"),
        line,
        width,
        len(cells),
    )
    if merged is None:
        kept = (*cells[: width - 1], _join(cells[width - 1 :]))
        return FittedRow(kept, row_index), issue
    return FittedRow(merged, row_index), issue


def _width_issue(check: str, message: str, line: int | None, width: int, cells: int) -> Issue:
    """A row whose number of cells is not the header's."""
    return Issue(check, message, line, expected=str(width), observed=str(cells))


def _join(cells: Sequence[Cell], separator: str = " | ") -> Cell:
    return Cell(separator.join(c.text for c in cells), line=cells[0].line, page=cells[0].page)


def _fit_by_spaces(
    cells: Sequence[Cell], header: HeaderMap, row_index: int
) -> tuple[FittedRow, Issue]:
    width = len(header.roles)
    line = cells[0].line if cells else None
    if len(cells) > width:
        fitted = _merge_extra(cells, header, separator=" ")
        what = "cells holding spaces were rejoined where they fit their columns best"
    else:
        fitted = _place_missing(cells, header)
        what = "empty cells were placed where the other cells fit their columns best"
    if fitted is None:  # too many possibilities: keep the row as it is, padded or cut
        fitted = tuple(cells[:width]) + tuple(
            Cell("", line=line) for _ in range(width - len(cells))
        )
    issue = _width_issue(
        "row_ambiguous",
        f"a space-joined row has {len(cells)} parts for {width} columns: {what}; check it",
        line,
        width,
        len(cells),
    )
    return FittedRow(fitted, row_index), issue


def _place_missing(cells: Sequence[Cell], header: HeaderMap) -> tuple[Cell, ...] | None:
    width = len(header.roles)
    missing = width - len(cells)
    if math.comb(width, missing) > MAX_CANDIDATES:
        return None
    line = cells[0].line if cells else None
    best: tuple[float, tuple[Cell, ...]] | None = None
    for empty in itertools.combinations(range(width), missing):
        values = iter(cells)
        candidate = tuple(Cell("", line=line) if i in empty else next(values) for i in range(width))
        score = sum(
            _fit(role, c.text, False) for role, c in zip(header.roles, candidate, strict=True)
        )
        if best is None or score > best[0]:
            best = (score, candidate)
    return best[1] if best else None


def _merge_extra(
    cells: Sequence[Cell], header: HeaderMap, separator: str = " | "
) -> tuple[Cell, ...] | None:
    width = len(header.roles)
    extra = len(cells) - width
    if math.comb(len(cells) - 1, extra) > MAX_CANDIDATES:
        return None
    best: tuple[float, tuple[Cell, ...]] | None = None
    # Choose `extra` of the gaps between cells to close.
    for gaps in itertools.combinations(range(1, len(cells)), extra):
        groups: list[list[Cell]] = [[cells[0]]]
        for position in range(1, len(cells)):
            if position in gaps:
                groups[-1].append(cells[position])
            else:
                groups.append([cells[position]])
        candidate = tuple(
            _join(group, separator) if len(group) > 1 else group[0] for group in groups
        )
        score = sum(
            _fit(role, cell.text, len(group) > 1, pipe=separator == " | ")
            for role, cell, group in zip(header.roles, candidate, groups, strict=True)
        )
        if best is None or score > best[0]:
            best = (score, candidate)
    return best[1] if best else None


def _fit(role: str | None, text: str, merged: bool, *, pipe: bool = True) -> float:
    """How well `text` fits a column of `role` (higher is better)."""
    score = 0.0
    if role == "id":
        score += 2 if _ID.match(text) else (-3 if text else -1)
    elif role == "status":
        score += 2 if status_of_label(text) else (-0.5 if not text else -2)
    elif role in ("units", "people"):
        if looks_like_units(text):
            score += 2
        else:
            score += 1 if len(text) <= 30 and not re.search(r"[。，,；;:：]", text) else -1
    elif role == "item":
        score += 1 if 0 < len(text) <= 60 else -1
    elif role in ("target", "progress"):
        if not text:
            score -= 0.5
        elif looks_like_units(text):
            score -= 1  # an organisation's name is not a target or a progress report
        elif text.endswith(("。", "；", ";", "！", "!")):
            score += 0.5  # cells of free text end where a sentence ends
    if merged and pipe and role in ("target", "progress", "remark"):
        score += 0.5  # long free text is where a stray pipe usually hides
    if merged and not pipe and role in ("units", "people") and looks_like_units(text):
        score += 0.5  # 文旅局 各镇街: the commonest space inside a cell
    return score
