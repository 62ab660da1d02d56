"""Tables that a reader could not see, recovered from paragraphs with the header vocabulary
(REAL_WORLD.md §1):

(c) one cell per block of lines, blocks separated by blank lines (tables/blank_cells.py);
(d) one row per line with cells joined by single spaces (or every row in one line:
    tables/one_line.py), a line led by a row number starting
    a row, a section heading a row of its own, other lines continuing the row above: the table
    is marked `delimiter="spaces"`, and rows whose cell count does not match the header are
    fitted with a finding, because a space inside a cell, or an empty cell that vanished,
    makes them ambiguous;
and vertical key-value forms (one small label | value table per project, or its labels and
values on lines of their own: tables/label_lines.py), turned into one table with a row per
project.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from parsers.document import Block, Cell, Document, Paragraph, Table
from pipeline.tables.blank_cells import recover_blank_line_tables
from pipeline.tables.cells import header_line_tables
from pipeline.tables.header import header_role, map_header
from pipeline.tables.label_lines import recover_label_lines
from pipeline.tables.matrix import matrix_to_long
from pipeline.tables.numbered import FIGURE, ROW_ID, SECTION, row_number
from pipeline.tables.one_line import recover_one_line_tables
from pipeline.tables.reflow import reflow
from pipeline.tables.run_together import recover_run_together
from pipeline.tables.space_header import (
    figures_row,
    only_figures,
    repeated_lower,
    space_labels,
    with_lower_level,
)
from pipeline.text.script import match_key
from pipeline.vocab import headers

# A header needs at least this many labels, all known, to be recognised without delimiters.
MIN_LABELS = 3
# A part of a space-joined line that is a figure: 168, 171.70, 102.2%, -
# A row of a space-joined table takes at most this many lines after its own.
MAX_CONTINUATION = 6
# A space-joined header broken over lines takes at most this many.
MAX_HEADER_LINES = 3
# The first cells of a flow table where a column of regions is looked for (its header).
MAX_HEADER_CELLS = 12
# A line above a key-value table this short may be the first line of its first label.
MAX_LABEL_PART = 6


def recover_tables(document: Document) -> Document:
    lines = recover_label_lines(list(recover_run_together(document.blocks)))
    recovered = _blank_line_tables(lines)
    flat = recover_one_line_tables(recovered)
    blocks = tuple(_matrix_tables(_key_value_tables(_space_tables(flat))))
    return replace(document, blocks=blocks)


# -- (c): one cell per blank-line-separated block (tables/blank_cells.py) ---------------------


def _blank_line_tables(blocks: Iterator[Block]) -> Iterator[Block]:
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


def _space_tables(blocks: Iterator[Block]) -> Iterator[Block]:
    above: dict[int, tuple[str, ...]] = {}  # header line -> the row naming its groups
    joined = _joined_headers(list(blocks), above)
    for block in header_line_tables(joined, space_labels, _space_rows, "spaces"):
        if isinstance(block, Table) and block.line in above:
            names = tuple(Cell(name, line=block.line) for name in above[block.line])
            block = replace(block, rows=(names, *block.rows))
        yield block


def _joined_headers(blocks: list[Block], above: dict[int, tuple[str, ...]]) -> list[Block]:
    """The blocks, with a space-joined header that a page broke over lines of its own (序号 项目名称
    … 目标任务  1-7月 / 实际完成情况 / 任务完成率 备注) joined back into one paragraph, and
    the lower level of a two-level header below it read into it (tables/space_header.py)."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        end = _header_end(blocks, index)
        block = blocks[index]
        if isinstance(block, Paragraph) and len(block.text.split()) >= MIN_LABELS:
            text = " ".join(b.text for b in blocks[index:end] if isinstance(b, Paragraph))
            labels = space_labels(text)
            lower = with_lower_level(blocks, end, labels) if labels else None
            repeated = None if lower else repeated_lower(blocks, index, end, labels, block.text)
            if repeated is not None:
                lower = repeated[:2]
                if block.line is not None:  # the table is found again by its header's line
                    above[block.line] = repeated[2]
            text, end = lower or (text, end)
            block = replace(block, text=text)
        out.append(block)
        index = end
    return out


def _header_end(blocks: Sequence[Block], index: int) -> int:
    """The index after the longest run of at most `MAX_HEADER_LINES` lines from `index`, none
    after a blank line, that reads as one header; the first line holds at least `MIN_LABELS`
    parts (a header's start, not a title above it). `index + 1` when there is none."""
    first = blocks[index]
    if not isinstance(first, Paragraph) or len(first.text.split()) < MIN_LABELS:
        return index + 1
    end = index + 1
    parts = [first.text]
    for cursor in range(index + 1, min(len(blocks), index + MAX_HEADER_LINES)):
        block = blocks[cursor]
        if not isinstance(block, Paragraph) or block.gap_before:
            break
        parts.append(block.text)
        if space_labels(" ".join(parts)) is not None:
            end = cursor + 1
    return end


