"""How well a text fits a column, and the best way to lay a row's cells under the header.

Rows whose delimiters are a guess (cells joined by spaces, one cell per blank-line block) can
come with a cell split in two (市生态 / 环境局), with a cell gone (a merged 牵头单位 printed on
its first row only, an empty cell that left no line), or both. `align` lays the cells, in
order, under the columns: each column takes none, one or a few consecutive cells, and of all
such layouts the one whose cells fit their columns best is kept (a dynamic programme over cells
and columns, linear in their product).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from parsers.document import Cell
from pipeline.values.responsible import looks_like_units
from pipeline.values.status import status_of_label

_ID = re.compile(r"^[\s(（*]*\d{1,4}[\s)）.、*＊]*$")
_NUMBER = re.compile(r"^[\s<>≥≤约]*-?\d[\d,.]*\s*(%|％|[^\d\s]{0,3})\s*$")
_YEARS = re.compile(r"^\s*(?:19|20)\d\d\s*(?:[-—~至]\s*(?:19|20)\d\d)?\s*年?\s*$")
_PERSON = re.compile(r"^[\u4e00-\u9fff](\s*[\u4e00-\u9fff]){1,3}$")
_SENTENCE = re.compile(r"[。，,；;:：]")
# The first of a cell's numbered points: 1.…, 1、…, (1)…
_FIRST_POINT = re.compile(r"^\s*(?:1[.、．](?!\d)|[(（]1[)）])")
# The parts of an organisation's name broken over two blocks are short and hold no digit.
MAX_NAME_PART = 10
# Where cells may be both split and missing, at most this many consecutive cells are joined
# back into one column's cell.
MAX_JOIN = 4
# Fits differ by a quarter at least; ties between layouts are broken by a fraction of this.
_EPSILON = 1e-4


def is_figure(text: str) -> bool:
    """A cell that is only a figure, maybe with its unit: 168, 95.33%, 约3万, 150个."""
    return _NUMBER.match(text) is not None


def _id(text: str, merged: bool, role: str) -> float:
    return 2 if _ID.match(text) else (-3 if text else -1)


def _status(text: str, merged: bool, role: str) -> float:
    return 2 if status_of_label(text) else (-0.5 if not text else -2)


def _organisations(text: str, merged: bool, role: str) -> float:
    if not text:
        return -0.25  # often merged, printed on the group's first row only
    if status_of_label(text) or _NUMBER.match(text):
        return -2  # a completion label or a number is not an organisation
    if looks_like_units(text) or (role == "people" and _PERSON.match(text)):
        return 2
    return 0 if len(text) <= 30 and not _SENTENCE.search(text) else -1


def _item(text: str, merged: bool, role: str) -> float:
    if _NUMBER.match(text) or _YEARS.match(text):
        return -1  # a figure or a span of years (2024-2025) names no project
    return 1 if 0 < len(text) <= 60 else -1


def _free_text(text: str, merged: bool, role: str) -> float:
    if not text:
        return -0.5
    if looks_like_units(text) or (merged and looks_like_units(text.split()[0])):
        return -1  # an organisation's name is not a target or a progress report
    return 0.5 if text.endswith(("。", "；", ";", "！", "!")) else 0  # sentences end cells


def _number(text: str, merged: bool, role: str) -> float:
    return 1 if _NUMBER.match(text) else (-0.5 if not text else -1)


def _measure_unit(text: str, merged: bool, role: str) -> float:
    if not text:
        return -0.25
    return 1 if len(text) <= 6 and not re.search(r"\d", text) else -1  # 公里, 万人, 元/月/人


# How a cell is scored for a column of each role; other roles (remark, group…) take anything.
_SCORES: dict[str, Callable[[str, bool, str], float]] = {
    "id": _id,
    "status": _status,
    "units": _organisations,
    "people": _organisations,
    "item": _item,
    "target": _free_text,
    "progress": _free_text,
    "rate": _number,
    "quantity": _number,
    "measure_unit": _measure_unit,
}


def fit(role: str | None, text: str, merged: bool, *, pipe: bool = True) -> float:
    """How well `text` fits a column of `role` (higher is better)."""
    score = 0.0
    if merged and "\n" in text:
        if role not in ("rate", "quantity") and any(
            _NUMBER.match(line) for line in text.split("\n")
        ):
            score -= 2  # a bare number joined to text is a cell of its own
        if role in ("item", "target") and any(
            _FIRST_POINT.match(line) for line in text.split("\n")[1:]
        ):
            score -= 1  # numbered points (1.…, 2.…) below a task are its progress
        text = _wrapped_units(text)
    if role in _SCORES:
        score += _SCORES[role](text, merged, role)
    if merged and pipe and role in ("target", "progress", "remark"):
        score += 0.5  # long free text is where a stray pipe usually hides
    if merged and not pipe and role in ("units", "people") and looks_like_units(text):
        score += 0.5  # 文旅局 各镇街: the commonest space inside a cell
    return score


def _wrapped_units(text: str) -> str:
    """Blocks joined back: a name broken over two blocks (市人力资源 / 社会保障局) is read as one
    where the parts are not names alone."""
    lines = text.split("\n")
    if any(looks_like_units(line) for line in lines[:-1]) or any(
        len(line) > MAX_NAME_PART or re.search(r"\d", line) for line in lines
    ):
        return " ".join(lines)
    return "".join(lines)


def align(
    cells: Sequence[Cell], roles: Sequence[str | None], separator: str, *, mixed: bool
) -> tuple[Cell, ...] | None:
    """The cells laid under the columns as they fit best: a column may stay empty or take
    several consecutive cells (joined with `separator`). Unless `mixed`, a row with too many
    cells only joins and one with too few only gains empty cells. None when the cells cannot
    be laid out that way."""
    n, width = len(cells), len(roles)
    allow_empty = mixed or n < width
    max_join = (MAX_JOIN if mixed else n) if (mixed or n > width) else 1
    minus_inf = float("-inf")
    # best[j][i]: the best score laying the first i cells under the first j columns
    best = [[minus_inf] * (n + 1) for _ in range(width + 1)]
    choice = [[0] * (n + 1) for _ in range(width + 1)]
    best[0][0] = 0.0
    joined = {
        (i, k): _join(cells[i : i + k], separator)
        for i in range(n)
        for k in range(1, max_join + 1)
        if i + k <= n
    }
    for j, role in enumerate(roles):
        empty = fit(role, "", False, pipe=False)
        for i in range(n + 1):
            if best[j][i] == minus_inf:
                continue
            # cells before empty columns: at equal fit, empty cells go to the right
            ks = list(range(1, min(max_join, n - i) + 1)) + ([0] if allow_empty else [])
            for k in ks:
                text = joined[(i, k)].text if k else ""
                score = best[j][i] + (fit(role, text, k > 1, pipe=False) if k else empty)
                score -= _tie_break(k, j, width)
                if score > best[j + 1][i + k]:
                    best[j + 1][i + k] = score
                    choice[j + 1][i + k] = k
    if best[width][n] == minus_inf:
        return None
    line = cells[0].line if cells else None
    laid: list[Cell] = []
    i = n
    for j in range(width, 0, -1):
        k = choice[j][i]
        laid.append(joined[(i - k, k)] if k else Cell("", line=line))
        i -= k
    return tuple(reversed(laid))


def _tie_break(k: int, column: int, width: int) -> float:
    """Less than any difference of fit, so that it only orders layouts that fit equally well:
    an empty cell costs more the further left it is (a row a cell short lacks its later cells,
    the 完成数 rather than the target), and a join costs more than any empty cell."""
    if k == 0:
        return _EPSILON * (width - column)
    return _EPSILON * 2 * width * (k - 1)


def _join(cells: Sequence[Cell], separator: str) -> Cell:
    if len(cells) == 1:
        return cells[0]
    return Cell(separator.join(c.text for c in cells), line=cells[0].line, page=cells[0].page)
