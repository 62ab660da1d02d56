"""Sub-rows of a numbered row in a table flattened to one cell per block (tables/blank_cells.py):
a project with several lines of its own under one row number, each line after the first
printed without the cells merged over them, which leave no block:

    1 / 新增4000张养老床位 / 4385 / 110% / 新增800张…床位 / 810 / 101% / 改建3000张…床位 / …

(the 序号 merged over three sub-rows), or, where the responsible unit is merged over them too,

    2 / 新建成婴幼儿照护服务成长驿站7家。/ 新建锦南街道…13家 / 卫生健康局 / 新增…托位500个。/ …

A row is cut so only when the cut is plain: the first part as wide as the columns after the
id, every later part as wide as those columns less the merged ones, and each column's blocks of
one kind in every part (figures under figures, completion labels under labels, names of
organisations under names of organisations). A row a block or two longer than its columns for
any other reason (a cell broken over two blocks) is left to `rows.fit_row`.
"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.document import Cell
from pipeline.tables.fit import is_figure
from pipeline.values.responsible import looks_like_units
from pipeline.values.status import status_of_label

# Columns that a project's sub-rows share, merged over them: the responsible units.
SHARED = frozenset({"units"})


def merged_sub_rows(
    row: tuple[Cell, ...], roles: Sequence[str | None], *, last: bool = False
) -> list[tuple[Cell, ...]]:
    """The row, or its sub-rows when it holds several in the shapes above. A sub-row after the
    first has an empty id, and its shared columns are marked merged from the row above. The
    `last` row of a table, which may have taken the text after the table, is cut only into
    parts as wide as its columns (the prose after a table reads as text under text)."""
    if "id" not in roles:
        return [row]
    id_column = roles.index("id")
    after = list(roles[id_column + 1 :])
    head, body = row[: id_column + 1], row[id_column + 1 :]
    if len(head) != id_column + 1 or len(body) <= len(after):
        return [row]
    shared = _trailing_shared(after)
    for kept in (len(after),) if last else (len(after), len(after) - shared):
        if kept < 2 or (len(body) - len(after)) % kept:
            continue
        parts = [body[: len(after)]]
        parts += [body[at : at + kept] for at in range(len(after), len(body), kept)]
        if _alike(parts, kept, shared=kept < len(after)):
            sub_rows = (_sub_row(part, id_column, len(after)) for part in parts[1:])
            return [(*head, *parts[0]), *sub_rows]
    return [row]


def _trailing_shared(after: Sequence[str | None]) -> int:
    """How many of the last columns are shared ones (a merged middle column is not cut on:
    its row's long cells before it could not be told from sub-rows)."""
    count = 0
    for role in reversed(after):
        if role not in SHARED:
            break
        count += 1
    return count


def _kind(text: str) -> str:
    if not text.strip():
        return "empty"
    if status_of_label(text):
        return "status"
    if is_figure(text):
        return "figure"
    return "units" if looks_like_units(text) else "text"


def _alike(parts: Sequence[Sequence[Cell]], kept: int, *, shared: bool) -> bool:
    """Each kept column's blocks are of one kind in every part; a column of figures, labels or
    names must be among them (text under text alone says nothing) unless the parts leave the
    shared columns out, which the first part must then hold (names) and the others not."""
    first = [_kind(cell.text) for cell in parts[0]]
    kinds = first[:kept]
    if any([_kind(cell.text) for cell in part] != kinds for part in parts[1:]):
        return False
    if shared:
        return all(kind == "units" for kind in first[kept:]) and "units" not in kinds
    return any(kind in ("status", "figure", "units") for kind in kinds)


def _sub_row(part: Sequence[Cell], left: int, width: int) -> tuple[Cell, ...]:
    """A sub-row: the columns left of the id merged from above (a group printed once), an
    empty id, the part, and the shared columns it leaves out merged from above."""
    line = part[0].line
    lead = tuple(Cell("", line=line, merged="up") for _ in range(left))
    shared = tuple(Cell("", line=line, merged="up") for _ in range(width - len(part)))
    return (*lead, Cell("", line=line), *part, *shared)
