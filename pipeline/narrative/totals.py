"""What a declared total counts: the programme's items (20件, 12项, 重点项目120个), or things
(280个避灾点, 全市80个小区), which a breakdown of the programme's states does not count."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.narrative.breakdowns import Breakdown
from pipeline.text.script import to_simplified
from pipeline.vocab import table

# A line numbered as an item of a list: 4.…, (2)…, 3、…
_ITEM_LINE = re.compile(r"^\s*[(（]?\d{1,3}[)）.、．]")


def counts_things(b: Breakdown, paragraphs: Sequence[str]) -> bool:
    """A total in a counter of things (个, 处) whose noun names no item (280个自然灾害避灾点
    已建成246个): the breakdown counts things, not the programme's items."""
    w = table("counts")
    if b.total is None or not b.total_classifier or b.total_classifier in w["item_counters"]:
        return False
    text = to_simplified(paragraphs[b.paragraph]) if b.paragraph < len(paragraphs) else ""
    after = re.search(
        rf"([^,，。;；、:：]{{0,8}}?)(?:共计|共有|共|计|合计|为)?{b.total}\s*"
        rf"{re.escape(b.total_classifier)}([^,，。;；、:：]{{0,12}})",
        text,
    )
    if after is None:
        return False
    named = " ".join(after.groups())  # 考核项目共计148个: items, named before the count
    if any(noun in named for noun in w["item_nouns"]):
        return False
    # a noun holding a list of offices (36个市委、市政府为民办实事项目), not 避灾点280个、整治工程
    listed = re.match(r"[^,，。;；:：]{0,16}", text[after.end(2) :])
    noun = after.group(2) + (listed.group(0) if listed else "")
    return not noun.endswith(tuple(w["programme_item_endings"]))


def counts_items(b: Breakdown, paragraphs: Sequence[str]) -> bool:
    """A total announced alone counts the programme's items (20件, 12项, 重点项目120个), not
    things (全市80个小区), and not in a numbered item's own line (4.全年签约项目20个)."""
    text = to_simplified(paragraphs[b.paragraph]) if b.paragraph < len(paragraphs) else ""
    if _ITEM_LINE.match(text):
        return False
    if b.total_classifier in table("counts")["item_counters"]:
        return True
    nouns = "|".join(map(re.escape, table("counts")["item_nouns"]))
    pattern = rf"(?:{nouns})\D{{0,2}}{b.total}\s*个|{b.total}\s*个(?:{nouns})"
    return re.search(pattern, text) is not None


def reported_on(b: Breakdown, paragraphs: Sequence[str]) -> bool:
    """A total without 共 or 全市 that the sentence goes on to report on, fewer of its items
    in the same counter (251项任务实施,目前已落地实施207项): the programme's items."""
    text = to_simplified(paragraphs[b.paragraph]) if b.paragraph < len(paragraphs) else ""
    counter = re.escape(b.total_classifier or "")
    later = re.search(
        rf"{b.total}\s*{counter}[^。;；]*?已[^。;；,，\d]{{0,8}}(\d+)\s*{counter}", text
    )
    return b.total_items and later is not None and int(later.group(1)) < (b.total or 0)
