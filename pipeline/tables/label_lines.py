"""Vertical forms written as lines: one record per project, each label on a line (or broken
over two or three: 项 目 / 名 称, 存 在 / 困 难 / 和问题) and its value on the lines after it, a
blank line between them, a value left empty where the next label follows at once:

    项目名称
    建设口袋公园20处
    进展情况
    已完成11处;正在推进7处。
    存在
    问题
    是否滞后

The labels and values become a two-column table (label | value, one record after another),
which the key-value forms of `layouts.py` turn into a row per project. A record starts with the
label of the item, which has a value; the first record must name a progress table. A title
between records (…月报表(7月份)) is no value. The last label of the first record takes, in each
later record, no more lines of value than it has in the first (at least one): what follows the
last record is the page's, not the table's.

A label may end with a colon and have its value after it on its line, or on the lines below
(项目名称:提升县域生态环境, then 项目内容: over its text); a record's number may lead its first
label (01 项目名称:…) or stand on a line of its own above it (03, then 项目名称:).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from parsers.document import Block, Cell, Paragraph, Table
from pipeline.tables.header import header_role, listed_role, map_header
from pipeline.text.script import match_key

# A label is short, and so is each line it is broken over.
MAX_LABEL = 12
MAX_LABEL_PART = 6
MAX_LABEL_LINES = 3
# A line this long that is a known label is a label of its own, not a part of the one above.
MIN_WHOLE_LABEL = 4
# The first record names at least this many labels, and this many of them have a value (the
# item's among them): labels one after another are a header (tables/blank_cells.py).
MIN_LABELS = 3
MIN_VALUES = 2
# A title of the form between two records: …进展情况月报表(7月份), …推进情况表
_TITLE = re.compile(r"表\s*(?:[(（][^()（）]{0,12}[)）])?$")
# A label with its colon, and what follows it on its line; a record's number before it.
_COLON_LABEL = re.compile(r"^\s*(?:\d{1,3}\s+)?([^:：\s]{2,12})\s*[:：]\s*(.*)$")
_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")


@dataclass
class _Record:
    rows: list[tuple[Paragraph, list[Paragraph]]] = field(default_factory=list)


def recover_label_lines(blocks: Sequence[Block]) -> Iterator[Block]:
    """The blocks, with each run of paragraphs that is a vertical form of labels and values
    turned into a two-column `Table`. Outside the forms, the blocks as they were."""
    lines, origin = _split_labels(blocks)
    done = -1  # the last block given back (or taken by a form)
    split = -1  # a block whose label a form took, and not the value after it
    index = 0
    while index < len(lines):
        found = _form_at(lines, index)
        if found is not None:
            table, index = found
            yield table
            done = split = origin[index - 1]
            continue
        if origin[index] > done:
            yield from blocks[done + 1 : origin[index] + 1]
            done = origin[index]
        elif origin[index] == split:
            yield lines[index]
        index += 1
    yield from blocks[done + 1 :]


def _split_labels(blocks: Sequence[Block]) -> tuple[list[Block], list[int]]:
    """The blocks with each label line that has a colon cut into the label and the value after
    it (the record's number before it left out), and a record's number on a line of its own
    above such a line left out; with the index of the block each line comes from."""
    lines: list[Block] = []
    origin: list[int] = []
    for index, block in enumerate(blocks):
        parts: list[Block] = [block]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, Paragraph) and _NUMBER.match(block.text):
            parts = [] if _colon_label(following) is not None else parts
        elif isinstance(block, Paragraph) and (found := _colon_label(block)) is not None:
            label, value = found
            parts = [replace(block, text=label + ":")]  # its colon ends it
            parts += [replace(block, text=value, gap_before=False)] if value else []
        lines.extend(parts)
        origin.extend([index] * len(parts))
    return lines, origin


def _colon_label(block: Block | None) -> tuple[str, str] | None:
    """(label, the value after its colon) for a paragraph that starts with a listed label and
    its colon."""
    found = _COLON_LABEL.match(block.text) if isinstance(block, Paragraph) else None
    if found is None or listed_role(found.group(1)) is None:
        return None
    return found.group(1), found.group(2).strip()


def _label_at(blocks: Sequence[Block], index: int) -> tuple[str, int] | None:
    """The label that starts at `index`, joined from up to three short lines, the longest one
    the vocabulary lists (not one read by its head word: 地方储备粮仓库扩建项目 is a name):
    (label, the index after it)."""
    parts: list[str] = []
    best: tuple[str, int] | None = None
    for cursor in range(index, min(index + MAX_LABEL_LINES, len(blocks))):
        block = blocks[cursor]
        if not isinstance(block, Paragraph):
            break
        key = match_key(block.text)
        limit = MAX_LABEL if cursor == index else MAX_LABEL_PART
        if not key or len(key) > limit:
            break
        if parts and len(key) >= MIN_WHOLE_LABEL and listed_role(key) is not None:
            break  # a label of its own (是否滞后, then 项目名称): not the rest of this one
        parts.append(key)
        label = "".join(parts)
        if len(label) <= MAX_LABEL and listed_role(label) is not None:
            best = (label, cursor + 1)
        if block.text.rstrip().endswith((":", "：")):
            break  # a colon ends a label
    return best


def _form_at(blocks: Sequence[Block], start: int) -> tuple[Table, int] | None:
    """The vertical form starting at `start`, and the index after it; None unless it starts
    with the label of the item and its first record names a progress table."""
    first = _label_at(blocks, start)
    if first is None or listed_role(first[0]) != "item":
        return None
    records, end = _records(blocks, start, first[0])
    labels = [match_key(label.text) for label, _ in records[0].rows] if records else []
    if len(set(labels)) < MIN_LABELS or not map_header(labels).is_progress_table:
        return None
    valued = [bool(values) for _, values in records[0].rows]
    if not valued[0] or sum(valued) < MIN_VALUES or _is_label(records[0].rows[0][1][0]):
        return None  # labels one after another: the header of a table of blocks
    rows: list[tuple[Cell, ...]] = []
    for record in records:
        for label, values in record.rows:
            text = "\n".join(value.text.strip() for value in values)
            line = values[0].line if values else label.line
            rows.append((Cell(label.text, line=label.line), Cell(text, line=line)))
    first_block = blocks[start]
    return Table(rows=tuple(rows), line=first_block.line, page=first_block.page), end


def _is_label(block: Paragraph) -> bool:
    """A short line that reads as a header label, listed or by its head word (具体任务及目标)."""
    key = match_key(block.text)
    return len(key) <= MAX_LABEL and header_role(key) is not None


def _records(blocks: Sequence[Block], start: int, item: str) -> tuple[list[_Record], int]:
    """The records from `start`: labels and the paragraphs after each, up to the next label."""
    records: list[_Record] = []
    last_label: str | None = None  # the first record's last label
    most = 1  # the lines of value it takes in a later record: as many as in the first
    cursor = start
    while cursor < len(blocks) and isinstance(blocks[cursor], Paragraph):
        found = _label_at(blocks, cursor)
        if found is not None:
            label, after = found
            if label == item:
                if records and last_label is None:
                    last_label = match_key(records[0].rows[-1][0].text)
                    most = max(1, len(records[0].rows[-1][1]))
                records.append(_Record())
            parts = blocks[cursor:after]
            text = "".join(match_key(b.text) for b in parts if isinstance(b, Paragraph))
            records[-1].rows.append((Paragraph(text, line=blocks[cursor].line), []))
            cursor = after
            continue
        block = blocks[cursor]
        assert isinstance(block, Paragraph)
        label_now = match_key(records[-1].rows[-1][0].text)
        values = records[-1].rows[-1][1]
        closing = (last_label is not None and _same_role(label_now, last_label)) or (
            last_label is None and _ends_first_record(records, label_now)
        )
        if _TITLE.search(block.text.strip()):
            pass  # a title between records
        elif closing and len(values) >= (most if last_label is not None else 1):
            break  # the last label had its lines: what follows is not the form's
        else:
            values.append(block)
        cursor += 1
    return records, cursor


def _same_role(label: str, other: str) -> bool:
    """The same label, or one written another way (是否滞后, 进度是否滞后)."""
    return label == other or listed_role(label) == listed_role(other) is not None


def _ends_first_record(records: list[_Record], label: str) -> bool:
    """While the first record is read, whether `label` says whether it is behind: the column
    such a form ends with."""
    role = listed_role(label) or ""
    return len(records) == 1 and role.startswith("status")
