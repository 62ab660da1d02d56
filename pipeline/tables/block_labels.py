"""Header labels of a table flattened to one cell per block of lines (tables/blank_cells.py):
a label broken over two blocks, or over the two lines of its block, read as one."""

from __future__ import annotations

from collections.abc import Sequence

from parsers.document import Cell, Paragraph
from pipeline.tables.header import NAMED, header_role, listed_role
from pipeline.tables.numbered import MAX_LABEL_PART, SECTION
from pipeline.tables.numbered import ROW_NUMBER as _ROW_NUMBER
from pipeline.text.script import match_key
from pipeline.vocab import headers

Chunk = list[Paragraph]


def joins_next(text: str, nxt: str) -> bool:
    """Whether a label broken in two (责任 / 领导, 完成目标 / (%), 单 / 位) goes on in the next
    piece: the two together are a label and the next is not one alone (or is a bare one- or
    two-character word such as 任务), and neither is a row number (nor the next a section
    heading: 进展情况 / (一) is the header's end and a section's start). Two labels of their
    own whose join reads as the second alone (任务完成率 / 备注, 序号 / 项目), or that the
    vocabulary lists each (考核指标 / 单位), are two columns; but a label broken before the
    word that says its column names things (项目 / 名称) is one, when the vocabulary lists it."""
    if _ROW_NUMBER.match(nxt) or SECTION.match(nxt.strip()):
        return False  # a row number, a section heading ((一)): the header ends before it
    if max(len(match_key(text)), len(match_key(nxt))) > MAX_LABEL_PART:
        return False
    joined, first, second = header_role(text + nxt), header_role(text), header_role(nxt)
    if match_key(nxt) == NAMED and listed_role(text + nxt) is not None:
        return True
    if joined is None or (first is not None and joined == second):
        return False
    if listed_role(text) is not None and listed_role(nxt) is not None:
        return False
    return second is None or first is None or len(match_key(nxt)) <= 2


def header_at(chunks: Sequence[Chunk], index: int) -> tuple[list[Cell], int]:
    """The header cells starting at `index`, and the index after them (`joins_next`)."""
    cells: list[Cell] = []
    cursor = index
    while cursor < len(chunks):
        chunk = chunks[cursor]
        text = _broken_label(chunk)
        if text is None:
            break
        if cursor + 1 < len(chunks) and len(chunks[cursor + 1]) == 1:
            nxt = chunks[cursor + 1][0].text
            if joins_next(text, nxt):
                cells.append(Cell(text + nxt, line=chunk[0].line))
                cursor += 2
                continue
        if header_role(text) is None or _names_first_row(text, cells):
            break
        cells.append(Cell(text, line=chunk[0].line))
        cursor += 1
    return cells, cursor


def _broken_label(chunk: Chunk) -> str | None:
    """The text of a block that may be one header label: a block of one line, or a label
    broken over the two lines of its block (重点工作及 / 责任分解内容, 前三季度 / 完成状况: a
    header cell printed on two lines, the blank line coming after the cell), read as
    `joins_next` reads a label broken over two blocks."""
    if len(chunk) == 1:
        return chunk[0].text
    if len(chunk) == 2:
        text, nxt = (paragraph.text.strip() for paragraph in chunk)
        if not _ROW_NUMBER.match(text) and joins_next(text, nxt):
            return text + nxt
    return None


def _names_first_row(text: str, labels: Sequence[Cell]) -> bool:
    """A block read as an item's label by its head word only (养老服务项目) after a label of
    what is reported: the first row's name, as a header names its items before their progress."""
    if header_role(text) != "item" or listed_role(text) is not None:
        return False
    return any(header_role(label.text) in headers().evidence for label in labels)
