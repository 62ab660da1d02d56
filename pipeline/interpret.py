"""Document -> Bulletin + items: find the progress tables, assemble items, read the narrative.

The wiring only: `interpret` runs the stages, each a pure function named for what it turns
into what: `denoise_document` (noise removed, text/document.py) -> `document_to_tables`
(layouts recovered, progress tables found) -> `document_to_narrative` (title, issuer, dates,
period, declared counts) -> `tables_to_items`, or `narrative_to_items` when there is no
progress table (the items the prose lists) -> `items_to_measures` (numbers, dates,
completion, sector, each item under its `item_id`) -> `to_bulletin` (with its
`document_key`); findings come from the readers' notes, the stages and `validate`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from parsers.document import Cell, Document, Paragraph
from pipeline import __version__
from pipeline.model.errors import NotABulletin
from pipeline.model.findings import Issue, finding
from pipeline.model.records import Bulletin, Finding, Item, ItemDraft, Measure, ParsedBulletin
from pipeline.narrative.lists import listed_items
from pipeline.narrative.metadata import (
    is_bare_attachment_mark,
    is_date_line,
    is_issuer_line,
    looks_like_title,
    strip_attachment_prefix,
)
from pipeline.narrative.periods import Period
from pipeline.narrative.read import Narrative, read_narrative, repair_findings
from pipeline.narrative.regions import region_of
from pipeline.tables.checks import (
    column_findings,
    names_are_figures,
    title_status,
    why_no_table,
)
from pipeline.tables.headerless import inferred_header
from pipeline.tables.items import ProgressTable, TableContext, table_items
from pipeline.tables.layouts import recover_tables
from pipeline.tables.reflow import reflow
from pipeline.tables.rows import locate_header
from pipeline.text.clean import clean
from pipeline.text.document import denoise_document
from pipeline.text.script import detect_script
from pipeline.validate import validate
from pipeline.values.enrich import enrich
from pipeline.values.keys import document_key, item_ids
from pipeline.values.organisations import organisation_norm
from pipeline.values.programmes import programme_of


def interpret(document: Document) -> ParsedBulletin:
    """Turn a document into a bulletin, or raise `NotABulletin`. The wiring of the stages.

    A document without a progress table is still a bulletin when its prose has a title, a
    period, declared counts or a list of items: its row is written, with a `no_table` finding,
    and the items its prose lists are its items."""
    document, tables = document_to_tables(denoise_document(document))
    bulletin_id = document.source_sha256[:16]
    narrative = document_to_narrative(document, tables)
    if tables:
        rows, issues = tables_to_items(tables, bulletin_id, narrative.period)
        no_table = []
    else:
        rows, issues = narrative_to_items(document, bulletin_id), []
        no_table = [finding(bulletin_id, "no_table", _no_table_message(document, rows))]
    if no_table and not narrative.says_anything and not rows:
        raise NotABulletin(
            document.source_path,
            no_table[0].message
            + ", and no title, reporting period, declared count, list of items or progress"
            " of a programme",
            hint="check that the file is a progress bulletin",
        )
    ids = item_ids(rows)
    items, measures, cell_findings = items_to_measures(rows, ids, _year(narrative))
    bulletin = to_bulletin(document, narrative, items, tables)
    id_of = {id(row): item_id for row, item_id in zip(rows, ids, strict=True)}
    findings = [
        *[finding(bulletin_id, n.code, n.message, line=n.line) for n in document.notes],
        *no_table,
        *repair_findings(bulletin_id, narrative.repairs),
        *[_row_finding(issue, bulletin_id, row, id_of) for issue, row in issues],
        *column_findings(bulletin_id, tables),
        *validate(bulletin, items),
        *cell_findings,
    ]
    return ParsedBulletin(bulletin, tuple(items), tuple(findings), tuple(measures))


def document_to_tables(document: Document) -> tuple[Document, list[ProgressTable]]:
    """Tables recovered from flattened text, and those of them that are progress tables."""
    document = recover_tables(document)
    return document, list(progress_tables(document))


def document_to_narrative(document: Document, tables: Sequence[ProgressTable]) -> Narrative:
    """Title, issuer, dates, period and declared counts from the prose around the tables."""
    first = tables[0].index if tables else len(document.tables)
    return read_narrative(document, first, [t.caption for t in tables])


RowIssue = tuple[Issue, ItemDraft | None]  # an issue, and the item of its row if any


def tables_to_items(
    tables: Sequence[ProgressTable], bulletin_id: str, period: Period | None
) -> tuple[list[ItemDraft], list[RowIssue]]:
    """Every progress table's item rows, and the row issues found on the way."""
    items: list[ItemDraft] = []
    issues: list[RowIssue] = []
    # 序时进度: the share of the year elapsed at the period's end, for rate-only tables
    elapsed = round(period.end.month / 12, 4) if period and period.end else None
    for number, table in enumerate(tables):
        context = TableContext(number, bulletin_id, title_status(table), elapsed, table.caption)
        for item_or_issue in table_items(table, context):
            if isinstance(item_or_issue, ItemDraft):
                items.append(item_or_issue)
            else:
                issues.append(item_or_issue)
    return items, issues


