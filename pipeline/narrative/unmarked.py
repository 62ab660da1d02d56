"""Entries of an item list in prose that have no marker (`pipeline/narrative/lists.py`): runs
of unnumbered "item。progress" paragraphs, label:value records that start with the same label,
and unnumbered headings (a project's name alone on its line) over the paragraphs of its
progress; and the lines above entries that are their titles, neither entries nor part of the
entry above (a news report's sub-headings)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from pipeline.narrative.headlines import entry_headlines
from pipeline.narrative.outline import HEADED, RECORD, UNNUMBERED, Line, label_of, marker_of
from pipeline.narrative.results import name_sentence, tells_completion
from pipeline.narrative.statements import (
    first_sentence,
    heading_colon,
    heading_line,
    paragraph_line,
    statement_words,
    states_a_state,
    unnumbered_statement,
)
from pipeline.text.script import to_simplified
from pipeline.values.quantities import find_quantities
from pipeline.values.status import status_in_text
from pipeline.vocab import table

MIN_ENTRIES = 2
MIN_UNNUMBERED = 3
# A line right under the first holding this many of its characters in a row may be the
# headline again.
MIN_TITLE_REPEAT = 8


def untitled(run: list[Line]) -> tuple[list[Line], dict[int, str]]:
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
    elif _named_by_titles(run, titles):
        named = [_as_name(line) if i in titles else line for i, line in enumerate(run)]
        return named, _styled(named)
    titles |= entry_headlines(run)
    if not titles:
        return run, styled
    untitled = [line for i, line in enumerate(run) if i not in titles]
    return untitled, _styled(untitled)


def _named_by_titles(run: Sequence[Line], titles: set[int]) -> bool:
    """Whether the records under the titles state their targets (工作目标:城乡低保…提高至631元):
    then each title is its record's name (加强困难群众生活保障), not a news sub-heading above a
    record that names its item itself (政府承诺:市畜牧产品质量监测中心建设)."""
    values = [label_of(run[i + 1]) for i in sorted(titles)]
    stated = [v for v in values if v is not None and v[0] == "target"]
    return len(stated) == len(values) and all(not heading_line(v[2].key) for v in stated)


def _as_name(line: Line) -> Line:
    """A title line as the record's item label and its value (项目名称:加强困难群众生活保障)."""
    label = table("lists")["labels"]["item"][0] + ":"
    return replace(line, text=label + line.text.strip(), key=label + line.key.strip())


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
        names = [first_sentence(run[i].key) for i in streak]
        cut = bool(streak) and streak[-1] == len(run) - 1 and run[-1].last
        if len(streak) >= MIN_UNNUMBERED or cut_projects(names, cut):
            styled.update(dict.fromkeys(streak, UNNUMBERED))
        streak = []
    first_marked = next((i for i, line in enumerate(run) if marker_of(line)), len(run))
    labels = [(i, label_of(run[i])) for i in range(first_marked)]
    starts = [(i, found[1]) for i, found in labels if found and found[0] in ("item", "target")]
    if starts:  # the label most records start with (not a tag line's 关键词:民生实事 once)
        opening = Counter(label for _, label in starts).most_common(1)[0][0]
        record_starts = [i for i, label in starts if label == opening]
        if len(record_starts) >= MIN_ENTRIES or _whole_record(run, record_starts):
            styled.update(dict.fromkeys(record_starts, RECORD))
    headings = [i for i in range(len(run)) if i not in styled and _heads(run, i)]
    if len(headings) >= MIN_UNNUMBERED:
        styled.update(dict.fromkeys(headings, HEADED))
    return styled


def cut_projects(names: Sequence[str], cut: bool) -> bool:
    """Two unnumbered paragraphs, the second `cut` off by the page's end, each opening with a
    project's name (农村危房改造工程。截至目前,…): a list the page cut after its second entry,
    where three make one anywhere else."""
    words = statement_words()
    return (
        cut
        and len(names) == MIN_ENTRIES
        and all(
            to_simplified(name).endswith(words.project_endings)
            and not to_simplified(name).endswith(words.class_endings)
            for name in names
        )
    )


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
    if states_a_state(line.key) or (index == 1 and _title_again(run[0].key, line.key)):
        return False
    if _enclosed().match(line.key.strip()):  # [本期综述], §县重点项目§: a section's label
        return False
    if index + 1 == len(run):
        return line.last and index > 0 and paragraph_line(run[index - 1].key)
    below = run[index + 1]
    if below.last:
        return True
    return marker_of(below) is None and (label_of(below) is not None or paragraph_line(below.key))


def _title_again(title: str, key: str) -> bool:
    """Whether a line prints most of the first line again (泉州为民办实事 市级财政配套资金…, then
    泉州为民办实事顺利推进 市级财政配套资金…): the page's headline in full, not a project's name."""
    shared = SequenceMatcher(None, title, key, autojunk=False)
    longest = shared.find_longest_match(0, len(title), 0, len(key)).size
    return longest >= MIN_TITLE_REPEAT and longest * 2 >= len(key)


def _unnumbered(line: Line) -> bool:
    """An unnumbered "item。progress" paragraph: its progress starts like progress, or its first
    sentence is a name alone and the rest tells how far the target is met (食品安全抽检工程。
    全年开展抽检5.48万批次,超额完成年度目标任务)."""
    if marker_of(line) is not None or label_of(line) is not None:
        return False
    named = name_sentence(line.key)
    result = named is not None and tells_completion(line.key[named[1] :])
    colon = _name_colon(line.key)  # a name, a colon, then a state reached (…,已全部完成)
    stated = colon is not None and status_in_text(line.key[colon[1] :]) is not None
    return result or stated or unnumbered_statement(line.key)


def _name_colon(key: str) -> tuple[int, int] | None:
    """(end of the name, start of the result) for a line that opens with a project's name and a
    colon (城乡电网建设改造工程:全市计划对88个深度贫困村电网改造升级,已全部完成): a heading that
    ends as a project's name does, no figures in it."""
    found = heading_colon(key)
    if found is None or not heading_line(key[: found[0]]) or find_quantities(key[: found[0]]):
        return None
    name = to_simplified(key[: found[0]])
    words = statement_words()
    named = name.endswith(words.project_endings) and not name.endswith(words.class_endings)
    return found if named else None  # not 总的来看:, 从进度上看:


@functools.cache
def _enclosed() -> re.Pattern[str]:
    """A line wholly inside one of the vocabulary's section label brackets."""
    opening, closing = table("lists")["section_label_brackets"]
    pairs = (
        f"{re.escape(o)}[^{re.escape(c)}]*{re.escape(c)}"
        for o, c in zip(opening, closing, strict=True)
    )
    return re.compile(rf"^(?:{'|'.join(pairs)})$")
