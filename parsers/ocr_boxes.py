"""A table without ruling lines, from where the engine found the text boxes of a page.

The boxes are grouped into rows by vertical overlap. The table is the longest run of rows of at
least two boxes each (a paragraph line is one box); its columns are where the boxes' left
edges line up: the left edges are clustered, and a cluster that at least `MIN_SHARE` of the
run's rows use is a column. A box goes to the column its left edge falls in (a box spanning
several columns to the first), one that starts between two columns to the nearer. A row with
nothing in the first column holds further lines of the cells of the row above (a cell's text
wrapped), as do the rows after the run whose boxes all start at a column other than the first.
It is a table only when at least `MIN_ROWS` rows have text in at least `MIN_COLUMNS` columns;
every other box stays a paragraph. Limits: a table of two columns, or whose first column is
empty in some rows or holds text set lower than the top line of the row, is not read as drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from parsers.document import Cell, Table
from parsers.ocr_engine import Box

ROW_OVERLAP = 0.5  # of the shorter height: boxes overlapping vertically this much share a row
ALIGN = 1.0  # of the median box height: left edges this close line up (one column)
MIN_SHARE = 0.5  # of the rows: a column is a line-up of left edges this share of rows use
MIN_ROWS = 3  # rows with text in at least MIN_COLUMNS columns make a table
MIN_COLUMNS = 3
MAX_WRAP = 3  # rows of one box (a cell's further lines) a table's rows may have between them


@dataclass(frozen=True)
class BoxTable:
    """A table read from the text boxes, where it is, and the boxes it took."""

    table: Table
    top: float
    bottom: float
    used: frozenset[int]  # indexes of the boxes in the table
    low: list[tuple[int, int, float]]  # (row, column, confidence) of cells below the threshold


def box_rows(boxes: Sequence[Box]) -> list[list[int]]:
    """The indexes of the boxes, grouped into rows top to bottom, each row left to right."""
    rows: list[list[int]] = []
    spans: list[tuple[float, float]] = []
    for i in sorted(range(len(boxes)), key=lambda i: (boxes[i][1], boxes[i][0])):
        top, bottom = boxes[i][1], boxes[i][3]
        if spans:
            row_top, row_bottom = spans[-1]
            shorter = min(bottom - top, row_bottom - row_top)
            if min(bottom, row_bottom) - max(top, row_top) >= ROW_OVERLAP * shorter > 0:
                rows[-1].append(i)
                spans[-1] = (min(top, row_top), max(bottom, row_bottom))
                continue
        rows.append([i])
        spans.append((top, bottom))
    return [sorted(row, key=lambda i: boxes[i][0]) for row in rows]


def _seed(rows: list[list[int]]) -> list[int]:
    """The rows of the longest run of rows of at least two boxes, with at most `MAX_WRAP` rows of
    one box between two of them (the first of equals)."""
    runs: list[list[int]] = []
    for r, row in enumerate(rows):
        if len(row) < 2:
            continue
        if runs and r - runs[-1][-1] - 1 <= MAX_WRAP:
            runs[-1].append(r)
        else:
            runs.append([r])
    return max(runs, key=len, default=[])


def _columns(
    boxes: Sequence[Box], rows: list[list[int]], tolerance: float
) -> list[tuple[float, float]]:
    """The columns (left, right) where the rows' left edges line up."""
    clusters: list[list[tuple[float, int, float]]] = []  # (left, row, right) of each box
    for left, r, right in sorted(
        (boxes[i][0], r, boxes[i][2]) for r, row in enumerate(rows) for i in row
    ):
        if clusters and left - clusters[-1][-1][0] <= tolerance:
            clusters[-1].append((left, r, right))
        else:
            clusters.append([(left, r, right)])
    used = [c for c in clusters if len({r for _, r, _ in c}) >= MIN_SHARE * len(rows)]
    lefts = [c[0][0] for c in used] + [float("inf")]
    # a column ends where its boxes end, leaving out those reaching into the next column
    return [
        (left, max((x for _, _, x in c if x <= lefts[k + 1]), default=lefts[k + 1]))
        for k, (left, c) in enumerate(zip(lefts, used, strict=False))
    ]


def _column(x: float, columns: list[tuple[float, float]], tolerance: float) -> int:
    """The column a box starting at `x` goes to."""
    for k, (left, right) in enumerate(columns):
        if x < left - tolerance:
            if k == 0:
                return 0
            return k if left - x < x - columns[k - 1][1] else k - 1
        if x <= right:
            return k
    return len(columns) - 1


def _aligned(x: float, columns: list[tuple[float, float]], tolerance: float) -> int | None:
    return next((k for k, (left, _) in enumerate(columns) if abs(x - left) <= tolerance), None)


def _extent(
    boxes: Sequence[Box],
    rows: list[list[int]],
    end: int,
    columns: list[tuple[float, float]],
    tolerance: float,
) -> int:
    """Where the table ends: after the run, the rows whose boxes all start at a column other
    than the first are further lines of its last row's cells."""
    while end < len(rows):
        found = [_aligned(boxes[i][0], columns, tolerance) for i in rows[end]]
        if any(k is None or k == 0 for k in found):
            break
        end += 1
    return end


def box_table(boxes: Sequence[Box], page: int, low_below: float) -> BoxTable | None:
    """The table the boxes of a page form, or None; cells read below `low_below` listed."""
    if not boxes:
        return None
    rows = box_rows(boxes)
    seed = _seed(rows)
    if len(seed) < MIN_ROWS:
        return None
    tolerance = ALIGN * median(b[3] - b[1] for b in boxes)
    columns = _columns(boxes, [rows[r] for r in seed], tolerance)
    if len(columns) < MIN_COLUMNS:
        return None
    start, end = seed[0], _extent(boxes, rows, seed[-1] + 1, columns, tolerance)
    grouped: list[list[list[int]]] = []  # the table's rows, each its columns' box indexes
    for row in rows[start:end]:
        places = [
            [i for i in row if _column(boxes[i][0], columns, tolerance) == k]
            for k in range(len(columns))
        ]
        if grouped and not places[0]:
            for cell, more in zip(grouped[-1], places, strict=True):
                cell += more
        else:
            grouped.append(places)
    if sum(sum(1 for cell in row if cell) >= MIN_COLUMNS for row in grouped) < MIN_ROWS:
        return None
    table_rows, low = _cells(boxes, grouped, page, low_below)
    used = frozenset(i for row in rows[start:end] for i in row)
    top = min(boxes[i][1] for i in used)
    bottom = max(boxes[i][3] for i in used)
    return BoxTable(Table(rows=table_rows, page=page), top, bottom, used, low)


def _cells(
    boxes: Sequence[Box], grouped: list[list[list[int]]], page: int, low_below: float
) -> tuple[tuple[tuple[Cell, ...], ...], list[tuple[int, int, float]]]:
    """The cells: each its boxes' text, a line per row of boxes, and their lowest confidence."""
    out: list[tuple[Cell, ...]] = []
    low: list[tuple[int, int, float]] = []
    for r, row in enumerate(grouped):
        cells: list[Cell] = []
        for c, found in enumerate(row):
            mine = [boxes[i] for i in found]
            text = "\n".join("".join(mine[i][4] for i in line) for line in box_rows(mine))
            confidence = min((boxes[i][5] for i in found), default=None)
            if confidence is not None and confidence < low_below:
                low.append((r, c, confidence))
            cells.append(Cell(text, page=page, confidence=confidence))
        out.append(tuple(cells))
    return tuple(out), low
