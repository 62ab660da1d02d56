"""Read PDF bulletins (made from Word or LibreOffice) into a `Document`.

Two engines read a page the same way: tables from ruling lines, cells that a merge covers
become placeholders whose direction (up/left) is read from the geometry, text outside table
areas is the narrative (lines grouped into paragraphs, page numbers dropped), and tables cut by
page breaks are joined by `stitch`.

- pdfium (the default, `pdfium_reader`): ruled-table cells from pdfium's drawing objects and
  text from pdfium's characters ordered by position; several times faster.
- pdfplumber (the reference): pdfminer's pure-Python parsing, the "lines" strategy (on
  Word-made Chinese PDFs the "text" strategy scrambles cells).

Each falls back on the other: pdfplumber reads the pages pdfium cannot, and the whole file when
pdfium cannot open it or finds no text (pdfplumber then says why: encrypted, corrupt, a scan).
Where one engine's text decodes to garbage (a CID font whose encoding is declared wrong) and the
other's is plausible, the other's is used; a PDF that no engine decodes is `garbled_text`.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from typing import Any

from parsers.document import Document, Table
from parsers.encoding import MIN_PLAUSIBILITY
from parsers.errors import (
    CorruptFile,
    EncryptedFile,
    GarbledText,
    NoTextLayer,
    ParseError,
    TooLarge,
)
from parsers.pdf_layout import MAX_PAGES, Box, Line, PageRead, assemble, grid, place_tables, score
from parsers.pdfium_reader import read_pages as pdfium_pages

ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def read_pdf(raw: bytes, *, path: str, sha256: str, engine: str = DEFAULT_ENGINE) -> Document:
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r} (expected one of {', '.join(ENGINES)})")
    pages = _by_pdfplumber(raw, path) if engine == "pdfplumber" else _by_pdfium(raw, path)
    return assemble(path, sha256, pages)


def _by_pdfplumber(raw: bytes, path: str) -> list[PageRead]:
    pages = read_pages(raw, path)
    first = score(pages)
    if first >= MIN_PLAUSIBILITY:
        return pages
    other = pdfium_pages(raw, path)
    if other is not None and all(page is not None for page in other):
        read = [page for page in other if page is not None]
        if score(read) >= MIN_PLAUSIBILITY:
            return read
    raise _garbled(path, first)


def _by_pdfium(raw: bytes, path: str) -> list[PageRead]:
    found = pdfium_pages(raw, path)
    if found is None or not any(page is not None and page.chars for page in found):
        return _by_pdfplumber(raw, path)  # pdfplumber reads it, or says why it cannot
    missing = [number for number, page in enumerate(found, start=1) if page is None]
    if missing:
        redone = iter(read_pages(raw, path, only=missing))
        found = [page if page is not None else next(redone) for page in found]
    pages = [page for page in found if page is not None]
    first = score(pages)
    if first >= MIN_PLAUSIBILITY:
        return pages
    try:
        other = read_pages(raw, path)
    except ParseError:
        raise _garbled(path, first) from None
    if score(other) >= MIN_PLAUSIBILITY:
        return other
    raise _garbled(path, first)


def _garbled(path: str, found: float) -> GarbledText:
    return GarbledText(
        path,
        f"the text layer decodes to garbage ({found:.0%} plausible) with every PDF engine",
        hint="re-export the PDF with embedded Unicode fonts, or convert it from the Word original",
    )


def read_pages(raw: bytes, path: str, only: Sequence[int] | None = None) -> list[PageRead]:
    """Read the pages (all, or the 1-based numbers in `only`) with pdfplumber; raise the
    `ParseError` that says why a file cannot be read."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(raw))
    except MemoryError:
        raise
    except PDFPasswordIncorrect as exc:
        raise EncryptedFile(
            path, "the PDF is password-protected", hint="ask for an unprotected copy"
        ) from exc
    except Exception as exc:  # pdfminer raises many types (PSSyntaxError, PDFSyntaxError ...)
        if b"/Encrypt" in raw:
            raise EncryptedFile(path, "the PDF is encrypted and cannot be opened") from exc
        raise CorruptFile(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    try:
        pages = _read_all(pdf, raw, path, only)
    finally:
        # pdfplumber's close() walks the page tree again: on a broken file it raises, and
        # must not replace the rejection already under way.
        with contextlib.suppress(Exception):
            pdf.close()
    if only is None:
        _check_some_text(pages, path)
    return pages


def _read_all(pdf: Any, raw: bytes, path: str, only: Sequence[int] | None) -> list[PageRead]:
    try:
        count = len(pdf.pages)
    except MemoryError:
        raise
    except Exception as exc:  # a broken page tree
        raise CorruptFile(path, f"the page tree cannot be read ({type(exc).__name__})") from exc
    if count > MAX_PAGES:
        raise TooLarge(path, f"{count} pages is over the {MAX_PAGES}-page limit")
    try:
        return list(_read_pages(pdf, only or range(1, count + 1)))
    except MemoryError:
        raise
    except Exception as exc:  # a broken page or stream deep inside pdfminer
        if b"/Encrypt" in raw:
            raise EncryptedFile(path, "the PDF is encrypted and cannot be read") from exc
        raise CorruptFile(path, f"a page cannot be read ({type(exc).__name__}: {exc})") from exc


def _check_some_text(pages: Sequence[PageRead], path: str) -> None:
    if any(page.chars for page in pages):
        return
    images = sum(page.images for page in pages)
    if images:
        raise NoTextLayer(
            path, f"no text on any of its pages ({images} images): a scan", hint="run OCR first"
        )
    raise NoTextLayer(path, "the PDF has no text")


def _read_pages(pdf: Any, numbers: Sequence[int]) -> Iterator[PageRead]:
    """Each page is closed after use, so memory stays flat on long files."""
    for number in numbers:
        page = pdf.pages[number - 1]
        try:
            read = PageRead(chars=len(page.chars), images=len(page.images))
            found = page.find_tables(TABLE_SETTINGS)
            boxes = [t.bbox for t in found]
            outside = page.filter(lambda obj, boxes=boxes: not _inside(obj, boxes))
            lines = [
                Line(line["text"], line["x0"], line["x1"], line["top"], line["bottom"])
                for line in outside.extract_text_lines(return_chars=False)
            ]
            tables = [(t.bbox, Table(rows=_grid(t, number), page=number)) for t in found]
            place_tables(read, number, tables, lines)
            yield read
        finally:
            page.close()


def _inside(obj: dict[str, Any], boxes: Sequence[Box]) -> bool:
    if "x0" not in obj or "top" not in obj:
        return False
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _grid(table: Any, page: int) -> Any:
    texts = table.extract()
    rows = [row.cells for row in table.rows]
    columns = [c.bbox for c in table.columns]
    return grid(rows, columns, lambda r, c: texts[r][c] or "", page)
