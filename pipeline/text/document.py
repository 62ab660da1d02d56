"""A document's text with its noise removed before anything reads it, and notes on what was
removed (they become findings): pinyin glosses, doubled punctuation and HTML residue in every
paragraph and cell; a whole text repeated twice (a scraper's double copy) kept once; digits lost
as ? reported, since nothing can restore them. The source file stays the provenance: every
paragraph and cell keeps its line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from parsers.document import Block, Cell, Document, Note, Paragraph, Table
from pipeline.text.noise import lost_digits, noise_in

KIND_NAMES = {"pinyin": "pinyin glosses", "doubled_punct": "doubled punctuation", "html": "HTML"}
# A repeat shorter than this many blocks is not a scraper's double copy.
MIN_REPEATED_BLOCKS = 4


def denoise_document(document: Document) -> Document:
    """The document without its noise, with a note per kind of noise removed or found."""
    blocks, repeat = _without_repeat(document.blocks)
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
    notes = (*document.notes, *_notes(found, lost, repeat))
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
    if half < MIN_REPEATED_BLOCKS or len(blocks) % 2:
        return blocks, None
    first, second = blocks[:half], blocks[half:]
    if all(_text(a) == _text(b) for a, b in zip(first, second, strict=True)):
        return first, _line(second[0])
    return blocks, None


def _text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    return "\u0001".join(cell.text for cell in block.cells)


def _line(block: Block) -> int | None:
    return block.line if isinstance(block, (Paragraph, Table)) else None
