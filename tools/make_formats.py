"""Render the sample bulletin as a spreadsheet, a legacy Word file and a scan: test fixtures.

    python tools/make_formats.py [SEED]      (needs openpyxl, pypdfium2 and LibreOffice: soffice
                                              with Writer and Calc)

Writes tests/fixtures/qixia-2024-q2.{xlsx,xls,ods,doc,rtf}, the small workbook of formatted
numbers and dates sheet-cell-formats.{xlsx,xls,ods}, and the scans
scanned-qixia-page1.pdf (the first page of qixia-2024-q2.pdf as a 150 dpi image) and
scanned-qixia-table-grey.png (the top of its table, grey and turned by half a degree) and
scanned-qixia-borderless.png (a table of its first items drawn without ruling lines): not named
as copies of the sample, which they are not (one item of its 30). The files are
committed; CI never runs this script. What each exercises is in tests/fixtures/README.md.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import DEFAULT_SEED, ROOT, split_sample
from make_renderings import NOTE, UNITS, VERTICAL_MERGES

FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = FIXTURES / "qixia-2024-q2"
DPI = 150


def make_xlsx(narrative: list[str], rows: list[list[str]], target: Path) -> None:
    """One sheet: the narrative a line a row, a blank row, the table's title merged across,
    the table (序號 as numbers, 責任單位 merged down where the Word rendering merges it, a
    note row merged across); a hidden sheet of working notes after it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "進展情況表"
    *lines, title = narrative
    for line in lines:
        sheet.append([line])
    sheet.append([])
    sheet.append([title])
    top = sheet.max_row
    sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=len(rows[0]))
    sheet.append(rows[0])
    first_data = sheet.max_row + 1
    for row in rows[1:]:
        sheet.append([int(row[0]), *row[1:]])
    for first, last in VERTICAL_MERGES:
        column = UNITS + 1
        start, end = first_data + first - 1, first_data + last - 1
        sheet.merge_cells(start_row=start, start_column=column, end_row=end, end_column=column)
    sheet.append([NOTE])
    bottom = sheet.max_row
    sheet.merge_cells(start_row=bottom, start_column=1, end_row=bottom, end_column=len(rows[0]))
    for row in sheet.iter_rows(min_row=top):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    draft = workbook.create_sheet("底稿")
    draft.append(["序號", "事項名稱", "完成情況"])
    draft.append([1, "草稿事項", "未定"])
    draft.sheet_state = "hidden"
    workbook.save(target)


# 序号, 事项名称, 完成投资（万元）, 完成率, 完成时间, 责任单位: each number and date formatted
FORMATTED_ROWS = [
    (1, "老旧小区改造", 1091546.8, 0.85, dt.date(2024, 6, 30), "住建局"),
    (2, "城区污水管网改造", 2345.5, 0.7985, dt.date(2024, 7, 10), "水务局"),
    (3, "城镇新增就业", 612, 1.02, dt.date(2024, 5, 8), "人社局"),
]
# number formats of the 完成投资, 完成率 and 完成时间 columns, one a row
FORMATTED = [
    ("#,##0.00", "0%", 'yyyy"年"m"月"d"日"'),
    ("#,##0.00", "0.00%", 'yyyy"年"m"月"d"日"'),
    ("#,##0.00", "0%", "yyyy-mm-dd"),
]


def make_cell_formats(target: Path) -> None:
    """A small bulletin whose cells hold numbers and dates under number formats: thousands
    separators and two decimals, percentages with and without decimals, dates in the Chinese
    long form and in ISO form; the date of issue a formatted date cell."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "进展情况"
    sheet.append(["关于1-6月全市重点项目推进情况的通报"])
    sheet.append(["序号", "事项名称", "完成投资（万元）", "完成率", "完成时间", "责任单位"])
    for values, formats in zip(FORMATTED_ROWS, FORMATTED, strict=True):
        sheet.append(list(values))
        for column, fmt in enumerate(formats, start=3):
            sheet.cell(sheet.max_row, column).number_format = fmt
    sheet.append([])
    sheet.append(["栖霞市人民政府办公室"])
    sheet.append([dt.date(2024, 7, 12)])
    sheet.cell(sheet.max_row, 1).number_format = 'yyyy"年"m"月"d"日"'
    workbook.save(target)


def soffice_convert(source: Path, target: Path, filter_name: str) -> None:
    """Convert with LibreOffice: a private profile, a timeout, the output checked to exist."""
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit(
            "soffice not found: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
        )
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as outdir:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", filter_name, "--outdir", outdir, str(source)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        produced = Path(outdir) / f"{source.stem}.{target.suffix[1:]}"
        if not produced.exists():  # soffice exits 0 even when it could not load the input
            sys.exit(f"soffice did not produce {produced.name}")
        shutil.copy(produced, target)


def page_images(pdf: Path, dpi: int = DPI) -> list[Any]:
    """Every page of `pdf` rendered to a PIL image at `dpi`."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72).to_pil() for page in document]
    finally:
        document.close()


