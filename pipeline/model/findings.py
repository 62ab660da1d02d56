"""The findings catalogue: every `check` code the pipeline reports, declared once, with its
severity, what it means and what to do about it; and the one constructor of findings.

A finding is never a correction: it says what was found and where, and the rows keep what the
document says. The README's table of checks is this catalogue (a test compares them).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model.records import Finding

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    severity: str  # error / warning / info
    meaning: str
    action: str  # what a user can do about it


CATALOGUE = (
    # The narrative against the table
    Check(
        "summary_counts_mismatch",
        "warning",
        "the narrative's counts per status differ from the table's",
        "neither side is corrected; read the bulletin to see which is right",
    ),
    Check(
        "summary_shares_mismatch",
        "warning",
        "the narrative's percentages per status differ from the table's by more than 1.5 points",
        "neither side is corrected; read the bulletin to see which is right",
    ),
    Check(
        "summary_counts_do_not_add_up",
        "info",
        "the narrative's own counts do not sum to its total",
        "nothing: recorded as stated",
    ),
    Check(
        "declared_total_mismatch",
        "warning",
        "the narrative announces a number of items the table does not have",
        "check that every row was read, or that the table is complete",
    ),
    # Rows and sequence numbers
    Check("seq_gap", "warning", "sequence numbers are missing", "look for rows not read"),
    Check("seq_duplicate", "warning", "a sequence number appears twice", "check the rows"),
    Check("seq_missing", "warning", "a row of a numbered table has no number", "check the row"),
    Check(
        "row_too_many_cells",
        "warning",
        "a row has more cells than the header (a stray pipe inside a cell): the cells are merged"
        " back where they fit their columns best",
        "check the row",
    ),
    Check(
        "row_too_few_cells",
        "warning",
        "a row has fewer cells than the header: padded on the right",
        "check the row",
    ),
    Check(
        "total_mismatch",
        "warning",
        "a total or subtotal row (合计, 小计) disagrees with the sum of its rows",
        "check the rows and the total; a row may be missing or misread",
    ),
    Check(
        "row_ambiguous",
        "warning",
        "a row whose cells had to be guessed (split on spaces, or blocks not one per column)",
        "check the row; a delimited copy of the document reads exactly",
    ),
    Check(
        "row_joined_across_pages",
        "info",
        "a PDF row cut by a page break was joined (its number is checked by seq_gap)",
        "nothing",
    ),
    Check(
        "sheet_hidden",
        "info",
        "a hidden sheet of a workbook was not read",
        "unhide the sheet and read the file again if it holds the bulletin",
    ),
    Check(
        "ocr_low_confidence",
        "warning",
        "cells of a scan read by OCR with a confidence below 80% (listed per page)",
        "check those cells against the scan",
    ),
    # Cells and labels
    Check("empty_cell", "warning", "the item name is empty", "check the row"),
    Check(
        "status_unknown",
        "warning",
        "a status label not in the vocabulary",
        "add it to pipeline/vocab/statuses.toml",
    ),
    Check("status_missing", "warning", "no status for the item", "nothing to read it from"),
    Check(
        "unit_unknown",
        "info",
        "a quantity whose unit this tool does not know, kept with its raw text",
        "add the unit to pipeline/vocab/units.toml",
    ),
    Check(
        "no_table",
        "info",
        "no progress table: the bulletin's row holds what its prose says (period, issuer,"
        " declared counts), and its items are those its prose lists, if any",
        "nothing, or check that the table was not left in an attachment",
    ),
    # Columns
    Check(
        "header_inferred",
        "warning",
        "a table printed without its header row: the columns' roles were read from their cells",
        "check the columns named in the message; the page before usually holds the header",
    ),
    Check(
        "column_repeated",
        "info",
        "two columns of one role: the first is read (of progress columns, the latest)",
        "nothing, or rename one in pipeline/vocab/headers.toml",
    ),
    Check(
        "column_unmapped",
        "info",
        "a header not in the vocabulary: its cells are not read",
        "add it to pipeline/vocab/headers.toml",
    ),
    # Metadata
    Check(
        "period_missing",
        "warning",
        "no reporting period: the rows go to the unknown partition",
        "check the title and the narrative",
    ),
    Check("issue_date_missing", "info", "no date of issue found", "nothing"),
    Check("issuer_missing", "info", "no issuing office found", "nothing"),
    Check(
        "noise_removed",
        "info",
        "pinyin glosses, doubled punctuation or HTML residue removed before reading",
        "nothing: the source file keeps the text as it was",
    ),
    Check(
        "text_repeated",
        "info",
        "the whole text was given twice (a scraper's double copy): read once",
        "nothing",
    ),
    Check(
        "inserted_text_removed",
        "info",
        "short lines a spam site inserted inside sentences (專利檢索 between two clauses) removed",
        "nothing: the source file keeps the text as it was",
    ),
    Check(
        "digits_lost",
        "warning",
        "digits printed as ? (?022年): figures and dates near them cannot be trusted",
        "check the figures against another copy of the page",
    ),
    Check(
        "date_repaired",
        "info",
        "a date damaged in extraction (截至621日) was read as the one it must have been",
        "nothing: the damaged text is in `observed`",
    ),
    # Across periods: the `findings` column of the timeline dataset, on the row named
    Check(
        "project_vanished",
        "warning",
        "a project not done in its last row is missing from the programme's later bulletins"
        " (on its last row)",
        "check whether it was dropped, merged or renamed beyond recognition",
    ),
    Check(
        "project_appeared",
        "info",
        "a project first listed after the programme's first bulletin (on its first row)",
        "check whether it is new or an earlier item renamed beyond recognition",
    ),
    Check(
        "status_regressed",
        "warning",
        "a project's status is worse than in the bulletin before (done → behind)",
        "read both bulletins: a setback, or a status misread in one of them",
    ),
    Check(
        "deadline_later",
        "info",
        "a project's deadline is later than in the bulletin before",
        "nothing, or ask why the deadline moved",
    ),
    Check(
        "declared_total_changed",
        "warning",
        "the programme's declared total differs from the bulletin before, within one year"
        " (on every row of the later bulletin)",
        "check which projects were added or dropped",
    ),
)

CHECKS: dict[str, Check] = {check.code: check for check in CATALOGUE}


def finding(
    bulletin_id: str,
    check: str,
    message: str,
    *,
    seq: int | None = None,
    expected: str | None = None,
    observed: str | None = None,
    line: int | None = None,
    item_id: str | None = None,
) -> Finding:
    """A finding of a declared check; its severity comes from the catalogue."""
    severity = CHECKS[check].severity
    return Finding(bulletin_id, seq, check, severity, message, expected, observed, line, item_id)


@dataclass(frozen=True, slots=True)
class Issue:
    """A finding not yet tied to its bulletin: what the table readers report about a row."""

    check: str
    message: str
    line: int | None = None
    expected: str | None = None
    observed: str | None = None

    def __post_init__(self) -> None:
        if self.check not in CHECKS:
            raise KeyError(f"check {self.check!r} is not in the findings catalogue")

    def of(self, bulletin_id: str, seq: int | None, item_id: str | None = None) -> Finding:
        return finding(
            bulletin_id,
            self.check,
            self.message,
            seq=seq,
            item_id=item_id,
            expected=self.expected,
            observed=self.observed,
            line=self.line,
        )
