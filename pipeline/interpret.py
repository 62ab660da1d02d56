"""Document -> Bulletin + items: find the progress tables, assemble items, read the narrative.

Stages: `progress_tables` (find and shape tables) -> `table_items` (rows to items) ->
`interpret` (metadata from the narrative, findings from `validate`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from parsers.document import Cell, Document, Paragraph, Table
from pipeline import __version__
from pipeline.cells import resolve_merges, spanning_text, unwrap
from pipeline.enrich import enrich
from pipeline.errors import NoProgressTable
from pipeline.header import HeaderMap
from pipeline.narrative import (
    find_issue_date,
    find_issuer,
    find_summary_counts,
    is_bare_attachment_mark,
    is_date_line,
    is_issuer_line,
    is_table_note,
    looks_like_title,
    region_of,
    strip_attachment_prefix,
)
from pipeline.numerals import parse_int
from pipeline.periods import find_period
from pipeline.records import Bulletin, Finding, Item, Measure, ParsedBulletin
from pipeline.responsible import split_units
from pipeline.rows import FittedRow, RowIssue, fit_row, locate_header, reflow
from pipeline.script import detect_script, match_key, norm_text
from pipeline.status import status_of_label, status_of_progress, status_of_yes_no
from pipeline.validate import validate

_SEQ = re.compile(r"\d{1,4}")
_RATE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[%％]?\s*$")


@dataclass(frozen=True)
class ProgressTable:
    index: int  # among all tables of the document
    header: HeaderMap
    header_row: int
    rows: tuple[tuple[Cell, ...], ...]  # every row, header included, as the table gives them
    caption: str | None  # the paragraph just above the table, if it names the table
    line: int | None
    page: int | None


def interpret(document: Document) -> ParsedBulletin:
    """Turn a document into a bulletin, or raise `NoProgressTable`."""
    tables = list(progress_tables(document))
    if not tables:
        found = len(document.tables)
        detail = f"{found} table(s), none with an item column and a progress or status column"
        raise NoProgressTable(
            document.source_path,
            f"no progress table found ({detail if found else 'no table at all'})",
            hint="check that the file holds the bulletin's progress table, not only its text",
        )
    bulletin_id = document.source_sha256[:16]
    paragraphs = [unwrap(p.text) for p in document.paragraphs]
    before_table = [unwrap(p.text) for p in _paragraphs_before(document, tables[0].index)]

    issued_on, date_index = find_issue_date(paragraphs)
    issuer = find_issuer(paragraphs, date_index)
    title = _title(before_table, tables)
    period = find_period(
        [t for t in (title, *(t.caption for t in tables)) if t] + before_table, issued_on
    )
    summary = find_summary_counts(before_table)

    items: list[Item] = []
    row_issues: list[tuple[RowIssue, int | None]] = []
    for number, table in enumerate(tables):
        for item_or_issue in table_items(table, number, bulletin_id):
            if isinstance(item_or_issue, Item):
                items.append(item_or_issue)
            else:
                issue, seq = item_or_issue
                row_issues.append((issue, seq))

    # Numbers, dates, completion, sector: cells without a year take the bulletin's.
    year = period.year if period and period.year else (issued_on.year if issued_on else None)
    measures: list[Measure] = []
    enrich_findings: list[Finding] = []
    for index, item in enumerate(items):
        items[index], item_measures, item_findings = enrich(item, year)
        measures += item_measures
        enrich_findings += item_findings

    all_text = "\n".join(paragraphs + [c.text for t in tables for r in t.rows for c in r])
    bulletin = Bulletin(
        bulletin_id=bulletin_id,
        source_path=document.source_path,
        source_format=document.source_format,
        source_sha256=document.source_sha256,
        source_encoding=document.encoding,
        title=title,
        issuer=issuer,
        region=region_of(issuer) or region_of(title),
        issued_on=issued_on,
        period_label=period.label if period else None,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        year=period.year if period else None,
        quarter=period.quarter if period else None,
        script=detect_script(all_text),
        declared_total=summary.total,
        declared_counts=summary.counts,
        narrative="\n".join(paragraphs),
        item_count=len(items),
        table_count=len(tables),
        parser_version=__version__,
    )
    findings = [
        Finding(bulletin_id, None, note.code, "info", note.message, line=note.line)
        for note in document.notes
    ]
    findings += [_finding(bulletin_id, issue, seq) for issue, seq in row_issues]
    findings += _column_findings(bulletin_id, tables)
    findings += validate(bulletin, items)
    findings += enrich_findings
    return ParsedBulletin(bulletin, tuple(items), tuple(findings), tuple(measures))


def progress_tables(document: Document) -> Iterator[ProgressTable]:
    """The document's tables that have a progress-table header, with their captions."""
    caption: str | None = None
    table_index = -1
    for block in document.blocks:
        if isinstance(block, Paragraph):
            text = unwrap(block.text)
            if not (is_bare_attachment_mark(text) or is_date_line(text) or is_issuer_line(text)):
                caption = strip_attachment_prefix(text)
            continue
        table_index += 1
        rows = reflow(block) if block.flow else block.rows
        located = locate_header(rows, marked=block.header_rows)
        if located is not None:
            header_row, header = located
            yield ProgressTable(
                table_index,
                header,
                header_row,
                rows,
                caption if caption and looks_like_title(caption) else None,
                block.line,
                block.page,
            )
        caption = None


