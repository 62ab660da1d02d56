"""The columns of a two-level header, given its upper and its lower row of labels.

The upper labels that span both rows have lower labels under them; the others stand over their
column alone. Where each lower label goes depends on how the page gave the lower row, and
`columns` decides it in one of three steps, by what its caller knows:

- `by_position`: the lower row comes with its blanks, as wide as the upper row (进展情况 over
  至8月10日进展 | 最新进展): each lower label sits under the upper label of its column. A
  flattened page gives the lower labels left-aligned, though they sit under the spanning label
  at the header's end (2025年进展情况 over 截至6月底进展 and 7月工作计划); an id, item or group
  column never has labels under it, so lower labels that would land there go under the last
  upper label.
- `by_shared_characters`: the lower row comes without its blanks, the upper and lower labels
  apart (… | 7月进展情况 | 责任单位 | then 完成投资 | 完成率 | 实施情况 |, or a space-joined
  header's lower labels one a line): they go under the one upper label that shares the longest
  run of characters with them, notes in brackets left aside (投资完成情况 over 完成额度 and
  占比), the last one on a tie.
- `by_kinds`: both rows flattened into one run of labels, where the upper row ends not known
  (序号 / 目标任务 / 区领导 / … / 工作进度 / 重点工作 / 主要内容 / 10月完成情况 / 进度状态 /
  情况说明, a page giving its header one cell per block). The lower labels go in runs, each
  under one upper label: a run that says what the items are (重点工作, 主要内容) under an upper
  label that does (目标任务), a run that says how they are going (10月完成情况, 进度状态,
  情况说明) under one that does (工作进度), left to right. The lower row starts at the first
  label from which every run finds its upper label.

Every lower label is a header label (`header_role`), or the rows are not two levels of one
header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.tables.header import header_role, map_header
from pipeline.text.script import match_key
from pipeline.vocab import headers

# The upper label shares at least this many characters in a row with its lower labels.
MIN_SHARED = 2
# The roles that say what the items are, and how they are going; other roles (units, people,
# remarks) go on a run begun by one of them.
WHAT = ("item", "target", "group")
HOW = ("progress", "status", "rate", "quantity", "status_yes_on_track", "status_yes_behind")
# A run of lower labels under one upper label has at least this many.
MIN_RUN = 2
# Columns that never have lower labels under them.
NOT_SPANNING = ("id", "item", "group")


@dataclass(frozen=True)
class Column:
    """One column of a two-level header."""

    upper: str  # the upper label over it ("" where the upper row has none there)
    at: int  # the index of that upper label in the upper row
    lower: str | None = None  # the lower label under it; None where the upper label stands alone

    @property
    def label(self) -> str:
        """The column's label: the lower one in place of the upper one."""
        return self.upper if self.lower is None else self.lower

    @property
    def joined(self) -> str:
        """The column's label: the upper one, then the lower one after a slash."""
        return self.upper if self.lower is None else f"{self.upper}/{self.lower}".strip("/")


def columns(
    upper: Sequence[str],
    lower: Sequence[str],
    *,
    blanks_kept: bool = False,
    split_known: bool = True,
) -> list[Column] | None:
    """The columns of a two-level header of these rows, or None when they do not read as one.

    `blanks_kept`: the lower row comes with its blanks, as wide as the upper row (placed
    `by_position`). `split_known`: the upper row is `upper` and the lower row `lower`; without
    it, the two are one run of labels, cut where `by_kinds` finds the lower row starts. Else
    the lower labels go under an upper label `by_shared_characters`."""
    if blanks_kept and not split_known:
        raise ValueError("a lower row with its blanks is a row: its start is known")
    texts = [text for text in lower if text.strip()]
    if not texts or any(header_role(text) is None for text in texts):
        return None
    if not split_known:
        return by_kinds([*upper, *lower])
    if blanks_kept:
        return by_position(upper, lower)
    return by_shared_characters(upper, lower)


