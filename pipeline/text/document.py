"""A document's text with its noise removed before anything reads it, and notes on what was
removed (they become findings): pinyin glosses, doubled punctuation and HTML residue in every
paragraph and cell; a whole text repeated twice (a scraper's double copy) kept once; digits lost
as ? reported, since nothing can restore them. The source file stays the provenance: every
paragraph and cell keeps its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from parsers.document import Block, Cell, Document, Note, Paragraph, Table
from pipeline.text.noise import lost_digits, noise_in

KIND_NAMES = {"pinyin": "pinyin glosses", "doubled_punct": "doubled punctuation", "html": "HTML"}
# A repeat shorter than this many blocks is not a scraper's double copy, unless its text is
# this long (a news item of one paragraph, given twice).
MIN_REPEATED_BLOCKS = 4
MIN_REPEATED_CHARS = 80
# Lines a spam site inserts inside a sentence are short, a few of them at most, and hold no
# clause mark; the line after them goes on with one (,引起話題。).
MAX_INSERTED_CHARS = 12
MAX_INSERTED_RUN = 3
_CLAUSE_MARKS = re.compile(r"[，,。；;：:、！!？?]")
_ENDS_SENTENCE = re.compile(r"[。！!？?；;：:”」)）|]")
_GOES_ON = re.compile(r"^[，,]")


def denoise_document(document: Document) -> Document:
    """The document without its noise, with a note per kind of noise removed or found."""
    blocks, repeat = _without_repeat(document.blocks)
    blocks, inserted = _without_inserted(blocks)
    found: dict[str, tuple[int, int | None]] = {}  # kind -> (count, first line)
    lost = 0

    def seen(kinds: frozenset[str], line: int | None) -> None:
        for kind in kinds:
            count, first = found.get(kind, (0, line))
            found[kind] = (count + 1, first)

    cleaned: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            text, kinds = noise_in(block.text)
            seen(kinds, block.line)
            lost += lost_digits(text)
            cleaned.append(replace(block, text=text) if kinds else block)
        else:
            rows = tuple(tuple(_cell(cell, seen) for cell in row) for row in block.rows)
            lost += sum(lost_digits(cell.text) for row in rows for cell in row)
            cleaned.append(replace(block, rows=rows))
    notes = (*document.notes, *_notes(found, lost, repeat), *_inserted_notes(inserted))
    return replace(document, blocks=tuple(cleaned), notes=notes)


def _cell(cell: Cell, seen: Callable[[frozenset[str], int | None], None]) -> Cell:
    text, kinds = noise_in(cell.text)
    if not kinds:
        return cell
    seen(kinds, cell.line)
    return replace(cell, text=text)


def _notes(found: dict[str, tuple[int, int | None]], lost: int, repeat: int | None) -> list[Note]:
    notes = [
        Note(
            "noise_removed",
            f"{KIND_NAMES[kind]} removed from {count} paragraph(s) or cell(s) before reading",
            line=line,
        )
        for kind, (count, line) in sorted(found.items())
    ]
    if lost:
        notes.append(Note("digits_lost", f"{lost} digit(s) printed as ? (?022年): not restored"))
    if repeat is not None:
        notes.append(Note("text_repeated", "the whole text is given twice: read once", line=repeat))
    return notes


def _without_repeat(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], int | None]:
    """The blocks, once, when their second half repeats the first; and the line where the
    repeat began."""
    half = len(blocks) // 2
    if not half or len(blocks) % 2:
        return blocks, None
    first, second = blocks[:half], blocks[half:]
    if half < MIN_REPEATED_BLOCKS and sum(len(_text(b)) for b in first) < MIN_REPEATED_CHARS:
        return blocks, None
    if all(_text(a) == _text(b) for a, b in zip(first, second, strict=True)):
        return first, _line(second[0])
    return blocks, None


def _without_inserted(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], list[Paragraph]]:
    """The blocks without the short lines a spam site inserts inside a sentence (推进情况,
    then 專利檢索 on a line of its own, then ,引起話題。): the sentence joined again; and the
    lines removed."""
    out: list[Block] = []
    removed: list[Paragraph] = []
    index = 0
    while index < len(blocks):
        previous = out[-1] if out else None
        run = _inserted_run(previous, blocks, index)
        if run and isinstance(previous, Paragraph):
            after = blocks[index + run]
            assert isinstance(after, Paragraph)
            removed.extend(b for b in blocks[index : index + run] if isinstance(b, Paragraph))
            out[-1] = replace(previous, text=previous.text.rstrip() + after.text.lstrip())
            index += run + 1
            continue
        out.append(blocks[index])
        index += 1
    return tuple(out), removed


def _inserted_run(previous: Block | None, blocks: tuple[Block, ...], start: int) -> int:
    """How many short lines from `start` stand inside a sentence: after a line that does not
    end one, before a line that goes on with a comma (0 when they do not)."""
    if not isinstance(previous, Paragraph) or _ENDS_SENTENCE.search(
        previous.text.rstrip()[-1:] or "。"
    ):
        return 0
    end = start
    while end < len(blocks) and end - start < MAX_INSERTED_RUN and _is_inserted(blocks[end]):
        end += 1
    following = blocks[end] if end < len(blocks) else None
    if end == start or not isinstance(following, Paragraph):
        return 0
    return end - start if _GOES_ON.match(following.text.lstrip()) else 0


def _is_inserted(block: Block) -> bool:
    text = block.text.strip() if isinstance(block, Paragraph) else ""
    return 0 < len(text) <= MAX_INSERTED_CHARS and not _CLAUSE_MARKS.search(text)


def _inserted_notes(removed: list[Paragraph]) -> list[Note]:
    if not removed:
        return []
    shown = "、".join(p.text.strip() for p in removed[:3])
    return [
        Note(
            "inserted_text_removed",
            f"{len(removed)} short line(s) inserted inside sentences removed ({shown}…)",
            line=removed[0].line,
        )
    ]


def _text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    return "\u0001".join(cell.text for cell in block.cells)


def _line(block: Block) -> int | None:
    return block.line if isinstance(block, (Paragraph, Table)) else None
