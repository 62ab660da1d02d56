"""One entry of an item list in prose -> its fields: the item's statement (its name), target,
progress, responsible units and people, the status its progress states, and whether the entry
reads as an item at all.

What an entry's line holds, in the shapes seen on real pages:
- the statement, then its units in brackets, then maybe a state:
  ``新增就业1万人。(责任单位:市人社局)该件实事已全面完成``, ``…老年食堂。(市民政局负责)``;
- the statement, its units after a label, then its progress: ``农村公路提质工程,牵头部门:市交通局。
  进度靠后的县区为北岭县。``;
- the statement, then its progress in the same line, from the first clause that starts like
  progress: ``新建托育点12个,已建成4个``, ``…基站800个。一季度,建成…``, or after the spaces
  that end a short name: ``湖南农网建设 35kV工程完成84.3%``;
- a label and its value: ``任务目标:…`` (a record), ``事项名称:…``;
and below it, lines that are its progress (``完成情况:…`` or plain text) or its other fields.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.narrative.bracketed import bracketed_state
from pipeline.narrative.outline import Entry, Line, label_of, marker_of
from pipeline.narrative.results import name_sentence, tells_completion
from pipeline.narrative.statements import (
    EDGE,
    POINTS_BOUNDARY,
    counts_items,
    first_break,
    first_sentence,
    heading_colon,
    is_project,
    names_a_part,
    organisations,
    progress_split,
    reported_project,
    reports_progress,
    stated_status,
    states_a_state,
    summarises_group,
)
from pipeline.text.clean import clean
from pipeline.text.script import to_simplified
from pipeline.vocab import table


@dataclass(frozen=True)
class UnitWords:
    paren: re.Pattern[str]  # "(" + a unit or people label + ":" (the value runs to ")")
    verb: re.Pattern[str]  # (市民政局负责), (市住建局牵头,各区政府配合)
    inline: re.Pattern[str]  # ,牵头部门:市交通局。
    opening: str  # brackets around units: (（【
    closing: str  # and their closing ones, in the same order


@functools.cache
def unit_words() -> UnitWords:
    data = table("lists")
    labels = data["labels"]
    unit_labels = "|".join(
        sorted(map(re.escape, labels["units"] + labels["people"]), key=len, reverse=True)
    )
    verbs = "|".join(map(re.escape, data["unit_verbs"]))
    partners = "|".join(map(re.escape, data["partner_verbs"]))
    opening, closing = data["unit_brackets"]
    inside = rf"[^{re.escape(opening + closing)}:：]{{2,40}}?"
    return UnitWords(
        paren=re.compile(rf"[{opening}]\s*(?:{unit_labels})\s*[:：]"),
        verb=re.compile(
            rf"[{opening}]({inside})(?:{verbs})(?:[,，、;；]({inside})(?:{partners}))?[{closing}]"
        ),
        inline=re.compile(rf"[,，;；]\s*(?:{unit_labels})\s*[:：]\s*([^。;；]*)[。;；]?"),
        opening=opening,
        closing=closing,
    )


@dataclass(frozen=True)
class Reading:
    name: str
    target: str | None
    progress: str | None
    units_raw: str | None
    people_raw: str | None
    status: tuple[str, str] | None  # (the clause that states it, canonical status)
    evidence: bool  # reads as an item: units named, progress labelled or on its own line ...
    inline: bool  # its progress was found on its own line, after its statement
    result: bool = False  # read as a paragraph of results with no name (`results.as_results`)


@dataclass
class _Fields:
    name: str = ""
    target: list[str] | None = None
    progress: list[str] | None = None
    units: list[str] | None = None
    people: list[str] | None = None
    evidence: bool = False  # units named or progress labelled
    inline: bool = False  # progress found on the entry's own line
    status: tuple[str, str] | None = None  # a state printed in brackets after the statement

    def add(self, role: str, value: str) -> None:
        if role == "item":
            self.name = self.name or first_sentence(value)
            return
        if role == "target" and not self.name:
            self.name = first_sentence(value)
        if role == "units":
            value = organisations(value)
        values = getattr(self, role)
        if values is None:
            setattr(self, role, values := [])
        values.append(value)


def read_entry(entry: Entry, below: Sequence[str], *, split_first: bool = False) -> Reading:
    """The fields of `entry`; `below` is the text of the entries under it that are not items
    (progress points); with `split_first`, a statement with no progress clause is cut after its
    first sentence or clause (in a list whose entries all carry their progress on their line)."""
    fields = _Fields()
    _read_heading(entry, fields, split_first)
    labels = [label_of(line) for line in entry.body]
    described = _described(entry.body, labels)
    for index, (line, labelled) in enumerate(zip(entry.body, labels, strict=True)):
        if labelled is None:
            fields.add("target" if index < described else "progress", line.text)
            continue
        role, _, value = labelled
        fields.evidence |= role in ("progress", "units", "people")
        fields.add(role, value.text)
    for text in below:
        fields.add("progress", text)
    progress = _joined(fields.progress)
    name = reported_project(fields.name.strip(EDGE))
    # An entry naming its units or labelling its progress is an item, whatever its heading
    # says; one that counts items never is. Weaker: its progress on its own line, or on the
    # line below when that reports figures or work done (a target, then what was achieved).
    below_reports = bool(entry.body) and reports_progress(entry.body[0].key)
    weak = fields.inline or is_project(name, progress) or below_reports
    weak = weak and not names_a_part(name) and not states_a_state(name)
    evidence = (fields.evidence or weak) and not counts_items(name)
    evidence = evidence and not (progress and summarises_group(progress))
    return Reading(
        name=name,
        target=_joined(fields.target),
        progress=progress,
        units_raw=_joined(fields.units, "、"),
        people_raw=_joined(fields.people, "、"),
        status=fields.status or _stated(progress),
        evidence=evidence,
        inline=fields.inline,
    )


def _described(body: Sequence[Line], labels: Sequence[tuple[str, str, Line] | None]) -> int:
    """How many lines at the top of an entry's body describe its task: those above its
    labelled progress (进展情况:…), when none of them tells of progress itself."""
    first = next((i for i, found in enumerate(labels) if found), len(labels))
    found = labels[first] if first < len(labels) else None
    if found is None or found[0] != "progress":
        return 0
    reported = any(progress_split("。" + line.key) for line in body[:first])
    return 0 if reported else first


def _read_heading(entry: Entry, fields: _Fields, split_first: bool) -> None:
    heading = entry.text
    labelled = label_of(heading)
    if labelled is not None:
        role, _, value = labelled
        fields.evidence |= role in ("progress", "units", "people")
        fields.add(role, value.text)
        return
    text, key = heading.text, heading.key
    units = _units_in(key)
    if units is not None:
        start, end, spans = units
        fields.name, fields.evidence = text[:start], True
        for unit_start, unit_end in spans:
            fields.add("units", text[unit_start:unit_end])
        if cut := progress_split(key[:start]):  # the progress before the units: …。1-6月,…(…)
            fields.name = text[: cut[0]]
            fields.add("progress", text[cut[1] : start])
        if text[end:].strip(EDGE):
            fields.add("progress", text[end:].strip(EDGE))
        return
    if state := bracketed_state(key):  # 新建3个服务站(完成):新建完成…
        start, end, (label_start, label_end), status = state
        fields.name, fields.evidence = text[:start], True
        fields.status = (text[label_start:label_end], status)
        fields.inline = bool(text[end:].strip())
        if fields.inline:
            fields.add("progress", text[end:].strip())
        return
    cut = split = progress_split(key)
    fields.inline = cut is not None
    # a heading before a colon (…方面:), or a sentence before numbered points (…。一是…), ends
    # the statement where it comes first; what follows is the progress if it reports any
    for other in (heading_colon(key), _points_split(heading), _space_split(key, bool(entry.body))):
        if other is not None and (cut is None or other[0] < cut[0]):
            cut = other
            rest = key[cut[1] :]
            fields.inline = reports_progress(rest) or tells_completion(rest)
    # a name alone in its first sentence, then the result (农村通信。解决46个…): the entry's
    # whole content on its line, the result with no word of progress to split at, or one
    # whose word of progress comes in a later sentence (…建设。这项实事…。2024年,…累计建设…)
    named = name_sentence(key) if not entry.body else None
    if named is not None and (cut is None or (cut == split and named[0] < cut[0])):
        fields.inline = cut is not None or tells_completion(key[named[1] :])
        cut = named
    task = first_break(key) if cut is None else None  # a task stated, then what was done
    if task and key[task[0]] == "。" and tells_completion(key[task[1] :]):  # (…改造。…完成年度目标)
        cut, fields.inline = task, True
    if cut is None and split_first:
        cut = first_break(key)
    if cut is None:
        fields.name = text
        return
    fields.name = text[: cut[0]]
    fields.add("progress", text[cut[1] :])


# A name alone before a run of spaces, then what was done (全省农村公路建设 通乡水泥路:完成…).
_NAME_THEN_SPACE = re.compile(r"^([^\s,，。;；:：、()（）]{4,20})\s+(?=\S)")


def _space_split(key: str, headed: bool) -> tuple[int, int] | None:
    """Where a short name ends before spaces and the progress the line goes on with; over a
    body (`headed`), only where what follows reports progress (not 社区 养老服务站: a name
    broken over two lines)."""
    found = _NAME_THEN_SPACE.match(key)
    rest = key[found.end() :] if found else ""
    if found is None or (headed and not (reports_progress(rest) or tells_completion(rest))):
        return None
    return found.end(1), found.end()


def _stated(progress: str | None) -> tuple[str, str] | None:
    """The status the progress states before any numbered points it runs (一是…; 二是…完成
    年度目标任务: the state of a point, not of the item)."""
    if not progress:
        return None
    simplified = to_simplified(progress)
    lead = Line(progress, simplified if len(simplified) == len(progress) else progress, None)
    if marker_of(lead) is not None:
        return None
    cut = _points_split(lead)
    return stated_status(progress[: cut[0]] if cut else progress)


def _points_split(heading: Line) -> tuple[int, int] | None:
    """Where a heading's statement ends before numbered points on its own line (…供给。一是…)."""
    for boundary in POINTS_BOUNDARY.finditer(heading.key):
        found = marker_of(heading.rest(boundary.end()))
        if found is not None and found[1] is not None:
            return boundary.start(), boundary.end()
    return None


