"""The merged ranges of an OpenDocument spreadsheet (.ods), read from its content.xml:
calamine gives none for this format."""

from __future__ import annotations

import io
import zipfile

TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
# Repeated rows or columns beyond this are the format's way of saying "to the sheet's end".
MAX_REPEAT = 10_000


def _t(tag: str) -> str:
    return f"{{{TABLE_NS}}}{tag}"


Merge = tuple[tuple[int, int], tuple[int, int]]


def ods_merges(raw: bytes) -> dict[str, list[Merge]]:
    """Sheet name -> merges as ((first row, first column), (last row, last column))."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        content = archive.read("content.xml")
    root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False))
    found: dict[str, list[Merge]] = {}
    for table in root.iter(_t("table")):
        merges: list[Merge] = []
        row_number = 0
        for row in table.iter(_t("table-row")):
            column = 0
            for cell in row.iterchildren(_t("table-cell"), _t("covered-table-cell")):
                rows = int(cell.get(_t("number-rows-spanned"), "1"))
                columns = int(cell.get(_t("number-columns-spanned"), "1"))
                if cell.tag == _t("table-cell") and (rows > 1 or columns > 1):
                    merges.append(
                        ((row_number, column), (row_number + rows - 1, column + columns - 1))
                    )
                column += min(int(cell.get(_t("number-columns-repeated"), "1")), MAX_REPEAT)
            row_number += min(int(row.get(_t("number-rows-repeated"), "1")), MAX_REPEAT)
        found[str(table.get(_t("name")))] = merges
    return found
