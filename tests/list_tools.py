"""Helpers of the tests of lists read from prose (tests/test_list_*.py)."""

from __future__ import annotations

from parsers.text_reader import text_to_blocks
from pipeline.model.records import Item, ItemDraft
from pipeline.narrative.lists import listed_items
from pipeline.run.task import parse_file
from tests.conftest import FIXTURES


def drafts(text: str) -> list[ItemDraft]:
    """The items a prose text lists, one line a paragraph."""
    return listed_items(list(text_to_blocks(text.split("\n"))), "b")


def fixture_items(name: str) -> list[Item]:
    """A fixture's items, each read from its prose."""
    parsed = parse_file(FIXTURES / name)
    assert {item.status_source for item in parsed.items} == {"narrative"}
    return list(parsed.items)
