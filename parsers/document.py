"""The format-neutral document model that every reader produces.

A `Document` is an ordered list of blocks: paragraphs and tables. Readers know file formats
and nothing about bulletins; everything here is plain data with provenance (source line or page)
so that the pipeline can point a user back at the exact place a value came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# No-break and fixed-width spaces (&nbsp; as a page's text gives it): spaces of the layout, for
# every reader. The ideographic space (U+3000) is not one of them: pages indent with it.
LAYOUT_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
)
AS_SPACES = str.maketrans(dict.fromkeys(LAYOUT_SPACES, " "))


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell as found in the source.

    `text` keeps the source characters; in-cell line breaks (wraps, paragraphs) are kept as
    "\\n" for the pipeline to join. `line` is the 1-based source line (text formats) and `page`
    the 1-based page (paged formats); either may be None when the format has no such notion.

    `confidence` is set for cells read by OCR only.

    Merged cells: the cell where a merge starts carries the text and its `row_span` /
    `col_span`; every other grid position the merge covers holds an empty placeholder whose
    `merged` says where its origin is: "up" (a vertical merge) or "left" (a horizontal one).
    So every row has one cell per grid column, and a merged value appears once.
    """

    text: str
    line: int | None = None
    page: int | None = None
    row_span: int = 1
    col_span: int = 1
    merged: str | None = None  # None, "up" or "left": a placeholder covered by a merge
    confidence: float | None = None  # 0-1, the lowest of the OCR boxes read into it (scans)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of narrative text outside any table.

    `gap_before` is True when a blank line separates it from the block before (text formats):
    in some flattened pages the blank lines are all that separates table cells.
    """

    text: str
    line: int | None = None
    page: int | None = None
    gap_before: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table as the reader found it.

    `rows` are the rows in source order; a row may be shorter or longer than its neighbours
    when the source is damaged: readers never pad or merge on a guess.

    `flow` is True when the source gives the cells in reading order but does not mark where a
    row ends (one cell per line, REAL_WORLD.md §1 (b) and (c)). Each entry of `rows` is then one
    source line's worth of cells, and whoever knows the header reflows them into real rows.
    """

    rows: tuple[tuple[Cell, ...], ...]
    flow: bool = False
    line: int | None = None
    page: int | None = None
    header_rows: int = 0  # leading rows the source marks as a repeating header (Word tblHeader)
    # How cells were delimited when the reader could not be sure: "" (by the format itself),
    # or "spaces" (a table recovered from space-joined lines, where a space may be text).
    delimiter: str = ""

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell in reading order."""
        return tuple(cell for row in self.rows for cell in row)


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Note:
    """Something a reader did that a user should be able to check (e.g. rows joined across a
    page break). The pipeline reports each note as an `info` finding with `code` as its check."""

    code: str
    message: str
    page: int | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """What a reader returns: blocks in order, plus facts about the source itself."""

    source_path: str
    source_format: str  # txt, docx, pdf, html, xlsx, xls, ods, doc, wps, rtf
    source_sha256: str
    blocks: tuple[Block, ...]
    encoding: str | None = None  # the codec a text source was decoded with
    notes: tuple[Note, ...] = field(default=())  # what a reader did that a user may check

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))
