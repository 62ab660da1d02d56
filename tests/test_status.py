"""Status labels -> canonical enum: every label of REAL_WORLD.md §3, in both scripts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.text.script import match_key, to_traditional
from pipeline.values.status import (
    first_status,
    status_in_text,
    status_of_label,
    status_of_progress,
    status_of_yes_no,
)
from pipeline.vocab import STATUSES, statuses

# (label, status) exactly as REAL_WORLD.md §3 lists them, plus the sample bulletin's labels.
REAL_WORLD_LABELS = [
    *[(x, "done") for x in ["已完成", "完成任务", "已完成全年目标任务", "已达标完成", "已竣工",
                            "全部完工", "已办结", "销号"]],
    ("基本完成", "mostly_done"),
    *[(x, "ahead") for x in ["提前完成", "超额完成", "超序时进度", "超进度", "进展较快", "率先完成"]],
    *[(x, "on_track") for x in ["按序时推进", "按时序推进", "按计划推进", "按进度推进", "正常推进",
                                "顺利推进", "达到序时进度", "达进度", "已完成二季度任务"]],
    *[(x, "in_progress") for x in ["正在建设", "正在招标", "进场施工", "稳步推进", "持续推进",
                                   "正在办理"]],
    *[(x, "behind") for x in ["进度滞后", "进展滞后", "推进缓慢", "进度缓慢", "进展较为缓慢", "偏慢",
                              "慢序时", "欠进度", "未达到序时进度", "未完成二季度任务"]],
    ("严重滞后", "severely_behind"),
    *[(x, "not_started") for x in ["未开工", "未启动", "正在开展前期工作"]],
    ("未完成年度任务", "not_done"),
    *[(x, "not_applicable") for x in ["无任务", "不设年度目标任务", "常态化开展", "-"]],
    # colour codes (a convention that varies: see statuses.toml)
    ("绿灯", "on_track"), ("黄灯", "behind"), ("红灯", "severely_behind"), ("蓝", "done"),
]  # fmt: skip

# The mapping the field corpus was labelled with (field/README.md), where it adds to the above:
# the vocabulary must agree with it.
FIELD_LABELS = [
    ("序时推进", "on_track"), ("正在推进", "in_progress"), ("有序推进", "in_progress"),
    ("滞后", "behind"), ("未完成", "not_done"), ("提前完成全年任务", "ahead"),
    ("已提前完成", "ahead"),
]  # fmt: skip

OTHER_PHRASINGS = [
    ("已完成。", "done"),
    (" 已完成 ", "done"),
    ("已完成一季度任务", "on_track"),
    ("已完成第三季度目标任务", "on_track"),
    ("已完成上半年任务", "on_track"),
    ("已完成8月份任务", "on_track"),
    ("未完成三季度任务", "behind"),
    ("未完成前三季度目标任务", "behind"),
    ("已完成年度目标任务", "done"),
    ("超额完成全年任务", "ahead"),
    ("超计划完成", "ahead"),
    ("完工", "done"),
    ("完成月度计划", "on_track"),
    ("完成8月份节点目标", "on_track"),
    ("超额完成节点目标", "ahead"),
    ("按照年度计划有序推进", "on_track"),
    ("推进顺利", "on_track"),
    ("如期推进", "on_track"),
    ("与序时进度同步", "on_track"),
    ("未按进度完成", "not_done"),
    ("未按计划完成", "not_done"),  # not 按计划完成
    ("暂未下达目标任务", "not_applicable"),
    ("竣工", "done"),
    ("提前建成", "ahead"),
    ("提前竣工", "ahead"),
    ("达到计划进度", "on_track"),
    ("达到目标任务进度", "on_track"),
    ("未达到目标任务进度", "behind"),
    ("未达计划进度", "behind"),
]


@pytest.mark.parametrize(
    ("label", "status"), REAL_WORLD_LABELS, ids=[x[0] for x in REAL_WORLD_LABELS]
)
def test_real_world_label(label: str, status: str) -> None:
    assert status_of_label(label) == status


@pytest.mark.parametrize(
    ("label", "status"), REAL_WORLD_LABELS, ids=[x[0] for x in REAL_WORLD_LABELS]
)
def test_real_world_label_traditional(label: str, status: str) -> None:
    traditional = to_traditional(label)
    assert status_of_label(traditional) == status, traditional


@pytest.mark.parametrize(("label", "status"), FIELD_LABELS, ids=[x[0] for x in FIELD_LABELS])
def test_the_field_labelling_mapping(label: str, status: str) -> None:
    assert status_of_label(label) == status


@pytest.mark.parametrize(("label", "status"), OTHER_PHRASINGS, ids=[x[0] for x in OTHER_PHRASINGS])
def test_other_phrasings(label: str, status: str) -> None:
    assert status_of_label(label) == status


@pytest.mark.parametrize("label", ["待评估", "有序", "", "   ", "2024年", "稳"])
def test_unknown_labels_give_none(label: str) -> None:
    assert status_of_label(label) is None


def test_vocabulary_uses_only_canonical_statuses() -> None:
    vocab = statuses()
    used = set(vocab.exact.values()) | {status for _, status in vocab.patterns}
    assert used <= set(STATUSES) - {"unknown"}


@pytest.mark.parametrize(
    ("clause", "status"),
    [
        ("6项已完成", "done"),
        ("18项按计划推进", "on_track"),
        ("6项進展較為緩慢", "behind"),
        ("未完成年度任务1项", "not_done"),  # not the pattern inside it, 完成年度任务
        ("其中3项提前完成", "ahead"),
    ],
)
def test_status_inside_a_clause(clause: str, status: str) -> None:
    found = status_in_text(clause)
    assert found is not None and found[1] == status


@pytest.mark.parametrize(
    ("clause", "status"),
    [
        ("24个事项已提前完成全年任务", "ahead"),  # not 完成全年任务
        ("达序时或超序时进度", "on_track"),  # the first of two states
        ("7项基本完成年度目标任务", "mostly_done"),
        ("未完成年度任务1项", "not_done"),
        ("31个项目完成月度计划", "on_track"),
        ("28个项目超计划完成", "ahead"),
        ("5个项目已提前建成投产", "ahead"),  # not 建成
        ("12个小项未达到目标任务进度", "behind"),  # not 达到目标任务进度
    ],
)
def test_first_status_inside_a_clause(clause: str, status: str) -> None:
    found = first_status(clause)
    assert found is not None and found[2] == status


def test_no_status_inside_a_plain_clause() -> None:
    assert status_in_text("30项全市重点民生实事") is None


@pytest.mark.parametrize(
    ("progress", "expected"),
    [
        ("已完成。80户全部完工", ("已完成", "done")),
        ("进度滞后,已筛查22350人", ("进度滞后", "behind")),
        ("已完成80户农村低收入群体危房现场复核", None),  # a sentence, not a label
        ("", None),
    ],
)
def test_status_from_progress_first_clause(progress: str, expected: tuple[str, str] | None) -> None:
    assert status_of_progress(progress) == expected


@pytest.mark.parametrize(
    ("answer", "yes_means", "status"),
    [
        ("是", "on_track", "on_track"),  # 是否达序: 是
        ("否", "on_track", "behind"),
        ("否", "behind", "on_track"),  # 进度是否滞后: 否 = on track (opposite polarity)
        ("是", "behind", "behind"),
        ("待定", "behind", None),
    ],
)
def test_yes_no_columns(answer: str, yes_means: str, status: str | None) -> None:
    assert status_of_yes_no(answer, yes_means=yes_means) == status


@given(st.text(max_size=40))
def test_normalisers_never_raise(text: str) -> None:
    status_of_label(text)
    status_in_text(text)
    first_status(text)
    status_of_progress(text)
    status_of_yes_no(text, yes_means="behind")


@pytest.mark.parametrize(
    ("clause", "status"),
    [
        # 时序 for 序时, in each state that says it
        ("达到时序进度75%的项目有19个", "on_track"),
        ("12项超时序进度", "ahead"),
        ("3项低于序时进度", "behind"),
        ("农村危房改造:已完工27户,低于时序进度", "behind"),
        # the dates set met; going well
        ("节能减排等3项任务一季度进展符合时间节点要求", "on_track"),
        ("11件区级民生实事进展良好", "on_track"),
        ("98个项目进展情况良好", "on_track"),
        ("序时完成", "on_track"),
        # an adverb of speed between 正在 and the verb
        ("剩余12件正在快速推进", "in_progress"),
        # not finished on time is not 按时完成
        ("2个项目未按时完成", "not_done"),
        ("8个项目按时完成", "done"),
    ],
)
def test_states_in_the_wordings_of_field_pages(clause: str, status: str) -> None:
    found = status_in_text(clause)
    assert found is not None and found[1] == status
    assert status_in_text(to_traditional(clause)) == found


@pytest.mark.parametrize(
    ("clause", "status"),
    [
        # a state after a negation is its opposite
        ("3项未达时序进度", "behind"),
        ("2项未按序时完成", "behind"),
        ("进度不符合时间节点要求", "behind"),
        ("未能按计划完成", "not_done"),
        ("年底前不能全部完成的任务有3项", "not_done"),
        ("项目进度不滞后", "on_track"),
        ("2个项目尚未进场施工", "not_started"),
        # the labels that carry their own negation stay as they are
        ("未完成", "not_done"),
        ("未达序时进度", "behind"),
        ("未开工", "not_started"),
    ],
)
def test_a_state_after_a_negation_is_its_opposite(clause: str, status: str) -> None:
    found = status_in_text(clause)
    assert found is not None and found[1] == status
    start = first_status(match_key(clause))
    assert start is not None and start[2] == status


def test_a_state_with_no_opposite_after_a_negation_is_no_state() -> None:
    assert status_in_text("未能提前完成") is None
    assert status_of_label("未按序时完成") == "behind"
    assert status_of_label("已全部完成") == "done"


@pytest.mark.parametrize(
    ("clause", "status"),
    [
        ("十大重点民生实事24个项目全面办结", "done"),
        ("其他42个项目正在抢抓进度", "in_progress"),
        ("加快施工", "in_progress"),
        ("88项任务能够按照年初既定节点目标推进", "on_track"),
        ("按年度计划有序推进", "on_track"),
        ("未按照节点目标推进", "behind"),
    ],
)
def test_states_of_the_newest_field_pages(clause: str, status: str) -> None:
    found = status_in_text(clause)
    assert found is not None and found[1] == status
