"""Numbers and dates of .xlsx, .xls and .ods cells are read as the cells show them (a 0.85
shown as 85% stays 85%), not as the values calamine gives."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from parsers import Paragraph, read_document
from pipeline.run.ingest import parse_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FORMATTED = [FIXTURES / f"sheet-cell-formats.{suffix}" for suffix in ("xlsx", "xls", "ods")]
# 完成投资（万元）, 完成率, 完成时间 of items 1-3, as Calc and Excel show them
SHOWN = [
    ["1,091,546.80", "85%", "2024年6月30日"],
    ["2,345.50", "79.85%", "2024年7月10日"],
    ["612.00", "102%", "2024-05-08"],
]


@pytest.mark.parametrize("sheet", FORMATTED, ids=lambda p: p.suffix)
def test_formatted_cells_are_read_as_shown(sheet: Path) -> None:
    document = read_document(sheet)
    (table,) = document.tables
    assert [[cell.text for cell in row[2:5]] for row in table.rows[1:]] == SHOWN
    assert [row[0].text for row in table.rows[1:]] == ["1", "2", "3"]  # General: as typed
    paragraphs = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert paragraphs[-1] == "2024年7月12日"  # a date cell in the long form


@pytest.mark.parametrize("sheet", FORMATTED, ids=lambda p: p.suffix)
def test_formatted_rates_give_the_rates_shown(sheet: Path) -> None:
    parsed = parse_file(sheet)
    assert [item.rate for item in parsed.items] == [0.85, 0.7985, 1.02]
    assert [item.status for item in parsed.items] == ["on_track", "on_track", "done"]
    assert parsed.bulletin.issued_on is not None
    assert parsed.bulletin.issued_on.isoformat() == "2024-07-12"


NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'office:version="1.3"'
)
# common styles and data styles, as a program other than Calc may write them
STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}><office:styles>
<number:number-style style:name="N0"><number:number number:min-integer-digits="1"/></number:number-style>
<number:number-style style:name="Money"><number:number number:decimal-places="2"
 number:min-integer-digits="1" number:grouping="true"/></number:number-style>
<number:date-style style:name="Long"><number:year number:style="long"/><number:text>年</number:text>
 <number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>
<number:currency-style style:name="Yuan"><number:currency-symbol>¥</number:currency-symbol>
 <number:number number:decimal-places="2" number:grouping="true"/></number:currency-style>
<number:number-style style:name="Wan"><number:number number:decimal-places="2"/>
 <number:text>万元</number:text></number:number-style>
<style:style style:name="Default" style:family="table-cell" style:data-style-name="N0"/>
<style:style style:name="Amount" style:family="table-cell" style:parent-style-name="Default"
 style:data-style-name="Money"/>
</office:styles></office:document-styles>"""


def _cell(kind: str, value: str, *, style: str = "", repeat: int = 1, text: str = "") -> str:
    attributes = f'office:value-type="{kind}"'
    attributes += f' office:date-value="{value}"' if kind == "date" else f' office:value="{value}"'
    if kind == "string":
        attributes, text = 'office:value-type="string"', value
    if style:
        attributes += f' table:style-name="{style}"'
    if repeat > 1:
        attributes += f' table:number-columns-repeated="{repeat}"'
    body = f"<text:p>{text}</text:p>" if text else ""
    return f"<table:table-cell {attributes}>{body}</table:table-cell>"


def _row(*cells: str, repeat: int = 1) -> str:
    times = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{times}>{''.join(cells)}</table:table-row>"


