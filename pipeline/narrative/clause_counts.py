"""The counts of one clause (18项, 三十项, 5个项目) and how they join: a count's value, place
and counter, whether it counts items at all (not 又有16项, not the group of 12个建设类项目), a
part of a scope (10件实事项目9件…), counts summed across 和 (18个…和9个…). Pure functions."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.narrative.count_words import clause_words
from pipeline.text.numerals import parse_int


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    start: int
    end: int
    classifier: str
    valid: bool  # not an increment (又有16项), not a group (12个建设类项目)
    group: bool = False  # a group's size (12个建设类项目): its items in a state, if one follows


def counts_in(key: str) -> list[Count]:
    w = clause_words()
    found: list[Count] = []
    # the clause without its counts: 工程建设类3件 names a group, the 10大类 of 10大类36项 does not
    named = any(mark in key for mark in w.group_marks)
    masked = w.count.sub(lambda m: " " * len(m.group(0)), key) if named else ""
    for m in w.count.finditer(key):
        value = parse_int(m["n"])
        after, before = key[m.end() :], key[: m.start()]
        if value is None or after.startswith(w.not_counted_after):
            continue
        named_before = any(mark in masked[: m.start()] for mark in w.group_marks)
        # the group's own size is its first count; a later one counts its items in a state
        # (卫生类项目4个已完工1个, 31项竣工类项目已竣工3项)
        last_mark = _last_mark(masked, m.start())
        sized = named_before and any(c.start > last_mark or c.group for c in found)
        group = (named_before and not sized) or w.group_after.match(after) is not None
        increment = before.endswith(w.increment_words)
        valid = not (group or increment)
        found.append(Count(value, m.start(), m.end(), m["c"], valid, group and not increment))
    return found


def _last_mark(masked: str, end: int) -> int:
    """Where the last group mark (类) before `end` stands in a clause with its counts masked."""
    return max(masked.rfind(mark, 0, end) for mark in clause_words().group_marks)


def part_of(scope: Count, count: Count) -> bool:
    """Whether a count right after its scope is a part of it (10件实事项目9件进度正常), not the
    items of its groups (10大类30项民生实事基本完成)."""
    return count.classifier == scope.classifier and count.value < scope.value


def joined_counts(key: str, before: list[Count]) -> tuple[Count, list[Count]]:
    """The last count before a state, summed with the counts in the same counter joined to it
    by 和, 及 or 与 (18个建设项目和9个公共服务事项全部完成: 27), and the counts before those (its
    scopes). Counts in another counter joined to it are other units or programmes (92个小项和
    20件民生实事均完成): the first of them is the one stated."""
    joiners = tuple(clause_words().data["state_joiners"])
    at = len(before) - 1
    while at > 0 and before[at - 1].valid:
        between = key[before[at - 1].end : before[at].start]
        if not between.endswith(joiners) or any(ch.isdigit() for ch in between):
            break
        if before[at - 1].classifier != before[at].classifier:
            return joined_counts(key, before[:at])
        at -= 1
    joined, last = before[at:], before[-1]
    if len(joined) == 1:
        return last, before[:-1]
    total = sum(c.value for c in joined)
    return Count(total, joined[0].start, last.end, last.classifier, last.valid), before[:at]
