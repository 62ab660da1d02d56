"""Document -> Bulletin + items: find the progress tables, assemble items, read the narrative.

The wiring only: `interpret` runs the stages, each a pure function named for what it turns
into what: `document_to_tables` (layouts recovered, progress tables found) ->
`document_to_narrative` (title, issuer, dates, period, declared counts) -> `tables_to_items` ->
`items_to_measures` (numbers, dates, completion, sector) -> `to_bulletin`; findings come from
the readers' notes, the stages and `validate`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from parsers.document import Document, Paragraph, Table
from pipeline import __version__
from pipeline.model.errors import NoProgressTable
from pipeline.model.findings import Issue, finding
from pipeline.model.records import Bulletin, Finding, Item, Measure, ParsedBulletin
from pipeline.narrative.date_repair import repair_dates
from pipeline.narrative.metadata import (
    SummaryCounts,
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
from pipeline.narrative.periods import Period, find_period
from pipeline.tables.header import map_header
from pipeline.tables.items import ProgressTable, TableContext, table_items
from pipeline.tables.layouts import recover_tables
from pipeline.tables.rows import MAX_HEADER_ROW, locate_header, reflow
from pipeline.text.clean import clean
from pipeline.text.script import detect_script
from pipeline.validate import validate
from pipeline.values.enrich import enrich
from pipeline.values.status import status_in_text


@dataclass(frozen=True)
class Narrative:
    """What the prose of a document says."""

    paragraphs: list[str]  # every paragraph outside tables, cleaned, damaged dates repaired
    repairs: list[tuple[str, str]]  # (damaged, repaired) dates
    before_table: list[str]  # the paragraphs above the first progress table
    title: str | None
    issuer: str | None
    issued_on: date | None
    period: Period | None
    summary: SummaryCounts


def interpret(document: Document) -> ParsedBulletin:
    """Turn a document into a bulletin, or raise `NoProgressTable`. The wiring of the stages."""
    document, tables = document_to_tables(document)
    if not tables:
        raise NoProgressTable(
            document.source_path,
            _why_no_table(document),
            hint="check that the file holds the bulletin's progress table, not only its text",
        )
    bulletin_id = document.source_sha256[:16]
    narrative = document_to_narrative(document, tables)
    items, issues = tables_to_items(tables, bulletin_id, narrative.period)
    items, measures, cell_findings = items_to_measures(items, _year(narrative))
    bulletin = to_bulletin(document, narrative, items, tables)
    findings = [
        *[finding(bulletin_id, n.code, n.message, line=n.line) for n in document.notes],
        *_repair_findings(bulletin_id, narrative.repairs),
        *[issue.of(bulletin_id, seq) for issue, seq in issues],
        *_column_findings(bulletin_id, tables),
        *validate(bulletin, items),
        *cell_findings,
    ]
    return ParsedBulletin(bulletin, tuple(items), tuple(findings), tuple(measures))


def document_to_tables(document: Document) -> tuple[Document, list[ProgressTable]]:
    """Tables recovered from flattened text, and those of them that are progress tables."""
    document = recover_tables(document)
    return document, list(progress_tables(document))


def document_to_narrative(document: Document, tables: Sequence[ProgressTable]) -> Narrative:
    repairs: list[tuple[str, str]] = []
    paragraphs = [_repaired(clean(p.text), repairs) for p in document.paragraphs]
    first = tables[0].index if tables else len(document.tables)
    before_table = [_repaired(clean(p.text), []) for p in _paragraphs_before(document, first)]
    issued_on, date_index = find_issue_date(paragraphs)
    title = _title(before_table, tables)
    period = find_period(
        [t for t in (title, *(t.caption for t in tables)) if t] + before_table, issued_on
    )
    return Narrative(
        paragraphs=paragraphs,
        repairs=repairs,
        before_table=before_table,
        title=title,
        issuer=find_issuer(paragraphs, date_index),
        issued_on=issued_on,
        period=period,
        summary=find_summary_counts(before_table),
    )


def tables_to_items(
    tables: Sequence[ProgressTable], bulletin_id: str, period: Period | None
) -> tuple[list[Item], list[tuple[Issue, int | None]]]:
    """Every progress table's items, and the row issues found on the way."""
    items: list[Item] = []
    issues: list[tuple[Issue, int | None]] = []
    # 序时进度: the share of the year elapsed at the period's end, for rate-only tables
    elapsed = round(period.end.month / 12, 4) if period and period.end else None
    for number, table in enumerate(tables):
        context = TableContext(number, bulletin_id, _title_status(table), elapsed, table.caption)
        for item_or_issue in table_items(table, context):
            if isinstance(item_or_issue, Item):
                items.append(item_or_issue)
            else:
                issues.append(item_or_issue)
    return items, issues