def _ods(tmp_path: Path) -> Path:
    """A hand-written .ods: no displayed text in its number cells, a percentage column by the
    column's default cell style, amounts by the data style of a cell style's parent, a
    currency style and a style with literal text, a repeated row and a repeated cell."""
    automatic = (
        '<number:percentage-style style:name="P1"><number:number number:decimal-places="1"'
        ' number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>'
        '<style:style style:name="pct" style:family="table-cell" style:data-style-name="P1"/>'
        '<style:style style:name="money" style:family="table-cell"'
        ' style:parent-style-name="Amount"/>'
        '<style:style style:name="day" style:family="table-cell" style:data-style-name="Long"/>'
        '<style:style style:name="yuan" style:family="table-cell" style:data-style-name="Yuan"/>'
        '<style:style style:name="wan" style:family="table-cell" style:data-style-name="Wan"/>'
    )
    rows = [
        _row(*(_cell("string", t) for t in ("序号", "事项名称", "完成率", "完成投资", "完成时间"))),
        _row(
            _cell("float", "1"),
            _cell("string", "老旧小区改造"),
            _cell("percentage", "0.85"),
            _cell("float", "1234.5", style="money"),
            _cell("date", "2024-06-30", style="day"),
            repeat=2,
        ),
        _row(
            _cell("float", "3"),
            _cell("string", "城镇新增就业"),
            _cell("percentage", "0.5", style="pct", text="50.0%"),
            _cell("float", "1091546.8", style="money", repeat=2),
        ),
        _row(
            _cell("float", "4"),
            _cell("string", "城镇新增就业"),
            _cell("percentage", "1"),
            _cell("currency", "1234.5", style="yuan"),
            _cell("float", "12.5", style="wan"),
        ),
    ]
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        f"<office:automatic-styles>{automatic}</office:automatic-styles>"
        '<office:body><office:spreadsheet><table:table table:name="进展情况">'
        '<table:table-column table:number-columns-repeated="2"'
        ' table:default-cell-style-name="Default"/>'
        '<table:table-column table:default-cell-style-name="pct"/>'
        '<table:table-column table:number-columns-repeated="3"'
        ' table:default-cell-style-name="Default"/>'
        f"{''.join(rows)}</table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3"><manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", STYLES)
    path = tmp_path / "written-elsewhere.ods"
    path.write_bytes(buffer.getvalue())
    return path


def test_ods_styles_without_displayed_text(tmp_path: Path) -> None:
    path = _ods(tmp_path)
    (table,) = read_document(path).tables
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["序号", "事项名称", "完成率", "完成投资", "完成时间"],
        ["1", "老旧小区改造", "85.0%", "1,234.50", "2024年6月30日"],  # column style; parent's
        ["1", "老旧小区改造", "85.0%", "1,234.50", "2024年6月30日"],  # the repeated row
        ["3", "城镇新增就业", "50.0%", "1,091,546.80", "1,091,546.80"],  # text kept; repeated
        ["4", "城镇新增就业", "100.0%", "¥1,234.50", "12.50万元"],  # literal text, currency
    ]
    from parsers.ods_cells import ods_cells

    cells = ods_cells(path.read_bytes())["进展情况"]
    assert (0, 0) not in cells and (1, 0) not in cells  # strings and General numbers: not listed
    assert sorted(cells) == [(r, c) for r in (1, 2, 3, 4) for c in (2, 3, 4)]


def test_xls_formats_unreadable_leave_the_values_as_typed(monkeypatch: pytest.MonkeyPatch) -> None:
    import xlrd

    def refuse(*args: object, **kwargs: object) -> None:
        raise xlrd.XLRDError("Unsupported format, or corrupt file")

    monkeypatch.setattr(xlrd, "open_workbook", refuse)
    (table,) = read_document(FIXTURES / "sheet-cell-formats.xls").tables
    assert [cell.text for cell in table.rows[1][2:5]] == ["1091546.8", "0.85", "2024-06-30"]


def test_xls_reader_warnings_are_not_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    padded = tmp_path / "padded.xls"  # not a whole number of sectors: xlrd warns of it
    padded.write_bytes((FIXTURES / "sheet-cell-formats.xls").read_bytes() + bytes(100))
    (table,) = read_document(padded).tables
    assert [cell.text for cell in table.rows[1][2:5]] == SHOWN[0]
    assert capsys.readouterr() == ("", "")
