"""Summary counts in the narrative: "30项…,6项已完成,18项按计划推进,6项进展较为缓慢" as the
declared total and the count (and share) per status, recorded as stated, never corrected.

Each paragraph states breakdowns (`breakdowns.py`). A run of paragraphs that each open with
one count ((一)提前完成任务指标有7项。…, ■ 7个项目…) is one breakdown, and so are breakdowns one
after another over the same items (55个项目中…, then 在55个项目中还有…). The breakdown that names
the most statuses is the bulletin's (the first of those), read from the body before the
headlines above it, which repeat one or two of its counts.

Best effort, never raises. The words are vocab/counts.toml; the statuses vocab/statuses.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from pipeline.narrative.breakdowns import Breakdown, Reader, read_breakdowns
from pipeline.narrative.clauses import clause_words, paragraph_key
from pipeline.narrative.outline import Line, marker_of
from pipeline.narrative.sentences import CLAUSE_SPLIT, SENTENCE_SPLIT
from pipeline.narrative.totals import counts_items, counts_things, reported_on
from pipeline.text.script import to_simplified

# Longer than this, or with a full stop, a paragraph is a sentence, not a headline.
MAX_HEADLINE_CHARS = 80
# The opening sentence of an item of a list of counts is short ((一)提前完成任务指标有7项。).
MAX_LIST_OPENING_CHARS = 40
_NUMBERED = re.compile(
    r"^(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）])"
)


# A clause ends at one of these, or a sentence does.
_CLAUSE_MARKS = re.compile(f"{CLAUSE_SPLIT.pattern}|{SENTENCE_SPLIT.pattern}")


@dataclass(frozen=True)
class SummaryCounts:
    total: int | None
    counts: dict[str, int]  # status -> count, as stated
    paragraph: int | None  # index of the paragraph they were read from
    shares: dict[str, float] = field(default_factory=dict)  # status -> percent, as stated


def _may_count(key: str) -> bool:
    """Whether a paragraph can state a count or a share at all (most cannot: read them fast)."""
    w = clause_words()
    return bool(w.count.search(key)) or "%" in key or any(x in key for x in w.all_words)


def _first_sentence(key: str) -> str:
    return SENTENCE_SPLIT.split(key, maxsplit=1)[0]


def _opening(key: str) -> str:
    """What a list paragraph opens with: its first sentence, or, when that runs on (a count,
    then the names of its items: 建设进度较快项目共21个,江陵发电厂一期、…), its first clause."""
    first = _first_sentence(key)
    if len(first) <= MAX_LIST_OPENING_CHARS:
        return first
    number = _NUMBERED.match(first)
    body = first[number.end() :] if number else first
    return CLAUSE_SPLIT.split(body, maxsplit=1)[0]


def _opens_with_count(text: str, key: str) -> bool:
    """A list paragraph: it opens with one count ((一)提前完成任务指标有7项。…, ■ 5个项目…)."""
    w = clause_words()
    text = text.lstrip()
    if not (_NUMBERED.match(text) or text.startswith(w.bullets) or w.count.match(key)):
        return False
    first = _opening(key)
    if len(first) > MAX_LIST_OPENING_CHARS:
        return False
    found = read_breakdowns(first, 0)
    return len(found) == 1 and len(found[0].counts) == 1


def _list_runs(texts: Sequence[str], keys: Sequence[str]) -> Iterator[list[int]]:
    """Runs of two or more consecutive paragraphs that each open with one count; a headline
    without a count between two of them (如期进行的项目, then 3. 政府如期实现了783项承诺) does
    not end the run."""
    run: list[int] = []
    for index, (text, key) in enumerate([*zip(texts, keys, strict=True), ("", "")]):
        if key and _may_count(key) and _opens_with_count(text, key):
            run.append(index)
            continue
        if run and key and not _may_count(key) and not _is_sentence(text):
            continue
        if len(run) >= 2:
            yield run
        run = []


def _mark(text: str) -> tuple[str, int] | None:
    """A list opening's numbering style and number (一、 (一) 1. …, as outline.py reads them)."""
    found = marker_of(Line(text, to_simplified(text), None))
    return (found[0], found[1]) if found is not None and found[1] is not None else None


def _numbered_runs(texts: Sequence[str], keys: Sequence[str]) -> Iterator[list[int]]:
    """Numbered openings with one count each, in their order (一、已完成3项:, then 二、需大力推进
    的项目有13项:), with the paragraphs that name their items between them."""
    run: list[int] = []
    style, last = "", 0
    for index, (text, key) in enumerate(zip(texts, keys, strict=True)):
        mark = _mark(text)
        if mark is None:
            continue  # the items' paragraphs between two openings
        opens = bool(key) and _may_count(key) and _opens_with_count(text, key)
        if run and mark == (style, last + 1) and opens:
            run.append(index)
            last += 1
            continue
        if run and mark[0] != style:
            continue  # a list of the items inside one opening's part
        if len(run) >= 2:
            yield run
        run = [index] if opens else []
        style, last = mark
    if len(run) >= 2:
        yield run


def _run_breakdown(keys: Sequence[str], run: Sequence[int]) -> Breakdown:
    reader = Reader(run[0])
    for index in run:
        reader.sentence(_opening(keys[index]))
    merged = reader.breakdowns[0]
    for later in reader.breakdowns[1:]:
        for status, count in later.counts.items():
            merged.counts[status] = merged.counts.get(status, 0) + count
    return merged


