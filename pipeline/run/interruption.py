"""Stopping a run on SIGINT (Ctrl-C) or SIGTERM (what `timeout`, systemd and Kubernetes send).

Inside `interruptible()`, either signal raises `Interrupted` in the main thread, wherever the
run is. It unwinds like any exception, so that each part lets go of what it holds on its way
out: the executors kill their worker processes (and close a Dask cluster), the spill folder is
removed. A second signal while that happens is ignored, so that the clean-up is not itself cut
short; `kill -9` is still there for a run that will not stop.

A step that must not be cut in two holds a signal until it is done (`held()`). Once the commit
begins (`defer_signals()`), a signal no longer stops the run: it is noted, the commit goes on,
and the block ends with `Interrupted` (`committed` true) when the run is done. The commit is
short and crash-safe either way, but a run that lets it finish leaves its datasets complete
now rather than on the next run, and can say so.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The run was stopped by a signal. A BaseException, like KeyboardInterrupt, so that no
    handler for a bad file (`except Exception`) takes it for one."""

    def __init__(self, signum: int, *, committed: bool = False) -> None:
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name
        self.exit_status = 128 + signum  # the shell's convention: 130 SIGINT, 143 SIGTERM
        self.committed = committed  # the signal came during the commit, which was completed

    def one_line(self, out: str) -> str:
        """What happened, and what became of the datasets under `out`."""
        if self.committed:
            state = f"the commit had begun and was completed: {out} holds this run's datasets"
        else:
            state = f"nothing was written ({out} is as it was)"
        return f"interrupted by {self.name}; {state}"


@dataclass
class _Block:
    signum: int | None = None  # the first signal received
    deferred: bool = False


_block: _Block | None = None  # the interruptible block the main thread is in


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """SIGINT and SIGTERM raise `Interrupted` (the first one; later ones are ignored) until
    the block ends, when the previous handlers come back. Outside the main thread, where
    Python runs no signal handler, nothing changes."""
    global _block
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    block, outer = _Block(), _block

    def stop(signum: int, frame: FrameType | None) -> None:
        if block.signum is not None:
            return  # stopping already: let the clean-up finish
        block.signum = signum
        if not block.deferred:
            raise Interrupted(signum)

    previous = {signum: signal.signal(signum, stop) for signum in SIGNALS}
    _block = block
    try:
        yield
    finally:
        _block = outer
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if block.signum is not None:  # it came after `defer_signals()`
        raise Interrupted(block.signum, committed=True)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Inside, a signal stops the run only when the block ends: for a step that must not be cut
    in two, such as starting a worker process (one cut off half-way dies printing a
    traceback)."""
    block = _block
    if block is None or block.deferred or threading.current_thread() is not threading.main_thread():
        yield
        return
    block.deferred = True
    try:
        yield
    finally:
        block.deferred = False
        if block.signum is not None:
            raise Interrupted(block.signum)


def defer_signals() -> None:
    """From here to the end of the interruptible block (if the run is in one), a signal no
    longer stops the run: the block ends with `Interrupted` after the run is done."""
    if _block is not None and threading.current_thread() is threading.main_thread():
        _block.deferred = True
