"""Read spreadsheets (.xlsx, .xls, .ods) into a `Document`, with python-calamine.

Every visible sheet is read in workbook order; a hidden sheet is skipped with a note. A sheet
is cut into regions at fully blank rows (several tables on one sheet); in each region, the
leading rows with at most one value (a title above the header, a narrative line) become
paragraphs and the rest a table. Merged ranges become the placeholders the other readers use
(`Cell.merged`). Numbers and dates are written as the cell shows them (85% stays 85%, not
0.85): calamine gives values, so the number formats are read beside it, those of an .xlsx with
openpyxl and those of an .xls with xlrd, and applied by `parsers.cell_format`; an .ods has the
text of its formatted cells read from its XML (`parsers.ods_cells`), and its merges too
(`parsers.ods_merges`), since calamine gives none for it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from typing import Any

from parsers.cell_format import shown
from parsers.document import Block, Cell, Document, Note, Paragraph, Table
from parsers.errors import CorruptFile, EncryptedFile

# (first row, first column), (last row, last column), 0-based and inclusive, as calamine gives
Merge = tuple[tuple[int, int], tuple[int, int]]
# (row, column) -> the number format of a cell (.xlsx, .xls) or the text it shows (.ods)
Formats = dict[tuple[int, int], str]


def read_sheets(raw: bytes, *, path: str, sha256: str, source_format: str) -> Document:
    """Read a workbook; `source_format` is xlsx, xls or ods."""
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheets = list(_sheets(workbook, raw, source_format))
    except MemoryError:
        raise
    except python_calamine.PasswordError as exc:
        raise EncryptedFile(
            path, "the workbook is password-protected", hint="ask for an unprotected copy"
        ) from exc
    except Exception as exc:  # calamine raises CalamineError, ZipError, XmlError, ValueError
        raise CorruptFile(
            path, f"not a readable spreadsheet ({type(exc).__name__}: {exc})"
        ) from exc
    blocks: list[Block] = []
    notes: list[Note] = []
    for number, (name, hidden, rows, merges, formats, texts) in enumerate(sheets, start=1):
        if hidden:
            notes.append(
                Note("sheet_hidden", f"the hidden sheet {name!r} was not read", page=number)
            )
            continue
        blocks.extend(_sheet_blocks(_shown(rows, formats, texts), merges, number))
    return Document(
        source_path=path,
        source_format=source_format,
        source_sha256=sha256,
        blocks=tuple(blocks),
        notes=tuple(notes),
    )


def _sheets(
    workbook: Any, raw: bytes, source_format: str
) -> Iterator[tuple[str, bool, list[list[Any]], list[Merge], Formats, Formats]]:
    """(name, hidden, values, merges, number formats, texts shown) of each worksheet (chart
    sheets have no cells and are passed over)."""
    readers = {"xlsx": _xlsx_formats, "xls": _xls_formats}
    formats = readers[source_format](raw) if source_format in readers else {}
    ods, texts = _ods(raw) if source_format == "ods" else ({}, {})
    for meta in workbook.sheets_metadata:
        if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
            continue
        hidden = str(meta.visible).rsplit(".", 1)[-1] != "Visible"
        if hidden:
            yield meta.name, True, [], [], {}, {}
            continue
        sheet = workbook.get_sheet_by_name(meta.name)
        rows = [list(row) for row in sheet.to_python(skip_empty_area=False)]
        merges = list(sheet.merged_cell_ranges or ods.get(meta.name, []))
        yield meta.name, False, rows, merges, formats.get(meta.name, {}), texts.get(meta.name, {})


def _shown(rows: list[list[Any]], formats: Formats, texts: Formats) -> list[list[str]]:
    """Every value as its cell shows it: the text read for it where the value is a number or a
    date (a text read for another kind of value is from a position calamine does not share),
    else the value under its number format."""
    return [
        [
            texts[(r, c)]
            if (r, c) in texts and _numeric(value)
            else shown(value, formats.get((r, c)))
            for c, value in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]


def _numeric(value: object) -> bool:
    return isinstance(value, int | float | dt.date | dt.datetime) and not isinstance(value, bool)


def _xlsx_formats(raw: bytes) -> dict[str, Formats]:
    """The number format of every numeric or date cell whose format is not General, by sheet."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        found: dict[str, Formats] = {}
        for sheet in workbook.worksheets:
            formats: Formats = {}
            for row in sheet.iter_rows():
                for cell in row:
                    fmt = getattr(cell, "number_format", "General")
                    if fmt and fmt != "General" and not isinstance(cell.value, str | None):
                        formats[(cell.row - 1, cell.column - 1)] = fmt
            found[sheet.title] = formats
        return found
    finally:
        workbook.close()


