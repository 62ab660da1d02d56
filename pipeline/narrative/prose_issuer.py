"""The issuing office as the opening prose names it: the office that inspected and reports
(区政府督查室对…进行了督查, 县督查办会同县双创办对…, 某某市项目办通报,), or the one a news report
heard it from (记者从区发改委获悉). The words are vocab/narrative.toml's `prose_issuer` and
`office`: an office's name starts after a mark, a bracket, a space, a clause's opening word
(按照, 根据, 一是, 我 …) or a word that ends a clause run on (安排部署), holds none of the
characters that join a sentence, and ends in an office's word. The opening paragraphs are
counted after the page's publication data (its metadata box and stamp lines), its navigation
trail and the short lines of its chrome (微博, 评论). Pure functions that never raise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from pipeline.narrative.metadata import is_breadcrumb, words
from pipeline.narrative.metadata_box import fields_of
from pipeline.text.patterns import any_of, own_script
from pipeline.text.script import to_simplified
from pipeline.vocab import table

# The paragraphs at the top of the prose where the office is named, and the longest line of a
# page's chrome (关注新华网, 微博, 评论), which is not counted among them.
OPENING_PARAGRAPHS = 4
MAX_CHROME_CHARS = 6


@functools.cache
def _cuts() -> re.Pattern[str]:
    return re.compile(rf".*(?:{any_of(table('narrative')['prose_issuer']['name_cuts'])})")


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], ...], tuple[str, ...]]:
    data, endings = table("narrative")["prose_issuer"], words().office_endings
    name = rf"(?:(?![{re.escape(data['breaks'])}])[\u4e00-\u9fff]){{1,18}}?"
    office = rf"(?P<office>{name}(?:{any_of(endings)}))"
    times, leads = any_of(data["times"]), any_of(data["leads"])
    between = rf"(?:{times})?(?:(?:{any_of(data['joint'])})[^,，。;；对]{{1,16}})?[,，]?"
    opening = rf"(?:^|(?<=[,，。;；:：、)）\s]))(?:{times})?(?:{leads})?"
    acting = rf"(?:{any_of(data['after'])})(?![{re.escape(''.join(data['not_after_dui']))}])"
    reports = rf"(?:{any_of(data['reports'])})(?=[,，:：了称]|$)"
    patterns = [rf"{opening}{office}{between}(?:{acting}|{reports})"]
    patterns += [rf"{re.escape(a)}{office}{re.escape(b)}" for a, b in data["news"]]
    return tuple(map(re.compile, patterns)), tuple(data["not_issuers"])


def prose_issuer(paragraphs: Sequence[str]) -> str | None:
    """The office the opening paragraphs name as the one that inspected and reports."""
    patterns, not_issuers = _patterns()
    prose = [text for text in paragraphs if not fields_of(text) and not is_breadcrumb(text)]
    prose = [text for text in prose if len(text.strip()) > MAX_CHROME_CHARS]  # not 微博, 评论
    for text in prose[:OPENING_PARAGRAPHS]:
        key = to_simplified(text)
        found = [m for pattern in patterns for m in pattern.finditer(key)]
        found = [m for m in found if not m.group("office").startswith(not_issuers)]
        if found:
            first = min(found, key=lambda m: m.start("office"))
            start = first.start("office")
            cut = _cuts().match(key, start, first.end("office"))
            return own_script(text, key)[cut.end() if cut else start : first.end("office")]
    return None
