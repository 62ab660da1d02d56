"""Make the PDF fixtures that exercise the PDF engines, from the sample bulletin.

    python tools/make_pdf_fixtures.py [SEED]    (needs reportlab, python-docx and LibreOffice)

Writes to tests/fixtures/:

- cid-font-wrong-cmap.pdf: the sample's first three items set by reportlab in a Traditional
  (Adobe-CNS1) CID font, which reportlab declares with a Simplified (GB1) CMap: pdfminer
  decodes it to garbage, pdfium reads it.
- merged-cells-pages.pdf: the sample's 30 items in a Word (python-docx)
  table with a title row and section rows spanning every column (gridSpan), the title and header
  rows repeated on every page, and 責任單位 merged vertically (vMerge) over runs of rows that
  page breaks cut, printed to PDF by LibreOffice.

The files are committed; CI never runs this script.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import DEFAULT_SEED, ROOT, split_sample
from make_renderings import _set_text, make_pdf

FIXTURES = ROOT / "tests" / "fixtures"
CID_ITEMS = 3
UNITS = 4  # the 責任單位 column
# Sections of the merged-cells table: (title, first item, last item).
SECTIONS = (
    ("一、城鄉建設", 1, 12),
    ("二、社會事業", 13, 22),
    ("三、醫療保障", 23, 30),
)
# Runs of rows (1-based items) whose 責任單位 is merged vertically.
RUNS = ((6, 7), (8, 11), (20, 21), (23, 25))


def make_cid_pdf(narrative: list[str], rows: list[list[str]], target: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("MSung-Light"))  # Adobe-CNS1
    style = ParagraphStyle("body", fontName="MSung-Light", fontSize=10.5, leading=15)
    style.wordWrap = "CJK"
    story: list[object] = [Paragraph(line, style) for line in narrative]
    cells = [[Paragraph(text, style) for text in row] for row in rows[: CID_ITEMS + 1]]
    table = Table(cells, colWidths=[32, 80, 110, 110, 60, 70], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story.append(table)
    with tempfile.TemporaryDirectory() as folder:
        made = Path(folder) / "cid.pdf"
        SimpleDocTemplate(str(made), pagesize=A4).build(story)
        raw = made.read_bytes()
    # reportlab declares this CNS1 font with the GB1 CMap UniGB-UCS2-H: the fault to reproduce.
    if b"/Ordering (CNS1)" not in raw or b"/Encoding /UniGB-UCS2-H" not in raw:
        sys.exit("reportlab no longer writes a CNS1 font with a GB1 CMap")
    target.write_bytes(raw)


def make_merged_docx(narrative: list[str], rows: list[list[str]], title: str, target: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.name = "Noto Serif CJK SC"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    for line in narrative:
        document.add_paragraph(line)
    header, items = rows[0], rows[1:]
    width = len(header)
    layout: list[tuple[str, list[str]]] = [("title", [title]), ("header", header)]
    for name, first, last in SECTIONS:
        layout.append(("section", [name]))
        layout += [("item", items[number - 1]) for number in range(first, last + 1)]
    table = document.add_table(rows=len(layout), cols=width)
    table.style = "Table Grid"
    where: dict[int, int] = {}  # item number -> table row
    for r, (kind, cells) in enumerate(layout):
        if kind in ("title", "section"):
            _set_text(table.cell(r, 0).merge(table.cell(r, width - 1)), cells[0])
        else:
            for c, text in enumerate(cells):
                _set_text(table.cell(r, c), text)
        if kind == "item":
            where[int(cells[0])] = r
        if kind in ("title", "header"):  # repeated at the top of every page
            marker = OxmlElement("w:tblHeader")
            marker.set(qn("w:val"), "true")
            table.rows[r]._tr.get_or_add_trPr().append(marker)
    for first, last in RUNS:
        value = items[first - 1][UNITS]
        merged = table.cell(where[first], UNITS).merge(table.cell(where[last], UNITS))
        _set_text(merged, value)
    document.save(str(target))


def main(seed: Path) -> None:
    narrative, rows = split_sample(seed.read_text(encoding="utf-8"))
    FIXTURES.mkdir(parents=True, exist_ok=True)
    cid = FIXTURES / "cid-font-wrong-cmap.pdf"
    make_cid_pdf(narrative, rows, cid)
    merged = FIXTURES / "merged-cells-pages.pdf"
    with tempfile.TemporaryDirectory() as folder:
        word = Path(folder) / "merged-cells-pages.docx"
        make_merged_docx(narrative[:-1], rows, narrative[-1], word)
        make_pdf(word, merged)
    for path in (cid, merged):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SEED)
