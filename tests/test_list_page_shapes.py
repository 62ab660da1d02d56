"""Item lists in prose as pages cut out of a longer report print them: entries that give a
result with no word of progress, a list whose top the page cut off, entries run together in
one paragraph, a lone record (tests/fixtures/README.md names each fixture's page)."""

from __future__ import annotations

import pytest

from parsers.text_reader import text_to_blocks
from pipeline.narrative.cut_off import uncut
from pipeline.narrative.outline import outline, prose_runs
from pipeline.narrative.packed import packed_cuts
from tests.list_tools import drafts, fixture_items


@pytest.mark.parametrize(
    "text",
    [
        "1.乡村道路建设。建成乡村道路85公里,完成了目标任务。\n"
        "2.城区公交站台改造。改造公交站台46座,完成目标任务的105%。\n"
        "3.荒山造林工程。继续巩固荒山造林成果2.6万亩。",
        "1.乡村道路建设:建成乡村道路85公里,完成了目标任务。\n"
        "2.城区公交站台改造:改造公交站台46座,完成目标任务的105%。\n"
        "3.荒山造林工程:继续巩固荒山造林成果2.6万亩。",
    ],
    ids=["after-a-full-stop", "after-a-colon"],
)
def test_a_name_then_its_result_without_a_word_of_progress(text: str) -> None:
    items = drafts(text)
    assert [(i.seq, i.name) for i in items] == [
        (1, "乡村道路建设"),
        (2, "城区公交站台改造"),
        (3, "荒山造林工程"),
    ]
    assert [i.progress for i in items] == [
        "建成乡村道路85公里,完成了目标任务。",
        "改造公交站台46座,完成目标任务的105%。",
        "继续巩固荒山造林成果2.6万亩。",
    ]
    # 完成目标任务 is no status label: the state is not guessed from the result's verbs
    assert {(i.status, i.status_raw, i.status_source) for i in items} == {
        ("unknown", None, "narrative")
    }


def test_a_name_and_a_colon_then_a_result_without_figures() -> None:
    # the result tells the target met, in words only
    items = drafts(
        "1.社区书屋建设:设备安装全部到位,完成目标任务。\n"
        "2.农村电影放映:每月免费放映公益电影,完成了目标任务。"
    )
    assert [(i.name, i.progress) for i in items] == [
        ("社区书屋建设", "设备安装全部到位,完成目标任务。"),
        ("农村电影放映", "每月免费放映公益电影,完成了目标任务。"),
    ]
    assert {(i.status, i.status_raw, i.status_source) for i in items} == {
        ("unknown", None, "narrative")
    }


@pytest.mark.parametrize(
    "text",
    [
        # measures, and what was done for them: no target met
        "1.加强组织领导。成立工作专班,召开专题会议5次。\n2.强化督查考核。开展专项督查3轮。",
    ],
    ids=["measures"],
)
def test_sentences_that_are_not_a_name_and_its_result(text: str) -> None:
    assert drafts(text) == []


def test_a_task_with_figures_and_how_far_it_was_met() -> None:
    # a first sentence with figures is no name but a task; a result that tells how far it was
    # met makes the entry an item, the task its name
    text = "1.新建托育点12个。建成4个,完成目标任务。\n2.改造供水管网8公里。改造5公里,完成目标任务。"
    assert [(i.name, i.progress) for i in drafts(text)] == [
        ("新建托育点12个", "建成4个,完成目标任务。"),
        ("改造供水管网8公里", "改造5公里,完成目标任务。"),
    ]


def test_a_list_cut_at_its_top() -> None:
    # 4.… first, then group headings (六)…(八) over lists that start again at 1
    items = fixture_items("list-cut-top-results.txt")
    assert [(i.seq, i.group, i.name) for i in items] == [
        (4, None, "推进“社区便民店”建设"),
        (1, "交通设施工程", "乡村道路建设"),
        (2, "交通设施工程", "城区公交站台改造"),
        (3, "交通设施工程", "农村供电改造工程"),
        (1, "生态保护工程", "荒山造林工程"),
        (2, "生态保护工程", "河道保洁治理"),
        (1, "文化体育工程", "社区书屋建设"),
        (2, "文化体育工程", "全民健身设施建设"),
    ]
    # a heading after a list is not its last item's progress, nor is 二、 after the page's last
    assert items[3].progress == "改造(新建)农村供电线路63.5公里,完成目标任务的105%。"
    assert items[-1].progress is not None and items[-1].progress.endswith("预计明年全面完成。")
    assert {i.status for i in items} == {"unknown"}


def test_the_entry_the_page_ends_inside_is_set_aside() -> None:
    text = "一、交通设施工程\n1.乡村道路建设。已完工。\n2.公交站台改造。已完工。\n二、生态保护工程\n1.荒山造林。正在"
    (run,) = prose_runs(list(text_to_blocks(text.split("\n"))))
    _, (first, second) = outline(run, {})
    # the page ends inside 二、 and inside its last entry: both set aside, the others kept
    assert [entry.marker for entry in uncut([first, second])] == ["一、"]
    assert [entry.text.text for entry in uncut(second.children)] == []
    assert uncut(first.children) == first.children
    assert uncut([]) == []


