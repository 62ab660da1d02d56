"""The one per-cell cache policy, and the one function that applies it: `per_cell`.

Names, targets, units and headers recur word for word across an issuer's bulletins (the same
projects, month after month), so what a reader computes from a cell alone is kept:
- texts of SHORT_TEXT characters or less (labels, headers, short names: a small vocabulary, seen
  again and again) in a large cache of SHORT_CACHE entries;
- texts up to CACHED_CELL characters for the CELL_CACHE most recent ones of each worker;
- longer texts (progress cells, which rarely recur) are computed each time, so the caches stay
  small whatever the documents hold.
The size of a call is the length of all its text arguments together.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

SHORT_TEXT = 32
SHORT_CACHE = 65536
CACHED_CELL = 400
CELL_CACHE = 4096

F = TypeVar("F", bound=Callable[..., Any])

# Every cache made by per_cell, by the qualified name of its function (for clear_all, hits).
_CACHES: dict[str, tuple[Any, Any]] = {}


def per_cell(function: F) -> F:
    """`function` with its results kept under the policy above. Its arguments must be hashable
    and its result must depend on them alone."""
    short = functools.lru_cache(maxsize=SHORT_CACHE)(function)
    cell = functools.lru_cache(maxsize=CELL_CACHE)(function)
    _CACHES[f"{function.__module__}.{function.__qualname__}"] = (short, cell)

    @functools.wraps(function)
    def kept(*args: Any) -> Any:
        size = sum(len(arg) for arg in args if isinstance(arg, str))
        if size <= SHORT_TEXT:
            return short(*args)
        if size <= CACHED_CELL:
            return cell(*args)
        return function(*args)

    return cast(F, kept)


def clear_all() -> None:
    """Empty every per-cell cache (for tests that compare cold and warm runs)."""
    for short, cell in _CACHES.values():
        short.cache_clear()
        cell.cache_clear()


def hits() -> dict[str, int]:
    """Cache hits so far, by function."""
    return {
        name: short.cache_info().hits + cell.cache_info().hits
        for name, (short, cell) in _CACHES.items()
    }