def _paragraphs_before(document: Document, table_index: int) -> Iterator[Paragraph]:
    seen = -1
    for block in document.blocks:
        if isinstance(block, Table):
            seen += 1
            if seen == table_index:
                return
        else:
            yield block


def _title(before_table: Sequence[str], tables: Sequence[ProgressTable]) -> str | None:
    """The first line when it reads as a title; else the first progress table's caption; else an
    attachment line (附件:…情况表)."""
    if before_table and looks_like_title(before_table[0]):
        return before_table[0]
    if tables[0].caption:
        return tables[0].caption
    for text in before_table:
        stripped = strip_attachment_prefix(text)
        if stripped != text and looks_like_title(stripped):
            return stripped
    return None


def table_items(
    table: ProgressTable, table_number: int, bulletin_id: str
) -> Iterator[Item | tuple[RowIssue, int | None]]:
    """Items of one progress table, interleaved with the row issues found on the way."""
    header = table.header
    header_key = tuple(match_key(label) for label in header.labels)
    width = len(header.roles)
    id_column = header.column("id")
    rows = resolve_merges(table.rows, keep_empty=() if id_column is None else (id_column,))
    group: str | None = None
    for row_index in range(table.header_row + 1, len(rows)):
        cells = rows[row_index]
        if not any(cell.text.strip() for cell in cells):
            continue
        if tuple(match_key(c.text) for c in cells) == header_key:
            continue  # a header repeated inside the table
        padded = (*cells, *(Cell("") for _ in range(width - len(cells))))
        spanning = spanning_text(padded)
        if spanning is not None:
            # One cell across the table: a note (注:…) or a section heading that names the
            # group of the rows below it.
            if not is_table_note(spanning):
                group = unwrap(spanning)
            continue
        fitted, issue = fit_row(cells, header, row_index)
        # Group values are printed on the first row of their group only: carry them down.
        group_text = _text(fitted, header.column("group"))
        group = group_text or group
        item = _item(fitted, header, bulletin_id, table_number, group)
        if issue is not None:
            yield issue, item.seq
        yield item


def _text(row: FittedRow, column: int | None) -> str | None:
    """A cell's text with wrapped lines joined (cells.unwrap); None when empty."""
    if column is None:
        return None
    return unwrap(row.cells[column].text.strip()) or None


def _joined(row: FittedRow, columns: Sequence[int]) -> str | None:
    """Several columns' text, line breaks kept (for splitting into units or people)."""
    texts = [row.cells[c].text.strip() for c in columns if row.cells[c].text.strip()]
    return " ".join(texts) or None


def _item(
    row: FittedRow, header: HeaderMap, bulletin_id: str, table_number: int, group: str | None
) -> Item:
    seq_raw = _text(row, header.column("id"))
    name = _text(row, header.column("item")) or ""
    progress = _text(row, header.column("progress"))
    status_raw, status, source = _status(row, header, progress)
    units_text = _joined(row, header.columns("units"))
    first = row.cells[0]
    return Item(
        bulletin_id=bulletin_id,
        seq=_seq(seq_raw),
        seq_raw=seq_raw,
        group=group,
        name=name,
        target=_text(row, header.column("target")),
        progress=progress,
        units=split_units(units_text),
        units_raw=unwrap(units_text) if units_text else None,
        people=split_units(_joined(row, header.columns("people"))),
        remark=_joined(row, header.columns("remark")),
        status_raw=status_raw,
        status=status,
        status_source=source,
        rate=_rate(_text(row, header.column("rate"))),
        name_norm=norm_text(name),
        table_index=table_number,
        row_index=row.row_index,
        line=first.line,
        page=first.page,
    )


def _status(
    row: FittedRow, header: HeaderMap, progress: str | None
) -> tuple[str | None, str, str | None]:
    """(raw label, canonical status, where it came from)."""
    raw = _text(row, header.column("status"))
    if raw:
        return raw, status_of_label(raw) or "unknown", "column"
    for role, yes_means in (("status_yes_on_track", "on_track"), ("status_yes_behind", "behind")):
        answer = _text(row, header.column(role))
        if answer:
            return (
                answer,
                status_of_yes_no(answer, yes_means=yes_means) or "unknown",
                "yes_no_column",
            )
    if progress and (found := status_of_progress(progress)):
        return found[0], found[1], "progress_text"
    return None, "unknown", None


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


def _finding(bulletin_id: str, issue: RowIssue, seq: int | None) -> Finding:
    return Finding(
        bulletin_id=bulletin_id,
        seq=seq,
        check=issue.check,
        severity=issue.severity,
        message=issue.message,
        expected=issue.expected,
        observed=issue.observed,
        line=issue.line,
    )


def _column_findings(bulletin_id: str, tables: Sequence[ProgressTable]) -> list[Finding]:
    findings = []
    for number, table in enumerate(tables):
        for column in table.header.unmapped:
            label = table.header.labels[column]
            findings.append(
                Finding(
                    bulletin_id=bulletin_id,
                    seq=None,
                    check="column_unmapped",
                    severity="info",
                    message=f"table {number}: column {column + 1} '{label}' is not a known header;"
                    " its cells are not read (add it to pipeline/vocab/headers.toml)",
                    observed=label,
                    line=table.line,
                )
            )
    return findings
