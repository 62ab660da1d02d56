"""Reading the statements of an item list in prose: where an item's line turns from what is
to be done into what has been done, whether a heading is a part of the report, a count of
items or a project's name, and the status a clause of its progress states."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.text.script import match_key, to_simplified
from pipeline.values.quantities import find_quantities
from pipeline.values.responsible import organisation_suffixes
from pipeline.values.status import status_in_text, status_of_label
from pipeline.vocab import table

# An item's statement is a name, not a paragraph: longer than this, a lone heading is prose.
MAX_HEADING_CHARS = 30
# A statement before "。" that opens an unnumbered "item。progress" paragraph.
MAX_UNNUMBERED_STATEMENT = 40
_CLAUSE_END = re.compile(r"[，,；;。]\s*")
_SENTENCE_END = re.compile(r"。\s*")
_COLON = re.compile(r"[:：]\s*")
POINTS_BOUNDARY = re.compile(r"[。:：]\s*")  # where numbered points may start inside a line
EDGE = " \t。，,；;：:"
_NO_WORD = re.compile(r"^\W*$")
_NOT_IN_HEADING = re.compile(r"[，,；;。:：?？!！]")
_SENTENCE_CLOSE = re.compile(r"[。；;!！?？][”’」)）]?\s*$")


@dataclass(frozen=True)
class StatementWords:
    section_endings: tuple[str, ...]
    no_items_under: tuple[str, ...]
    project_endings: tuple[str, ...]
    class_endings: tuple[str, ...]
    item_count: re.Pattern[str]
    group_summary: re.Pattern[str]
    progress_start: re.Pattern[str]
    progress_sentence: re.Pattern[str]  # also starts progress, after a sentence's end only
    status_prefix: re.Pattern[str]  # a subject or time word at the start of a clause
    adverbs: re.Pattern[str]
    progress_labels: tuple[str, ...]


@functools.cache
def statement_words() -> StatementWords:
    data = table("lists")
    clause = data["status_clause"]
    prefixes = clause["subjects"] + clause["times"]
    return StatementWords(
        section_endings=tuple(data["section_endings"]),
        no_items_under=tuple(data["no_items_under"]),
        project_endings=tuple(data["project_endings"]),
        class_endings=tuple(data["class_endings"]),
        item_count=re.compile(data["item_count"]),
        group_summary=re.compile(data["group_summary"]),
        progress_start=re.compile("|".join(f"(?:{p})" for p in data["progress_starts"])),
        progress_sentence=re.compile("|".join(f"(?:{p})" for p in data["progress_sentences"])),
        status_prefix=re.compile("|".join(f"(?:{p})" for p in prefixes)),
        adverbs=re.compile("|".join(map(re.escape, clause["adverbs"]))),
        progress_labels=tuple(data["labels"]["progress"]),
    )


def progress_split(key: str) -> tuple[int, int] | None:
    """(end of the statement, start of the progress) when a clause after the first starts like
    progress (已完成…, 截至…, 一季度…), or a sentence after the first tells of work done on its
    subject (主体已完工, 城区已完成…)."""
    words = statement_words()
    for boundary in _CLAUSE_END.finditer(key):
        if words.progress_start.match(key, boundary.end()) or (
            "。" in boundary.group() and _tells_of_work(key, boundary.end())
        ):
            return boundary.start(), boundary.end()
    return None


def _tells_of_work(key: str, start: int) -> bool:
    """A sentence from `start` on that tells what has been done (主体已完工) or states its
    state (改造项目全部完工)."""
    if statement_words().progress_sentence.match(key, start):
        return True
    clause = _CLAUSE_END.search(key, start)
    return states_a_state(key[start : clause.start() if clause else len(key)])


def reports_progress(progress: str) -> bool:
    """Text that reports figures or work done (not a description or a plan)."""
    return bool(progress_split("。" + progress) or find_quantities(progress))


def unnumbered_statement(key: str) -> bool:
    """An unnumbered paragraph that reads as "item。progress": a short first sentence, then one
    that starts like progress (…(2022—2024年)。上半年已建成…)."""
    first = _SENTENCE_END.search(key)
    return (
        first is not None
        and first.start() <= MAX_UNNUMBERED_STATEMENT
        and not _CLAUSE_END.search(key[: first.start()])
        and statement_words().progress_start.match(key, first.end()) is not None
    )


def heading_line(key: str) -> bool:
    """A line that is a name and nothing else: short, no clause or sentence inside or after it
    (幼儿园建设项目, 提升卫生应急救援处置能力)."""
    short = 2 <= len(key) <= MAX_HEADING_CHARS
    return short and not _NO_WORD.match(key) and not _NOT_IN_HEADING.search(key)


def paragraph_line(key: str) -> bool:
    """A line that is prose, not a name or a fragment: longer than a name, or a sentence."""
    sentence = bool(_SENTENCE_CLOSE.search(key)) and not _NO_WORD.match(key)
    return len(key) > MAX_HEADING_CHARS or sentence


def heading_colon(key: str) -> tuple[int, int] | None:
    """(end of the heading, start of the text) for a line that starts with a short heading
    and a colon, text after it (…泊位方面:已建成…)."""
    found = _COLON.search(key)
    if found is None or not 2 <= found.start() <= MAX_HEADING_CHARS:
        return None
    if _CLAUSE_END.search(key[: found.start()]) or not key[found.end() :].strip():
        return None
    return found.start(), found.end()


def first_break(key: str) -> tuple[int, int] | None:
    sentence = _SENTENCE_END.search(key)
    if sentence and key[sentence.end() :].strip():
        return sentence.start(), sentence.end()
    clause = _CLAUSE_END.search(key)
    if clause and key[clause.end() :].strip():
        return clause.start(), clause.end()
    return None


def first_sentence(text: str) -> str:
    found = _SENTENCE_END.search(text)
    return (text[: found.start()] if found else text).strip(EDGE)


def counts_items(name: str) -> bool:
    """A heading that counts items ((共3项), 2个项目提前完成…): a group of items."""
    return bool(statement_words().item_count.search(first_sentence(to_simplified(name))))


def summarises_group(progress: str) -> bool:
    """A progress text that opens by counting the projects under it (计划续建项目60个,…): the
    summary of a group of items."""
    clause = _CLAUSE_END.search(progress)
    first = to_simplified(progress[: clause.start()] if clause else progress)
    return bool(statement_words().group_summary.search(first))


def names_a_part(name: str) -> bool:
    """A heading of a part of the report (总体情况, 重点项目进展情况, 工作要求)."""
    bare = re.sub(r"[(（][^()（）]*[)）]$", "", to_simplified(name)).strip(EDGE)
    return len(bare) <= MAX_HEADING_CHARS and bare.endswith(statement_words().section_endings)


def announces_items(heading: str) -> bool:
    """A heading over a list of items: one that counts them ((共3项)), gives their state
    (已完成全年目标任务的…) or names their progress (…任务完成情况)."""
    key = to_simplified(heading)
    return (
        counts_items(key)
        or status_in_text(key) is not None
        or any(word in key for word in statement_words().progress_labels)
    )


def leads_no_items(name: str) -> bool:
    """A section about problems, plans or examples (存在问题及下一步打算, 典型案例): what it
    numbers are not items."""
    key = to_simplified(name)
    return any(word in key for word in statement_words().no_items_under)


def states_a_state(statement: str) -> bool:
    """A statement that ends with a status label (重点工程稳步推进) is a summary of how things
    go, not a task."""
    found = status_in_text(statement)
    return found is not None and match_key(statement).endswith(found[0])


def reported_project(name: str) -> str:
    """A heading that names a project and then the report on it (…公园建设项目完成情况): the
    project's name; any other heading as it is (市级重点项目进展情况 names a class of them)."""
    words = statement_words()
    key = to_simplified(name)
    for label in words.progress_labels:
        rest = key[: -len(label)].strip(EDGE)
        named = rest.endswith(words.project_endings) and not rest.endswith(words.class_endings)
        if key.endswith(label) and named:
            return name[: len(rest)]
    return name


