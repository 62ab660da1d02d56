"""The issuing office as the opening prose names it: the office that inspected and reports
(区政府督查室对…进行了督查, 县督查办会同县双创办对…, 株洲市项目办通报), or the one a news report
heard it from (记者从区发改委获悉). The words are vocab/narrative.toml's `prose_issuer`; an
office's name starts after a mark, a bracket or a space (南江新闻网讯(记者张华)市政府督查室…)
and ends in one of its endings. Pure functions
that never raise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from pipeline.text.script import to_simplified
from pipeline.vocab import table

# The paragraphs at the top of the prose where the office is named.
OPENING_PARAGRAPHS = 4
# a name's characters: not the words that join a sentence (我区对各办公室…: no office)
_NAME = r"(?:(?![对的在和与为把被从向将])[\u4e00-\u9fff]){1,18}?"


def _any(words: Sequence[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    data = table("narrative")["prose_issuer"]
    office = rf"(?P<office>{_NAME}(?:{_any(data['endings'])}))"
    between = rf"(?:{_any(data['between'])})?(?:(?:联合|会同)[^,，。;；对]{{1,16}})?[,，]?"
    opening = r"(?:^|(?<=[,，。;；:：、)）\s]))(?:近日|近期|日前)?"
    acting = rf"{opening}{office}{between}(?:{_any(data['after'])})"
    news = [rf"{re.escape(a)}{office}{re.escape(b)}" for a, b in data["news"]]
    return tuple(re.compile(p) for p in (acting, *news))


def prose_issuer(paragraphs: Sequence[str]) -> str | None:
    """The office the opening paragraphs name as the one that inspected and reports."""
    for text in paragraphs[:OPENING_PARAGRAPHS]:
        key = to_simplified(text)
        source = text if len(text) == len(key) else key
        found = [m for pattern in _patterns() if (m := pattern.search(key))]
        if found:
            first = min(found, key=lambda m: m.start("office"))
            return source[first.start("office") : first.end("office")]
    return None
