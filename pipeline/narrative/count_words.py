"""The words of the count reader (vocab/counts.toml), compiled once, and the key a paragraph is
read as: Simplified, NFKC, no whitespace, parentheses removed, counters lost in extraction
restored, of two joined states the first. Pure functions that never raise.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pipeline.text.numerals import NUMERAL_CHARS
from pipeline.text.patterns import any_of
from pipeline.text.script import norm_text, to_simplified
from pipeline.values.responsible import organisation_suffixes
from pipeline.values.status import first_status
from pipeline.vocab import table

# A few characters after a digit, then a space: where a count may end its clause.
_SPACE_AFTER_DIGITS = re.compile(r"\d\S{1,4}\s")
_PARENTHESISED = re.compile(r"\([^()]*\)")
_CJK = r"[\u4e00-\u9fff]"
# Around 或, the characters looked at for the states it joins (labels are shorter).
_SPAN = 8
# At most this many characters between a joiner and the second state (按序时进度 before 正常推进).
_JOINED_LEAD = 5
# A count followed by its completion in parentheses (已完成1个(50%)) measures the work of one
# item; the clause holding it is marked with this character and not read.
QUANTITY_MARK = "\ue000"
# Brackets that stand for parentheses (未完成33项〔生态环境保护工作7项、…〕): read as them.
_TORTOISE_SHELLS = str.maketrans("〔〕", "()")
# Put where extraction lost a digit (?3项): the number is not read.
LOST_DIGIT = "\ue001"
# Left where a quoted item's name was (“提高低保标准”项目已完成): the subject is one item.
QUOTED_NAME = "\ue002"


_any = any_of


@dataclass(frozen=True)
class ClauseWords:
    count: re.Pattern[str]
    data: dict[str, Any]
    unit_breakdown: re.Pattern[str]
    lost_counter: re.Pattern[str]
    lost_counter_noun: re.Pattern[str]
    lost_counter_end: re.Pattern[str]  # 已完成全年目标任务的14; (项 lost at the clause's end)
    paren_count: re.Pattern[str]  # 进展较快的实事(6个): a count alone in parentheses
    listed_count: re.Pattern[str]  # …、南湖公园等3项: the count after the items named
    quantity: re.Pattern[str]
    quoted: re.Pattern[str]
    joiner: re.Pattern[str]
    count_then_space: re.Pattern[str]
    group_after: re.Pattern[str]
    reason: re.Pattern[str]  # 因…等原因, 受…影响: why items are in their state
    groups_listed: re.Pattern[str]  # 补助类、培训类和医疗类项目: the 、 between groups named
    lost_digit: re.Pattern[str]
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
    quotes = data["quotes"]
    speech = "".join(map(re.escape, data["speech_marks"]))
    names_after = _any([a for a, _ in quotes] + data["name_list_marks"])
    return ClauseWords(
        count=re.compile(count),
        data=data,
        unit_breakdown=re.compile(
            rf"{_CJK}{{1,10}}(?:{suffixes})(?:{_any(data['unit_breakdown_verbs'])})"
        ),
        lost_counter=re.compile(rf"(?<={_any(data['lost_counter_after'])})(\d+)(?=\()"),
        lost_counter_noun=re.compile(
            rf"(?<![\d.%])(\d{{1,3}})(?={_any(data['lost_counter_before'])})"
        ),
        lost_counter_end=re.compile(
            rf"((?:{_any(data['state_objects'])})的)(\d{{1,3}})(?=[,;:、。]|$)"
        ),
        paren_count=re.compile(rf"\((?:共|计)?(?P<inner>{count})\)"),
        listed_count=re.compile(
            rf"(?:{_any(data['list_ends'])}){count}(?:{_any(data['item_nouns'])})?$"
        ),
        quantity=re.compile(rf"{count}\(\d+(?:\.\d+)?%\)"),
        quoted=re.compile(
            "|".join(
                f"{re.escape(a)}[^{re.escape(b)}{speech}]*{re.escape(b)}"
                f"|{re.escape(a)}[^{re.escape(b)}]*{re.escape(b)}(?={names_after})"
                for a, b in quotes
            )
        ),
        joiner=re.compile(
            rf"(?<={_CJK})(?:{_any(data['alternative_joiners'] + data['state_joiners'])})(?={_CJK})"
        ),
        lost_digit=re.compile(rf"[{marks}](?=\d)|(?<=\d)[{marks}]"),
        count_then_space=re.compile(
            rf"(?<=\d)(?P<c>{classifiers})[ \t\u3000]+(?={_CJK})(?!{_any(data['item_nouns'])})"
        ),
        group_after=re.compile(rf"{_CJK}{{1,4}}(?:{_any(data['group_marks'])})"),
        reason=re.compile(
            rf"(?:{_any(data['reason_leads'])})[^,;:。]{{1,{data['max_reason_chars']}}}?"
            rf"(?:{_any(data['reason_ends'])})"
        ),
        groups_listed=re.compile(
            rf"({_any(data['group_marks'])})、(?=[^,;:、。]{{1,8}}(?:{_any(data['group_marks'])}))"
        ),
        lists={k: tuple(v) for k, v in data.items() if isinstance(v, list)},
    )


def paragraph_key(text: str) -> str:
    """A paragraph as its clauses are read: Simplified, NFKC, no whitespace, 〔〕 as (); 有3(…)
    read as 有3项; a count with its completion in parentheses marked; parentheses removed;
    synonyms replaced; of two states sharing a tail, the first (达到或超过序时进度 ->
    达到序时进度)."""
    w = clause_words()
    # A count and then a space before text (建设进度较快项目共21个 江陵发电厂一期、…): the
    # count ends its clause; what follows names the items.
    if _SPACE_AFTER_DIGITS.search(text):
        text = w.count_then_space.sub(r"\g<c>,", to_simplified(unicodedata.normalize("NFKC", text)))
    key = re.sub(r"\s+", "", norm_text(text)).translate(_TORTOISE_SHELLS)
    if any(quote in key for quote, _ in w.data["quotes"]):
        key = w.quoted.sub(_quoted_name, key)
    key = w.lost_digit.sub(LOST_DIGIT, key)
    key = w.lost_counter_noun.sub(rf"\1{w.data['restored_counter']}", key)
    key = w.lost_counter_end.sub(rf"\1\2{w.data['restored_counter']}", key)
    if "(" in key:
        key = w.paren_count.sub(r"\g<inner>", key)
        key = w.lost_counter.sub(rf"\1{w.data['restored_counter']}", key)
        key = w.quantity.sub(lambda m: m.group(0) + QUANTITY_MARK, key)
        previous = None
        while previous != key:
            previous, key = key, _PARENTHESISED.sub("", key)
    key = w.reason.sub(_reason_left_out, key)
    for word, replacement in w.data["synonyms"].items():
        key = key.replace(word, replacement)
    return _first_of_alternatives(key) if w.joiner.search(key) else key


def _reason_left_out(m: re.Match[str]) -> str:
    """A reason goes, unless a state stands inside it (4个项目因征地拆迁滞后影响整体进度)."""
    return m.group(0) if first_status(m.group(0)) is not None else ""


def _quoted_name(m: re.Match[str]) -> str:
    """Quoted text goes, but a quoted item's name (“…”项目) leaves its empty quotes: one item."""
    return QUOTED_NAME if m.string.startswith(clause_words().one_item_nouns, m.end()) else ""


