"""Total and subtotal rows are kept out of the items and checked against them."""

from __future__ import annotations

from pathlib import Path

from parsers.registry import read_document
from pipeline.interpret import interpret
from pipeline.run.task import parse_file

FIXTURES = Path(__file__).parent / "fixtures"


def test_fixture_totals_are_not_items_and_a_wrong_subtotal_is_reported() -> None:
    parsed = parse_file(FIXTURES / "totals-rows.txt")
    assert [i.name for i in parsed.items] == [
        "2024年老旧小区改造", "农村低收入群体危房改造", "实施适老化改造和安心居家项目",
    ]  # fmt: skip
    assert [i.group for i in parsed.items] == ["一、城乡建设"] * 2 + ["二、社会保障"]
    mismatches = [f for f in parsed.findings if f.check == "total_mismatch"]
    assert [(f.expected, f.observed, f.line) for f in mismatches] == [("30", "35", 10)]


def _parsed(tmp_path: Path, text: str) -> list[tuple[str | None, str | None]]:
    path = tmp_path / "b.txt"
    path.write_text(text, encoding="utf-8")
    parsed = interpret(read_document(path))
    return [(f.expected, f.observed) for f in parsed.findings if f.check == "total_mismatch"]


HEADER = "2024年二季度重点项目推进情况表\n序号 | 项目名称 | 目标任务 | 累计完成 | 完成比例 |\n"


def test_a_grand_total_above_its_rows_is_checked_against_all_of_them(tmp_path: Path) -> None:
    rows = "1 | 5G基站建设 | 100 | 106 | 106% |\n2 | 老旧小区改造 | 30 | 21 | 70% |\n"
    assert _parsed(tmp_path, HEADER + "全市 | | 130 | 127 | 97.7% |\n" + rows) == []
    assert _parsed(tmp_path, HEADER + "全市 | | 130 | 120 | 92% |\n" + rows) == [("127", "120")]


def test_a_total_over_a_column_with_text_is_not_checked(tmp_path: Path) -> None:
    rows = "1 | 5G基站建设 | 新建100个 | 106 | 106% |\n2 | 老旧小区改造 | 30 | 21 | 70% |\n"
    assert _parsed(tmp_path, HEADER + rows + "合计 | | 999 | 127 | |\n") == []


def test_fixture_a_first_row_that_sums_the_rows_below_is_the_total() -> None:
    # the city (栖霞市) over its counties, named by no total's word: known by its sums
    items = parse_file(FIXTURES / "region-matrix-city-total-first.txt").items
    assert [i.group for i in items] == ["市本级", "东城区", "西城区", "南山县", "北湖县"]


def test_a_first_row_that_does_not_sum_the_rows_below_is_an_item(tmp_path: Path) -> None:
    page = tmp_path / "first-row.txt"
    page.write_text(
        "项目名称 | 年度计划投资 | 完成投资 |\n"
        "城东污水厂 | 30.0 | 12.0 |\n"
        "城西学校 | 10.0 | 4.0 |\n"
        "城南医院 | 12.0 | 5.0 |\n"
        "城北公园 | 6.0 | 2.0 |\n",
        encoding="utf-8",
    )
    assert [i.name for i in parse_file(page).items][:1] == ["城东污水厂"]
