"""Write the datasets: Parquet partitioned by period, rows in a deterministic order, rewritten
only where something changed, committed all at once.

A run changes some bulletins (new, re-parsed, removed). Only the partitions that hold them are
rewritten; the others are kept (all are rewritten when the output holds files of the earlier
layout, `pipeline.output.layout`). A dataset without rows is one empty file, which every
reader reads with the dataset's columns. How the new partitions are put in place depends on
where the datasets live: on a local folder, in a new snapshot that one atomic rename makes current
(`pipeline.output.snapshot`); on other filesystems (object stores), beside their targets and
renamed in by a journal (`pipeline.output.journal`). Either way a run killed at any moment
leaves the datasets of the previous run or of this one, never a mix.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs

from pipeline.model.records import ManifestEntry
from pipeline.model.schema import (
    MANIFEST,
    PARTITION_COLUMNS,
    PARTITIONED,
    file_schema,
    partition_key,
)
from pipeline.output import journal
from pipeline.output.duplicates import mark_duplicates
from pipeline.output.journal import JOURNAL, PART_FILE, JournalTarget
from pipeline.output.layout import PartFile, part_files, read_part, read_rows
from pipeline.output.rows import batch, field_values
from pipeline.output.snapshot import Snapshots
from pipeline.output.spill import NewRows
from pipeline.output.storage import Storage
from pipeline.output.timeline import with_timeline

__all__ = [
    "JOURNAL",
    "PART_FILE",
    "missing_columns",
    "read_manifest",
    "recover",
    "write_datasets",
]


class Target(Protocol):
    """One run's changes; `result` is where the datasets are once `commit` returns."""

    result: Storage

    def put(self, table: pa.Table, dataset: str, key: str | None) -> None: ...
    def keep(self, dataset: str, key: str) -> None: ...
    def drop(self, dataset: str, key: str | None) -> None: ...
    def commit(self) -> None: ...


def _open(store: Storage) -> tuple[Storage, Target]:
    """Recover what an interrupted run left; the datasets as they are, and a new commit."""
    if store.local:
        snapshots = Snapshots(store)
        return snapshots.current, snapshots.begin()
    journal.recover(store)
    return store, JournalTarget(store)


def missing_columns(out: str | Path, filesystem: pafs.FileSystem | None = None) -> list[str]:
    """The columns of this version that the stored datasets lack (`dataset.column`): files an
    earlier version wrote. Their rows can be kept only once the files they came from are
    parsed again. The caller holds the output folder's lock."""
    store = Storage(out, filesystem)
    if store.local:
        current = Snapshots(store).current
    else:
        journal.recover(store)
        current = store
    missing = []
    for dataset in PARTITIONED:
        wanted = file_schema(dataset).names
        for part in part_files(current, dataset):
            have = set(current.read_schema(part.path).names)
            if part.legacy is not None:
                have |= set(PARTITION_COLUMNS)  # read from the folder names
            missing += [f"{dataset}.{name}" for name in wanted if name not in have]
            break  # one file tells which version wrote the dataset
    return missing


def recover(store: Storage) -> None:
    """Complete an interrupted commit, or discard what a run that died or failed before its
    commit left (an unfinished snapshot, temporary files). The caller holds the lock."""
    _open(store)


def write_datasets(
    out: str | Path,
    new: NewRows,
    written: dict[str, str],
    manifest: Sequence[ManifestEntry],
    *,
    drop: Iterable[str] = (),
    full: bool = True,
    filesystem: pafs.FileSystem | None = None,
) -> dict[str, int]:
    """Bring the datasets under `out` (a folder or a URI) up to date and return the rows now in
    each.

    `written` maps the ids of this run's bulletins to write to their source paths; their rows
    come from `new` (which may hold more: those are left out) and replace any rows with the
    same bulletin_id. Rows of the bulletins in `drop` are removed; with `full`, every row not
    from `written` is removed (a complete rewrite). `manifest` replaces the manifest. The
    caller holds the output folder's lock (`pipeline.output.lock`).
    """
    old, target = _open(Storage(out, filesystem))
    target = with_timeline(old, target)  # the timeline of the result, in the same commit
    replaced = set(written) | set(drop)
    parts = {dataset: part_files(old, dataset) for dataset in PARTITIONED}
    old_bulletins = [
        row
        for part in parts["bulletins"]
        for row in read_part(old, "bulletins", part, conform=False).to_pylist()
    ]
    old_key = {b["bulletin_id"]: partition_key(b["year"], b["quarter"]) for b in old_bulletins}
    existing = {part.key for of in parts.values() for part in of}
    legacy = any(part.legacy for of in parts.values() for part in of)
    affected = {new.partition_of[i] for i in written}
    if full or legacy:  # a complete rewrite, or every partition in the current layout
        affected |= set(old_key.values()) | existing
    else:
        affected |= {old_key[i] for i in replaced if i in old_key}
    path_of = {row["bulletin_id"]: row["source_path"] for row in old_bulletins}
    run = _Run(old, target, new, written, replaced, path_of, full)
    for dataset in PARTITIONED:
        run.write(dataset, parts[dataset], affected, existing)
    entries = sorted(manifest, key=lambda m: m.source_path)
    manifest_table = pa.Table.from_batches(
        [batch("manifest", [*map(field_values("manifest"), entries)])]
    )
    target.put(manifest_table, "manifest", None)
    target.commit()
    return {dataset: _count(target.result, dataset) for dataset in (*PARTITIONED, "manifest")}


