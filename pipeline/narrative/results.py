"""Entries of an item list in prose that give an item's result with no word of progress to
split at: a name alone in the first sentence, then what was achieved (农村通信。解决46个自然村
通电话问题,完成目标任务的102%), as bulletins that report a programme's outcome by line print
them. The result states no status of its own (完成目标任务 is no status label): the item's state
stays unknown rather than guessed from its verbs."""

from __future__ import annotations

import functools
import re

from pipeline.narrative.statements import heading_line
from pipeline.values.quantities import find_quantities
from pipeline.vocab import table

_SENTENCE_END = re.compile(r"。\s*")


@functools.cache
def _completion() -> re.Pattern[str]:
    return re.compile(table("lists")["completion_result"])


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


def tells_completion(result: str) -> bool:
    """A result that tells how far its target is met (完成目标任务, 占年计划的79%): what makes
    "name。result" an item rather than a measure and what was done for it (加强组织领导。召开
    专题会议5次)."""
    return _completion().search(result) is not None
