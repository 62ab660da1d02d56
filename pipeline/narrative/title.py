"""A bulletin's title, from the lines above its first progress table: the title field of a
government page's metadata box (名  称: …, 标题: …), else the first line below the page's
chrome (navigation bars and trails, time stamps, greetings) when it reads as a title, else the
table's caption, else an attachment line (附件:…情况表). Never raises."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.narrative.metadata import (
    is_breadcrumb,
    is_stamp_line,
    looks_like_title,
    strip_attachment_prefix,
)
from pipeline.narrative.metadata_box import fields_of
from pipeline.vocab import table

# The page's chrome takes at most this many lines above the title.
MAX_CHROME_LINES = 6
# The metadata box is among this many lines at the top of the page.
MAX_FIELD_LINES = 10
# A line this short above the title is page chrome (欢迎您,), as a date line there is (the
# visit's time stamp).
MAX_CHROME_CHARS = 4
# Of those, at most this many above the title (more are the labels of a page's own blocks:
# 图片, 主题:, 教育惠民, then the header of a table run together).
MAX_SHORT_CHROME_LINES = 2
# A navigation bar: at least this many entries, most of them no longer than this.
MIN_NAV_ENTRIES = 3
MAX_NAV_ENTRY_CHARS = 6
_NAV_SPLIT = re.compile(r"\s*[|｜]\s*|\s+")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")


def _field_title(lines: Sequence[str]) -> str | None:
    """The title a metadata box's title field gives (名  称: <title> 发布日期: …)."""
    labels = set(table("narrative")["title_field_labels"])
    for text in lines[:MAX_FIELD_LINES]:
        value = next((value for label, value in fields_of(text) if label in labels), None)
        if value is not None:
            return value if looks_like_title(value) else None
    return None


def is_nav_bar(text: str) -> bool:
    """A site's navigation bar (直通屏山|福建|时评|…, 民生 國內 國際 社會 …, 关怀版 无障碍): short
    entries between bars or spaces, and no title among them."""
    entries = [e for e in _NAV_SPLIT.split(text.strip()) if e]
    short = sum(len(e) <= MAX_NAV_ENTRY_CHARS for e in entries)
    return (
        len(entries) >= MIN_NAV_ENTRIES
        and 3 * short >= 2 * len(entries)
        and "。" not in text
        and not looks_like_title(text)
    )


def is_chrome(text: str) -> bool:
    """A line of the page around the bulletin: a navigation bar or trail, a time stamp, a
    short greeting (欢迎您,) but not a short title (督查通报), a line without Chinese
    (loading..., the site's English name)."""
    return (
        is_breadcrumb(text)
        or is_stamp_line(text)
        or is_nav_bar(text)
        or not _HAS_CJK.search(text)
        or _is_short_chrome(text)
    )


def _is_short_chrome(text: str) -> bool:
    return len(text.strip()) <= MAX_CHROME_CHARS and not looks_like_title(text)


def find_title(before_table: Sequence[str], caption: str | None) -> str | None:
    """The bulletin's title (the module's docstring says where it is looked for)."""
    if (field := _field_title(before_table)) is not None:
        return field
    lines, short = list(before_table), 0
    for _ in range(MAX_CHROME_LINES):
        if not lines or not is_chrome(lines[0]):
            break
        if _is_short_chrome(lines[0]) and not is_stamp_line(lines[0]):
            if short == MAX_SHORT_CHROME_LINES:
                break
            short += 1
        lines = lines[1:]
    if lines and looks_like_title(lines[0]):
        return lines[0]
    if caption and looks_like_title(caption):
        return caption
    for text in before_table:
        stripped = strip_attachment_prefix(text)
        if stripped != text and looks_like_title(stripped):
            return stripped
    return None