@dataclass
class _Run:
    """What a run writes: the new rows of the bulletins `written`, in place of the rows of the
    bulletins `replaced` among those of the datasets as they are (`old`)."""

    old: Storage
    target: Target
    new: NewRows
    written: dict[str, str]
    replaced: set[str]
    path_of: dict[str, str]  # bulletin id -> source path, of the old and the new bulletins
    full: bool

    def __post_init__(self) -> None:
        self.path_of = self.path_of | self.written
        self.written_ids = _id_set(self.written)

    def write(
        self, dataset: str, parts: list[PartFile], affected: set[str], existing: set[str]
    ) -> None:
        """Write a dataset's affected partitions, keep the others; remove the files of the
        earlier layout; one empty file when the dataset has no rows left."""
        sources = _by_key(parts)
        rows = 0
        for key in sorted(affected | existing):
            if key not in affected:
                self.target.keep(dataset, key)
                rows += len(sources.get(key, ()))  # partition files are never empty
                continue
            kept = None
            if not self.full:
                kept = read_rows(self.old, dataset, sources.get(key, []), self.replaced)
            new = self.new.table(dataset, key)
            table = _partition(dataset, new, self.written, self.written_ids, kept)
            # Bulletins in source-path order; each bulletin's rows keep their own order.
            table = _in_path_order(table, self.path_of)
            rows += table.num_rows
            if table.num_rows:
                self.target.put(table.combine_chunks(), dataset, key)
            else:
                self.target.drop(dataset, key)
        for part in parts:
            if part.legacy is not None:
                self.target.drop(dataset, part.folder)
        if rows:
            self.target.drop(dataset, None)  # the empty file of a dataset that had no rows
        else:
            self.target.put(file_schema(dataset).empty_table(), dataset, None)


def _partition(
    dataset: str,
    new: pa.Table,
    written: dict[str, str],
    written_ids: pa.Array,
    kept: pa.Table | None,
) -> pa.Table:
    """A partition's rows after this run: the new rows of the bulletins written, after the
    rows kept from the partition as it was."""
    table = new.filter(pc.is_in(new["bulletin_id"], value_set=written_ids))
    if dataset == "bulletins":  # the path that owns each bulletin
        paths = [written[i] for i in table["bulletin_id"].to_pylist()]
        column = table.schema.get_field_index("source_path")
        field = table.schema.field(column)
        table = table.set_column(column, field, pa.array(paths, field.type))
    if kept is not None:
        table = pa.concat_tables([kept.cast(file_schema(dataset)), table])
    if dataset == "bulletins":  # copies of one bulletin, over the whole partition
        table = mark_duplicates(table)
    return table


def _id_set(bulletin_ids: Iterable[str]) -> pa.Array:
    """Bulletin ids as the value set of `pc.is_in`."""
    return pa.array(sorted(bulletin_ids), pa.string())


def read_manifest(
    out: str | Path, filesystem: pafs.FileSystem | None = None
) -> list[ManifestEntry]:
    """The manifest of the last complete run (after recovering from an interrupted one: the
    caller holds the output folder's lock)."""
    store, _ = _open(Storage(out, filesystem))
    path = store.path("manifest", PART_FILE)
    if not store.exists(path):
        return []
    names = set(MANIFEST.names)
    rows = store.read_table(path).to_pylist()
    return [ManifestEntry(**{k: v for k, v in row.items() if k in names}) for row in rows]


def _by_key(parts: Iterable[PartFile]) -> dict[str, list[PartFile]]:
    """A dataset's partition files by the partition their rows belong to."""
    sources: dict[str, list[PartFile]] = defaultdict(list)
    for part in parts:
        sources[part.key].append(part)
    return sources


def _in_path_order(table: pa.Table, path_of: dict[str, str]) -> pa.Table:
    """Rows ordered by their bulletin's source path; a bulletin's rows keep their order."""
    ids = pc.unique(table["bulletin_id"]).to_pylist()
    ids.sort(key=lambda i: path_of.get(i, ""))
    rank = pc.index_in(table["bulletin_id"], value_set=pa.array(ids, pa.string()))
    keys = pa.table({"rank": rank, "at": pa.array(range(table.num_rows), pa.int64())})
    order = pc.sort_indices(keys, sort_keys=[("rank", "ascending"), ("at", "ascending")])
    return table.take(order)


def _part_files(store: Storage, dataset: str) -> list[str]:
    return [p for p in store.files(store.path(dataset)) if p.endswith("/" + PART_FILE)]


def _count(store: Storage, dataset: str) -> int:
    if dataset == "manifest":
        path = store.path("manifest", PART_FILE)
        return store.num_rows(path) if store.exists(path) else 0
    return sum(store.num_rows(p) for p in _part_files(store, dataset))
