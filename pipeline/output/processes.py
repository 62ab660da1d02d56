"""Whether a process still runs, and when it started: what the lock on --out and the spill
folders record of their owner, so that a dead owner's lock is taken over and its folder
removed, and a pid reused by a later process is not mistaken for it. Linux's /proc tells the
start time; elsewhere the pid alone decides."""

from __future__ import annotations

import os
from pathlib import Path


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (which may hold spaces), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()
    return fields if len(fields) >= 20 else None


def start_ticks(pid: int) -> int | None:
    """When the process started, in clock ticks after boot (field 22 of /proc/PID/stat), or
    None when there is no such process, it has ended (a zombie), or there is no /proc."""
    fields = _stat(pid)
    if fields is None or fields[0] in ("Z", "X"):
        return None
    return int(fields[19])


def running(pid: int, started: int | None = None) -> bool:
    """The process `pid` runs (not a zombie) and, when `started` is given and /proc tells,
    started then: a pid reused by a later process does not count."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it exists
    fields = _stat(pid)
    if fields is None:
        return True  # it exists, and there is no /proc to say more
    if fields[0] in ("Z", "X"):
        return False
    return started is None or int(fields[19]) == started