def _space_rows(
    blocks: Sequence[Block], start: int, labels: list[str]
) -> tuple[list[tuple[Cell, ...]], int]:
    """Rows after a space-joined header: a line led by a row number starts a row; a section
    heading (一、…, (二)…) is a row of one cell, and so is one followed by its subtotals (the
    figures left out); a total's line (合计 182852) is a row, its figures on a line of their own
    below (after a blank line too) part of it; a line of several parts with figures is a
    sub-row (its number and merged cells left out); any other line continues the row above (a
    cell broken onto lines of its own: 区林业局 under 区农业农村委), unless a blank line
    comes before it or the row has taken `MAX_CONTINUATION` lines already."""
    rows: list[tuple[Cell, ...]] = []
    continued = 0
    figures_of: str | None = None  # the row above is a total's or a section's
    roles = map_header(labels).roles
    id_at = roles.index("id") if "id" in roles else 0
    cursor = start
    while cursor < len(blocks):
        block = blocks[cursor]
        if not isinstance(block, Paragraph):
            break
        tokens = block.text.split()
        figures_of = figures_of if only_figures(tokens) else None
        if _led_by_group(tokens, id_at, _next_number(rows, id_at)):
            rows.append(tuple(Cell(token, line=block.line) for token in tokens))
            continued = 0
        elif ROW_ID.match(tokens[0]) and len(tokens) > 1:
            row = tuple(Cell(token, line=block.line) for token in tokens)
            rows.append((*_left_of_id(id_at, block.line), *row))
            continued = 0
        elif SECTION.match(block.text) and len(tokens) == 1:
            rows.append((Cell(block.text, line=block.line),))
        elif kind := figures_row(tokens):  # a total, or a section heading with its subtotals
            cells = tokens if kind == "total" else tokens[:1]
            rows.append(tuple(Cell(token, line=block.line) for token in cells))
            figures_of = kind
        elif figures_of and only_figures(tokens):  # the rest of its figures, a line below
            if figures_of == "total":
                rows[-1] = (*rows[-1], *(Cell(token, line=block.line) for token in tokens))
        elif rows and len(tokens) >= MIN_LABELS and any(FIGURE.match(t) for t in tokens):
            # a sub-row: figures of its own, its number and merged cells left out
            parts = (Cell("", line=block.line), *(Cell(t, line=block.line) for t in tokens))
            rows.append((*_left_of_id(id_at, block.line), *parts))
            continued = 0
        elif rows and len(rows[-1]) > 1 and not block.gap_before and continued < MAX_CONTINUATION:
            rows[-1] = (*rows[-1], *(Cell(token, line=block.line) for token in tokens))
            continued += 1
        else:
            break
        cursor += 1
    while rows and len(rows[-1]) == 1:  # a heading after the last row is not the table's
        rows.pop()
        cursor -= 1
    return rows, cursor


def _led_by_group(tokens: Sequence[str], id_at: int, expected: int) -> bool:
    """A row whose number, the next one, sits after the values of the columns left of the id
    (大类 | 序号 | … over 一、继续提高底线民生保障水平 1 将城镇…): a group printed on its first row
    only; not a sub-row whose first figure comes second (改建照护床位 100 96 96%)."""
    return (
        0 < id_at < len(tokens) - 1
        and ROW_ID.match(tokens[id_at]) is not None
        and row_number(tokens[id_at]) == expected
        and not any(ROW_ID.match(token) or FIGURE.match(token) for token in tokens[:id_at])
    )


def _next_number(rows: Sequence[Sequence[Cell]], id_at: int) -> int:
    """The number the next row of a table with an id column at `id_at` has: one after the last
    row numbered there, 1 before any."""
    for row in reversed(rows):
        number = row_number(row[id_at].text) if len(row) > id_at else None
        if number is not None:
            return number + 1
    return 1


def _left_of_id(id_at: int, line: int | None) -> tuple[Cell, ...]:
    """The cells of the columns left of the id in a row that leaves them out: the group's, merged
    from above (printed on the group's first row only)."""
    return tuple(Cell("", line=line, merged="up") for _ in range(id_at))


# -- per-region matrices (tables/matrix.py) ---------------------------------------------------


def _matrix_tables(blocks: Iterator[Block]) -> Iterator[Block]:
    for block in blocks:
        long = None
        if isinstance(block, Table) and not block.flow:
            long = matrix_to_long(block)
        elif isinstance(block, Table) and _names_regions(block):  # one cell per line
            long = matrix_to_long(Table(rows=reflow(block), line=block.line, page=block.page))
        yield from long if long else (block,)


def _names_regions(table: Table) -> bool:
    """A column of regions (市州, 县区) among a flow table's first cells."""
    regions = headers().regions
    return any(match_key(cell.text) in regions for cell in table.cells[:MAX_HEADER_CELLS])


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
    header_roles = [header_role(c.text) for c in header_cells]
    rows: list[tuple[Cell, ...]] = [tuple(header_cells)]
    for record in records:
        values = {match_key(row[0].text): row[1] for row in record}
        # a label written another way in this record (存在问题 under 存在困难和问题): by its role
        by_role = {header_role(row[0].text): row[1] for row in record}
        empty = Cell("", line=record[0][0].line)
        rows.append(
            tuple(
                values.get(key) or by_role.get(role) or empty
                for key, role in zip(keys, header_roles, strict=True)
            )
        )
    return Table(rows=tuple(rows), line=table.line, page=table.page)
