"""Quantities in cells (REAL_WORLD.md §4): value, canonical unit, dimension, qualifier.

One row per phrasing: (text, [(value or (min, max), unit, qualifier), ...]) listing every
quantity the text holds, in order. Known gaps are strict xfails: a fix makes them fail loudly.
"""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.values.quantities import Quantity, find_quantities

Expected = list[tuple[object, str | None, str | None]]

PHRASINGS: list[tuple[str, Expected]] = [
    # money: 元, 万元, 亿元, 万 with 元 dropped, per-unit compounds
    ("总投资1.2亿元", [(120000000, "CNY", None)]),
    ("總投資1.2億元", [(120000000, "CNY", None)]),
    ("年内计划投资1500万元", [(15000000, "CNY", None)]),
    ("投资337万元改造松山中学塑胶操场", [(3370000, "CNY", None)]),
    ("总投资8962万元", [(89620000, "CNY", None)]),
    ("计划投资4600万元", [(46000000, "CNY", None)]),
    ("救助金额1091546.8元", [(Decimal("1091546.8"), "CNY", None)]),
    ("累计发放救助资金2954万元", [(29540000, "CNY", None)]),
    ("项目总投资337万", [(3370000, "CNY", None)]),
    ("拨付资金1.5亿", [(150000000, "CNY", None)]),
    (
        "年度最高支付限额由2300元分别提高至5000元、6000元",
        [(2300, "CNY", None), (5000, "CNY", None), (6000, "CNY", None)],
    ),
    (
        "起付标准由500元、800元、800元分别降低至200元、400元、600元",
        [
            (500, "CNY", None),
            (800, "CNY", None),
            (800, "CNY", None),
            (200, "CNY", None),
            (400, "CNY", None),
            (600, "CNY", None),
        ],
    ),
    ("每人每月补助200元/人/月", [(200, "CNY/person/month", None)]),
    ("补助标准300元/人", [(300, "CNY/person", None)]),
    ("奖补资金1,200万元", [(12000000, "CNY", None)]),
    ("超过1万元以上的部分", [(10000, "CNY", "超过,以上")]),
    ("年度救助限额3万元", [(30000, "CNY", None)]),
    ("投入资金约800万元", [(8000000, "CNY", "约")]),
    ("预计投资1.8亿元", [(180000000, "CNY", "预计")]),
    ("累计完成投资2.3亿元", [(230000000, "CNY", "累计")]),
    # lengths
    ("铺设线路23.58公里", [(Decimal("23.58"), "km", None)]),
    ("改造农村公路180公里", [(180, "km", None)]),
    ("新建污水管网12.5千米", [(Decimal("12.5"), "km", None)]),
    ("铺设管道800米", [(800, "m", None)]),
    ("新建绿道3000延米", [(3000, "m", None)]),
    # areas
    ("建设700平方米多功能运动场1处", [(700, "m2", None), (1, "处", None)]),
    ("改造面积5.6万平方米", [(56000, "m2", None)]),
    ("新增绿地2平方公里", [(2, "km2", None)]),
    ("高标准农田建设5万亩", [(50000, "mu", None)]),
    ("造林1200亩", [(1200, "mu", None)]),
    ("新增耕地30公顷", [(30, "ha", None)]),
    ("建设用房120平米", [(120, "m2", None)]),
    # volumes and mass
    ("建设日处理规模5万立方米的尾水处理工程", [(50000, "m3/day", None)]),
    ("日供水能力2万立方米", [(20000, "m3/day", None)]),
    ("清淤30万方", [(300000, "m3", None)]),
    ("可新增1.6万吨储备粮", [(16000, "t", None)]),
    ("處理生活垃圾500噸", [(500, "t", None)]),
    ("新增仓容2.5万吨", [(25000, "t", None)]),
    ("发放种子3000公斤", [(3000, "kg", None)]),
    # power, voltage
    ("新建110千伏变电站1座", [(110, "kV", None), (1, "座", None)]),
    ("建设10千伏线路8条", [(10, "kV", None), (8, "条", None)]),
    ("新增光伏装机5万千瓦", [(50000, "kW", None)]),
    ("装机容量20兆瓦", [(20000, "kW", None)]),
    ("变压器容量400千伏安", [(400, "kVA", None)]),
    # people, person-times, households
    ("城镇新增就业600人以上", [(600, "person", "以上")]),
    ("实现城镇新增就业562人", [(562, "person", None)]),
    ("完成29410名适龄妇女免费两癌筛查服务", [(29410, "person", None)]),
    ("应接种860人,已接种801人", [(860, "person", None), (801, "person", None)]),
    ("培训文艺骨干2000人次", [(2000, "person_time", None)]),
    ("辅导文艺骨干1100余人次", [(1100, "person_time", "余")]),
    ("培训果农20万人次", [(200000, "person_time", None)]),
    ("保障城乡低保对象29764人次", [(29764, "person_time", None)]),
    ("为119名符合条件的尿毒症患者进行医疗救助", [(119, "person", None)]),
    ("每个工作站配备1名儿童督导员", [(1, "person", None)]),
    ("完成特殊困难老年人适老化改造150户", [(150, "household", None)]),
    ("年内完成30个小区、5019户老旧小区改造", [(30, "个", None), (5019, "household", None)]),
    ("成农村低收入群体危房改造80户", [(80, "household", None)]),
    ("目前已完工27户", [(27, "household", None)]),
    ("惠及群众3.2万户", [(32000, "household", None)]),
    ("服务对象500户", [(500, "household", None)]),
    ("招聘教师45位", [(45, "person", None)]),
    # counts of things
    ("新建5G基站100个以上", [(100, "个", "以上")]),
    ("累计建设5G基站839个", [(839, "个", None)]),
    ("为庙后学校、松山学校、观里小学等7所学校配备校车", [(7, "所", None)]),
    ("18家公立医疗机构", [(18, "家", None)]),
    ("对20座塘坝进行维修加固", [(20, "座", None)]),
    ("建设多功能运动场1处", [(1, "处", None)]),
    ("开展各类文化活动不少于200场次", [(200, "场次", "不少于")]),
    ("开展活动130余场次", [(130, "场次", "余")]),
    ("10套健身器械", [(10, "套", None)]),
    ("发放就业创业证300张", [(300, "张", None)]),
    ("新建道路8条", [(8, "条", None)]),
    ("办理民生实事10件", [(10, "件", None)]),
    ("共32项重点工作", [(32, "项", "共")]),
    ("第二季度共组织7次“赶山”系列宣讲活动", [(7, "次", None)]),
    ("送图书进基层6000册次", [(6000, "册次", None)]),
    ("完成10眼单村供水打井施工", [(10, "眼", None)]),
    ("新增公交车20辆", [(20, "辆", None)]),
    ("配备AED设备15台", [(15, "台", None)]),
    ("安装路灯300盏", [(300, "盏", None)]),
    ("新增养老床位200床", [(200, "床", None)]),
    ("共开设电子琴、葫芦丝等十余类课程", [(10, "类", "余")]),
    ("打造3-4个镇级示范点", [((3, 4), "个", None)]),
    ("覆盖14个镇街", [(14, "个", None)]),
    ("为全市798个行政村每村配备一名儿童主任", [(798, "个", None)]),
    ("两个示范点", [(2, "个", None)]),
    ("完成民生实事十件", [(10, "件", None)]),  # a count after its noun; 十件民生实事 is a name
    ("新建三所幼儿园", [(3, "所", None)]),
    # batches
    ("年内完成食品安全监督抽检2177批次", [(2177, "batch", None)]),
    ("目前配合省抽和烟台市抽共计582批次", [(582, "batch", "共计")]),
    ("定性检测10000批次", [(10000, "batch", None)]),
    ("抽检农产品300批", [(300, "batch", None)]),
    # percentages with and without %, over 100%, percentage points, per mille
    ("目标儿童覆盖率已达到79.85%", [(Decimal("79.85"), "%", None)]),
    ("集中供养率达到60%以上", [(60, "%", "以上")]),
    ("合格率98%以上", [(98, "%", "以上")]),
    ("蔬菜产品抽检量不少于50%", [(50, "%", "不少于")]),
    ("累计已完成工程总量的92%", [(92, "%", None)]),
    ("完成年度目标的115%", [(115, "%", None)]),
    ("完成率120％", [(120, "%", None)]),
    ("覆盖率达到70", [(70, "%", None)]),
    ("完成比例为85", [(85, "%", None)]),
    ("退休人员在上述基础上提高5个百分点", [(5, "pp", None)]),
    ("提高10~30个百分点", [((10, 30), "pp", None)]),
    ("下降2百分点", [(2, "pp", None)]),
    ("死亡率控制在5‰以内", [(5, "‰", "以内")]),
    (
        "支付比例由75%、65%、55%分别提高至80%、70%、60%",
        [
            (75, "%", None),
            (65, "%", None),
            (55, "%", None),
            (80, "%", None),
            (70, "%", None),
            (60, "%", None),
        ],
    ),
    (">85%", [(85, "%", ">")]),
    ("≥90%", [(90, "%", "≥")]),
    ("不低于95%", [(95, "%", "不低于")]),
    ("约30%", [(30, "%", "约")]),
    ("其中80%用于基层", [(80, "%", "其中")]),
    # ranges and ages
    ("60-84周岁", [((60, 84), "year_of_age", None)]),
    ("为0-17岁残疾儿童提供康复救助", [((0, 17), "year_of_age", None)]),
    ("35～59岁适龄妇女", [((35, 59), "year_of_age", None)]),
    ("65周岁以上老年人", [(65, "year_of_age", "以上")]),
    ("新增1-2万吨", [((10000, 20000), "t", None)]),
    # qualifiers
    ("新增就业300人左右", [(300, "person", "左右")]),
    ("预计新增就业300人", [(300, "person", "预计")]),
    ("累计完成128批次", [(128, "batch", "累计")]),
    ("不超过3000元", [(3000, "CNY", "不超过")]),
    ("近2000人", [(2000, "person", "近")]),
    ("合计1.2万元", [(12000, "CNY", "合计")]),
    # several quantities, with Traditional characters
    ("新增1.6萬噸儲備糧,滿足全市需求", [(16000, "t", None)]),
    ("完成80戶,其中27戶已完工", [(80, "household", None), (27, "household", "其中")]),
    ("培訓需創業就業人員700余人次", [(700, "person_time", "余")]),
    ("開展“送技術下鄉”和“地頭培訓”32次", [(32, "次", None)]),
    ("建設1處示範點、3個站點", [(1, "处", None), (3, "个", None)]),
    (
        "投資1.2億元,建成110千伏變電站1座",
        [(120000000, "CNY", None), (110, "kV", None), (1, "座", None)],
    ),
    # full-width digits
    ("新建５Ｇ基站１０６个", [(106, "个", None)]),
    ("投资３３７万元", [(3370000, "CNY", None)]),
]

