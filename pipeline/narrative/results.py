"""Entries of an item list in prose that give an item's result with no word of progress to
split at: a name alone in the first sentence, then what was achieved (农村通信。解决46个自然村
通电话问题,完成目标任务的102%), as bulletins that report a programme's outcome by line print
them. The result states no status of its own (完成目标任务 is no status label): the item's state
stays unknown rather than guessed from its verbs."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING

from pipeline.narrative.cut_off import uncut
from pipeline.narrative.statements import EDGE, MAX_HEADING_CHARS, heading_line
from pipeline.values.quantities import find_quantities
from pipeline.vocab import table

if TYPE_CHECKING:  # entries reads its lines with this module's functions
    from pipeline.narrative.entries import Reading
    from pipeline.narrative.outline import Entry

_SENTENCE_END = re.compile(r"。\s*")


@functools.cache
def _completion() -> re.Pattern[str]:
    return re.compile(table("lists")["completion_result"])


@functools.cache
def _share() -> re.Pattern[str]:
    return re.compile(table("lists")["target_share"])


def tells_share(result: str) -> bool:
    """A result that gives the share of its target met (为计划的101%, 完成全年目标的103.9%)."""
    return _share().search(result) is not None


def name_sentence(key: str) -> tuple[int, int] | None:
    """(end of the name, start of the result) for a line whose first sentence is a name: short,
    one clause, no figures (农村电网改造工程。建设农村电网线路587.8公里,…); a first sentence
    with figures states a task (新建托育点12个。…), not a name."""
    found = _SENTENCE_END.search(key)
    if found is None or not key[found.end() :].strip():
        return None
    name = key[: found.start()]
    if not heading_line(name) or find_quantities(name):
        return None
    return found.start(), found.end()


@functools.cache
def _target_met() -> re.Pattern[str]:
    return re.compile(table("lists")["target_met"])


def tells_completion(result: str) -> bool:
    """A result that tells how far its target is met (完成目标任务, 占年计划的79%): what makes
    "name。result" an item rather than a measure and what was done for it (加强组织领导。召开
    专题会议5次)."""
    return _completion().search(result) is not None


SHARE_MET = Fraction(1, 2)
MIN_RESULTS = 2
_OPENING_END = re.compile(r"[；;。]")


def result_list(entries: Sequence[Entry], names: Sequence[str]) -> bool:
    """Numbered entries (with the names read from them) that are paragraphs of results with no
    name (一、截至…,城镇登记失业人数为…;扶持547人成功创业,完成全年目标的109.4%;…): each
    statement longer than a name, and half of them, the last set aside when the page ends
    inside it, telling a target met. Figures alone are not enough (statistics of the economy:
    地区生产总值…增长13.3%), nor is work going on (目前,…正在有序推进: matters followed up)."""
    if len(entries) < MIN_RESULTS or any(entry.number is None for entry in entries):
        return False
    if any(len(name) <= MAX_HEADING_CHARS for name in names):
        return False
    judged = uncut(entries)
    met = sum(_target_met().search(entry.text.key) is not None for entry in judged)
    return met >= SHARE_MET * len(judged)


MIN_RATED = 3


def rated_list(entries: Sequence[Entry]) -> bool:
    """Numbered paragraphs of results with no name, each giving the share of its target met
    (（一）已新增助餐服务点235个、…,整体完成率111.5%。), as a year-end report on a programme
    prints one per item: at least three, each on its line alone, and every one, the last set
    aside when the page ends inside it, telling the share (`tells_share`)."""
    if len(entries) < MIN_RATED or any(e.number is None or e.children for e in entries):
        return False
    judged = uncut(entries)
    return bool(judged) and all(not e.body and tells_share(e.text.key) for e in judged)


def as_results(entry: Entry, reading: Reading) -> Reading:
    """A paragraph of results read as an item: named by its opening, up to its first semicolon
    or full stop (截至2013年12月底,城镇登记失业人数为19912人,…), all of it its progress."""
    text = "\n".join(line.text for line in (entry.text, *entry.body))
    found = _OPENING_END.search(entry.text.text)
    name = (entry.text.text[: found.start()] if found else entry.text.text).strip(EDGE)
    return replace(reading, name=name, target=None, progress=text, result=True)