def test_a_lone_entry_numbered_past_one_only_at_the_top_of_a_page() -> None:
    entry = "5.农村电影放映工程。在36个行政村每月免费放映一场公益电影,完成目标任务。\n二、资金到位"
    assert [(i.seq, i.name) for i in drafts(entry)] == [(5, "农村电影放映工程")]
    assert drafts("本季度各项工作有序推进。\n" + entry) == []  # a lone numbered sentence


def test_entries_run_together_in_one_paragraph() -> None:
    # the page lost its line breaks: 如下:一、heading1.name。result。2.name。result…
    items = fixture_items("list-packed-paragraph-traditional.txt")
    assert [(i.seq, i.group, i.name) for i in items] == [
        (1, "推進養老托育惠民", "社區嵌入式托育點建設"),
        (2, "推進養老托育惠民", "老年助餐服務提升"),
    ]
    assert (
        items[0].progress
        == "8個托育點處于裝修收尾階段。完成年度托育點建設任務的60%,新增托位240個。"
    )
    assert items[1].progress == "新建老年助餐點15個,服務老人1260..."  # cut off


@pytest.mark.parametrize(
    ("key", "pieces"),
    [
        (
            "情况如下:一、推进教育惠民1.校园扩容行动。3所学校已竣工。2.家庭教育进万家。开展活动20场。"
            "二、推进健康惠民1.社区医院建设。完成年度任务的50%。",
            [
                "情况如下:",
                "一、推进教育惠民",
                "1.校园扩容行动。3所学校已竣工。",
                "2.家庭教育进万家。开展活动20场。",
                "二、推进健康惠民",
                "1.社区医院建设。完成年度任务的50%。",
            ],
        ),
        # points of a field, each a statement with figures: one paragraph
        ("完成情况:1.东桥等2个改造项目已完工。2.西桥项目已完成设计批复,12月开工。", None),
        # figures by kind of project
        (
            "分项目执行情况如下。1、基础设施类项目22个,已启动22个。2、产业类项目17个,已启动15个。",
            None,
        ),
        # a lone number, and numbers out of sequence
        ("全年完成1.道路改造。新建2公里。", None),
        ("分为两步:2.道路改造。新建2公里。3.供水改造。完成任务。", None),
    ],
    ids=["sections-and-lists", "field-points", "figures-by-kind", "lone", "out-of-sequence"],
)
def test_where_a_paragraph_runs_entries_together(key: str, pieces: list[str] | None) -> None:
    cuts = packed_cuts(key)
    found = [key[a:b] for a, b in zip([0, *cuts], [*cuts, len(key)], strict=True)]
    assert found == (pieces or [key])


def test_a_lone_record_with_its_target_and_its_progress() -> None:
    items = fixture_items("kv-lone-record.txt")
    assert [(i.seq, i.name[:17]) for i in items] == [(None, '启动实施"清洁乡村,美丽家园"行动')]
    assert items[0].target is not None and items[0].target.startswith('启动实施"清洁乡村')
    assert items[0].progress is not None
    assert items[0].progress.startswith("1-9月份全县共投入整治资金1.6亿元")
    assert items[0].progress.endswith("(图为东城污水处理二期工程施工现场)")


@pytest.mark.parametrize(
    "text",
    [
        "年度目标任务:新建城市书房8个。\n全年工作有序推进,群众满意度不断提升。",  # no progress
        "实际进展情况:新建城市书房5个。",  # a progress alone
        "工作目标:新建城市书房8个。\n工作要求:各单位加强协调。",
    ],
    ids=["target-then-prose", "progress-alone", "target-then-other-field"],
)
def test_a_lone_label_is_no_record(text: str) -> None:
    assert drafts(text) == []


def test_paragraphs_of_results_with_no_name() -> None:
    # under a title that announces items (…实事项目完成情况), 一、… paragraphs bundling results
    items = fixture_items("list-result-paragraphs.txt")
    assert [(i.seq, i.name) for i in items] == [
        (1, "截至2019年12月底,全区新增就业岗位8650个,超过指标数150个,完成全年目标的101.8%"),
        (2, "新设立东湖、西岭社区老年人助餐点"),
        (3, "城东小学、北苑中学校舍加固工程主体完工,南湖小学因设计方案调整,预计2020年5月主体完工"),
        (4, "建成区妇幼保健院新门诊楼并投入使用"),
        (5, "完成了12.6万平方米的老旧住房修缮工程,完成全年目标的126%"),
    ]
    assert items[3].progress == (
        "建成区妇幼保健院新门诊楼并投入使用;为全区460户困难残疾人家庭提供了居家康复服务;"
        "为1500名65岁以上老年人提供了免费健康体检。"
    )
    assert {i.status for i in items} == {"unknown"}