NOT_QUANTITIES = [
    "十件民生实事",  # a name: 十 with a counter that names the programme
    "第五项工作",  # an ordinal
    "二季度完成情况",  # a period
    "第九批集采药品",
    "预计2024年5月完工",  # a date
    "6月27日开工",
    "培训时间从4.8-7.19",
    "采购周期为:2024.3.30-2025.3.30",
    "一年一村一场戏",  # a slogan
    "一网通办",
    "5G基站建设",
    "HPV疫苗第二针",
    "(1)加快推进",
    "1、加快推进",
    "截至6月份",
    "应补尽补",
    "全覆盖",
    "三级孤困儿童爱心联动体系",
    "2024年",
    "1-9月",
]

KNOWN_GAPS = [
    # 万余 (more than ten thousand): 余 between the multiplier and the unit is not read.
    pytest.param("惠及群众2万余人", [(20000, "person", "余")], marks=pytest.mark.xfail(strict=True, reason="余 after a multiplier")),
    # Durations: 个月 is read as the counter 个 (3 items), not as 3 months.
    pytest.param("可满足全市3个月需求", [(3, "month", None)], marks=pytest.mark.xfail(strict=True, reason="durations are not a dimension yet")),
    # A lone 百 or 千 is not read as a numeral (百余人 = about a hundred people).
    pytest.param("培训百余人", [(100, "person", "余")], marks=pytest.mark.xfail(strict=True, reason="lone 百/千 numerals")),
]  # fmt: skip


