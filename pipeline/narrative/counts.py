"""Summary counts in the narrative: "30项…,6项已完成,18项按计划推进,6项进展较为缓慢" as the
declared total and the count (and share) per status, recorded as stated, never corrected.

A paragraph is read clause by clause (`clauses.py` says what one clause states). Its counts form
a breakdown; a new total or scope (20件民生大事, 48项具体工作已有24项…) starts another one,
so a second programme or a finer unit reported after the first is not added to it. A run of
paragraphs that each open with one count ((一)提前完成任务指标有7项。…, ■ 7个项目…) is one
breakdown. The breakdown that names the most statuses is the bulletin's (the first of those),
read from the body before the headlines above it, which repeat one or two of its counts.

Best effort, never raises. The words are vocab/counts.toml; the statuses vocab/statuses.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from pipeline.narrative.clauses import Clause, clause_words, paragraph_key, read_clause
from pipeline.text.script import to_simplified
from pipeline.vocab import table

# Longer than this, or with a full stop, a paragraph is a sentence, not a headline.
MAX_HEADLINE_CHARS = 80
# The opening sentence of an item of a list of counts is short ((一)提前完成任务指标有7项。).
MAX_LIST_OPENING_CHARS = 40
_SENTENCE_SPLIT = re.compile(r"[。!?！？\n]")
_CLAUSE_SPLIT = re.compile(r"[,;:、，；：]")
_NUMBERED = re.compile(
    r"^(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）])"
)


# A line numbered as an item of a list: 4.…, (2)…, 3、…
_ITEM_LINE = re.compile(r"^\s*[(（]?\d{1,3}[)）.、．]")


@dataclass(frozen=True)
class SummaryCounts:
    total: int | None
    counts: dict[str, int]  # status -> count, as stated
    paragraph: int | None  # index of the paragraph they were read from
    shares: dict[str, float] = field(default_factory=dict)  # status -> percent, as stated


@dataclass
class Breakdown:
    """One set of counts, as a paragraph (or a run of paragraphs) states it."""

    paragraph: int
    total: int | None = None
    total_marked: bool = False  # the total came with 共, 合计, 全市 …
    total_coarse: bool = False  # the total counts groups (10大类): a count of items replaces it
    total_classifier: str | None = None  # its counter (项, 件, 个)
    counts: dict[str, int] = field(default_factory=dict)
    shares: dict[str, float] = field(default_factory=dict)
    # The state of the whole programme (15件重点民生实事推进顺利): kept when nothing finer is said.
    remark: tuple[str, int] | None = None
    remark_all: bool = False  # the remark says every item is in its state (全部完成)
    all_before_total: str | None = None  # 项目已全部完工。共申报项目100个: the state of all
    parent: str | None = None  # the status of the last count, which a 其中 part belongs to
    classifiers: set[str] = field(default_factory=set)  # the counters of its counts (项, 件)
    outside_parts: int = 0  # the sum of its counts that are not 其中 parts

    @property
    def plausible(self) -> bool:
        """Its counts, 其中 parts aside, do not exceed its total."""
        return self.total is None or self.outside_parts <= self.total

    @property
    def statuses(self) -> dict[str, int]:
        if self.counts:
            return self.counts
        return {self.remark[0]: self.remark[1]} if self.remark else {}

    @property
    def richness(self) -> int:
        return len(set(self.statuses) | set(self.shares))


class _Reader:
    """Reads sentences into breakdowns; `breakdowns[-1]` is the one being filled."""

    def __init__(self, paragraph: int) -> None:
        self.paragraph = paragraph
        self.breakdowns = [Breakdown(paragraph)]
        self.in_part = False  # inside a 其中 … part of the last count
        self.expected = False  # after 预计 …: the rest of the sentence is expected, not stated
        self.last_scope: int | None = None  # the latest total or scope stated

    def sentence(self, text: str) -> None:
        self.in_part = self.expected = False
        for piece in _CLAUSE_SPLIT.split(text):
            if piece:
                self.clause(read_clause(piece))

    def clause(self, c: Clause) -> None:
        b = self.breakdowns[-1]
        if c.part:
            self.in_part = True
        elif c.remainder:
            self.in_part = False
        self.expected = self.expected or c.forecast
        if c.skip or self.expected:
            return
        if c.share is not None:
            if c.status is not None:
                b.shares[c.status] = b.shares.get(c.status, 0.0) + c.share
            return
        b = self._scope(c, b)
        if c.status is None or c.count is None:
            every = c.all_items and not self.in_part and self.last_scope == b.total
            if c.status is not None and b.total is not None and every:
                self._record(b, c.status, b.total, None)  # 共25项,已全部完成
            elif c.status is not None and every and not b.counts:
                b.all_before_total = c.status  # the total comes after
            return
        if c.whole or (c.count == b.total and not b.counts and not b.remark):
            b.remark, b.parent = (c.status, c.count), None  # the whole programme's state
            b.remark_all = c.all_items
            b.total = c.count if b.total is None else b.total
            b.classifiers.add(c.classifier or "")
        elif not (self.in_part and b.parent and c.status not in _refining(b.parent)):
            self._record(b, c.status, c.count, c.classifier)

    def _scope(self, c: Clause, b: Breakdown) -> Breakdown:
        """A total or scope: it opens a new breakdown once this one has counts, unless it only
        counts more items in the same counter (32件…完成, 2件因征地影响暂缓实施)."""
        other = c.status is not None or c.total_marked or c.classifier not in b.classifiers
        if c.opens and other and (b.counts or b.remark) and not (c.remainder or self.in_part):
            b = Breakdown(self.paragraph)
            self.breakdowns.append(b)
        if c.scope is not None and not self.in_part:
            self.last_scope = c.scope
        replaces = b.total_coarse or (c.total_marked and not b.total_marked) or _finer(c, b)
        if c.scope is not None and (b.total is None or replaces) and not b.counts:
            b.total, b.total_marked, b.total_coarse = c.scope, c.total_marked, c.scope_coarse
            b.total_classifier = c.classifier
        return b

    def _record(self, b: Breakdown, status: str, count: int, classifier: str | None) -> None:
        b.counts[status] = b.counts.get(status, 0) + count
        b.classifiers.add(classifier or "")
        if not self.in_part:
            b.parent = status
            b.outside_parts += count


def _finer(c: Clause, b: Breakdown) -> bool:
    """A total of items in a finer unit, before any count (30件40个项目, 145项任务细化为222个
    具体工作, 32项、38个考核指标中): the items counted are those."""
    if c.scope is None or b.total is None or b.remark or not c.scope_items:
        return False
    return c.classifier != b.total_classifier and c.scope > b.total


def _refining(parent: str) -> set[str]:
    """The statuses that say more than `parent` (vocab/counts.toml [refines])."""
    return {child for child, parents in clause_words().refines.items() if parent in parents}


def read_breakdowns(key: str, paragraph: int) -> list[Breakdown]:
    """The breakdowns one paragraph (its `paragraph_key`) states."""
    reader = _Reader(paragraph)
    for sentence in _SENTENCE_SPLIT.split(key):
        reader.sentence(sentence)
    for b in reader.breakdowns:
        if b.all_before_total and b.total is not None and not (b.counts or b.remark):
            b.remark, b.remark_all = (b.all_before_total, b.total), True
    return reader.breakdowns


def _may_count(key: str) -> bool:
    """Whether a paragraph can state a count or a share at all (most cannot: read them fast)."""
    w = clause_words()
    return bool(w.count.search(key)) or "%" in key or any(x in key for x in w.all_words)


def _first_sentence(key: str) -> str:
    return _SENTENCE_SPLIT.split(key, maxsplit=1)[0]


def _opens_with_count(text: str, key: str) -> bool:
    """A list paragraph: it opens with one count ((一)提前完成任务指标有7项。…, ■ 5个项目…)."""
    w = clause_words()
    text = text.lstrip()
    if not (_NUMBERED.match(text) or text.startswith(w.bullets) or w.count.match(key)):
        return False
    first = _first_sentence(key)
    if len(first) > MAX_LIST_OPENING_CHARS:
        return False
    found = read_breakdowns(first, 0)
    return len(found) == 1 and len(found[0].counts) == 1


def _list_runs(texts: Sequence[str], keys: Sequence[str]) -> Iterator[list[int]]:
    """Runs of two or more consecutive paragraphs that each open with one count."""
    run: list[int] = []
    for index, (text, key) in enumerate([*zip(texts, keys, strict=True), ("", "")]):
        if key and _may_count(key) and _opens_with_count(text, key):
            run.append(index)
            continue
        if len(run) >= 2:
            yield run
        run = []


def _run_breakdown(keys: Sequence[str], run: Sequence[int]) -> Breakdown:
    reader = _Reader(run[0])
    for index in run:
        reader.sentence(_first_sentence(keys[index]))
    merged = reader.breakdowns[0]
    for later in reader.breakdowns[1:]:
        for status, count in later.counts.items():
            merged.counts[status] = merged.counts.get(status, 0) + count
    return merged


def _is_sentence(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) > MAX_HEADLINE_CHARS or "。" in stripped or stripped.endswith(("，", ","))


def _candidates(paragraphs: Sequence[str]) -> tuple[list[Breakdown], list[Breakdown]]:
    """(body breakdowns, headline breakdowns) in reading order."""
    keys = [paragraph_key(text) for text in paragraphs]
    runs = list(_list_runs(paragraphs, keys))
    in_runs = {index for run in runs for index in run}
    starts = {run[0]: run for run in runs}
    body: list[Breakdown] = []
    headlines: list[Breakdown] = []
    seen_sentence = False
    for index, text in enumerate(paragraphs):
        seen_sentence = seen_sentence or _is_sentence(text)
        if index in starts:
            body.append(_run_breakdown(keys, starts[index]))
        elif index not in in_runs and _may_count(keys[index]):
            (body if seen_sentence else headlines).extend(read_breakdowns(keys[index], index))
    return body, headlines


def _best(breakdowns: Iterable[Breakdown]) -> Breakdown | None:
    """The plausible breakdown that names the most statuses; the first of those. Counts come
    before the overall state of a programme (30件实事基本完成, then 29件实事已经完成), but not
    before a state of every item (15件实事已经全部完成)."""
    stated = [b for b in breakdowns if b.richness]
    if not stated:
        return None
    return max(stated, key=lambda b: (b.plausible, b.richness, bool(b.counts) or b.remark_all))


def _counts_items(b: Breakdown, paragraphs: Sequence[str]) -> bool:
    """A total announced alone counts the programme's items (20件, 12项, 重点项目120个), not
    things (全市80个小区), and not in a numbered item's own line (4.全年签约项目20个)."""
    text = to_simplified(paragraphs[b.paragraph]) if b.paragraph < len(paragraphs) else ""
    if _ITEM_LINE.match(text):
        return False
    if b.total_classifier in table("counts")["item_counters"]:
        return True
    nouns = "|".join(map(re.escape, table("counts")["item_nouns"]))
    pattern = rf"(?:{nouns})\D{{0,2}}{b.total}\s*个|{b.total}\s*个(?:{nouns})"
    return re.search(pattern, text) is not None


def find_summary_counts(paragraphs: Sequence[str]) -> SummaryCounts:
    """The declared total and counts: the breakdown that names the most statuses, from the body
    (else from the headlines); without any, a total announced with 共, 全市 … alone."""
    body, headlines = _candidates(paragraphs)
    best = _best(body) or _best(headlines)
    if best is not None:
        return SummaryCounts(best.total, best.statuses, best.paragraph, best.shares)
    marked = next(
        (
            b
            for b in [*body, *headlines]
            if b.total is not None and b.total_marked and _counts_items(b, paragraphs)
        ),
        None,
    )
    if marked is not None:
        return SummaryCounts(marked.total, {}, marked.paragraph)
    return SummaryCounts(None, {}, None)
