"""A document's prose as an outline of numbered entries (一、 (一) 1. (1) 一是 ①): each entry
with the lines below it and the entries it opens, for reading the item lists of bulletins
without a progress table (`pipeline/narrative/lists.py`).

Lines are the document's paragraphs, cleaned and with damaged dates repaired as the narrative
reader repairs them; a paragraph that runs several entries or labelled fields together on one
line, separated by single spaces (a newspaper page flattened), is split where an entry or a
label starts; a line of the page's chrome that runs on into the first entry after spaces (…
来源: 上海普陀 一、…, the next numbered line 二、) is split where the entry starts. Patterns are
matched on the Simplified text.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from parsers.document import Block, Paragraph
from pipeline.narrative.date_repair import repair_dates
from pipeline.narrative.packed import packed_cuts
from pipeline.text.clean import clean
from pipeline.text.numerals import parse_int
from pipeline.text.script import to_simplified
from pipeline.vocab import table

# Styles given by the reader rather than by a marker: a run of unnumbered "item。progress"
# paragraphs, label:value records (one per project) starting with the same label, and
# unnumbered headings (a project's name alone on its line) over the paragraphs of its progress.
UNNUMBERED = "unnumbered"
RECORD = "record"
HEADED = "headed"


@dataclass(frozen=True)
class Marker:
    style: str
    pattern: re.Pattern[str]
    digits: str  # glyphs that are numbers (①②…): the first is 1; empty for written numbers
    confirmed: bool  # a weak marker: an entry only where its neighbours' numbers confirm it


@dataclass(frozen=True)
class ListWords:
    markers: tuple[Marker, ...]  # in file order
    roles: dict[str, str]  # label -> field (item, target, progress, units, people)
    label: re.Pattern[str]  # a known label and its colon at the start of a text
    run_on: re.Pattern[str]  # a space where a run-on paragraph starts an entry or a label
    field_on: re.Pattern[str]  # a sentence's end where a paragraph runs on into a label


@functools.cache
def list_words() -> ListWords:
    data = table("lists")
    roles = {word: role for role, words in data["labels"].items() for word in words}
    labels = "|".join(sorted(map(re.escape, roles), key=len, reverse=True))
    return ListWords(
        markers=tuple(
            Marker(m["style"], re.compile(m["regex"]), m.get("digits", ""), m.get("weak", False))
            for m in data["markers"]
        ),
        roles=roles,
        label=re.compile(rf"^\s*({labels})\s*[:：]\s*"),
        run_on=re.compile(rf"\s+(?=(?:{labels})\s*[:：]|\d{{1,2}}\s*[.、．]\s*[\u4e00-\u9fff“《])"),
        field_on=re.compile(rf"(?<=[。；;])\s*(?=(?:{labels})\s*[:：])"),
    )


@dataclass(frozen=True)
class Line:
    text: str  # as interpreted: cleaned, dates repaired, in the source's script
    key: str  # the same text in Simplified (the source's text where conversion changes length)
    line: int | None
    page: int | None = None
    last: bool = False  # the document's last line of prose: an entry there may be cut off

    def rest(self, start: int) -> Line:
        """The line from `start` on (a position in `key`, which has the length of `text`)."""
        return replace(self, text=self.text[start:].strip(), key=self.key[start:].strip())


@dataclass
class Entry:
    """A numbered line, and what belongs to it: the lines below it and the entries it opens."""

    style: str
    number: int | None
    marker: str  # as written: 一、 (1) 1.
    text: Line  # the line after its marker
    body: list[Line] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)
    headless: bool = False  # the first entry of a list the page cut at its top (5.… first)
    bare: bool = False  # its marker alone on its line, its text the line below (`_bare`)

    @property
    def cut(self) -> bool:
        """The document ends inside this entry (a page cut off): its progress may be missing."""
        last = self.children[-1].cut if self.children else False
        return last or any(line.last for line in (self.text, *self.body))


def prose_runs(blocks: Sequence[Block]) -> list[list[Line]]:
    """The document's paragraphs as lines, in runs that tables interrupt."""
    runs: list[list[Line]] = [[]]
    for block in blocks:
        if isinstance(block, Paragraph):
            runs[-1].extend(_lines(block))
        elif runs[-1]:
            runs.append([])
    if runs[-1]:
        runs[-1][-1] = replace(runs[-1][-1], last=True)
    return [_labels_joined(_first_run_on(run)) for run in runs if run]


