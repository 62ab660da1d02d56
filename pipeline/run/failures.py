"""Errors of a run itself, not of one file: --out that cannot be written, a full disk, a
manifest that cannot be read. Each becomes one `RunFailed`, whose message is one line naming the
path and the cause and saying what became of the datasets; --out is probed before anything is
parsed, so that a bad --out costs nothing.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import traceback
import uuid
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
from pyarrow.fs import FileSystem

from pipeline.model.records import ManifestEntry


class RunFailed(RuntimeError):
    """The run itself could not be done (not one file's fault): --out cannot be written, a
    disk is full, the manifest cannot be read. The message is one line naming the path and the
    cause, and says whether anything was written."""


# A file this tool writes in its own folder under --out to see that it can; one a killed run
# left behind is removed by the next probe.
_PROBE = "write-probe.{}.tmp"
_PROBES = re.compile(r"write-probe\.[0-9a-f]{12}\.tmp")


def check_writable(out: str | Path, filesystem: FileSystem | None = None) -> None:
    """Raise `RunFailed` unless files can be written under `out`: create the folder and this
    tool's own folder in it, then write, sync and remove a probe file there (a local folder is
    probed with the operating system's own calls, anything else through pyarrow)."""
    from pipeline.output.snapshot import HOME
    from pipeline.output.storage import Storage

    name = _PROBE.format(uuid.uuid4().hex[:12])
    try:
        if filesystem is None and "://" not in str(out):
            home = Path(out) / HOME
            home.mkdir(parents=True, exist_ok=True)
            for old in home.iterdir():
                if _PROBES.fullmatch(old.name):
                    old.unlink()
            probe = home / name
            with probe.open("xb") as handle:
                handle.write(b"probe")
                os.fsync(handle.fileno())
            probe.unlink()
        else:
            store = Storage(out, filesystem)
            for left in store.files(store.path(HOME)):
                if _PROBES.fullmatch(left.rsplit("/", 1)[-1]):
                    store.delete_file(left)
            store.write_text(store.path(HOME, name), "probe")
            store.delete_file(store.path(HOME, name))
    except OSError as exc:
        message = f"--out {out}: cannot write there ({_cause(exc)}); nothing was written"
        raise RunFailed(message) from exc


@contextlib.contextmanager
def run_errors(out: str | Path, filesystem: FileSystem | None) -> Iterator[None]:
    """Turn an error of the run itself into `RunFailed`. Unless the commit's journal is on
    disk (then the next run completes the commit), the files this run left are removed."""
    from pipeline.output.commit import JOURNAL, recover
    from pipeline.output.storage import Storage

    try:
        yield
    except (OSError, pa.ArrowInvalid) as exc:
        outcome = "nothing was written"
        with contextlib.suppress(OSError, pa.ArrowInvalid):
            store = Storage(out, filesystem)
            if store.exists(store.path(JOURNAL)):
                outcome = "the commit is journalled: the next run completes it"
            else:
                recover(store)
        raise RunFailed(f"{_where(exc, out)}: {_cause(exc)}; {outcome}") from exc


def _where(exc: Exception, out: str | Path) -> str:
    """The path an error is about: the exception's own, else the temporary folder if the error
    arose while this run's rows were spilled there, else --out."""
    from pipeline.output import spill

    if isinstance(exc, OSError) and exc.filename:
        return str(exc.filename)
    if any(frame.filename == spill.__file__ for frame in traceback.extract_tb(exc.__traceback__)):
        return tempfile.gettempdir()
    return str(out)


def _cause(exc: Exception) -> str:
    """An exception's cause on one line: "No space left on device", or pyarrow's message."""
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    else:
        text = str(exc) or type(exc).__name__
    text = re.sub(r"\.? Detail: \[errno \d+\] ", ": ", text)
    return text.strip().splitlines()[0]


def check_kept_rows(
    out: str | Path, filesystem: FileSystem | None, kept: list[ManifestEntry]
) -> None:
    """Rows kept without parsing their files again must have every column of this version:
    rows an earlier version wrote do not, and those of files no longer under CORPUS (or not
    read now) cannot be made again. Say so before anything is parsed."""
    from pipeline.output.commit import missing_columns

    holders = [e.source_path for e in kept if e.status == "ok" and e.bulletin_id]
    if not holders:
        return
    with run_errors(out, filesystem):
        missing = missing_columns(out, filesystem)
    if missing:
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise RunFailed(
            f"{out}: written by an earlier version (no {', '.join(missing[:3])}{more}), and"
            f" {len(holders)} file(s) it holds rows of are not parsed again ({holders[0]} …):"
            " put them back under CORPUS, or run with --prune to drop their rows, or --force;"
            " nothing was written"
        )
