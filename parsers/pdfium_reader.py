"""The pdfium engine: ruled tables and text of a PDF's pages from pdfium (through `tablers`).

Cell geometry comes from the ruling lines and rectangles pdfium draws (the "lines" strategy, as
with pdfplumber); text from pdfium's characters. pdfium gives characters in content-stream
order, where LibreOffice writes the Latin and digit runs of a line after its CJK text: they are
put back in reading order by line (vertical centre) and position. A space is a wide gap between
two characters or a space the file draws (it has a width), as pdfplumber has them; pdfium also
makes up spaces of no width where text objects meet, which count only over a gap as wide as a
space.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from parsers.document import Table
from parsers.errors import TooLarge
from parsers.pdf_layout import MAX_PAGES, Box, Line, PageRead, grid, place_tables

# Characters whose vertical centres are this close (points) are on one line.
LINE_TOLERANCE = 3.0
# A gap wider than this (points) between two characters of a line is a space.
SPACE_GAP = 3.0
# A space of no width counts where the next character is at least this far (points) away: pdfium
# makes up such spaces between text objects, also where Word and LibreOffice only widen the gap
# between CJK and Latin text (about 0.2 em; a space is about 0.26 em at 10.5 pt).
MIN_SPACE = 2.5

T = TypeVar("T")
# A space with at least this width (points) is drawn by the file.
DRAWN = 0.1
NO_SPACE, MADE_UP, DRAWN_SPACE = 0, 1, 2
# text, x0, x1, vertical centre, the space that follows in the content stream (one of the above)
Char = tuple[str, float, float, float, int]


def read_pages(raw: bytes, path: str) -> list[PageRead | None] | None:
    """Each page read, None for a page pdfium cannot read; None if it cannot open the file.
    Raises `TooLarge` for a file over the page limit."""
    try:
        import tablers
    except ImportError:  # no pdfium for this platform: the other engine reads everything
        return None
    # encrypted, truncated, not a PDF: the other engine says which
    document = _attempt(lambda: tablers.Document(bytes=raw))
    if document is None:
        return None
    try:
        count = _attempt(lambda: int(document.page_count))
        if count is None:
            return None
        if count > MAX_PAGES:
            raise TooLarge(path, f"{count} pages is over the {MAX_PAGES}-page limit")
        return [_page_or_none(tablers, document, number) for number in range(1, count + 1)]
    finally:
        _attempt(document.close)


def _page_or_none(tablers: Any, document: Any, number: int) -> PageRead | None:
    """A page pdfium cannot take apart is None: the other engine reads it."""
    page = _attempt(lambda: document.get_page(number - 1))
    if page is None:
        return None
    try:
        return _attempt(lambda: _read_page(tablers, page, number))
    finally:
        _attempt(page.clear_cache)


def _attempt(call: Callable[[], T]) -> T | None:
    """`call()`, or None where pdfium fails on the file: an exception, or a panic of the native
    code (which arrives as a BaseException, PanicException). Memory errors, timeouts and
    interrupts go on."""
    try:
        return call()
    except MemoryError:
        raise
    except Exception:
        return None
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise
        return None


def _read_page(tablers: Any, page: Any, number: int) -> PageRead:
    found = tablers.find_tables(
        page, extract_text=False, vertical_strategy="lines", horizontal_strategy="lines"
    )
    page.extract_objects()
    objects = page.objects
    chars: list[Char] = []
    for char in objects.chars if objects is not None else ():
        text = char.unicode_char
        if not text:
            continue
        x0, top, x1, bottom = char.bbox
        if text.isspace():  # drawn, or made up by pdfium (line ends, between text objects)
            if chars and text == " ":
                space = DRAWN_SPACE if x1 - x0 >= DRAWN else max(chars[-1][4], MADE_UP)
                chars[-1] = (*chars[-1][:4], space)
            continue
        chars.append((text, x0, x1, (top + bottom) / 2, NO_SPACE))
    lines = _lines(chars)
    layouts = [_TableLayout(table) for table in found]
    outside: list[list[Char]] = []
    for line in lines:
        rest = [c for c in line if not any(t.take(c) for t in layouts)]
        if rest:
            outside.append(rest)
    read = PageRead(chars=len(chars))
    tables = [(t.box, Table(rows=t.rows(number), page=number)) for t in layouts]
    place_tables(read, number, tables, [_line(chars) for chars in outside])
    return read


def _lines(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters grouped into lines (top to bottom), each in reading order (left to right)."""
    lines: list[list[Char]] = []
    start = float("-inf")
    for char in sorted(chars, key=lambda c: c[3]):
        if char[3] - start > LINE_TOLERANCE:
            lines.append([])
            start = char[3]
        lines[-1].append(char)
    for line in lines:
        line.sort(key=lambda c: c[1])
    return lines


def _text(line: Sequence[Char]) -> str:
    """A line's text: a drawn space or a wide gap between two characters is one space."""
    parts: list[str] = []
    previous: float | None = None
    space = NO_SPACE
    for text, x0, x1, _, space_after in line:
        if previous is not None:
            gap = x0 - previous
            if gap > SPACE_GAP or space == DRAWN_SPACE or (space and gap >= MIN_SPACE):
                parts.append(" ")
        parts.append(text)
        previous, space = x1, space_after
    return "".join(parts)


def _line(chars: Sequence[Char]) -> Line:
    centre = chars[0][3]
    return Line(_text(chars), chars[0][1], max(c[2] for c in chars), centre, centre)


class _TableLayout:
    """One table's cells, and the characters that fall in each (by their centre)."""

    def __init__(self, table: Any) -> None:
        self.box: Box = tuple(table.bbox)
        self.boxes: list[list[Box | None]] = [
            [None if cell is None else tuple(cell.bbox) for cell in row.cells] for row in table.rows
        ]
        self.columns: list[Box] = [tuple(column.bbox) for column in table.columns]
        self.row_tops = [row[1] for row in (tuple(r.bbox) for r in table.rows)]
        self.column_lefts = [column[0] for column in self.columns]
        self.found: dict[Box, list[list[Char]]] = {}

    def take(self, char: Char) -> bool:
        """Whether the character lies in this table; if so, it joins its cell's text."""
        _, x0, x1, y, _ = char
        x = (x0 + x1) / 2
        left, top, right, bottom = self.box
        if not (left <= x <= right and top <= y <= bottom):
            return False
        cell = self._cell_at(x, y)
        if cell is not None:
            lines = self.found.setdefault(cell, [])
            if not lines or y - lines[-1][0][3] > LINE_TOLERANCE:
                lines.append([])
            lines[-1].append(char)
        return True

    def _cell_at(self, x: float, y: float) -> Box | None:
        r = max(bisect.bisect_right(self.row_tops, y) - 1, 0)
        c = max(bisect.bisect_right(self.column_lefts, x) - 1, 0)
        box = self.boxes[r][c] if c < len(self.boxes[r]) else None
        if box is not None and _contains(box, x, y):
            return box
        for row in self.boxes:  # covered by a merge: the merge's origin holds it
            for other in row:
                if other is not None and _contains(other, x, y):
                    return other
        return None

    def rows(self, page: int) -> Any:
        def text_of(r: int, c: int) -> str:
            box = self.boxes[r][c]
            lines = self.found.get(box, []) if box is not None else []
            return "\n".join(_text(line) for line in lines)

        return grid(self.boxes, self.columns, text_of, page)


def _contains(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]
