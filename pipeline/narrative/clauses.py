"""What one clause of a narrative states about the items' counts: 18项按计划推进 (a count in
a state), 30项全市重点民生实事 (a total), 131项重点工作任务中 (a scope), 其中… (a part of the
last count), 已完成的占20% (a share), or nothing to count (完成投资14.7亿元, 预计年底前竣工).

`paragraph_key` (count_words.py) prepares a paragraph; `read_clause` reads one clause of it.
The words are vocab/counts.toml. Pure functions that never raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pipeline.narrative.clause_between import about_items, planned, scope_between
from pipeline.narrative.clause_counts import Count, counts_in, joined_counts, part_of
from pipeline.narrative.clause_subjects import group_in_state, names_one_item, remainder_state
from pipeline.narrative.count_words import QUANTITY_MARK, clause_words, paragraph_key
from pipeline.values.status import first_status

__all__ = ["Clause", "clause_words", "paragraph_key", "read_clause"]

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
_PERCENT_OF = re.compile(r"\d+(?:\.\d+)?%的?")
# The date a state is reached by, before it (截至2021年12月17日已完成…, 至9月底): a lead.
_DATE_LEAD = re.compile(r"(?:截至|截止|到|至)(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末)?(?:前)?")


@dataclass(frozen=True, slots=True)
class Clause:
    status: str | None = None
    count: int | None = None  # the count in that status
    scope: int | None = None  # a total, or the scope the count is part of
    scope_coarse: bool = False  # that total counts groups (10大类)
    scope_items: bool = False  # that total counts items (59个子项, 222个具体工作内容)
    scope_status: str | None = None  # the state the scope names (31宗未开工项目中)
    heading: bool = False  # a state and no count, for the next clause's (已完成:, 已完成的项目)
    bare: bool = False  # only a count (5项, 共计19项)
    classifier: str | None = None  # the counter of the count, or else of the scope (项, 件)
    total_marked: bool = False  # 共, 合计, 全市 …
    opens: bool = False  # a total or a scope that starts another breakdown
    named_scope: bool = False  # it ends as a scope does (12项民生实事项目中): other items
    whole: bool = False  # the count is the whole (15项重点民生实事39个项目持续推进)
    one_named: bool = False  # one item named in its state, with no count (“…”项目已完成)
    # the count, then the items' noun, then the state (15项民生实事有序推进): maybe the whole
    names_items_first: bool = False
    noun_written: bool = False  # that noun written out (15项民生实事), not only in the counter
    group: bool = False  # the count is a group's size (9项工程类项目全部已提前完成)
    tentative: bool = False  # a total any later total replaces (为确保15项…全部完成)
    all_items: bool = False  # 全部, 所有: a state of every item
    part: bool = False  # 其中 …
    so_far: bool = False  # 已有 …: how many of the items counted before have got so far
    names_items: bool = False  # 包括 …: the items just counted, named with their own figures
    names_closed: bool = False  # …、公租房保障等4项超额完成: the names end, their count, its state
    remainder: bool = False  # 其余 …
    forecast: bool = False  # 预计 …
    share: float | None = None  # percent
    skip: bool = False  # nothing here to count


def _status(key: str) -> tuple[int, int, str] | None:
    """The first status that is a state of items, not a noun (完成情况, 完成投资, but 完成进度
    计划), preparatory work (前期工作) nor a start-up count (开工在建)."""
    w = clause_words()
    found = first_status(key)
    while (
        found is not None
        and (
            key[found[0] : found[1]] in w.preparatory_states
            or key[found[1] :].startswith(w.preparatory_objects)
            or key[: found[0]].endswith(w.preparatory_states)  # 前期工作滞后: not the items' state
            or (key[found[0] : found[1]] == "在建" and key[: found[0]].endswith(w.start_up_verbs))
            or key[found[1] :].startswith(w.group_marks)  # 31项竣工类项目: a group's name
            or (
                key[found[1] :].startswith(w.noun_tails)
                and not key[found[1] :].startswith(w.progress_objects)
            )
        )
    ):
        found = first_status(key, found[0] + 1)
    if found is not None and key[found[1] :].startswith(w.item_nouns):
        # 竣工项目滞后于节点目标: a state naming the items, then the state they are in
        later = _status(key[found[1] :])
        if later is not None:
            return found[1] + later[0], found[1] + later[1], later[2]
    return found


def _progress_figure(key: str, percent: re.Match[str]) -> bool:
    """Whether a state is followed by how far the work got (施工进度已完成80%): the progress of
    the items counted, not their state; 已完成100% is a state."""
    if float(percent[1]) >= 100:
        return False
    before = key[: percent.start()]
    for joiner in clause_words().progress_joiners:
        before = before.removesuffix(joiner)
    found = _status(before)
    return found is not None and found[1] == len(before)


def _names_items(count: Count, following: str) -> bool:
    """Whether the count after a list of names counts items (等3项, 等82个子项目), not things
    (等14个“口袋公园”)."""
    w = clause_words()
    if following:
        return following in w.item_nouns
    return count.classifier in w.item_counters


def read_clause(key: str) -> Clause:
    """What one clause of a `paragraph_key` states."""
    w = clause_words()
    base: dict[str, Any] = {
        "part": key.startswith(w.subset_markers),
        "remainder": key.startswith(w.remainder_markers),
        "so_far": key.startswith(w.so_far_leads),
        "names_items": key.startswith(w.list_openers),
    }
    if key.startswith(w.purpose_leads):
        return _purpose(key, base)
    if QUANTITY_MARK in key or key.endswith(w.list_intros) or w.unit_breakdown.search(key):
        return Clause(skip=True, **base)
    percent = _PERCENT.search(key)
    if percent and any(x in key for x in w.share_markers):
        found = _status(key[: percent.start()] + key[percent.end() :])
        return Clause(status=found[2] if found else None, share=float(percent[1]), **base)
    if percent:
        if key[percent.end() :].startswith(w.band_words) or _progress_figure(key, percent):
            return Clause(skip=True, **base)
        key = _PERCENT_OF.sub("", key)
    base["forecast"] = any(x in key for x in w.forecast_words)
    base["total_marked"] = any(x in key for x in w.total_markers)
    counts = counts_in(key)
    rest = remainder_state(key, counts)
    if rest is not None:  # 其余在建的40个项目全部复工: in progress, unless a state is stated
        stated = _status(key[rest[1].end :])  # (其余在建的30个项目均达到序时进度: on track)
        status, count = stated[2] if stated else rest[0], rest[1]
        return Clause(status=status, count=count.value, classifier=count.classifier, **base)
    found = _status(key)
    every = _says_all(key, found[0] if found else None)
    if not counts and not _ends_with_scope(key) and not every:
        return _heading(key, base)  # no count, no scope, no "all": a state for the next count
    if found is not None and (
        any(x in key[: found[0]] for x in w.negations)
        or key[: found[0]].endswith(w.partial_marks)
        or key[found[1] :].startswith(w.partial_objects)
        or planned(key[: found[0]])
    ):
        return Clause(skip=True, **base)
    if found is None or _is_scope(key, found):  # 31宗未开工项目中: a scope in a state
        return _total(key, counts, {**base, "scope_status": found[2] if found else None})
    if any(x in key[: found[0]] for x in w.most_words):
        return _total(key, counts, base)  # 12件实事大部分均已完成: the total, most in a state
    return _stated(key, found, counts, base)


def _purpose(key: str, base: dict[str, Any]) -> Clause:
    """A clause of purpose (为确保15项民生实事全部完成): its state is the aim, not a state, but
    the items it counts before that state are the programme's total."""
    found = _status(key)
    before = key[: found[0]] if found is not None else key
    lead = next(x for x in clause_words().purpose_leads if before.startswith(x))
    scope = before[len(lead) :]
    counts = counts_in(scope)
    named_state = first_status(scope) is not None  # 为确保3项滞后项目加快推进: some items
    if QUANTITY_MARK in key or len(counts) != 1 or counts[0].start != 0 or named_state:
        return Clause(skip=True, **base)
    total = _total(scope, counts, {**base, "tentative": True})
    return total if total.scope_items else Clause(skip=True, **base)


