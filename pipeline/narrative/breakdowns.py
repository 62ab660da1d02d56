"""Breakdowns: the sets of counts one paragraph states, read clause by clause (`clauses.py`
says what one clause states). A new total or scope (20件民生大事, 48项具体工作已有24项…) starts
another one, so a second programme or a finer unit reported after the first is not added to it;
a 其中 part of a count is in that count already, and not added again. Never raises.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.narrative.breakdown_settle import count_named_ones, first_as_total, parts_of_first
from pipeline.narrative.clauses import Clause, read_clause
from pipeline.narrative.sentences import SENTENCE_SPLIT, listed_clauses


@dataclass
class Breakdown:
    """One set of counts, as a paragraph (or a run of paragraphs) states it."""

    paragraph: int
    total: int | None = None
    total_marked: bool = False  # the total came with 共, 合计, 全市 …
    total_coarse: bool = False  # the total counts groups (10大类): a count of items replaces it
    total_classifier: str | None = None  # its counter (项, 件, 个)
    total_items: bool = False  # it counts items (12项, 28个项目), not things (13个县)
    total_tentative: bool = False  # from a clause of purpose: any later total replaces it
    counts: dict[str, int] = field(default_factory=dict)
    shares: dict[str, float] = field(default_factory=dict)
    # The state of the whole programme (15件重点民生实事推进顺利): kept when nothing finer is said.
    remark: tuple[str, int] | None = None
    remark_all: bool = False  # the remark says every item is in its state (全部完成)
    all_before_total: str | None = None  # 项目已全部完工。共申报项目100个: the state of all
    # 31宗未开工项目中,省重点项目有6宗…: the count in the state its scope names, kept when the
    # breakdown states no other
    scope_state: tuple[str, int] | None = None
    parent: str | None = None  # the status of the last count, which a 其中 part belongs to
    classifiers: set[str] = field(default_factory=set)  # the counters of its counts (项, 件)
    outside_parts: int = 0  # the sum of its counts that are not 其中 parts
    listed: bool = False  # read from a list's opening paragraph (26项未达到…的具体目标如下:)
    said_of_all: str | None = None  # the state its every item was said to be in (全部完成)
    all_state: str | None = None  # that, or said with their count (27项已全部完成)
    # its first count, when the items' noun came between it and its state (15项民生实事有序推进)
    first: tuple[str, int] | None = None
    first_written: bool = False  # its noun written out (15项民生实事), not only its counter
    first_parts: dict[str, int] = field(default_factory=dict)  # its 其中 parts, when it is alone
    named_ones: list[str] = field(default_factory=list)  # the states of items named one by one

    @property
    def plausible(self) -> bool:
        """Its counts, 其中 parts aside, do not exceed its total; or they do as states that
        overlap (70项: 31项符合序时进度, 其余39项正在推进, 6项已提前完成): one count, the smallest,
        among the others, which fit the total, each of fewer items than it."""
        if self.total is None or self.outside_parts <= self.total:
            return True
        counts = sorted(self.counts.values())
        overlap = len(counts) > 1 and self.outside_parts - counts[0] <= self.total
        return overlap and counts[-1] < self.total

    @property
    def statuses(self) -> dict[str, int]:
        if self.counts:
            return self.counts
        return {self.remark[0]: self.remark[1]} if self.remark else {}

    @property
    def richness(self) -> int:
        return len(set(self.statuses) | set(self.shares))


class Reader:
    """Reads sentences into breakdowns; `breakdowns[-1]` is the one being filled."""

    def __init__(self, paragraph: int) -> None:
        self.paragraph = paragraph
        self.breakdowns = [Breakdown(paragraph)]
        self.in_part = False  # inside a 其中 … part of the last count
        self.expected = False  # after 预计 …: the rest of the sentence is expected, not stated
        self.naming: str | None = None  # after 包括 …: "part" right after a total, else "items"
        self.named_total: int | None = None  # that total
        self.last_scope: int | None = None  # the latest total or scope stated
        self.heading: str | None = None  # the state the last clause named for the next count
        self.remainder: int | None = None  # 其余8个项目的…: the rest, whose state comes later
        # the last clause was only a count with no state (10件惠民实事): (count, counter)
        self.after_total: tuple[int, str | None] | None = None

    def sentence(self, text: str) -> None:
        self.in_part = self.expected = False
        self.naming = None
        self.heading = self.remainder = None
        for piece in listed_clauses(text):
            if piece:
                self.clause(read_clause(piece))

    def clause(self, c: Clause) -> None:
        b = self.breakdowns[-1]
        if c.part:
            self.in_part = True
        elif c.remainder:
            self.in_part = False
        # after 预计 the rest is expected; after 包括 it names the items with their own figures,
        # but right after a total (10个项目,包含A、B等4项超额完成) the names end in a part's count
        after_total = self.after_total
        if c.names_items:
            self.naming = "part" if after_total else "items"
            self.named_total = after_total[0] if after_total else None
        elif self.naming == "part" and c.names_closed and (c.count or 0) <= (self.named_total or 0):
            self.naming = None  # a part, no more than the total (not 等36个子项目 of 10件)
        self.expected = self.expected or c.forecast
        heading, self.heading = self.heading, c.status if c.heading else None
        only = c.scope if _only_total(c) else None
        self.after_total = (only, c.classifier) if only is not None else None
        if c.skip or self.expected or self.naming:
            return
        if c.heading and after_total and self._of_all(b, c):
            return  # 10件惠民实事,截至12月17日已完成年度任务: all of them
        if c.heading and after_total and c.status and self._of_some(b, c.status, *after_total):
            return  # …4个项目按序时推进,2个项目由于前期工作滞后,目前还未动工: the 2
        if heading is not None and c.bare and c.scope is not None:
            self._record(b, heading, c.scope, c.classifier)  # 已完成的项目,共计19项
            return
        if c.share is not None:
            if c.status is not None:
                b.shares[c.status] = b.shares.get(c.status, 0.0) + c.share
            return
        b = self._scope(c, b)
        if c.remainder and c.scope is not None and c.status is None:
            self.remainder = c.scope
        rest = self.remainder
        if c.status is not None and c.count is None and c.all_items and rest is not None:
            self._record(b, c.status, rest, None)  # 其余8个项目的…、…均超序时进度
            self.remainder = None
            return
        if c.status is None or c.count is None:
            self._uncounted(b, c)
        elif c.whole or (c.count == b.total and not b.counts and not b.remark):
            b.remark, b.parent = (c.status, c.count), None  # the whole programme's state
            b.remark_all = c.all_items
            b.total = c.count if b.total is None else b.total
            b.classifiers.add(c.classifier or "")
        else:
            self._counted(b, c, c.status, c.count)

    def _uncounted(self, b: Breakdown, c: Clause) -> None:
        """A state without a count: every item's, when the clause says so; one item's, when it
        names one (counted once the breakdown is read)."""
        if c.one_named and c.status is not None:
            b.named_ones.append(c.status)
            return
        every = c.all_items and not self.in_part and self.last_scope == b.total
        total = b.total if b.total_items else None  # not 13个县…所有街道、乡镇均完成
        if c.status is not None and total is not None and every:
            if c.status not in b.counts:  # said of all twice, all the same
                self._say_all(b, c.status, total)  # 共25项,已全部完成
        elif c.status is not None and every and not b.counts:
            b.all_before_total = c.status  # the total comes after

    def _counted(self, b: Breakdown, c: Clause, status: str, count: int) -> None:
        """A count in a state, unless it is a part of one counted already, or said again."""
        if self.in_part and b.parent and count > b.counts.get(b.parent, 0):
            self.in_part = False  # more than its parent: 其中 opens the rest, not a part
        if self.in_part and b.parent:  # a 其中 part is not added: it is counted in its
            if b.first is not None and list(b.counts) == [b.first[0]]:  # parent already
                b.first_parts[status] = b.first_parts.get(status, 0) + count
            return
        if b.counts.get(status) == count and b.parent != status:
            return  # 4个项目完成…10个…, then the heading 四个项目完成: said again
        if b.all_state not in (None, status) and count <= b.counts.get(b.all_state, 0):
            return  # 27项已全部完成,22个项目超额完成: a part of every item, as 其中 is
        if c.all_items and b.counts and b.total is not None and b.outside_parts + count > b.total:
            b = Breakdown(self.paragraph, total=count, total_items=True)  # …已完成4件,剩余12件
            self.breakdowns.append(b)  # 正在推进,民生政策17项已全部落实: other items, all done
        if _other_units(b, count, c.classifier):
            return  # 10件实事9件进度正常,…等5个小区项目滞后: more than are left, in another counter
        if c.group and b.total is not None and b.outside_parts + count > b.total:
            return  # 已完成15项,5项正在推进,9项工程类项目全部完成: a group of those counted
        if c.so_far and b.total is None and len(b.counts) == 1:
            _as_total(b, count)  # 38个项目进展顺利。已有22项完成: 38 is the total
        if not b.counts and not self.in_part and c.names_items_first:
            b.first, b.first_written = (status, count), c.noun_written
        self._record(b, status, count, c.classifier)
        first = b.outside_parts == count
        if c.all_items and first and (b.total is None or count >= b.total):
            b.all_state = status  # every item's, not all of a part's (350项…全部完成)

    def _of_some(self, b: Breakdown, status: str, count: int, classifier: str | None) -> bool:
        """A state right after a count of some of the items, stated without one: theirs."""
        if not b.counts or status in b.counts or b.total is None:
            return False
        if b.outside_parts + count > b.total:
            return False
        self._record(b, status, count, classifier)
        return True

    def _of_all(self, b: Breakdown, c: Clause) -> bool:
        """A state right after a total of items, for none of them counted yet: all of them."""
        if c.status is None or b.total is None or not b.total_items or b.counts or b.remark:
            return False
        self._say_all(b, c.status, b.total)
        return True

    def _say_all(self, b: Breakdown, status: str, total: int) -> None:
        """Every item of the total in `status`."""
        self._record(b, status, total, None)
        b.said_of_all = b.all_state = status

    def _scope(self, c: Clause, b: Breakdown) -> Breakdown:
        """A total or scope: it opens a new breakdown once this one has counts, unless it only
        counts more items in the same counter (32件…完成, 2件因征地影响暂缓实施); a scope named as
        one (…8项进度偏慢;12项民生实事项目中,…) always starts another."""
        other = c.status is not None or c.total_marked or c.classifier not in b.classifiers
        other = other or c.named_scope
        if c.opens and other and (b.counts or b.remark) and not (c.remainder or self.in_part):
            b = Breakdown(self.paragraph)
            self.breakdowns.append(b)
        if c.scope is not None and not self.in_part:
            self.last_scope = c.scope
            if c.scope_status is not None and b.scope_state is None:
                b.scope_state = (c.scope_status, c.scope)
        replaces = b.total_coarse or b.total_tentative or _finer(c, b)
        replaces = replaces or (c.total_marked and not b.total_marked)
        if c.scope is not None and (b.total is None or replaces) and not b.counts:
            b.total, b.total_marked, b.total_coarse = c.scope, c.total_marked, c.scope_coarse
            b.total_items, b.total_tentative = c.scope_items, c.tentative
            b.total_classifier = c.classifier
        return b

    def _record(self, b: Breakdown, status: str, count: int, classifier: str | None) -> None:
        if b.said_of_all == status and b.total is not None:  # 主要经济指标全部完成, then
            _unsay_all(b, status, b.total)  # 94项完成: "all" was of a group of them
        if b.total is not None and count > b.total and not self.in_part:
            b.total = None  # 十项民生实事, then 已完成14项: the total counts other units
        b.counts[status] = b.counts.get(status, 0) + count
        b.classifiers.add(classifier or "")
        if not self.in_part:
            b.parent = status
            b.outside_parts += count


def _other_units(b: Breakdown, count: int, classifier: str | None) -> bool:
    """A count that would take the items counted past their total, in another counter than the
    total and the counts before it: it counts other things (the sites of one item), not items."""
    unit = b.total_classifier
    if b.total is None or unit is None or classifier in (None, unit):
        return False
    counted = bool(b.counts) and b.remark is None and b.classifiers == {unit}
    return counted and b.outside_parts + count > b.total


def _only_total(c: Clause) -> bool:
    return c.scope is not None and c.status is None and c.count is None and not c.part


def _as_total(b: Breakdown, count: int) -> None:
    """The breakdown's one count, larger than `count`, as its total and overall state."""
    ((status, total),) = b.counts.items()
    if total > count:
        b.total, b.remark, b.parent = total, (status, total), None
        b.counts, b.outside_parts, b.first = {}, 0, None


