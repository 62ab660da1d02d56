"""Tables printed without their header row: a page that begins in the middle of a table (the
header is on the page before), an excerpt cut below it. Their rows still say what each column
holds: numbers that count up are the row numbers, completion labels the status, names of
organisations the responsible units, figures a rate, and of the columns of text the first names
the item and the last reports progress. The roles inferred give the table a header of the
vocabulary's labels, and it is read like any other; a finding says the header was inferred.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.document import Cell
from pipeline.tables.fit import is_figure
from pipeline.values.responsible import looks_like_units
from pipeline.values.status import status_of_label

# A table needs this many rows, each with this many cells, for its columns to say what they are.
MIN_ROWS = 3
MIN_COLUMNS = 3
# Of a column's non-empty cells, this share must fit a role for the column to take it.
SHARE = 0.6
_ID = re.compile(r"^\s*\d{1,3}\s*$")
# The label each inferred role is given: one the vocabulary maps back to the role.
LABELS = {
    "id": "序号",
    "item": "项目名称",
    "target": "目标任务",
    "units": "责任单位",
    "progress": "进展情况",
    "status": "完成情况",
    "rate": "完成率",
    None: "",
}


def inferred_header(rows: Sequence[Sequence[Cell]]) -> tuple[Cell, ...] | None:
    """A header row for rows that have none, or None when their columns do not say clearly
    what they hold (or the first row is a header after all)."""
    full = [row for row in rows if sum(1 for c in row if c.text.strip()) >= MIN_COLUMNS]
    if len(full) < MIN_ROWS or not (full[0] and _ID.match(full[0][0].text)):
        return None  # too few rows, or the first is not a row of data (a header, a title)
    width = max(len(row) for row in full)
    if sum(1 for row in full if len(row) == width) < SHARE * len(full):
        return None
    columns = [[row[i].text.strip() for row in full if i < len(row)] for i in range(width)]
    if not _counts_up(columns[0]):
        return None
    roles: list[str | None] = ["id", *(_role(texts) for texts in columns[1:])]
    text = [i for i, role in enumerate(roles) if role == "text"]
    if not text or ("status" not in roles and "units" not in roles):
        return None
    roles[text[0]] = "item"
    if len(text) > 1:
        roles[text[-1]] = "progress"
        for middle in text[1:-1]:
            roles[middle] = "target"
    line = full[0][0].line if full[0] else None
    return tuple(Cell(LABELS[role if role != "text" else None], line=line) for role in roles)


def _counts_up(texts: Sequence[str]) -> bool:
    numbers = [int(t) for t in texts if _ID.match(t)]
    return len(numbers) >= SHARE * len(texts) and numbers == sorted(numbers) and numbers[0] <= 2


def _role(texts: Sequence[str]) -> str | None:
    """What a column's cells hold: a status, units, figures, or text (item or progress)."""
    filled = [t for t in texts if t]
    if not filled:
        return None
    for role, test in (
        ("status", lambda t: status_of_label(t) is not None),
        ("units", looks_like_units),
        ("rate", is_figure),
    ):
        if sum(1 for t in filled if test(t)) >= SHARE * len(filled):
            return role
    return "text"