def _says_all(key: str, state_at: int | None) -> bool:
    """Whether a clause says its state of every item (全部, 所有, 均 right before the state),
    not of most of them (大部分均已完成)."""
    w = clause_words()
    if any(x in key for x in w.most_words):
        return False
    before = key[:state_at] if state_at is not None else None
    return any(x in key for x in w.all_words) or (
        before is not None and before.endswith(w.all_before_state)
    )


def _heading(key: str, base: dict[str, Any]) -> Clause:
    """A clause that opens with a state and names no count (已完成:, 已完成的指标任务): the state
    of the count in the next clause, when that is only a count (5项, 共计19项)."""
    found = _status(key)
    if found is None:
        return Clause(**base)
    lead, rest = key[: found[0]], key[found[1] :]
    led = lead in ("", *clause_words().state_leads) or _DATE_LEAD.fullmatch(lead) is not None
    if not led and not base["part"] and names_one_item(lead, rest):
        return Clause(status=found[2], one_named=True, **base)  # “…”项目已完成全年任务
    if not led or (rest and not rest.startswith("的")):
        return Clause(**base)
    return Clause(status=found[2], heading=True, **base)


def _is_scope(key: str, found: tuple[int, int, str]) -> bool:
    """131项重点工作任务中, 28件正在办理的事项中: a scope, though a status is inside it (but
    not 正在推进中, 稳步推进当中)."""
    w = clause_words()
    return _ends_with_scope(key) and key[found[1] :] not in w.ongoing_endings


