"""Roles of the figures in target and progress cells (`measures.role`).

One row per phrasing, taken from the sample bulletin (corpus/) and the fixtures: (cell, field,
[(figure as written, role), ...]) for the figures checked, in the order they appear.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.run.ingest import parse_file
from pipeline.values.quantities import find_quantities
from pipeline.values.roles import ROLES, compile_roles, roles_of
from pipeline.vocab import VocabularyError, table

ROOT = Path(__file__).resolve().parents[1]

Case = tuple[str, str, str, list[tuple[str, str]]]

CASES: list[Case] = [
    # the sample bulletin (corpus/qixia-2024-q2-simplified.txt), targets
    (
        "total and annual plan in one cell",
        "target",
        "项目位于松山街道,总投资1.2亿元,年内计划投资1500万元,新建110千伏变电站1座,铺设线路23.58公里",
        [
            ("1.2亿元", "total_investment"),
            ("1500万元", "annual_plan"),
            ("110千伏", "target_quantity"),
            ("1座", "target_quantity"),
            ("23.58公里", "target_quantity"),
        ],
    ),
    (
        "traditional",
        "target",
        "項目位于松山街道,總投資1.2億元,年內計劃投資1500萬元,新建110千伏變電站1座",
        [("1.2億元", "total_investment"), ("1500萬元", "annual_plan"), ("1座", "target_quantity")],
    ),
    (
        "plan then a count in the same clause",
        "target",
        "计划投资1200万元,对地处村庄上游、库容较大的20座塘坝进行维修加固,预计年内完工。",
        [("1200万元", "annual_plan"), ("20座", "target_quantity")],
    ),
    (
        "estimated investment",
        "target",
        "预计投资1.8亿元,改造农村公路180公里,2024年3月开始施工,2024年12月前完工。",
        [("预计投资1.8亿元", "total_investment"), ("180公里", "target_quantity")],
    ),
    (
        "bare investment",
        "target",
        "投资337万元改造松山中学塑胶操场、硅PU篮球场,预计2024年8月完工并交付使用。",
        [("337万元", "total_investment")],
    ),
    (
        "total then a capacity",
        "target",
        "总投资8962万元,建设日处理规模5万立方米的尾水处理工程",
        [("8962万元", "total_investment"), ("5万立方米", "target_quantity")],
    ),
    (
        "a count and households",
        "target",
        "年内完成30个小区、5019户老旧小区改造。",
        [("30个", "target_quantity"), ("5019户", "target_quantity")],
    ),
    (
        "per station",
        "target",
        "指导14个镇街全部建立未成年人保护工作站,每个工作站配备1名儿童督导员",
        [("14个", "target_quantity"), ("1名", "standard")],
    ),
    (
        "deductible lowered",
        "target",
        "起付标准由500元、800元、800元分别降低至200元、400元、600元;",
        [("500元", "threshold"), ("800元", "threshold"), ("200元", "threshold")],
    ),
    (
        "payment ratios",
        "target",
        "在职职工的支付比例由75%、65%、55%分别提高至80%、70%、60%",
        [("75%", "standard"), ("80%", "standard"), ("60%", "standard")],
    ),
    (
        "annual cap raised",
        "target",
        "在职职工、退休人员年度最高支付限额由2300元分别提高至5000元、6000元",
        [("2300元", "threshold"), ("5000元", "threshold"), ("6000元", "threshold")],
    ),
    (
        "above a sum, a ratio, a cap",
        "target",
        "政策范围内个人负担费用超过1万元以上的部分,按60%的比例给予救助,年度救助限额3万元",
        [("超过1万元以上", "threshold"), ("60%", "standard"), ("3万元", "threshold")],
    ),
    (
        "at least, a target",
        "target",
        "全年开展各类展览、讲座、培训、文艺演出等群众性文化活动不少于200场次,培训文艺骨干2000人次",
        [("不少于200场次", "target_quantity"), ("2000人次", "target_quantity")],
    ),
    # the sample bulletin, progress
    (
        "relief paid",
        "progress",
        "二季度保障城乡低保对象29764人次,特困供养救助9140人次,累计发放救助资金2954万元",
        [("29764人次", "achieved_quantity"), ("2954万元", "completed")],
    ),
    (
        "relief amount without a cue",
        "progress",
        "截至2024年二季度,共救助90人次,救助金额1091546.8元。",
        [("90人次", "achieved_quantity"), ("1091546.8元", "completed")],
    ),
    (
        "should and did",
        "progress",
        "开展第二轮第二针HPV疫苗接种人数工作,应接种860人,已接种801人。",
        [("860人", "target_quantity"), ("801人", "achieved_quantity")],
    ),
    (
        "the plan restated",
        "progress",
        "原计划采用EPC模式,投资1.8亿元,改造180公里。",
        [("1.8亿元", "total_investment")],
    ),
    (
        "share of the work done",
        "progress",
        "正在进行塑胶面层铺设,累计已完成工程总量的92%。",
        [("92%", "completed")],
    ),
    # the fixtures
    (
        "annual target and spending so far",
        "progress",
        "年度投资目标8600万元,1—6月完成4120万元,完成率47.91%",
        [("8600万元", "annual_plan"), ("4120万元", "completed"), ("47.91%", "achieved_quantity")],
    ),
    (
        "annual plan, invested, share of the plan",
        "progress",
        "2023年全市20件重点民生实事年度计划投资180亿元,1—6月完成投资96.4亿元,为年度计划的53.6%。",
        [("180亿元", "annual_plan"), ("96.4亿元", "completed"), ("53.6%", "completed")],
    ),
    (
        "cumulative investment, share of the annual plan",
        "progress",
        "1-5月份,为民办实事项目共累计完成投资10.2亿元,占年度计划投资的40.5%。",
        [("累计完成投资10.2亿元", "completed"), ("40.5%", "completed")],
    ),
    (
        "plan, then invested so far",
        "progress",
        "今年东江市八件民生实事计划投资3.2亿元。16月,累计投入1.41亿元,完成44.1%",
        [("3.2亿元", "annual_plan"), ("累计投入1.41亿元", "completed")],
    ),
    (
        "allocated funds, traditional",
        "progress",
        "下撥省級資金2.4億元,完成年度計劃的105%。",
        [("2.4億元", "completed"), ("105%", "completed")],
    ),
    (
        "share of the target with pinyin glosses",
        "progress",
        "全省完成婦女兩癌篩查35萬人,完成年度目標(biāo)任務(wù)的110%。",
        [("35萬人", "achieved_quantity"), ("110%", "completed")],
    ),
    (
        "monthly amounts and relief paid",
        "progress",
        "1.居民基礎養老金每月增加50元。2.低保標準調至每人每月850元,全年發放救助資金4100萬元。",
        [("50元", "standard"), ("850元", "standard"), ("4100萬元", "completed")],
    ),
    (
        "revenue against the annual target",
        "progress",
        "上半年税收收入42.6亿元,为年度目标的55.3%。",
        [("42.6亿元", "completed"), ("55.3%", "completed")],
    ),
    (
        "planned in a progress cell",
        "progress",
        "全镇计划改造道路38公里,6月10日完成招标,目前已铺设21公里,计划11月底前完工。",
        [("38公里", "target_quantity"), ("21公里", "achieved_quantity")],
    ),
    (
        "total in a progress cell",
        "progress",
        "总投资150余万元,建成绿道2.6公里",
        [("150余万元", "total_investment"), ("2.6公里", "achieved_quantity")],
    ),
]


def _roles(cell: str, field: str) -> list[tuple[str, str]]:
    quantities = find_quantities(cell)
    roles = roles_of(cell, field, quantities)
    return [(q.raw, role) for q, role in zip(quantities, roles, strict=True)]


@pytest.mark.parametrize(
    ("field", "cell", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_role_of_each_figure(field: str, cell: str, expected: list[tuple[str, str]]) -> None:
    found = _roles(cell, field)
    remaining = iter(found)  # the figures checked, in order, each found once
    for raw, role in expected:
        assert (raw, role) in remaining, f"{raw} -> {role} not in {found}"


def test_money_per_person_is_a_standard() -> None:
    assert _roles("补助标准300元/人", "target") == [("300元/人", "standard")]
    assert _roles("每人每月补助200元/人/月", "progress") == [("200元/人/月", "standard")]


def test_weak_cue_counts_for_money_alone() -> None:
    assert _roles("补助不低于3000元", "target") == [("不低于3000元", "threshold")]
    assert _roles("计划投资不低于1亿元", "target") == [("不低于1亿元", "annual_plan")]
    assert _roles("开展文化活动不低于200场次", "target") == [("不低于200场次", "target_quantity")]


def test_not_cues_are_hidden() -> None:
    # 招投标准备 holds 标准 without meaning a standard
    assert _roles("做好招投标准备工作,完成30个", "progress")[0][1] == "achieved_quantity"
    assert _roles("做好招投标准备,300万元", "target") == [("300万元", "annual_plan")]


def test_vocabulary_loads_with_known_roles() -> None:
    data = table("roles")
    vocab = compile_roles(data)
    assert set(data["roles"]) == set(ROLES)
    assert set(vocab.before.values()) | set(vocab.after.values()) <= set(ROLES)
    assert vocab.before["总投资"] == "total_investment"
    assert vocab.before["年内计划投资"] == "annual_plan"


def test_no_cue_under_two_roles() -> None:
    data = table("roles")
    owners: dict[str, set[str]] = {}
    for role, spec in data["roles"].items():
        for kind in ("before", "after", "weak"):
            for word in spec.get(kind, []):
                owners.setdefault(word, set()).add(role)
    assert {word: roles for word, roles in owners.items() if len(roles) > 1} == {}


def test_a_cue_under_two_roles_is_refused() -> None:
    data = dict(table("roles"))
    data["roles"] = {
        "standard": {"before": ["标准"]},
        "threshold": {"before": ["標準"]},  # the same cue once folded
    }
    with pytest.raises(VocabularyError, match="two roles"):
        compile_roles(data)


def test_every_measure_of_the_sample_has_a_role_but_dates() -> None:
    parsed = parse_file(ROOT / "corpus" / "qixia-2024-q2-simplified.txt")
    measures = parsed.measures
    assert measures
    for measure in measures:
        if measure.dimension == "date":
            assert measure.role is None
        else:
            assert measure.role in ROLES, measure
    money = {(m.seq, m.raw): m.role for m in measures if m.unit == "CNY" and m.field == "target"}
    assert money[(4, "1.2亿元")] == "total_investment"
    assert money[(4, "1500万元")] == "annual_plan"
    assert money[(29, "1200万元")] == "annual_plan"


def test_words_that_hold_a_cue_without_meaning_it() -> None:
    # from the fixtures: a building topped out, a per-capita statistic
    cell = "建成保障性租赁住房50万平方米,已封顶18万平方米"
    assert _roles(cell, "progress")[-1] == ("18万平方米", "achieved_quantity")
    cell = "截止11月份农村居民人均可支配收入增长7.2%"
    assert _roles(cell, "progress")[-1] == ("7.2%", "achieved_quantity")
