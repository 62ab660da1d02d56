"""Render the sample bulletin to .docx, .pdf and .html test fixtures.

    python tools/make_renderings.py [SEED]      (needs LibreOffice for the PDF: soffice)

Writes tests/fixtures/qixia-2024-q2.{docx,pdf,html}. The rendered files are committed; CI never
runs this script. What each rendering exercises is listed in tests/fixtures/README.md.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import DEFAULT_SEED, ROOT, split_sample

FIXTURES = ROOT / "tests" / "fixtures"
NOTE = "注:完成情況依據各責任單位報送材料整理。"
# Rows (1-based item numbers) whose 責任單位 cell is merged vertically in Word and HTML.
VERTICAL_MERGES = ((8, 11), (29, 30))
UNITS = 4  # the 責任單位 column


def make_docx(narrative: list[str], rows: list[list[str]], target: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.orientation = WD_ORIENT.PORTRAIT
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.name = "Noto Serif CJK SC"  # creates rPr/rFonts
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    for line in narrative:
        document.add_paragraph(line)

    table = document.add_table(rows=len(rows) + 1, cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            _set_text(table.cell(r, c), text)
    # the header row repeats on every page (w:tblHeader)
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(marker)
    # vertical merges: the value once, in the first row of the merge
    for first, last in VERTICAL_MERGES:
        if last >= len(rows):
            continue  # a shorter table (the benchmark's variants)
        value = rows[first][UNITS]
        merged = table.cell(first, UNITS).merge(table.cell(last, UNITS))
        _set_text(merged, value)
    # a horizontal merge: a note row across the whole table
    last = len(rows)
    note = table.cell(last, 0).merge(table.cell(last, len(rows[0]) - 1))
    _set_text(note, NOTE)
    document.save(str(target))


def _set_text(cell: docx.table._Cell, text: str) -> None:
    """Cell text; several responsible units become one paragraph each, as Word users type them."""
    for paragraph in cell.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    parts = text.split(" ") if cell._tc is not None and _is_units(text) else [text]
    cell.paragraphs[0].text = parts[0]
    for part in parts[1:]:
        cell.add_paragraph(part)


def _is_units(text: str) -> bool:
    return 0 < len(text) <= 20 and " " in text and "," not in text


def make_pdf(source: Path, target: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as outdir:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", "pdf", "--outdir", outdir, str(source)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        produced = Path(outdir) / f"{source.stem}.pdf"
        if not produced.exists():  # soffice exits 0 even when it could not load the input
            sys.exit(f"soffice did not produce {produced.name}")
        shutil.copy(produced, target)


def make_html(narrative: list[str], rows: list[list[str]], target: Path) -> None:
    """A web page: navigation and footer to ignore, <p> narrative, a table with rowspan.
    Declared GB2312 but written as GB18030, as such pages are in practice (Traditional
    characters are not in GB2312)."""
    merges = [(first, last) for first, last in VERTICAL_MERGES if last < len(rows)]
    covered = {(r, UNITS) for first, last in merges for r in range(first + 1, last + 1)}
    spans = {(first, UNITS): last - first + 1 for first, last in merges}
    lines = [
        "<!DOCTYPE html>",
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        f"<title>{html.escape(narrative[-1])}</title>",
        "<style>td{border:1px solid #999}</style></head><body>",
        '<nav><a href="/">首頁</a> &gt; <a href="/zwgk">政務公開</a> &gt; 督查通報</nav>',
        '<div class="content">',
    ]
    lines += [f"<p>{html.escape(line)}</p>" for line in narrative]
    lines.append("<table>")
    for r, row in enumerate(rows):
        tag = "th" if r == 0 else "td"
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            span = f' rowspan="{spans[(r, c)]}"' if (r, c) in spans else ""
            body = (
                "<br>".join(html.escape(part) for part in text.split(" "))
                if _is_units(text)
                else html.escape(text)
            )
            cells.append(f"<{tag}{span}>{body}</{tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append(f'<tr><td colspan="{len(rows[0])}">{html.escape(NOTE)}</td></tr>')
    lines += [
        "</table>",
        "</div>",
        "<footer>主辦單位:棲霞市人民政府辦公室 網站標識碼:0000000000</footer>",
        "</body></html>",
    ]
    target.write_bytes(("\n".join(lines) + "\n").encode("gb18030"))


def image_only_pdf(width: int = 64, height: int = 32) -> bytes:
    """A one-page PDF whose only content is a grey image: what a scan looks like to a reader."""
    pixels = bytes((x * 4 + y) % 256 for y in range(height) for x in range(width))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /XObject << /Im1 5 0 R >> >> >>",
        None,  # the content stream, below
        None,  # the image, below
    ]
    content = b"q 500 0 0 250 48 500 cm /Im1 Do Q"
    objects[3] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    objects[4] = (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length %d >>\nstream\n"
        % (width, height, len(pixels))
        + pixels
        + b"\nendstream"
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def make_damaged(word: Path) -> None:
    """Files each reader must reject with the right reason (tests/fixtures/README.md)."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        sys.exit("qpdf not found: apt-get install qpdf")
    scanned = FIXTURES / "scanned.pdf"
    scanned.write_bytes(image_only_pdf())
    encrypted = FIXTURES / "encrypted.pdf"
    subprocess.run(
        [qpdf, "--encrypt", "secret", "owner", "256", "--", str(scanned), str(encrypted)],
        check=True,
    )
    png = b"\x89PNG\r\n\x1a\n" + bytes(24)  # an image: not a bulletin format
    (FIXTURES / "image.png").write_bytes(png)
    data = word.read_bytes()
    (FIXTURES / "truncated.docx").write_bytes(data[: len(data) // 2])
    random = bytes((i * 7919 + 13) % 251 for i in range(2048))  # deterministic noise
    (FIXTURES / "random-bytes.pdf").write_bytes(random)


def main(seed: Path) -> None:
    narrative, rows = split_sample(seed.read_text(encoding="utf-8"))
    FIXTURES.mkdir(parents=True, exist_ok=True)
    word = FIXTURES / "qixia-2024-q2.docx"
    make_docx(narrative, rows, word)
    make_pdf(word, FIXTURES / "qixia-2024-q2.pdf")
    make_html(narrative, rows, FIXTURES / "qixia-2024-q2.html")
    make_damaged(word)
    for suffix in ("docx", "pdf", "html"):
        path = FIXTURES / f"qixia-2024-q2.{suffix}"
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SEED)
