"""Rows of cells given one after another, one per block or per line, with nothing to mark where
a row ends (layout (c), flow tables, one-line tables): anchored on their row numbers."""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Callable, Sequence

from parsers.document import Cell
from pipeline.text.script import match_key
from pipeline.values.status import status_of_label

# Blocks of a broken header label are short, and so are group values and headings.
MAX_LABEL_PART = 8
# A row number: 1, (1), 1*, 01.
ROW_NUMBER = re.compile(r"^[(（]?0?(\d{1,3})[)）]?[*＊]?[.、．]?$")
# A row number as a space-joined row opens with it: 1, (1), 1*, nothing after it.
ROW_ID = re.compile(r"^[(（]?\d{1,3}[)）]?\*?$")
# A figure alone in a cell: 12, 1,200.5, 85%.
FIGURE = re.compile(r"^-?\d[\d,.]*%?$")
# A section heading printed as a row of its own: 一、…, (二)…, 第三部分…
_NUMERAL = "[一二三四五六七八九十]+"
SECTION = re.compile(
    rf"^({_NUMERAL}[、.．]|[(（]{_NUMERAL}[)）]|第{_NUMERAL}(部分|类|批|章|节|篇))"
)
_SENTENCE = re.compile(r"[。，,；;：:！!？?]")
# Rows led by numbers their header has no label for: at least this many, and the label the id
# column is given.
MIN_UNLABELLED = 2
# A numbered row under such a header may run this many cells past its width (a cell of two
# offices, one a line: 市人社局 / 市农业农村局), up to the next row's number.
MAX_EXTRA_CELLS = 3
ID_LABEL = "序号"


def _row_number(cell: Cell) -> int | None:
    return row_number(cell.text)


def row_number(text: str) -> int | None:
    """The number of a cell that is only a row number (1, (1), 1*, 01.), else None."""
    match = ROW_NUMBER.match(text.strip()) if "\n" not in text else None
    return int(match.group(1)) if match else None


def numbered_rows(
    chunks: Sequence[Cell], start: int, id_column: int, width: int, *, rest: bool = False
) -> tuple[list[tuple[Cell, ...]], int]:
    """Rows of cells given one after another (one per block or per line), anchored on their
    numbers, from `start`; and the index after the last row. Cells before a number that are
    not a section heading belong to the columns left of the id column (工程名称 printed before
    序号). The last row takes as many cells as rows usually have, or all the rest (`rest`)."""
    starts = _row_starts(chunks, start, width - id_column - 1)
    if not starts:
        return [], start
    rows: list[tuple[Cell, ...]] = []
    lead: list[Cell] = []
    for chunk in chunks[start : starts[0]]:
        if id_column and not SECTION.match(chunk.text):
            lead.append(chunk)
        elif chunk.text.strip():
            rows.append((chunk,))  # a heading above the first row
    sizes = [b - a for a, b in itertools.pairwise(starts)]
    last_size = int(statistics.median(sizes)) if sizes else width - id_column
    last_end = len(chunks) if rest else min(len(chunks), starts[-1] + last_size)
    ends = [*starts[1:], last_end]
    for row_start, row_end in zip(starts, ends, strict=True):
        body: list[Cell] = []
        section: list[Cell] = []  # a heading between this row and the next, and what follows
        for chunk in chunks[row_start:row_end]:
            if section or (len(body) > 1 and SECTION.match(chunk.text)):
                section.append(chunk)
            else:
                body.append(chunk)
        ahead: list[Cell] = []
        if id_column and not section and row_end < len(chunks):
            body, ahead = _split_group_value(body, width - id_column)
        rows.append(_with_lead(body, lead, id_column))
        lead = ahead
        if section:
            heading, *after = section
            if id_column:
                rows.append((heading,))
                lead = after  # the left columns of the next row
            else:
                rows.append((_joined([heading, *after]),))
    return rows, ends[-1]