def _shape(q: Quantity) -> tuple[object, str | None, str | None]:
    value: object = q.value
    if q.value is None:
        value = (q.value_min, q.value_max)
    return value, q.unit, q.qualifier


def _expected(rows: Expected) -> list[tuple[object, str | None, str | None]]:
    out = []
    for value, unit, qualifier in rows:
        exact = (
            tuple(Decimal(v) for v in value) if isinstance(value, tuple) else Decimal(str(value))
        )
        out.append((exact, unit, qualifier))
    return out


@pytest.mark.parametrize(
    ("text", "expected"), [*PHRASINGS, *KNOWN_GAPS], ids=lambda v: v if isinstance(v, str) else None
)
def test_phrasing(text: str, expected: Expected) -> None:
    assert [_shape(q) for q in find_quantities(text)] == _expected(expected)


def test_there_are_enough_phrasings() -> None:
    assert len(PHRASINGS) + len(NOT_QUANTITIES) + len(KNOWN_GAPS) >= 150


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_a_quantity(text: str) -> None:
    assert find_quantities(text) == []


def test_span_and_raw_point_into_the_cell() -> None:
    cell = "項目位于西城儲備庫北側,預計2024年5月完工,可新增1.6萬噸儲備糧"
    (q,) = find_quantities(cell)
    assert cell[q.start : q.end] == q.raw == "1.6萬噸"
    assert q.unit_raw == "萬噸" and q.dimension == "mass"


