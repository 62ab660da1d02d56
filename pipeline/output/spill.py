"""The rows of a run, gathered while the workers go on and spilled to a temporary folder as
Arrow stream files, so the command's memory stays flat however many files it reads.

The folder (`bulletins-rows-<pid>-<start>-*` under the temporary directory) is named after the
process that owns it: its pid and its start time, since a pid is reused. A run removes its own
folder however it ends, except when it is killed outright (`kill -9`, the kernel's OOM killer);
so each run first removes the folders whose owner is no longer running (a process of that pid
that started at another time is another process). A live run's folder is never touched.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.model.schema import file_schema
from pipeline.output.processes import running, start_ticks
from pipeline.output.rows import DATASET_RECORDS, BulletinRows, batch

FLUSH_ROWS = 1024  # rows of one dataset and partition gathered before they are spilled

SPILL_PREFIX = "bulletins-rows-"
# bulletins-rows-<pid>-<start>-<random>: start is 0 where a process's start time is unknown
_SPILL_NAME = re.compile(re.escape(SPILL_PREFIX) + r"(\d+)-(\d+)-\w+")


def remove_abandoned(folder: str | Path | None = None) -> list[Path]:
    """Remove the spill folders (under `folder`, by default the temporary directory) of runs
    that are no longer running, and return them."""
    removed = []
    for path in Path(folder or tempfile.gettempdir()).glob(SPILL_PREFIX + "*"):
        name = _SPILL_NAME.fullmatch(path.name)
        if name is None or not path.is_dir() or running(int(name[1]), int(name[2]) or None):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def spill_prefix() -> str:
    """The name of this process's spill folders, up to their random part."""
    return f"{SPILL_PREFIX}{os.getpid()}-{start_ticks(os.getpid()) or 0}-"


class NewRows:
    """The rows parsed in this run, by dataset and partition, gathered as each bulletin
    arrives from its worker (while the workers go on), as `BulletinRows`. Every FLUSH_ROWS rows
    of a partition become an Arrow record batch, appended to that partition's stream file in a
    temporary folder. The run's memory therefore stays flat however many files it reads; the
    commit reads back one partition at a time.

    A bulletin already taken (the same bytes at another path) is not taken again: the
    writer gives its `bulletins` row the path the manifest chooses. Use as a context manager:
    the temporary folder is removed on exit. Starting, it removes the folders of runs that
    were killed (`remove_abandoned`)."""

    def __init__(self) -> None:
        self.bulletin_at: dict[str, str] = {}  # source path -> bulletin id
        self.partition_of: dict[str, str] = {}  # bulletin id -> 2024-Q2
        self._pending: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
        remove_abandoned()
        self._folder = tempfile.TemporaryDirectory(prefix=spill_prefix())
        self._streams: dict[tuple[str, str], tuple[Path, pa.ipc.RecordBatchStreamWriter]] = {}
        self._numbers = itertools.count()  # stream file names, never reused

    def __enter__(self) -> NewRows:
        return self

    def __exit__(self, *exc: object) -> None:
        for _, writer in self._streams.values():
            writer.close()
        self._streams.clear()
        self._folder.cleanup()

    def add(self, bulletin: BulletinRows) -> None:
        self.bulletin_at[bulletin.source_path] = bulletin.bulletin_id
        if bulletin.bulletin_id in self.partition_of:
            return
        key = bulletin.partition
        self.partition_of[bulletin.bulletin_id] = key
        for dataset, rows in zip(DATASET_RECORDS, bulletin.rows, strict=True):
            if not rows:
                continue
            pending = self._pending[dataset, key]
            pending.extend(rows)
            if len(pending) >= FLUSH_ROWS:
                self._flush(dataset, key)

    def table(self, dataset: str, key: str) -> pa.Table:
        """The rows of a dataset's partition, in the order they arrived (read once)."""
        self._flush(dataset, key)
        stream = self._streams.pop((dataset, key), None)
        if stream is None:
            return file_schema(dataset).empty_table()
        path, writer = stream
        writer.close()
        with pa.OSFile(str(path)) as source:
            table = pa.ipc.open_stream(source).read_all()
        path.unlink()
        return table

    def _flush(self, dataset: str, key: str) -> None:
        rows = self._pending.pop((dataset, key), None)
        if not rows:
            return
        if (dataset, key) not in self._streams:
            path = Path(self._folder.name) / f"{dataset}-{next(self._numbers)}.arrows"
            writer = pa.ipc.new_stream(str(path), file_schema(dataset))
            self._streams[dataset, key] = path, writer
        self._streams[dataset, key][1].write_batch(batch(dataset, rows))
