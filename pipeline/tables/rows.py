"""From a reader's `Table` to header + data rows of exactly the header's width.

Stages, each a small function: `reflow` (pipeline.tables.reflow: cells in reading order ->
rows, for tables whose source does not mark row ends), `locate_header`, `fit_row` (repair rows
with a stray pipe or a missing cell, reporting each repair).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.document import Cell
from pipeline.model.findings import Issue
from pipeline.tables.fit import align, fit
from pipeline.tables.header import HeaderMap, header_role, map_header
from pipeline.tables.lower_header import columns

# The header is looked for among a table's first rows.
MAX_HEADER_ROW = 5
# A header needs at least this many cells that the vocabulary knows.
MIN_KNOWN_HEADERS = 2
# Rows are repaired by trying every way to merge (or place empty cells) up to this many ways.
MAX_CANDIDATES = 5000
ID = re.compile(r"^[\s(（*]*\d{1,4}[\s)）.、*＊]*$")  # a row number
# Tables whose delimiters were guessed: how their split cells are joined back, and what the
# row finding calls such a row.
GUESSED = {
    "spaces": (" ", "a space-joined row"),
    "cells": ("\n", "a row of cells given one per line"),
    "blank_lines": ("\n", "a row of cells separated by blank lines"),
}


@dataclass(frozen=True)
class FittedRow:
    cells: tuple[Cell, ...]  # exactly as many as the header has columns
    row_index: int


def locate_header(
    rows: Sequence[Sequence[Cell]], *, marked: int = 0
) -> tuple[int, HeaderMap] | None:
    """The header row among the first rows: the one with most known labels, if it makes the
    table a progress table. When the source marks its first `marked` rows as the header
    (Word's repeating header rows), the last of them is taken if it qualifies."""
    if 0 < marked <= len(rows):
        header = map_header([cell.text for cell in rows[marked - 1]])
        if header.known >= MIN_KNOWN_HEADERS and header.is_progress_table:
            return marked - 1, header
    best: tuple[int, HeaderMap] | None = None
    for index, row in enumerate(rows[:MAX_HEADER_ROW]):
        header = map_header([cell.text for cell in row])
        if header.known >= MIN_KNOWN_HEADERS and (best is None or header.known > best[1].known):
            best = (index, header)
    if best is None or not best[1].is_progress_table:
        return None
    return _continued(rows, *best) or _lower_row(rows, *best) or _with_second_level(rows, *best)


def _continued(
    rows: Sequence[Sequence[Cell]], index: int, header: HeaderMap
) -> tuple[int, HeaderMap] | None:
    """A header broken over two rows, as a flattened page wraps a long header line (序号 | … |
    1-8月实际完成情况 | then 任务完成率 | 备注 | |): the header row ends in a label, the row below
    starts with labels and holds nothing else, and the row after both is as wide as the two
    together. (A row of labels as wide as the header is its second level instead.)"""
    if index + 2 >= len(rows) or not header.labels or not header.labels[-1].strip():
        return None
    below = [cell.text for cell in rows[index + 1]]
    texts = [text for text in below if text.strip()]
    if not texts or len(below) == len(header.labels) or below[: len(texts)] != texts:
        return None
    if any(header_role(text) is None for text in texts):
        return None
    if len(rows[index + 2]) < len(header.labels) + len(texts):
        return None
    return index + 1, map_header([*header.labels, *texts])


def _lower_row(
    rows: Sequence[Sequence[Cell]], index: int, header: HeaderMap
) -> tuple[int, HeaderMap] | None:
    """A two-level header whose lower row the page gave without the cells under the upper
    labels that span both rows (… | 7月进展情况 | 责任单位 | then 完成投资 | 完成率 | 实施情况 |):
    the row below holds fewer labels than the header, and a row after it is wider than the
    header; the lower labels take the place of the upper label they sit under
    (`lower_header.by_shared_characters`)."""
    if index + 2 >= len(rows):
        return None
    below = [cell.text for cell in rows[index + 1] if cell.text.strip()]
    width = len(header.labels)
    if not 2 <= len(below) < width:
        return None
    if max(len(_trimmed(row)) for row in rows[index + 2 :]) <= width:
        return None
    placed = columns(header.labels, below)
    return None if placed is None else (index + 1, map_header([c.label for c in placed]))


def _trimmed(row: Sequence[Cell]) -> Sequence[Cell]:
    """The row without the empty cells it ends in."""
    end = len(row)
    while end and not row[end - 1].text.strip():
        end -= 1
    return row[:end]


def _with_second_level(
    rows: Sequence[Sequence[Cell]], index: int, header: HeaderMap
) -> tuple[int, HeaderMap]:
    """A two-level header (进展情况 over 至8月10日进展 | 最新进展): when the row below the header
    holds only header labels and blanks, each column takes the lower label where there is one
    (`lower_header.by_position`), after its upper label."""
    if index + 1 >= len(rows):
        return index, header
    below = [cell.text for cell in rows[index + 1]]
    placed = columns(header.labels, below, blanks_kept=True)
    if placed is None:
        return index, header
    labels = [column.joined for column in placed]
    roles = [
        header.roles[column.at] if column.lower is None else header_role(column.lower)
        for column in placed
    ]
    return index + 1, HeaderMap(labels=tuple(labels), roles=tuple(roles))


def fit_row(
    cells: Sequence[Cell], header: HeaderMap, row_index: int, *, delimiter: str = ""
) -> tuple[FittedRow, Issue | None]:
    """Make a row exactly as wide as the header, saying what was done.

    Too few cells: empty cells placed where the other cells fit their columns best (a merged
    group or name cell printed on its group's first row only, an empty cell that vanished).
    Too many: empty cells past the last column are dropped; then a stray `|` inside a cell split
    it: of all ways to merge adjacent cells back, the one whose cells best fit their columns is
    kept.
    Rows whose delimiters were guessed (`delimiter` "spaces", "blank_lines", "cells") are ambiguous
    either way: a space or a blank line may be inside a cell, an empty cell leaves no trace;
    the best-fitting layout is kept, with a `row_ambiguous` finding.
    """
    width = len(header.roles)
    line = cells[0].line if cells else None
    if delimiter == "run_together" and len(cells) == width:
        issue = Issue(
            "row_ambiguous",
            "a row whose cells were run together was cut by what each column holds; check it",
            line,
        )
        return FittedRow(tuple(cells), row_index), issue
    while len(cells) > width and not cells[-1].text.strip():
        cells = cells[:-1]  # empty cells a row ends in past the header's last column (|||)
    if len(cells) == width:
        return FittedRow(tuple(cells), row_index), None
    if delimiter in GUESSED:
        return _fit_guessed(cells, header, row_index, delimiter)
    if len(cells) < width:
        padded = _aligned(cells, header, " | ", mixed=False) or _padded(cells, width)
        issue = _width_issue(
            "row_too_few_cells",
            f"row has {len(cells)} cells, the header {width}: empty cells placed where the"
            " other cells fit their columns best (a merged cell printed on its first row only)",
            line,
            width,
            len(cells),
        )
        return FittedRow(padded, row_index), issue
    merged = _merge_extra(cells, header)
    issue = _width_issue(
        "row_too_many_cells",
        f"row has {len(cells)} cells, the header {width}: "
        + ("a stray '|' inside a cell was taken as text" if merged else "extra cells dropped"),
        line,
        width,
        len(cells),
    )
    if merged is None:
        kept = (*cells[: width - 1], _join(cells[width - 1 :]))
        return FittedRow(kept, row_index), issue
    return FittedRow(merged, row_index), issue


def _padded(cells: Sequence[Cell], width: int) -> tuple[Cell, ...]:
    """The cells, with empty cells on the right up to `width`."""
    line = cells[0].line if cells else None
    return (*cells, *(Cell("", line=line) for _ in range(width - len(cells))))


def _width_issue(check: str, message: str, line: int | None, width: int, cells: int) -> Issue:
    """A row whose number of cells is not the header's."""
    return Issue(check, message, line, expected=str(width), observed=str(cells))


def _join(cells: Sequence[Cell], separator: str = " | ") -> Cell:
    return Cell(separator.join(c.text for c in cells), line=cells[0].line, page=cells[0].page)


def _fit_guessed(
    cells: Sequence[Cell], header: HeaderMap, row_index: int, delimiter: str
) -> tuple[FittedRow, Issue]:
    """A row whose delimiters were guessed: the cells laid under the columns they fit best
    (`fit.align`), with a `row_ambiguous` finding."""
    width = len(header.roles)
    line = cells[0].line if cells else None
    separator, source = GUESSED[delimiter]
    fitted = _aligned(cells, header, separator, mixed=delimiter in ("blank_lines", "cells"))
    if fitted is None:  # too many parts: keep the row as it is, padded or cut
        fitted = _padded(cells[:width], width)
    issue = _width_issue(
        "row_ambiguous",
        f"{source} has {len(cells)} parts for {width} columns: the parts were laid under the "
        "columns they fit best (joined, or with empty cells); check it",
        line,
        width,
        len(cells),
    )
    return FittedRow(fitted, row_index), issue


def _aligned(
    cells: Sequence[Cell], header: HeaderMap, separator: str, *, mixed: bool
) -> tuple[Cell, ...] | None:
    """`align`, with a row number that sits in the id column's place pinned there: the cells
    before it are laid under the columns before it, the cells after under the rest."""
    roles = header.roles
    column = header.column("id")
    pinned = len(cells) > column if column is not None else False
    if column is None or not pinned or not (ID.match(cells[column].text) or not cells[column].text):
        return align(cells, roles, separator, mixed=mixed)
    before = align(cells[:column], roles[:column], separator, mixed=True) if column else ()
    after = align(cells[column + 1 :], roles[column + 1 :], separator, mixed=mixed)
    if before is None or after is None:
        return None
    return (*before, cells[column], *after)


def _merge_extra(
    cells: Sequence[Cell], header: HeaderMap, separator: str = " | "
) -> tuple[Cell, ...] | None:
    width = len(header.roles)
    extra = len(cells) - width
    if math.comb(len(cells) - 1, extra) > MAX_CANDIDATES:
        return None
    best: tuple[float, tuple[Cell, ...]] | None = None
    # Choose `extra` of the gaps between cells to close.
    for gaps in itertools.combinations(range(1, len(cells)), extra):
        groups: list[list[Cell]] = [[cells[0]]]
        for position in range(1, len(cells)):
            if position in gaps:
                groups[-1].append(cells[position])
            else:
                groups.append([cells[position]])
        candidate = tuple(
            _join(group, separator) if len(group) > 1 else group[0] for group in groups
        )
        score = sum(
            fit(role, cell.text, len(group) > 1, pipe=separator == " | ")
            for role, cell, group in zip(header.roles, candidate, groups, strict=True)
        )
        if best is None or score > best[0]:
            best = (score, candidate)
    return best[1] if best else None
