"""Rows of a flow table: cells in reading order (one per line, or one per blank-line block),
the source marking no row ends, cut into rows after the header's width."""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.document import Cell, Table
from pipeline.tables.header import header_role, map_header
from pipeline.tables.numbered import SECTION, numbered_rows
from pipeline.tables.rows import ID, MIN_KNOWN_HEADERS

# A flow table may begin with its title in this many cells before its header.
MAX_CAPTION_CELLS = 2
# A flow table is cut into runs of the header's width when at least this share of the runs
# have a row number (or nothing) in the id column; otherwise its rows are anchored on them.
FIXED_SHARE = 0.8
# A row of a flow table may end this many cells before the header's width (merged cells).
SUB_ROW_SLACK = 3
_FIRST_ID = re.compile(r"^[\s(（*]*[1１一][\s)）.、*]*$")


def reflow(table: Table) -> tuple[tuple[Cell, ...], ...]:
    """Rows of a flow table: the header is the run of leading cells the vocabulary knows (up to
    the first cell that reads as row number 1 when the header starts with an id column). With
    an id column, rows are anchored on their numbers (`blank_cells.numbered_rows`: a merged
    column leaves every row a cell short; a group column left of the id, 类别 | 编号 | …,
    printed as section headings between the rows leaves them all a cell short); otherwise every
    run of as many cells is a row."""
    cells = table.cells
    empty = next((i for i, cell in enumerate(cells) if cell.text.strip()), len(cells))
    cells = cells[empty:]  # bare pipes before the table (|, |, …, then its title) hold nothing
    lead = 0  # a title given as the table's first cells (…进度表 |) is a row of its own
    while lead < MAX_CAPTION_CELLS and lead < len(cells) and header_role(cells[lead].text) is None:
        lead += 1
    if 0 < lead < len(cells) and header_role(cells[lead].text) is not None:
        rest = Table(rows=(tuple(cells[lead:]),), flow=True, line=table.line, page=table.page)
        return (tuple(cells[:lead]), *reflow(rest))
    width = 0
    starts_with_id = bool(cells) and header_role(cells[0].text) == "id"
    for index, cell in enumerate(cells):
        if (
            starts_with_id
            and index > 0
            and (_FIRST_ID.match(cell.text) or ID.match(cell.text) or SECTION.match(cell.text))
        ):
            width = index  # row 1, the first row of a page that begins mid-table, or the
            break  # heading of the first rows' section (一、优化基本公共服务(5件))
        if not starts_with_id and header_role(cell.text) is None:
            width = index
            break
    width = _without_empty_rows(cells, width)
    if width < MIN_KNOWN_HEADERS:
        return tuple((cell,) for cell in cells)
    fixed = tuple(tuple(cells[i : i + width]) for i in range(0, len(cells), width))
    header = fixed[0]
    roles = map_header([cell.text for cell in header]).roles
    if "id" in roles and not _ids_in_place(fixed[1:], roles.index("id")):
        rows, _ = numbered_rows(cells, width, roles.index("id"), width, rest=True)
        if rows and sum(1 for cell in rows[-1] if cell.text.strip()) == 1:
            rows.pop()  # the page cut right after the last row's number
        if rows:
            return (header, *(part for row in rows for part in _sub_rows(row, width)))
    return fixed


def _without_empty_rows(cells: Sequence[Cell], width: int) -> int:
    """The header's width without the empty cells that end it when they are whole rows of
    the rest (a department's slice of a longer table: the other rows emptied, | and ||||)."""
    labels = width
    while labels and not cells[labels - 1].text.strip():
        labels -= 1
    empty = width - labels
    return labels if labels and empty and empty % labels == 0 else width


def _sub_rows(row: tuple[Cell, ...], width: int) -> list[tuple[Cell, ...]]:
    """A numbered row of a flow table with more cells than the header: its first cells are
    the row (the format gives every cell, empty ones too, but merged ones once), the rest a
    sub-row whose merged cells (序号, 项目名称 …) the format left out."""
    if len(row) <= width:
        return [row]
    # A merged group cell leaves the row a cell short: an empty cell near the header's width
    # (the 备注 column, mostly empty) ends it.
    ends = [i + 1 for i in range(max(1, width - SUB_ROW_SLACK), width) if not row[i].text.strip()]
    end = ends[0] if ends else width
    return [row[:end], (Cell("", line=row[end].line), *row[end:])]


def _ids_in_place(rows: Sequence[Sequence[Cell]], column: int) -> bool:
    """Runs of the header's width are the rows: their id cells hold row numbers (or nothing,
    for sub-rows) in all but a few of them."""
    placed = sum(
        1
        for row in rows
        if len(row) > column and (ID.match(row[column].text) or not row[column].text.strip())
    )
    return placed >= FIXED_SHARE * len(rows)