def is_project(name: str, progress: str | None) -> bool:
    """A heading alone on its line that ends like a project's name, with progress below that
    reports figures or work done (not a description: 典型案例 under a project's name)."""
    return (
        bool(progress)
        and len(name) <= MAX_HEADING_CHARS
        and not _CLAUSE_END.search(name)
        and to_simplified(name).endswith(statement_words().project_endings)
        and reports_progress(progress or "")
    )


def stated_status(progress: str) -> tuple[str, str] | None:
    """The first clause of the progress that is a status label once its subject and time are
    set aside (此项工作已完成, 上半年已全部完工, 总体进展顺利): (the clause, status)."""
    words = statement_words()
    for clause in re.split(r"[，,；;。：:\s]+", progress):
        core = to_simplified(clause)
        while (prefix := words.status_prefix.match(core)) and prefix.end() < len(core):
            core = core[prefix.end() :]
        for candidate in (core, words.adverbs.sub("", core)):
            status = status_of_label(candidate) if len(candidate) >= 2 else None
            if status:
                return clause, status
    return None


def organisations(value: str) -> str:
    """A units value that runs on into other text separated by spaces (a table flattened after
    it) ends before the first part that is not a list of organisations."""
    parts = value.split()
    kept = parts[:1]
    for part in parts[1:]:
        names = [name for name in re.split(r"[、,，;；]", part) if name]
        if not all(to_simplified(name).endswith(organisation_suffixes()) for name in names):
            break
        kept.append(part)
    return " ".join(kept)
