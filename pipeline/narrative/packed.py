"""Where a paragraph that runs a list's entries together with no break at all (a page whose
line breaks were lost: ``…具体情况如下:一、推进教育惠民1.普通高中扩容。…。2.家庭教育进万家。…``)
starts each entry, so that the outline reads them as lines of their own.

A marker inside a paragraph is an entry's start only after a sentence's end or a colon (一、,
1.), or, for an Arabic number, right after the heading it follows (…惠民1.普通…), and only in
sequence: each style's numbers 1, 2, 3 in order, an inner style starting again at 1 after an
outer entry. A paragraph is cut only where at least two entries of one style follow each other
(a lone 1. inside a sentence is no list), each a heading alone or opening with its name as a
sentence of its own (`results.name_sentence`): points of a field (完成情况:1.东桥等2个项目已
完工。2.…) and figures by kind (1、基础设施类项目22个,…) stay in their paragraph."""

from __future__ import annotations

import re

from pipeline.narrative.results import name_sentence
from pipeline.narrative.statements import heading_line
from pipeline.text.numerals import parse_int

MIN_PACKED = 2
# 一、 after a sentence's end or a colon; 1. 1、 after one, or after the heading's last
# character, before the entry's first (not 1.5万, not 1、2项).
_PACKED = re.compile(
    r"""(?<=[。；;:：])\s*(?P<chinese>[一二三四五六七八九十]{1,3})、
      | (?<=[。；;:：\u4e00-\u9fff”）)])(?P<arabic>\d{1,2})\s*[.．、](?=[\u4e00-\u9fff“《])""",
    re.VERBOSE,
)


def packed_cuts(key: str) -> list[int]:
    """The positions in `key` where the entries it runs together start (none when it is not
    such a paragraph)."""
    kept: dict[str, list[tuple[int, int]]] = {}  # style -> (start, text start) of its entries
    count: dict[str, int] = {}  # style -> the number of its entry last kept
    for found in _PACKED.finditer(key):
        style = "chinese" if found.group("chinese") else "arabic"
        number = parse_int(found.group(style))
        if found.start(style) == 0 or number != count.get(style, 0) + 1:
            continue
        kept.setdefault(style, []).append((found.start(style), found.end()))
        count[style] = number
        for inner in list(kept)[list(kept).index(style) + 1 :]:
            count[inner] = 0  # a list below an entry starts again at 1
    if not any(len(entries) >= MIN_PACKED for entries in kept.values()):
        return []
    starts = sorted(start for entries in kept.values() for start, _ in entries)
    ends = dict(zip(starts, [*starts[1:], len(key)], strict=True))
    texts = [
        key[text : ends[start]]
        for entries in kept.values()
        if len(entries) >= MIN_PACKED
        for start, text in entries
    ]
    named = [name_sentence(text) is not None for text in texts]
    if not any(named) or not all(n or heading_line(t) for n, t in zip(named, texts, strict=True)):
        return []
    return starts
