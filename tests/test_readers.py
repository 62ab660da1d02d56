"""Word, PDF and web-page readers: merges, repeated headers, nested tables, page stitching."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from parsers import Document, ParseError, Table, read_document
from parsers.document import Cell
from parsers.docx_reader import read_docx
from parsers.html_reader import read_html
from parsers.stitch import PagePiece, stitch
from tests.conftest import FIXTURES


def grid(table: Table) -> list[list[str]]:
    return [[c.text if c.merged is None else f"<{c.merged}>" for c in row] for row in table.rows]


# -- Word --------------------------------------------------------------------------------------


def word(build) -> Document:  # type: ignore[no-untyped-def]
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return read_docx(buffer.getvalue(), path="t.docx", sha256="0" * 64)


def test_docx_merges_come_from_the_xml() -> None:
    def build(d: docx.document.Document) -> None:
        t = d.add_table(rows=4, cols=3)
        for r in range(4):
            for c in range(3):
                t.cell(r, c).text = f"{r}{c}"
        v = t.cell(1, 2).merge(t.cell(3, 2))  # vertical, three rows
        v.text = "住建局"
        h = t.cell(3, 0).merge(t.cell(3, 1))  # horizontal, two columns
        h.text = "合并"

    (table,) = word(build).tables
    assert grid(table) == [
        ["00", "01", "02"],
        ["10", "11", "住建局"],
        ["20", "21", "<up>"],
        ["合并", "<left>", "<up>"],
    ]
    assert table.rows[1][2].row_span == 3 and table.rows[3][0].col_span == 2


def test_docx_repeating_header_row_is_marked() -> None:
    def build(d: docx.document.Document) -> None:
        t = d.add_table(rows=2, cols=2)
        marker = OxmlElement("w:tblHeader")
        marker.set(qn("w:val"), "true")
        t.rows[0]._tr.get_or_add_trPr().append(marker)

    (table,) = word(build).tables
    assert table.header_rows == 1


def test_docx_keeps_body_order_cell_paragraphs_and_nested_tables() -> None:
    def build(d: docx.document.Document) -> None:
        d.add_paragraph("标题")
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "文旅局"
        t.cell(0, 0).add_paragraph("各镇街")
        inner = t.cell(0, 1).add_table(rows=2, cols=2)
        for r in range(2):
            for c in range(2):
                inner.cell(r, c).text = f"内{r}{c}"
        d.add_paragraph("落款")

    document = word(build)
    assert [type(b).__name__ for b in document.blocks] == ["Paragraph", "Table", "Paragraph"]
    (table,) = document.tables
    assert table.rows[0][0].text == "文旅局\n各镇街"
    assert "内00 内01\n内10 内11" in table.rows[0][1].text  # python-docx's cell.text drops this


# -- HTML --------------------------------------------------------------------------------------


def page(body: str, charset: str = "utf-8") -> Document:
    raw = f'<html><head><meta charset="{charset}"><title>标题</title></head><body>{body}</body></html>'
    return read_html(
        raw.encode("gb18030" if charset == "gb2312" else charset), path="t.html", sha256="0" * 64
    )


def test_html_rowspan_and_colspan() -> None:
    document = page(
        "<table><tr><th>序号</th><th>名称</th><th>单位</th></tr>"
        '<tr><td>1</td><td>甲</td><td rowspan="2">住建局</td></tr>'
        "<tr><td>2</td><td>乙</td></tr>"
        '<tr><td colspan="2">注:合计</td><td>x</td></tr></table>'
    )
    (table,) = document.tables
    assert grid(table) == [
        ["序号", "名称", "单位"],
        ["1", "甲", "住建局"],
        ["2", "乙", "<up>"],
        ["注:合计", "<left>", "x"],
    ]


def test_html_ignores_navigation_and_footer_and_breaks_cells_on_br() -> None:
    document = page(
        "<nav>首页 &gt; 通报</nav><p>第一段</p><div>第二段<br>第三段</div>"
        "<table><tr><td>文旅局<br/>各镇街</td></tr></table><footer>版权所有</footer>"
        "<script>var x = '<p>no</p>';</script>"
    )
    assert [p.text for p in document.paragraphs] == ["第一段", "第二段", "第三段"]
    assert document.tables[0].rows[0][0].text == "文旅局\n各镇街"


def test_html_gb2312_declared_is_read_as_gb18030() -> None:
    document = page("<p>棲霞市人民政府辦公室</p>", charset="gb2312")  # Traditional: not in GB2312
    assert document.paragraphs[0].text == "棲霞市人民政府辦公室"
    assert document.encoding == "gb18030"


def test_html_nested_table_text_goes_into_its_cell() -> None:
    document = page(
        "<table><tr><td>外<table><tr><td>内1</td><td>内2</td></tr></table></td></tr></table>"
    )
    (table,) = document.tables
    assert table.rows[0][0].text == "外\n内1 内2"


def test_html_unknown_marked_section_is_skipped_as_a_browser_does() -> None:
    """html.parser raises AssertionError on `<![NCTYPE`; the page is read, the section skipped."""
    document = page("<p>前</p><![NCTYPE x]><p>后</p>")
    assert [p.text for p in document.paragraphs] == ["前", "后"]


# -- PDF ---------------------------------------------------------------------------------------


def test_pdf_rendering_pages_merges_and_narrative() -> None:
    document = read_document(FIXTURES / "qixia-2024-q2.pdf")
    (table,) = document.tables  # fifteen pages of table stitched into one
    assert len(table.rows) == 32  # header, 30 items, the note row
    assert [row[0].text for row in table.rows[1:31]] == [str(n) for n in range(1, 31)]
    assert table.rows[30][4].merged == "up"  # 責任單位 of item 30 merged with item 29's
    assert [c.merged for c in table.rows[31][1:]] == ["left"] * 5  # the note spans the row
    assert document.paragraphs[0].page == 1
    summary = document.paragraphs[1].text.replace("\n", "")
    assert summary.startswith("30項全市重點民生實事") and summary.endswith("6項進展較為緩慢。")
    assert {n.code for n in document.notes} == {"row_joined_across_pages"}


# -- stitching ---------------------------------------------------------------------------------


def t(*rows: tuple[str, ...]) -> Table:
    return Table(rows=tuple(tuple(Cell(text) for text in row) for row in rows))


HEADER = ("序号", "名称")


def piece(table: Table, page: int, first: bool = True, last: bool = True) -> PagePiece:
    return PagePiece(table, page, first_on_page=first, last_on_page=last)


def test_stitch_drops_repeated_header_and_glues_a_cut_row() -> None:
    tables, notes = stitch(
        [piece(t(HEADER, ("1", "甲的前半")), 1), piece(t(HEADER, ("", "后半"), ("2", "乙")), 2)]
    )
    ((start, table),) = tables
    assert start == 0
    assert [[c.text for c in row] for row in table.rows] == [
        ["序号", "名称"],
        ["1", "甲的前半\n后半"],
        ["2", "乙"],
    ]
    assert len(notes) == 1 and notes[0].page == 2


def test_stitch_does_not_glue_a_numbered_row() -> None:
    tables, notes = stitch(
        [
            piece(t(HEADER, ("1", "甲")), 1),
            piece(
                t(
                    ("2", "乙"),
                ),
                2,
            ),
        ]
    )
    assert [[c.text for c in row] for row in tables[0][1].rows] == [
        ["序号", "名称"],
        ["1", "甲"],
        ["2", "乙"],
    ]
    assert notes == []


@pytest.mark.parametrize(
    "second",
    [
        piece(
            t(
                ("2", "乙"),
            ),
            3,
        ),  # not the next page
        piece(
            t(
                ("2", "乙"),
            ),
            2,
            first=False,
        ),  # text above it on its page
        piece(
            t(
                ("2", "乙", "x"),
            ),
            2,
        ),  # another width
    ],
)
def test_stitch_keeps_separate_tables_apart(second: PagePiece) -> None:
    tables, _ = stitch([piece(t(HEADER, ("1", "甲")), 1), second])
    assert len(tables) == 2


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (bytes(range(256)) * 4, "corrupt"),  # binary that is not a PDF: the name decides the reader
        (
            "序号 | 名称 |\n1 | 甲 |\n".encode(),
            None,
        ),  # text: the content decides, whatever the name
    ],
)
def test_content_first_name_second(tmp_path: Path, content: bytes, reason: str | None) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    if reason is None:
        assert read_document(path).source_format == "txt"
    else:
        with pytest.raises(ParseError) as caught:
            read_document(path)
        assert caught.value.reason == reason
