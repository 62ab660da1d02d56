"""Document -> Bulletin + items: find the progress tables, assemble items, read the narrative.

Stages: `progress_tables` (find and shape tables) -> `table_items` (rows to items) ->
`interpret` (metadata from the narrative, findings from `validate`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from parsers.document import Document, Paragraph, Table
from pipeline import __version__
from pipeline.model.errors import NoProgressTable
from pipeline.model.records import Bulletin, Finding, Item, Measure, ParsedBulletin
from pipeline.narrative.date_repair import repair_dates
from pipeline.narrative.metadata import (
    find_issue_date,
    find_issuer,
    find_summary_counts,
    is_bare_attachment_mark,
    is_date_line,
    is_issuer_line,
    looks_like_title,
    region_of,
    strip_attachment_prefix,
)
from pipeline.narrative.periods import find_period
from pipeline.tables.header import map_header
from pipeline.tables.items import ProgressTable, TableContext, table_items
from pipeline.tables.layouts import recover_tables
from pipeline.tables.rows import MAX_HEADER_ROW, RowIssue, locate_header, reflow
from pipeline.text.clean import clean
from pipeline.text.script import detect_script
from pipeline.validate import validate
from pipeline.values.enrich import enrich
from pipeline.values.status import status_in_text


def interpret(document: Document) -> ParsedBulletin:
    """Turn a document into a bulletin, or raise `NoProgressTable`."""
    document = recover_tables(document)
    tables = list(progress_tables(document))
    if not tables:
        raise NoProgressTable(
            document.source_path,
            _why_no_table(document),
            hint="check that the file holds the bulletin's progress table, not only its text",
        )
    bulletin_id = document.source_sha256[:16]
    repairs: list[tuple[str, str]] = []
    paragraphs = [_repaired(clean(p.text), repairs) for p in document.paragraphs]
    before_table = [
        _repaired(clean(p.text), []) for p in _paragraphs_before(document, tables[0].index)
    ]

    issued_on, date_index = find_issue_date(paragraphs)
    issuer = find_issuer(paragraphs, date_index)
    title = _title(before_table, tables)
    period = find_period(
        [t for t in (title, *(t.caption for t in tables)) if t] + before_table, issued_on
    )
    summary = find_summary_counts(before_table)

    items: list[Item] = []
    row_issues: list[tuple[RowIssue, int | None]] = []
    # 序时进度: the share of the year elapsed at the period's end, for rate-only tables
    elapsed = round(period.end.month / 12, 4) if period and period.end else None
    for number, table in enumerate(tables):
        context = TableContext(number, bulletin_id, _title_status(table), elapsed, table.caption)
        for item_or_issue in table_items(table, context):
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
        declared_shares=summary.shares,
        narrative="\n".join(paragraphs),
        item_count=len(items),
        table_count=len(tables),
        parser_version=__version__,
    )
    findings = [
        Finding(bulletin_id, None, note.code, "info", note.message, line=note.line)
        for note in document.notes
    ]
    findings += [
        Finding(
            bulletin_id=bulletin_id,
            seq=None,
            check="date_repaired",
            severity="info",
            message=f"a date damaged in extraction, '{damaged}', was read as '{repaired}'",
            expected=repaired,
            observed=damaged,
        )
        for damaged, repaired in repairs
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
            text = clean(block.text)
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
                caption if caption and _names_a_table(caption) else None,
                block.line,
                block.page,
                block.delimiter,
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


def _repaired(text: str, repairs: list[tuple[str, str]]) -> str:
    fixed, found = repair_dates(text)
    repairs.extend(found)
    return fixed


def _names_a_table(text: str) -> bool:
    """A line just above a table that names it: a title (…进展情况表) or a short list heading
    (慢序时项目), not a sentence."""
    return looks_like_title(text) or (len(text) <= 20 and not text.endswith(("。", ":", "：")))


def _title_status(table: ProgressTable) -> tuple[str, str] | None:
    """A status named by the table's own title (附件1:慢序时项目, 已完成项目清单), used for rows
    without a status of their own. A title about progress in general (…进展情况表) names none."""
    if not table.caption or "情况" in table.caption:
        return None
    found = status_in_text(table.caption)
    return found if found and len(found[0]) >= 3 else None


def _why_no_table(document: Document) -> str:
    """The no_table message: what was found instead of a progress table."""
    found = len(document.tables)
    if not found:
        return "no progress table found (no table at all)"
    for table in document.tables:
        rows = reflow(table) if table.flow else table.rows
        for row in rows[:MAX_HEADER_ROW]:
            header = map_header([cell.text for cell in row])
            indicators = sum(1 for r in header.roles if r in ("target", "rate", "quantity"))
            if (
                header.column("group") is not None
                and header.column("item") is None
                and indicators >= 2
            ):
                return (
                    "a per-district matrix (one row per district, columns per indicator) is not"
                    " read as a progress table yet"
                )
    return (
        f"no progress table found ({found} table(s), none with an item column and a progress"
        " or status column)"
    )


def _title(before_table: Sequence[str], tables: Sequence[ProgressTable]) -> str | None:
    """The first line when it reads as a title; else the first progress table's caption; else an
    attachment line (附件:…情况表)."""
    if before_table and looks_like_title(before_table[0]):
        return before_table[0]
    if tables[0].caption and looks_like_title(tables[0].caption):
        return tables[0].caption
    for text in before_table:
        stripped = strip_attachment_prefix(text)
        if stripped != text and looks_like_title(stripped):
            return stripped
    return None


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


# Roles read from one column only: a second column of the same role is reported, not read.
SINGLE_ROLES = ("id", "item", "target", "progress", "status", "rate", "quantity", "group")


def _column_findings(bulletin_id: str, tables: Sequence[ProgressTable]) -> list[Finding]:
    """Columns read from one place only but given twice, and columns nobody knows."""

    def finding(table: ProgressTable, check: str, message: str, observed: str) -> Finding:
        return Finding(
            bulletin_id=bulletin_id,
            seq=None,
            check=check,
            severity="info",
            message=message,
            observed=observed,
            line=table.line,
        )

    findings = []
    for number, table in enumerate(tables):
        for role in SINGLE_ROLES:
            columns = table.header.columns(role)
            if len(columns) > 1:
                names = ", ".join(f"{c + 1} '{table.header.labels[c]}'" for c in columns)
                message = f"table {number}: columns {names} are all '{role}'; the first is read"
                findings.append(finding(table, "column_repeated", message, names))
        for column in table.header.unmapped:
            label = table.header.labels[column]
            message = (
                f"table {number}: column {column + 1} '{label}' is not a known header; its"
                " cells are not read (add it to pipeline/vocab/headers.toml)"
            )
            findings.append(finding(table, "column_unmapped", message, label))
    return findings