def _unsay_all(b: Breakdown, status: str, total: int) -> None:
    """Take back the count of every item in `status`, which a finer count contradicts."""
    b.said_of_all = None
    b.counts[status] -= total
    b.outside_parts -= total
    if not b.counts[status]:
        del b.counts[status]


def _finer(c: Clause, b: Breakdown) -> bool:
    """A total of items in a finer unit, before any count (30件40个项目, 145项任务细化为222个
    具体工作, 32项、38个考核指标中): the items counted are those."""
    if c.scope is None or b.total is None or b.remark or not c.scope_items:
        return False
    return c.classifier != b.total_classifier and c.scope > b.total


def read_breakdowns(key: str, paragraph: int) -> list[Breakdown]:
    """The breakdowns one paragraph (its `paragraph_key`) states."""
    reader = Reader(paragraph)
    for sentence in SENTENCE_SPLIT.split(key):
        reader.sentence(sentence)
    for b in reader.breakdowns:
        first_as_total(b)
        parts_of_first(b)
        count_named_ones(b)
        if b.counts or b.remark:
            continue
        if b.all_before_total and b.total is not None and b.total_marked:  # 共申报100个
            b.remark, b.remark_all = (b.all_before_total, b.total), True
        elif b.scope_state:
            b.remark = b.scope_state
    return reader.breakdowns
