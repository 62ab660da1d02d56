"""What the words between a clause's count and its state, or before its state, make of them:
a plan (计划年内完工项目39个), a count of work rather than of items (完成改造12个小区), a
scope (30项民生实事中不设…). Pure functions over a `paragraph_key` clause (`clauses.py`)."""

from __future__ import annotations

from pipeline.narrative.count_words import clause_words


def planned(before: str) -> bool:
    """Whether what comes before a status makes it a plan (计划年内完工项目39个)."""
    w = clause_words()
    for time in w.plan_times:
        before = before.removesuffix(time)
    return before.endswith(w.plan_words)


def about_items(between: str, following: str) -> bool:
    """Whether a count after its status counts items (vocab/counts.toml, `fillers`)."""
    w = clause_words()
    fillers = "".join(w.fillers)
    between, following = between.strip(fillers), following.strip(fillers)
    for verb in w.state_verbs:  # 超序时进度推进10项
        between = between.removeprefix(verb).strip(fillers)
    for lead in w.count_leads:  # 已完成的项目共计15个
        between = between.removesuffix(lead)
    if following:  # 已完成20项民生实事, 完成了20项市级重点民生实事 (not 41个…改造等民生实事)
        listed = any(mark in following for mark in (*w.list_ends, "、"))
        return following in w.item_nouns or (
            following.endswith(w.programme_item_endings) and not listed
        )
    return not between or between.endswith((*w.item_nouns, *w.state_objects))


def scope_between(between: str) -> bool:
    """Whether the words between a count and its state make the count a scope (30项民生实事中
    不设年度目标任务, 48项具体工作已有…), not a name holding 中 (新增中央投资项目已全部建成)."""
    w = clause_words()
    for lead in (*w.all_words, *w.all_before_state, *w.state_leads, *w.fillers):
        between = between.removesuffix(lead)
    return between.endswith(w.scope_markers)