def _is_sentence(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) > MAX_HEADLINE_CHARS or "。" in stripped or stripped.endswith(("，", ","))


def _list_intro(key: str) -> str | None:
    """A paragraph that is only the opening of a list, with a count in a state (26项未达到序时
    进度要求的具体目标如下:): that clause without its opening word, to be read on its own. A
    list opened inside a paragraph (…7项任务推进较为滞后。推进较为滞后的7项任务分别是:) repeats
    a count stated before it, and is not read."""
    w = clause_words()
    clause = key.rstrip(":：")
    if _CLAUSE_MARKS.search(clause) or not clause.endswith(w.list_intros):
        return None
    for intro in w.list_intros:
        clause = clause.removesuffix(intro)
    return clause if w.count.search(clause) else None


def _candidates(paragraphs: Sequence[str]) -> tuple[list[Breakdown], list[Breakdown]]:
    """(body breakdowns, headline breakdowns) in reading order; a list's opening paragraph
    with a count (`_list_intro`) is read as a breakdown marked `listed`."""
    keys = [paragraph_key(text) for text in paragraphs]
    runs = list(_list_runs(paragraphs, keys))
    in_runs = {index for run in runs for index in run}
    for run in _numbered_runs(paragraphs, keys):
        if not in_runs.intersection(run):
            runs.append(run)
            in_runs.update(run)
    starts = {run[0]: run for run in runs}
    body: list[Breakdown] = []
    headlines: list[Breakdown] = []
    seen_sentence = False
    for index, text in enumerate(paragraphs):
        seen_sentence = seen_sentence or _is_sentence(text)
        if index in starts:
            body.append(_run_breakdown(keys, starts[index]))
        elif index not in in_runs and (intro := _list_intro(keys[index])) is not None:
            body.extend(replace(b, listed=True) for b in read_breakdowns(intro, index))
        elif index not in in_runs and _may_count(keys[index]):
            (body if seen_sentence else headlines).extend(read_breakdowns(keys[index], index))
    return body, headlines


def _same_scope_joined(breakdowns: Sequence[Breakdown]) -> list[Breakdown]:
    """Breakdowns one after another over the same items (55个重大项目中,已有1个项目完成…, then
    在55个重大项目中还有14个项目进展较为缓慢) as one: the same total, other statuses,
    together no more than the total. A list's opening without a total (150项目标任务…124项达到
    序时进度要求, then 26项未达到序时进度要求的具体目标如下:) joins the last breakdown with a
    total and counts in the same way (not a part's, 重点工作中的17个具体事项…, stated between)."""
    joined: list[Breakdown] = []
    for b in breakdowns:
        at = len(joined) - 1
        if b.listed and b.total is None:  # the last with a total and counts
            at = next(
                (i for i in reversed(range(len(joined))) if joined[i].counts and joined[i].total),
                -1,
            )
        last = joined[at] if at >= 0 else None
        if (
            last is not None
            and last.total is not None
            and (b.total == last.total or (b.listed and b.total is None))
            and b.counts
            and last.counts
            and not set(b.counts) & set(last.counts)
            and last.outside_parts + b.outside_parts <= last.total
        ):
            joined[at] = replace(
                last,
                counts={**last.counts, **b.counts},
                outside_parts=last.outside_parts + b.outside_parts,
            )
            continue
        joined.append(b)
    return joined


def _best(breakdowns: Iterable[Breakdown], paragraphs: Sequence[str]) -> Breakdown | None:
    """The plausible breakdown that names the most statuses, of items rather than things (a
    total of 280个避灾点 counts things); the first of those. Counts come
    before the overall state of a programme (30件实事基本完成, then 29件实事已经完成), but not
    before a state of every item (15件实事已经全部完成); the counts of a total before that many
    items counted alone (30件实事已经基本完成, then 共30件,29件已经完成)."""
    stated = [b for b in breakdowns if b.richness]
    if not stated:
        return None
    alone = {n for b in stated if b.total is None for n in b.statuses.values()}
    return max(
        stated,
        key=lambda b: (
            b.plausible,
            not counts_things(b, paragraphs),  # not 280个避灾点已建成246个
            b.richness,
            bool(b.counts) or b.remark_all,
            b.total is not None and b.total in alone,
        ),
    )


def find_summary_counts(paragraphs: Sequence[str]) -> SummaryCounts:
    """The declared total and counts: the breakdown that names the most statuses, from the body
    (else from the headlines); without any, a total announced with 共, 全市 … alone."""
    body, headlines = _candidates(paragraphs)
    best = _best(_same_scope_joined(body), paragraphs) or _best(headlines, paragraphs)
    if best is not None:
        return SummaryCounts(best.total, best.statuses, best.paragraph, best.shares)
    marked = next(
        (
            b
            for b in [*body, *headlines]
            if b.total is not None
            and (b.total_marked or reported_on(b, paragraphs))
            and counts_items(b, paragraphs)
        ),
        None,
    )
    if marked is not None:
        return SummaryCounts(marked.total, {}, marked.paragraph)
    return SummaryCounts(None, {}, None)
