"""Tables without ruling lines read from the rows and columns of the OCR text boxes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers import read_document
from parsers.ocr_boxes import box_table
from parsers.ocr_engine import Box
from pipeline.run.cli import main
from tests.test_ocr import needs_ocr, no_network, ocr_on  # noqa: F401 (fixtures)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BORDERLESS = FIXTURES / "scanned-qixia-borderless.png"
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
NAMES = [
    "地方储备粮仓库扩建项目",
    "开展政务服务“减证便民”创新工作",
    "“城市大脑”建设项目",
    "凤翔(城北)110千伏输变电工程",
    "松山中学塑胶操场建设项目",
]


def _box(x: float, y: float, text: str, confidence: float = 0.99) -> Box:
    return (x, y, x + 22 * len(text), y + 28, text, confidence)


def _boxes(rows: list[list[tuple[float, str]]], top: float = 100) -> list[Box]:
    return [_box(x, top + 50 * r, text) for r, row in enumerate(rows) for x, text in row]


def test_boxes_in_rows_and_columns_make_a_table() -> None:
    boxes = [
        _box(400, 40, "进展情况表"),  # a title above: a paragraph
        *_boxes(
            [
                [(80, "序号"), (170, "事项名称"), (560, "责任单位"), (750, "进展情况")],
                [(80, "1"), (170, "仓库扩建"), (560, "发改局"), (750, "已完工")],
                [(170, "项目"), (750, "待验收")],  # the cells' second lines
                [(82, "2"), (168, "城市大脑建设项目很长很长很长很长很长很"), (752, "推进中")],
                [(80, "3"), (170, "老旧小区"), (470, "住建局"), (750, "推进中")],
                [(80, "4"), (170, "适老化改造"), (560, "民政局"), (750, "已完成")],
            ]
        ),
        _box(80, 450, "附件"),  # below: a paragraph (in the first column's place)
    ]
    boxes[10] = (*boxes[10][:5], 0.6)  # 仓库扩建's row: 待验收 read with a low confidence
    found = box_table(boxes, 1, 0.8)
    assert found is not None
    assert [[c.text for c in row] for row in found.table.rows] == [
        ["序号", "事项名称", "责任单位", "进展情况"],
        ["1", "仓库扩建\n项目", "发改局", "已完工\n待验收"],
        # a box spanning two columns goes to the one it starts in
        ["2", "城市大脑建设项目很长很长很长很长很长很", "", "推进中"],
        # 住建局 starts nearer 责任单位 than the end of 事项名称
        ["3", "老旧小区", "住建局", "推进中"],
        ["4", "适老化改造", "民政局", "已完成"],
    ]
    assert found.table.rows[1][3].confidence == 0.6 and found.low == [(1, 3, 0.6)]
    assert found.table.rows[2][2].confidence is None
    assert found.used == frozenset(range(1, len(boxes) - 1))
    assert (found.top, found.bottom) == (100, 378)


def test_a_cell_wrapped_onto_a_line_of_its_own_stays_in_its_row() -> None:
    row = [(80, "1"), (170, "名称"), (560, "单位"), (750, "进展")]
    boxes = _boxes(
        [row, [(750, "续一")], [(750, "续二")], row, row, [(170, "续三")], [(750, "续四")]]
    )
    found = box_table(boxes, 1, 0.8)
    assert found is not None
    texts = [[c.text for c in row] for row in found.table.rows]
    assert texts == [
        ["1", "名称", "单位", "进展\n续一\n续二"],
        ["1", "名称", "单位", "进展"],
        ["1", "名称\n续三", "单位", "进展\n续四"],  # lines after the last row: its cells'
    ]


def test_lines_of_paragraphs_or_two_columns_are_no_table() -> None:
    paragraphs = _boxes([[(124, "近期市政府督查室")]] + [[(80, "对全市重点民生实事")]] * 5)
    assert box_table(paragraphs, 1, 0.8) is None
    two = _boxes([[(80, "一"), (300, "二")]] * 5)
    assert box_table(two, 1, 0.8) is None
    # three columns, but only two rows use all three
    sparse = _boxes([[(80, "1"), (300, "二"), (600, "三")]] * 2 + [[(80, "1"), (300, "二")]] * 3)
    assert box_table(sparse, 1, 0.8) is None


@needs_ocr
@pytest.mark.usefixtures("no_network")
def test_a_borderless_table_is_read_from_the_boxes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BULLETINS_OCR", "0")  # restored afterwards: --ocr sets it
    assert main(["parse", "--ocr", "--json", str(BORDERLESS)]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert parsed["bulletin"]["table_count"] == 1
    assert parsed["bulletin"]["title"] == "2024年二季度30項重點民生實事進展情況表"
    items = parsed["items"]
    assert [i["seq"] for i in items] == [1, 2, 3, 4, 5]
    assert [i["name_norm"] for i in items] == NAMES
    assert [i["units"] for i in items][:2] == [["發改局"], ["審批局"]]


def _paragraph_page() -> Image.Image:
    """A page of wrapped narrative: each paragraph's first line indented by two characters."""
    font = ImageFont.truetype(str(FONT), 22)
    image = Image.new("L", (1240, 420), 255)
    draw = ImageDraw.Draw(image)
    text = (
        "近期市政府督查室对全市重点民生实事二季度完成情况进行了督导调度现将有关情况通报如下"
        "全市重点民生实事六项已完成十八项按计划推进六项进展较为缓慢请各责任单位加快推进"
    )
    lines = ["　　" + text[:38], text[38:78], text[78:], "　　附件：重点民生实事进展情况表"]
    for r, line in enumerate(lines):
        draw.text((80, 60 + 50 * r), line, font=font, fill=0)
    return image


@needs_ocr
@pytest.mark.skipif(not FONT.is_file(), reason="the Noto CJK font is not installed")
@pytest.mark.usefixtures("ocr_on", "no_network")
def test_a_page_of_paragraphs_stays_paragraphs(tmp_path: Path) -> None:
    page = tmp_path / "narrative.png"
    _paragraph_page().save(page)
    document = read_document(page)
    assert not document.tables
    assert [p.text[:6] for p in document.paragraphs] == ["近期市政府督", "附件：重点民"]
