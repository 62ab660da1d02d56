"""The commit on a local folder: each run writes a complete new snapshot of every dataset, and
one atomic rename switches all of them at once.

    OUT/.bulletins/snapshots/<id>/items/2024-Q2/part-0.parquet   (and the others)
    OUT/.bulletins/snapshots/<id>/manifest/part-0.parquet
    OUT/.bulletins/current -> snapshots/<id>          the snapshot readers see
    OUT/items -> .bulletins/current/items             one link per dataset, made once

A run writes the partitions it changes into a new snapshot folder and hard-links the others from
the current snapshot (no copy: an incremental run stays cheap), as well as any file someone
else put in the dataset folders, syncs it, then renames a new
`current` link over the old one. Readers of `OUT/items` go through both links: before the
rename they see the previous snapshot, after it the new one, every dataset from the same run. A
run killed before the rename leaves the previous snapshot current; its unfinished snapshot is
removed by the next run, as is the replaced one when a run was killed just after the switch.

A folder written by earlier versions (real dataset folders, maybe an unfinished journal) is
migrated on the first run: its journal is completed, its files hard-linked into a first
snapshot, and each dataset folder replaced by its link; readers see the same files throughout.
Nothing outside `.bulletins/` and the six dataset names is ever touched.
"""

from __future__ import annotations

import os
import re
import uuid

import pyarrow as pa

from pipeline.output import journal
from pipeline.output.journal import DATASETS, PART_FILE
from pipeline.output.storage import Storage

HOME = ".bulletins"  # this tool's own folder in --out: lock, snapshots, the current link
_ID = re.compile(r"[0-9a-f]{12}")
# This tool's data files in a snapshot (a partition's, of this layout or the earlier one, or
# the empty file of a dataset without rows); anything else there was put by someone else.
_OWN = re.compile(
    r"(?:(?:bulletins|items|measures|findings|timeline)(?:/[^/]+){0,2}|manifest)/part-0\.parquet"
)


class OutConflict(ValueError):
    """The output folder holds, under a dataset's name, something this tool did not write."""


