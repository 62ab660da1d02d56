"""A document's prose as the bulletin's metadata: cleaned paragraphs with damaged dates
repaired, the title, issuer, issue date, reporting period and declared counts."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from parsers.document import Document, Paragraph, Table
from pipeline.model.findings import finding
from pipeline.model.records import Finding
from pipeline.narrative.counts import SummaryCounts, find_summary_counts
from pipeline.narrative.date_repair import repair_dates
from pipeline.narrative.metadata import find_issue_date, find_issuer
from pipeline.narrative.metadata_box import page_lines, read_box
from pipeline.narrative.periods import Period, find_period
from pipeline.narrative.prose_issuer import prose_issuer
from pipeline.narrative.title import find_title
from pipeline.narrative.years import printed_year
from pipeline.text.clean import clean
from pipeline.text.script import to_simplified
from pipeline.values.status import status_in_text
from pipeline.vocab import table

# A table's header: in its first rows, cells at most this long, above its first row number.
HEADER_ROWS = 3
HEADER_CELL_CHARS = 24
FLOW_HEADER_CELLS = 16
_ROW_NUMBER = re.compile(r"^[(（]?(?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）、.．]?$")


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

    @property
    def says_anything(self) -> bool:
        """A title, a reporting period or a declared count, or prose on the progress of a
        programme (民生实事…已完工): what makes prose a bulletin (a year taken from the issue
        date alone does not)."""
        summary, period = self.summary, self.period
        printed = period is not None and (period.label or period.year_source != "issue_date")
        stated = bool(self.title or printed or summary.total is not None or summary.counts)
        return stated or reports_progress(self.paragraphs)


def reports_progress(paragraphs: Sequence[str]) -> bool:
    """Whether prose names a programme (民生工程, 重点项目, …, or a works named in quotes:
    “五个全覆盖”工程) and a state reached by its work (已完工, 正在施工): a news report of a
    programme's progress, without title or date."""
    texts = [to_simplified(text) for text in paragraphs]
    w = table("narrative")
    named = re.compile(w["prose_named_programme"])
    if not any(
        any(word in t for word in w["prose_programme_words"]) or named.search(t) for t in texts
    ):
        return False
    return any(status_in_text(text) is not None for text in texts)


def read_narrative(
    document: Document, first_table: int, captions: Sequence[str | None]
) -> Narrative:
    """What the paragraphs of `document` say; `first_table` is the index of its first progress
    table among its tables (the counts and the title are read above it), `captions` the lines
    that name its progress tables."""
    repairs: list[tuple[str, str]] = []
    paragraphs = [_repaired(clean(p.text), repairs) for p in document.paragraphs]
    before_table = [_repaired(clean(p.text), []) for p in _paragraphs_before(document, first_table)]
    issued_on, date_index = find_issue_date(paragraphs)
    box = read_box(page_lines(document))
    issued_on = issued_on or box.issued_on
    title = find_title(before_table, captions[0] if captions else None)
    summary = find_summary_counts(before_table)
    texts = [t for t in (title, *captions) if t] + before_table
    heads = _header_cells(document, first_table)
    period = find_period(texts, issued_on, heads)
    period = _year_of_summary(period, before_table, summary)
    if period is None:  # a page that opens at the table: the period its rows print
        # (without a progress table, what the other tables print: 附件2 | …进度表 | (截至…))
        from_table = first_table if first_table < len(document.tables) else 0
        # with a date of issue, a period only from a header (截至6月底进展), not from a cell
        # of progress (截至6月底完成主体), which the date's year would otherwise give way to
        table_texts = (
            _texts_from(document, from_table)
            if issued_on is None
            else heads
            if from_table == first_table
            else _header_cells(document, from_table)
        )
        period = find_period(table_texts, issued_on)
    if period is None and issued_on is not None:  # no period or year printed but the date
        # a title on last year's work (去年河南省重点项目超额完成…): the year before the date's
        before = any(word in to_simplified(title or "") for word in table("periods")["last_year"])
        period = Period("", None, None, issued_on.year - before, None, "issue_date")
    return Narrative(
        paragraphs=paragraphs,
        repairs=repairs,
        before_table=before_table,
        title=title,
        issuer=find_issuer(paragraphs, date_index, (box.publisher, box.source))
        or prose_issuer(before_table),
        issued_on=issued_on,
        period=period,
        summary=summary,
    )


def _year_of_summary(
    period: Period | None, before_table: Sequence[str], summary: SummaryCounts
) -> Period | None:
    """Without a title or period that gives the year, the year printed where the counts are
    stated (2016年初…10件为民实事截至目前已基本完成) rather than the first one printed (召开2017年
    惠民实事通报会: the meeting, or the next year's plan)."""
    if period is not None and (period.label or period.year_source != "text"):
        return period
    if summary.paragraph is None or not summary.counts:
        return period
    year = printed_year(before_table[summary.paragraph])
    if year is None or (period is not None and period.year == year):
        return period
    return Period("", None, None, year, None, "text")


def _header_cells(document: Document, table_index: int) -> list[str]:
    """The short cells of a table's header, which may print the year or the period its columns
    are of (2021年目标 | 截至6月底进展): its first row, and the rows under it that are mostly
    empty (a lower level), up to its first row number (1, 1., (1), 一、); of a flow table (its
    cells one row), the first cells up to its first row number."""
    if table_index >= len(document.tables):
        return []
    found = document.tables[table_index]
    rows = [found.rows[0][:FLOW_HEADER_CELLS]] if found.flow and found.rows else found.rows
    cells: list[str] = []
    for index, row in enumerate(rows[:HEADER_ROWS]):
        texts = [clean(cell.text) for cell in row]
        if index and sum(1 for text in texts if text) * 2 > len(texts):
            break  # a row of data, not a lower level of the header
        for text in texts:
            if _ROW_NUMBER.match(text):
                return cells
            if 0 < len(text) <= HEADER_CELL_CHARS:
                cells.append(text)
    return cells


def _paragraphs_before(document: Document, table_index: int) -> Iterator[Paragraph]:
    seen = -1
    for block in document.blocks:
        if isinstance(block, Table):
            seen += 1
            if seen == table_index:
                return
        else:
            yield block


def _texts_from(document: Document, table_index: int) -> Iterator[str]:
    """The text of the progress table `table_index`, cell by cell, and of every block after
    it."""
    seen = -1
    for block in document.blocks:
        if isinstance(block, Table):
            seen += 1
            if seen >= table_index:
                yield from (clean(cell.text) for row in block.rows for cell in row if cell.text)
        elif seen >= table_index:
            yield clean(block.text)


def _repaired(text: str, repairs: list[tuple[str, str]]) -> str:
    fixed, found = repair_dates(text)
    repairs.extend(found)
    return fixed


def repair_findings(bulletin_id: str, repairs: Sequence[tuple[str, str]]) -> list[Finding]:
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
