"""Where the datasets live: a local folder or any filesystem pyarrow supports (a URI such as
file:///data/out, s3://bucket/out, hdfs://...), behind the few operations the writer needs.

On a local folder, files are synced, renames are atomic (POSIX rename) and the writer keeps
snapshots behind symbolic links (`pipeline.output.snapshot`). On other filesystems a move may be
a copy and a delete (object stores): there the writer's journal makes an interrupted commit
complete on the next run.
"""

from __future__ import annotations

import copy
import ctypes
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq


class Storage:
    def __init__(self, out: str | Path, filesystem: pafs.FileSystem | None = None) -> None:
        text = str(out)
        if not text.strip():
            raise ValueError("the output folder is an empty string")
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

    def at(self, root: str) -> Storage:
        """The same filesystem, rooted at `root` (a folder below this one)."""
        other = copy.copy(self)
        other.root = root
        return other

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

    def read_schema(self, path: str) -> pa.Schema:
        with self.fs.open_input_file(path) as handle:
            return pq.read_schema(handle)

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
        self._parent(target)
        self.fs.move(source, target)
        if self.local:
            self._sync_dir(str(Path(target).parent))

    def delete_file(self, path: str) -> None:
        if self.local and os.path.islink(path):  # a link, dangling or not: the link itself
            os.unlink(path)
        elif self.exists(path):
            self.fs.delete_file(path)

    def delete_if_empty(self, path: str) -> None:
        if self.is_dir(path) and not self.fs.get_file_info(pafs.FileSelector(path)):
            self.fs.delete_dir(path)

    def _parent(self, path: str) -> None:
        self.fs.create_dir(path.rsplit("/", 1)[0], recursive=True)

    def _sync(self, path: str) -> None:
        if self.local:
            with Path(path).open("rb") as handle:
                os.fsync(handle.fileno())

    # -- local folders only: hard links, symbolic links, directory syncs ---------------------
    def link(self, source: str, target: str) -> None:
        """A hard link `target` to the file `source`: the same bytes, not copied."""
        self._parent(target)
        os.link(source, target)

    def symlink(self, link: str, target: str) -> None:
        """A new symbolic link `link` to `target` (relative to the link's folder)."""
        self._parent(link)
        os.symlink(target, link)
        self._sync_dir(str(Path(link).parent))

    def point(self, link: str, target: str) -> None:
        """Make `link` a symbolic link to `target`, replacing any link there in one atomic
        rename (of the new link, made beside it as `link`.tmp)."""
        pending = link + ".tmp"
        if os.path.lexists(pending):
            os.unlink(pending)
        self.symlink(pending, target)
        self.rename(pending, link)

    def rename(self, source: str, target: str) -> None:
        """POSIX rename: `target`, a file or a link, replaced in one atomic step."""
        os.replace(source, target)
        self._sync_dir(str(Path(target).parent))

    def exchange(self, first: str, second: str) -> bool:
        """Swap two paths in one atomic step (Linux's renameat2 RENAME_EXCHANGE); False, and
        nothing done, where the system or the filesystem cannot."""
        renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
        if renameat2 is None:
            return False
        at_cwd, rename_exchange = -100, 2
        paths = (os.fsencode(first), os.fsencode(second))
        if renameat2(at_cwd, paths[0], at_cwd, paths[1], rename_exchange) != 0:
            return False
        for path in {str(Path(first).parent), str(Path(second).parent)}:
            self._sync_dir(path)
        return True

    def delete_tree(self, path: str) -> None:
        if self.is_dir(path):
            self.fs.delete_dir(path)

    def sync_tree(self, folder: str) -> None:
        """Sync every folder below `folder`, it and its parent, so that the files and links
        made there last (through a power cut too)."""
        for below in [*self.dirs(folder), folder, str(Path(folder).parent)]:
            self._sync_dir(below)

    def _sync_dir(self, folder: str) -> None:
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
