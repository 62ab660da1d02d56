"""What one clause of a narrative states about the items' counts: 18项按计划推进 (a count in
a state), 30项全市重点民生实事 (a total), 131项重点工作任务中 (a scope), 其中… (a part of the
last count), 已完成的占20% (a share), or nothing to count (完成投资14.7亿元, 预计年底前竣工).

`paragraph_key` prepares a paragraph (Simplified, NFKC, no whitespace, parentheses removed,
counters lost in extraction restored); `read_clause` reads one clause of it. The words are
vocab/counts.toml. Pure functions that never raise.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from pipeline.text.numerals import NUMERAL_CHARS, parse_int
from pipeline.text.script import norm_text
from pipeline.values.responsible import organisation_suffixes
from pipeline.values.status import first_status
from pipeline.vocab import table

_PARENTHESISED = re.compile(r"\([^()]*\)")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
_PERCENT_OF = re.compile(r"\d+(?:\.\d+)?%的?")
_CJK = r"[\u4e00-\u9fff]"
# Around 或, the characters looked at for the states it joins (labels are shorter).
_SPAN = 8
# A count followed by its completion in parentheses (已完成1个(50%)) measures the work of one
# item; the clause holding it is marked with this character and not read.
QUANTITY_MARK = "\ue000"
# Put where extraction lost a digit (?3项): the number is not read.
LOST_DIGIT = "\ue001"


def _any(words: Any) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@dataclass(frozen=True)
class ClauseWords:
    count: re.Pattern[str]
    data: dict[str, Any]
    unit_breakdown: re.Pattern[str]
    lost_counter: re.Pattern[str]
    quantity: re.Pattern[str]
    quoted: re.Pattern[str]
    joiner: re.Pattern[str]
    group_after: re.Pattern[str]
    lost_digit: re.Pattern[str]
    refines: dict[str, list[str]]
    lists: dict[str, tuple[str, ...]]  # the plain word lists of vocab/counts.toml

    def __getattr__(self, name: str) -> tuple[str, ...]:
        """w.noun_tails is the table's noun_tails (kept as an attribute once read)."""
        if name.startswith("__") or name == "lists":
            raise AttributeError(name)
        words = self.lists[name]
        object.__setattr__(self, name, words)
        return words


@functools.cache
def clause_words() -> ClauseWords:
    data = table("counts")
    suffixes = _any(organisation_suffixes())
    classifiers = _any(data["classifiers"])
    ordinals = "".join(map(re.escape, data["ordinal_marks"]))
    not_before = f"{NUMERAL_CHARS}.{LOST_DIGIT}{ordinals}"
    count = rf"(?<![{not_before}])(?P<n>[{NUMERAL_CHARS}]+)(?P<c>{classifiers})"
    marks = "".join(map(re.escape, table("narrative")["lost_digit_marks"]))
    return ClauseWords(
        count=re.compile(count),
        data=data,
        unit_breakdown=re.compile(
            rf"{_CJK}{{1,10}}(?:{suffixes})(?:{_any(data['unit_breakdown_verbs'])})"
        ),
        lost_counter=re.compile(rf"(?<={_any(data['lost_counter_after'])})(\d+)(?=\()"),
        quantity=re.compile(rf"{count}\(\d+(?:\.\d+)?%\)"),
        quoted=re.compile(
            "|".join(f"{re.escape(a)}[^{re.escape(b)}]*{re.escape(b)}" for a, b in data["quotes"])
        ),
        joiner=re.compile(rf"(?<={_CJK})(?:{_any(data['alternative_joiners'])})(?={_CJK})"),
        lost_digit=re.compile(rf"[{marks}](?=\d)|(?<=\d)[{marks}]"),
        group_after=re.compile(rf"{_CJK}{{1,4}}(?:{_any(data['group_marks'])})"),
        refines=dict(data["refines"]),
        lists={k: tuple(v) for k, v in data.items() if isinstance(v, list)},
    )


def paragraph_key(text: str) -> str:
    """A paragraph as its clauses are read: Simplified, NFKC, no whitespace; 有3(…) read as
    有3项; a count with its completion in parentheses marked; parentheses removed; synonyms
    replaced; of two states sharing a tail, the first (达到或超过序时进度 -> 达到序时进度)."""
    w = clause_words()
    key = re.sub(r"\s+", "", norm_text(text))
    if any(quote in key for quote, _ in w.data["quotes"]):
        key = w.quoted.sub("", key)
    key = w.lost_digit.sub(LOST_DIGIT, key)
    if "(" in key:
        key = w.lost_counter.sub(rf"\1{w.data['restored_counter']}", key)
        key = w.quantity.sub(lambda m: m.group(0) + QUANTITY_MARK, key)
        previous = None
        while previous != key:
            previous, key = key, _PARENTHESISED.sub("", key)
    for word, replacement in w.data["synonyms"].items():
        key = key.replace(word, replacement)
    return _first_of_alternatives(key) if w.joiner.search(key) else key


def _first_of_alternatives(key: str) -> str:
    """Of two states joined by 或, the first: 完成或超额完成 -> 完成; 达到或超过序时进度 ->
    达到序时进度 (when the first does not end in a status, the second's first two characters
    go)."""
    joiner = clause_words().joiner.search(key)
    while joiner is not None:
        start, end = joiner.start(), joiner.end()
        after = first_status(key[end : end + _SPAN])
        if _ends_in_status(key[max(0, start - _SPAN) : start]) and after and after[0] == 0:
            cut = end + after[1]
        else:
            cut = min(end + 2, len(key))
        key = key[: joiner.start()] + key[cut:]
        joiner = clause_words().joiner.search(key, joiner.start())
    return key


