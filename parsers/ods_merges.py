"""The XML of an OpenDocument spreadsheet (.ods), read once, and what calamine does not give
for it: its merged ranges (here) and the text its formatted cells show (`parsers.ods_cells`).
Both walk the sheet's cells the same way (`spans`), repeated rows and columns counted as
calamine counts them."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
# Repeated rows or columns beyond this are the format's way of saying "to the sheet's end".
MAX_REPEAT = 10_000


def _t(tag: str) -> str:
    return f"{{{TABLE_NS}}}{tag}"


Merge = tuple[tuple[int, int], tuple[int, int]]
# The first row and column of a cell, how many rows and columns it repeats over, the cell, its row
Span = tuple[int, int, int, int, Any, Any]


def ods_xml(raw: bytes) -> tuple[Any, Any | None]:
    """The parsed content.xml and styles.xml (None when the file has none) of an .ods."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        content = etree.fromstring(archive.read("content.xml"), parser=parser)
        styles = (
            etree.fromstring(archive.read("styles.xml"), parser=parser)
            if "styles.xml" in archive.namelist()
            else None
        )
    return content, styles


def spans(table: Any) -> Iterator[Span]:
    """Every cell and covered cell of a `table:table`, with where it starts and the rows and
    columns it repeats over."""
    row_number = 0
    for row in table.iter(_t("table-row")):
        rows = min(int(row.get(_t("number-rows-repeated"), "1")), MAX_REPEAT)
        column = 0
        for cell in row.iterchildren(_t("table-cell"), _t("covered-table-cell")):
            columns = min(int(cell.get(_t("number-columns-repeated"), "1")), MAX_REPEAT)
            yield row_number, rows, column, columns, cell, row
            column += columns
        row_number += rows


def ods_merges(content: Any) -> dict[str, list[Merge]]:
    """Sheet name -> merges as ((first row, first column), (last row, last column)), from the
    parsed content.xml (`ods_xml`)."""
    found: dict[str, list[Merge]] = {}
    for table in content.iter(_t("table")):
        merges: list[Merge] = []
        for row, _, column, _, cell, _ in spans(table):
            rows = int(cell.get(_t("number-rows-spanned"), "1"))
            columns = int(cell.get(_t("number-columns-spanned"), "1"))
            if cell.tag == _t("table-cell") and (rows > 1 or columns > 1):
                merges.append(((row, column), (row + rows - 1, column + columns - 1)))
        found[str(table.get(_t("name")))] = merges
    return found
