"""Cell text as the pipeline uses it: merged placeholders resolved, wrapped lines joined.

One rule for every format: a line break inside a cell (a PDF wrap, a Word paragraph, a
flattened web line) is removed next to a Chinese character or punctuation, and becomes one space
between two Latin letters or digits ("5G\\nbase" -> "5G base"; "1.6萬\\n噸" -> "1.6萬噸").
Responsible-unit cells are split on their line breaks instead (see `responsible.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.document import Cell

# Names, targets, units and headers recur word for word across an issuer's bulletins (the same
# projects, month after month), so what is read from one cell alone is kept for the most recent
# CELL_CACHE cells of each worker; progress cells rarely recur and simply miss. Cells longer
# than CACHED_CELL characters are not kept, so the caches stay small whatever the documents hold.
CELL_CACHE = 4096
CACHED_CELL = 400

_BREAK = re.compile(r"\s*\n\s*")
_LATIN = re.compile(r"[A-Za-z0-9]")


def unwrap(text: str) -> str:
    """Join the lines of a cell (see the module docstring)."""
    if "\n" not in text:
        return text

    def join(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return " " if _LATIN.match(before) and _LATIN.match(after) else ""

    return _BREAK.sub(join, text).strip()


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
