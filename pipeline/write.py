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
import os
import shutil
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.records import ManifestEntry, ParsedBulletin
from pipeline.schema import (
    MANIFEST,
    NULL_PARTITION,
    PARTITION_COLUMNS,
    PARTITIONED,
    SCHEMAS,
    file_schema,
)

PART_FILE = "part-0.parquet"
JOURNAL = ".journal.json"
_TMP_SUFFIX = ".tmp"


def partition_dir(year: int | None, quarter: int | None) -> str:
    """year=2024/quarter=2; Hive's null marker for an unknown period."""
    values = (NULL_PARTITION if v is None else str(v) for v in (year, quarter))
    return "/".join(f"{c}={v}" for c, v in zip(PARTITION_COLUMNS, values, strict=True))


def write_datasets(
    out: Path,
    parsed: Sequence[ParsedBulletin],
    manifest: Sequence[ManifestEntry],
    *,
    drop: Iterable[str] = (),
    full: bool = True,
) -> dict[str, int]:
    """Bring the datasets under `out` up to date and return the rows now in each.

    `parsed` are this run's bulletins (their rows replace any rows with the same
    bulletin_id); rows of the bulletins in `drop` are removed; with `full`, every row not
    from `parsed` is removed (a complete rewrite). `manifest` replaces the manifest.
    """
    recover(out)
    replaced = {p.bulletin.bulletin_id for p in parsed} | set(drop)
    old_bulletins = _read_all(out, "bulletins")
    old_key = {
        row["bulletin_id"]: partition_dir(row["year"], row["quarter"]) for row in old_bulletins
    }
    new_rows = _rows_by_partition(parsed)
    affected = {key for rows in new_rows.values() for key in rows}
    if full:
        affected |= set(old_key.values()) | _existing_partitions(out)
    else:
        affected |= {old_key[i] for i in replaced if i in old_key}
    path_of = {row["bulletin_id"]: row["source_path"] for row in old_bulletins}
    path_of |= {p.bulletin.bulletin_id: p.bulletin.source_path for p in parsed}

    run = uuid.uuid4().hex[:12]
    renames: list[tuple[str, str]] = []
    deletes: list[str] = []
    for dataset in PARTITIONED:
        for key in sorted(affected):
            target = out / dataset / key / PART_FILE
            kept = [] if full else _read_rows(target, replaced)
            rows = kept + new_rows[dataset].get(key, [])
            # Bulletins in source-path order; each bulletin's rows keep their own order.
            rows.sort(key=lambda row: path_of.get(row["bulletin_id"], ""))
            if rows:
                renames.append(_write_beside(_table(dataset, rows), target, run))
            elif target.parent.exists():
                deletes.append(str(target.parent))
    manifest_rows = [asdict(m) for m in sorted(manifest, key=lambda m: m.source_path)]
    renames.append(
        _write_beside(_table("manifest", manifest_rows), out / "manifest" / PART_FILE, run)
    )
    _commit(out, renames, deletes)
    return {dataset: _count(out / dataset) for dataset in (*PARTITIONED, "manifest")}


def read_manifest(out: Path) -> list[ManifestEntry]:
    """The manifest of the last complete run (after rolling forward an interrupted commit)."""
    recover(out)
    path = out / "manifest" / PART_FILE
    if not path.exists():
        return []
    table = pq.read_table(path)
    names = set(MANIFEST.names)
    return [
        ManifestEntry(**{k: v for k, v in row.items() if k in names}) for row in table.to_pylist()
    ]


def recover(out: Path) -> None:
    """Finish an interrupted commit (apply its journal), and remove files of runs that died
    before committing."""
    journal = out / JOURNAL
    if journal.exists():
        plan = json.loads(journal.read_text(encoding="utf-8"))
        _apply(plan["renames"], plan["deletes"])
        journal.unlink()
    if out.is_dir():
        for stray in out.rglob(f".*{_TMP_SUFFIX}"):
            stray.unlink(missing_ok=True)


def _commit(out: Path, renames: list[tuple[str, str]], deletes: list[str]) -> None:
    journal = out / JOURNAL
    pending = journal.with_name(journal.name + _TMP_SUFFIX)
    out.mkdir(parents=True, exist_ok=True)
    with pending.open("w", encoding="utf-8") as handle:
        json.dump({"renames": renames, "deletes": deletes}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    pending.replace(journal)  # from here on the run counts as done
    _fsync_dir(out)
    _apply(renames, deletes)
    journal.unlink()


def _apply(renames: Sequence[Sequence[str]], deletes: Sequence[str]) -> None:
    for tmp, target in renames:
        if Path(tmp).exists():
            Path(tmp).replace(target)
    for folder in deletes:
        shutil.rmtree(folder, ignore_errors=True)
        parent = Path(folder).parent
        if parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_beside(table: pa.Table, target: Path, run: str) -> tuple[str, str]:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{run}{_TMP_SUFFIX}")
    pq.write_table(table, tmp, compression="zstd")
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    return str(tmp), str(target)


def _rows_by_partition(
    parsed: Sequence[ParsedBulletin],
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {d: defaultdict(list) for d in PARTITIONED}
    for result in sorted(parsed, key=lambda p: p.bulletin.source_path):
        key = partition_dir(result.bulletin.year, result.bulletin.quarter)
        rows["bulletins"][key].append(asdict(result.bulletin))
        items = sorted(result.items, key=lambda i: (i.table_index, i.row_index))
        rows["items"][key].extend(asdict(i) for i in items)
        rows["measures"][key].extend(asdict(m) for m in result.measures)
        rows["findings"][key].extend(asdict(f) for f in result.findings)
    return rows


def _existing_partitions(out: Path) -> set[str]:
    return {
        f"{part.parent.name}/{part.name}"
        for dataset in PARTITIONED
        for part in (out / dataset).glob("*/*/")
    }


def _read_rows(path: Path, without: set[str]) -> list[dict[str, Any]]:
    """The rows of a partition file, except those of the bulletins in `without`."""
    if not path.exists():
        return []
    rows = pq.read_table(path).to_pylist()
    return [row for row in rows if row["bulletin_id"] not in without]


def _read_all(out: Path, dataset: str) -> list[dict[str, Any]]:
    rows = []
    for path in sorted((out / dataset).glob(f"*/*/{PART_FILE}")):
        year, quarter = (
            part.split("=", 1)[1] for part in path.parent.relative_to(out / dataset).parts
        )
        for row in pq.read_table(path).to_pylist():
            row["year"] = None if year == NULL_PARTITION else int(year)
            row["quarter"] = None if quarter == NULL_PARTITION else int(quarter)
            rows.append(row)
    return rows


def _count(folder: Path) -> int:
    return (
        sum(pq.read_metadata(p).num_rows for p in folder.rglob(PART_FILE)) if folder.exists() else 0
    )


def _table(dataset: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    schema = file_schema(dataset) if dataset in PARTITIONED else SCHEMAS[dataset]
    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    for row in rows:
        for name in schema.names:
            columns[name].append(row[name])
    return pa.Table.from_pydict(columns, schema=schema)