class Snapshots:
    """The snapshots of a local output folder, recovered and migrated on opening."""

    def __init__(self, store: Storage) -> None:
        self.store = store
        self.current_link = store.path(HOME, "current")
        self.folder = store.path(HOME, "snapshots")
        self.legacy_folder = store.path(HOME, "legacy")
        if os.path.isdir(self.current_link) and not os.path.islink(self.current_link):
            self._adopt_copied()
        legacy = self._legacy()
        if legacy or store.exists(store.path(journal.JOURNAL)):
            journal.recover(store)  # complete or discard a commit of the earlier layout
            legacy = self._legacy()
        self._clean()
        if legacy:
            self._migrate(legacy)
        elif os.path.isdir(self.legacy_folder):
            self._drain_legacy()

    @property
    def current(self) -> Storage:
        """Where the datasets are now (a folder that does not exist before the first run)."""
        name = os.readlink(self.current_link) if self._switched() else "snapshots/none"
        return self.store.at(self.store.path(HOME, name))

    def begin(self) -> SnapshotTarget:
        return SnapshotTarget(self)

    def switch(self, snapshot: str) -> None:
        """Make `snapshot` (an id) current, every dataset at once, and remove the others."""
        for dataset in DATASETS:
            self._link(dataset)
        self.store.point(self.current_link, f"snapshots/{snapshot}")
        self._clean()

    def _adopt_copied(self) -> None:
        """A `current` that is a folder, not a link: the output folder was copied by a tool
        that follows links (Python's copytree, cp -L), its datasets too. The folder becomes a
        snapshot of its own and `current` a link to it again; the copied dataset folders are
        then migrated like an earlier layout's."""
        snapshot = uuid.uuid4().hex[:12]
        os.makedirs(self.folder, exist_ok=True)
        self.store.move(self.current_link, f"{self.folder}/{snapshot}")
        self.store.point(self.current_link, f"snapshots/{snapshot}")

    def _switched(self) -> bool:
        return os.path.islink(self.current_link)

    def _legacy(self) -> list[str]:
        """The datasets still in real folders (the earlier layout)."""
        paths = {d: self.store.path(d) for d in DATASETS}
        return [d for d, p in paths.items() if os.path.isdir(p) and not os.path.islink(p)]

    def _clean(self) -> None:
        """Remove every snapshot but the current one: unfinished, or replaced."""
        keep = os.path.basename(os.readlink(self.current_link)) if self._switched() else ""
        names = os.listdir(self.folder) if os.path.isdir(self.folder) else []
        for name in sorted(names):
            if _ID.fullmatch(name) and name != keep:
                self.store.delete_tree(f"{self.folder}/{name}")
        self.store.delete_file(self.current_link + ".tmp")

    def _migrate(self, legacy: list[str]) -> None:
        store = self.store
        if not self._switched():
            if not store.exists(store.path("manifest", PART_FILE)):
                raise OutConflict(
                    f"{store.display}: {', '.join(legacy)} not written by this tool (no"
                    " manifest): move it away or choose another --out"
                )
            snapshot = uuid.uuid4().hex[:12]  # a first snapshot: the same files, hard-linked
            for dataset in legacy:
                for path in store.files(store.path(dataset)):
                    store.link(path, f"{self.folder}/{snapshot}/{path[len(store.root) + 1 :]}")
            store.sync_tree(f"{self.folder}/{snapshot}")
            store.point(self.current_link, f"snapshots/{snapshot}")
        for dataset in legacy:  # the folder and its link trade places: the same files behind
            aside = f"{self.legacy_folder}/{dataset}"
            store.delete_file(aside)  # a link an interrupted migration made
            store.symlink(aside, f"{HOME}/current/{dataset}")
            if not store.exchange(aside, store.path(dataset)):
                store.delete_file(aside)
                store.move(store.path(dataset), aside)  # readers find no folder, for a moment
                self._link(dataset)
        self._drain_legacy()

    def _drain_legacy(self) -> None:
        """Empty and remove the replaced folders: every file there is in the snapshot too."""
        store, current = self.store, self.current
        for dataset in DATASETS:
            aside = f"{self.legacy_folder}/{dataset}"
            if not os.path.isdir(aside) or os.path.islink(aside):
                continue
            for path in store.files(aside):
                copy = current.path(dataset, path[len(aside) + 1 :])
                if not store.exists(copy):
                    store.link(path, copy)
                store.delete_file(path)
            for folder in [*reversed(store.dirs(aside)), aside]:
                store.delete_if_empty(folder)
        store.delete_if_empty(self.legacy_folder)

    def _link(self, dataset: str) -> None:
        """OUT/<dataset> -> .bulletins/current/<dataset> (dangling until the first commit)."""
        path, target = self.store.path(dataset), f"{HOME}/current/{dataset}"
        if os.path.islink(path) and os.readlink(path) == target:
            return
        if os.path.lexists(path):
            raise OutConflict(
                f"{self.store.display}: {dataset} was not written by this tool:"
                " move it away or choose another --out"
            )
        self.store.symlink(path, target)


class SnapshotTarget:
    """One run's new snapshot: written partitions, linked unchanged ones; `commit` switches."""

    def __init__(self, snapshots: Snapshots) -> None:
        self.snapshots = snapshots
        self.store = snapshots.store
        self.old = snapshots.current
        self.id = uuid.uuid4().hex[:12]
        self.result = self.store.at(f"{snapshots.folder}/{self.id}")

    def put(self, table: pa.Table, dataset: str, key: str | None) -> None:
        self.store.write_table(table, _file(self.result, dataset, key))

    def keep(self, dataset: str, key: str) -> None:
        source = _file(self.old, dataset, key)
        if self.store.exists(source):
            self.store.link(source, _file(self.result, dataset, key))

    def drop(self, dataset: str, key: str | None) -> None:
        """Not in the new snapshot: gone at the switch."""

    def commit(self) -> None:
        self._carry_others()
        self.store.sync_tree(self.result.root)
        self.snapshots.switch(self.id)

    def _carry_others(self) -> None:
        """Files that someone else put in the dataset folders stay there: linked into the new
        snapshot (this tool's own files are those it has just written or kept)."""
        for path in self.store.files(self.old.root):
            relative = path[len(self.old.root) + 1 :]
            if not _OWN.fullmatch(relative) and not self.store.exists(self.result.path(relative)):
                self.store.link(path, self.result.path(relative))


def _file(tree: Storage, dataset: str, key: str | None) -> str:
    return tree.path(dataset, *([key] if key else []), PART_FILE)