def _labels_joined(run: list[Line]) -> list[Line]:
    """The run with each label printed alone on its line (工作目标, then the target on the next
    line) joined to its value as label:value, where the run prints one label so twice or more
    (one record after another, not a report's 工作目标 / 完成情况 sections)."""
    roles = list_words().roles
    alone = [i for i, line in enumerate(run[:-1]) if line.key.strip() in roles]
    if max(Counter(run[i].key.strip() for i in alone).values(), default=0) < 2:
        return run
    joined: list[Line] = []
    skip = False
    for index, line in enumerate(run):
        if skip:
            skip = False
            continue
        following = run[index + 1] if index in alone else None
        if following is None or following.key.strip() in roles or marker_of(following):
            joined.append(line)
            continue
        text, key = line.text.strip() + ":", line.key.strip() + ":"
        joined.append(replace(following, text=text + following.text, key=key + following.key))
        skip = True
    return joined


_SPACES = re.compile(r"\s+(?=\S)")


def _first_run_on(run: list[Line]) -> list[Line]:
    """The run with its first entry on a line of its own where a line of the page's chrome runs
    on into it after spaces (``2012年05月31日 来源: 上海普陀 一、…``): an entry numbered 1 after
    the spaces, the next numbered line of the run its second."""
    found = [marker_of(line) for line in run]
    for index, line in enumerate(run):
        following = next((m for m in found[index + 1 :] if m is not None), None)
        if found[index] is not None or following is None or following[1] != 2:
            continue
        for space in _SPACES.finditer(line.key):
            first = marker_of(line.rest(space.end()))
            if first is not None and first[0] == following[0] and first[1] == 1:
                head = replace(line, text=line.text[: space.start()], key=line.key[: space.start()])
                return [*run[:index], head, line.rest(space.end()), *run[index + 1 :]]
    return run


def _lines(paragraph: Paragraph) -> Iterator[Line]:
    text, _ = repair_dates(clean(paragraph.text))
    pieces = [text]
    if len(list_words().run_on.findall(_key(text))) >= 2:
        pieces = _split_run_on(text, list_words().run_on)
    elif cuts := packed_cuts(_key(text)):
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    if list_words().field_on.search(_key(text)):
        pieces = [part for piece in pieces for part in _split_run_on(piece, list_words().field_on)]
    for piece in pieces:
        if piece.strip():
            yield Line(piece.strip(), _key(piece.strip()), paragraph.line, paragraph.page)


def _split_run_on(text: str, boundary: re.Pattern[str]) -> list[str]:
    """`text` cut where `boundary` matches (a run-on paragraph's entries or labelled fields)."""
    key = _key(text)
    cuts = [m.end() for m in boundary.finditer(key)]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


def _key(text: str) -> str:
    simplified = to_simplified(text)
    return simplified if len(simplified) == len(text) else text


Marked = tuple[str, int | None, str, Line]  # style, number, marker as written, the rest


def marker_of(line: Line, *, weak: bool = False) -> Marked | None:
    """(style, number, marker as written, the rest of the line) for a numbered line; with
    `weak`, by a weak marker only (a bare number: 1新建…, 4.11月底前…)."""
    for marker in list_words().markers:
        found = marker.pattern.match(line.key) if marker.confirmed == weak else None
        if found:
            number = _number(found.group(1), marker.digits) if found.lastindex else None
            return marker.style, number, line.text[: found.end()].strip(), line.rest(found.end())
    return None


def _number(digits: str, glyphs: str) -> int | None:
    return glyphs.index(digits) + 1 if glyphs and digits in glyphs else parse_int(digits)


