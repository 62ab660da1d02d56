"""The table grid of a page image, from its ruling lines: for reading scans.

The page is first straightened (a scan is rarely square to the paper): of small turns, the one
whose rows of ink are sharpest. A ruling line is made of runs of dark pixels far longer than
any stroke of a character; the lines found give the grid's rows and columns, and a cell
boundary where the line is missing is a merge (the cell joins its neighbour to the left, or
above).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

DARK = 140  # grey level below which a pixel is ink, for straightening
# A page's ink, for its rules and text: darker than its paper (the median) by this share of the
# way from the paper to its darkest ink. A rule one pixel thick, turned and straightened again,
# is smeared over two rows at half its darkness: it must still count.
INK_SHARE = 0.35
MIN_CONTRAST = 100  # grey levels: a page with less between its paper and ink is taken to have this
ANGLES = tuple(a / 10 for a in range(-15, 16))  # degrees tried when straightening
MIN_HORIZONTAL = 0.25  # of the page width: the shortest run that is a horizontal rule
MIN_VERTICAL = 0.4  # of the table height: the shortest run that is a vertical rule
MIN_RUN = 40  # pixels: longer than a stroke of a character at 150 dpi
# share of a boundary that must be ink, along one line of pixels, for the rule to be there:
# text that crosses a merged cell's boundary is ink along it for a character's height at most
PRESENT = 0.85


@dataclass(frozen=True)
class Grid:
    """A ruled table on a page: line positions (pixels) and, per cell, whether it continues its
    left or upper neighbour ("left", "up") or starts a cell (None)."""

    ys: tuple[int, ...]
    xs: tuple[int, ...]
    merged: tuple[tuple[str | None, ...], ...]
    dark: int = DARK  # grey level below which a pixel of this page is ink (`ink_below`)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The origin cell (row, column) holding the point, if it is inside the table."""
        row = _index(self.ys, y)
        column = _index(self.xs, x)
        if row is None or column is None:
            return None
        while self.merged[row][column] is not None:
            if self.merged[row][column] == "left":
                column -= 1
            else:
                row -= 1
        return row, column

    def spans(self, row: int, column: int) -> tuple[int, int]:
        """How many rows and columns the cell starting at (row, column) covers."""
        columns = 1
        while column + columns < len(self.xs) - 1 and self.merged[row][column + columns] == "left":
            columns += 1
        rows = 1
        while row + rows < len(self.ys) - 1 and self.merged[row + rows][column] == "up":
            rows += 1
        return rows, columns

    @property
    def top(self) -> int:
        return self.ys[0]

    @property
    def bottom(self) -> int:
        return self.ys[-1]


def _index(lines: Sequence[int], value: float) -> int | None:
    for i in range(len(lines) - 1):
        if lines[i] <= value < lines[i + 1]:
            return i
    return None


def straighten(grey: Any) -> Any:
    """The page image (a PIL image, mode L) turned by the angle that squares its rows."""
    from PIL import Image

    ink = grey.point(lambda v: 255 if v < DARK else 0)  # ink white: turning fills with none
    small = ink.resize((grey.width // 2, grey.height // 2), resample=Image.Resampling.BOX)
    best, best_score = 0.0, -1.0
    for angle in ANGLES:
        turned = np.asarray(small.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0))
        profile = turned.sum(axis=1).astype(np.float64)
        score = float((profile**2).sum())
        if score > best_score:
            best, best_score = angle, score
    if best == 0.0:
        return grey
    return grey.rotate(best, resample=Image.Resampling.BICUBIC, fillcolor=255)


def _long_ink(ink: Any) -> Any:
    """Per row of a boolean array, the total length of its runs of True longer than any stroke
    of a character (`MIN_RUN`): a rule broken by a merged cell still counts its pieces."""
    padded = np.pad(ink.astype(np.int8), ((0, 0), (1, 1)))
    edges = np.diff(padded, axis=1)
    total = np.zeros(ink.shape[0], dtype=np.int64)
    for row in range(ink.shape[0]):
        starts = np.flatnonzero(edges[row] == 1)
        if starts.size:
            runs = np.flatnonzero(edges[row] == -1) - starts
            total[row] = int(runs[runs >= MIN_RUN].sum())
    return total


def _positions(flags: Any) -> list[int]:
    """The middle of each run of adjacent True entries (a line a few pixels thick)."""
    found: list[int] = []
    index = np.flatnonzero(flags)
    if not index.size:
        return found
    start = previous = int(index[0])
    for i in index[1:]:
        i = int(i)
        if i > previous + 3:
            found.append((start + previous) // 2)
            start = i
        previous = i
    found.append((start + previous) // 2)
    return found


def ink_below(grey: Any) -> int:
    """The grey level below which a pixel of the page (mode L) is ink: grey scans have grey
    paper and ink that is not black."""
    page = np.asarray(grey)
    paper = float(np.median(page))
    darkest = float(np.percentile(page, 0.2))
    return round(paper - INK_SHARE * max(paper - darkest, MIN_CONTRAST))


def find_grid(grey: Any) -> Grid | None:
    """The ruled table of a straightened page (mode L), or None without one."""
    dark = ink_below(grey)
    ink = np.asarray(grey) < dark
    ink = ink | np.roll(ink, 1, axis=1) | np.roll(ink, 1, axis=0)  # bridge one-pixel gaps
    width = ink.shape[1]
    ys = _positions(_long_ink(ink) >= MIN_HORIZONTAL * width)
    if len(ys) < 2:
        return None
    band = ink[ys[0] : ys[-1] + 1]
    xs = _positions(_long_ink(band.T) >= MIN_VERTICAL * (ys[-1] - ys[0]))
    if len(xs) < 2:
        return None
    merged = tuple(
        tuple(_merge(ink, ys, xs, r, c) for c in range(len(xs) - 1)) for r in range(len(ys) - 1)
    )
    return Grid(tuple(ys), tuple(xs), merged, dark)


def _merge(ink: Any, ys: Sequence[int], xs: Sequence[int], row: int, column: int) -> str | None:
    if column > 0 and not _line(
        ink[ys[row] + 3 : ys[row + 1] - 2, xs[column] - 3 : xs[column] + 4]
    ):
        return "left"
    if row > 0 and not _line(ink[ys[row] - 3 : ys[row] + 4, xs[column] + 3 : xs[column + 1] - 2].T):
        return "up"
    return None


def _line(strip: Any) -> bool:
    """Whether a boundary strip (along its rows; columns across the line) holds a line."""
    if strip.size == 0:
        return True
    return float(strip.mean(axis=0).max()) >= PRESENT
