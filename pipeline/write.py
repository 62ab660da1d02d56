"""Write the datasets: hive-partitioned Parquet, rows in a deterministic order, rewritten only
where something changed, committed all at once.

A run changes some bulletins (new, re-parsed, removed). Only the partitions that hold them are
rewritten: each new partition file is first written beside its target under a dot-name (which
pyarrow, pandas and DuckDB skip), then a journal listing every rename and deletion is written
and synced, then the renames are made and the journal removed. A run killed before the journal
is written leaves the previous datasets untouched (its stray files are removed by the next run);
a run killed after it is rolled forward by the next run, which applies the journal first. The
datasets therefore always change from one complete run to the next.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs

from pipeline.records import ManifestEntry, ParsedBulletin, as_row
from pipeline.schema import (
    MANIFEST,
    NULL_PARTITION,
    PARTITION_COLUMNS,
    PARTITIONED,
    SCHEMAS,
    file_schema,
)
from pipeline.storage import Storage

PART_FILE = "part-0.parquet"
JOURNAL = ".journal.json"
_TMP_SUFFIX = ".tmp"


def partition_dir(year: int | None, quarter: int | None) -> str:
    """year=2024/quarter=2; Hive's null marker for an unknown period."""
    values = (NULL_PARTITION if v is None else str(v) for v in (year, quarter))
    return "/".join(f"{c}={v}" for c, v in zip(PARTITION_COLUMNS, values, strict=True))


def write_datasets(
    out: str | Path,
    parsed: Sequence[ParsedBulletin],
    manifest: Sequence[ManifestEntry],
    *,
    drop: Iterable[str] = (),
    full: bool = True,
    filesystem: pafs.FileSystem | None = None,
) -> dict[str, int]:
    """Bring the datasets under `out` (a folder or a URI) up to date and return the rows now in
    each.

    `parsed` are this run's bulletins (their rows replace any rows with the same
    bulletin_id); rows of the bulletins in `drop` are removed; with `full`, every row not
    from `parsed` is removed (a complete rewrite). `manifest` replaces the manifest.
    """
    store = Storage(out, filesystem)
    recover(store)
    replaced = {p.bulletin.bulletin_id for p in parsed} | set(drop)
    old_bulletins = _read_all(store, "bulletins")
    old_key = {
        row["bulletin_id"]: partition_dir(row["year"], row["quarter"]) for row in old_bulletins
    }
    new_rows = _rows_by_partition(parsed)
    affected = {key for rows in new_rows.values() for key in rows}
    if full:
        affected |= set(old_key.values()) | _existing_partitions(store)
    else:
        affected |= {old_key[i] for i in replaced if i in old_key}
    path_of = {row["bulletin_id"]: row["source_path"] for row in old_bulletins}
    path_of |= {p.bulletin.bulletin_id: p.bulletin.source_path for p in parsed}

    run = uuid.uuid4().hex[:12]
    renames: list[tuple[str, str]] = []
    deletes: list[str] = []
    for dataset in PARTITIONED:
        for key in sorted(affected):
            target = store.path(dataset, key, PART_FILE)
            kept = [] if full else _read_rows(store, target, replaced)
            rows = kept + new_rows[dataset].get(key, [])
            # Bulletins in source-path order; each bulletin's rows keep their own order.
            rows.sort(key=lambda row: path_of.get(row["bulletin_id"], ""))
            if rows:
                renames.append(_write_beside(store, _table(dataset, rows), target, run))
            elif store.is_dir(store.path(dataset, key)):
                deletes.append(store.path(dataset, key))
    manifest_rows = [as_row(m) for m in sorted(manifest, key=lambda m: m.source_path)]
    manifest_target = store.path("manifest", PART_FILE)
    renames.append(_write_beside(store, _table("manifest", manifest_rows), manifest_target, run))
    _commit(store, renames, deletes)
    return {dataset: _count(store, dataset) for dataset in (*PARTITIONED, "manifest")}


def read_manifest(
    out: str | Path, filesystem: pafs.FileSystem | None = None
) -> list[ManifestEntry]:
    """The manifest of the last complete run (after rolling forward an interrupted commit)."""
    store = Storage(out, filesystem)
    recover(store)
    path = store.path("manifest", PART_FILE)
    if not store.exists(path):
        return []
    names = set(MANIFEST.names)
    rows = store.read_table(path).to_pylist()
    return [ManifestEntry(**{k: v for k, v in row.items() if k in names}) for row in rows]


