"""What a path is, when it is not a regular file: said in words, told from `stat` alone.

Only regular files are read. Opening a FIFO blocks until something writes to it, a device may
never end, and a link that leads nowhere has nothing to read, so such paths are named for what
they are instead of being opened.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def not_regular(path: Path) -> str | None:
    """None for a regular file (or a link to one); else what the path is, e.g. "a FIFO",
    "a link to a folder", "a dangling symbolic link", "a symbolic link loop", "missing"."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        if path.is_symlink():
            return "a dangling symbolic link"
        return "missing" if exc.errno in (errno.ENOENT, errno.ENOTDIR) else None
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"a link to {kind}" if path.is_symlink() else kind