def _first_of_alternatives(key: str) -> str:
    """Of two states joined by 或, the first: 完成或超额完成 -> 完成; 达到或超过序时进度 ->
    达到序时进度 (when the first does not end in a status, the second's first two characters
    go). Of two joined by 和 (已完成和提前完成), the first, where both are states."""
    w = clause_words()
    joiner = w.joiner.search(key)
    while joiner is not None:
        start, end = joiner.start(), joiner.end()
        if key.startswith(w.partial_marks, end):  # 竣工或部分竣工: finished in part, as a whole
            key = key[:start] + key[end:]
            joiner = w.joiner.search(key, start)
            continue
        after = _state_run(key[end : end + _SPAN + _JOINED_LEAD])
        if (
            after is not None
            and _ends_in_status(key[max(0, start - _SPAN) : start])
            and _joined_state(key, end, after)
        ):
            cut = end + after[1]
        elif joiner.group(0) in w.alternative_joiners:
            cut = min(end + 2, len(key))
            if after is not None and after[0] == 0 and not _shares_tail(key, start, cut):
                cut = end  # 已开工建设或进入实施阶段: only the second is a state
        else:  # 项目和资金: nothing to choose between
            joiner = w.joiner.search(key, end)
            continue
        key = key[:start] + key[cut:]
        joiner = w.joiner.search(key, start)
    return key


def _shares_tail(key: str, start: int, cut: int) -> bool:
    """Whether the words before a 或 and the tail of the state after it make a state
    (达到 + 序时进度 of 达到或超过序时进度)."""
    joined = key[max(0, start - _SPAN) : start] + key[cut : cut + _SPAN]
    found = first_status(joined)
    width = min(start, _SPAN)
    while found is not None and found[1] <= width:
        found = first_status(joined, found[0] + 1)
    return found is not None and found[0] <= width


def _state_run(text: str) -> tuple[int, int, str] | None:
    """The first status in `text` with the statuses overlapping it (进度正常 and 正常推进 in
    按序时进度正常推进): its start, the end of the last of them, its status."""
    found = first_status(text)
    if found is None:
        return None
    start, end, status = found
    following = first_status(text, start + 1)
    while following is not None and following[0] < end:
        end = max(end, following[1])
        following = first_status(text, following[0] + 1)
    return start, end, status


def _joined_state(key: str, end: int, after: tuple[int, int, str]) -> bool:
    """Whether the state after a joiner is the second of two: right after it, or after a few
    words that qualify it and hold no count (超序时进度及按序时进度正常推进的51个)."""
    lead = key[end : end + after[0]]
    return len(lead) <= _JOINED_LEAD and not any(ch.isdigit() for ch in lead)


def _ends_in_status(text: str) -> bool:
    found = first_status(text)
    while found is not None and found[1] != len(text):
        found = first_status(text, found[0] + 1)
    return found is not None
