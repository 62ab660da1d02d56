"""An entry's state printed in brackets right after its statement, before a colon and its
progress (``1.新建3个村级居家养老服务站(完成):新建完成下洪村…``), or at the end of its line
(``…改造工程(已完成)``), as a news report listing a programme's items one per numbered line
prints it. The state is a status label of the vocabulary as a whole (完成, 已完成, 推进中): a
bracket holding anything else (社区, 含3个子项目) is part of the statement."""

from __future__ import annotations

import re

from pipeline.values.status import status_of_label

# A short bracket, then a colon, a full stop or the end of the line.
_BRACKETED = re.compile(r"[(（]\s*([^()（）]{1,8}?)\s*[)）]\s*(?:[:：。]\s*|$)")
MIN_STATEMENT = 2


def bracketed_state(key: str) -> tuple[int, int, tuple[int, int], str] | None:
    """(end of the statement, start of the progress, span of the label, status) for a line
    whose statement is followed by its state in brackets; None for any other line."""
    for found in _BRACKETED.finditer(key):
        if found.start() < MIN_STATEMENT:
            continue
        status = status_of_label(found.group(1))
        if status is not None:
            return found.start(), found.end(), found.span(1), status
    return None
