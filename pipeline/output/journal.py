"""The commit where there are no symbolic links and no atomic rename of a folder (object stores,
any non-local pyarrow filesystem): partition files written beside their targets, then put in
place by a journal.

Each new partition file is first written beside its target under a dot-name of this tool
(`.part-0.parquet.<run>.tmp`, which pyarrow, pandas and DuckDB skip), then a journal listing
every rename and removal is written, then the renames are made and the journal removed. A run
killed before the journal is written leaves the previous datasets untouched (the next run
removes its stray files); a run killed after it is rolled forward by the next run, which applies
the journal first. Readers see each file either old or new; while the journal is applied they
can see some partitions new and others still old.

This is also how a local folder was written before snapshots (`pipeline.output.snapshot`):
`recover` completes such a commit before the folder is migrated.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence

import pyarrow as pa

from pipeline.model.schema import DERIVED, PARTITIONED
from pipeline.output.storage import Storage

PART_FILE = "part-0.parquet"
JOURNAL = ".journal.json"
DATASETS = (*PARTITIONED, "manifest", *DERIVED)
# The only files this commit leaves behind when it is killed: nothing else is ever removed.
_STRAY = re.compile(r"\.part-0\.parquet\.[0-9a-f]{12}\.tmp")
_PENDING = JOURNAL + ".tmp"


def recover(store: Storage) -> None:
    """Finish an interrupted commit (apply its journal), and remove the files of runs that died
    before committing: only this tool's own names, only inside the datasets' folders."""
    journal = store.path(JOURNAL)
    text = store.read_text(journal)
    if text is not None:
        plan = json.loads(text)
        _apply(store, plan["renames"], plan["deletes"])
        store.delete_file(journal)
    store.delete_file(store.path(_PENDING))
    for dataset in DATASETS:
        for path in store.files(store.path(dataset)):
            if _STRAY.fullmatch(path.rsplit("/", 1)[-1]):
                store.delete_file(path)
                _delete_empty_parents(store, path, dataset)


class JournalTarget:
    """One run's changes to the datasets under `store`, put in place by `commit`."""

    def __init__(self, store: Storage) -> None:
        self.store = self.result = store
        self._run = uuid.uuid4().hex[:12]
        self._renames: list[tuple[str, str]] = []
        self._deletes: list[str] = []

    def put(self, table: pa.Table, dataset: str, key: str | None) -> None:
        target = self.store.path(dataset, *([key] if key else []), PART_FILE)
        folder, name = target.rsplit("/", 1)
        tmp = f"{folder}/.{name}.{self._run}.tmp"
        self.store.write_table(table, tmp)
        self._renames.append((tmp, target))

    def keep(self, dataset: str, key: str) -> None:
        """The partition stays as it is, where it is."""

    def drop(self, dataset: str, key: str | None) -> None:
        """Remove a partition (2024-Q2, or year=2024/quarter=2 of the earlier layout), or with
        no key the empty file of a dataset that had no rows."""
        folder = self.store.path(dataset, *([key] if key else []))
        if self.store.exists(f"{folder}/{PART_FILE}"):
            self._deletes.append(folder)

    def commit(self) -> None:
        pending = self.store.path(_PENDING)
        plan = {"renames": self._renames, "deletes": self._deletes}
        self.store.write_text(pending, json.dumps(plan))
        journal = self.store.path(JOURNAL)
        self.store.move(pending, journal)  # from here on the run counts as done
        _apply(self.store, self._renames, self._deletes)
        self.store.delete_file(journal)


def _apply(store: Storage, renames: Sequence[Sequence[str]], deletes: Sequence[str]) -> None:
    for tmp, target in renames:
        if store.exists(tmp):
            store.move(tmp, target)
    for folder in deletes:  # a partition no longer produced: its file, then empty folders
        store.delete_file(f"{folder}/{PART_FILE}")
        while folder.startswith(store.root + "/") and folder.rsplit("/", 1)[0] != store.root:
            store.delete_if_empty(folder)  # up to, not including, the dataset's folder
            folder = folder.rsplit("/", 1)[0]


def _delete_empty_parents(store: Storage, path: str, dataset: str) -> None:
    """Remove the folders a stray file leaves empty, up to the dataset's folder itself."""
    top = store.path(dataset)
    folder = path.rsplit("/", 1)[0]
    while folder.startswith(top):
        store.delete_if_empty(folder)
        if folder == top:
            break
        folder = folder.rsplit("/", 1)[0]