def _ends_in_status(text: str) -> bool:
    found = first_status(text)
    while found is not None and found[1] != len(text):
        found = first_status(text, found[0] + 1)
    return found is not None


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    start: int
    end: int
    classifier: str
    valid: bool  # not an increment (又有16项), not a group (12个建设类项目)


@dataclass(frozen=True, slots=True)
class Clause:
    status: str | None = None
    count: int | None = None  # the count in that status
    scope: int | None = None  # a total, or the scope the count is part of
    scope_coarse: bool = False  # that total counts groups (10大类)
    classifier: str | None = None  # the counter of the count, or else of the scope (项, 件)
    total_marked: bool = False  # 共, 合计, 全市 …
    opens: bool = False  # a total or a scope that starts another breakdown
    whole: bool = False  # the count is the whole (15项重点民生实事39个项目持续推进)
    all_items: bool = False  # 全部, 所有: a state of every item
    part: bool = False  # 其中 …
    remainder: bool = False  # 其余 …
    forecast: bool = False  # 预计 …
    share: float | None = None  # percent
    skip: bool = False  # nothing here to count


def _counts(key: str) -> list[Count]:
    w = clause_words()
    found = []
    # the clause without its counts: 工程建设类3件 names a group, the 10大类 of 10大类36项 does not
    named = any(mark in key for mark in w.group_marks)
    masked = w.count.sub(lambda m: " " * len(m.group(0)), key) if named else ""
    for m in w.count.finditer(key):
        value = parse_int(m["n"])
        after, before = key[m.end() :], key[: m.start()]
        if value is None or after.startswith(w.not_counted_after):
            continue
        named_before = any(mark in masked[: m.start()] for mark in w.group_marks)
        group = named_before or w.group_after.match(after) is not None  # 12个建设类项目
        increment = before.endswith(w.increment_words)
        found.append(Count(value, m.start(), m.end(), m["c"], not (group or increment)))
    return found


def _status(key: str) -> tuple[int, int, str] | None:
    """The first status that is a state, not a noun (完成情况, 完成投资)."""
    found = first_status(key)
    while found is not None and key[found[1] :].startswith(clause_words().noun_tails):
        found = first_status(key, found[0] + 1)
    return found


def _about_items(between: str, following: str) -> bool:
    """Whether a count after its status counts items (vocab/counts.toml, `fillers`)."""
    w = clause_words()
    fillers = "".join(w.fillers)
    between, following = between.strip(fillers), following.strip(fillers)
    if following:
        return following in w.item_nouns
    return not between or between.endswith((*w.item_nouns, *w.state_objects))


def read_clause(key: str) -> Clause:
    """What one clause of a `paragraph_key` states."""
    w = clause_words()
    base: dict[str, Any] = {
        "part": key.startswith(w.subset_markers),
        "remainder": key.startswith(w.remainder_markers),
    }
    if QUANTITY_MARK in key or key.endswith(w.list_intros) or w.unit_breakdown.search(key):
        return Clause(skip=True, **base)
    percent = _PERCENT.search(key)
    if percent and any(x in key for x in w.share_markers):
        found = _status(key[: percent.start()] + key[percent.end() :])
        return Clause(status=found[2] if found else None, share=float(percent[1]), **base)
    if percent:
        if key[percent.end() :].startswith(w.band_words):
            return Clause(skip=True, **base)
        key = _PERCENT_OF.sub("", key)
    base["forecast"] = any(x in key for x in w.forecast_words)
    base["total_marked"] = any(x in key for x in w.total_markers)
    counts = _counts(key)
    if not counts and not _ends_with_scope(key) and not any(x in key for x in w.all_words):
        return Clause(**base)  # no count, no scope, no "all": nothing its status could say
    found = _status(key)
    if found is not None and any(x in key[: found[0]] for x in w.negations):
        return Clause(skip=True, **base)
    if found is None or _is_scope(key, found):
        return _total(key, counts, base)
    return _stated(key, found, counts, base)


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
    valid = [c for c in counts if c.valid]
    last = valid[-1] if valid else None
    opens = bool(valid and valid[0].start == 0) or (_ends_with_scope(key) and not base["part"])
    return Clause(
        scope=last.value if last else None,
        scope_coarse=bool(last and last.classifier in clause_words().coarse_classifiers),
        classifier=last.classifier if last else None,
        opens=opens,
        **base,
    )


def _stated(
    key: str, found: tuple[int, int, str], counts: list[Count], base: dict[str, Any]
) -> Clause:
    """A clause with a state: which count is in it (6项已完成, 已完成26件, 推进缓慢的有3项)."""
    start, end, status = found
    all_items = any(x in key for x in clause_words().all_words)
    after = [c for c in counts if c.start >= end]
    before = [c for c in counts if c.end <= start]
    if after and not _about_items(key[end : after[0].start], key[after[0].end :]):
        return Clause(skip=True, **base)  # 完成改造12个小区: the work done, not items in a state
    if after:
        count, scopes = after[0], before
    elif before:
        count, scopes = before[-1], before[:-1]
    else:
        return Clause(status=status, all_items=all_items, **base)
    if not count.valid:
        return Clause(skip=True, **base)
    if not after and any(m in key[count.end : start] for m in clause_words().scope_markers):
        return _total(key[:start], counts, base)  # 30项民生实事中不设年度目标任务: a scope
    between = key[scopes[-1].end : count.start] if scopes else ""
    whole = (
        bool(scopes) and not after and not any(m in between for m in clause_words().scope_markers)
    )
    return Clause(
        status=status,
        count=count.value,
        scope=scopes[-1].value if scopes and not whole else None,
        classifier=count.classifier,
        opens=bool(scopes) and not whole,
        whole=whole,
        all_items=all_items,
        **base,
    )
