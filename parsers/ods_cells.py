"""What the number and date cells of an OpenDocument spreadsheet (.ods) show, read from its
content.xml and styles.xml: calamine gives values only (0.85, not the 85% the cell shows).

A cell's data style is found through its cell style (`table:style-name`, else the row's or the
column's default cell style, then up the `style:parent-style-name` chain). A cell left in the
General style is not listed: its value is written as typed, as for the other formats. A number
(float, percentage, currency) in any other style is written as the text the file stores with it
(`<text:p>`, what the writing program displayed); without that text, as its data style's decimal
places, grouping, percent sign and literal text give it. A date follows the rule the other
formats follow (`parsers.cell_format`): the Chinese long form when its style has 年, else ISO.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator
from typing import Any

from parsers.cell_format import shown
from parsers.ods_merges import ods_xml, spans

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
NUMBER_TYPES = ("float", "percentage", "currency")
DATA_STYLES = ("number-style", "percentage-style", "currency-style", "date-style")
# Parent chains of cell styles are short; a longer one is a loop in a damaged file.
MAX_PARENTS = 20

Position = tuple[int, int]


def _q(name: str) -> str:
    """`table:name` as the {namespace}name lxml uses."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def ods_cells(raw: bytes) -> dict[str, dict[Position, str]]:
    """Sheet name -> (row, column), 0-based -> the text of each formatted number or date cell."""
    return cells_shown(*ods_xml(raw))


def cells_shown(content: Any, styles: Any | None) -> dict[str, dict[Position, str]]:
    """`ods_cells` from the parsed content.xml and styles.xml (`ods_merges.ods_xml`)."""
    roots = [content] if styles is None else [styles, content]  # content's names win
    cell_styles, data_styles = _styles(roots)
    found: dict[str, dict[Position, str]] = {}
    for table in content.iter(_q("table:table")):
        columns = _column_styles(table)
        cells: dict[Position, str] = {}
        for position, cell, row_style in _cells(table):
            name = cell.get(_q("table:style-name")) or row_style or _at(columns, position[1])
            text = _cell_text(cell, data_styles.get(_data_style(name, cell_styles) or ""))
            if text is not None:
                cells[position] = text
        found[str(table.get(_q("table:name")))] = cells
    return found


def _styles(roots: list[Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Cell styles (style:style of the table-cell family) and data styles, by name."""
    cell_styles: dict[str, Any] = {}
    data_styles: dict[str, Any] = {}
    for root in roots:
        for style in root.iter(_q("style:style")):
            if style.get(_q("style:family")) == "table-cell":
                cell_styles[str(style.get(_q("style:name")))] = style
        for kind in DATA_STYLES:
            for style in root.iter(_q(f"number:{kind}")):
                data_styles[str(style.get(_q("style:name")))] = style
    return cell_styles, data_styles


def _data_style(name: str | None, cell_styles: dict[str, Any]) -> str | None:
    """The data style a cell style names, itself or through its parents."""
    for _ in range(MAX_PARENTS):
        style = cell_styles.get(name or "")
        if style is None:
            return None
        data = style.get(_q("style:data-style-name"))
        if data:
            return str(data)
        name = style.get(_q("style:parent-style-name"))
    return None


def _column_styles(table: Any) -> tuple[list[int], list[str | None]]:
    """The first column of each run of `table:table-column`, and its default cell style."""
    starts: list[int] = []
    names: list[str | None] = []
    column = 0
    for element in table.iter(_q("table:table-column")):
        starts.append(column)
        names.append(element.get(_q("table:default-cell-style-name")))
        column += int(element.get(_q("table:number-columns-repeated"), "1"))
    return starts, names


def _at(columns: tuple[list[int], list[str | None]], column: int) -> str | None:
    starts, names = columns
    index = bisect.bisect_right(starts, column) - 1
    return names[index] if index >= 0 else None


def _cells(table: Any) -> Iterator[tuple[Position, Any, str | None]]:
    """Every position of a number or date cell with the cell and its row's default cell style,
    repeated rows and columns counted as calamine counts them (`ods_merges.spans`)."""
    for row_number, rows, column, columns, cell, row in spans(table):
        if cell.get(_q("office:value-type")) in (*NUMBER_TYPES, "date"):
            row_style = row.get(_q("table:default-cell-style-name"))
            for r in range(row_number, row_number + rows):
                for c in range(column, column + columns):
                    yield (r, c), cell, row_style


def _cell_text(cell: Any, data_style: Any) -> str | None:
    """What a number or date cell shows under its data style; None in the General style."""
    if data_style is None or _general(data_style):
        return None
    if cell.get(_q("office:value-type")) == "date":
        value = _date(cell.get(_q("office:date-value"), ""))
        return None if value is None else shown(value, _date_format(data_style))
    paragraphs = list(cell.iter(_q("text:p")))
    if paragraphs:
        return "\n".join("".join(p.itertext()) for p in paragraphs)
    try:
        number = float(cell.get(_q("office:value"), ""))
    except ValueError:
        return None
    return shown(number, _number_format(data_style))


def _general(data_style: Any) -> bool:
    """A number style of a bare number, no decimal places or grouping set: how General is
    written."""
    if data_style.tag != _q("number:number-style") or len(data_style) != 1:
        return False
    (part,) = data_style
    return part.tag == _q("number:number") and not (
        part.get(_q("number:decimal-places")) or part.get(_q("number:grouping")) == "true"
    )


def _number_format(data_style: Any) -> str:
    """The data style as a number format `shown` applies: its digits (grouping, decimals), its
    literal text and currency sign, the percent sign of a percentage style."""
    percentage = data_style.tag == _q("number:percentage-style")
    pieces: list[str] = []
    for part in data_style:
        local = _local(part)
        if local == "number":
            decimals = int(part.get(_q("number:decimal-places"), "0"))
            pieces.append("#,##0" if part.get(_q("number:grouping")) == "true" else "0")
            pieces.append("." + "0" * decimals if decimals else "")
        elif local in ("text", "currency-symbol"):
            text = part.text or ""
            pieces.append("%" if percentage and text == "%" else f'"{text}"')
    return "".join(pieces) if data_style.find(_q("number:number")) is not None else "General"


def _date_format(data_style: Any) -> str:
    """The date style as a number format: its year, month and day parts and its literal text."""
    parts = {"year": "yyyy", "month": "m", "day": "d"}
    pieces: list[str] = []
    for part in data_style:
        local = _local(part)
        if local in parts:
            pieces.append(parts[local])
        elif local == "text":
            pieces.append(f'"{part.text or ""}"')
    return "".join(pieces)


def _local(element: Any) -> str:
    """An element's name without its namespace."""
    return str(element.tag).rsplit("}", 1)[-1]


def _date(text: str) -> dt.date | dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if (value.hour, value.minute, value.second) != (0, 0, 0) else value.date()