def scanned(image: Any) -> Any:
    """A page image as a grey, slightly turned scan: paper not white, ink not black."""
    from PIL import Image

    grey = image.convert("L").rotate(0.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return grey.point(lambda v: 60 + v * 170 // 255)


def make_scans(pdf: Path) -> None:
    """The first page of the PDF as a one-page scan (a JPEG in a PDF, no text layer), and the
    table's top of that page (title, header, item 1) as a grey, turned .png."""
    first = page_images(pdf)[0]
    buffer = io.BytesIO()
    first.convert("L").save(buffer, "PDF", resolution=DPI)
    FIXTURES / "scanned-qixia-page1.pdf".write_bytes(buffer.getvalue())
    top = first.crop((0, 620, first.width, 1080))
    scanned(top).save(FIXTURES / "scanned-qixia-table-grey.png", optimize=True)


BORDERLESS_COLUMNS = (0, 1, 4, 3)  # 序號, 事項名稱, 責任單位, 進展情況 of the sample's table
BORDERLESS_XS = (80, 170, 560, 750)  # pixels: where each column's text starts
BORDERLESS_CUT = 12  # characters: a longer progress cell is cut to fit its column
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def make_borderless(title: str, rows: list[list[str]], count: int = 5) -> None:
    """The header and first `count` items of the table in four columns drawn at 150 dpi with no
    ruling lines (as a scanned attachment typed with tab stops), a title line above."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 22)
    image = Image.new("L", (1240, 140 + 50 * (count + 1)), 255)
    draw = ImageDraw.Draw(image)
    draw.text((620, 50), title, font=font, fill=0, anchor="mt")
    for r, row in enumerate(rows[: count + 1]):
        for column, x in zip(BORDERLESS_COLUMNS, BORDERLESS_XS, strict=True):
            text = row[column] if column != 3 else row[column][:BORDERLESS_CUT]
            draw.text((x, 110 + 50 * r), text, font=font, fill=0)
    image.save(FIXTURES / "scanned-qixia-borderless.png", optimize=True)


def main(seed: Path) -> None:
    narrative, rows = split_sample(seed.read_text(encoding="utf-8"))
    xlsx = SAMPLE.with_suffix(".xlsx")
    make_xlsx(narrative, rows, xlsx)
    soffice_convert(xlsx, SAMPLE.with_suffix(".xls"), "xls:MS Excel 97")
    soffice_convert(xlsx, SAMPLE.with_suffix(".ods"), "ods")
    formatted = FIXTURES / "sheet-cell-formats.xlsx"
    make_cell_formats(formatted)
    soffice_convert(formatted, formatted.with_suffix(".xls"), "xls:MS Excel 97")
    soffice_convert(formatted, formatted.with_suffix(".ods"), "ods")
    word = SAMPLE.with_suffix(".docx")
    with tempfile.TemporaryDirectory() as work:
        # straight from .docx, LibreOffice writes the table of this file as paragraphs
        odt = Path(work) / f"{SAMPLE.name}.odt"
        soffice_convert(word, odt, "odt")
        soffice_convert(odt, SAMPLE.with_suffix(".doc"), "doc:MS Word 97")
    soffice_convert(word, SAMPLE.with_suffix(".rtf"), "rtf")
    make_scans(SAMPLE.with_suffix(".pdf"))
    make_borderless(narrative[-1], rows)
    made = ("scanned-qixia-*", "sheet-cell-formats.*")
    for path in sorted(
        [*FIXTURES.glob(f"{SAMPLE.name}*"), *(p for g in made for p in FIXTURES.glob(g))]
    ):
        print(f"{path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SEED)
