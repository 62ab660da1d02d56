"""Per-region matrices are read as items per region and indicator (tables/matrix.py)."""

from __future__ import annotations

from pathlib import Path

from parsers.registry import read_document
from pipeline.interpret import interpret

MATRIX = """2024年1-6月各县区民生工程完成情况表
 | 城镇新增就业(人) | | | 农村危房改造(户) | | |
地区 | 目标任务 | 累计完成 | 完成比例(%) | 目标任务 | 累计完成 | 完成比例(%) |
全市 | 900 | 640 | 71.1 | 80 | 41 | 51.3 |
庄园街道 | 500 | 412 | 82.4 | 50 | 30 | 60 |
翠屏街道 | 400 | 228 | 57 | | | |
桃村镇 | | | | 30 | 12 | 40 |
"""


def test_matrix_items_per_region_and_indicator_with_totals_checked(tmp_path: Path) -> None:
    path = tmp_path / "m.txt"
    path.write_text(MATRIX, encoding="utf-8")
    parsed = interpret(read_document(path))
    assert [(i.table_index, i.name, i.group, i.target, i.progress) for i in parsed.items] == [
        (0, "城镇新增就业(人)", "庄园街道", "500", "412"),
        (0, "城镇新增就业(人)", "翠屏街道", "400", "228"),
        (1, "农村危房改造(户)", "庄园街道", "50", "30"),
        (1, "农村危房改造(户)", "桃村镇", "30", "12"),
    ]
    assert [i.rate for i in parsed.items] == [0.824, 0.57, 0.6, 0.4]
    # 全市 is a total, not an item: 640 = 412 + 228 agrees; its 41 houses are not 30 + 12
    mismatches = [(f.expected, f.observed) for f in parsed.findings if f.check == "total_mismatch"]
    assert mismatches == [("42", "41")]


# A matrix whose group column was lost in extraction: the header's last labels read as an
# item column, over rows of figures.
FIGURES_AS_NAMES = """2024年十件民生实事完成情况表
目标 | 任务 | 进度 | 完成比例(%)目标 | 进展情况 |
27800 | 5358 | 123.2 | 1089 | 577 |
8000 | 1444 | 123.2 | 160 | 80 |
6138 | 107.4 | 4.3 | 115.3 | 709 |
"""


def test_a_table_whose_item_column_holds_figures_gives_no_items(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text(FIGURES_AS_NAMES, encoding="utf-8")
    parsed = interpret(read_document(path))
    assert not parsed.items
    (no_table,) = [f for f in parsed.findings if f.check == "no_table"]
    assert "holds figures, not names" in no_table.message
