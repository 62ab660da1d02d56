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
name (`results.result_list`). Under such a title, too, a progress table flattened to lines (each
entry a statement on its line and its progress one paragraph on the next) is a list when one
entry in two reads as an item, as under a heading that announces items. Section headings
whose paragraphs go on with one numbering from one section to the next (1,–3, under (一), 4,–6,
under (二)), each paragraph reporting figures or work done, are groups over the items those
paragraphs are (`_continued`). Numbers alone on their lines, each over one text that gives the
share of a target met (1 / 新增7069张养老床位,为计划的101%。), are a two-column table flattened:
its items, read as results (`_cells`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from parsers.document import Block
from pipeline.model.records import ItemDraft
from pipeline.narrative.cut_off import uncut
from pipeline.narrative.entries import Reading, read_entry
from pipeline.narrative.outline import HEADED, RECORD, UNNUMBERED, Entry, outline, prose_runs
from pipeline.narrative.results import as_results, rated_list, result_list, tells_share
from pipeline.narrative.statements import (
    announces_items,
    heading_line,
    leads_no_items,
    paragraph_line,
    reports_progress,
)
from pipeline.narrative.unmarked import MIN_ENTRIES, MIN_UNNUMBERED, cut_projects, untitled
from pipeline.text.script import norm_text
from pipeline.values.responsible import split_units

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

    @property
    def cut(self) -> bool:
        """The page ends inside its entry (`cut_off.uncut` sets it aside)."""
        return self.entry.cut


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
        run, styled = untitled(run)
        lead, top = outline(run, styled)
        led = [heading_line(line.key) for line in lead if announces_items(line.key)]
        runs = _runs([_node(entry) for entry in top], titled=any(led), led=bool(led))
        _walk(runs, None, out)
    return out.items


def _node(entry: Entry) -> _Node:
    runs = _runs([_node(child) for child in entry.children], announces_items(entry.text.key))
    below = [_text(node.entry) for nodes, listed in runs if not listed for node in nodes]
    return _Node(entry, below, read_entry(entry, below), runs)


def _text(entry: Entry) -> str:
    lines = [entry.marker + entry.text.text, *(line.text for line in entry.body)]
    return "\n".join([*lines, *(_text(child) for child in entry.children)])


def _runs(
    nodes: Sequence[_Node], announced: bool = False, *, titled: bool = False, led: bool = False
) -> list[tuple[list[_Node], bool]]:
    """Siblings split into runs of one style numbered one after the other, each marked with
    whether it is a list of items (`announced`: under a heading that announces items; `led`:
    at the top, below a line that does, where runs may be paragraphs of results (`_results`);
    `titled`: below a document title that does)."""
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
    marked = [
        (sections, False)
        if (sections := _continued(run)) is not None
        else (cells, True)
        if (cells := _cells(run)) is not None
        else (
            run,
            _is_list(run, ANNOUNCED_SHARE if announced or (titled and _paired(run)) else SHARE),
        )
        for run in runs
    ]
    return [(run, listed) if listed or not led else _results(run, titled) for run, listed in marked]


def _paired(nodes: Sequence[_Node]) -> bool:
    """Entries that are a progress table's rows flattened to lines: each a statement (no full
    stop) on its line, then its progress, one paragraph on the line below (一、新建…2个 /
    …完成改造,28日揭牌。), the last set aside when the page ends inside it."""
    judged = uncut(nodes)
    return len(judged) >= MIN_ENTRIES and all(
        len(node.entry.body) == 1
        and not node.entry.children
        and "。" not in node.entry.text.key
        and paragraph_line(node.entry.body[0].key)
        for node in judged
    )


def _continued(nodes: list[_Node]) -> list[_Node] | None:
    """Section headings whose entries go on with one numbering from one section to the next
    (1,–3, under (一)…工程, 4,–6, under (二), 7, under (三)), each entry a paragraph reporting
    figures or work done, the last set aside when the page ends inside it: the sections, with
    their entries as a list of items; those with no name of their own read as results (named by
    their opening). None for any other run."""
    if len(nodes) < MIN_ENTRIES:
        return None
    entries: list[_Node] = []
    for node in nodes:
        if node.entry.body or len(node.runs) != 1 or not heading_line(node.entry.text.key):
            return None
        children = node.runs[0][0]
        numbers = [child.entry.number for child in children]
        if numbers != list(range(len(entries) + 1, len(entries) + 1 + len(children))):
            return None
        entries.extend(children)
    judged = uncut(entries)
    if len(entries) < MIN_UNNUMBERED or len({node.entry.style for node in entries}) != 1:
        return None
    if not all(
        paragraph_line(node.entry.text.key) and reports_progress(node.entry.text.key)
        for node in judged
    ):
        return None
    return [replace(node, runs=[([_result(c) for c in node.runs[0][0]], True)]) for node in nodes]


def _cells(nodes: list[_Node]) -> list[_Node] | None:
    """Numbers alone on their lines, each over one text (a two-column table flattened: the
    number's cell, then the item's: 新增7069张养老床位,为计划的101%), two in three of the texts
    giving the share of a target met (`results.tells_share`), the last set aside when the
    page ends inside it: the entries read as results (named by their opening). None for any
    other run."""
    judged = uncut(nodes)
    one_text = all(node.entry.bare and not node.entry.body for node in nodes)
    if len(nodes) < MIN_ENTRIES or not one_text:
        return None
    told = sum(tells_share(node.entry.text.key) for node in judged)
    if not judged or told < SHARE * len(judged):
        return None
    return [replace(node, reading=as_results(node.entry, node.reading)) for node in nodes]


def _result(node: _Node) -> _Node:
    if node.reading.evidence:
        return node
    return replace(node, reading=as_results(node.entry, node.reading))


def _results(nodes: list[_Node], titled: bool) -> tuple[list[_Node], bool]:
    """A run at the top, below a line that announces items, read as paragraphs of results
    with no name when it is one: below a title that does (`results.result_list`), or when each
    paragraph gives the share of its target met (`results.rated_list`: below a lead paragraph
    too, 2024年10件民生实事…完成情况公布。). Under a part's heading, such paragraphs break a
    total down by kind (1、基础设施工程完成投资…,为年度计划的32.2%): no items."""
    entries = [node.entry for node in nodes]
    named = titled and result_list(entries, [node.reading.name for node in nodes])
    if not named and not rated_list(entries):
        return nodes, False
    return [replace(node, reading=as_results(node.entry, node.reading)) for node in nodes], True


def _is_list(nodes: Sequence[_Node], share: Fraction) -> bool:
    unnumbered = nodes[0].entry.style in (UNNUMBERED, HEADED)
    if nodes[0].entry.style == RECORD and len(nodes) == 1:  # a whole record (`unmarked.untitled`)
        return nodes[0].reading.evidence
    listed = len(nodes)
    if nodes[0].entry.headless:  # a list cut at its top numbers the entries it lost (5.…)
        listed += (nodes[0].entry.number or 1) - 1
    if listed < (MIN_UNNUMBERED if unnumbered else MIN_ENTRIES) and not (
        unnumbered and cut_projects([n.reading.name for n in nodes], nodes[-1].entry.cut)
    ):
        return False
    judged = uncut(nodes)
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
        reread = read_entry(trimmed, last.below)
        readings[-1] = as_results(trimmed, reread) if last.reading.result else reread
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
