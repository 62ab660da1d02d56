"""Read Word (.docx) bulletins into a `Document`, with python-docx.

Body paragraphs and tables are read in body order from the XML. Merged cells come from the
XML (`w:gridSpan`, `w:vMerge`), not from python-docx's `row.cells`, which repeats a merged cell
at every grid position it covers: the merge's first cell keeps the text and spans, the other
positions become placeholders (`Cell.merged`). Paragraphs inside a cell are kept apart by "\\n"
and nested tables are flattened into their cell's text (rows by "\\n", cells by a space), so
nothing is lost; the pipeline joins lines by one rule for every format.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from parsers.document import Block, Cell, Document, Paragraph, Table
from parsers.errors import CorruptFile, TooLarge

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, TBL, TR, TC, T, TAB, BR, CR = (_w(t) for t in ("p", "tbl", "tr", "tc", "t", "tab", "br", "cr"))
SDT, SDT_CONTENT = _w("sdt"), _w("sdtContent")
VAL = _w("val")


# A .docx is a zip: refuse one that would unpack to more than this, or whose members
# compress better than this ratio (a decompression bomb), before any XML is parsed.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
# Tables nested deeper than this are refused (recursion, and no real bulletin does it).
MAX_NESTING = 8


def _check_zip(raw: bytes, path: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise CorruptFile(path, f"not a readable Word file (BadZipFile: {exc})") from exc
    unpacked = sum(i.file_size for i in infos)
    worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    if unpacked > MAX_UNPACKED or worst > MAX_RATIO:
        raise TooLarge(
            path,
            f"unpacks to {unpacked / 2**20:.0f} MiB (compression up to {worst:.0f}:1):"
            " a decompression bomb or not a bulletin",
        )


def read_docx(raw: bytes, *, path: str, sha256: str) -> Document:
    _check_zip(raw, path)
    try:
        import docx  # python-docx

        body = docx.Document(io.BytesIO(raw)).element.body
        blocks = tuple(_blocks(body))
    except RecursionError as exc:
        raise TooLarge(path, "tables nested too deeply to read") from exc
    except MemoryError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptFile(path, f"not a readable Word file ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and python-docx's own errors
        cause = _over_libxml2_limits(exc)
        if cause is not None:
            raise TooLarge(path, f"the Word XML is too large to parse ({cause})") from exc
        raise CorruptFile(path, f"broken Word XML ({type(exc).__name__}: {exc})") from exc
    return Document(
        source_path=path,
        source_format="docx",
        source_sha256=sha256,
        blocks=blocks,
    )


def _over_libxml2_limits(exc: Exception) -> str | None:
    """What made libxml2 give up, if the file is too large rather than broken: memory (under
    the worker's limit a huge part fails with ERR_NO_MEMORY and the message "unknown error"),
    or one of its own size limits (a text node over 10 MB, elements nested over 256 deep)."""
    from lxml import etree

    if not isinstance(exc, etree.XMLSyntaxError):
        return None
    if exc.code == etree.ErrorTypes.ERR_NO_MEMORY:
        return "libxml2 ran out of memory"
    if exc.code == getattr(etree.ErrorTypes, "ERR_RESOURCE_LIMIT", None):
        return f"over a limit of libxml2: {exc}"
    return None


def _children(element: Any) -> Iterator[Any]:
    """Children, looking through content controls (w:sdt) that wrap paragraphs or tables."""
    for child in element.iterchildren():
        if child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content)
        else:
            yield child


def _blocks(body: Any) -> Iterator[Block]:
    for child in _children(body):
        if child.tag == P:
            text = _paragraph_text(child).strip()
            if text:
                yield Paragraph(text=text)
        elif child.tag == TBL:
            yield _table(child)


def _paragraph_text(p: Any) -> str:
    parts: list[str] = []
    for node in p.iter(T, TAB, BR, CR):
        if node.tag == T:
            parts.append(node.text or "")
        elif node.tag == TAB:
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: Any, depth: int) -> str:
    lines: list[str] = []
    for child in _children(tc):
        if child.tag == P:
            lines.append(_paragraph_text(child).strip())
        elif child.tag == TBL:  # a nested table: its text, row by row
            if depth >= MAX_NESTING:
                raise RecursionError(f"tables nested more than {MAX_NESTING} deep")
            for row in _table(child, depth + 1).rows:
                lines.append(" ".join(c.text for c in row if c.text))
    return "\n".join(line for line in lines if line)


@dataclass
class _Slot:
    """A grid position while the table is being built (Cell is frozen)."""

    text: str = ""
    row_span: int = 1
    col_span: int = 1
    merged: str | None = None


def _prop(element: Any, *path: str) -> Any:
    for tag in path:
        if element is None:
            return None
        element = element.find(_w(tag))
    return element


def _int_val(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(VAL, default))
    except ValueError:
        return default


def _table(tbl: Any, depth: int = 0) -> Table:
    grid: list[list[_Slot]] = []
    header_rows = 0
    still_header = True
    open_merges: dict[int, _Slot] = {}  # grid column -> the slot a vertical merge started in
    for tr in tbl.iterchildren(TR):
        row: list[_Slot] = [_Slot() for _ in range(_int_val(_prop(tr, "trPr", "gridBefore"), 0))]
        is_header = _prop(tr, "trPr", "tblHeader") is not None
        still_header = still_header and is_header
        header_rows += 1 if still_header else 0
        for tc in _row_cells(tr):
            column = len(row)
            span = max(1, _int_val(_prop(tc, "tcPr", "gridSpan"), 1))
            vmerge = _prop(tc, "tcPr", "vMerge")
            continues = vmerge is not None and vmerge.get(VAL, "continue") == "continue"
            origin = open_merges.get(column)
            if continues and origin is not None:
                origin.row_span += 1
                row.extend(_Slot(merged="up") for _ in range(span))
                continue
            slot = _Slot(text=_cell_text(tc, depth), col_span=span)
            row.append(slot)
            row.extend(_Slot(merged="left") for _ in range(span - 1))
            if vmerge is not None:
                open_merges[column] = slot
            else:
                open_merges.pop(column, None)
        grid.append(row)
    rows = tuple(
        tuple(Cell(s.text, row_span=s.row_span, col_span=s.col_span, merged=s.merged) for s in row)
        for row in grid
    )
    return Table(rows=rows, header_rows=header_rows)


def _row_cells(tr: Any) -> Iterator[Any]:
    for child in tr.iterchildren():
        if child.tag == TC:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from content.iterchildren(TC)
