"""From a reader's `Table` to header + data rows of exactly the header's width.

Stages, each a small function: `reflow` (cells in reading order -> rows, for tables whose
source does not mark row ends), `locate_header`, `fit_row` (repair rows with a stray pipe or a
missing cell, reporting each repair).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.document import Cell, Table
from pipeline.header import HeaderMap, header_role, map_header
from pipeline.status import status_of_label

# The header is looked for among a table's first rows.
MAX_HEADER_ROW = 5
# A header needs at least this many cells that the vocabulary knows.
MIN_KNOWN_HEADERS = 2
# Rows with more extra cells than this are not repaired by search (too many ways to merge).
MAX_MERGES = 3
_FIRST_ID = re.compile(r"^[\s(（*]*[1１一][\s)）.、*]*$")
_ID = re.compile(r"^[\s(（*]*\d{1,4}[\s)）.、*]*$")


@dataclass(frozen=True)
class RowIssue:
    check: str
    severity: str
    message: str
    row_index: int
    line: int | None
    expected: str | None = None
    observed: str | None = None


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
    return best


def fit_row(
    cells: Sequence[Cell], header: HeaderMap, row_index: int
) -> tuple[FittedRow, RowIssue | None]:
    """Make a row exactly as wide as the header, saying what was done.

    Too few cells: padded with empty cells on the right (merged or vanished cells usually sit
    at the end). Too many: a stray `|` inside a cell split it; of all ways to merge adjacent
    cells back, the one whose cells best fit their columns is kept.
    """
    width = len(header.roles)
    line = cells[0].line if cells else None
    if len(cells) == width:
        return FittedRow(tuple(cells), row_index), None
    if len(cells) < width:
        padded = tuple(cells) + tuple(Cell("", line=line) for _ in range(width - len(cells)))
        issue = RowIssue(
            "row_too_few_cells",
            "warning",
            f"row has {len(cells)} cells, the header {width}: empty cells added on the right",
            row_index,
            line,
            expected=str(width),
            observed=str(len(cells)),
        )
        return FittedRow(padded, row_index), issue
    merged = _merge_extra(cells, header)
    issue = RowIssue(
        "row_too_many_cells",
        "warning",
        f"row has {len(cells)} cells, the header {width}: "
        + ("a stray '|' inside a cell was taken as text" if merged else "extra cells dropped"),
        row_index,
        line,
        expected=str(width),
        observed=str(len(cells)),
    )
    if merged is None:
        kept = (*cells[: width - 1], _join(cells[width - 1 :]))
        return FittedRow(kept, row_index), issue
    return FittedRow(merged, row_index), issue


def _join(cells: Sequence[Cell]) -> Cell:
    return Cell(" | ".join(c.text for c in cells), line=cells[0].line, page=cells[0].page)


def _merge_extra(cells: Sequence[Cell], header: HeaderMap) -> tuple[Cell, ...] | None:
    width = len(header.roles)
    extra = len(cells) - width
    if extra > MAX_MERGES:
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
        candidate = tuple(_join(group) if len(group) > 1 else group[0] for group in groups)
        score = sum(
            _fit(role, cell.text, len(group) > 1)
            for role, cell, group in zip(header.roles, candidate, groups, strict=True)
        )
        if best is None or score > best[0]:
            best = (score, candidate)
    return best[1] if best else None


def _fit(role: str | None, text: str, merged: bool) -> float:
    """How well `text` fits a column of `role` (higher is better)."""
    score = 0.0
    if role == "id":
        score += 2 if (_ID.match(text) or not text) else -3
    elif role == "status":
        score += 2 if (status_of_label(text) or not text) else -2
    elif role in ("units", "people"):
        score += 1 if len(text) <= 30 and not re.search(r"[。，,；;]", text) else -1
    elif role == "item":
        score += 1 if len(text) <= 60 else -1
    if merged and role in ("target", "progress", "remark"):
        score += 0.5  # long free text is where a stray pipe usually hides
    return score
