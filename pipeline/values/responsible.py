"""Split a responsible-units cell into a list of organisations (or people)."""

from __future__ import annotations

import functools
import re

from pipeline.text.script import to_simplified, to_traditional
from pipeline.vocab import table

# Units are separated by spaces (in flattened web text), enumeration commas, commas,
# semicolons or slashes; line breaks are handled by `_split_lines`.
_SEPARATORS = re.compile(r"[ \t\u3000、，,；;/／]+")


@functools.cache
def _role_prefix() -> re.Pattern[str]:
    """Role prefixes such as 牵头: or 配合单位: carry no unit name (vocab/organisations.toml)."""
    data = table("organisations")

    def either_script(words: list[str]) -> str:
        return "|".join(re.escape(w) for word in words for w in {word, to_traditional(word)})

    roles, nouns = either_script(data["role_prefixes"]), either_script(data["role_nouns"])
    return re.compile(f"^(?:{roles})(?:{nouns})?[:：]")


@functools.cache
def organisation_suffixes() -> tuple[str, ...]:
    """How names of organisations end (vocab/organisations.toml)."""
    return tuple(table("organisations")["suffixes"])


def looks_like_units(text: str) -> bool:
    """Every space-separated part is an organisation name (发改局, 各镇街, 大数据服务中心)."""
    parts = text.split()
    return bool(parts) and all(
        len(p) <= 16 and to_simplified(p).endswith(organisation_suffixes()) for p in parts
    )


def _split_lines(part: str) -> list[str]:
    """Split on line breaks only after a complete organisation name."""
    pieces: list[str] = []
    for line in (line.strip() for line in part.split("\n")):
        if not line:
            continue
        if pieces and not to_simplified(pieces[-1]).endswith(organisation_suffixes()):
            pieces[-1] += line  # the previous line was wrapped mid-name
        else:
            pieces.append(line)
    return pieces


def split_units(text: str | None) -> tuple[str, ...]:
    """文旅局 各镇街 -> (文旅局, 各镇街). Empty or missing text gives ()."""
    if not text:
        return ()
    parts = (
        _role_prefix().sub("", piece)
        for part in _SEPARATORS.split(text.strip())
        for piece in _split_lines(part)
    )
    return tuple(part for part in parts if part)
