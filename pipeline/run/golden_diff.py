"""What changed between a document's golden and its output now (both `parse --json` objects):
bulletin fields, items field by field, measures and findings gained and lost.

Items are paired by position (table_index, row_index) when the rows there agree on seq or
name; the rows left over are paired by seq and name, then by name, then by seq (rows that
moved), then by position (a row whose seq and name both changed); the rest are added or removed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any

Data = dict[str, Any]
# Fields that say which bulletin a row belongs to, not what it says.
OWNER_FIELDS = ("bulletin_id",)
# Fields that begin with the bulletin's id (a hash of the file's bytes, which any edit changes):
# compared without it, as the item's place in its bulletin.
OWNED_IDS = ("item_id",)


def compare(golden: Data, now: Data) -> Data:
    """The changes from `golden` to `now`, as data; every list is empty when nothing changed."""
    changes: Data = {
        "outcome": None,
        "bulletin": [],
        "items": {"added": [], "removed": [], "changed": []},
        "measures": {"added": [], "removed": []},
        "findings": {"added": [], "removed": []},
    }
    if "error" in golden or "error" in now:
        if golden != now:
            before, after = outcome_of(golden), outcome_of(now)
            if before == after:  # rejected for the same reason, told otherwise
                before, after = golden["error"]["message"], now["error"]["message"]
            changes["outcome"] = {"golden": before, "now": after}
            changes["items"]["added"] = [item_label(i) for i in now.get("items", [])]
            changes["items"]["removed"] = [item_label(i) for i in golden.get("items", [])]
        return changes
    changes["bulletin"] = field_changes(golden["bulletin"], now["bulletin"])
    old, new = _in_place(golden), _in_place(now)
    changes["items"] = _items(old["items"], new["items"])
    changes["measures"] = _gained_lost(old["measures"], new["measures"], measure_label)
    changes["findings"] = _gained_lost(old["findings"], new["findings"], finding_label)
    return changes


def _in_place(data: Data) -> Data:
    """Items, measures and findings with their ids relative to the bulletin (`OWNED_IDS`)."""
    prefix = data["bulletin"].get("bulletin_id") or ""

    def relative(row: Data) -> Data:
        return {
            key: value[len(prefix) :]
            if key in OWNED_IDS and isinstance(value, str) and prefix and value.startswith(prefix)
            else value
            for key, value in row.items()
        }

    return {part: [relative(row) for row in data.get(part, [])] for part in PARTS}


PARTS = ("items", "measures", "findings")


def has_changes(changes: Data) -> bool:
    return bool(
        changes["outcome"]
        or changes["bulletin"]
        or any(
            changes[part][what]
            for part in ("items", "measures", "findings")
            for what in changes[part]
        )
    )


def outcome_of(data: Data) -> str:
    if "error" in data:
        return f"rejected ({data['error']['reason']})"
    return "parsed"


def field_changes(golden: Data, now: Data, *, skip: tuple[str, ...] = ()) -> list[Data]:
    return [
        {"field": key, "golden": golden.get(key), "now": now.get(key)}
        for key in sorted(set(golden) | set(now))
        if key not in skip and golden.get(key) != now.get(key)
    ]


def item_label(item: Data) -> str:
    """`item 12`, or by position where the row has no seq; and its name."""
    where = (
        f"item {item['seq']}"
        if item.get("seq") is not None
        else f"item at table {item.get('table_index')} row {item.get('row_index')}"
    )
    return f"{where} ({item.get('name')})"


def measure_label(measure: Data) -> str:
    return f"item {measure.get('seq')} {measure.get('field')}: {measure.get('raw')}"


def finding_label(finding: Data) -> str:
    where = f" (item {finding['seq']})" if finding.get("seq") is not None else ""
    return f"{finding.get('check')}{where}: {finding.get('message')}"


def _items(golden: list[Data], now: list[Data]) -> Data:
    pairs, removed, added = pair_items(golden, now)
    changed = []
    for old, new in pairs:
        where = item_label(new).split(" (", 1)[0]
        for change in field_changes(old, new, skip=OWNER_FIELDS):
            changed.append({"item": where, **change})
    return {
        "added": [item_label(i) for i in added],
        "removed": [item_label(i) for i in removed],
        "changed": changed,
    }


def pair_items(
    golden: list[Data], now: list[Data]
) -> tuple[list[tuple[Data, Data]], list[Data], list[Data]]:
    """(pairs, removed, added): see the module's docstring for the order of the pairings."""
    old, new = list(golden), list(now)
    pairs: list[tuple[Data, Data]] = []

    def position(item: Data) -> Hashable:
        return (item.get("table_index"), item.get("row_index"))

    def same_row(a: Data, b: Data) -> bool:
        return (a.get("seq") is not None and a.get("seq") == b.get("seq")) or a.get(
            "name"
        ) == b.get("name")

    keys: list[Callable[[Data], Hashable]] = [
        lambda i: (i.get("seq"), i.get("name")),
        lambda i: i.get("name"),
        lambda i: i.get("seq"),
    ]
    _pair_by(old, new, pairs, position, same_row)
    for key in keys:
        _pair_by(old, new, pairs, key, lambda a, b: True)
    _pair_by(old, new, pairs, position, lambda a, b: True)
    return pairs, old, new


