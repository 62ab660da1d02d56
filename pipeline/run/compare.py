"""`bulletins diff OUT_A OUT_B`: what differs between two output folders, e.g. the same corpus
ingested by two parser or vocabulary versions.

Each dataset is read from every `**/*.parquet` under its folder (links followed, hidden files
and folders passed over), whatever the period folders are called. Bulletins are matched by
source_path; items by source_path, table_index and row_index; measures and findings are
compared per bulletin as multisets of their rows. Fields only one side has are named once
(columns added or removed) and not compared row by row.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pipeline.model.records import jsonable

Row = dict[str, Any]
# Fields that depend on the bytes read or on the run, not on what the parser read in them.
OWNER_FIELDS = {"bulletin_id"}


def read_dataset(out: Path, dataset: str) -> list[Row]:
    rows: list[Row] = []
    for folder, subfolders, files in os.walk(out / dataset, followlinks=True):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.endswith(".parquet") and not name.startswith("."):
                rows.extend(pq.ParquetFile(Path(folder) / name).read().to_pylist())
    return rows


class Side:
    """One output folder's rows, keyed for matching."""

    def __init__(self, out: Path) -> None:
        self.bulletins = {r["source_path"]: r for r in read_dataset(out, "bulletins")}
        path_of = {r["bulletin_id"]: p for p, r in self.bulletins.items()}
        self.items: dict[tuple[Any, ...], Row] = {}
        seen: Counter[tuple[Any, ...]] = Counter()
        for row in read_dataset(out, "items"):
            key = (path_of.get(row["bulletin_id"]), row.get("table_index"), row.get("row_index"))
            seen[key] += 1  # rows of one position (there should be none) are told apart
            self.items[(*key, seen[key])] = row
        self.rows: dict[str, dict[str | None, list[Row]]] = {}
        for dataset in ("measures", "findings"):
            grouped: dict[str | None, list[Row]] = {}
            for row in read_dataset(out, dataset):
                grouped.setdefault(path_of.get(row["bulletin_id"]), []).append(row)
            self.rows[dataset] = grouped

    def columns(self, dataset: str) -> set[str]:
        rows: Iterable[Row] = (
            self.bulletins.values()
            if dataset == "bulletins"
            else self.items.values()
            if dataset == "items"
            else (r for rs in self.rows[dataset].values() for r in rs)
        )
        return {key for row in rows for key in row}


def diff(out_a: Path, out_b: Path) -> dict[str, Any]:
    """The differences from `out_a` to `out_b`, as JSON-ready data."""
    a, b = Side(out_a), Side(out_b)
    columns = {
        d: (a.columns(d), b.columns(d)) for d in ("bulletins", "items", "measures", "findings")
    }
    result: dict[str, Any] = {
        "columns": {
            d: {"added": sorted(new - old), "removed": sorted(old - new)}
            for d, (old, new) in columns.items()
            if old != new and old and new
        },
        "bulletins": _bulletins(a, b, columns["bulletins"]),
        "items": _items(a, b, columns["items"]),
    }
    result["measures"] = _gained_lost(a, b, "measures", "field", columns["measures"])
    result["findings"] = _gained_lost(a, b, "findings", "check", columns["findings"])
    return jsonable(result)  # type: ignore[no-any-return]


def _common(columns: tuple[set[str], set[str]]) -> set[str]:
    return (columns[0] & columns[1]) - OWNER_FIELDS


def _bulletins(a: Side, b: Side, columns: tuple[set[str], set[str]]) -> dict[str, Any]:
    shared = _common(columns)
    changed: dict[str, list[str]] = {}
    for path in sorted(a.bulletins.keys() & b.bulletins.keys()):
        old, new = a.bulletins[path], b.bulletins[path]
        fields = sorted(f for f in shared if old.get(f) != new.get(f))
        if fields:
            changed[path] = fields
    return {
        "added": sorted(b.bulletins.keys() - a.bulletins.keys()),
        "removed": sorted(a.bulletins.keys() - b.bulletins.keys()),
        "changed": changed,
        "fields": dict(sorted(Counter(f for fs in changed.values() for f in fs).items())),
    }


def _items(a: Side, b: Side, columns: tuple[set[str], set[str]]) -> dict[str, Any]:
    shared = _common(columns)
    fields: Counter[str] = Counter()
    moved: Counter[tuple[str, str]] = Counter()
    changed = 0
    for key in a.items.keys() & b.items.keys():
        old, new = a.items[key], b.items[key]
        differing = [f for f in shared if old.get(f) != new.get(f)]
        changed += bool(differing)
        fields.update(differing)
        if old.get("status") != new.get("status"):
            moved[(str(old.get("status")), str(new.get("status")))] += 1
    return {
        "added": len(b.items.keys() - a.items.keys()),
        "removed": len(a.items.keys() - b.items.keys()),
        "changed": changed,
        "fields": dict(sorted(fields.items())),
        "statuses": [
            {"from": old, "to": new, "count": n} for (old, new), n in sorted(moved.items())
        ],
    }


def _gained_lost(
    a: Side, b: Side, dataset: str, by: str, columns: tuple[set[str], set[str]]
) -> dict[str, Any]:
    """Rows gained and lost, per bulletin (as multisets), counted by the value of `by`."""
    shared = sorted(_common(columns))

    def key(row: Row) -> str:
        return json.dumps(jsonable({f: row.get(f) for f in shared}), sort_keys=True)

    gained: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    for path in a.rows[dataset].keys() | b.rows[dataset].keys():
        old = a.rows[dataset].get(path, [])
        new = b.rows[dataset].get(path, [])
        rows = {key(r): r for r in [*old, *new]}
        before, after = Counter(map(key, old)), Counter(map(key, new))
        gained.update(str(rows[k].get(by)) for k in (after - before).elements())
        lost.update(str(rows[k].get(by)) for k in (before - after).elements())
    return {"by": by, "gained": dict(sorted(gained.items())), "lost": dict(sorted(lost.items()))}


def diff_lines(result: dict[str, Any], out_a: str, out_b: str) -> list[str]:
    """A readable account of `diff`'s result."""
    lines = [f"from {out_a} to {out_b}"]
    for dataset, cols in result["columns"].items():
        for what in ("added", "removed"):
            if cols[what]:
                lines.append(f"{dataset} columns {what}: {', '.join(cols[what])}")
    bulletins = result["bulletins"]
    lines += [f"bulletin added: {p}" for p in bulletins["added"]]
    lines += [f"bulletin removed: {p}" for p in bulletins["removed"]]
    lines += [f"bulletin changed: {p}: {', '.join(fs)}" for p, fs in bulletins["changed"].items()]
    items = result["items"]
    lines.append(
        f"items: {items['added']} added, {items['removed']} removed, {items['changed']} changed"
        + (f" ({_counts(items['fields'])})" if items["fields"] else "")
    )
    if items["statuses"]:
        lines.append("statuses moved:")
        width = max(len(m["from"]) for m in items["statuses"])
        lines += [f"  {m['from']:<{width}} → {m['to']}: {m['count']}" for m in items["statuses"]]
    for dataset in ("measures", "findings"):
        part = result[dataset]
        for what in ("gained", "lost"):
            if part[what]:
                lines.append(f"{dataset} {what} (by {part['by']}): {_counts(part[what])}")
    lines.append(
        f"bulletins: {len(bulletins['added'])} added, {len(bulletins['removed'])} removed,"
        f" {len(bulletins['changed'])} changed"
    )
    return lines


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items())
