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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs

from pipeline.model.records import ManifestEntry
from pipeline.model.schema import MANIFEST, NULL_PARTITION, PARTITIONED, file_schema
from pipeline.output.rows import batch, field_values, partition_dir
from pipeline.output.spill import NewRows
from pipeline.output.storage import Storage

PART_FILE = "part-0.parquet"
JOURNAL = ".journal.json"
_TMP_SUFFIX = ".tmp"


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
    from `written` is removed (a complete rewrite). `manifest` replaces the manifest.
    """
    store = Storage(out, filesystem)
    recover(store)
    replaced = set(written) | set(drop)
    old_bulletins = _read_all(store, "bulletins")
    old_key = {
        row["bulletin_id"]: partition_dir(row["year"], row["quarter"]) for row in old_bulletins
    }
    affected = {new.partition_of[i] for i in written}
    if full:
        affected |= set(old_key.values()) | _existing_partitions(store)
    else:
        affected |= {old_key[i] for i in replaced if i in old_key}
    path_of = {row["bulletin_id"]: row["source_path"] for row in old_bulletins}
    path_of |= written

    run = uuid.uuid4().hex[:12]
    renames: list[tuple[str, str]] = []
    deletes: list[str] = []
    written_ids = _id_set(written)
    for dataset in PARTITIONED:
        for key in sorted(affected):
            target = store.path(dataset, key, PART_FILE)
            kept = None if full else _read_rows(store, target, _id_set(replaced))
            table = _partition(dataset, new.table(dataset, key), written, written_ids, kept)
            # Bulletins in source-path order; each bulletin's rows keep their own order.
            table = _in_path_order(table, path_of)
            if table.num_rows:
                renames.append(_write_beside(store, table.combine_chunks(), target, run))
            elif store.is_dir(store.path(dataset, key)):
                deletes.append(store.path(dataset, key))
    entries = sorted(manifest, key=lambda m: m.source_path)
    manifest_table = pa.Table.from_batches(
        [batch("manifest", [*map(field_values("manifest"), entries)])]
    )
    renames.append(_write_beside(store, manifest_table, store.path("manifest", PART_FILE), run))
    _commit(store, renames, deletes)
    return {dataset: _count(store, dataset) for dataset in (*PARTITIONED, "manifest")}


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
    return table


def _id_set(bulletin_ids: Iterable[str]) -> pa.Array:
    """Bulletin ids as the value set of `pc.is_in`."""
    return pa.array(sorted(bulletin_ids), pa.string())


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


def _read_rows(store: Storage, path: str, without: pa.Array) -> pa.Table | None:
    """The rows of a partition file, except those of the bulletins in `without`."""
    if not store.exists(path):
        return None
    table = store.read_table(path)
    return table.filter(pc.invert(pc.is_in(table["bulletin_id"], value_set=without)))


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
