"""Item lists in prose that real pages print where another would print a progress table:
entries named by their first sentence (tests/fixtures/README.md names each fixture's page)."""

from __future__ import annotations

from parsers.text_reader import text_to_blocks
from pipeline.model.records import ItemDraft
from pipeline.narrative.lists import listed_items


def drafts(text: str) -> list[ItemDraft]:
    return listed_items(list(text_to_blocks(text.split("\n"))), "b")


def test_a_name_sentence_before_a_later_word_of_progress() -> None:
    # the first sentence is a name; the word of progress (累计) comes two sentences later
    items = drafts(
        "1.推进5G基站建设。这项实事聚焦城区信号盲点。全年新增基站106个,累计建设839个。\n"
        "2.开展儿童龋病防治。这项实事守护儿童口腔健康。全年筛查1900人,累计封闭1756人。"
    )
    assert [(i.name, i.progress) for i in items] == [
        ("推进5G基站建设", "这项实事聚焦城区信号盲点。全年新增基站106个,累计建设839个。"),
        ("开展儿童龋病防治", "这项实事守护儿童口腔健康。全年筛查1900人,累计封闭1756人。"),
    ]
