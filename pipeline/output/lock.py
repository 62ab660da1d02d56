"""One run at a time per output folder: an advisory lock on `OUT/.bulletins/lock`.

The lock is the kernel's (flock): it is released when its holder exits, however it exits, so a
run killed with SIGKILL never leaves a lock that blocks the next one. The file holds the
holder's pid and process start time, for the message of a run that finds the folder busy, and
for filesystems without flock (some network filesystems): there a lock file naming a process
that is gone, or a pid now used by another process (its start time differs), is taken over.
That fallback is best-effort: two runs that start within moments of each other may both take
it. The file is removed on release; a waiter that locked the removed file tries again.

Object stores and other non-local filesystems have no lock: run one ingest at a time there.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.output.processes import running, start_ticks
from pipeline.output.storage import Storage

LOCK = ".bulletins/lock"
POLL_SECONDS = 0.1
# flock errors meaning "no advisory locks on this filesystem" (not "someone holds it")
_NO_FLOCK = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


class OutBusy(RuntimeError):
    """Another run holds the output folder's lock."""

    def __init__(self, out: str, holder: str) -> None:
        super().__init__(
            f"--out {out} is in use by another run ({holder}): wait for it to finish,"
            " or pass --wait SECONDS"
        )


@contextlib.contextmanager
def hold(store: Storage, wait: float = 0.0) -> Iterator[None]:
    """Hold the output folder's lock for the block, waiting up to `wait` seconds for another
    run to release it; raise `OutBusy` if it does not."""
    if not store.local:
        yield
        return
    path = Path(store.path(LOCK))
    descriptor = _acquire(path, time.monotonic() + wait, store.display)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # before the release: a waiter then finds the file gone, and retries
        os.close(descriptor)
        with contextlib.suppress(OSError):
            path.parent.rmdir()  # a run that wrote nothing leaves nothing


def _acquire(path: Path, deadline: float, display: str) -> int:
    while True:
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except FileNotFoundError:  # no folder yet, or the last holder just removed it
            path.parent.mkdir(parents=True, exist_ok=True)
            continue
        if _lock(descriptor, path) and _still_there(descriptor, path):
            _write_holder(descriptor)
            return descriptor
        os.close(descriptor)
        if time.monotonic() >= deadline:
            raise OutBusy(display, _describe(_read_holder(path)))
        time.sleep(POLL_SECONDS)


def _lock(descriptor: int, path: Path) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_FLOCK:
            raise
        holder = _read_holder(path)
        return holder is None or not alive(holder)
    return True


def _still_there(descriptor: int, path: Path) -> bool:
    """The locked file is the one at `path` (not one its last holder removed meanwhile)."""
    try:
        return os.stat(path).st_ino == os.fstat(descriptor).st_ino
    except FileNotFoundError:
        return False


def _write_holder(descriptor: int) -> None:
    pid = os.getpid()
    holder = {"pid": pid, "start": start_ticks(pid), "started": _started(pid)}
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, json.dumps(holder).encode(), 0)
    os.fsync(descriptor)


def _read_holder(path: Path) -> dict[str, Any] | None:
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return holder if isinstance(holder, dict) and isinstance(holder.get("pid"), int) else None


def _describe(holder: dict[str, Any] | None) -> str:
    if holder is None:
        return "holder unknown"
    return f"pid {holder['pid']}, started {holder.get('started') or 'at an unknown time'}"


def alive(holder: dict[str, Any]) -> bool:
    """The process a lock file names still runs, started when the lock file says."""
    return running(holder["pid"], holder.get("start"))


def _started(pid: int) -> str:
    """When the process started, as UTC wall-clock time (now, where /proc does not tell)."""
    ticks, moment = start_ticks(pid), time.time()
    with contextlib.suppress(OSError, ValueError, StopIteration):
        lines = Path("/proc/stat").read_text(encoding="ascii").splitlines()
        boot = int(next(line for line in lines if line.startswith("btime ")).split()[1])
        if ticks is not None:
            moment = boot + ticks / os.sysconf("SC_CLK_TCK")
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
