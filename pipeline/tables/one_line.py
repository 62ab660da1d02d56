"""Tables flattened into one line: the title, the header and every cell joined by single spaces
in one paragraph, as document-sharing sites and mirrors give a page's table:

    …统计表 序号 承担的重点工作 完成状态 工作进展情况 牵头责任单位 一、… 1 全市生产总值增长6%。
    序时推进 上半年,… 市发展改革委 2 …

The header is the first run of parts that reads as a space-joined progress header with an id
column, and no label left of it that may not head a column there (a title reads as a label at
times: …进展情况统计表), followed by row 1 (or by a section heading, then row 1); what comes
before it is a paragraph of its own (the table's title). Rows are anchored on their numbers
(`numbered.numbered_rows`), the last taking the rest of the line, and their parts are laid
under the columns later, as a space-joined row's (`rows.fit_row`, delimiter "spaces"). A table
split into parts, each with the header again under a heading of its own (市政府重点办 序号 责任
事项 完成情况 1 …, 市招才局 序号 责任事项 完成情况 1 …), is one table per part, the heading its
title.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from parsers.document import Block, Cell, Paragraph, Table
from pipeline.tables.header import header_role, heads_a_left_column, map_header
from pipeline.tables.numbered import ROW_NUMBER, SECTION, numbered_rows, repeated_header_at
from pipeline.tables.space_header import MIN_LABELS, space_labels
from pipeline.text.script import match_key

# A one-line table has a header and at least a row of a few parts.
MIN_PARTS = 2 * MIN_LABELS
# A header of this many parts at most (letter-spaced labels take two).
MAX_HEADER_PARTS = 16
Header = tuple[list[str], int]  # the labels, and the number of parts they take


def recover_one_line_tables(blocks: Iterator[Block]) -> Iterator[Block]:
    """The blocks, with every paragraph that holds a one-line table split into the paragraphs
    around it and the table."""
    for block in blocks:
        if isinstance(block, Paragraph) and len(block.text.split()) >= MIN_PARTS:
            yield from _split(block)
        else:
            yield block


def _split(paragraph: Paragraph) -> Iterator[Block]:
    parts = paragraph.text.split()
    found = next(
        ((at, header) for at in range(len(parts)) if (header := _header_at(parts, at))), None
    )
    if found is None:
        yield paragraph
        return
    at, header = found
    if at:
        yield Paragraph(" ".join(parts[:at]), line=paragraph.line, gap_before=paragraph.gap_before)
    yield from _tables(parts[at:], header, paragraph.line)


def _tables(parts: list[str], header: Header, line: int | None) -> Iterator[Block]:
    """The table whose header starts `parts`, and the tables of the parts after it, each under
    the header printed again (and the heading above it, a paragraph of its own)."""
    labels, size = header
    id_column = map_header(labels).roles.index("id")
    head = tuple(Cell(label, line=line) for label in labels)
    while parts:
        again = _repeated_at(parts, size, labels)
        stop = len(parts) if again is None else again[0]
        cells = [Cell(part, line=line) for part in parts[:stop]]
        rows, _ = numbered_rows(cells, size, id_column, len(labels), rest=True)
        if rows:
            yield Table(rows=(head, *rows), line=line, delimiter="spaces")
        else:
            yield Paragraph(" ".join(parts[:stop]), line=line)
        if again is None:
            return
        heading, at = again
        if heading < at:
            yield Paragraph(" ".join(parts[heading:at]), line=line)
        parts = parts[at:]


def _header_at(parts: Sequence[str], at: int) -> Header | None:
    """The labels of the longest run of parts from `at` that reads as a progress header with an
    id column, followed by row 1 (or by a section heading and row 1)."""
    if header_role(parts[at]) is None and not (at + 1 < len(parts) and header_role(parts[at + 1])):
        return None  # neither a label nor the front of one broken at a space
    for end in range(min(len(parts) - 1, at + MAX_HEADER_PARTS), at + MIN_LABELS - 1, -1):
        labels = space_labels(" ".join(parts[at:end]))
        roles = map_header(labels).roles if labels else ()
        if labels is None or "id" not in roles:
            continue
        if not all(heads_a_left_column(label) for label in labels[: roles.index("id")]):
            continue  # a title before the header (…进展情况统计表)
        first = parts[end + 1] if SECTION.match(parts[end]) and end + 1 < len(parts) else parts[end]
        number = ROW_NUMBER.match(first)
        if number and int(number.group(1)) == 1:
            return labels, end - at
    return None


def _repeated_at(parts: Sequence[str], start: int, labels: list[str]) -> tuple[int, int] | None:
    """Where the header is printed again after `start` (`numbered.repeated_header_at`)."""

    def labels_at(at: int) -> list[str]:
        header = _header_at(parts, at)
        return header[0] if header is not None else []

    return repeated_header_at(parts, start, [match_key(label) for label in labels], labels_at)
