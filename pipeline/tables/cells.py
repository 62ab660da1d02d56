"""Cells of a table as the row readers use them: merged placeholders resolved, rows that are
one cell across the table (section headings, notes) told apart; and the one loop that turns a
header paragraph and the rows after it into a table (space-joined and run-together layouts)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from parsers.document import Block, Cell, Paragraph, Table
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


Row = tuple[Cell, ...]


def header_line_tables(
    blocks: Sequence[Block],
    labels_of: Callable[[str], list[str] | None],
    rows_after: Callable[[Sequence[Block], int, list[str]], tuple[list[Row], int]],
    delimiter: str,
) -> Iterator[Block]:
    """The blocks, with every table whose header is one paragraph turned into a `Table`: a
    paragraph whose labels `labels_of` reads, followed by the rows `rows_after` reads from the
    blocks after it (and the index after them), at least one of more than one cell."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        labels = labels_of(block.text) if isinstance(block, Paragraph) else None
        rows, cursor = rows_after(blocks, index + 1, labels) if labels else ([], index)
        if labels is None or not any(len(row) > 1 for row in rows):
            yield block
            index += 1
            continue
        header = tuple(Cell(label, line=block.line) for label in labels)
        yield Table(rows=(header, *rows), line=block.line, delimiter=delimiter)
        index = cursor
