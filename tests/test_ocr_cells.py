"""The text lines of a scanned table's cells, cut out to be recognised alone, and the parts of
the page outside the table (no OCR engine needed: recognition is replaced by a stand-in)."""

from __future__ import annotations

import io
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image, ImageDraw

from parsers import Cell, Table, ocr_engine, ocr_reader
from parsers.ocr_cells import Line, cell_lines, outside
from parsers.ocr_grid import find_grid, straighten
from parsers.ocr_reader import read_image
from parsers.stitch import PagePiece, stitch

XS, YS = (100, 400, 700), (150, 250, 400)
INK, PAPER = 40, 235


def _page(turn: float = 0.0) -> Image.Image:
    """A title above a ruled table of two rows by two columns. Row 1: a cell of three lines of
    text, a cell of one character made of strokes with paper between them (like 二). Row 2: a
    cell of a short stroke (like 一) over a line of text, an empty cell."""
    image = Image.new("L", (800, 500), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 60, 260, 80), fill=INK)  # the title
    for y in YS:
        draw.line((XS[0], y, XS[-1], y), fill=INK, width=2)
    for x in XS:
        draw.line((x, YS[0], x, YS[-1]), fill=INK, width=2)
    for top in (160, 184, 208):  # three lines of text, 16 px tall, 8 px apart
        draw.rectangle((110, top, 300, top + 15), fill=INK)
    draw.rectangle((420, 165, 440, 167), fill=INK)  # 二: two strokes, 14 px in all
    draw.rectangle((418, 176, 442, 178), fill=INK)
    draw.rectangle((120, 265, 140, 267), fill=INK)  # 一 alone on its line
    draw.rectangle((110, 276, 280, 291), fill=INK)  # then a line of text
    return image.rotate(turn, fillcolor=PAPER)


def _lines(turn: float) -> tuple[list[Line], list[tuple[int, int, int, int]]]:
    grey = straighten(_page(turn))
    grid = find_grid(grey)
    assert grid is not None
    where = [grid.cell_at((x0 + x1) / 2, (y0 + y1) / 2) for x0, y0, x1, y1 in outside(grey, grid)]
    assert where == [None]  # the title, not a cell
    return cell_lines(grey, grid), outside(grey, grid)


@pytest.mark.parametrize("turn", [0.0, 0.6])
def test_each_cell_gives_its_lines(turn: float) -> None:
    lines, _ = _lines(turn)
    tops = [line.box[1] for line in lines]
    assert len(lines) == 6  # 3 lines, 二 as one, 一 and the line under it as two
    assert all(abs(a - b) < 4 for a, b in zip(tops, (160, 184, 208, 165, 265, 276), strict=True))
    for line in lines:
        x0, y0, x1, y1 = line.box
        assert 100 < x0 < x1 < 700 and 150 < y0 < y1 < 400  # inside the table, off its rules
        ink = np.asarray(line.image) < 200
        assert ink.any()
        # a margin of paper all round: no ruling line comes with the text
        assert not (ink[0].any() or ink[-1].any() or ink[:, 0].any() or ink[:, -1].any())


def test_the_page_outside_the_table_is_searched_where_it_has_ink() -> None:
    _, parts = _lines(0.0)
    ((x0, y0, x1, y1),) = parts  # above the table only: nothing below it or beside it
    assert x0 <= 120 and y0 <= 60 and 260 <= x1 < 280 and 80 <= y1 < 100


def test_cells_keep_the_confidence_of_their_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    read = iter([("甲", 0.99), ("乙", 0.99), ("丙", 0.6), ("二", 0.95), ("噪", 0.2), ("丁", 0.9)])
    monkeypatch.setattr(ocr_reader, "recognise", lambda image: next(read))
    monkeypatch.setattr(ocr_reader, "detect", lambda image, left, top: [])
    buffer = io.BytesIO()
    _page().save(buffer, "PNG")
    document = read_image(buffer.getvalue(), path="p.png", sha256="0", source_format="png")
    (table,) = document.tables
    assert [[c.text for c in row] for row in table.rows] == [["甲\n乙\n丙", "二"], ["丁", ""]]
    assert [[c.confidence for c in row] for row in table.rows] == [[0.6, 0.95], [0.9, None]]
    (note,) = document.notes  # the line read below the engine's threshold is dropped
    assert note.code == "ocr_low_confidence" and "row 1 column 1 (60%)" in note.message


def _read(*rows: tuple[str, ...], confidence: float | None) -> Table:
    return Table(rows=tuple(tuple(Cell(t, confidence=confidence) for t in row) for row in rows))


@pytest.mark.parametrize("confidence", [0.9, None])
def test_a_header_repeated_on_the_next_page_may_differ_by_a_misread(
    confidence: float | None,
) -> None:
    first = _read(("序號", "進展情況"), ("1", "甲的前半"), confidence=confidence)
    rest = _read(
        ("序號", "進展情况"), ("", "后半"), ("2", "乙"), confidence=0.7 if confidence else None
    )
    ((_, table),), _ = stitch([PagePiece(first, 1, True, True), PagePiece(rest, 2, True, True)])
    texts = [[c.text for c in row] for row in table.rows]
    if confidence is None:  # a text layer's labels repeat exactly, or are not a repeat
        assert texts[2] == ["序號", "進展情况"]
        return
    assert texts == [["序號", "進展情況"], ["1", "甲的前半\n后半"], ["2", "乙"]]
    assert table.rows[1][1].confidence == 0.7  # the lower of the two pieces'


def test_a_faint_rule_of_a_grey_scan_is_a_rule() -> None:
    """A rule one pixel thick, turned and straightened again, is two rows at half its darkness:
    on grey paper (230) with grey ink (60), lighter than black ink's half."""
    image = Image.new("L", (800, 400), 230)
    draw = ImageDraw.Draw(image)
    draw.rectangle((120, 60, 200, 75), fill=60)  # some text: the page's darkest ink
    for y in (100, 200, 300):
        draw.rectangle((100, y, 700, y + 1), fill=60 if y != 200 else 145)
    for x in (100, 400, 700):
        draw.line((x, 100, x, 301), fill=60)
    grid = find_grid(image)
    assert grid is not None and len(grid.ys) == 3
    assert all(abs(a - b) <= 2 for a, b in zip(grid.ys, (100, 200, 300), strict=True))


def test_text_across_a_merged_boundary_is_not_a_rule() -> None:
    """A note row merged across the table: its text crosses where the columns' rules would be."""
    image = Image.new("L", (800, 300), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 200, 232):
        draw.line((100, y, 700, y), fill=0)
    for x in (100, 400, 700):
        draw.line((x, 100, x, 200 if x == 400 else 232), fill=0)
    for x in range(120, 660, 18):  # characters with strokes their whole height, 21 px tall
        draw.rectangle((x, 206, x + 14, 206), fill=0)
        draw.rectangle((x + 7, 206, x + 8, 226), fill=0)
    grid = find_grid(image)
    assert grid is not None and grid.merged == ((None, None), (None, "left"))


def test_a_space_beside_a_chinese_character_is_the_typesetting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read = SimpleNamespace(txts=("5G 基站建設 HPV 疫苗 ABC DEF",), scores=(0.9,))
    monkeypatch.setattr(ocr_engine, "_run", lambda image, use_det: read)
    assert ocr_engine.recognise(np.zeros((20, 20), dtype=np.uint8)) == (
        "5G基站建設HPV疫苗ABC DEF",
        0.9,
    )
