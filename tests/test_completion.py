"""Completion ratios, stalled work and sectors on real phrasings from the sample bulletin."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.values.completion import completion_of, stalled_phrase
from pipeline.values.quantities import find_quantities
from pipeline.values.sectors import sector_of

PAIRS = [
    # (target, progress, ratio, target figure, progress figure)
    ("成农村低收入群体危房改造80户。",
     "已完成80户农村低收入群体危房现场复核及房屋修缮加固方案编制,目前已完工27户。",
     "0.3375", "80户", "27户"),  # not the 80 households re-checked
    ("持续推进适龄女孩HPV疫苗接种服务,争取2024年底目标人群覆盖率达到90%。",
     "开展第二轮第二针HPV疫苗接种人数工作,应接种860人,已接种801人。",
     "0.931395", None, "801人"),  # both figures in the progress cell
    ("完成29410名适龄妇女免费两癌筛查服务。", "截至目前,共完成适龄妇女免费两癌筛查人数11553人。",
     "0.392826", "29410名", "11553人"),  # 名 and 人 are both people
    ("年内完成食品安全监督抽检2177批次。食用农产品质量安全定量检测740批次、定性检测10000批次",
     "目前配合省抽和烟台市抽共计582批次,开展专项抽检15批次;第二季度,市农业农村局完成食用农产品质量安全定量抽检82批次;"
     "2024年累计完成食用农产品质量安全定量检测128批次、定性检测9936批次。",
     "0.267340", "2177批次", "共计582批次"),  # 82 and 128 belong to the 740 target
    ("聚焦乡镇驻地,新建5G基站100个以上", "2024年新增5G基站106个,累计建设5G基站839个。",
     "1.06", "100个以上", "106个"),  # 839 in all is not this year's figure
    ("城镇新增就业600人以上", "截至6月份,实现城镇新增就业562人。(预计6月底实现城镇新增就业300人以上)",
     "0.936667", "600人以上", "562人"),  # a forecast is not an achievement
]  # fmt: skip


@pytest.mark.parametrize(
    ("target", "progress", "ratio", "t_raw", "p_raw"), PAIRS, ids=[p[3] or p[4] for p in PAIRS]
)
def test_completion(target: str, progress: str, ratio: str, t_raw: str | None, p_raw: str) -> None:
    found = completion_of(target, progress, find_quantities(target), find_quantities(progress))
    assert found is not None
    assert round(found.ratio, 6) == Decimal(ratio)
    assert (found.target.raw if found.target else None, found.progress.raw) == (t_raw, p_raw)


@pytest.mark.parametrize(
    ("target", "progress"),
    [
        ("投资337万元改造松山中学塑胶操场", "累计已完成工程总量的92%。"),  # money vs percent
        ("新建110千伏变电站1座", "已签订土地出让合同,目前正在开展招标"),  # no figure
        ("完成30个小区改造", "已完成5个小区的入户评估"),  # a preparatory step
        ("培训1500人次", "共培训3000人次"),  # more than twice the target: another measure
    ],
)
def test_no_honest_pair(target: str, progress: str) -> None:
    assert (
        completion_of(target, progress, find_quantities(target), find_quantities(progress)) is None
    )


@pytest.mark.parametrize(
    ("progress", "phrase"),
    [
        ("目前,征迁款未发放,预付款未拨付,项目处于停工状态。", "处于停工状态"),
        ("规模化供水工程因资金问题尚未进展,项目處於停工狀態。", "处于停工状态"),
        ("由于项目没有立项,后边的设计招标等工作都无法推进", "无法推进"),
        ("目前正在稳步推进中。", None),
        ("", None),
    ],
)
def test_stalled(progress: str, phrase: str | None) -> None:
    assert stalled_phrase(progress) == phrase


@pytest.mark.parametrize(
    ("name", "target", "sector"),
    [
        ("地方儲備糧倉庫擴建項目", "可新增1.6萬噸儲備糧", "agriculture"),
        ("鳳翔(城北)110千伏輸變電工程", "新建110千伏變電站1座", "energy"),
        ("松山中学塑胶操场建设项目", "改造松山中学塑胶操场", "education"),
        ("农村低收入群体危房改造", "完成危房改造80户", "housing_urban_renewal"),
        ("推进食品安全监管", "完成食品安全监督抽检2177批次", "food_safety"),
        ("5G基站建设", "新建5G基站100个以上", "digital_government"),
        ("稳就业保就业", "城镇新增就业600人以上", "employment_training"),
        ("实施适老化改造和安心居家项目", "完成适老化改造150户", "social_assistance_elderly_care"),
        ("西城水厂水质提升工程", "完成主体工程", "water"),
        ("“四好农村路”二期续建工程", "改造农村公路180公里", "transport"),
        ("某某事项", "做好相关工作", "other"),
    ],
)
def test_sector(name: str, target: str, sector: str) -> None:
    assert sector_of(name, target) == sector


def test_cached_cell_readings_change_nothing() -> None:
    """What is read from recent cells is kept: a bulletin read with the caches full gives
    what it gives with them empty, and nothing read from a cache was altered."""
    from pathlib import Path

    from pipeline.model.records import to_json_dict
    from pipeline.run.task import parse_file
    from pipeline.text import cache

    sample = Path(__file__).resolve().parents[1] / "corpus" / "qixia-2024-q2.txt"

    def parse() -> list[object]:
        parsed = parse_file(sample)
        return [to_json_dict(r) for r in (*parsed.items, *parsed.measures, *parsed.findings)]

    readers = (
        "pipeline.values.enrich._quantities",
        "pipeline.values.enrich._dates",
        "pipeline.values.sectors.sector_of",
        "pipeline.values.completion._target_figures",
        "pipeline.values.completion._bigrams",
    )
    cache.clear_all()
    cold = parse()
    before = cache.hits()
    warm = parse()
    after = cache.hits()
    for reader in readers:
        assert after[reader] > before[reader], reader
    assert warm == cold
