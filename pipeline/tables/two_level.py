"""A two-level header flattened into one run of labels: the upper row's labels, then the lower
row's, as a page gives a table's header one cell per block (序号 / 目标任务 / 区领导 / … /
工作进度 / 重点工作 / 主要内容 / 10月完成情况 / 进度状态 / 情况说明). The lower labels sit under
the upper labels that span both rows, each run of them under one: a run that says what the
items are (重点工作, 主要内容) under an upper label that does (目标任务), a run that says how
they are going (10月完成情况, 进度状态, 情况说明) under one that does (工作进度), left to right.
The lower row starts at the first label from which every run finds its upper label.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.tables.header import header_role

# The roles that say what the items are, and how they are going; other roles (units, people,
# remarks) go on a run begun by one of them.
WHAT = ("item", "target", "group")
HOW = ("progress", "status", "rate", "quantity", "status_yes_on_track", "status_yes_behind")
# A run of lower labels under one upper label has at least this many.
MIN_RUN = 2


def two_level(labels: Sequence[str]) -> list[str] | None:
    """The columns' labels of a flattened two-level header (each spanning upper label replaced
    by the lower labels under it), or None when the labels do not read as one."""
    for start in range(2, len(labels) - MIN_RUN + 1):
        placed = _placed(labels[:start], labels[start:])
        if placed is not None:
            return placed
    return None


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


def _placed(upper: Sequence[str], lower: Sequence[str]) -> list[str] | None:
    runs = _runs(lower)
    if not runs or header_role(upper[0]) != "id":
        return None
    columns: list[str] = []
    cursor = 0
    for kind, run in runs:
        at = next((i for i in range(max(cursor, 1), len(upper)) if _kind(upper[i]) == kind), None)
        if at is None:
            return None
        columns.extend([*upper[cursor:at], *run])
        cursor = at + 1
    return [*columns, *upper[cursor:]]