def _split_group_value(body: list[Cell], width: int) -> tuple[list[Cell], list[Cell]]:
    """A row with more blocks than its columns whose last block is a short name: that block is
    the next row's group value (printed on a group's first row, left of its 序号)."""
    last = body[-1].text if body else ""
    if (
        len(body) > width
        and len(last) <= MAX_LABEL_PART * 2
        and not re.search(r"\d", last)
        and status_of_label(last) is None
    ):
        return body[:-1], body[-1:]
    return body, []


def _with_lead(body: list[Cell], lead: list[Cell], id_column: int) -> tuple[Cell, ...]:
    """A row whose id sits in its column: the lead blocks before it, or empty cells."""
    lead = lead[-id_column:] if id_column else []
    line = body[0].line
    return (*(Cell("", line=line) for _ in range(id_column - len(lead))), *lead, *body)


def _joined(cells: list[Cell]) -> Cell:
    return Cell("\n".join(c.text for c in cells), line=cells[0].line)


def _row_starts(chunks: Sequence[Cell], start: int, after_id: int) -> list[int]:
    """Indexes of the blocks that start rows: the first number, then the next row number each
    time (or 1 again after a section heading, or a larger one right after a whole row), once
    the row before holds at least half of the columns after the id."""
    starts: list[int] = []
    expected: int | None = None  # the first number found: a page may begin mid-table (24, 25…)
    for index in range(start, len(chunks)):
        number = _row_number(chunks[index])
        if number is None:
            continue
        restart = number == 1 and starts and SECTION.match(chunks[index - 1].text)
        # a page's slice of a longer table (rows 4 and 23 of a district's list): a larger
        # number where a row ends, the row before it whole (a cell broken in two at most
        # twice), a name after it
        skip = (
            expected is not None
            and number > expected
            and _whole_before(chunks, starts[-1], index, after_id)
            and _named(chunks, index + 1)
        )
        if expected is not None and number != expected and not (restart or skip):
            continue
        if starts and index - starts[-1] - 1 < max(1, after_id // 3):
            continue  # a number inside the row (a count of 2): the row is not full yet
        if index + 1 < len(chunks) and _row_number(chunks[index + 1]) == number:
            continue  # a count in the last cell, with the row's number right after it
        starts.append(index)
        expected = number + 1
    return starts


def _whole_before(chunks: Sequence[Cell], start: int, index: int, after_id: int) -> bool:
    """Whether the row from `start` is whole right before `index`: as wide as the columns after
    the id, or up to two blocks wider when none of them is a figure (a cell broken in two; a
    figure there is a sub-row's, and the number at `index` one of its cells)."""
    width = index - start - 1
    if width == after_id:
        return True
    inside = chunks[start + 1 : index]
    return after_id < width <= after_id + 2 and not any(
        FIGURE.match(c.text.strip()) for c in inside
    )


def _named(chunks: Sequence[Cell], index: int) -> bool:
    """Whether the block at `index` is text, not a figure nor nothing (a row's name cell)."""
    text = chunks[index].text.strip() if index < len(chunks) else ""
    return bool(text) and not FIGURE.match(text)


def status_sub_rows(row: tuple[Cell, ...], roles: Sequence[str | None]) -> list[tuple[Cell, ...]]:
    """A numbered row with more blocks than the header's columns and a completion label in
    each of its parts (部分滞后 … 办结 … 办结): a project with sub-rows, each after the first
    without the cells merged over them (序号, 重点工作). The row is cut after each label and the
    columns after the status column; the sub-rows are led by an empty id. The row as it is when
    its labels do not end its parts so."""
    if len(row) <= len(roles) or "status" not in roles:
        return [row]
    column = roles.index("status")
    tail = len(roles) - 1 - column
    labels = [i for i, cell in enumerate(row) if i >= column and status_of_label(cell.text)]
    ends = [i + tail + 1 for i in labels]
    short = any(b - a <= tail for a, b in itertools.pairwise(ends))
    if len(ends) < 2 or ends[-1] != len(row) or short:
        return [row]
    parts = [row[a:b] for a, b in itertools.pairwise([0, *ends])]
    if any(len(part) >= len(roles) for part in parts[1:]):
        return [row]
    return [parts[0], *((Cell("", line=part[0].line), *part) for part in parts[1:])]


def heads_a_part(texts: Sequence[str], at: int, start: int, width: int) -> bool:
    """Whether the cell right before a header printed again (at `at`; the rows start at `start`)
    is the heading of the part of the table it opens (洪湖鹏市长主抓重点工作, 市招才局): short,
    not a sentence, a figure or a completion label, and the row above as wide as the header
    without it (a row's last cell, 住建局, is not a heading)."""
    if at - 1 <= start:
        return False
    above = texts[at - 1].strip()
    if not 0 < len(above) <= 2 * MAX_LABEL_PART or _SENTENCE.search(above):
        return False
    if re.search(r"\d", above) or status_of_label(above) is not None:
        return False
    numbers = [i for i in range(start, at - 1) if ROW_NUMBER.match(texts[i].strip())]
    return bool(numbers) and (at - 1) - numbers[-1] >= width


def repeated_header_at(
    texts: Sequence[str], start: int, keys: Sequence[str], labels_at: Callable[[int], list[str]]
) -> tuple[int, int] | None:
    """Where a header whose labels' match keys are `keys` is printed again after `start` (a
    table split into parts, each under a heading of its own and the header): the index of the
    heading right above it (`heads_a_part`), or the header's own when there is none, and the
    header's; None when it is not. `labels_at(i)` reads the labels of a header at `texts[i]`."""
    for at in range(start, len(texts)):
        key = match_key(texts[at])
        if not (key and keys[0].startswith(key)):
            continue
        if [match_key(label) for label in labels_at(at)] == list(keys):
            return (at - 1 if heads_a_part(texts, at, start, len(keys)) else at), at
    return None


def unlabelled_number_rows(
    cells: Sequence[Cell], start: int, width: int, totals: Sequence[str]
) -> tuple[list[tuple[Cell, ...]], int]:
    """Rows from `start` under a header without an id column, when each is led by a row number
    the header has no label for (地区 | 重点项目个数 | … over 1 | 东江高新区 | 9 | …):
    runs of one cell more than the header's `width`, led by 1, 2, 3 …; a total row (全市 | 64 |
    …, its label one of `totals`) has no number and takes the header's width, an empty id cell
    put in front. The rows end at the first cell that starts neither; the last one, cut short
    by the page, is left out when it holds its number only. No rows unless at least
    `MIN_UNLABELLED` are numbered; else the rows and the index after them."""
    rows: list[tuple[Cell, ...]] = []
    numbered = 0
    cursor = start
    while cursor < len(cells):
        cell = cells[cursor]
        if _row_number(cell) == numbered + 1:
            end = _unlabelled_row_end(cells, cursor, width, numbered + 2, totals)
            rows.append(tuple(cells[cursor:end]))
            numbered += 1
            cursor = end
        elif match_key(cell.text) in totals:
            rows.append((Cell("", line=cell.line), *cells[cursor : cursor + width]))
            cursor += width
        else:
            break
    if rows and len(rows[-1]) == 1:
        rows.pop()  # the page cut right after the last row's number
        numbered -= 1
    return (rows, min(cursor, len(cells))) if numbered >= MIN_UNLABELLED else ([], start)


def _unlabelled_row_end(
    cells: Sequence[Cell], at: int, width: int, following: int, totals: Sequence[str]
) -> int:
    """Where the numbered row at `at` ends: one cell more than the header's `width`, or, where
    the cell there is not the next row's number but one a few cells later is, at that one
    (not past a total's label: 全市 | 4 | … is the total row, its 4 no row number)."""
    end = at + width + 1
    if end >= len(cells) or _row_number(cells[end]) == following:
        return end
    for index in range(end, min(len(cells), end + MAX_EXTRA_CELLS + 1)):
        if match_key(cells[index].text) in totals:
            return end
        if index > end and _row_number(cells[index]) == following:
            return index
    return end
