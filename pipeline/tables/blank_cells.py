"""Layout (c): a table flattened to one cell per block of lines, blocks separated by blank
lines (REAL_WORLD.md §1), as web pages give it when their table's markup is stripped.

Nothing marks where a row ends, and on real pages the blocks do not come in rows of the header's
width: a header label is broken over two blocks (责任 / 领导, 完成目标 / (%)), a merged cell is
printed on its group's first row only, an empty cell leaves no block, a long cell is broken in
two (市生态 / 环境局). So:

- the header is the run of blocks the header vocabulary knows, a block joined to the next where
  only the two together make a label, and so the two lines of a block (tables/block_labels.py);
- when the header has an id column, rows are anchored on it: a row starts at the block that
  reads as the next row number (1, 2, 3 … or 9*), and holds every block up to the next one;
  section headings between rows (一、…, (二)…) become rows of one cell;
- each row's blocks are laid under the columns later, by `rows.fit_row` (delimiter
  "blank_lines"), which reports every row whose blocks are not one per column.

Without an id column, rows led by 1, 2, 3 … one block wider than the header are numbered rows
under a label the header left out (`numbered.unlabelled_number_rows`); otherwise every run of
as many blocks as the header has labels is a row; under a section heading the first column may
be merged over the section's rows (printed once). A per-region header (地区 | 项目个数 | …, no
item column) makes a table too, read per region by tables/matrix.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import replace

from parsers.document import Block, Cell, Paragraph, Table
from pipeline.tables.block_labels import header_at, joins_next
from pipeline.tables.header import (
    header_role,
    heads_a_left_column,
    is_regional,
    listed_role,
    map_header,
)
from pipeline.tables.lower_header import columns
from pipeline.tables.numbered import (
    ID_LABEL,
    MAX_LABEL_PART,
    SECTION,
    numbered_rows,
    repeated_header_at,
    row_number,
    status_sub_rows,
    unlabelled_number_rows,
)
from pipeline.tables.numbered import ROW_NUMBER as _ROW_NUMBER
from pipeline.tables.sub_rows import merged_sub_rows
from pipeline.text.script import match_key
from pipeline.vocab import headers

# A header needs at least this many labels, all known, to be recognised without delimiters.
MIN_LABELS = 3

Chunk = list[Paragraph]


def chunks_of(paragraphs: Sequence[Paragraph]) -> list[Chunk]:
    """Paragraphs grouped into blocks: a new block starts after each blank line."""
    chunks: list[Chunk] = []
    for paragraph in paragraphs:
        if paragraph.gap_before or not chunks:
            chunks.append([paragraph])
        else:
            chunks[-1].append(paragraph)
    return chunks


def recover_blank_line_tables(paragraphs: list[Paragraph]) -> Iterator[Block]:
    """The paragraphs, with every layout-(c) table among them turned into a `Table`."""
    chunks = list(
        itertools.chain.from_iterable(_line_cells(chunk) for chunk in chunks_of(paragraphs))
    )
    index = 0
    while index < len(chunks):
        found = _table_at(chunks, index)
        if found is None and (split := _header_after_text(chunks, index)) is not None:
            found = _table_at(split, index + 1)
            if found is not None:
                yield from split[index]
                chunks = split
        if found is None:
            yield from chunks[index]
            index += 1
            continue
        table, end = found
        yield table
        index = end


def _header_after_text(chunks: list[Chunk], index: int) -> list[Chunk] | None:
    """The blocks with the one at `index` cut before its last line, or before the last word of
    it, when that is a header's first label and the next block a label too: a title with no
    blank line after it (…汇总表 / 序号, or …(截至9月底) 序号), the header below it. None when
    it is not so; the caller keeps the cut only if a table starts there."""
    chunk = chunks[index]
    following = chunks[index + 1] if index + 1 < len(chunks) else []
    if len(following) != 1 or header_role(following[0].text) is None:
        return None
    last = chunk[-1]
    head, _, word = last.text.rpartition(" ")
    if len(chunk) > 1 and opens_header(last.text):
        before, label = chunk[:-1], last
    elif head.strip() and opens_header(word):
        before = [*chunk[:-1], replace(last, text=head.strip())]
        label = replace(last, text=word, gap_before=False)
    else:
        return None
    return [*chunks[:index], before, [label], *chunks[index + 1 :]]


def opens_header(text: str) -> bool:
    """A header's first label as the vocabulary lists it, not a field of a line of page data
    (点击率: after a date is no 完成率)."""
    text = text.strip()
    return (
        len(text) <= 2 * MAX_LABEL_PART
        and not text.endswith((":", "："))
        and bool(listed_role(text))
    )


def _line_cells(chunk: Chunk) -> list[Chunk]:
    """A block as blocks: itself, or, where a header numbered by an id column starts in it one
    label a line and the first row's number follows (序号 / 重点工作任务 / 牵头单位 / … / 1 /
    …, with no blank line anywhere), or one with no id label and row 1 right below it
    (工作任务 / 牵头责任单位 / 一季度进展情况 / 1 / …), the lines before that header and then
    each line a block."""
    if len(chunk) <= MIN_LABELS:
        return [chunk]
    lines = [[paragraph] for paragraph in chunk]
    for start in range(len(chunk) - MIN_LABELS):
        text, following = chunk[start].text, chunk[start + 1].text
        if header_role(text) is None and not joins_next(text, following):
            continue  # a row number has no role either; 工程 / 名称 is one label
        header, cursor = header_at(lines, start)
        labels = [cell.text for cell in header]
        mapped = map_header(labels)
        numbered = (
            _first_row_number(chunk, cursor, mapped.roles.index("id"))
            if "id" in mapped.roles
            else cursor < len(chunk) and row_number(chunk[cursor].text) == 1
        )  # without an id label, row 1 right below: numbered rows under a label left out
        if len(header) >= MIN_LABELS and mapped.is_progress_table and numbered:
            return ([chunk[:start]] if start else []) + lines[start:]
    return [chunk]


def _first_row_number(chunk: Chunk, cursor: int, id_column: int) -> bool:
    """Whether the first row's number follows the header at `cursor`, after the heading of the
    first rows' section (一、经济社会发展主要预期目标) and at most the values of the columns left
    of the id (就业促进工程 / 1 under 工程名称 | 序号 | …)."""
    if cursor < len(chunk) and SECTION.match(chunk[cursor].text.strip()):
        cursor += 1
    ahead = chunk[cursor : cursor + id_column + 1]
    return any(_ROW_NUMBER.match(paragraph.text.strip()) for paragraph in ahead)


def _text(chunk: Chunk) -> str:
    return "\n".join(p.text for p in chunk)


def _heading_above(header: Sequence[Cell]) -> bool:
    """A first label right before the id column's that may not head a column left of it
    (洪湖鹏市长主抓重点工作 / 序号 / …, read as an item's by its head word): a heading above the
    table."""
    return (
        len(header) > 1
        and not heads_a_left_column(header[0].text)
        and header_role(header[1].text) == "id"
    )


def _table_at(chunks: Sequence[Chunk], index: int) -> tuple[Table, int] | None:
    first = chunks[index]
    if len(first) != 1 or len(first[0].text) > 2 * MAX_LABEL_PART:
        return None
    header, cursor = header_at(chunks, index)
    mapped = map_header([cell.text for cell in header])
    if len(header) < MIN_LABELS or not (
        mapped.is_progress_table or is_regional(mapped.labels, mapped.roles)
    ):
        return None  # neither a progress table nor a per-region one (tables/matrix.py)
    if _heading_above(header):
        return None  # the table starts at the next block
    header, cursor = _lower_level(chunks, header, cursor)
    roles = map_header([cell.text for cell in header]).roles
    if "id" in roles:
        stop = _repeated_at(chunks, cursor, header)
        cells = [_cell(chunk) for chunk in chunks[:stop]]
        rows, end = numbered_rows(
            cells, cursor, roles.index("id"), len(roles), rest=stop is not None
        )
        rows = [
            sub
            for at, row in enumerate(rows)
            for part in status_sub_rows(row, roles)
            for sub in merged_sub_rows(part, roles, last=at == len(rows) - 1)
        ]
    else:
        cells = [_cell(chunk) for chunk in chunks]
        totals = (*headers().totals, *headers().subtotals)
        rows, end = unlabelled_number_rows(cells, cursor, len(roles), totals)
        if rows:
            header = [Cell(ID_LABEL, line=header[0].line), *header]
        else:
            rows, end = _fixed_rows(chunks, cursor, len(roles))
    if not rows:
        return None
    return Table(rows=(tuple(header), *rows), line=header[0].line, delimiter="blank_lines"), end


def _lower_level(
    chunks: Sequence[Chunk], header: list[Cell], cursor: int
) -> tuple[list[Cell], int]:
    """A header numbered by an id column whose labels go on after it, up to the first row's
    number: the lower row of a two-level header, read into it (`lower_header.by_kinds`: the
    header read so far may hold lower labels already, so where the upper row ends is looked
    for); the header as it is when they are none, or do not read as one."""
    end = cursor
    while end < len(chunks) and len(chunks[end]) == 1 and header_role(chunks[end][0].text):
        end += 1  # up to the first row's number, which has no role
    following = chunks[end][0].text.strip() if end < len(chunks) and len(chunks[end]) == 1 else ""
    if end == cursor or not _ROW_NUMBER.match(following):
        return header, cursor
    lower = [Cell(chunk[0].text, line=chunk[0].line) for chunk in chunks[cursor:end]]
    placed = columns(
        [cell.text for cell in header], [cell.text for cell in lower], split_known=False
    )
    if placed is None:
        return header, cursor
    lines = {cell.text: cell.line for cell in [*header, *lower]}
    return [Cell(column.label, line=lines[column.label]) for column in placed], end


def _repeated_at(chunks: Sequence[Chunk], start: int, header: Sequence[Cell]) -> int | None:
    """Where the table ends because its header is printed again (洪湖鹏市长主抓重点工作 / 序号 /
    目标任务 / …: `numbered.repeated_header_at`): the index of its part's heading, or of the
    header when there is none. The rows before it take every block up to there."""
    texts = [_text(chunk) for chunk in chunks]
    keys = [match_key(cell.text) for cell in header]
    found = repeated_header_at(
        texts, start, keys, lambda at: [cell.text for cell in header_at(chunks, at)[0]]
    )
    return found[0] if found else None


def _fixed_rows(
    chunks: Sequence[Chunk], start: int, width: int
) -> tuple[list[tuple[Cell, ...]], int]:
    """Every run of `width` blocks is a row (a table without an id column). A short section
    heading (一、…, (二)) is a row of one cell; the blocks after it, up to the next one, may
    hold one full row and then rows a block short: the first column is merged over the
    section's rows, printed on its first row only."""
    rows: list[tuple[Cell, ...]] = []
    cursor = start
    while cursor < len(chunks):
        if _is_heading(chunks[cursor]):
            rows.append((_cell(chunks[cursor]),))
            cursor += 1
            continue
        end = next((i for i in range(cursor, len(chunks)) if _is_heading(chunks[i])), len(chunks))
        run = [_cell(c) for c in chunks[cursor:end]]
        headed = bool(rows) and len(rows[-1]) == 1
        merged = headed and width > 2 and len(run) % width and (len(run) - width) % (width - 1) == 0
        if merged and len(run) > width:
            rows.append(tuple(run[:width]))
            for at in range(width, len(run), width - 1):
                above = Cell("", line=run[at].line, merged="up")
                rows.append((above, *run[at : at + width - 1]))
            cursor = end
            continue
        whole = len(run) - len(run) % width
        rows.extend(tuple(run[at : at + width]) for at in range(0, whole, width))
        cursor += whole
        if whole < len(run):
            break
    while rows and len(rows[-1]) == 1:  # a heading after the last row is not the table's
        rows.pop()
        cursor -= 1
    return rows, cursor


def _is_heading(chunk: Chunk) -> bool:
    """A block that is a short section heading (一、…, (二)), not a cell that begins like one."""
    text = _text(chunk)
    return len(chunk) == 1 and len(text) <= 2 * MAX_LABEL_PART and bool(SECTION.match(text))


def _cell(chunk: Chunk) -> Cell:
    return Cell(_text(chunk), line=chunk[0].line)
