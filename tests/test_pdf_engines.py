"""The two PDF engines: pdfium (the default) and pdfplumber (the reference) read every PDF
fixture to the same items, fall back on each other, and the stitcher joins what page breaks
cut (repeated title rows, merges across breaks)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

import parsers.pdf_reader as pdf_reader
import parsers.pdfium_reader as pdfium_reader
from parsers import PDF_ENGINES, ParseError, read_document
from parsers.document import Cell, Table
from parsers.stitch import PagePiece, stitch
from pipeline.model.errors import BulletinError
from pipeline.run import cli
from pipeline.run.cli import main
from pipeline.run.ingest import Limits, parse_file
from pipeline.run.task import process
from tests.conftest import FIXTURES

PDFS = sorted(FIXTURES.glob("*.pdf"))
FIELDS = ("name", "seq", "status", "target", "progress", "units")


def outcome(path: Path, engine: str) -> Any:
    """The items as (name, seq, status, target, progress, units), or the rejection reason."""
    try:
        parsed = parse_file(path, pdf_engine=engine)
    except (ParseError, BulletinError) as exc:
        return exc.reason
    return [tuple(getattr(item, f) for f in FIELDS) for item in parsed.items]


@cache
def cached(name: str, engine: str) -> Any:
    return outcome(FIXTURES / name, engine)


def test_the_engines_are_named() -> None:
    assert PDF_ENGINES == ("pdfium", "pdfplumber")


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_both_engines_give_the_same_items(path: Path) -> None:
    assert cached(path.name, "pdfium") == cached(path.name, "pdfplumber")


def test_every_pdf_fixture_is_compared() -> None:
    names = {p.name for p in PDFS}
    assert {"qixia-2024-q2.pdf", "merged-cells-pages.pdf", "cid-font-wrong-cmap.pdf"} <= names
    assert cached("qixia-2024-q2.pdf", "pdfium") != []
    assert cached("encrypted.pdf", "pdfium") == "encrypted"
    assert cached("scanned.pdf", "pdfium") == "no_text_layer"
    assert cached("truncated.pdf", "pdfium") == "corrupt"


def test_the_pdfium_engine_keeps_pdfplumber_text_exactly() -> None:
    pdfium = read_document(FIXTURES / "qixia-2024-q2.pdf", pdf_engine="pdfium")
    reference = read_document(FIXTURES / "qixia-2024-q2.pdf", pdf_engine="pdfplumber")
    assert pdfium.blocks == reference.blocks
    assert pdfium.notes == reference.notes
    # digits in reading order, not after the CJK text as pdfium's content order has them
    assert "側,預計\n2024年5月\n完工" in pdfium.tables[0].rows[1][2].text


def test_a_page_pdfium_cannot_read_is_read_by_pdfplumber(monkeypatch: pytest.MonkeyPatch) -> None:
    reference = read_document(FIXTURES / "qixia-2024-q2.pdf", pdf_engine="pdfplumber")
    real = pdfium_reader._read_page

    def fails_on_page_3(tablers: Any, page: Any, number: int) -> Any:
        if number == 3:
            raise RuntimeError("a page pdfium cannot take apart")
        return real(tablers, page, number)

    monkeypatch.setattr(pdfium_reader, "_read_page", fails_on_page_3)
    assert read_document(FIXTURES / "qixia-2024-q2.pdf", pdf_engine="pdfium") == reference


def test_a_cid_font_pdfminer_garbles_is_read_through_pdfium() -> None:
    names = [item[0] for item in cached("cid-font-wrong-cmap.pdf", "pdfplumber")]
    assert names == [
        "地方儲備糧倉庫擴建項目",
        "開展政務服務“減證便民”創新工作",
        "“城市大腦”建設項目",
    ]
    assert cached("cid-font-wrong-cmap.pdf", "pdfium") == cached(
        "cid-font-wrong-cmap.pdf", "pdfplumber"
    )


def test_text_no_engine_decodes_is_garbled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "pdfium_pages", lambda raw, path: None)  # no second engine
    for engine in PDF_ENGINES:
        with pytest.raises(ParseError) as caught:
            read_document(FIXTURES / "cid-font-wrong-cmap.pdf", pdf_engine=engine)
        assert caught.value.reason == "garbled_text"
        assert "every PDF engine" in caught.value.one_line()


def test_merged_cells_across_page_breaks_give_the_30_items() -> None:
    items = cached("merged-cells-pages.pdf", "pdfium")
    assert items == cached("qixia-2024-q2.pdf", "pdfium")
    assert [item[1] for item in items] == list(range(1, 31))
    units = {item[1]: item[5] for item in items}
    # merges cut by page breaks: 8-11 after page 3, 23-25 after pages 11 and 12
    assert [units[n] for n in (8, 9, 10, 11)] == [("住建局",)] * 4
    assert [units[n] for n in (23, 24, 25)] == [("醫保局",)] * 3
    assert [units[n] for n in (6, 7, 20, 21)] == [("教體局",)] * 2 + [("衛健局",)] * 2


def test_the_title_and_header_rows_repeated_on_each_page_are_dropped() -> None:
    document = read_document(FIXTURES / "merged-cells-pages.pdf")
    (table,) = document.tables
    texts = [row[0].text for row in table.rows]
    assert texts.count("序號") == 1
    assert sum(text.startswith("2024年二季度") for text in texts) == 1
    assert [t for t in texts if t.startswith(("一、", "二、", "三、"))] == [
        "一、城鄉建設",
        "二、社會事業",
        "三、醫療保障",
    ]


def cells(*texts: str) -> tuple[Cell, ...]:
    return tuple(Cell("", merged="up") if t == "^" else Cell(t) for t in texts)


def piece(page: int, *rows: tuple[Cell, ...]) -> PagePiece:
    table = Table(rows=rows, page=page)
    return PagePiece(table=table, page=page, first_on_page=True, last_on_page=True)


def test_a_merge_cut_by_a_page_break_is_carried_down() -> None:
    title, header = cells("表", "", ""), cells("序号", "名称", "责任单位")
    first = piece(1, title, header, cells("1", "甲", "住建局"), cells("2", "乙", "^"))
    # page 2 opens with a new row inside the merge: an empty cell over the merge's rest
    second = piece(2, title, header, cells("3", "丙", ""), cells("4", "丁", "^"))
    ((_, table),), notes = stitch([first, second])
    assert [row[0].text for row in table.rows] == ["表", "序号", "1", "2", "3", "4"]
    assert [row[2].merged for row in table.rows[2:]] == [None, "up", "up", "up"]
    assert not notes


def test_an_empty_cell_not_over_a_merge_stays_empty() -> None:
    header = cells("序号", "名称", "责任单位")
    first = piece(1, header, cells("1", "甲", "住建局"))
    second = piece(2, header, cells("2", "乙", ""), cells("3", "丙", "交通局"))
    ((_, table),), _ = stitch([first, second])
    assert table.rows[2][2] == Cell("")


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown PDF engine"):
        pdf_reader.read_pdf(b"%PDF-1.4", path="x.pdf", sha256="", engine="mupdf")


def test_the_command_line_takes_the_engine(capsys: pytest.CaptureFixture[str]) -> None:
    pdf = str(FIXTURES / "cid-font-wrong-cmap.pdf")
    assert main(["parse", pdf, "--pdf-engine", "pdfplumber"]) == 0
    assert "地方儲備糧倉庫擴建項目" in capsys.readouterr().out
    with pytest.raises(SystemExit) as caught:
        main(["parse", pdf, "--pdf-engine", "mupdf"])
    assert caught.value.code == 2


def test_the_engine_travels_with_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pdfium(raw: bytes, path: str) -> Any:
        raise AssertionError("the pdfium engine was used")

    monkeypatch.setattr(pdf_reader, "_by_pdfium", no_pdfium)
    pdf = FIXTURES / "cid-font-wrong-cmap.pdf"
    done = process(pdf, pdf.name, Limits(pdf_engine="pdfplumber"))
    assert done.entry.status == "ok"
    assert done.entry.item_count == 3
    assert process(pdf, pdf.name, Limits()).entry.status == "rejected"  # pdfium, the default


def test_ingest_puts_the_engine_in_the_limits(
    monkeypatch: pytest.MonkeyPatch, small_corpus: Path, tmp_path: Path
) -> None:
    seen: list[Limits] = []

    class Seen(Exception):
        pass

    def fake_ingest(corpus: Path, out: str, **options: Any) -> Any:
        seen.append(options["limits"])
        raise Seen

    monkeypatch.setattr(cli, "ingest", fake_ingest)
    with pytest.raises(Seen):
        main(
            [
                "ingest",
                str(small_corpus),
                "--out",
                str(tmp_path / "out"),
                "--pdf-engine",
                "pdfplumber",
            ]
        )
    assert seen == [Limits(pdf_engine="pdfplumber")]


def test_spaces_are_those_pdfplumber_has() -> None:
    made_up, drawn, none = pdfium_reader.MADE_UP, pdfium_reader.DRAWN_SPACE, pdfium_reader.NO_SPACE

    def pair(first: str, space: int, gap: float, second: str) -> str:
        """Two characters 10 pt wide, `gap` points apart, with what space follows the first."""
        return pdfium_reader._text(
            [(first, 0.0, 10.0, 5.0, space), (second, 10.0 + gap, 20.0 + gap, 5.0, none)]
        )

    # a space pdfium makes up where Word only widens the gap between digits and CJK: none
    assert pair("4", made_up, 2.2, "年") == "4年"
    assert pair("甲", made_up, 0.0, "乙") == "甲乙"
    # a drawn space, however narrow; a made-up one over a space-wide gap; a wide gap alone
    assert pair("局", drawn, 1.7, "各") == "局 各"
    assert pair("開", made_up, 2.7, "泊") == "開 泊"
    assert pair("甲", none, 3.5, "乙") == "甲 乙"
    assert pair("甲", none, 2.7, "乙") == "甲乙"
