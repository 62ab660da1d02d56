"""The `timeline` dataset, derived from the others at each commit and written in the same
snapshot (or journal), so that readers see it and the datasets it comes from from one run.

`with_timeline` wraps a run's commit target: it notes each bulletins and items partition the
run writes or keeps, and before the commit computes the whole timeline from them
(`pipeline.output.timeline_rows`), writes its partitions (`OUT/timeline/2024-Q2/part-0.parquet`)
and drops those it no longer has. The timeline is computed in full whenever a run changes a
bulletins or items partition (it links each bulletin to the others of its programme, which any
change can move); a run that changes neither keeps it as it was.
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
        # each bulletins and items partition of the result: its new rows, or the old file kept
        self.sources: dict[str, dict[str, pa.Table | str]] = {name: {} for name in _READ}
        self.changed = False  # whether any bulletins or items partition is new or gone

    def put(self, table: pa.Table, dataset: str, key: str | None) -> None:
        if dataset in self.sources and key is not None:
            self.sources[dataset][key] = _columns(table, _READ[dataset])
            self.changed = True
        self.inner.put(table, dataset, key)

    def keep(self, dataset: str, key: str) -> None:
        path = self.old.path(dataset, key, PART_FILE)
        if dataset in self.sources and self.old.exists(path):
            self.sources[dataset][key] = path
        self.inner.keep(dataset, key)

    def drop(self, dataset: str, key: str | None) -> None:
        if dataset in self.sources and key is not None:
            self.sources[dataset].pop(key, None)
            self.changed |= self.old.exists(self.old.path(dataset, key, PART_FILE))
        self.inner.drop(dataset, key)

    def commit(self) -> None:
        if self.changed or not self._keep_old():
            self.write()
        self.inner.commit()

    def _keep_old(self) -> bool:
        """Keep the timeline as it was, when the bulletins and items it comes from are all
        kept as they were; False when there is none to keep."""
        parts = part_files(self.old, DATASET)
        empty = self.old.path(DATASET, PART_FILE)
        if not parts and not self.old.exists(empty):
            return False
        for part in parts:
            self.inner.keep(DATASET, part.folder)
        if not parts:
            self.inner.keep(DATASET, "")  # the empty file of a timeline without rows
        return True

    def write(self) -> None:
        """Put the timeline's partitions, drop the ones it had and no longer has."""
        bulletins, items = (self._rows(dataset) for dataset in ("bulletins", "items"))
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

    def _rows(self, dataset: str) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        for source in self.sources[dataset].values():
            if isinstance(source, str):
                source = _columns(self.old.read_table(source), _READ[dataset])
            rows += source.to_pylist()
        return rows


def _columns(table: pa.Table, names: tuple[str, ...]) -> pa.Table:
    """The columns the timeline reads (null where a file of an earlier version lacks one)."""
    columns = [
        table[name] if name in table.column_names else pa.nulls(table.num_rows) for name in names
    ]
    return pa.table(columns, names=list(names))
