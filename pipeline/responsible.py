"""Split a responsible-units cell into a list of organisations (or people)."""

from __future__ import annotations

import re

# Units are separated by spaces (in flattened web text), enumeration commas, commas,
# semicolons, slashes or line breaks.
_SEPARATORS = re.compile(r"[\s、，,；;/／]+")
# Role prefixes such as 牵头: or 配合单位: carry no unit name.
_ROLE_PREFIX = re.compile(r"^(?:牵头|配合|主办|协办|责任)(?:单位|單位|部门|部門)?[:：]")


def split_units(text: str | None) -> tuple[str, ...]:
    """文旅局 各镇街 -> (文旅局, 各镇街). Empty or missing text gives ()."""
    if not text:
        return ()
    parts = (_ROLE_PREFIX.sub("", part) for part in _SEPARATORS.split(text.strip()))
    return tuple(part for part in parts if part)
