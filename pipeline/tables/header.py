"""Map a table's header cells to column roles (id, item, target, progress, status, units ...).

The synonym table is `vocab/headers.toml`; matching is whitespace- and script-insensitive.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.text.cache import per_cell
from pipeline.text.script import match_key
from pipeline.vocab import HeaderVocabulary, headers, lookup

# Roles whose columns, when there are several under different labels, are read from the last.
LATEST_FIRST = ("progress",)
# A cell with sentence punctuation, or numbered like a heading, is not read by its head word.
_NOT_A_LABEL = re.compile(r"[。，,；;：:！!？?]|^([一二三四五六七八九十]+|\d+)[、.．]")


@per_cell  # header labels: a small vocabulary, seen again and again
def header_role(text: str) -> str | None:
    """The role of one header cell, or None when the vocabulary does not know it: the label
    as listed, else without its qualifiers (a period before, a note in brackets after), else
    by its head word (headers.toml explains)."""
    key = match_key(text)
    if not key:
        return None
    vocab = headers()
    role = _listed_role(key, vocab)
    if role is not None or len(key) > vocab.max_length or _NOT_A_LABEL.search(key):
        return role
    bare = vocab.qualifier_suffix.sub("", vocab.qualifier_prefix.sub("", key))
    if bare and bare != key and (role := _listed_role(bare, vocab)) is not None:
        return role
    for pattern, head_role in vocab.heads:
        if pattern.search(bare or key):
            return head_role
    return None


# The ends of the labels of an item's name and of its description.
NAMED = "名称"
DESCRIBED = "内容"


def listed_role(text: str) -> str | None:
    """The role of a header cell as the vocabulary lists it (exactly, by pattern, or without
    its qualifiers), not read by its head word."""
    key = match_key(text)
    vocab = headers()
    role = _listed_role(key, vocab)
    if role is None:
        bare = vocab.qualifier_suffix.sub("", vocab.qualifier_prefix.sub("", key))
        role = _listed_role(bare, vocab) if bare and bare != key else None
    return role


def heads_a_left_column(text: str) -> bool:
    """Whether a label may head a column left of the row numbers (类别, 工程名称, 责任领导): one
    the vocabulary lists, of no role that says how the items are going. A title or a heading
    above the table (…进展情况统计表, …市长主抓重点工作) may read as a label, not as such a
    one."""
    role = listed_role(text)
    return role is not None and role not in headers().evidence


def _listed_role(key: str, vocab: HeaderVocabulary) -> str | None:
    return lookup(key, vocab.exact, vocab.patterns)


@dataclass(frozen=True)
class HeaderMap:
    """Column roles of one table. `roles[i]` is the role of column i (None: not understood)."""

    labels: tuple[str, ...]
    roles: tuple[str | None, ...]

    def column(self, role: str) -> int | None:
        """The column read for this role: the first; for progress columns of different labels
        (1-5月推进情况 | 1-6月推进情况, 至8月10日进展 | 最新进展) the last, the latest report."""
        return self._read.get(role)

    @functools.cached_property
    def _read(self) -> dict[str, int]:
        """Role -> the column read for it (asked for every cell of every row: computed once)."""
        read: dict[str, int] = {}
        for role in set(self.roles) - {None}:
            assert role is not None
            columns = self.columns(role)
            distinct = len({self.labels[c] for c in columns}) == len(columns)
            read[role] = columns[-1] if role in LATEST_FIRST and distinct else columns[0]
        return read

    def columns(self, role: str) -> tuple[int, ...]:
        return tuple(i for i, r in enumerate(self.roles) if r == role)

    @property
    def unmapped(self) -> tuple[int, ...]:
        return tuple(i for i, r in enumerate(self.roles) if r is None and self.labels[i].strip())

    @property
    def known(self) -> int:
        return sum(1 for r in self.roles if r is not None)

    @property
    def is_progress_table(self) -> bool:
        """An item column and evidence of progress. A task-allocation table (分解表) has items
        and targets but nothing about progress, and is not one."""
        return self.column("item") is not None and any(
            self.column(role) is not None for role in headers().evidence
        )


def is_regional(labels: Sequence[str], roles: Sequence[str | None]) -> bool:
    """A group column named for regions (市州, 县区): a per-region table, whose rows are
    regions, not items (tables/matrix.py reads them)."""
    regions = headers().regions
    return any(r == "group" and match_key(t) in regions for t, r in zip(labels, roles, strict=True))


def map_header(labels: Sequence[str]) -> HeaderMap:
    roles = [header_role(label) for label in labels]
    _described_item(labels, roles)
    if "item" not in roles and not is_regional(labels, roles):
        after_id = roles.index("id") + 1 if "id" in roles else len(roles)
        if after_id < len(roles) and roles[after_id] is None and labels[after_id].strip():
            # the column after the row number, its label not understood (a character lost:
            # 项目?容): the item, as the column after 序号 is
            roles[after_id] = "item"
        # e.g. 政府工作报告 task tables: 目标任务 is the item itself (vocab: fallback.item_from);
        # of several labelled each its own way (年度目标 | … | 季度目标), the first.
        for fallback in () if "item" in roles else headers().item_fallback:
            keys = [match_key(t) for t, r in zip(labels, roles, strict=True) if r == fallback]
            if keys and len(set(keys)) == len(keys):
                roles[roles.index(fallback)] = "item"
                break
    return HeaderMap(labels=tuple(labels), roles=tuple(roles))


def _described_item(labels: Sequence[str], roles: list[str | None]) -> None:
    """Of two item columns, one naming the item (项目名称) and one after it describing it
    (项目内容, 具体内容): the description is what the item is to achieve, its target, where no
    column is the target already."""
    items = [i for i, role in enumerate(roles) if role == "item"]
    if len(items) != 2 or "target" in roles:
        return
    named, described = (match_key(labels[i]) for i in items)
    if named.endswith(NAMED) and described.endswith(DESCRIBED):
        roles[items[1]] = "target"
