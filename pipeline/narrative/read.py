"""A document's prose as the bulletin's metadata: cleaned paragraphs with damaged dates
repaired, the title, issuer, issue date, reporting period and declared counts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from parsers.document import Document, Paragraph, Table
from pipeline.model.findings import finding
from pipeline.model.records import Finding
from pipeline.narrative.counts import SummaryCounts, find_summary_counts
from pipeline.narrative.date_repair import repair_dates
from pipeline.narrative.metadata import (
    find_issue_date,
    find_issuer,
    is_breadcrumb,
    is_stamp_line,
    looks_like_title,
    strip_attachment_prefix,
)
from pipeline.narrative.periods import Period, find_period
from pipeline.text.clean import clean


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
        """A title, a reporting period or a declared count: what makes prose a bulletin (a
        year taken from the issue date alone does not)."""
        summary, period = self.summary, self.period
        printed = period is not None and (period.label or period.year_source != "issue_date")
        return bool(self.title or printed or summary.total is not None or summary.counts)


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
    title = _title(before_table, captions[0] if captions else None)
    period = find_period([t for t in (title, *captions) if t] + before_table, issued_on)
    if period is None and issued_on is not None:  # no period or year printed but the date
        period = Period("", None, None, issued_on.year, None, "issue_date")
    if period is None:  # a page that opens at the table: the period its rows print
        # (without a progress table, what the other tables print: 附件2 | …进度表 | (截至…))
        from_table = first_table if first_table < len(document.tables) else 0
        period = find_period(_texts_from(document, from_table))
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


# A page's navigation trail takes at most this many lines above its title.
MAX_TRAIL_LINES = 3
# A line this short above the title is page chrome (欢迎您,), as a date line there is (the
# visit's time stamp).
MAX_CHROME_CHARS = 4
MAX_CHROME_LINES = 2


def _is_chrome(text: str) -> bool:
    """A short line of page chrome (欢迎您,), not a short title (督查通报)."""
    return len(text.strip()) <= MAX_CHROME_CHARS and not looks_like_title(text)


def _title(before_table: Sequence[str], caption: str | None) -> str | None:
    """The first line (after a page's navigation trail) when it reads as a title; else the
    first progress table's caption; else an attachment line (附件:…情况表)."""
    lines = [
        text
        for text in before_table[: MAX_TRAIL_LINES + MAX_CHROME_LINES]
        if not is_breadcrumb(text)
    ]
    for _ in range(MAX_CHROME_LINES):
        if lines and (is_stamp_line(lines[0]) or _is_chrome(lines[0])):
            lines = lines[1:]
    if lines and looks_like_title(lines[0]):
        return lines[0]
    if caption and looks_like_title(caption):
        return caption
    for text in before_table:
        stripped = strip_attachment_prefix(text)
        if stripped != text and looks_like_title(stripped):
            return stripped
    return None


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
