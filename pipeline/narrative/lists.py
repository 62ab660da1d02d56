"""Items a bulletin without a progress table lists in its prose -> `ItemDraft` records, with
`status_source` "narrative".

A list is a run of at least two entries of one numbering style, numbered one after the other
(一、二、; (1)(2); 1. 2. …), or of three unnumbered "item。progress" paragraphs, or of two
label:value records that start with the same label (任务目标:… 进展情况:…), most of whose
entries read as items (`entries.read_entry`: they name their responsible units, label their
progress, carry it on their own line, or are a project's name with its progress below). A lone
numbered sentence is not a list, nor are numbered parts of a report (一、总体情况, 二、工作要求)
or headings that count items ((共3项), 有7项): those are sections, and the innermost one above
an item is its `group`. Entries under an item that form a list of their own are its sub-items
(`parent_seq`); those that do not are part of its progress. The last entry of a list takes no
more lines below it than the longest of the others (what follows a list is not its last item's
progress), and may lack its progress when the document ends inside it (a page cut off).

Pages cut out of a longer report give three more shapes: a list whose top the page cut off
(its first entry, on the first line of the prose, numbered past 1, counts the entries it
lost), a lone record holding its target and its labelled progress (年度目标任务:… / 实际进展情况:
…), and, under a document title that announces items, numbered paragraphs of results with no
name (`results.result_list`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from parsers.document import Block
from pipeline.model.records import ItemDraft
from pipeline.narrative.entries import Reading, read_entry
from pipeline.narrative.headlines import entry_headlines
from pipeline.narrative.outline import (
    HEADED,
    RECORD,
    UNNUMBERED,
    Entry,
    Line,
    label_of,
    marker_of,
    outline,
    prose_runs,
)
from pipeline.narrative.results import as_results, result_list
from pipeline.narrative.statements import (
    announces_items,
    heading_line,
    leads_no_items,
    paragraph_line,
    states_a_state,
    unnumbered_statement,
)
from pipeline.text.script import norm_text
from pipeline.values.responsible import split_units

MIN_ENTRIES = 2
MIN_UNNUMBERED = 3
# The share of a list's entries that must read as items: two in three, or one in two under a
# heading that announces items (counts them, gives their state or names their progress).
SHARE = Fraction(2, 3)
ANNOUNCED_SHARE = Fraction(1, 2)


@dataclass
class _Node:
    entry: Entry
    below: list[str]  # the text of the entries under it that are not items
    reading: Reading
    runs: list[tuple[list[_Node], bool]]  # the runs of entries under it; is each a list?


@dataclass
class _Items:
    bulletin_id: str
    items: list[ItemDraft] = field(default_factory=list)
    lists: int = 0
    row: int = 0


def listed_items(blocks: Sequence[Block], bulletin_id: str) -> list[ItemDraft]:
    """The items of every list in the prose of `blocks`, in document order."""
    out = _Items(bulletin_id)
    for run in prose_runs(blocks):
        run, styled = _untitled(run)
        lead, top = outline(run, styled)
        titled = any(heading_line(line.key) and announces_items(line.key) for line in lead)
        _walk(_runs([_node(entry) for entry in top], titled=titled), None, out)
    return out.items


def _untitled(run: list[Line]) -> tuple[list[Line], dict[int, str]]:
    """The run without the titles of its records or entries, and its entries without a marker
    (`_styled`): a news report's sub-heading right above each label:value record (市民吃上放心肉,
    then 政府承诺:…) or numbered entry (`headlines.entry_headlines`) is neither an entry nor a
    part of the one above it."""
    styled = _styled(run)
    titles = {
        i for i in range(len(run) - 1) if styled.get(i) == HEADED and styled.get(i + 1) == RECORD
    }
    if len(titles) < MIN_ENTRIES:
        titles = set()
    titles |= entry_headlines(run)
    if not titles:
        return run, styled
    untitled = [line for i, line in enumerate(run) if i not in titles]
    return untitled, _styled(untitled)


def _styled(run: Sequence[Line]) -> dict[int, str]:
    """Lines that are entries without a marker: runs of unnumbered "item。progress" paragraphs;
    above any numbered line, label:value records that start with the same label; and
    unnumbered headings over paragraphs, when there are enough of them to be a list."""
    styled: dict[int, str] = {}
    streak: list[int] = []
    for index, line in enumerate([*run, None]):
        if line is not None and _unnumbered(line):
            streak.append(index)
            continue
        if len(streak) >= MIN_UNNUMBERED:
            styled.update(dict.fromkeys(streak, UNNUMBERED))
        streak = []
    first_marked = next((i for i, line in enumerate(run) if marker_of(line)), len(run))
    labels = [(i, label_of(run[i])) for i in range(first_marked)]
    starts = [(i, found[1]) for i, found in labels if found and found[0] in ("item", "target")]
    if starts:
        record_starts = [i for i, label in starts if label == starts[0][1]]
        if len(record_starts) >= MIN_ENTRIES or _whole_record(run, record_starts):
            styled.update(dict.fromkeys(record_starts, RECORD))
    headings = [i for i in range(len(run)) if i not in styled and _heads(run, i)]
    if len(headings) >= MIN_UNNUMBERED:
        styled.update(dict.fromkeys(headings, HEADED))
    return styled


def _whole_record(run: Sequence[Line], starts: Sequence[int]) -> bool:
    """A lone record that holds a whole item: its target, then its progress under a label
    (年度目标任务:… / 实际进展情况:…), as a page of a series that prints one item each does."""
    if len(starts) != 1 or starts[0] + 1 >= len(run):
        return False
    first, below = label_of(run[starts[0]]), label_of(run[starts[0] + 1])
    return (
        first is not None and first[0] == "target" and below is not None and below[0] == "progress"
    )


def _heads(run: Sequence[Line], index: int) -> bool:
    """An unmarked name alone on its line with a paragraph below it (prose, or a labelled
    field): a project over its description and progress. Where the page is cut off, one over
    the document's last line, or on that line after a paragraph. A line stating a state
    (…项目全面完成) is a summary, not a name."""
    line = run[index]
    if marker_of(line) or label_of(line) or not heading_line(line.key):
        return False
    if states_a_state(line.key):
        return False
    if index + 1 == len(run):
        return line.last and index > 0 and paragraph_line(run[index - 1].key)
    below = run[index + 1]
    if below.last:
        return True
    return marker_of(below) is None and (label_of(below) is not None or paragraph_line(below.key))


def _unnumbered(line: Line) -> bool:
    return marker_of(line) is None and label_of(line) is None and unnumbered_statement(line.key)


def _node(entry: Entry) -> _Node:
    runs = _runs([_node(child) for child in entry.children], announces_items(entry.text.key))
    below = [_text(node.entry) for nodes, listed in runs if not listed for node in nodes]
    return _Node(entry, below, read_entry(entry, below), runs)


def _text(entry: Entry) -> str:
    lines = [entry.marker + entry.text.text, *(line.text for line in entry.body)]
    return "\n".join([*lines, *(_text(child) for child in entry.children)])


def _runs(
    nodes: Sequence[_Node], announced: bool = False, *, titled: bool = False
) -> list[tuple[list[_Node], bool]]:
    """Siblings split into runs of one style numbered one after the other, each marked with
    whether it is a list of items (`announced`: under a heading that announces items;
    `titled`: at the top, under a document title that does)."""
    runs: list[list[_Node]] = []
    for node in nodes:
        entry = node.entry
        previous = runs[-1][-1].entry if runs else None
        follows = previous is not None and previous.style == entry.style
        if follows and previous is not None and entry.number is not None:
            follows = previous.number is not None and entry.number == previous.number + 1
        if follows:
            runs[-1].append(node)
        else:
            runs.append([node])
    share = ANNOUNCED_SHARE if announced else SHARE
    marked = [(run, _is_list(run, share)) for run in runs]
    return [_results(run) if titled and not listed else (run, listed) for run, listed in marked]


def _results(nodes: list[_Node]) -> tuple[list[_Node], bool]:
    """A run at the top under a title that announces items, read as paragraphs of results
    with no name when it is one (`results.result_list`)."""
    if not result_list([node.entry for node in nodes], [node.reading.name for node in nodes]):
        return nodes, False
    return [replace(node, reading=as_results(node.entry, node.reading)) for node in nodes], True


def _is_list(nodes: Sequence[_Node], share: Fraction) -> bool:
    unnumbered = nodes[0].entry.style in (UNNUMBERED, HEADED)
    if nodes[0].entry.style == RECORD and len(nodes) == 1:  # a whole record (`_whole_record`)
        return nodes[0].reading.evidence
    listed = len(nodes)
    if nodes[0].entry.headless:  # a list cut at its top numbers the entries it lost (5.…)
        listed += (nodes[0].entry.number or 1) - 1
    if listed < (MIN_UNNUMBERED if unnumbered else MIN_ENTRIES):
        return False
    judged = nodes[:-1] if nodes[-1].entry.cut else nodes
    evidence = sum(node.reading.evidence for node in judged)
    named = all(node.reading.name for node in judged)
    return named and evidence >= 1 and evidence >= share * len(judged)


def _walk(runs: list[tuple[list[_Node], bool]], group: str | None, out: _Items) -> None:
    for nodes, listed in runs:
        if not listed:
            for node in nodes:
                if not leads_no_items(node.reading.name):
                    _walk(node.runs, node.reading.name or group, out)
            continue
        out.lists += 1
        out.row = 0
        for node, reading in zip(nodes, _final_readings(nodes), strict=True):
            out.items.append(_item(node.entry, reading, group, None, out))
            for children, sub_list in node.runs:
                if sub_list:
                    for child, sub in zip(children, _final_readings(children), strict=True):
                        out.items.append(_item(child.entry, sub, None, node.entry.number, out))


def _final_readings(nodes: Sequence[_Node]) -> list[Reading]:
    """The readings of a list's entries, with two adjustments that need the whole list: the
    last entry keeps no more lines below it than the longest of the others, and in a list whose
    entries carry their progress on their own line, one without a progress clause is cut after
    its first sentence (or clause)."""
    readings = [node.reading for node in nodes]
    *others, last = nodes
    limit = max((len(node.entry.body) for node in others), default=len(last.entry.body))
    if len(last.entry.body) > limit:
        trimmed = replace(last.entry, body=last.entry.body[:limit])
        readings[-1] = read_entry(trimmed, last.below)
        nodes = [*others, replace(last, entry=trimmed)]
    if 2 * sum(r.inline for r in readings) >= len(readings):
        readings = [
            r if r.inline or r.progress else read_entry(n.entry, n.below, split_first=True)
            for n, r in zip(nodes, readings, strict=True)
        ]
    return readings


def _item(
    entry: Entry, reading: Reading, group: str | None, parent: int | None, out: _Items
) -> ItemDraft:
    status = reading.status
    item = ItemDraft(
        bulletin_id=out.bulletin_id,
        seq=entry.number if parent is None else None,
        seq_raw=entry.marker or None,
        parent_seq=parent,
        group=group,
        name=reading.name,
        target=reading.target,
        progress=reading.progress,
        units=split_units(reading.units_raw),
        units_raw=reading.units_raw,
        people=split_units(reading.people_raw),
        remark=None,
        status_raw=status[0] if status else None,
        status=status[1] if status else "unknown",
        status_source="narrative",
        rate=None,
        name_norm=norm_text(reading.name),
        table_index=out.lists - 1,
        table_title=None,
        row_index=out.row,
        line=entry.text.line,
        page=entry.text.page,
    )
    out.row += 1
    return item