def _ends_with_scope(key: str) -> bool:
    w = clause_words()
    return key.endswith(w.scope_endings) and not key.endswith(w.subset_markers)


def _total(key: str, counts: list[Count], base: dict[str, Any]) -> Clause:
    """A clause without a state: a total or a scope (30项全市重点民生实事, 131项任务中)."""
    w = clause_words()
    valid = [c for c in counts if c.valid]
    last = valid[-1] if valid else None
    opens = bool(valid and valid[0].start == 0) or (_ends_with_scope(key) and not base["part"])
    lead = key[: last.start] if last is not None and last.end == len(key) else None
    items = last is not None and (
        last.classifier in w.item_counters
        or any(n in key[last.end :] for n in w.item_nouns)
        or (lead is not None and lead.endswith(w.item_nouns))  # 重点民生实事项目4个
    )
    return Clause(
        scope=last.value if last else None,
        scope_coarse=bool(last and last.classifier in w.coarse_classifiers),
        scope_items=items,
        bare=len(counts) == 1 and lead is not None and lead in ("", *w.count_leads),
        classifier=last.classifier if last else None,
        opens=opens,
        named_scope=_ends_with_scope(key) and not base["part"],
        **base,
    )


def _stated(
    key: str, found: tuple[int, int, str], counts: list[Count], base: dict[str, Any]
) -> Clause:
    """A clause with a state: which count is in it (6项已完成, 已完成26件, 推进缓慢的有3项)."""
    start, end, status = found
    w = clause_words()
    all_items = _says_all(key, start)
    after = [c for c in counts if c.start >= end]
    before = [c for c in counts if c.end <= start]
    listed = [c for c in after if key[: c.start].endswith(w.list_ends)]
    if listed and _names_items(listed[-1], key[listed[-1].end :]):
        after = listed[-1:]  # 已完成城北水厂、南湖公园等3项: the count of the items named
    elif after and not about_items(key[end : after[0].start], key[after[0].end :]):
        return Clause(skip=True, **base)  # 完成改造12个小区: the work done, not items in a state
    if after:
        count, scopes = after[0], before
    elif before:
        count, scopes = joined_counts(key, before)
    else:
        return Clause(status=status, all_items=all_items, **base)
    if not count.valid and not group_in_state(key, end, count, counts):
        return Clause(skip=True, **base)
    if not after and scope_between(key[count.end : start]):
        return _total(key[:start], counts, base)  # 30项民生实事中不设年度目标任务: a scope
    between = key[scopes[-1].end : count.start] if scopes else ""
    whole = any(x in key[:start] for x in w.whole_words) or (
        bool(scopes)
        and not after
        and not any(m in between for m in w.scope_markers)
        and not part_of(scopes[-1], count)
    )
    written = key[count.end : start]
    noun = written or (count.classifier or "")  # 15项民生实事, 20个项目 进展顺利
    noun_first = not after and noun.endswith(w.item_nouns)
    return Clause(
        status=status,
        count=count.value,
        names_items_first=noun_first,
        noun_written=noun_first and bool(written),
        group=not count.valid,
        scope=scopes[-1].value if scopes and not whole else None,
        classifier=count.classifier,
        opens=bool(scopes) and not whole,
        whole=whole,
        all_items=all_items,
        names_closed=not after and key[: count.start].endswith(w.list_ends),
        **base,
    )
