"""Item lists numbered by the word for what is counted: 实事1: 实事二: (a heading over its
progress paragraph, or a task with its unit in brackets over a 完成情况: record), as pages of a
programme's 民生实事 print them (tests/fixtures/README.md names each fixture's page)."""

from __future__ import annotations

import pytest

from pipeline.run.task import parse_file
from tests.conftest import FIXTURES
from tests.list_tools import drafts, fixture_items


def test_counted_headings_over_their_progress_paragraphs() -> None:
    items = fixture_items("list-counted-headings.txt")
    assert [(i.seq, i.seq_raw, i.group, i.name) for i in items] == [
        (1, "实事1:", None, "新建城区公共停车场5处"),
        (2, "实事2:", None, "改造提升农村供水管网120公里"),
        (3, "实事3:", None, "实施城区背街小巷路灯安装工程"),
    ]
    assert items[0].progress is not None
    assert items[0].progress.startswith("年初以来,县住建局会同各镇街梳理城区停车需求")
    assert items[0].progress.endswith("计划8月底前全部完工并投入使用。")
    # the page is cut inside the third entry: what is printed of it is its progress
    assert items[2].progress is not None
    assert items[2].progress.endswith("2023年底前完成")
    assert {(i.status, i.status_source) for i in items} == {("unknown", "narrative")}


def test_counted_tasks_with_their_units_over_a_progress_record() -> None:
    parsed = parse_file(FIXTURES / "kv-counted-task-records.txt")
    items = fixture_items("kv-counted-task-records.txt")
    assert [(i.seq, i.group, i.name, i.units_raw) for i in items] == [
        (1, "任务推进情况", "新建城区公共停车场5处,新增停车泊位600个以上", "县住建局"),
        (2, "任务推进情况", "改造提升农村供水管网120公里,惠及群众1.5万户", "县水利局"),
        (
            3,
            "任务推进情况",
            "新建改扩建幼儿园4所,增加学位960个。实施城区幼儿园扩建、乡镇中心幼儿园改造各2所,新增学位",
            None,
        ),
    ]
    assert items[0].progress is not None
    assert items[0].progress.startswith("5处停车场已全部建成并投入使用")
    assert items[1].progress == (
        "已完成管网改造120公里,惠及群众1.53万户,完成年度目标任务。目前该实事已投入资金1.12亿元。"
    )
    assert [(i.status, i.status_raw) for i in items] == [
        ("unknown", None),
        ("done", "完成年度目标任务"),
        ("unknown", None),  # cut by the page's end: no progress printed
    ]
    assert items[2].progress is None
    # the narrative's counts are read as before, the numbered part headings are no items
    assert parsed.bulletin.declared_total == 24
    assert dict(parsed.bulletin.declared_counts) == {"done": 15}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("实事一:", "实事二:"),
        ("民生实事1、", "民生实事2、"),
        ("任务1:", "任务2:"),
        ("事项一:", "事项二:"),
    ],
)
def test_the_counted_word_and_number_as_the_marker(first: str, second: str) -> None:
    items = drafts(
        f"{first}新建城区公共停车场5处\n"
        "截至6月底,已建成停车场3处,新增停车泊位420个。\n"
        f"{second}改造提升农村供水管网120公里\n"
        "截至6月底,已完成管网改造86公里,完成率约71.7%。"
    )
    assert [(i.seq, i.seq_raw, i.name) for i in items] == [
        (1, first, "新建城区公共停车场5处"),
        (2, second, "改造提升农村供水管网120公里"),
    ]
    assert [i.progress for i in items] == [
        "截至6月底,已建成停车场3处,新增停车泊位420个。",
        "截至6月底,已完成管网改造86公里,完成率约71.7%。",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a lone counted entry is no list
        "实事一:新建城区公共停车场5处\n截至6月底,已建成停车场3处。",
        # the word without a number is a label or a sentence, not a marker
        "实事项目:新建城区公共停车场5处\n任务目标:新增停车泊位600个。",
        "实事办理情况良好,群众满意度较高。\n任务完成后将组织验收。",
    ],
)
def test_no_list_without_counted_numbers(text: str) -> None:
    assert [i.seq for i in drafts(text)] == []
