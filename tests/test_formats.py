"""Spreadsheets (.xlsx, .xls, .ods) and legacy Word (.doc, .rtf, .wps) give the bulletin the
other renderings give; what a sheet holds is read as its cells show it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from parsers import Paragraph, ParseError, Table, read_document, sniff
from parsers.cell_format import shown
from parsers.errors import REASONS
from pipeline.model.dictionary import REJECTIONS
from pipeline.run.ingest import parse_file
from tests.test_equivalence import ORIGINAL, normalised

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHEETS = [FIXTURES / f"qixia-2024-q2.{suffix}" for suffix in ("xlsx", "xls", "ods")]
LEGACY = [FIXTURES / f"qixia-2024-q2.{suffix}" for suffix in ("doc", "rtf")]
HAS_SOFFICE = __import__("shutil").which("soffice") is not None


def _same_bulletin(variant: Path) -> None:
    original, other = parse_file(ORIGINAL), parse_file(variant)
    assert len(other.items) == 30
    assert [normalised(i) for i in other.items] == [normalised(i) for i in original.items]
    keep = ("year", "quarter", "issued_on", "declared_counts", "declared_total")
    for field in keep:
        assert getattr(other.bulletin, field) == getattr(original.bulletin, field)


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.suffix)
def test_spreadsheet_gives_the_same_items_as_the_text(sheet: Path) -> None:
    _same_bulletin(sheet)


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.suffix)
def test_spreadsheet_merges_and_hidden_sheet(sheet: Path) -> None:
    document = read_document(sheet)
    assert document.source_format == sheet.suffix[1:]
    (table,) = document.tables
    units = [row[4] for row in table.rows[8:12]]  # items 8-11: 責任單位 merged down
    assert (units[0].text, units[0].row_span) == ("住建局", 4)
    assert [c.merged for c in units[1:]] == ["up", "up", "up"]
    note = table.rows[-1]
    assert note[0].col_span == 6 and {c.merged for c in note[1:]} == {"left"}
    assert document.paragraphs[-1].text == "2024年二季度30項重點民生實事進展情況表"  # the title row
    assert [n.code for n in document.notes] == ["sheet_hidden"]
    checks = [f.check for f in parse_file(sheet).findings]
    assert "sheet_hidden" in checks


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (0.85, "0%", "85%"),
        (0.7985, "0.00%", "79.85%"),
        (1234567, "#,##0", "1,234,567"),
        (1091546.8, "0.00", "1091546.80"),
        (1091546.8, "#,##0.00", "1,091,546.80"),
        (1234.5, '"¥"#,##0.00', "¥1,234.50"),  # .xlsx
        (1234.5, "\\¥#,##0.00", "¥1,234.50"),  # .xls: the sign escaped
        (1234.5, "[$¥-804]#,##0.00", "¥1,234.50"),  # a currency block
        (12.5, '0.00"万元"', "12.50万元"),
        (12.5, 'General"万元"', "12.5万元"),
        (1234.5, "#,##0.00_);[Red](#,##0.00)", "1,234.50"),  # padding, a colour section
        (0.85, "[Red]0.0%", "85.0%"),
        (5, '0.0"%"', "5.0%"),  # a quoted percent sign does not multiply
        (7, "000", "007"),
        (12345.678, "0.00E+00", "1.23E+04"),
        (0.5, "# ?/?", "0.5"),  # a fraction: as typed
        (3, '"是"', "3"),
        (3.0, None, "3"),
        (1.5, "General", "1.5"),
        (dt.date(2024, 7, 10), 'yyyy"年"m"月"d"日"', "2024年7月10日"),
        (dt.date(2024, 7, 10), "yyyy-mm-dd", "2024-07-10"),
        ("已完成", None, "已完成"),
        ("", None, ""),
    ],
)
def test_values_are_written_as_the_cell_shows_them(
    value: object, fmt: str | None, text: str
) -> None:
    assert shown(value, fmt) == text


def _workbook(path: Path) -> Path:
    """Two tables on one sheet, each with a title row above its header; formatted numbers."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["附件1 重點項目進展表"])
    sheet.merge_cells("A1:D1")
    sheet.append(["序號", "項目名稱", "完成率", "完成日期"])
    sheet.append([1, "老舊小區改造", 0.85, dt.date(2024, 6, 30)])
    sheet["C3"].number_format = "0%"
    sheet["D3"].number_format = 'yyyy"年"m"月"d"日"'
    sheet.append([])
    sheet.append(["附件2 民生實事進展表"])
    sheet.append(["序號", "事項名稱", "完成情況"])
    sheet.append([1, "5G基站建設", "已完成"])
    workbook.save(path)
    return path


def test_several_tables_on_one_sheet_with_formats(tmp_path: Path) -> None:
    document = read_document(_workbook(tmp_path / "two.xlsx"))
    kinds = [type(b).__name__ for b in document.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph", "Table"]
    first, second = document.tables
    assert [c.text for c in first.rows[1]] == ["1", "老舊小區改造", "85%", "2024年6月30日"]
    assert len(first.rows[0]) == 4 and len(second.rows[0]) == 3  # cut to the columns used
    titles = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert titles == ["附件1 重點項目進展表", "附件2 民生實事進展表"]
    assert all(isinstance(b, Table) for b in document.blocks[1::2])


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("qixia-2024-q2.xlsx", "xlsx"),
        ("qixia-2024-q2.xls", "xls"),
        ("qixia-2024-q2.ods", "ods"),
        ("qixia-2024-q2.doc", "doc"),
        ("qixia-2024-q2.rtf", "rtf"),
        ("qixia-2024-q2.docx", "docx"),
    ],
)
def test_formats_are_told_by_their_content(name: str, kind: str) -> None:
    assert sniff((FIXTURES / name).read_bytes(), "") == kind


def test_a_broken_workbook_is_corrupt(tmp_path: Path) -> None:
    data = (FIXTURES / "qixia-2024-q2.xls").read_bytes()
    broken = tmp_path / "broken.xls"
    broken.write_bytes(data[: len(data) // 3])
    with pytest.raises(ParseError) as caught:
        read_document(broken)
    assert caught.value.reason == "corrupt"


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("legacy", LEGACY, ids=lambda p: p.suffix)
def test_legacy_word_converted_gives_the_same_items(legacy: Path) -> None:
    _same_bulletin(legacy)
    assert parse_file(legacy).bulletin.source_format == legacy.suffix[1:]


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".rtf"])
def test_legacy_word_without_libreoffice_says_what_to_install(
    suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice anywhere
    source = FIXTURES / ("qixia-2024-q2.rtf" if suffix == ".rtf" else "qixia-2024-q2.doc")
    target = tmp_path / f"bulletin{suffix}"
    target.write_bytes(source.read_bytes())
    with pytest.raises(ParseError) as caught:
        read_document(target)
    assert caught.value.reason == "needs_libreoffice"
    assert "libreoffice" in caught.value.one_line().lower()
    assert "needs_libreoffice" in REASONS and "needs_libreoffice" in REJECTIONS


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_a_file_libreoffice_cannot_load_is_corrupt(tmp_path: Path) -> None:
    fake = tmp_path / "fake.doc"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ParseError) as caught:
        read_document(fake)
    assert caught.value.reason == "corrupt"
