"""Where the text is on a page image with a ruled table: the lines of each cell, cut out to be
recognised alone, and the parts of the page outside the table, for the engine to search.

Inside a cell, less a frame at its edges where the ruling lines reach in, the text lines are
the bands of rows that hold ink. A band too short to be a line of its own (the strokes of 二 or
三 with paper between them) joins the next when the two together are no taller than a line; how
tall a line is, is the page's median band. Each line is cut out with a margin of paper. Reading
the lines of the cells directly is faster than finding text on the whole page, and puts every
line in the cell it was cut from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from parsers.ocr_grid import Grid, ink_below

EDGE = 5  # pixels at each edge of a cell where a ruling line may reach in: not text
MIN_INK = 6  # pixels of ink: fewer in a band or region is a speck, not text
JOIN = 1.3  # bands are joined while together they are at most this many lines tall
MARGIN = 0.3  # of a line's height: the paper kept around a line cut out
ROOM = 10  # pixels of paper kept around the ink of a part of the page searched


@dataclass(frozen=True)
class Line:
    """A text line of a cell: where its ink is on the page, and the image to recognise."""

    box: tuple[int, int, int, int]  # x0, y0, x1, y1
    image: Any  # 2-D grey array


def cell_lines(grey: Any, grid: Grid) -> list[Line]:
    """The text lines of the table's cells (a straightened page, mode L), cell by cell."""
    page = np.asarray(grey)
    cells = [
        (cell, bounds)
        for bounds in _cells(grid)
        if (cell := _clean(page, bounds, grid.dark)) is not None
    ]
    bands = [(cell, bounds, _bands(cell[1])) for cell, bounds in cells]
    heights = [b - a for _, _, found in bands for a, b in found]
    if not heights:
        return []
    height = float(np.median(heights))
    lines: list[Line] = []
    for (pixels, ink), (x0, y0, _, _), found in bands:
        for top, bottom in _joined(found, height):
            columns = np.flatnonzero(ink[top:bottom].any(axis=0))
            left, right = int(columns[0]), int(columns[-1]) + 1
            box = (x0 + left, y0 + top, x0 + right, y0 + bottom)
            lines.append(Line(box, _cut(pixels, top, bottom, left, right)))
    return lines


def _cells(grid: Grid) -> Iterator[tuple[int, int, int, int]]:
    """The bounds (x0, y0, x1, y1) of each cell where a merge starts or that is not merged."""
    for r, flags in enumerate(grid.merged):
        for c, merged in enumerate(flags):
            if merged is None:
                rows, columns = grid.spans(r, c)
                yield grid.xs[c], grid.ys[r], grid.xs[c + columns], grid.ys[r + rows]


def _clean(page: Any, bounds: tuple[int, int, int, int], dark: int) -> tuple[Any, Any] | None:
    """A cell's pixels and its ink, leaving out a frame at its edges where the ruling lines
    reach in; None if the cell is too small to hold text."""
    x0, y0, x1, y1 = bounds
    if x1 - x0 <= 2 * EDGE or y1 - y0 <= 2 * EDGE:
        return None
    pixels = page[y0:y1, x0:x1]
    ink = pixels < dark
    ink[:EDGE], ink[-EDGE:], ink[:, :EDGE], ink[:, -EDGE:] = False, False, False, False
    return pixels, ink


def _bands(ink: Any) -> list[tuple[int, int]]:
    """The runs of rows holding ink (top, bottom), without specks."""
    flags = np.concatenate(([0], ink.any(axis=1).astype(np.int8), [0]))
    edges = np.diff(flags)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [
        (int(a), int(b)) for a, b in zip(starts, ends, strict=True) if ink[a:b].sum() >= MIN_INK
    ]


def _joined(bands: list[tuple[int, int]], height: float) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for top, bottom in bands:
        if joined and bottom - joined[-1][0] <= JOIN * height:
            joined[-1] = (joined[-1][0], bottom)
        else:
            joined.append((top, bottom))
    return joined


def _cut(pixels: Any, top: int, bottom: int, left: int, right: int) -> Any:
    """The line's pixels with a margin of paper around them."""
    margin = max(2, round(MARGIN * (bottom - top)))
    paper = int(np.median(pixels))
    line = pixels[top:bottom, left:right]
    return np.pad(line, margin, constant_values=paper)


def outside(grey: Any, grid: Grid | None) -> list[tuple[int, int, int, int]]:
    """The parts of the page (x0, y0, x1, y1) outside the table that hold ink, each cropped to
    its ink with some paper around it: above, below, left and right of the table (the whole
    page without one)."""
    page = np.asarray(grey)
    height, width = page.shape
    dark = grid.dark if grid else ink_below(grey)
    if grid is None:
        parts = [(0, 0, width, height)]
    else:
        (left, top), (right, bottom) = (grid.xs[0], grid.top), (grid.xs[-1], grid.bottom)
        parts = [
            (0, 0, width, max(top - EDGE, 0)),
            (0, min(bottom + EDGE, height), width, height),
            (0, top, max(left - EDGE, 0), bottom),
            (min(right + EDGE, width), top, width, bottom),
        ]
    found: list[tuple[int, int, int, int]] = []
    for x0, y0, x1, y1 in parts:
        ink = page[y0:y1, x0:x1] < dark
        if ink.sum() < MIN_INK:
            continue
        rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
        found.append(
            (
                max(x0 + int(columns[0]) - ROOM, x0),
                max(y0 + int(rows[0]) - ROOM, y0),
                min(x0 + int(columns[-1]) + 1 + ROOM, x1),
                min(y0 + int(rows[-1]) + 1 + ROOM, y1),
            )
        )
    return found