def recover(store: Storage) -> None:
    """Finish an interrupted commit (apply its journal), and remove files of runs that died
    before committing."""
    journal = store.path(JOURNAL)
    text = store.read_text(journal)
    if text is not None:
        plan = json.loads(text)
        _apply(store, plan["renames"], plan["deletes"])
        store.delete_file(journal)
    for path in store.files(store.root):
        name = path.rsplit("/", 1)[-1]
        if name.startswith(".") and name.endswith(_TMP_SUFFIX):
            store.delete_file(path)


def _commit(store: Storage, renames: list[tuple[str, str]], deletes: list[str]) -> None:
    journal = store.path(JOURNAL)
    pending = journal + _TMP_SUFFIX
    store.write_text(pending, json.dumps({"renames": renames, "deletes": deletes}))
    store.move(pending, journal)  # from here on the run counts as done
    _apply(store, renames, deletes)
    store.delete_file(journal)


def _apply(store: Storage, renames: Sequence[Sequence[str]], deletes: Sequence[str]) -> None:
    for tmp, target in renames:
        if store.exists(tmp):
            store.move(tmp, target)
    for folder in deletes:
        store.delete_dir(folder)
        store.delete_if_empty(folder.rsplit("/", 1)[0])


def _write_beside(store: Storage, table: pa.Table, target: str, run: str) -> tuple[str, str]:
    folder, name = target.rsplit("/", 1)
    tmp = f"{folder}/.{name}.{run}{_TMP_SUFFIX}"
    store.write_table(table, tmp)
    return tmp, target


def _rows_by_partition(
    parsed: Sequence[ParsedBulletin],
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {d: defaultdict(list) for d in PARTITIONED}
    for result in sorted(parsed, key=lambda p: p.bulletin.source_path):
        key = partition_dir(result.bulletin.year, result.bulletin.quarter)
        rows["bulletins"][key].append(as_row(result.bulletin))
        items = sorted(result.items, key=lambda i: (i.table_index, i.row_index))
        rows["items"][key].extend(as_row(i) for i in items)
        rows["measures"][key].extend(as_row(m) for m in result.measures)
        rows["findings"][key].extend(as_row(f) for f in result.findings)
    return rows


def _partition_key(store: Storage, dataset: str, path: str) -> str | None:
    """year=2024/quarter=2 for a path below the dataset's folder, or None."""
    relative = path[len(store.path(dataset)) + 1 :].split("/")
    return "/".join(relative[:2]) if len(relative) >= 2 else None


def _existing_partitions(store: Storage) -> set[str]:
    keys = set()
    for dataset in PARTITIONED:
        for folder in store.dirs(store.path(dataset)):
            key = _partition_key(store, dataset, folder)
            if key is not None and key.count("=") == 2:
                keys.add(key)
    return keys


def _read_rows(store: Storage, path: str, without: set[str]) -> list[dict[str, Any]]:
    """The rows of a partition file, except those of the bulletins in `without`."""
    if not store.exists(path):
        return []
    rows = store.read_table(path).to_pylist()
    return [row for row in rows if row["bulletin_id"] not in without]


def _part_files(store: Storage, dataset: str) -> list[str]:
    return [p for p in store.files(store.path(dataset)) if p.endswith("/" + PART_FILE)]


def _read_all(store: Storage, dataset: str) -> list[dict[str, Any]]:
    rows = []
    for path in _part_files(store, dataset):
        key = _partition_key(store, dataset, path)
        if key is None:
            continue
        year, quarter = (part.split("=", 1)[1] for part in key.split("/"))
        for row in store.read_table(path).to_pylist():
            row["year"] = None if year == NULL_PARTITION else int(year)
            row["quarter"] = None if quarter == NULL_PARTITION else int(quarter)
            rows.append(row)
    return rows


def _count(store: Storage, dataset: str) -> int:
    if dataset == "manifest":
        path = store.path("manifest", PART_FILE)
        return store.num_rows(path) if store.exists(path) else 0
    return sum(store.num_rows(p) for p in _part_files(store, dataset))


def _table(dataset: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    schema = file_schema(dataset) if dataset in PARTITIONED else SCHEMAS[dataset]
    return pa.Table.from_pylist(list(rows), schema=schema)
