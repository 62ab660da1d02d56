"""What a clause's subject says of its items' state, where the state word itself does not: the
rest named in a state (其余在建的40个项目全部复工: 40 in progress, whatever 复工 says), one item
named in a state with no count (“提高城乡低保标准”项目已完成全年任务: one item done), a group
sized and then its state (9项工程类项目全部已提前完成: 9 ahead). Pure
functions over a `paragraph_key` clause; `clauses.py` builds the clause from them."""

from __future__ import annotations

from pipeline.narrative.clause_counts import Count
from pipeline.narrative.count_words import QUOTED_NAME, clause_words
from pipeline.values.status import first_status

# The name of one item is this long at least (扶持…学校项目), or quoted: shorter, it is a
# generic noun (重点项目).
_MIN_NAME_CHARS = 8


def remainder_state(key: str, counts: list[Count]) -> tuple[str, Count] | None:
    """The state the rest is named in (其余在建的40个项目…, 剩余未开工的3项…) and its count."""
    w = clause_words()
    marker = next((m for m in w.remainder_markers if key.startswith(m)), None)
    if marker is None or not counts or not counts[0].valid:
        return None
    lead = key[len(marker) : counts[0].start]
    if not lead.endswith("的"):
        return None
    state, rest = lead[:-1], key[counts[0].end :]
    found = first_status(state)
    if found is None or (found[0], found[1]) != (0, len(state)):
        return None
    if len(counts) > 1 or rest.endswith(w.scope_markers):
        return None  # 其余在建的40个项目中,… / …中有5个进度滞后: a scope
    return found[2], counts[0]


def names_one_item(lead: str, rest: str) -> bool:
    """Whether the words before a state, with no count, name one item (扶持11所小学创建…学校项目,
    “…”项目) whose state it is (nothing after it but its task: 已完成全年任务), not several, the
    programme's items in general (2024年度省重点建设项目), nor one item's part of the work
    (…工程已完成主体施工)."""
    w = clause_words()
    if rest and not rest.endswith(w.state_objects):
        return False
    for word in w.state_leads:
        lead = lead.removesuffix(word)
    noun = next((n for n in w.one_item_nouns if lead.endswith(n)), None)
    if noun is None or (len(lead) < _MIN_NAME_CHARS and lead[: -len(noun)] != QUOTED_NAME):
        return False
    several = (*w.not_one_item_words, *w.all_words, *w.most_words, *w.remainder_markers)
    return not any(x in lead for x in several) and not lead.endswith(w.programme_endings)


def group_in_state(key: str, end: int, count: Count, counts: list[Count]) -> bool:
    """A group's size, then its state at the clause's end (9项工程类项目全部已提前完成): its
    items in that state; not work done (住房保障类2项完成27535户…改善)."""
    tail = key[end:]
    return count.group and len(counts) == 1 and (not tail or tail in clause_words().state_objects)
