"""Join tables that page breaks cut apart (PDF).

A table continues on the next page when that page opens with a table of the same width and
nothing above it. On the continuation page the header repeats (Word's repeating header rows: a
title row across the table, the column labels): the rows that repeat the table's first rows are
dropped. A row cut by the page break continues on the new page with an empty first cell (序号):
its cells are joined to the previous row's, with a line break the pipeline joins like any wrap.
A first row that has its own number is never glued: it starts a new row. Read by OCR, a
repeated row may differ by a misread character here and there (`OCR_MISREAD`).

A vertical merge (a 责任单位 over several rows) cut by the break goes on at the top of the new
page as an empty cell over the rows of its rest: that empty cell becomes a placeholder of the
merge above, so the merged value is carried down across the break.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from parsers.document import Cell, Note, Table


@dataclass(frozen=True)
class PagePiece:
    """One table found on one page, with where it sits."""

    table: Table
    page: int
    first_on_page: bool  # nothing but page furniture above it
    last_on_page: bool  # nothing but page furniture below it


def stitch(pieces: Sequence[PagePiece]) -> tuple[list[tuple[int, Table]], list[Note]]:
    """Tables with their page-break continuations joined, each with the index of the piece it
    starts with; and notes on what was joined."""
    tables: list[tuple[int, Table]] = []
    notes: list[Note] = []
    for index, piece in enumerate(pieces):
        if tables and _continues(pieces[index - 1], piece, tables[-1][1]):
            start, open_table = tables[-1]
            joined, note = _join(open_table, piece.table, piece.page)
            tables[-1] = (start, joined)
            if note:
                notes.append(note)
        else:
            tables.append((index, piece.table))
    return tables, notes


def _width(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def _continues(previous: PagePiece, piece: PagePiece, open_table: Table) -> bool:
    return (
        piece.page == previous.page + 1
        and previous.last_on_page
        and piece.first_on_page
        and _width(piece.table) == _width(open_table)
    )


def _texts(row: Sequence[Cell]) -> tuple[str, ...]:
    return tuple("".join(c.text.split()) for c in row)


# At most this many rows at the top of a page repeat the table's first rows (title, labels).
MAX_REPEATED_ROWS = 3
# Read by OCR, a repeated label may come out with one character in four read otherwise (情況
# once, 情况 the next time): the same length, and no more differences than that.
OCR_MISREAD = 4


def _repeats(row: Sequence[Cell], first: Sequence[Cell]) -> bool:
    """Whether a row at the top of a page repeats the table's row in the same place."""
    texts, again = _texts(row), _texts(first)
    if texts == again:
        return True
    read_by_ocr = any(c.confidence is not None for c in (*row, *first))
    return (
        read_by_ocr
        and len(texts) == len(again)
        and all(
            len(a) == len(b)
            and sum(x != y for x, y in zip(a, b, strict=True)) <= len(a) // OCR_MISREAD
            for a, b in zip(texts, again, strict=True)
        )
    )


def _join(table: Table, more: Table, page: int) -> tuple[Table, Note | None]:
    rows = list(more.rows)
    repeated = 0
    while repeated < min(len(rows), len(table.rows), MAX_REPEATED_ROWS) and _repeats(
        rows[repeated], table.rows[repeated]
    ):
        repeated += 1
    rows = rows[repeated:]  # the repeated header rows
    if rows and table.rows:
        rows[0] = _merges_carried(table.rows[-1], rows)
    note = None
    if rows and table.rows and _is_cut_row(rows[0]) and table.rows[-1][0].text.strip():
        last, cut = table.rows[-1], rows[0]
        glued = tuple(_glue(a, b) for a, b in zip(last, cut, strict=False))
        note = Note(
            "row_joined_across_pages",
            f"the row numbered {last[0].text.strip()} was cut by the break after page {page - 1};"
            f" its rest on page {page} was joined to it",
            page=page,
        )
        return replace(table, rows=(*table.rows[:-1], glued, *rows[1:])), note
    return replace(table, rows=(*table.rows, *rows)), note


def _merges_carried(last: Sequence[Cell], rows: Sequence[Sequence[Cell]]) -> tuple[Cell, ...]:
    """The new page's first row, where an empty cell over a vertical merge's rest (the cell
    below it is a placeholder) continues the merge that the previous page's last row is in."""
    first = tuple(rows[0])
    below = rows[1] if len(rows) > 1 else ()
    cells = list(first)
    for column, cell in enumerate(first):
        if (
            cell.merged is None
            and not cell.text.strip()
            and column < len(below)
            and below[column].merged == "up"
            and column < len(last)
            and (last[column].merged == "up" or last[column].text.strip())
        ):
            cells[column] = replace(cell, merged="up")
    return tuple(cells)


def _is_cut_row(row: Sequence[Cell]) -> bool:
    """The rest of a row cut by a page break: no number of its own, but some text."""
    return not row[0].text.strip() and row[0].merged is None and any(c.text.strip() for c in row)


def _glue(first: Cell, rest: Cell) -> Cell:
    if rest.merged is not None or not rest.text.strip():
        return first
    if first.merged is not None or not first.text.strip():
        return replace(rest, merged=None) if first.merged is None else first
    confidences = [c for c in (first.confidence, rest.confidence) if c is not None]
    confidence = min(confidences) if confidences else None
    return replace(first, text=f"{first.text}\n{rest.text}", confidence=confidence)