def _xls_formats(raw: bytes) -> dict[str, Formats]:
    """The number format of every numeric or date cell whose format is not General, by sheet,
    from the XF records of an Excel 97-2003 workbook; none where xlrd cannot read the file
    that calamine did (its values are then written as typed, not rejected)."""
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=raw,
            formatting_info=True,
            on_demand=True,
            logfile=io.StringIO(),  # its warnings are printed, on standard output by default
            ignore_workbook_corruption=True,  # calamine has read the file already
        )
    except MemoryError:
        raise
    except Exception:  # xlrd raises XLRDError, CompDocError, struct.error, AssertionError
        return {}
    try:
        return {
            book.sheet_names()[index]: _xls_sheet_formats(book, index)
            for index in range(book.nsheets)
        }
    except MemoryError:
        raise
    except Exception:
        return {}
    finally:
        book.release_resources()


def _xls_sheet_formats(book: Any, index: int) -> Formats:
    import xlrd

    sheet = book.sheet_by_index(index)
    formats: Formats = {}
    for r in range(sheet.nrows):
        for c in range(sheet.row_len(r)):
            if sheet.cell_type(r, c) not in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
                continue
            key = book.xf_list[sheet.cell_xf_index(r, c)].format_key
            fmt = getattr(book.format_map.get(key), "format_str", None)
            if fmt and fmt != "General":
                formats[(r, c)] = fmt
    book.unload_sheet(index)
    return formats


def _ods(raw: bytes) -> tuple[dict[str, list[Merge]], dict[str, Formats]]:
    """An .ods file's merges and the text its formatted cells show, its XML parsed once."""
    from parsers.ods_cells import cells_shown
    from parsers.ods_merges import ods_merges, ods_xml

    content, styles = ods_xml(raw)
    return ods_merges(content), cells_shown(content, styles)


def _grid(rows: list[list[str]], merges: Sequence[Merge], page: int) -> list[list[Cell]]:
    """Every position of the sheet as a `Cell`, merges applied, padded to one width."""
    height = max([len(rows)] + [last[0] + 1 for _, last in merges])
    width = max([len(r) for r in rows] + [last[1] + 1 for _, last in merges] + [0])
    grid = [
        [Cell(row[c] if c < len(row) else "", page=page) for c in range(width)]
        for row in rows + [[]] * (height - len(rows))
    ]
    for (top, left), (bottom, right) in merges:
        origin = grid[top][left]
        grid[top][left] = Cell(
            origin.text, page=page, row_span=bottom - top + 1, col_span=right - left + 1
        )
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    grid[r][c] = Cell("", page=page, merged="left" if r == top else "up")
    return grid


def _sheet_blocks(rows: list[list[str]], merges: Sequence[Merge], page: int) -> Iterator[Block]:
    grid = _grid(rows, merges, page)
    for region in _regions(grid):
        yield from _region_blocks(region, page)


def _blank(row: Sequence[Cell]) -> bool:
    return all(not cell.text.strip() and cell.merged is None for cell in row)


def _regions(grid: list[list[Cell]]) -> Iterator[list[list[Cell]]]:
    """Runs of rows between fully blank rows (a merge's placeholders are not blank)."""
    region: list[list[Cell]] = []
    for row in grid:
        if _blank(row):
            if region:
                yield region
            region = []
        else:
            region.append(row)
    if region:
        yield region


def _values(row: Sequence[Cell]) -> list[Cell]:
    return [cell for cell in row if cell.text.strip()]


def _region_blocks(region: list[list[Cell]], page: int) -> Iterator[Block]:
    """Leading rows of one value are paragraphs (a title, a narrative line); the rest is a
    table cut to the columns it uses."""
    start = 0
    while start < len(region) and len(_values(region[start])) <= 1:
        start += 1
    for row in region[:start]:
        for cell in _values(row):
            yield Paragraph(text=cell.text.strip(), page=page)
    body = region[start:]
    if not body:
        return
    used = [c for c in range(len(body[0])) if any(row[c].text.strip() for row in body)]
    left, right = used[0], used[-1] + 1
    rows = tuple(tuple(row[left:right]) for row in body)
    yield Table(rows=tuple(_unmerged_edges(rows)), page=page)


def _unmerged_edges(rows: Sequence[tuple[Cell, ...]]) -> Iterator[tuple[Cell, ...]]:
    """Rows whose first cell is a placeholder of a merge from a column cut away start with an
    empty cell instead, so that every placeholder has its origin inside the table."""
    for row in rows:
        if row and row[0].merged == "left":
            yield (Cell("", page=row[0].page), *row[1:])
        else:
            yield row
