"""Where the datasets live: a local folder or any filesystem pyarrow supports (a URI such as
file:///data/out, s3://bucket/out, hdfs://...), behind the few operations the writer needs.

On a local folder, files are synced and renames are atomic (POSIX rename). On other
filesystems a move may be a copy and a delete (object stores): the writer's journal makes an
interrupted commit complete on the next run either way.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq


class Storage:
    def __init__(self, out: str | Path, filesystem: pafs.FileSystem | None = None) -> None:
        text = str(out)
        if filesystem is not None:
            self.fs, self.root = filesystem, text.rstrip("/")
        elif "://" in text:
            self.fs, self.root = pafs.FileSystem.from_uri(text)
            self.root = self.root.rstrip("/")
        else:
            self.fs, self.root = pafs.LocalFileSystem(), str(Path(text).absolute())
        self.local = isinstance(self.fs, pafs.LocalFileSystem)
        self.display = text

    def path(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    # -- queries -----------------------------------------------------------------------------
    def exists(self, path: str) -> bool:
        return bool(self.fs.get_file_info(path).type != pafs.FileType.NotFound)

    def is_dir(self, path: str) -> bool:
        return bool(self.fs.get_file_info(path).type == pafs.FileType.Directory)

    def files(self, folder: str) -> list[str]:
        """Every file below `folder`, sorted (empty when it does not exist)."""
        return self._below(folder, pafs.FileType.File)

    def dirs(self, folder: str) -> list[str]:
        """Every folder below `folder`, sorted."""
        return self._below(folder, pafs.FileType.Directory)

    def _below(self, folder: str, kind: pafs.FileType) -> list[str]:
        if not self.is_dir(folder):
            return []
        infos = self.fs.get_file_info(pafs.FileSelector(folder, recursive=True))
        return sorted(i.path for i in infos if i.type == kind)

    def read_table(self, path: str) -> pa.Table:
        return pq.read_table(path, filesystem=self.fs)

    def num_rows(self, path: str) -> int:
        with self.fs.open_input_file(path) as handle:
            return int(pq.ParquetFile(handle).metadata.num_rows)

    def read_text(self, path: str) -> str | None:
        if not self.exists(path):
            return None
        with self.fs.open_input_stream(path) as handle:
            return bytes(handle.read()).decode("utf-8")

    # -- changes -----------------------------------------------------------------------------
    def write_table(self, table: pa.Table, path: str) -> None:
        self._parent(path)
        pq.write_table(table, path, filesystem=self.fs, compression="zstd")
        self._sync(path)

    def write_text(self, path: str, text: str) -> None:
        self._parent(path)
        with self.fs.open_output_stream(path) as handle:
            handle.write(text.encode("utf-8"))
        self._sync(path)

    def move(self, source: str, target: str) -> None:
        self.fs.move(source, target)
        if self.local:
            self._sync_dir(str(Path(target).parent))

    def delete_file(self, path: str) -> None:
        if self.exists(path):
            self.fs.delete_file(path)

    def delete_dir(self, path: str) -> None:
        if self.is_dir(path):
            self.fs.delete_dir(path)

    def delete_if_empty(self, path: str) -> None:
        if self.is_dir(path) and not self.fs.get_file_info(pafs.FileSelector(path)):
            self.fs.delete_dir(path)

    def _parent(self, path: str) -> None:
        self.fs.create_dir(path.rsplit("/", 1)[0], recursive=True)

    def _sync(self, path: str) -> None:
        if self.local:
            with Path(path).open("rb") as handle:
                os.fsync(handle.fileno())

    def _sync_dir(self, folder: str) -> None:
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
