"""What both PDF engines share: a page's reading, paragraphs from text lines, merged-cell
placeholders, and the assembly of a `Document` from the pages read.

An engine turns one page into a `PageRead`: the table pieces found on it and the paragraphs
outside them, each with a sort key (page * 1e6 + top) that puts blocks in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from parsers.document import Block, Cell, Document, Paragraph, Table
from parsers.encoding import plausibility
from parsers.stitch import PagePiece, stitch

# A line at least this share of the text width long was wrapped: the paragraph goes on.
FULL_LINE = 0.85
SENTENCE_END = ("。", ":", "：", "!", "！", "?", "？")
# Page numbers: "- 3 -", "第3页", "3/15", "3".
PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页|頁)?(?:\s*/\s*\d{1,4}\s*(?:页|頁)?)?[-—–\s]*$"
)
# PDFs with more pages than this are refused: bulletins run to dozens of pages, and a parser
# fed thousands would hold a worker for many minutes.
MAX_PAGES = 500
# Tolerance (points) for geometry comparisons.
TOLERANCE = 2.0

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True)
class Line:
    """One line of text outside the tables, as the paragraph grouping needs it."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class PageRead:
    """What an engine read from one page."""

    pieces: list[tuple[PagePiece, float]] = field(default_factory=list)
    paragraphs: list[tuple[Paragraph, float]] = field(default_factory=list)
    chars: int = 0
    images: int = 0


def place_tables(
    read: PageRead, number: int, tables: Sequence[tuple[Box, Table]], lines: Sequence[Line]
) -> None:
    """Record the page's tables (with whether text lies above or below them) and paragraphs."""
    lines = [line for line in lines if not PAGE_NUMBER.match(line.text)]
    for (_, top, _, bottom), table in tables:
        piece = PagePiece(
            table=table,
            page=number,
            first_on_page=not any(line.bottom <= top + TOLERANCE for line in lines),
            last_on_page=not any(line.top >= bottom - TOLERANCE for line in lines),
        )
        read.pieces.append((piece, number * 1e6 + top))
    for text, top in paragraphs(lines):
        read.paragraphs.append((Paragraph(text=text, page=number), number * 1e6 + top))


def paragraphs(lines: Sequence[Line]) -> Iterator[tuple[str, float]]:
    """Group text lines into paragraphs: a line that fills the text width was wrapped."""
    if not lines:
        return
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    width = max(right - left, 1.0)
    text, top, wrapped = "", 0.0, False
    for line in lines:
        if wrapped:
            text += "\n" + line.text.strip()
        else:
            if text:
                yield text, top
            text, top = line.text.strip(), line.top
        # Line-breaking rules for Chinese (no 、；。 at a line start) leave wrapped lines up to
        # two characters short of the margin, so only the width counts, and a sentence end.
        wrapped = (line.x1 - line.x0) >= FULL_LINE * width and not line.text.rstrip().endswith(
            SENTENCE_END
        )
    if text:
        yield text, top


def grid(
    rows: Sequence[Sequence[Box | None]],
    columns: Sequence[Box],
    text_of: Callable[[int, int], str],
    page: int,
) -> tuple[tuple[Cell, ...], ...]:
    """Cells in grid positions (`text_of(row, column)` gives a cell's text); positions covered
    by a merge (None boxes) become placeholders whose direction is read from the geometry."""
    grid_rows: list[tuple[Cell, ...]] = []
    for r, boxes in enumerate(rows):
        cells: list[Cell] = []
        for c, box in enumerate(boxes):
            if box is not None:
                cells.append(Cell(text_of(r, c), page=page))
                continue
            left = _origin_to_the_left(boxes, c, columns)
            cells.append(Cell("", page=page, merged="left" if left else "up"))
        grid_rows.append(tuple(cells))
    return tuple(grid_rows)


def _origin_to_the_left(boxes: Sequence[Box | None], column: int, columns: Sequence[Box]) -> bool:
    for c in range(column - 1, -1, -1):
        box = boxes[c]
        if box is not None:
            return bool(box[2] >= columns[column][2] - TOLERANCE)
    return False


def text_sample(pages: Sequence[PageRead]) -> str:
    """Every character read, for the plausibility check."""
    return "".join(
        [p.text for page in pages for p, _ in page.paragraphs]
        + [c.text for page in pages for piece, _ in page.pieces for c in piece.table.cells]
    )


def score(pages: Sequence[PageRead]) -> float:
    return plausibility(text_sample(pages))


def assemble(path: str, sha256: str, pages: Sequence[PageRead]) -> Document:
    """Stitch the pages' tables and put every block in reading order."""
    pieces = [piece for page in pages for piece in page.pieces]
    found = [p for page in pages for p in page.paragraphs]
    tables, notes = stitch([p for p, _ in pieces])
    keyed: list[tuple[float, Block]] = [(key, p) for p, key in found]
    keyed += [(pieces[start][1], table) for start, table in tables]
    return Document(
        source_path=path,
        source_format="pdf",
        source_sha256=sha256,
        blocks=tuple(block for _, block in sorted(keyed, key=lambda item: item[0])),
        notes=tuple(notes),
    )
