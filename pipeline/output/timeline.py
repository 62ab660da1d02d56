"""The `timeline` dataset, derived from the others at each commit and written in the same
snapshot (or journal), so that readers see it and the datasets it comes from from one run.

`with_timeline` wraps a run's commit target: it notes each bulletins and items partition the
run writes or keeps, and before the commit computes the whole timeline from them
(`pipeline.output.timeline_rows`), writes its partitions (`OUT/timeline/2024-Q2/part-0.parquet`)
and drops those it no longer has. The timeline is computed in full at every run: it links each
bulletin to the others of its programme, which any run can change.
"""

from __future__ import annotations

from typing import Protocol

import pyarrow as pa

from pipeline.model.schema import file_schema
from pipeline.output.journal import PART_FILE
from pipeline.output.layout import part_files
from pipeline.output.storage import Storage
from pipeline.output.timeline_rows import BULLETIN_COLUMNS, ITEM_COLUMNS, timeline_rows

DATASET = "timeline"
_READ = {"bulletins": BULLETIN_COLUMNS, "items": ITEM_COLUMNS}


class _Target(Protocol):
    result: Storage

    def put(self, table: pa.Table, dataset: str, key: str | None) -> None: ...
    def keep(self, dataset: str, key: str) -> None: ...
    def drop(self, dataset: str, key: str | None) -> None: ...
    def commit(self) -> None: ...


def with_timeline(old: Storage, target: _Target) -> TimelineTarget:
    """`target`, which also writes the timeline of what it commits; `old`: the datasets as
    they were before the run."""
    return TimelineTarget(old, target)


class TimelineTarget:
    def __init__(self, old: Storage, target: _Target) -> None:
        self.old, self.inner, self.result = old, target, target.result
        self.tables: dict[str, dict[str, pa.Table]] = {name: {} for name in _READ}

    def put(self, table: pa.Table, dataset: str, key: str | None) -> None:
        if dataset in self.tables and key is not None:
            self.tables[dataset][key] = _columns(table, _READ[dataset])
        self.inner.put(table, dataset, key)

    def keep(self, dataset: str, key: str) -> None:
        path = self.old.path(dataset, key, PART_FILE)
        if dataset in self.tables and self.old.exists(path):
            self.tables[dataset][key] = _columns(self.old.read_table(path), _READ[dataset])
        self.inner.keep(dataset, key)

    def drop(self, dataset: str, key: str | None) -> None:
        self.tables.get(dataset, {}).pop(key or "", None)
        self.inner.drop(dataset, key)

    def commit(self) -> None:
        self.write()
        self.inner.commit()

    def write(self) -> None:
        """Put the timeline's partitions, drop the ones it had and no longer has."""
        bulletins = [r for t in self.tables["bulletins"].values() for r in t.to_pylist()]
        items = [r for t in self.tables["items"].values() for r in t.to_pylist()]
        parts = timeline_rows(bulletins, items)
        for key in sorted(parts):
            self.inner.put(parts[key], DATASET, key)
        for part in part_files(self.old, DATASET):
            if part.key not in parts:
                self.inner.drop(DATASET, part.folder)
        if parts:
            self.inner.drop(DATASET, None)
        else:
            self.inner.put(file_schema(DATASET).empty_table(), DATASET, None)


def _columns(table: pa.Table, names: tuple[str, ...]) -> pa.Table:
    """The columns the timeline reads (null where a file of an earlier version lacks one)."""
    columns = [
        table[name] if name in table.column_names else pa.nulls(table.num_rows) for name in names
    ]
    return pa.table(columns, names=list(names))
