"""Read PDF bulletins (made from Word) into a `Document`, with pdfplumber.

Tables come from ruling lines (the "lines" strategy: on Word-made Chinese PDFs the "text"
strategy scrambles cells); cells that a merge covers, which pdfplumber returns as None, become
placeholders whose direction (up/left) is read from the geometry. Text outside table areas is the
narrative: lines are grouped into paragraphs (a line that fills the text width continues on the
next), page numbers dropped. Tables cut by page breaks are joined by `stitch`. Each page is
closed after use, so memory stays flat on long files.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator, Sequence
from typing import Any

from parsers.document import Block, Cell, Document, Paragraph, Table
from parsers.encoding import MIN_PLAUSIBILITY, plausibility
from parsers.errors import CorruptFile, EncryptedFile, GarbledText, NoTextLayer, TooLarge
from parsers.stitch import PagePiece, stitch

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
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


def read_pdf(raw: bytes, *, path: str, sha256: str) -> Document:
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
        try:
            pages = len(pdf.pages)
        except MemoryError:
            raise
        except Exception as exc:  # a broken page tree
            raise CorruptFile(path, f"the page tree cannot be read ({type(exc).__name__})") from exc
        if pages > MAX_PAGES:
            raise TooLarge(path, f"{pages} pages is over the {MAX_PAGES}-page limit")
        try:
            pieces, paragraphs, chars, images = _read_pages(pdf)
        except MemoryError:
            raise
        except Exception as exc:  # a broken page or stream deep inside pdfminer
            if b"/Encrypt" in raw:
                raise EncryptedFile(path, "the PDF is encrypted and cannot be read") from exc
            raise CorruptFile(path, f"a page cannot be read ({type(exc).__name__}: {exc})") from exc
    finally:
        # pdfplumber's close() walks the page tree again: on a broken file it raises, and
        # must not replace the rejection already under way.
        with contextlib.suppress(Exception):
            pdf.close()
    if chars == 0:
        if images:
            raise NoTextLayer(
                path, f"no text on any of its pages ({images} images): a scan", hint="run OCR first"
            )
        raise NoTextLayer(path, "the PDF has no text")
    _check_text(raw, path, paragraphs, pieces)
    tables, notes = stitch([p for p, _ in pieces])
    return Document(
        source_path=path,
        source_format="pdf",
        source_sha256=sha256,
        blocks=tuple(_in_order(paragraphs, pieces, tables)),
        notes=tuple(notes),
    )


def _read_pages(
    pdf: Any,
) -> tuple[list[tuple[PagePiece, float]], list[tuple[Paragraph, float]], int, int]:
    pieces: list[tuple[PagePiece, float]] = []  # with a sort key: page * 1e6 + top
    paragraphs: list[tuple[Paragraph, float]] = []
    chars = images = 0
    for number, page in enumerate(pdf.pages, start=1):
        try:
            chars += len(page.chars)
            images += len(page.images)
            found = page.find_tables(TABLE_SETTINGS)
            boxes = [t.bbox for t in found]
            outside = page.filter(lambda obj, boxes=boxes: not _inside(obj, boxes))
            lines = [
                line for line in outside.extract_text_lines(return_chars=False)
                if not PAGE_NUMBER.match(line["text"])
            ]  # fmt: skip
            tops = [line["top"] for line in lines]
            bottoms = [line["bottom"] for line in lines]
            for table in found:
                _, top, _, bottom = table.bbox
                piece = PagePiece(
                    table=Table(rows=_grid(table, number), page=number),
                    page=number,
                    first_on_page=not any(b <= top + TOLERANCE for b in bottoms),
                    last_on_page=not any(t >= bottom - TOLERANCE for t in tops),
                )
                pieces.append((piece, number * 1e6 + top))
            for text, top in _paragraphs(lines):
                paragraphs.append((Paragraph(text=text, page=number), number * 1e6 + top))
        finally:
            page.close()
    return pieces, paragraphs, chars, images


def _inside(obj: dict[str, Any], boxes: Sequence[tuple[float, float, float, float]]) -> bool:
    if "x0" not in obj or "top" not in obj:
        return False
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _paragraphs(lines: Sequence[dict[str, Any]]) -> Iterator[tuple[str, float]]:
    """Group text lines into paragraphs: a line that fills the text width was wrapped."""
    if not lines:
        return
    left = min(line["x0"] for line in lines)
    right = max(line["x1"] for line in lines)
    width = max(right - left, 1.0)
    text, top, wrapped = "", 0.0, False
    for line in lines:
        if wrapped:
            text += "\n" + line["text"].strip()
        else:
            if text:
                yield text, top
            text, top = line["text"].strip(), line["top"]
        # Line-breaking rules for Chinese (no 、；。 at a line start) leave wrapped lines up to
        # two characters short of the margin, so only the width counts, and a sentence end.
        wrapped = (line["x1"] - line["x0"]) >= FULL_LINE * width and not line[
            "text"
        ].rstrip().endswith(SENTENCE_END)
    if text:
        yield text, top


def _grid(table: Any, page: int) -> tuple[tuple[Cell, ...], ...]:
    """Cells in grid positions; positions covered by a merge become placeholders."""
    texts = table.extract()
    columns = [c.bbox for c in table.columns]
    rows: list[tuple[Cell, ...]] = []
    for row, values in zip(table.rows, texts, strict=True):
        cells: list[Cell] = []
        for c, (box, text) in enumerate(zip(row.cells, values, strict=True)):
            if box is not None:
                cells.append(Cell(text or "", page=page))
                continue
            left = _origin_to_the_left(row.cells, c, columns)
            cells.append(Cell("", page=page, merged="left" if left else "up"))
        rows.append(tuple(cells))
    return tuple(rows)


def _origin_to_the_left(cells: Sequence[Any], column: int, columns: Sequence[Any]) -> bool:
    for c in range(column - 1, -1, -1):
        box = cells[c]
        if box is not None:
            return bool(box[2] >= columns[column][2] - TOLERANCE)
    return False


def _in_order(
    paragraphs: Sequence[tuple[Paragraph, float]],
    pieces: Sequence[tuple[PagePiece, float]],
    tables: Sequence[tuple[int, Table]],
) -> Iterator[Block]:
    """Paragraphs and stitched tables in reading order (a stitched table sits where it began)."""
    keyed: list[tuple[float, Block]] = [(key, p) for p, key in paragraphs]
    keyed += [(pieces[start][1], table) for start, table in tables]
    for _, block in sorted(keyed, key=lambda item: item[0]):
        yield block


def _check_text(
    raw: bytes,
    path: str,
    paragraphs: Sequence[tuple[Paragraph, float]],
    pieces: Sequence[tuple[PagePiece, float]],
) -> None:
    """Reject text that decodes to garbage (fonts without a usable ToUnicode map)."""
    sample = "".join(p.text for p, _ in paragraphs) + "".join(
        c.text for piece, _ in pieces for row in piece.table.rows for c in row
    )
    score = plausibility(sample)
    if score >= MIN_PLAUSIBILITY:
        return
    alternative = _pdfium_plausibility(raw)
    hint = "re-export the PDF with embedded Unicode fonts, or convert it from the Word original"
    if alternative is not None and alternative >= MIN_PLAUSIBILITY:
        hint = (
            f"pdfium reads it ({alternative:.0%} plausible), but tables are not read from"
            " pdfium yet; convert it from the Word original"
        )
    raise GarbledText(path, f"the text layer decodes to garbage ({score:.0%} plausible)", hint=hint)


def _pdfium_plausibility(raw: bytes) -> float | None:
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return None
    try:
        document = pdfium.PdfDocument(raw)
    except Exception:  # pdfium refuses what pdfminer half-read: no second opinion
        return None
    try:
        text = ""
        for index in range(min(len(document), 3)):
            page = document[index]
            textpage = page.get_textpage()
            text += textpage.get_text_range()
            textpage.close()
            page.close()
        return plausibility(text)
    finally:
        document.close()