RESULTS = (
    "一、截至12月底,全区新增就业岗位8650个,超过指标数150个,完成全年目标的101.8%;帮扶326名就业困难人员实现就业。\n"
    "二、为全区1200名独居老人安装紧急呼叫设备,完成全年目标的100%;完成东湖街道综合为老服务中心建设。\n"
    "三、建成区妇幼保健院新门诊楼并投入使用;为全区460户困难残疾人家庭提供了居家康复服务。"
)


@pytest.mark.parametrize(
    "text",
    [
        RESULTS,  # no title that announces items
        "2019年区政府工作总结\n" + RESULTS,
        # statistics under a title that announces items: figures, no target met
        "前三季度主要指标完成情况\n一、全市实现地区生产总值2915.39亿元,同比增长13.3%,增幅高于年度目标0.3个百分点。\n"
        "二、全市公共财政预算收入完成255.74亿元,增长18.6%,增幅高于年度目标0.6个百分点。\n"
        "三、全市固定资产投资完成1655.30亿元,增长21.9%,增幅低于年度目标0.1个百分点。",
    ],
    ids=["untitled", "title-names-no-items", "statistics"],
)
def test_paragraphs_that_are_not_results_of_items(text: str) -> None:
    assert drafts(text) == []


def test_paragraphs_of_results_under_a_title_that_announces_items() -> None:
    items = drafts("2019年区政府实事项目完成情况\n" + RESULTS)
    assert [i.name for i in items] == [
        "截至12月底,全区新增就业岗位8650个,超过指标数150个,完成全年目标的101.8%",
        "为全区1200名独居老人安装紧急呼叫设备,完成全年目标的100%",
        "建成区妇幼保健院新门诊楼并投入使用",
    ]


def test_unnumbered_names_each_before_a_colon_and_a_state_reached() -> None:
    # a news report's list with no markers: 这十件实事的进展分别如下:, then name:progress
    text = (
        "2018年某市十件实事进展情况\n这十件实事的进展分别如下:\n"
        "农业保险覆盖工程:全市完成水稻种植投保工作,投保率100%。该项工作已全部完成。\n"
        "学校“明厨亮灶”工程:全市计划实施学校食堂227所,已全部完成。\n"
        "城乡电网改造工程:计划改造88个村电网,已完成60个,在建28个。"
    )
    assert [i.name for i in drafts(text)] == [
        "农业保险覆盖工程",
        "学校“明厨亮灶”工程",
        "城乡电网改造工程",
    ]


def test_lines_of_page_data_before_a_colon_are_no_list() -> None:
    text = "发布时间:2018-12-22\n来源:市政府办公室\n浏览次数:120\n全市十件实事进展顺利。"
    assert drafts(text) == []


def test_headings_of_a_summary_before_a_colon_are_no_list() -> None:
    text = (
        "今年以来,我区15项民生实事有序推进。\n总的来看:各项工作进展顺利。\n"
        "从进度上看:大部分项目已完成。\n从问题上看:个别项目进度滞后。"
    )
    assert drafts(text) == []


def test_a_tag_line_a_report_s_sections_and_a_project_heading_like_the_first_line() -> None:
    # a news tag line (关键词:…) once: the records start with the label most of them start with
    tagged = (
        "东江市2024年十件民生实事进展情况\n关键词:民生实事\n"
        "今年以来,我市10件民生实事稳步推进,截至6月底,已完成3件,7件正在推进。具体情况如下:\n"
        "项目名称:城区道路改造\n完成情况:已完成8条,2条正在施工。\n"
        "项目名称:农村饮水安全\n完成情况:新建改建供水管网160公里,已全部完成。"
    )
    assert [d.name for d in drafts(tagged)] == ["城区道路改造", "农村饮水安全"]
    # labels alone on their lines once each are a report's sections, no record
    sections = (
        "东江市2024年民生实事推进情况\n工作目标\n全年实施民生实事10件,年底前全部完成。\n"
        "完成情况\n截至6月底,已完成3件,7件正在推进。\n"
        "1.城区道路改造。已完成8条,2条正在施工。\n"
        "2.农村饮水安全。新建改建供水管网160公里,已全部完成。"
    )
    assert [d.name for d in drafts(sections)] == ["城区道路改造", "农村饮水安全"]
    # a project's heading that shares its words with the first line, not right under it
    headings = (
        "东江大道快速化改造一期工程\n一期工程全长5.2公里,已完成投资3.5亿元,主线高架已全部完工。\n"
        "东江大道快速化改造二期工程\n二期工程全长4.8公里,已完成投资1.2亿元,正在进行桩基施工。\n"
        "城东污水处理厂扩建工程\n已完成土建工程,正在进行设备安装。"
    )
    assert [d.name for d in drafts(headings)] == [
        "东江大道快速化改造一期工程",
        "东江大道快速化改造二期工程",
        "城东污水处理厂扩建工程",
    ]
