"""Progress tables of real pages given as cells, in shapes the first readers missed: a group
column left of the row number printed as section headings between the rows, a per-region
table whose region column has a label the vocabulary does not know, a two-level header whose
lower labels were given as a row (or blocks) of their own."""

from __future__ import annotations

from pipeline.run.task import parse_file
from tests.conftest import FIXTURES


def test_a_group_column_left_of_the_number_printed_as_headings() -> None:
    # 类别 | 编号 | 工作任务 | … one cell per line: the 类别 cells are heading rows (一、…), so
    # every row is a cell short of the header and is anchored on its number.
    items = parse_file(FIXTURES / "pipe-cells-group-headings.txt").items
    assert [(i.seq, i.name, i.units) for i in items] == [
        (1, "提高困难群众救助保障水平", ("市民政局",)),
        (2, "实施适老化改造和安心居家项目", ("市民政局",)),
        (3, "稳就业保就业", ("市人社局",)),
        (4, "开展就业创业培训", ("市人社局",)),
        (5, "松山中学塑胶操场建设项目", ("市教体局",)),
    ]
    assert [i.group for i in items][1:4] == [
        "一、提升民生保障水平",
        "二、推动实现更高质量的就业",
        "二、推动实现更高质量的就业",
    ]
    assert items[3].progress == "开展就业创业培训26次,培训1300人"
