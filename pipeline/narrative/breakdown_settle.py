"""What a breakdown's counts settle once its paragraph is read (`breakdowns.py` reads them): a
first count that the others add up to is the total, items named one by one count one each where
they are what the counts leave of the total. Never raises."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.narrative.breakdowns import Breakdown

# The states a whole programme is said to be in while its items are in several (进展顺利,
# 有序推进): a first count in one of them may be the total.
_UMBRELLA_STATES = frozenset({"on_track", "in_progress"})
# The states of finished items: the parts of a count of them (按期竣工22个、提前竣工34个).
_FINISHED = frozenset({"done", "ahead"})


def first_as_total(b: Breakdown) -> None:
    """A first count of the programme's items in a state (15件民生实事进展顺利) that the counts
    after it add up to exactly (5件已经完成,8件正在加快推进,2件进度滞后), or its 其中 parts do:
    the total, its state the whole programme's."""
    if b.first is None or b.total is not None:
        return
    status, count = b.first
    if status not in _UMBRELLA_STATES or b.counts.get(status, 0) < count:
        return  # 3项民生实事已完成,1项…: done is no state of the whole with others beside it
    parts = b.first_parts
    if len(b.counts) == 1 and len(parts) >= 2 and sum(parts.values()) == count:
        b.total, b.remark, b.counts = count, (status, count), dict(parts)  # 其中 … add up to it
        return
    if b.outside_parts - count != count or len(b.counts) < 2 or not b.first_written:
        return  # 6个项目进展顺利,4个项目已完成,2个…: no programme named, three counts
    b.total, b.remark = count, (status, count)
    b.outside_parts -= count
    b.counts[status] -= count
    if not b.counts[status]:
        del b.counts[status]


def parts_of_first(b: Breakdown) -> None:
    """Counts after a first one that add up to it exactly, with no 其中 before them (共有56个
    项目竣工,按期竣工22个、提前竣工34个): its parts, not more items, where they are finished
    ones of a count of finished ones, restating its state, and adding them would pass the
    total (or no total is stated)."""
    if b.first is None or len(b.counts) < 2 or b.remark is not None:
        return
    status, count = b.first
    if b.counts.get(status, 0) < count:
        return
    rest = dict(b.counts)
    rest[status] -= count
    rest = {state: n for state, n in rest.items() if n}
    if sum(rest.values()) != count or b.outside_parts != 2 * count:
        return
    if status not in _FINISHED or not set(rest) <= _FINISHED or status not in rest:
        return  # 已完成10项,按序时推进5项、滞后5项: other states, as many items
    if b.total is not None and b.outside_parts <= b.total:
        return  # 12件: 6件已完成,4件正在推进,2件已建成投用: they fill the total
    b.counts, b.first_parts, b.outside_parts = {status: count}, rest, count


def count_named_ones(b: Breakdown) -> None:
    """Items named one by one in a state with no count (“提高低保标准”项目已完成全年任务,
    其余18个项目…): one item each, where the total less the counts is just their number
    (25个具体项目: 1 named, 6 ahead, 18 in progress)."""
    if b.total is None or not b.named_ones or not b.counts:
        return
    if b.total - sum(b.counts.values()) != len(b.named_ones):
        return
    for status in b.named_ones:
        b.counts[status] = b.counts.get(status, 0) + 1
        b.outside_parts += 1