def items_to_measures(
    items: Sequence[Item], year: int | None
) -> tuple[list[Item], list[Measure], list[Finding]]:
    """Numbers, dates, completion and sector read from each item's cells; cells without a year
    take the bulletin's."""
    enriched: list[Item] = []
    measures: list[Measure] = []
    findings: list[Finding] = []
    for item in items:
        read, item_measures, item_findings = enrich(item, year)
        enriched.append(read)
        measures += item_measures
        findings += item_findings
    return enriched, measures, findings


def to_bulletin(
    document: Document,
    narrative: Narrative,
    items: Sequence[Item],
    tables: Sequence[ProgressTable],
) -> Bulletin:
    period, summary = narrative.period, narrative.summary
    cells = [c.text for t in tables for r in t.rows for c in r]
    return Bulletin(
        bulletin_id=document.source_sha256[:16],
        source_path=document.source_path,
        source_format=document.source_format,
        source_sha256=document.source_sha256,
        source_encoding=document.encoding,
        title=narrative.title,
        issuer=narrative.issuer,
        region=region_of(narrative.issuer) or region_of(narrative.title),
        issued_on=narrative.issued_on,
        period_label=period.label if period else None,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        year=period.year if period else None,
        quarter=period.quarter if period else None,
        script=detect_script("\n".join(narrative.paragraphs + cells)),
        declared_total=summary.total,
        declared_counts=summary.counts,
        declared_shares=summary.shares,
        narrative="\n".join(narrative.paragraphs),
        item_count=len(items),
        table_count=len(tables),
        parser_version=__version__,
    )


def _year(narrative: Narrative) -> int | None:
    period, issued_on = narrative.period, narrative.issued_on
    if period and period.year:
        return period.year
    return issued_on.year if issued_on else None


def _repair_findings(bulletin_id: str, repairs: Sequence[tuple[str, str]]) -> list[Finding]:
    return [
        finding(
            bulletin_id,
            "date_repaired",
            f"a date damaged in extraction, '{damaged}', was read as '{repaired}'",
            expected=repaired,
            observed=damaged,
        )
        for damaged, repaired in repairs
    ]


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


# Roles read from one column only: a second column of the same role is reported, not read.
SINGLE_ROLES = ("id", "item", "target", "progress", "status", "rate", "quantity", "group")


def _column_findings(bulletin_id: str, tables: Sequence[ProgressTable]) -> list[Finding]:
    """Columns read from one place only but given twice, and columns nobody knows."""

    def about(table: ProgressTable, check: str, message: str, observed: str) -> Finding:
        return finding(bulletin_id, check, message, observed=observed, line=table.line)

    findings = []
    for number, table in enumerate(tables):
        for role in SINGLE_ROLES:
            columns = table.header.columns(role)
            if len(columns) > 1:
                names = ", ".join(f"{c + 1} '{table.header.labels[c]}'" for c in columns)
                message = f"table {number}: columns {names} are all '{role}'; the first is read"
                findings.append(about(table, "column_repeated", message, names))
        for column in table.header.unmapped:
            label = table.header.labels[column]
            message = (
                f"table {number}: column {column + 1} '{label}' is not a known header; its"
                " cells are not read (add it to pipeline/vocab/headers.toml)"
            )
            findings.append(about(table, "column_unmapped", message, label))
    return findings