def by_position(upper: Sequence[str], lower: Sequence[str]) -> list[Column] | None:
    """Each lower label under the upper label of its column; left-aligned ones that would land
    under an id, item or group column under the last upper label (see the module's
    docstring)."""
    if len(lower) != len(upper):
        return None
    roles = map_header(upper).roles
    placed = list(lower)
    if any(low.strip() and role in NOT_SPANNING for low, role in zip(lower, roles, strict=True)):
        texts = [text for text in lower if text.strip()]
        last = max((i for i, label in enumerate(upper) if label.strip()), default=-1)
        if last < 0 or last + len(texts) > len(lower):
            return None
        placed = [""] * last + texts + [""] * (len(lower) - last - len(texts))
    return [
        Column(top, at, low if low.strip() else None)
        for at, (top, low) in enumerate(zip(upper, placed, strict=True))
    ]


def by_shared_characters(upper: Sequence[str], lower: Sequence[str]) -> list[Column] | None:
    """The lower labels under the upper label that shares the longest run of characters with
    them (see the module's docstring), or None when none does."""
    spanning = _spanning(upper, lower)
    if spanning is None:
        return None
    return _under(upper, [(spanning, list(lower))])


def by_kinds(labels: Sequence[str]) -> list[Column] | None:
    """The columns of a run of labels that is an upper row and then a lower row, the lower
    labels under upper labels of their kinds (see the module's docstring), or None when the
    labels do not read as two rows."""
    for start in range(2, len(labels) - MIN_RUN + 1):
        placed = _by_kinds(labels[:start], labels[start:])
        if placed is not None:
            return placed
    return None


def _under(upper: Sequence[str], spans: Sequence[tuple[int, list[str]]]) -> list[Column]:
    """The upper labels, each of `spans` (an upper label's index, the lower labels under it)
    in place of its upper label's column."""
    lowers: dict[int, Sequence[str | None]] = dict(spans)
    return [Column(top, at, low) for at, top in enumerate(upper) for low in lowers.get(at, [None])]


def _spanning(labels: Sequence[str], lower: Sequence[str]) -> int | None:
    """The index of the upper label the lower ones sit under by the characters they share."""
    best: tuple[int, int] | None = None
    lows = [_bare(low) for low in lower]
    for index, label in enumerate(labels):
        shared = max(_shared(_bare(label), low) for low in lows)
        if shared >= MIN_SHARED and (best is None or shared >= best[0]):
            best = (shared, index)
    return best[1] if best else None


def _bare(label: str) -> str:
    """A label without its note in brackets (the unit: 完成额度(万元), 占比(%))."""
    return headers().qualifier_suffix.sub("", match_key(label))


def _shared(a: str, b: str) -> int:
    """The length of the longest run of characters `a` and `b` have in common."""
    runs = (b[i : i + size] for size in range(1, len(b) + 1) for i in range(len(b) - size + 1))
    return max((len(run) for run in runs if run in a), default=0)


def _kind(label: str) -> str | None:
    role = header_role(label)
    return "what" if role in WHAT else "how" if role in HOW else None


def _runs(lower: Sequence[str]) -> list[tuple[str, list[str]]] | None:
    """The lower labels cut into runs, each begun by a label that says what or how."""
    runs: list[tuple[str, list[str]]] = []
    for label in lower:
        kind = _kind(label)
        if kind is not None and (not runs or runs[-1][0] != kind):
            runs.append((kind, [label]))
        elif runs:
            runs[-1][1].append(label)
        else:
            return None
    return runs if all(len(run) >= MIN_RUN for _, run in runs) else None


def _by_kinds(upper: Sequence[str], lower: Sequence[str]) -> list[Column] | None:
    """The lower labels' runs, left to right, each under the next upper label of its kind."""
    runs = _runs(lower)
    if not runs or header_role(upper[0]) != "id":
        return None
    spans: list[tuple[int, list[str]]] = []
    cursor = 0
    for kind, run in runs:
        at = next((i for i in range(max(cursor, 1), len(upper)) if _kind(upper[i]) == kind), None)
        if at is None:
            return None
        spans.append((at, run))
        cursor = at + 1
    return _under(upper, spans)
