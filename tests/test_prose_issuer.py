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
        "据省发改委的报告显示,今年有11个项目列入计划。",  # a source of figures, not the issuer
        "这个办公室对面是公园。",  # 对面: no 对 of what was inspected
        "全市民生实事办公室对接各部门。",
        "国家发展改革委通报了全国情况。",  # above the local government
        "按照市政府办公室通报要求,各单位抓好落实。",  # 通报要求: no report
    ],
)
def test_prose_that_names_no_issuer(text: str) -> None:
    assert prose_issuer([text]) is None


def test_only_the_opening_paragraphs() -> None:
    paragraphs = [
        "2024年民生实事进展情况通报",
        "今年以来,全区上下扎实推进民生实事。",
        "各责任单位细化措施,压实责任。",
        "从总体情况看,各项实事进展顺利。",
        "日前,区政府督查室对实事进行了督查。",
    ]
    assert prose_issuer(paragraphs) is None


def test_a_news_byline_is_no_part_of_the_office() -> None:
    text = "某某新闻网讯(记者张华)市政府督查室日前对十件民生实事进行了督查。"
    assert prose_issuer([text]) == "市政府督查室"


@pytest.mark.parametrize(
    ("text", "office"),
    [
        # a clause's opening word, or a run-on clause before the name, is no part of it
        ("按照省政府办公厅通报要求,市政府督查室对重点工作进行了督查。", "市政府督查室"),
        ("一是县督查办对全县项目进行督查。", "县督查办"),
        ("根据县委县政府安排部署县督查室对全县实事进行了督查。", "县督查室"),
        ("现将区督查室对全区实事督查情况通报如下。", "区督查室"),
    ],
)
def test_the_name_starts_where_the_office_does(text: str, office: str) -> None:
    assert prose_issuer([text]) == office


def test_the_opening_paragraphs_are_counted_after_the_publication_data() -> None:
    paragraphs = [
        "当前位置: 首页 > 政务公开 > 督查通报",
        "索引号: 001/2024-1 主题分类: 政务督查",
        "发布机构: 无 发布日期: 2024-07-01",
        "公开方式: 主动公开",
        "2024年上半年民生实事进展情况",
        "日前,区政府督查室对全区民生实事进行了督查。",
    ]
    assert prose_issuer(paragraphs) == "区政府督查室"


def test_the_page_s_chrome_is_not_counted_and_news_words() -> None:
    paragraphs = [
        "某某区半年完成超八成年度任务",
        "关注新华网",
        "微博",
        "评论",
        "图集",
        "新华网7月16日电 记者16日从某某区发展改革委获悉,全区年度任务完成八成。",
    ]
    assert prose_issuer(paragraphs) == "某某区发展改革委"
    assert prose_issuer(["8月12日,某某市发改委发布消息称,今年前7个月全市项目进展顺利。"]) == (
        "某某市发改委"
    )
    assert prose_issuer(["(记者张华)据某某省发展和改革委员会消息,今年1-5月,全省…"]) == (
        "某某省发展和改革委员会"
    )