def _units_in(key: str) -> tuple[int, int, list[tuple[int, int]]] | None:
    """Where a heading names its units: (start, end of the units part, spans of the units: the
    lead's, then its partners')."""
    words = unit_words()
    paren = words.paren.search(key)
    if paren:
        close = _closing(key, paren.start())
        return paren.start(), close + 1, [(paren.end(), close)]
    verb = words.verb.search(key)
    if verb:
        partners = [verb.span(2)] if verb.group(2) else []
        return verb.start(), verb.end(), [verb.span(1), *partners]
    inline = words.inline.search(key)
    if inline:
        return inline.start(), inline.end(), [inline.span(1)]
    return None


def _closing(key: str, start: int) -> int:
    """The bracket that closes the one at `start` (brackets inside units nest: 区城管局(…)),
    or the end of the text when it is not closed."""
    words = unit_words()
    depth = 0
    for index in range(start, len(key)):
        if key[index] in words.opening:
            depth += 1
        elif key[index] in words.closing:
            depth -= 1
            if depth == 0:
                return index
    return len(key)


def _joined(values: list[str] | None, separator: str = "\n") -> str | None:
    """Values in the order read: paragraphs one per line, units with 、 between them."""
    if not values:
        return None
    return separator.join(clean(v) for v in values if v.strip()) or None
