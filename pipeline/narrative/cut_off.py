"""The entries of a list that a page cut off has left whole. A page that ends inside a
list's last entry (`outline.Entry.cut`: the document's last line of prose is in it) may have
lost that entry's progress: what a list's entries must all tell, or most of them, is asked of
the others alone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class _Entry(Protocol):
    @property
    def cut(self) -> bool:
        """The document ends inside this entry (a page cut off)."""
        ...


E = TypeVar("E", bound=_Entry)


def uncut(entries: Sequence[E]) -> Sequence[E]:
    """`entries` with the last set aside when the page ends inside it."""
    return entries[:-1] if entries and entries[-1].cut else entries
