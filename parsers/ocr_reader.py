"""Read scans (image-only PDFs, .png and .jpg pages) by offline OCR (`parsers.ocr_engine`).

Off unless asked for (`--ocr`, which sets `OCR_ENV` for the run and its workers). The models
ship in the engine's wheel: nothing is downloaded. Each page is straightened and its table
grid found from the ruling lines (`parsers.ocr_grid`); the text lines of each cell are cut out
and recognised where they are (`parsers.ocr_cells`), and the engine finds the text of the rest
of the page, whose lines become paragraphs as a PDF's do (a line as wide as the text was
wrapped; page numbers dropped). A page without ruling lines has its table, if any, from the
rows and columns of the text boxes the engine found (`parsers.ocr_boxes`). Each cell keeps the
lowest confidence of its lines (`Cell.confidence`); a page with cells read below
`LOW_CONFIDENCE` gets a note naming them, which the pipeline reports as a finding.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from parsers.document import Block, Cell, Document, Note, Paragraph, Table
from parsers.errors import CorruptFile, NoTextLayer, TooLarge
from parsers.ocr_boxes import box_table
from parsers.ocr_cells import cell_lines, outside
from parsers.ocr_engine import TEXT_SCORE, Box, detect, recognise
from parsers.ocr_grid import Grid, find_grid, straighten
from parsers.pdf_layout import PAGE_NUMBER, Line
from parsers.pdf_layout import paragraphs as wrapped
from parsers.stitch import PagePiece, stitch

OCR_ENV = "BULLETINS_OCR"
DPI = 150  # scanned PDF pages are rendered at this resolution
LOW_CONFIDENCE = 0.8
MAX_OCR_PAGES = 50
FOUND_NOTHING = "OCR found no text on any page"
INSTALL_HINT = "read it with --ocr (the OCR extra: pip install 'bulletins[ocr]')"


def ocr_enabled() -> bool:
    return os.environ.get(OCR_ENV, "") not in ("", "0")


def _ocr(grey: Any, grid: Grid | None) -> list[Box]:
    """The text of a page: each table cell's lines recognised where they are, and the text the
    engine finds in the rest of the page."""
    read: list[Box] = (
        [(*line.box, *recognise(line.image)) for line in cell_lines(grey, grid)] if grid else []
    )
    boxes = [box for box in read if box[4].strip() and box[5] >= TEXT_SCORE]
    page = np.asarray(grey)
    for x0, y0, x1, y1 in outside(grey, grid):
        boxes += detect(page[y0:y1, x0:x1], x0, y0)
    return boxes


def read_image(raw: bytes, *, path: str, sha256: str, source_format: str) -> Document:
    """A page image (.png, .jpg)."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(raw))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise CorruptFile(path, f"not a readable image ({type(exc).__name__}: {exc})") from exc
    return _document([image], path=path, sha256=sha256, source_format=source_format)


