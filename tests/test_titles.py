"""The bulletin's title below a page's chrome, or in its metadata box, and prose that makes a
bulletin without one (shapes of real pages, own content)."""

from __future__ import annotations

from pathlib import Path

from pipeline.narrative.read import reports_progress
from pipeline.narrative.title import find_title, is_nav_bar
from pipeline.run.task import parse_file


def test_a_navigation_bar_is_chrome_not_a_title() -> None:
    assert is_nav_bar("直通东江|本省|时评|大学城|娱乐|体育|国内|国际|专题")
    assert is_nav_bar("民生 國內 國際 社會 財經 教育 科技 娛樂")
    assert not is_nav_bar("2024年 第一季度 民生实事 进展情况")
    lines = [
        "直通东江|本省|时评|大学城|娱乐|体育|国内|国际|专题",
        "您所在的位置:东江网 > 本省频道 > 民生 > 正文",
        "30项全面完成!东江县通报为民办实事项目情况",
        "近日,县政府督查室通报了2024年为民办实事项目完成情况。",
    ]
    assert find_title(lines, None) == "30项全面完成!东江县通报为民办实事项目情况"


def test_chrome_lines_of_every_kind_above_the_title() -> None:
    lines = [
        "东江体育",
        "图片",
        "您现在的位置:首页 >> 综合要闻 >> 正文",
        "loading...",
        "县人大常委会专题视察2023年民生实事项目建设情况",
    ]
    assert find_title(lines, None) == "县人大常委会专题视察2023年民生实事项目建设情况"
    # more short lines than chrome takes are a page's own labels, then a table's header
    lines = ["图片", "?", "主题:", "教育惠民", "实事内容工作任务责任单位进展情况"]
    assert find_title(lines, None) is None


def test_the_title_field_of_a_metadata_box() -> None:
    lines = [
        "名       称: 关于2024年重点工作第一季度完成情况的通报 发布日期: 2024年04月08日",
        "东江县人民政府网",
        "关于2024年重点工作第一季度完成情况的通报",
    ]
    assert find_title(lines, None) == "关于2024年重点工作第一季度完成情况的通报"
    assert find_title(["标     题 7月工作进展情况及8月安排"], None) == "7月工作进展情况及8月安排"
    assert find_title(["专栏名称: 东江发布", "今年以来,各项工作有序推进。"], None) is None


def test_prose_on_a_programmes_progress_is_a_bulletin_without_title_or_date() -> None:
    assert reports_progress(["今年以来,一批市重点民生实事项目落地见效。", "东湖公园改造已完工。"])
    assert not reports_progress(["会议研究了下一步工作。", "东湖公园改造已完工。"])
    assert not reports_progress(["今年以来,一批市重点民生实事项目落地见效。"])
    # the programme named as the field names it: 政府实事工程, 民心工程 …
    texts = ["市人大常委会督查本年度政府实事工程推进", "城区水环境综合整治目前部分项目已完成。"]
    assert reports_progress(texts)
    # but not by words most government news uses (重大项目), goals and all
    assert not reports_progress(["常务会议研究全市重大项目建设。", "确保按时完成各项任务。"])
    # a works named in quotes (“三个全覆盖”工程), in either script
    texts = ["督查组听取我县“三個全覆蓋”工程進展情況匯報。", "鄉村書屋建設任務全部完成。"]
    assert reports_progress(texts)
    assert not reports_progress(["督查组听取我县“三个全覆盖”工作汇报。", "书屋建设任务全部完成。"])


def test_a_date_over_lines_of_its_own_and_a_title_on_last_year(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "去年全县重点项目超额完成投资目标\n2021\n01/29\n07:33\n县融媒体中心\n\n"
        "去年全县12个重点项目完成投资10.5亿元,竣工项目9个。\n",
        encoding="utf-8",
    )
    bulletin = parse_file(page).bulletin
    assert (str(bulletin.issued_on), bulletin.year) == ("2021-01-29", 2020)


def test_a_towns_drive_of_its_projects_is_a_programme_in_a_title() -> None:
    assert find_title(
        ["东江县周家镇项目建设稳步推进", "今年以来,全镇项目建设起步良好。"], None
    ) == ("东江县周家镇项目建设稳步推进")
    # too short to be a headline: a section label
    assert find_title(["项目建设", "今年以来,全镇项目建设起步良好。"], None) is None