def markers(lines: Sequence[Line]) -> list[Marked | None]:
    """The marker of each line. A weak marker (a number whose dot was lost, 1新建…, or is read
    as a decimal point, 4.11月底…) marks an entry only where the nearest entry of its style
    before it is numbered one less, or the nearest after it one more."""
    found = [marker_of(line) for line in lines]
    weak = [
        None if strong else marker_of(line, weak=True)
        for strong, line in zip(found, lines, strict=True)
    ]
    before: list[int | None] = []
    last: dict[str, int | None] = {}
    for strong, candidate in zip(found, weak, strict=True):
        before.append(last.get(candidate[0]) if candidate else None)
        if strong:
            last[strong[0]] = strong[1]
    last = {}
    for index in reversed(range(len(lines))):
        candidate, strong = weak[index], found[index]
        if candidate and candidate[1] is not None:
            previous, following = before[index], last.get(candidate[0])
            if previous == candidate[1] - 1 or following == candidate[1] + 1:
                found[index] = candidate
        if strong:
            last[strong[0]] = strong[1]
    return found


def outline(lines: Iterable[Line], styled: dict[int, str]) -> tuple[list[Line], list[Entry]]:
    """The lines before the first entry, and the top-level entries. An entry of a style already
    open is a sibling of the open one (closing what that one opened); an entry of another style
    opens a level below, except under an entry whose marker numbers nothing (a bullet, 关于…):
    a numbered entry closes it. `styled` gives the lines (by index) that are entries without a
    marker (an unnumbered run, or records), and their style."""
    lead: list[Line] = []
    top: list[Entry] = []
    stack: list[Entry] = []
    lines = list(lines)
    marks = markers(lines)
    for index, (line, found) in enumerate(zip(lines, marks, strict=True)):
        if found is None and index in styled:
            found = (styled[index], None, "", line)
        if found is not None and not found[3].key and not _text_below(index, marks, styled):
            found = None  # a marker alone on its line with no text of its own below it
        if found is None and stack and _bare(stack[-1]):
            stack[-1].text, stack[-1].bare = line, True  # a number alone, its text on the next
            continue
        if found is None:
            (stack[-1].body if stack else lead).append(line)
            continue
        entry = Entry(found[0], found[1], found[2], found[3], headless=_headless(index, found))
        open_styles = [open_entry.style for open_entry in stack]
        if top and top[0].headless and _above(entry, open_styles):
            del stack[:]
        elif entry.style in open_styles:
            del stack[open_styles.index(entry.style) :]
        while entry.number is not None and stack and stack[-1].marker and stack[-1].number is None:
            stack.pop()
        (stack[-1].children if stack else top).append(entry)
        stack.append(entry)
    return lead, top


def _text_below(index: int, marks: Sequence[Marked | None], styled: dict[int, str]) -> bool:
    """Whether the line below `index` is a plain line (no marker, no entry's style)."""
    below = index + 1
    return below < len(marks) and marks[below] is None and below not in styled


def _bare(entry: Entry) -> bool:
    """An entry whose marker stands alone on its line (1, then its text on the next line: a
    two-column table flattened, the number's cell, then the item's)."""
    return not entry.text.key and not entry.body and not entry.children


def _headless(index: int, found: Marked) -> bool:
    """A first line of prose (the page's, or the first after a table) numbered past 1 (5.…):
    a list whose top the page cut off."""
    return index == 0 and found[1] is not None and found[1] > 1


def _above(entry: Entry, open_styles: Sequence[str]) -> bool:
    """In a page cut at its top, an entry of a style not open that is numbered past 1 heads a
    level above the open entries (one whose start the page cut off), not a level below them:
    a level below starts at 1. 5.… (九)… 1.… make (九) the next heading over 5.'s lost one."""
    return entry.style not in open_styles and entry.number is not None and entry.number > 1


def label_of(line: Line) -> tuple[str, str, Line] | None:
    """(field, label as written, the value) for a line that starts with a known label."""
    found = list_words().label.match(line.key)
    if not found:
        return None
    role = list_words().roles[found.group(1)]
    return role, line.text[found.start(1) : found.end(1)], line.rest(found.end())
