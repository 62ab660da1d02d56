"""Tables that a reader could not see, recovered from paragraphs with the header vocabulary
(REAL_WORLD.md §1):

(c) one cell per block of lines, blocks separated by blank lines; the row length comes from
    the header, and a cell may span several lines;
(d) one row per line with cells joined by single spaces: the table is marked `delimiter=
    "spaces"`, and rows whose cell count does not match the header are fitted with a finding,
    because a space inside a cell, or an empty cell that vanished, makes them ambiguous;
and vertical key-value forms (one small label | value table per project), turned into one
table with a row per project.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from parsers.document import Block, Cell, Document, Paragraph, Table
from pipeline.tables.blank_cells import recover_blank_line_tables
from pipeline.tables.header import header_role, map_header
from pipeline.text.script import match_key

# A header needs at least this many labels, all known, to be recognised without delimiters.
MIN_LABELS = 3
# A line above a key-value table this short may be the first line of its first label.
MAX_LABEL_PART = 6
_ID = re.compile(r"^[(（]?\d{1,3}[)）]?\*?$")


def recover_tables(document: Document) -> Document:
    blocks = list(_key_value_tables(_space_tables(_blank_line_tables(document.blocks))))
    return replace(document, blocks=tuple(blocks))


# -- (c): one cell per blank-line-separated block (tables/blank_cells.py) ---------------------


def _blank_line_tables(blocks: Sequence[Block]) -> Iterator[Block]:
    run: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            run.append(block)
            continue
        yield from recover_blank_line_tables(run)
        run = []
        yield block
    yield from recover_blank_line_tables(run)


# -- (d): cells joined by spaces -------------------------------------------------------------


def _space_labels(text: str) -> list[str] | None:
    tokens = text.split()
    if len(tokens) < MIN_LABELS or any(header_role(t) is None for t in tokens):
        return None
    return tokens if map_header(tokens).is_progress_table else None


def _space_tables(blocks: Iterator[Block]) -> Iterator[Block]:
    pending = list(blocks)
    index = 0
    while index < len(pending):
        block = pending[index]
        labels = _space_labels(block.text) if isinstance(block, Paragraph) else None
        if labels is None or not isinstance(block, Paragraph):
            yield block
            index += 1
            continue
        rows = [tuple(Cell(label, line=block.line) for label in labels)]
        cursor = index + 1
        while cursor < len(pending):
            row = pending[cursor]
            if not isinstance(row, Paragraph) or not _ID.match(row.text.split()[0]):
                break
            rows.append(tuple(Cell(token, line=row.line) for token in row.text.split()))
            cursor += 1
        if len(rows) == 1:
            yield block
            index += 1
            continue
        yield Table(rows=tuple(rows), line=block.line, delimiter="spaces")
        index = cursor


# -- key-value forms -------------------------------------------------------------------------


def _key_value_tables(blocks: Iterator[Block]) -> Iterator[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and not block.flow:
            transposed = None
            if out and isinstance(out[-1], Paragraph) and len(out[-1].text) <= MAX_LABEL_PART:
                # the first label's first line (项 目) sat above the first pipe: join it back
                label = out[-1]
                first = block.rows[0]
                joined = (Cell(f"{label.text}\n{first[0].text}", line=label.line), *first[1:])
                transposed = _transpose(replace(block, rows=(joined, *block.rows[1:])))
                if transposed is not None:
                    out.pop()
            transposed = transposed or _transpose(block)
            if transposed is not None:
                out.append(transposed)
                continue
        out.append(block)
    yield from out


def _transpose(table: Table) -> Table | None:
    """label | value rows, one record after another -> a header row and one row per record."""
    if not table.rows or any(len(row) != 2 for row in table.rows):
        return None
    labels = [match_key(row[0].text) for row in table.rows]
    roles = [header_role(row[0].text) for row in table.rows]
    if roles[0] is None or "item" not in roles or roles.count(None) > len(roles) // 2:
        return None  # a record starts with a known label
    first = labels[0]
    records: list[list[tuple[Cell, ...]]] = []
    for row, label in zip(table.rows, labels, strict=True):
        if label == first or not records:
            records.append([])
        records[-1].append(row)
    header_cells = [row[0] for row in records[0]]
    keys = [match_key(c.text) for c in header_cells]
    if not map_header([c.text for c in header_cells]).is_progress_table:
        return None
    rows: list[tuple[Cell, ...]] = [tuple(header_cells)]
    for record in records:
        values = {match_key(row[0].text): row[1] for row in record}
        rows.append(tuple(values.get(key, Cell("", line=record[0][0].line)) for key in keys))
    return Table(rows=tuple(rows), line=table.line, page=table.page)
