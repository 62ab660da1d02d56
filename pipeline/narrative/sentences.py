"""The sentences and clauses of a paragraph's key, as the count reader reads them: a clause
ends at a comma, a semicolon, a colon or a 、, except in a list of the items named after a
state (已完成城北水厂、南湖公园等3项), which stays one clause."""

from __future__ import annotations

import re

from pipeline.narrative.clauses import clause_words
from pipeline.values.status import first_status

SENTENCE_SPLIT = re.compile(r"[。!?！？\n]")
CLAUSE_SPLIT = re.compile(r"[,;:、，；：]")


def listed_clauses(sentence: str) -> list[str]:
    """The clauses of a sentence, those of a list of the items named after a state kept as
    one (已完成城北水厂、南湖公园等3项): the state, the names joined by 、, then 等 and their
    count."""
    w = clause_words()
    # groups named one after another (20项补助类、培训类和医疗类项目): one subject, not clauses
    sentence = w.groups_listed.sub(r"\1", sentence)
    if not any(end in sentence for end in w.list_ends):
        return CLAUSE_SPLIT.split(sentence)  # no list named here (most sentences)
    pieces = re.split(f"({CLAUSE_SPLIT.pattern})", sentence)
    clauses: list[str] = []
    at = 0
    while at < len(pieces):
        end = at
        if _opens_with_state(pieces[at]):
            while end + 2 < len(pieces) and pieces[end + 1] == "、":
                end += 2
                if w.listed_count.search(pieces[end]):
                    break
            if not w.listed_count.search(pieces[end]):
                end = at
        clauses.append("".join(pieces[at : end + 1]))
        at = end + 2
    return clauses


def _opens_with_state(piece: str) -> bool:
    found = first_status(piece)
    return found is not None and piece[: found[0]] in ("", *clause_words().state_leads)