def test_unknown_unit_is_kept() -> None:
    (q,) = find_quantities("投放3万尾鱼苗")
    assert q.unit is None and q.dimension is None and q.raw == "3万"


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.sampled_from(
            list(
                "0123456789.-~%万亿千元人户个次以上约不少于第年月日季度一二三十两余,、 吨公里平方米"
            )
        ),
        max_size=40,
    )
)
def test_never_raises_on_number_soup(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)


# Whole qualifiers (longest first: 大于等于 holds 大于) and other characters, strung together.
_QUALIFIER_SOUP = st.lists(
    st.sampled_from(
        [
            "大于等于",
            "不少于",
            "不超过",
            "累计",
            "预计",
            "约",
            "共",
            "≥",
            "＞",
            *"近其中于等大小投资达1 ,，、",
        ]
    ),
    max_size=8,
).map("".join)


@given(text=_QUALIFIER_SOUP, start=st.integers(min_value=0, max_value=30))
def test_qualifier_before_is_the_longest_ending_word_else_the_last_long_one(
    text: str, start: int
) -> None:
    """Against the plain rule: the window (six characters before the number, within its
    clause) ends with a qualifier: the longest; else the last of two characters or more in it."""
    from pipeline.values.quantities import _CLAUSE_BREAK, _qualifier_before, unit_table

    table = unit_table()
    start = min(start, len(text))
    window = _CLAUSE_BREAK.split(text[max(0, start - 6) : start])[-1]
    offset = start - len(window)
    stripped = window.rstrip()
    endings = [w for w in table.qualifiers_before if stripped.endswith(w)]
    if endings:
        word = max(endings, key=len)
        expected: tuple[str, int] | None = (word, offset + len(stripped) - len(word))
    else:
        inside = [
            (window.rfind(w), w) for w in table.qualifiers_before if len(w) > 1 and w in window
        ]
        expected = (max(inside)[1], offset + max(inside)[0]) if inside else None
    assert _qualifier_before(text, start, table) == expected


@given(text=st.text(alphabet=st.sampled_from(list("2024年5月6日第九批1、(3)5G季度 ")), max_size=30))
def test_masked_positions_are_those_inside_not_quantity_spans(text: str) -> None:
    from pipeline.values.quantities import _NOT_QUANTITIES, _Masked

    spans = [m.span() for m in _NOT_QUANTITIES.finditer(text)]
    inside = {i for start, end in spans for i in range(start, end)}
    masked = _Masked(spans)
    assert [i in masked for i in range(len(text) + 1)] == [
        i in inside for i in range(len(text) + 1)
    ]


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    find_quantities(text)


@settings(max_examples=50)
@given(value=st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False))
def test_value_round_trips_through_parquet(
    value: Decimal, tmp_path_factory: pytest.TempPathFactory
) -> None:
    (q,) = find_quantities(f"投资{value}元")
    assert q.value == value.normalize() or q.value == value
    path = tmp_path_factory.mktemp("rt") / "v.parquet"
    pq.write_table(pa.table({"value": pa.array([float(q.value)], pa.float64())}), path)
    assert pq.read_table(path).column("value")[0].as_py() == float(value)


@pytest.mark.parametrize(
    ("cell", "value", "unit"),
    [
        # counters of the field pages: livestock, ponds and wells, cases
        ("全市去年共检疫生猪141.7万头", Decimal("1417000"), "头"),
        ("全市7.4万口山坪塘整治工作", Decimal("74000"), "口"),
        ("血清学产前筛查完成14.21万例", Decimal("142100"), "例"),
        # money named by the income it is
        ("完成营业收入1.74亿,增幅6.2%", Decimal("174000000"), "CNY"),
        # a space-joined cell parts the multiplier from its unit
        ("完成 3567万 平方米 居民住宅二次供水设施改造", Decimal("35670000"), "m2"),
    ],
)
def test_units_the_field_pages_print(cell: str, value: Decimal, unit: str) -> None:
    found = find_quantities(cell)[0]
    assert (found.value, found.unit) == (value, unit)
