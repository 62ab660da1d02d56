"""Tables whose cells were run together with no delimiter at all (a page's table flattened to
one line per row): 类别序号重点督办内容牵头单位全年完成情况, then
经济社会发展主要预期目标1地区生产总值增长6%左右。区发展改革委西城区地区生产总值….

The header still says how to cut: it is read as a run of known labels (the fewest), and it
must have an id column. A row is a line that holds the next row number: what comes before the
number belongs to the columns before the id column; after it, the cells are cut by what each
column holds: an item or a target ends at its sentence's full stop (or where an organisation's
name begins), a units cell is a run of organisations' names, and the last column takes the
rest. Every row so cut is reported (`row_ambiguous`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

from parsers.document import Block, Cell, Paragraph
from pipeline.tables.cells import header_line_tables
from pipeline.tables.header import header_role, listed_role, map_header
from pipeline.text.script import match_key
from pipeline.vocab import table

# A header run together is short, and its labels are too.
MAX_HEADER = 40
MAX_LABEL = 10
MIN_LABELS = 3
# Each cut costs a little: of two readings as sure, the one with fewer labels is kept.
CUT_COST = 0.1


def recover_run_together(blocks: Sequence[Block]) -> Iterator[Block]:
    """The blocks, with each run-together table among the paragraphs turned into a `Table`."""
    return header_line_tables(blocks, _progress_header, _rows, "run_together")


def _progress_header(text: str) -> list[str] | None:
    """The labels of a run-together header of a progress table with an id column."""
    labels = _header(text)
    header = map_header(labels) if labels else None
    if header is None or "id" not in header.roles or not header.is_progress_table:
        return None
    return labels


def _header(text: str) -> list[str] | None:
    """The labels a delimiter-less header is made of (a dynamic programme over its characters):
    of the cuts into known labels, the one whose labels are most surely labels (listed in the
    vocabulary rather than read by their head word), or None."""
    key = match_key(text)
    if not 0 < len(key) <= MAX_HEADER or " " in text or "|" in text:
        return None
    best: list[tuple[float, list[str]] | None] = [None] * (len(key) + 1)
    best[0] = (0.0, [])
    for end in range(1, len(key) + 1):
        for start in range(max(0, end - MAX_LABEL), end):
            before = best[start]
            strength = _strength(key[start:end]) if before is not None else 0.0
            if before is None or not strength:
                continue
            score = before[0] + strength - CUT_COST
            if best[end] is None or score > best[end][0]:  # type: ignore[index]
                best[end] = (score, [*before[1], key[start:end]])
    found = best[len(key)]
    return found[1] if found is not None and len(found[1]) >= MIN_LABELS else None


def _strength(label: str) -> float:
    """How surely a piece is a label: listed in the vocabulary (the longer the surer: 序号
    before 序), or known by its head word only."""
    if header_role(label) is None:
        return 0.0
    return 1.0 + 0.25 * len(label) if listed_role(label) is not None else 0.5


@functools.cache
def _organisation() -> re.Pattern[str]:
    """An organisation's name: a few characters ending like one (区发展改革委, 区人力社保局),
    the shortest such; only endings that end nothing else (局, 委, 中心, not 社 or 区)."""
    endings = table("organisations")["run_together_endings"]
    suffixes = "|".join(re.escape(s) for s in sorted(endings, key=len, reverse=True))
    return re.compile(rf"[区市县镇乡][\u4e00-\u9fff]{{1,10}}?(?:{suffixes})")


def _rows(
    blocks: Sequence[Block], start: int, labels: list[str]
) -> tuple[list[tuple[Cell, ...]], int]:
    roles = map_header(labels).roles
    id_column = list(roles).index("id")
    rows: list[tuple[Cell, ...]] = []
    expected: int | None = None
    cursor = start
    while cursor < len(blocks):
        block = blocks[cursor]
        if not isinstance(block, Paragraph):
            break
        found = _number(block.text, expected)
        if found is None:
            break
        number, at, end = found
        line = block.line
        lead = block.text[:at].strip()
        before = [Cell(lead if i == 0 else "", line=line) for i in range(id_column)]
        after = _cut(block.text[end:], roles[id_column + 1 :])
        rows.append((*before, Cell(str(number), line=line), *(Cell(t, line=line) for t in after)))
        expected = number + 1
        cursor += 1
    return rows, cursor


def _number(text: str, expected: int | None) -> tuple[int, int, int] | None:
    """The row number in a line: the first run of digits (the expected one, once known)."""
    for match in re.finditer(r"\d{1,3}", text):
        value = int(match.group(0))
        if expected is None or value == expected:
            return value, match.start(), match.end()
        return None
    return None


def _cut(text: str, roles: Sequence[str | None]) -> list[str]:
    """The text after the row number cut into one cell per column, by what each column holds."""
    cells: list[str] = []
    rest = text
    for index, role in enumerate(roles):
        if index == len(roles) - 1:
            cells.append(rest.strip())
            break
        if role in ("units", "people"):
            match = re.match(rf"(?:{_organisation().pattern}[、,，]?)+", rest)
            end = match.end() if match else 0
        else:
            stop = rest.find("。")
            org = _organisation().search(rest)
            end = stop + 1 if stop >= 0 else (org.start() if org else len(rest))
        cells.append(rest[:end].strip())
        rest = rest[end:]
    return cells
