"""Noise removed before anything reads the text, and reported (text/noise.py, text/document.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.run.task import parse_file
from pipeline.text.noise import lost_digits, noise_in

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("raw", "clean", "kinds"),
    [
        ("區(qū)政府辦", "區政府辦", {"pinyin"}),
        ("已完成,,按计划推进", "已完成,按计划推进", {"doubled_punct"}),
        ("截至6月底&nbsp;已完成、br />下一步", "截至6月底 已完成、下一步", {"html"}),
        ("A<br/>B&amp;C", "AB&C", {"html"}),
        ("已完成6项", "已完成6项", set()),
        ("3 < 5", "3 < 5", set()),
    ],
)
def test_noise_in(raw: str, clean: str, kinds: set[str]) -> None:
    assert noise_in(raw) == (clean, frozenset(kinds))


def test_lost_digits() -> None:
    assert lost_digits("?022年1?月") == 2
    assert lost_digits("是否完成?") == 0


def test_a_news_item_of_one_paragraph_given_twice_is_read_once() -> None:
    parsed = parse_file(FIXTURES / "narrative-unmarked-total-reported.txt")
    assert parsed.bulletin.narrative.count("一年来") == 1
    assert {f.check: f.line for f in parsed.findings}["text_repeated"] == 2


def test_two_short_lines_alike_are_not_a_double_copy(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("东江县民生实事已完成8项。\n东江县民生实事已完成8项。\n", encoding="utf-8")
    assert "text_repeated" not in {f.check for f in parse_file(page).findings}


def test_fixture_a_scraped_copy_is_read_once_and_its_noise_reported() -> None:
    parsed = parse_file(FIXTURES / "html-residue-repeated.txt")
    assert [i.name for i in parsed.items] == ["5G基站建设", "2024年老旧小区改造"]
    assert parsed.items[1].progress == "已开工改造21个小区"
    assert "br />" not in parsed.bulletin.narrative and "&nbsp;" not in parsed.bulletin.narrative
    checks = {f.check: f for f in parsed.findings}
    assert checks["text_repeated"].line == 10
    assert checks["noise_removed"].message.startswith("HTML removed from 3")
    assert checks["digits_lost"].message.startswith("1 digit(s)")


def test_a_stray_comma_beside_another_mark_is_doubled_punctuation() -> None:
    from pipeline.text.noise import noise_in

    cleaned, kinds = noise_in("截至10月初,,已完成10个路段绿化,、35处涝点整治,、8个口袋公园等,。")
    assert cleaned == "截至10月初,已完成10个路段绿化、35处涝点整治、8个口袋公园等。"
    assert kinds == {"doubled_punct"}
    assert noise_in("金额1,091,546.80元,共3项。") == ("金额1,091,546.80元,共3项。", frozenset())