def narrative_to_items(document: Document, bulletin_id: str) -> list[ItemDraft]:
    """The items a document without a progress table lists in its prose, one per numbered line
    or paragraph (status_source "narrative")."""
    return listed_items(document.blocks, bulletin_id)


def _row_finding(
    issue: Issue, bulletin_id: str, row: ItemDraft | None, id_of: dict[int, str]
) -> Finding:
    if row is None:
        return issue.of(bulletin_id, None)
    return issue.of(bulletin_id, row.seq, id_of[id(row)])


def items_to_measures(
    items: Sequence[ItemDraft], ids: Sequence[str], year: int | None
) -> tuple[list[Item], list[Measure], list[Finding]]:
    """The items under their ids: numbers, dates, completion and sector read from each row's
    cells; cells without a year take the bulletin's."""
    enriched: list[Item] = []
    measures: list[Measure] = []
    findings: list[Finding] = []
    for item, item_id in zip(items, ids, strict=True):
        read, item_measures, item_findings = enrich(item, year, item_id)
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
    region = region_of(narrative.issuer) or region_of(narrative.title)
    bulletin = Bulletin(
        bulletin_id=document.source_sha256[:16],
        document_key="",  # below: it reads the fields set here
        duplicate_of=None,  # set when the bulletin's partition is written
        programme_key=None,  # below: it reads the fields set here
        source_path=document.source_path,
        source_format=document.source_format,
        source_sha256=document.source_sha256,
        source_encoding=document.encoding,
        title=narrative.title,
        issuer=narrative.issuer,
        region=region,
        issuer_norm=organisation_norm(narrative.issuer),
        region_norm=organisation_norm(region),
        issued_on=narrative.issued_on,
        period_label=(period.label or None) if period else None,
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
    key, programme = document_key(bulletin, items), programme_of(bulletin)
    return replace(bulletin, document_key=key, programme_key=programme)


def _no_table_message(document: Document, items: Sequence[ItemDraft]) -> str:
    message = why_no_table(document)
    if items:
        message += f"; {len(items)} items read from a list in the narrative"
    return message


def _year(narrative: Narrative) -> int | None:
    period, issued_on = narrative.period, narrative.issued_on
    if period and period.year:
        return period.year
    return issued_on.year if issued_on else None


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
        inferred = None if located or block.flow else inferred_header(rows)
        if inferred is not None:  # rows without their header (a page begun mid-table)
            rows = (inferred, *rows)
            located = locate_header(rows)
        if located is not None and not names_are_figures(
            rows[located[0] + 1 :], located[1].column("item")
        ):
            header_row, header = located
            caption = caption or _title_row(rows[:header_row])
            yield ProgressTable(
                table_index,
                header,
                header_row,
                rows,
                caption if caption and _names_a_table(caption) else None,
                block.line,
                block.page,
                "cells" if block.flow else block.delimiter,
                header_inferred=inferred is not None,
            )
        caption = None


def _title_row(rows: Sequence[Sequence[Cell]]) -> str | None:
    """A title given as the table's own first row (a flattened page's 1-6月…进度表 |)."""
    for row in rows:
        texts = [cell.text.strip() for cell in row if cell.text.strip()]
        if len(texts) == 1 and looks_like_title(texts[0]):
            return strip_attachment_prefix(clean(texts[0]))
    return None


def _names_a_table(text: str) -> bool:
    """A line just above a table that names it: a title (…进展情况表) or a short list heading
    (慢序时项目), not a sentence."""
    return looks_like_title(text) or (len(text) <= 20 and not text.endswith(("。", ":", "：")))
