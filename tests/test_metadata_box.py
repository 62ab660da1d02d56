"""The publication data of a government page (metadata box, stamp line): its issuer and date
of issue, in the layouts field pages print them (own content)."""

from __future__ import annotations

from datetime import date

from pipeline.narrative.metadata import find_issue_date, find_issuer
from pipeline.narrative.metadata_box import Box, read_box


def test_a_box_in_pipe_cells() -> None:
    box = read_box(
        [
            "索引号 | MB1670946/2024-00266 | 生成日期 | 2024-05-31 | 公开日期 | 2024-06-01 |",
            "文件编号 | 发布机构 | 经济发展局 | 效力状况 | 有效 | |",
            "2024年1-4月为民办实事项目进展情况通报",
        ]
    )
    # an empty field (文件编号) is no value; the page's date before the CMS's
    assert box == Box(publisher="经济发展局", issued_on=date(2024, 6, 1))


def test_label_value_runs_on_one_line_with_spaced_labels() -> None:
    box = read_box(
        [
            "索引号 : 764137824/2024-18688 文       号 : 无",
            "主题分类: 政务督查 发文单位: 某某市人民政府政务督查室",
            "名       称: 关于2024年重点工作第一季度完成情况的通报 发布日期: 2024年06月04日",
            "有效性: 有效 发文日期:",
        ]
    )
    assert box == Box(publisher="某某市人民政府政务督查室", issued_on=date(2024, 6, 4))


def test_the_document_s_date_before_the_page_s() -> None:
    box = read_box(
        ["文号 | 督察通报第十七期 | 成文日期: | 2024年09月14日 |", "公开日期: 2024-09-15"]
    )
    assert box.issued_on == date(2024, 9, 14)


def test_a_stamp_line_s_source_is_an_office_not_a_medium() -> None:
    box = read_box(["时间: 2024-09-02 11:32 来源: 某某市人民政府 访问量:"])
    assert box == Box(source="某某市人民政府", issued_on=date(2024, 9, 2))
    assert read_box(["发布时间:2024-10-28 来源:某某日报"]).source is None
    assert read_box(["来源:腾讯网  时间:2024-03-01"]).source is None


def test_placeholders_and_spam_in_the_field_are_no_office() -> None:
    assert read_box(["信息来源: 无 发布时间: 2024-06-25"]).source is None
    assert read_box(["发布机构: 某某县管理员 发布时间: 2024-12-26"]).publisher is None
    assert read_box(["发布机构: | 365彩票数 |"]).publisher is None


def test_the_values_keep_the_page_s_script() -> None:
    box = read_box(["發布時間:2024-06-12 來源:縣政府督查室"])
    assert box == Box(source="縣政府督查室", issued_on=date(2024, 6, 12))


def test_a_line_that_does_not_open_with_a_label_is_text() -> None:
    box = read_box(["近日,区政府办对全区实事进行了督查,发布机构: 区府办 之外的单位也参加。"])
    assert box == Box()


def test_the_issuer_the_signature_then_the_publisher_then_an_office_line_then_the_source() -> None:
    lines = ["2024年实事进展情况通报", "正文……", "区督查考核办公室", "2024年7月20日"]
    box = (read_box(["发布机构: 区人民政府 来源: 区府办"]).publisher, "区府办")
    assert find_issuer(lines, 3, box) == "区督查考核办公室"
    assert find_issuer(lines[:3], None, box) == "区人民政府"
    assert find_issuer(lines[:3], None, (None, "区府办")) == "区督查考核办公室"
    assert find_issuer(lines[:2], None, (None, "区府办")) == "区府办"


def test_a_time_stamp_with_full_width_colons() -> None:
    # a page's time stamp, its time of day written with full-width colons
    issued, _ = find_issue_date(["某某县民生实事进展情况", "2024-08-08 09：30：12 | 某某日报"])
    assert issued == date(2024, 8, 8)


def test_a_label_with_a_note_in_brackets() -> None:
    box = read_box(["填报单位(盖章):区住建局 时间:2024年6月18日"])
    assert box == Box(publisher="区住建局", issued_on=date(2024, 6, 18))


def test_a_date_s_value_is_a_whole_date() -> None:
    # a period after 日期 or 时间, or text opening with the label, is no date of issue
    assert read_box(["日期：2024年1-6月"]).issued_on is None
    assert read_box(["时间：截至2024年6月30日"]).issued_on is None
    assert read_box(["时间 2024年7月1日项目进展顺利。"]).issued_on is None
    # its marks spaced apart, it still is one
    box = read_box(["发布日期: 2025- 05- 20 15: 29 浏览次数: 字体:[ ] 信息来源: 市政府办公室"])
    assert box == Box(source="市政府办公室", issued_on=date(2025, 5, 20))


def test_a_medium_s_office_is_no_source_of_the_issuer() -> None:
    assert read_box(["来源: 本网编辑部"]).source is None
    assert read_box(["来源: 某某日报社总编室"]).source is None
    assert read_box(["信息来源: 区融媒体中心新闻部"]).source is None


def test_two_offices_in_one_field() -> None:
    box = read_box(["发布机构: 区人民政府办公室 区外事办 发布时间: 2024-03-01"])
    assert box.publisher == "区人民政府办公室 区外事办"


def test_an_office_over_the_date_line_is_the_signature() -> None:
    # an office's name that is none of the issuer suffixes (…发展和改革局), right over its date
    lines = [
        "2024年重点项目进展情况",
        "全市重点项目进展顺利。",
        "某某市发展和改革局",
        "2024年9月9日",
    ]
    assert find_issuer(lines, 3) == "某某市发展和改革局"
    # a sentence over the date is no signature
    assert find_issuer(["全市重点项目进展顺利,成效明显。", "2024年9月9日"], 1) is None


def test_a_time_stamp_before_the_office_is_no_part_of_it() -> None:
    assert find_issuer(["2016-09-19 10:33:19 某某县人民政府", "正文……"], None) == "某某县人民政府"
