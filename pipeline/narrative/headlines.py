"""Sub-headlines a news report prints above the numbered entries of a list: a short line of its
own, right above each entry, summing up what the entry then tells (``2023年全省新开工乡镇寄宿制
小学150所``, then ``第二项实事,改善农村学校办学条件。…``). Such a line is neither an entry nor
a part of the entry above it: the item list (`pipeline/narrative/lists.py`) leaves it out.

A line is a sub-headline only where it is a name alone on its line (no clause, no sentence),
between a paragraph and a numbered entry, and where the entries it stands above are numbered
one after the other: a heading over a lone entry, or over lists that each start again at 1, is
a section's (教育类 / 1.… / 卫生类 / 1.…); a short line right below an entry's own short line is
its progress (1.新建学校 / 已完工)."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.narrative.outline import Line, label_of, markers
from pipeline.narrative.statements import heading_line, paragraph_line


def entry_headlines(run: Sequence[Line]) -> set[int]:
    """The indices of the lines of `run` that are sub-headlines above its numbered entries."""
    found = markers(run)
    above: dict[str, dict[int, int]] = {}  # style -> the number of the entry below -> index
    for index, line in enumerate(run[:-1]):
        below = found[index + 1]
        if found[index] is not None or below is None or below[1] is None:
            continue
        if label_of(line) is not None or not heading_line(line.key):
            continue
        if index > 0 and not paragraph_line(run[index - 1].key):
            continue
        above.setdefault(below[0], {})[below[1]] = index
    return {
        index
        for numbers in above.values()
        for number, index in numbers.items()
        if number - 1 in numbers or number + 1 in numbers
    }
