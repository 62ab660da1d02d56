"""Header cells -> column roles (REAL_WORLD.md §2), in both scripts and letter-spaced."""

from __future__ import annotations

import pytest

from pipeline.tables.header import header_role, map_header
from pipeline.text.script import to_traditional

HEADERS = [
    # id
    ("序号", "id"), ("序 号", "id"), ("序號", "id"),
    # group
    ("大类", "group"), ("类别", "group"), ("工程名称", "group"), ("工作重点", "group"),
    ("县区", "group"), ("地区", "group"),
    # item
    ("事项名称", "item"), ("项目名称", "item"), ("项 目 内 容", "item"), ("实事内容", "item"),
    ("实事项目名称", "item"), ("主要任务", "item"), ("工作任务", "item"), ("主要工作任务", "item"),
    ("内容与要求", "item"), ("考核指标", "item"), ("项目\n名称", "item"),
    # target
    ("任务目标", "target"), ("目标任务", "target"), ("年度目标任务", "target"),
    ("全年目标任务", "target"), ("工作目标", "target"), ("内容和目标", "target"),
    ("一季度目标", "target"), ("8月份目标", "target"), ("8月计划进度", "target"),
    ("工作进度安排", "target"),
    # progress as text
    ("进展情况", "progress"), ("当前进度", "progress"), ("落实情况", "progress"),
    ("落实进展情况", "progress"), ("实际进度情况", "progress"), ("目前实施情况", "progress"),
    ("推进情况", "progress"), ("1-8月实际完成情况", "progress"), ("1-10月推进情况", "progress"),
    ("最新进展", "progress"), ("进展情况、存在问题及下一步打算", "progress"),
    ("至8月10日进展", "progress"),
    # progress as a number, and rates
    ("已完成数", "quantity"), ("累计完成", "quantity"),
    ("完成进度", "rate"), ("占比", "rate"), ("完成率", "rate"), ("任务完成率", "rate"),
    ("完成比例(%)", "rate"), ("完成比例（%）", "rate"), ("完成目标(%)", "rate"),
    ("占全年计划", "rate"), ("累计进度", "rate"),
    # status
    ("完成情况", "status"), ("目标完成情况", "status"), ("完成成效", "status"),
    ("是否达序", "status_yes_on_track"), ("进度是否滞后", "status_yes_behind"),
    # responsible units and people
    ("责任单位", "units"), ("牵头单位", "units"), ("牵头责任单位", "units"),
    ("市级牵头责任单位", "units"), ("承办单位", "units"), ("主办", "units"), ("协办", "units"),
    ("配合单位", "units"), ("相关单位", "units"), ("牵头部门", "units"),
    ("责任领导", "people"), ("分管领导", "people"), ("责任人", "people"),
    # others
    ("备  注", "remark"), ("说明", "remark"),
    ("单位", "measure_unit"),  # a bare 单位 is the unit of measure
    ("", None),
    # a reporting period before the label, a note in brackets after it
    ("上半年落实情况", "progress"), ("第二季度完成情况", "status"), ("1-6月推进情况", "progress"),
    ("截至6月底进展", "progress"), ("责任单位 (加黑为牵头单位)", "units"),
    # read by the head word: the noun that names the column comes last
    ("具体工作任务和要求", "item"), ("重点任务", "item"), ("预期目标", "target"),
    ("攻坚目标任务", "target"), ("任务目标完成情况", "progress"), ("在建形象进度", "progress"),
    ("配合部门", "units"), ("业主单位", "units"), ("分管 市领导", "people"),
    ("协管责任人", "people"), ("督办意见", "remark"), ("下一步计划", "remark"),
    # not headers: unknown words, headings, sentences
    ("責(zé)任單位", "units"), ("目標(biāo)任務(wù)", "target"),
    ("进展比例", "rate"), ("完成工作进度(%)", "rate"), ("折子号", "remark"),
    ("完成时限", "remark"), ("开工时间", "remark"), ("总投资(万元)", "remark"),
    ("完成投资(万元)", "quantity"), ("占年任务之比", "rate"), ("前期手续", None), ("一、工作推进情况", None),
    ("各项工作推进情况", "progress"), ("全市各项工作均已按计划推进，完成情况良好", None),
]  # fmt: skip


@pytest.mark.parametrize(("label", "role"), HEADERS, ids=[h[0] or "empty" for h in HEADERS])
def test_header_role(label: str, role: str | None) -> None:
    assert header_role(label) == role


@pytest.mark.parametrize(
    ("label", "role"), [h for h in HEADERS if h[0]], ids=[h[0] for h in HEADERS if h[0]]
)
def test_header_role_traditional(label: str, role: str | None) -> None:
    assert header_role(to_traditional(label)) == role


def test_progress_table_needs_item_and_progress() -> None:
    header = map_header(["序號", "事項名稱", "任務目標", "進展情況", "責任單位", "完成情況"])
    assert header.roles == ("id", "item", "target", "progress", "units", "status")
    assert header.is_progress_table
    assert header.unmapped == ()


def test_task_allocation_table_is_not_a_progress_table() -> None:
    header = map_header(["序号", "事项名称", "任务目标", "责任单位", "完成时限"])
    assert not header.is_progress_table
    assert header.roles[4] == "remark"  # a deadline column is kept, it says nothing of progress


def test_target_becomes_item_when_no_item_column() -> None:
    """In tables of 政府工作报告 tasks, 目标任务 is the task itself."""
    header = map_header(["序号", "目标任务", "推进情况", "牵头单位"])
    assert header.roles == ("id", "item", "progress", "units")


@pytest.mark.parametrize(
    ("label", "role"),
    [
        # the header words of field pages that were not read
        ("项目分类", "group"),
        ("項目分類", "group"),
        ("年內計劃投資(萬元)", "remark"),
        ("年內已累計投入資金(萬元)", "quantity"),
        ("起止 年限", "remark"),
        ("实际已完成工作量", "progress"),
        ("预计至12月31日完成工作量", "remark"),
        ("1-9月份工作取得成效", "progress"),
        ("监督科室 监督电话", "remark"),
        ("区民生实事项目数量", "remark"),
        ("年初预 算安排数", "remark"),
        ("资金 拨付数", "remark"),
        ("资金拨 付比例", "rate"),
    ],
)
def test_header_words_of_the_field_pages(label: str, role: str) -> None:
    assert header_role(label) == role


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("1-本月累计完成投资(亿元)", "quantity"),
        ("占年计划的%", "rate"),
        ("完成年度计划%", "rate"),
        ("与序时进度比较%", "remark"),
    ],
)
def test_header_words_of_a_summary_by_sector(label: str, role: str) -> None:
    assert header_role(label) == role


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("省份", "group"),
        ("新开工小区数(个)", "quantity"),
        ("完工项目个数", "quantity"),
        ("新开工项目数", "quantity"),
        ("开工任务数", None),  # a target, not what was done
        ("百日会战完成投资(亿元)", "quantity"),  # a campaign's name before 完成投资
        ("年度计划完成投资(万元)", None),  # planned, not done
        ("计划年内完成投资", None),
        ("应完成投资", None),
        ("力争完成投资", None),
    ],
)
def test_header_words_of_per_region_tables(label: str, role: str | None) -> None:
    assert header_role(label) == role