def _pair_by(
    old: list[Data],
    new: list[Data],
    pairs: list[tuple[Data, Data]],
    key: Callable[[Data], Hashable],
    agree: Callable[[Data, Data], bool],
) -> None:
    """Pair each item of `old` with the first unpaired item of `new` of the same key that
    `agree`s with it (keys of None alone are no match); remove the paired ones from both."""
    waiting: dict[Hashable, list[int]] = {}
    for index, item in enumerate(new):
        waiting.setdefault(key(item), []).append(index)
    taken: set[int] = set()
    kept: list[Data] = []
    for item in old:
        k = key(item)
        match = None
        if k is not None and k != (None, None):
            match = next(
                (i for i in waiting.get(k, []) if i not in taken and agree(item, new[i])), None
            )
        if match is None:
            kept.append(item)
        else:
            taken.add(match)
            pairs.append((item, new[match]))
    old[:] = kept
    new[:] = [item for index, item in enumerate(new) if index not in taken]


def _gained_lost(golden: list[Data], now: list[Data], label: Callable[[Data], str]) -> Data:
    """Rows of `now` not in `golden` (added) and the other way round, as multisets."""

    def key(row: Data) -> str:
        kept = {k: v for k, v in row.items() if k not in OWNER_FIELDS}
        return json.dumps(kept, ensure_ascii=False, sort_keys=True)

    before = Counter(key(r) for r in golden)
    after = Counter(key(r) for r in now)
    rows = {key(r): r for r in [*golden, *now]}
    return {
        "added": [label(rows[k]) for k in sorted((after - before).elements())],
        "removed": [label(rows[k]) for k in sorted((before - after).elements())],
    }


def shown_value(value: Any, width: int = 60) -> str:
    """A value on one line: text as is, other values as compact JSON; cut at `width`."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 1] + "…"


def change_lines(changes: Data) -> list[str]:
    """The changes of one document, one line each (indented for the check's listing)."""
    lines = []
    if changes["outcome"]:
        lines.append(f"  {changes['outcome']['golden']} → {changes['outcome']['now']}")
    for c in changes["bulletin"]:
        lines.append(
            f"  bulletin {c['field']}: {shown_value(c['golden'])} → {shown_value(c['now'])}"
        )
    items = changes["items"]
    for c in items["changed"]:
        lines.append(
            f"  {c['item']} {c['field']}: {shown_value(c['golden'])} → {shown_value(c['now'])}"
        )
    if not changes["outcome"]:
        lines += [f"  added {label}" for label in items["added"]]
        lines += [f"  removed {label}" for label in items["removed"]]
    for part, noun in (("measures", "measure"), ("findings", "finding")):
        lines += [f"  {noun} added: {label}" for label in changes[part]["added"]]
        lines += [f"  {noun} removed: {label}" for label in changes[part]["removed"]]
    return lines
