"""Declared counts in phrasings that the field corpus's own wording varies into: a state with
a verb between it and its count, and the schedule's noun left off a state."""

from __future__ import annotations

import pytest

from pipeline.narrative.counts import find_summary_counts
from pipeline.values.status import status_of_label


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        (
            "20项民生实事中,已完成8项,超序时进度推进10项,滞后2项。",
            {"done": 8, "ahead": 10, "behind": 2},
        ),
        (
            "20项民生实事中,已完成8项,快于序时进度推进10项,滞后推进2项。",
            {"done": 8, "ahead": 10, "behind": 2},
        ),
        (
            "20项民生实事中,已完成8项,按序时进度推进10项,滞后序时2项。",
            {"done": 8, "on_track": 10, "behind": 2},
        ),
        (
            "20项民生实事中,已完成8项,超序时推进10项,滞后于序时2项。",
            {"done": 8, "ahead": 10, "behind": 2},
        ),
    ],
)
def test_a_state_then_a_verb_then_its_count(text: str, counts: dict[str, int]) -> None:
    assert find_summary_counts([text]).counts == counts


def test_work_done_after_a_state_is_still_no_count_of_items() -> None:
    found = find_summary_counts(["20项民生实事中,已完成8项,完成改造12个小区,滞后2项。"])
    assert found.counts == {"done": 8, "behind": 2}


def test_behind_the_schedule_with_its_noun_left_off() -> None:
    assert status_of_label("滞后序时") == "behind"
    assert status_of_label("落后于序时进度") == "behind"
