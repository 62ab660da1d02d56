"""Scans (image-only PDFs, page images) read by offline OCR with `--ocr`; rejected with a hint
to use it otherwise."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from parsers import ParseError, Table, is_readable, read_document
from parsers.ocr_grid import find_grid, straighten
from parsers.ocr_reader import OCR_ENV
from pipeline.run.arguments import OCR_MEMORY_MB, memory_limit
from pipeline.run.cli import build_parser, main
from pipeline.text.script import to_simplified

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCAN = FIXTURES / "scanned-qixia-page1.pdf"
GREY = FIXTURES / "scanned-qixia-table-grey.png"
HEADER = ("序號", "事項名稱", "任務目標", "進展情況", "責任單位", "完成情況")
needs_ocr = pytest.mark.skipif(
    __import__("importlib").util.find_spec("rapidocr") is None,
    reason="the OCR extra is not installed",
)


@pytest.fixture
def ocr_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OCR_ENV, "1")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection attempt fails the test: the models must ship with the package."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("scan", [SCAN, FIXTURES / "scanned.pdf"], ids=lambda p: p.name)
def test_a_scan_without_ocr_says_to_use_it(scan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(OCR_ENV, raising=False)
    with pytest.raises(ParseError) as caught:
        read_document(scan)
    assert caught.value.reason == "no_text_layer"
    assert "--ocr" in caught.value.one_line()


def test_page_images_are_read_with_ocr_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(OCR_ENV, raising=False)
    assert not is_readable(GREY)
    with pytest.raises(ParseError) as caught:
        read_document(GREY)
    assert caught.value.reason == "unsupported" and "--ocr" in caught.value.one_line()
    monkeypatch.setenv(OCR_ENV, "1")
    assert is_readable(GREY)


def _ruled(turn: float) -> Image.Image:
    """Three rows by three columns; the middle row's last two cells merged, the last column's
    lower two cells merged; turned by `turn` degrees."""
    image = Image.new("L", (900, 400), 235)
    draw = ImageDraw.Draw(image)
    xs, ys = (100, 350, 600, 850), (50, 150, 250, 350)
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=40, width=2)
    draw.line((xs[2], ys[2], xs[3], ys[2]), fill=235, width=2)  # 3rd column: rows 2-3 merged
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=40, width=2)
    draw.line((xs[2], ys[1] + 2, xs[2], ys[2] - 2), fill=235, width=4)  # row 2: columns 2-3
    return image.rotate(turn, fillcolor=235)


@pytest.mark.parametrize("turn", [0.0, 0.6])
def test_the_grid_comes_from_the_ruling_lines(turn: float) -> None:
    grid = find_grid(straighten(_ruled(turn)))
    assert grid is not None
    assert len(grid.ys) == 4 and len(grid.xs) == 4
    assert grid.merged == ((None, None, None), (None, None, "left"), (None, None, "up"))
    assert grid.cell_at(700, 200) == (1, 1)  # the merged cell's origin
    assert grid.cell_at(10, 10) is None


@needs_ocr
def test_a_grey_turned_scan_is_read_offline(ocr_on: None, no_network: None) -> None:
    document = read_document(GREY)
    assert document.source_format == "png"
    (table,) = document.tables
    assert isinstance(table, Table) and {len(row) for row in table.rows} == {6}
    header, first = table.rows
    assert [to_simplified(c.text) for c in header] == [to_simplified(t) for t in HEADER]
    assert first[0].text == "1" and first[4].text == "發改局"
    assert to_simplified(first[1].text.replace("\n", "")) == "地方储备粮仓库扩建项目"
    assert first[5].text.replace("\n", "") == "已完成二季度任務"
    assert all(c.confidence is not None and 0 < c.confidence <= 1 for c in first)
    assert "重點民生實事" in document.paragraphs[0].text  # the title above the table
    low = [n for n in document.notes if n.code == "ocr_low_confidence"]
    assert all("confidence below 80%" in n.message for n in low)


@needs_ocr
def test_ocr_on_the_command_line(
    capsys: pytest.CaptureFixture[str], no_network: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(OCR_ENV, "0")  # restored afterwards: --ocr sets it for the process
    assert main(["parse", "--ocr", "--json", str(SCAN)]) == 0
    parsed = json.loads(capsys.readouterr().out)
    bulletin, items = parsed["bulletin"], parsed["items"]
    assert bulletin["source_format"] == "pdf" and bulletin["declared_total"] == 30
    assert (bulletin["year"], bulletin["quarter"]) == (2024, 2)
    assert [i["seq"] for i in items][:1] == [1]  # the page holds item 1 and the top of item 2
    assert items[0]["units"] == ["發改局"]
    # the header's 事項名稱 is read, so the item is named from its column (in Simplified, as
    # analysts join on it)
    assert items[0]["name_norm"] == "地方储备粮仓库扩建项目"


@needs_ocr
def test_the_models_are_loaded_from_the_installed_package() -> None:
    import rapidocr

    from parsers.ocr_engine import model_paths

    package = Path(rapidocr.__file__).resolve().parent
    paths = model_paths()
    assert set(paths) == {"Det", "Rec"}
    assert all(p.is_file() and p.resolve().is_relative_to(package) for p in paths.values())


def test_ocr_raises_the_default_memory_limit_only() -> None:
    parser = build_parser()
    assert memory_limit(parser.parse_args(["ingest", "c", "--out", "o", "--ocr"])) == OCR_MEMORY_MB
    assert memory_limit(parser.parse_args(["ingest", "c", "--out", "o"])) == 1536
    assert (
        memory_limit(
            parser.parse_args(["ingest", "c", "--out", "o", "--ocr", "--max-memory", "900"])
        )
        == 900
    )