def read_scanned_pdf(raw: bytes, *, path: str, sha256: str) -> Document:
    """A PDF without a text layer, each page rendered at `DPI`."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(raw)
    except Exception as exc:  # pdfium's PdfiumError
        raise CorruptFile(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    try:
        if len(pdf) > MAX_OCR_PAGES:
            raise TooLarge(path, f"{len(pdf)} scanned pages is over the {MAX_OCR_PAGES}-page limit")
        images = [page.render(scale=DPI / 72).to_pil() for page in pdf]
    finally:
        pdf.close()
    return _document(images, path=path, sha256=sha256, source_format="pdf")


def _document(images: Sequence[Any], *, path: str, sha256: str, source_format: str) -> Document:
    keyed: list[tuple[float, Block]] = []
    pieces: list[tuple[PagePiece, float]] = []
    notes: list[Note] = []
    for number, image in enumerate(images, start=1):
        grey = straighten(image.convert("L"))
        grid = find_grid(grey)
        boxes = _ocr(grey, grid)
        paragraphs, piece, low = _page(boxes, grid, number)
        keyed += [(number * 1e6 + top, p) for top, p in paragraphs]
        if piece is not None:
            pieces.append((piece[0], number * 1e6 + piece[1]))
        if low:
            notes.append(_low_note(low, number))
    if not keyed and not pieces:
        raise NoTextLayer(path, FOUND_NOTHING)
    tables, joined = stitch([p for p, _ in pieces])
    keyed += [(pieces[start][1], table) for start, table in tables]
    blocks = tuple(block for _, block in sorted(keyed, key=lambda item: item[0]))
    return Document(path, source_format, sha256, blocks, notes=(*joined, *notes))


def _low_note(low: Sequence[tuple[int, int, float]], page: int) -> Note:
    listed = ", ".join(f"row {r + 1} column {c + 1} ({conf:.0%})" for r, c, conf in low[:10])
    more = f" and {len(low) - 10} more" if len(low) > 10 else ""
    return Note(
        "ocr_low_confidence",
        f"{len(low)} cell(s) read by OCR with confidence below {LOW_CONFIDENCE:.0%}:"
        f" {listed}{more}",
        page=page,
    )


Low = list[
    tuple[int, int, float]
]  # (row, column, confidence) of the cells read below LOW_CONFIDENCE


def _page(
    boxes: Sequence[Box], grid: Grid | None, page: int
) -> tuple[list[tuple[float, Paragraph]], tuple[PagePiece, float] | None, Low]:
    """A page's paragraphs (each with its top), its table with its top, and its cells read with
    a low confidence. Without ruling lines, the table is the one the text boxes form, if any."""
    inside: dict[tuple[int, int], list[Box]] = {}
    outside: list[Box] = []
    found = box_table(boxes, page, LOW_CONFIDENCE) if grid is None else None
    for index, box in enumerate(boxes):
        where = grid.cell_at((box[0] + box[2]) / 2, (box[1] + box[3]) / 2) if grid else None
        if found is not None and index in found.used:
            continue
        if where is None:
            outside.append(box)
        else:
            inside.setdefault(where, []).append(box)
    lines = [line for line in _lines(outside) if not PAGE_NUMBER.match(line.text)]
    paragraphs = [(top, Paragraph(text, page=page)) for text, top in wrapped(lines)]
    if grid is not None:
        rows, low = _rows(grid, inside, page)
        table, top, bottom = Table(rows=rows, page=page), float(grid.top), float(grid.bottom)
    elif found is not None:
        table, top, bottom, low = found.table, found.top, found.bottom, found.low
    else:
        return paragraphs, None, []
    above = [line for line in lines if line.bottom <= top]
    below = [line for line in lines if line.top >= bottom]
    return paragraphs, (PagePiece(table, page, not above, not below), top), low


def _rows(
    grid: Grid, inside: dict[tuple[int, int], list[Box]], page: int
) -> tuple[tuple[tuple[Cell, ...], ...], list[tuple[int, int, float]]]:
    rows: list[tuple[Cell, ...]] = []
    low: list[tuple[int, int, float]] = []
    for r, flags in enumerate(grid.merged):
        cells: list[Cell] = []
        for c, merged in enumerate(flags):
            if merged is not None:
                cells.append(Cell("", page=page, merged=merged))
                continue
            found = inside.get((r, c), [])
            text = "\n".join(line.text for line in _lines(found))
            confidence = min((b[5] for b in found), default=None)
            if confidence is not None and confidence < LOW_CONFIDENCE:
                low.append((r, c, confidence))
            row_span, col_span = grid.spans(r, c)
            cells.append(
                Cell(text, page=page, row_span=row_span, col_span=col_span, confidence=confidence)
            )
        rows.append(tuple(cells))
    return tuple(rows), low


def _lines(boxes: Sequence[Box]) -> Iterator[Line]:
    """Boxes grouped into lines (their vertical middles within half a box's height), each
    line's boxes left to right."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b[1] + b[3]) / 2):
        middle = (box[1] + box[3]) / 2
        if lines:
            last = lines[-1][-1]
            if abs(middle - (last[1] + last[3]) / 2) <= (last[3] - last[1]) / 2:
                lines[-1].append(box)
                continue
        lines.append([box])
    for line in lines:
        line.sort(key=lambda b: b[0])
        text = "".join(b[4] for b in line).strip()
        yield Line(
            text,
            line[0][0],
            max(b[2] for b in line),
            min(b[1] for b in line),
            max(b[3] for b in line),
        )
