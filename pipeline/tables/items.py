"""Rows of a progress table -> items: cells by role, status from wherever it is written,
sub-rows, group values carried down.

Where a status comes from (`Item.status_source`), in order of trust: the status `column`; a
`yes_no_column` (是否达序, 进度是否滞后); the `progress_text` (its first clause, 已完成。…, or a
label after a percentage, 80%(进度滞后)); the `table_title` (附件1:慢序时项目); the `rate` column
compared with the share of the year elapsed at the period's end (序时进度).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from parsers.document import Cell
from pipeline.model.findings import Issue
from pipeline.model.records import ItemDraft
from pipeline.tables.cells import is_table_note, resolve_merges, spanning_text
from pipeline.tables.header import HeaderMap
from pipeline.tables.numbered import SECTION
from pipeline.tables.rows import FittedRow, fit_row
from pipeline.tables.totals import ColumnSums, labelled_total, total_kind, unlabelled_total
from pipeline.text.clean import clean
from pipeline.text.numerals import parse_int
from pipeline.text.script import match_key, norm_text
from pipeline.values.responsible import split_units
from pipeline.values.status import status_of_label, status_of_progress, status_of_yes_no

# Longer cells are not status labels (提前完成年度任务 is 8 characters).
MAX_LABEL_LENGTH = 12
_SEQ = re.compile(r"\d{1,4}")
# A number written at the start of a name when the table has no id column: (1)…, 1.…, *1、…
_NAME_NUMBER = re.compile(r"^\s*\*?\s*[(（]?\s*(\d{1,3})\s*[)）.、．]")
# A rate cell: a number, in percent or bare, then the cell's end or a note (92%, 68.7 (滞后));
# not a count or a year that a cell shifted into the column begins with (51个村, 2019年…).
_RATE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:[%％]|$|(?=[\s(（,，;；、]))")
# A status label in brackets after a percentage: 80%(进度滞后)
_PERCENT_LABEL = re.compile(r"\d+(?:\.\d+)?\s*[%％]\s*[(（]\s*([^()（）]{2,10}?)\s*[)）]")


@dataclass(frozen=True)
class ProgressTable:
    index: int  # among all tables of the document
    header: HeaderMap
    header_row: int
    rows: tuple[tuple[Cell, ...], ...]  # every row, header included, as the table gives them
    caption: str | None  # the paragraph just above the table, if it names the table
    line: int | None
    page: int | None
    delimiter: str = ""  # "spaces": cells were split on spaces, a guess (pipeline/layouts.py)
    header_inferred: bool = False  # printed without a header: the roles read from the cells


@dataclass(frozen=True)
class TableContext:
    """What the rows of a table share."""

    number: int  # the table's index among the document's progress tables
    bulletin_id: str
    title_status: tuple[str, str] | None  # (label, status) from the table's title
    elapsed: float | None  # share of the year elapsed at the period's end (序时进度)
    title: str | None = None  # the table's caption


def table_items(
    table: ProgressTable, context: TableContext
) -> Iterator[ItemDraft | tuple[Issue, ItemDraft | None]]:
    """Items of one progress table, interleaved with the issues found on the way, each with
    the item of its row (None for a total row's)."""
    header = table.header
    header_key = tuple(match_key(label) for label in header.labels)
    width = len(header.roles)
    id_column = header.column("id")
    rows = resolve_merges(table.rows, keep_empty=() if id_column is None else (id_column,))
    group: str | None = None
    parent: int | None = None  # the last numbered item: parent of the sub-rows below it
    sums = ColumnSums(header)
    total_row = unlabelled_total(rows, table.header_row + 1, header)
    for row_index in range(table.header_row + 1, len(rows)):
        cells = rows[row_index]
        if not any(cell.text.strip() for cell in cells):
            continue
        if len(cells) == len(header_key) and all(
            match_key(c.text) == key for c, key in zip(cells, header_key, strict=True)
        ):
            continue  # a header repeated inside the table
        padded = (*cells, *(Cell("") for _ in range(width - len(cells))))
        spanning = spanning_text(padded)
        if spanning is not None:
            # One cell across the table: a note (注:…) or a section heading that names the
            # group of the rows below it.
            if not is_table_note(spanning):
                group = clean(spanning)
            continue
        fitted, issue = fit_row(cells, header, row_index, delimiter=table.delimiter)
        kind = "total" if row_index == total_row else total_kind(fitted.cells, header)
        if kind is not None and (
            _seq(_text(fitted, id_column)) is None or labelled_total(fitted.cells)
        ):
            # 合计 / 小计: not an item, a check on the items above it; a part's subtotal may
            # be printed on the row of the part's heading (一、社保惠民 | …5个项目合计 | …)
            group = next((clean(c.text) for c in fitted.cells if SECTION.match(c.text)), group)
            yield from ((found, None) for found in sums.check(kind, fitted.cells, cells[0].line))
            continue
        sums.add(fitted.cells)
        # Group values are printed on the first row of their group only: carry them down.
        group = _text(fitted, header.column("group")) or group
        item = _item(fitted, header, context, group, parent)
        if item.seq is not None:
            parent = item.seq
        if issue is not None:
            yield issue, item
        yield item
    yield from ((found, None) for found in sums.finish())


def _text(row: FittedRow, column: int | None) -> str | None:
    if column is None:
        return None
    return clean(row.cells[column].text) or None


def _joined(row: FittedRow, columns: Sequence[int]) -> str | None:
    """Several columns' text, line breaks kept (for splitting into units or people)."""
    texts = [row.cells[c].text.strip() for c in columns if row.cells[c].text.strip()]
    return " ".join(texts) or None


def _item(
    row: FittedRow, header: HeaderMap, context: TableContext, group: str | None, parent: int | None
) -> ItemDraft:
    seq_raw = _text(row, header.column("id"))
    name = _text(row, header.column("item")) or ""
    seq = _seq(seq_raw)
    if header.column("id") is None and (numbered := _NAME_NUMBER.match(name)):
        seq = int(numbered.group(1))  # (1)…: the name carries the number
    progress = _text(row, header.column("progress"))
    if progress is None and header.column("progress") is None:
        # no progress column: a 完成情况 column of sentences, or an amount achieved (累计完成)
        progress = _report_in_status_column(_text(row, header.column("status"))) or _text(
            row, header.column("quantity")
        )
    rate_text = _text(row, header.column("rate"))
    rate = _rate(rate_text)
    status_raw, status, source = _status(row, header, progress, rate_text, rate, context)
    units_text = _joined(row, header.columns("units"))
    first = row.cells[0]
    is_sub_row = seq is None and parent is not None and header.column("id") is not None
    return ItemDraft(
        bulletin_id=context.bulletin_id,
        seq=seq,
        seq_raw=seq_raw,
        parent_seq=parent if is_sub_row else None,
        group=group,
        name=name,
        target=_text(row, header.column("target")),
        progress=progress,
        units=split_units(units_text),
        units_raw=clean(units_text) if units_text else None,
        people=split_units(_joined(row, header.columns("people"))),
        remark=_joined(row, header.columns("remark")),
        status_raw=status_raw,
        status=status,
        status_source=source,
        rate=rate,
        name_norm=norm_text(name),
        table_index=context.number,
        table_title=context.title,
        row_index=row.row_index,
        line=first.line,
        page=first.page,
    )


@dataclass(frozen=True)
class _RowStatus:
    """What a row offers for its status."""

    row: FittedRow
    header: HeaderMap
    progress: str | None
    rate_text: str | None
    rate: float | None
    context: TableContext


Found = tuple[str | None, str, str | None]  # (raw label, canonical status, where it came from)


def _from_column(r: _RowStatus) -> Found | None:
    raw = _text(r.row, r.header.column("status"))
    if raw and _report_in_status_column(raw) is None:
        return raw, status_of_label(raw) or _label_after_percent(raw) or "unknown", "column"
    return None


def _from_yes_no(r: _RowStatus) -> Found | None:
    for role, yes_means in (("status_yes_on_track", "on_track"), ("status_yes_behind", "behind")):
        answer = _text(r.row, r.header.column(role))
        if answer:
            found = status_of_yes_no(answer, yes_means=yes_means)
            return answer, found or "unknown", "yes_no_column"
    return None


def _from_progress(r: _RowStatus) -> Found | None:
    if r.progress and (first := status_of_progress(r.progress)):
        return first[0], first[1], "progress_text"
    for text in (r.progress, r.rate_text):
        if text and (labelled := _PERCENT_LABEL.search(text)):
            status = status_of_label(labelled.group(1))
            if status:
                return labelled.group(1), status, "progress_text"
    return None


def _from_title(r: _RowStatus) -> Found | None:
    if r.context.title_status:
        label, status = r.context.title_status
        return label, status, "table_title"
    return None


def _from_rate(r: _RowStatus) -> Found | None:
    if r.rate is not None and r.context.elapsed is not None:
        return _status_from_rate(r.rate, r.context.elapsed)
    return None


# Where a status is looked for, in order of trust (the module docstring).
_STATUS_SOURCES = (_from_column, _from_yes_no, _from_progress, _from_title, _from_rate)


def _status(
    row: FittedRow,
    header: HeaderMap,
    progress: str | None,
    rate_text: str | None,
    rate: float | None,
    context: TableContext,
) -> Found:
    """(raw label, canonical status, where it came from): the first source that has one."""
    offered = _RowStatus(row, header, progress, rate_text, rate, context)
    for source in _STATUS_SOURCES:
        found = source(offered)
        if found is not None:
            return found
    return None, "unknown", None


def _report_in_status_column(text: str | None) -> str | None:
    """A 完成情况 column is a status column in tables that put labels there, and a progress
    report in tables that write sentences there: a cell too long for a label, that no label
    matches, is read as the item's progress."""
    if text and len(text) > MAX_LABEL_LENGTH and status_of_label(text) is None:
        return text
    return None


def _label_after_percent(text: str) -> str | None:
    labelled = _PERCENT_LABEL.search(text)
    return status_of_label(labelled.group(1)) if labelled else None


def _status_from_rate(rate: float, elapsed: float) -> tuple[str, str, str]:
    """序时进度: a rate at or above the share of the year elapsed is on schedule."""
    raw = f"{rate:.1%} against {elapsed:.1%} of the year elapsed"
    if rate >= 1:
        return raw, "done", "rate"
    return raw, "on_track" if rate >= elapsed else "behind", "rate"


def _seq(raw: str | None) -> int | None:
    if not raw:
        return None
    match = _SEQ.search(raw)
    if match:
        return int(match.group(0))
    return parse_int(raw.strip("()（）、.*＊ "))


def _rate(raw: str | None) -> float | None:
    """92% or 92 -> 0.92. A rate column is in percent whether or not it says so."""
    if not raw:
        return None
    match = _RATE.match(raw.replace(",", ""))
    return round(float(match.group(1)) / 100, 6) if match else None
