"""The issuing office as the opening prose of field pages names it (own content)."""

from __future__ import annotations

import pytest

from pipeline.narrative.prose_issuer import prose_issuer


@pytest.mark.parametrize(
    ("text", "office"),
    [
        ("日前,区政府督查室对2024年为民办实事项目1-8月份进展情况进行了督查。", "区政府督查室"),
        (
            "按照文件要求,市政府政务督查室近期对重点工作上半年完成情况进行了督办。",
            "市政府政务督查室",
        ),
        ("近期县督查办会同县双创办,对全县挂钩重点工程项目进行了督查。", "县督查办"),
        ("本网讯 近日,记者从区发改委获悉,今年上半年我区共实施30件民生实事。", "区发改委"),
        ("某某市項目辦通報,今年1-6月全市開工重點項目213個。", "某某市項目辦"),
    ],
)
def test_the_office_that_inspected_and_reports(text: str, office: str) -> None:
    assert prose_issuer(["2024年民生实事进展情况", text]) == office


@pytest.mark.parametrize(
    "text",
    [
        "我区对各办公室对口单位进行了检查。",  # no office's name: 对 joins the sentence
        "全区10件民生实事进展顺利,其中8件已完成。",
        "据省水利厅官网显示,今年有11个项目列入计划。",  # a source of figures, not the issuer
    ],
)
def test_prose_that_names_no_issuer(text: str) -> None:
    assert prose_issuer([text]) is None


def test_only_the_opening_paragraphs() -> None:
    paragraphs = ["标题", "第一段。", "第二段。", "第三段。", "日前,区政府督查室对实事进行了督查。"]
    assert prose_issuer(paragraphs) is None


def test_a_news_byline_is_no_part_of_the_office() -> None:
    text = "某某新闻网讯(记者张华)市政府督查室日前对十件民生实事进行了督查。"
    assert prose_issuer([text]) == "市政府督查室"
