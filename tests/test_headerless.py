"""Tables printed without their header row (tables/headerless.py)."""

from __future__ import annotations

from parsers.document import Cell
from pipeline.tables.headerless import inferred_header


def _rows(*lines: str) -> list[tuple[Cell, ...]]:
    return [tuple(Cell(text.strip()) for text in line.split("|")) for line in lines]


ROWS = (
    "1 | 新建城区公共停车场3处 | 县住建局 | 2处已完工,1处完成主体结构。 | 按时序推进",
    "2 | 改造提升农村公路危桥10座 | 县交通运输局 | 完成设计方案。 | 进度滞后",
    "3 | 免费开展老年人健康体检 | 县卫生健康局 | 已完成体检2.1万人。 | 按时序推进",
)


def test_roles_are_read_from_the_cells() -> None:
    header = inferred_header(_rows(*ROWS))
    assert header is not None
    assert [c.text for c in header] == ["序号", "项目名称", "责任单位", "进展情况", "完成情况"]


def test_a_table_with_its_header_is_not_given_another() -> None:
    assert inferred_header(_rows("序号 | 事项名称 | 责任单位 | 进展 | 状态", *ROWS)) is None


def test_rows_that_do_not_count_up_or_say_nothing_clear_get_no_header() -> None:
    shuffled = (ROWS[2], ROWS[0], ROWS[1])
    assert inferred_header(_rows(*shuffled)) is None
    plain = ("1 | 甲 | 乙 | 丙", "2 | 丁 | 戊 | 己", "3 | 庚 | 辛 | 壬")  # no units, no status
    assert inferred_header(_rows(*plain)) is None
