"""Cells of a table as the row readers use them: merged placeholders resolved, rows that are
one cell across the table (section headings, notes) told apart."""

from __future__ import annotations

from collections.abc import Sequence

from parsers.document import Cell
from pipeline.text.script import to_simplified
from pipeline.vocab import table


def is_table_note(text: str) -> bool:
    """注:…, 说明:… — a note row under a table, not a section heading."""
    prefixes = tuple(table("narrative")["table_note_prefixes"])
    return to_simplified(text.strip()).startswith(prefixes)


def resolve_merges(
    rows: Sequence[Sequence[Cell]], *, keep_empty: Sequence[int] = ()
) -> list[tuple[Cell, ...]]:
    """Rows with every vertically merged placeholder holding its origin's text.

    A value merged down over several rows (a 责任单位 shared by four projects) belongs to each of
    them. Columns in `keep_empty` (the id column: a merged 序号 marks sub-rows of one item) and
    horizontal placeholders stay empty.
    """
    resolved: list[tuple[Cell, ...]] = []
    for index, row in enumerate(rows):
        out = []
        for column, cell in enumerate(row):
            if cell.merged == "up" and column not in keep_empty and index > 0:
                above = resolved[-1]
                if column < len(above):
                    cell = Cell(above[column].text, line=cell.line, page=cell.page, merged="up")
            out.append(cell)
        resolved.append(tuple(out))
    return resolved


def spanning_text(row: Sequence[Cell]) -> str | None:
    """The text of a row that is one cell across the table (a section heading or a note), or
    None for an ordinary row."""
    real = [c for c in row if c.merged is None and c.text.strip()]
    if len(real) != 1 or len(row) < 3:
        return None
    (cell,) = real
    spans_row = cell.col_span >= len(row) - 1
    alone = cell.col_span == 1 and row[0] is cell and not cell.text.strip().isdigit()
    return cell.text.strip() if spans_row or alone else None
