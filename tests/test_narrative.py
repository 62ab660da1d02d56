"""Metadata and summary counts from narrative paragraphs (REAL_WORLD.md §6)."""

from __future__ import annotations

import pytest

from pipeline.narrative.counts import find_summary_counts
from pipeline.narrative.metadata import (
    find_issue_date,
    find_issuer,
    looks_like_title,
    region_of,
)
from pipeline.run.task import parse_file
from tests.conftest import FIXTURES

COUNTS = [
    (
        "30項全市重點民生實事,6項(①多種國家第九批集采藥品降價;②提高職工基本醫療保險普通門診統籌待遇水平)"
        "已完成,18項按計劃推進,6項進展較為緩慢。",
        30,
        {"done": 6, "on_track": 18, "behind": 6},
    ),
    ("全年共30项实事，其中已完成6项，按计划推进18项，进度滞后6项。", 30, {"done": 6, "on_track": 18, "behind": 6}),
    ("三十项民生实事中,十二项已完成,十八项正常推进。", 30, {"done": 12, "on_track": 18}),
    # counts that do not add up are recorded as stated
    ("共12件实事,已完成5件,按序时推进5件。", 12, {"done": 5, "on_track": 5}),
    ("2024年度全市重点民生实事共2项,已完成1项,未完成年度任务1项。", 2, {"done": 1, "not_done": 1}),
    ("现将有关情况通报如下:", None, {}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "total", "counts"), COUNTS, ids=[c[0][:12] for c in COUNTS])
def test_summary_counts(text: str, total: int | None, counts: dict[str, int]) -> None:
    found = find_summary_counts([text])
    assert (found.total, found.counts) == (total, counts)


def test_counts_come_from_the_first_paragraph_that_has_them() -> None:
    found = find_summary_counts(["现将情况通报如下:", "共3项,2项已完成,1项进度滞后。", "已完成9项"])
    assert found.paragraph == 1 and found.counts == {"done": 2, "behind": 1}


SAMPLE_TAIL = [
    "附件:2024年30項重點民生實事二季度進展情況表",
    "棲霞市人民政府辦公室",
    "2024年7月10日",
    "附件",
]


def test_issue_date_and_issuer() -> None:
    issued, index = find_issue_date(SAMPLE_TAIL)
    assert str(issued) == "2024-07-10" and index == 2
    assert find_issuer(SAMPLE_TAIL, index) == "棲霞市人民政府辦公室"


def test_a_date_inside_a_sentence_is_not_the_issue_date() -> None:
    issued, _ = find_issue_date(["项目已于2024年6月27日开工,目前正在稳步推进。"])
    assert issued is None


@pytest.mark.parametrize(
    ("issuer", "region"),
    [
        ("棲霞市人民政府辦公室", "棲霞市"),
        ("栖霞市人民政府督查室", "栖霞市"),
        ("某某县人民政府办公室", "某某县"),
        ("市政府督查室", None),
        ("区委、区政府2019年为民办实事项目进展情况一览表", None),  # not a place name
        (None, None),
    ],
)
def test_region(issuer: str | None, region: str | None) -> None:
    assert region_of(issuer) == region


@pytest.mark.parametrize(
    ("text", "is_title"),
    [
        ("关于全市重点民生实事一季度进展情况的通报", True),
        ("2024年二季度30項重點民生實事進展情況表", True),
        (
            "近期,市政府督查室对全市重点民生实事二季度完成情况进行了督导调度,现将有关情况通报如下:",
            False,
        ),
        ("附件:2024年30项重点民生实事二季度进展情况表", False),
        ("栖霞市人民政府办公室", False),
        ("2024年7月10日", False),
    ],
)
def test_title(text: str, is_title: bool) -> None:
    assert looks_like_title(text) is is_title


# Fixtures in the shape of real narrative pages (tests/fixtures/README.md): what their prose
# declares, exactly.
FIXTURE_COUNTS = {
    "narrative-sub-projects.txt": {"done": 4, "in_progress": 10, "behind": 8},
    "narrative-year-end.txt": {"done": 21, "not_done": 1},
}


@pytest.mark.parametrize("name", sorted(FIXTURE_COUNTS))
def test_declared_counts_of_narrative_fixtures(name: str) -> None:
    bulletin = parse_file(FIXTURES / name).bulletin
    assert dict(bulletin.declared_counts) == FIXTURE_COUNTS[name]
