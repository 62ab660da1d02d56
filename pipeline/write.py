"""Write the datasets: hive-partitioned Parquet, rows in a deterministic order, each file
replaced atomically (written beside, then renamed), stale partitions removed last.

An interrupted run leaves every partition either as it was or as it is now, never half written.
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.records import ManifestEntry, ParsedBulletin
from pipeline.schema import NULL_PARTITION, PARTITION_COLUMNS, PARTITIONED, file_schema

PART_FILE = "part-0.parquet"
_TMP_MARK = ".tmp-"


def partition_dir(year: int | None, quarter: int | None) -> str:
    """year=2024/quarter=2; Hive's null marker for an unknown period."""
    values = (NULL_PARTITION if v is None else str(v) for v in (year, quarter))
    return "/".join(f"{c}={v}" for c, v in zip(PARTITION_COLUMNS, values, strict=True))


def write_datasets(
    out: Path, parsed: Sequence[ParsedBulletin], manifest: Sequence[ManifestEntry]
) -> dict[str, int]:
    """(Re)write every dataset under `out` from `parsed`; returns rows written per dataset.

    `parsed` must not hold the same bulletin twice (run.py drops byte-identical duplicates).
    """
    ordered = sorted(parsed, key=lambda p: p.bulletin.source_path)
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {d: defaultdict(list) for d in PARTITIONED}
    for result in ordered:
        key = partition_dir(result.bulletin.year, result.bulletin.quarter)
        rows["bulletins"][key].append(asdict(result.bulletin))
        rows["items"][key].extend(
            asdict(i) for i in sorted(result.items, key=lambda i: (i.table_index, i.row_index))
        )
        rows["measures"][key].extend(asdict(m) for m in result.measures)
        rows["findings"][key].extend(asdict(f) for f in result.findings)

    counts: dict[str, int] = {}
    for dataset in PARTITIONED:
        base = out / dataset
        for key, dataset_rows in rows[dataset].items():
            if dataset_rows:
                _write_atomic(_table(dataset, dataset_rows), base / key / PART_FILE)
        counts[dataset] = sum(len(r) for r in rows[dataset].values())
    for dataset in PARTITIONED:
        keep = {key for key, dataset_rows in rows[dataset].items() if dataset_rows}
        _remove_stale(out / dataset, keep)
    _write_atomic(
        _table("manifest", [asdict(m) for m in sorted(manifest, key=lambda m: m.source_path)]),
        out / "manifest" / PART_FILE,
    )
    counts["manifest"] = len(manifest)
    return counts


def _table(dataset: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    schema = file_schema(dataset)
    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    for row in rows:
        for name in schema.names:
            columns[name].append(row[name])
    return pa.Table.from_pydict(columns, schema=schema)


def _write_atomic(table: pa.Table, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}{_TMP_MARK}{os.getpid()}")
    try:
        pq.write_table(table, tmp, compression="zstd")
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def _remove_stale(base: Path, keep: set[str]) -> None:
    """Remove partitions not written by this run, and temp files left by crashed runs."""
    if not base.is_dir():
        return
    for part in base.glob("*/*/"):
        key = f"{part.parent.name}/{part.name}"
        if key not in keep:
            shutil.rmtree(part)
        else:
            for stray in part.iterdir():
                if stray.name == PART_FILE:
                    continue
                if stray.is_dir():
                    shutil.rmtree(stray)
                else:
                    stray.unlink()
    for year_dir in base.iterdir():
        if year_dir.is_dir() and not any(year_dir.iterdir()):
            year_dir.rmdir()
