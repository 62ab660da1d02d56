"""Total and subtotal rows (合计, 小计, 全市 …): not items, but a check on the items.

A total row is recognised by its label (vocab/headers.toml `[totals]`) in the id, group or
item column, with no row number of its own. Its numbers are compared, column by column, with
the sum of the item rows it covers: a grand total (合计, 全市) all the table's rows so far (or
all of them, when it is printed above them, right under the header), a subtotal (小计) the rows
since the previous total. Only columns whose cells are all plain
numbers are compared (a rate or a share does not add up, and text cannot be summed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from parsers.document import Cell
from pipeline.model.findings import Issue
from pipeline.tables.header import HeaderMap
from pipeline.text.script import match_key
from pipeline.vocab import headers

_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
# Roles whose numbers add up across rows.
SUMMABLE = (None, "quantity", "target")
# A total's label that says what it totals is at most this long; the word is followed by a
# colon or a bracket (合计:…, 合计(56项)), or ends a part's name (…项目合计).
MAX_TOTAL_LABEL = 20
_AFTER_WORD = (":", "：", "(", "（")
# Relative difference below which a total agrees with its rows (rounding in the source).
TOLERANCE = Decimal("0.005")
# A first row with no total's label is the table's total when its figures are the sums of at
# least this many rows below it.
MIN_ROWS_SUMMED = 3


def total_kind(cells: tuple[Cell, ...], header: HeaderMap) -> str | None:
    """'total' or 'subtotal' when the row is one, else None."""
    columns = [header.column(role) for role in ("id", "group", "item")]
    vocab = headers()
    for column in columns:
        if column is None or column >= len(cells):
            continue
        key = match_key(cells[column].text)
        if key in vocab.totals:
            return "total"
        if key in vocab.subtotals:
            return "subtotal"
    return labelled_total(cells)


def labelled_total(cells: tuple[Cell, ...]) -> str | None:
    """A total row known by a label that says what it totals (`_labelled`), in any cell: a
    figure of its that was laid in the id column does not make it an item."""
    return next((kind for cell in cells if (kind := _labelled(cell.text))), None)


def _labelled(text: str) -> str | None:
    """A total's label that says what it totals, in any cell of its row: the word and then
    what is counted (合计:11大类56个项目, a total), or a part's name and then the word
    (社保惠民5个项目合计, the part's subtotal)."""
    key = match_key(text)
    if not key or len(key) > MAX_TOTAL_LABEL:
        return None
    vocab = headers()
    for word in (*vocab.totals, *vocab.subtotals):
        if key.startswith(word) and key[len(word) : len(word) + 1] in _AFTER_WORD:
            return "subtotal" if word in vocab.subtotals else "total"
    ending = next((word for word in vocab.sums if key.endswith(word)), None)
    return "subtotal" if ending is not None and len(key) > len(ending) else None


def _number(text: str) -> Decimal | None:
    text = text.replace(",", "").strip()
    if not _PLAIN_NUMBER.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


@dataclass
class ColumnSums:
    """Running sums of each column's numbers over the item rows, for the whole table and
    since the last total row. A column with a cell that is not a number is not summed."""

    header: HeaderMap
    table: dict[int, Decimal] = field(default_factory=dict)
    section: dict[int, Decimal] = field(default_factory=dict)
    unsummable: set[int] = field(default_factory=set)
    # Totals printed above the rows they cover (合计 right under the header): checked at the end.
    ahead: list[tuple[tuple[Cell, ...], int | None]] = field(default_factory=list)

    def add(self, cells: tuple[Cell, ...]) -> None:
        for column, role in enumerate(self.header.roles):
            if role not in SUMMABLE or column >= len(cells) or not cells[column].text.strip():
                continue
            value = _number(cells[column].text)
            if value is None:
                self.unsummable.add(column)
                continue
            self.table[column] = self.table.get(column, Decimal(0)) + value
            self.section[column] = self.section.get(column, Decimal(0)) + value

    def check(self, kind: str, cells: tuple[Cell, ...], line: int | None) -> list[Issue]:
        """Issues for the columns where the total row and its rows disagree; the section
        starts again after it."""
        if kind == "total" and not self.table:
            self.ahead.append((cells, line))
            return []
        sums = self.table if kind == "total" else self.section
        issues = []
        for column, total in self._totals(cells):
            added = sums.get(column)
            if added is None or abs(total - added) <= TOLERANCE * max(abs(total), Decimal(1)):
                continue
            label = self.header.labels[column].replace("\n", "")
            issues.append(
                Issue(
                    "total_mismatch",
                    f"the {kind} row's {label} is {total}, its rows add up to {added}",
                    line,
                    expected=str(added),
                    observed=str(total),
                )
            )
        self.section = {}
        return issues

    def finish(self) -> list[Issue]:
        """Issues for the totals printed above their rows, against the whole table."""
        ahead, self.ahead = self.ahead, []
        return [issue for cells, line in ahead for issue in self.check("total", cells, line)]

    def _totals(self, cells: tuple[Cell, ...]) -> list[tuple[int, Decimal]]:
        found = []
        for column, role in enumerate(self.header.roles):
            if role in SUMMABLE and column < len(cells) and column not in self.unsummable:
                value = _number(cells[column].text)
                if value is not None:
                    found.append((column, value))
        return found


def sums_the_rows_below(
    first: tuple[Cell, ...], below: Sequence[tuple[Cell, ...]], header: HeaderMap
) -> bool:
    """A first row with no total's label whose every figure that adds up is the sum of the
    rows below it (达州市 | 600.1 | … over its counties' rows): the table's total."""
    if len(below) < MIN_ROWS_SUMMED:
        return False
    sums = ColumnSums(header)
    for cells in below:
        sums.add(cells)
    compared = [(column, value) for column, value in sums._totals(first) if column in sums.table]
    return bool(compared) and all(
        abs(value - sums.table[column]) <= TOLERANCE * max(abs(value), Decimal(1))
        for column, value in compared
    )


def unlabelled_total(rows: Sequence[tuple[Cell, ...]], start: int, header: HeaderMap) -> int | None:
    """The index of the first row from `start` that holds anything, when it has no row number
    and sums the rows below it (`sums_the_rows_below`)."""
    filled = [i for i in range(start, len(rows)) if any(cell.text.strip() for cell in rows[i])]
    if not filled:
        return None
    first, column = rows[filled[0]], header.column("id")
    if column is not None and column < len(first) and first[column].text.strip():
        return None
    below = [rows[i] for i in filled[1:]]
    return filled[0] if sums_the_rows_below(first, below, header) else None
