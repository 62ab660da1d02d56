"""The header of a space-joined table (layout (d), `layouts.py`), and the parts of such a table
that a page breaks over lines of their own: the lower level of a two-level header, and the rows
that are no item's but are printed with figures (a total, a section heading with its subtotals).

A two-level header printed as lines: the upper labels on one or more lines (`layouts.py` joins
them), then each lower label on a line, or broken over two (完成额度 / (万元), a bracket left
open: 占比(%), right above the first row:

    序号 项目名称 … 责任单位 月度进展情况(1-3月) 投资完成情况 备注
    完成额度
    (万元)
    占比(%

The lower labels take the place of the upper label they sit under: the one that shares the
longest run of characters with them (`lower_header.by_shared_characters`: 投资完成情况 over
完成额度 and 占比).
"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.document import Block, Paragraph
from pipeline.tables.block_labels import joins_next
from pipeline.tables.header import header_role, is_regional, map_header
from pipeline.tables.lower_header import columns
from pipeline.tables.numbered import FIGURE, ROW_ID, SECTION
from pipeline.text.script import match_key
from pipeline.vocab import headers

# The lower level takes at most this many lines, each this short.
MAX_LOWER_LINES = 6
MAX_LOWER_LABEL = 10
# A part of a line that is a figure: 168, 171.70, 102.2%, -
# A header needs at least this many labels, all known, to be recognised without delimiters.
MIN_LABELS = 3


def with_lower_level(
    blocks: Sequence[Block], end: int, labels: list[str]
) -> tuple[str, int] | None:
    """The header's text with the lower labels on the lines from `end` in place of the upper
    label they sit under, and the index after them; None when the lines there are no lower
    level."""
    lower: list[str] = []
    cursor = end
    while cursor < min(len(blocks), end + MAX_LOWER_LINES):
        block = blocks[cursor]
        if not isinstance(block, Paragraph) or block.gap_before or not _lower_part(block.text):
            break
        text = block.text.strip()
        if lower and text[0] in "(（":
            lower[-1] += text  # a label's bracket on a line of its own
        else:
            lower.append(text)
        cursor += 1
    placed = columns(labels, [_closed(label) for label in lower])
    return None if placed is None else (" ".join(column.label for column in placed), cursor)


def repeated_lower_level(upper: str, lower: str) -> tuple[str, tuple[str, ...]] | None:
    """A two-level header whose lower line repeats one group of labels under each upper label
    (序号 省份 新开工改造小区数(个) 涉及居民户数(万户) over 计划任务数 开工数 开工率 计划任务数
    开工数 开工率): the header's text with the lower labels in place of the upper ones they sit
    under, the leading upper labels (序号 省份) kept, and a row above it naming each group (its
    cells blank over the leading labels, as a page's merged cells are); None when the lines are
    no such header."""
    tops, lows = upper.split(), lower.split()
    if any(header_role(label) is None for label in lows):
        return None
    for groups in range(len(tops) - 1, 1, -1):  # the most groups first: the shortest repeat
        size, lead = len(lows) // groups, len(tops) - groups
        if size * groups != len(lows) or lows[size:] != lows[:-size] or size < 2:
            continue
        if any(FIGURE.match(label) for label in tops[lead:]):
            continue
        labels = space_labels(" ".join([*tops[:lead], *lows]))
        if labels is None:
            continue
        names = ("",) * (len(labels) - len(lows)) + tuple(
            name for name in tops[lead:] for _ in range(size)
        )
        return " ".join(labels), names
    return None


def repeated_lower(
    blocks: Sequence[Block], index: int, end: int, labels: list[str] | None, upper: str
) -> tuple[str, int, tuple[str, ...]] | None:
    """The one-line header of an upper line and the lower line right below it that repeats
    one group of labels under each upper label (`repeated_lower_level`), the index after
    them, and the row naming the groups."""
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    if labels is not None or end != index + 1 or not isinstance(after, Paragraph):
        return None
    if after.gap_before:  # a lower level sits right below its upper one
        return None
    found = repeated_lower_level(upper, after.text)
    return None if found is None else (found[0], index + 2, found[1])


def _lower_part(text: str) -> bool:
    """A line that may be (a part of) a lower label: short, one token, no figure or row number."""
    tokens = text.split()
    return (
        len(tokens) == 1
        and len(tokens[0]) <= MAX_LOWER_LABEL
        and not FIGURE.match(tokens[0])
        and not ROW_ID.match(tokens[0])
    )


def _closed(label: str) -> str:
    """A label whose bracket the page left open (占比(%), closed."""
    for opening, closing in (("(", ")"), ("（", "）")):
        if label.count(opening) > label.count(closing):
            return label + closing
    return label


def figures_row(tokens: Sequence[str]) -> str | None:
    """'total' for a total's line (合计 182852), 'section' for a section heading with its
    subtotals (一、市级重点民生实事 16842): rows with figures that are no item's."""
    if len(tokens) < 2 or not all(FIGURE.match(token) for token in tokens[1:]):
        return None
    vocab = headers()
    if match_key(tokens[0]) in (*vocab.totals, *vocab.subtotals):
        return "total"
    return "section" if SECTION.match(tokens[0]) else None


def only_figures(tokens: Sequence[str]) -> bool:
    return bool(tokens) and all(FIGURE.match(token) for token in tokens)


def space_labels(text: str) -> list[str] | None:
    """The labels of a space-joined header line, a letter-spaced label (单 位, 备  注) joined
    back, and so is a label whose period was cut off in front (1- 8月实际完成情况); None
    unless every token is (part of) a known label."""
    tokens = text.split()
    labels: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if index + 1 < len(tokens) and (
            joins_next(token, tokens[index + 1]) or _cut_before(token, tokens[index + 1])
        ):
            labels.append(token + tokens[index + 1])
            index += 2
        elif header_role(token) is not None:
            labels.append(token)
            index += 1
        else:
            return None
    if len(labels) < MIN_LABELS:
        return None
    mapped = map_header(labels)  # a per-region table (省份 | 新开工小区数 | 开工率) too
    return labels if mapped.is_progress_table or is_regional(labels, mapped.roles) else None


def _cut_before(token: str, nxt: str) -> bool:
    """A token that is no label, not a row number, and that makes one with the next: the front
    of a label broken at a space (1- / 8月实际完成情况, 1-7月 / 实际完成情况)."""
    return (
        not ROW_ID.match(token)
        and header_role(token) is None
        and header_role(token + nxt) is not None
    )
