"""Per-file tasks for tests of the process pool. Kept apart from the test modules because pool
workers import the module a task lives in."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from pipeline.run.task import Limits, Outcome, process


def dies_on_killer(path: Path, display: str, limits: Limits) -> Outcome:
    """A task whose worker is killed outright on one file, as the kernel's OOM killer would."""
    if "killer" in display:
        os.kill(os.getpid(), signal.SIGKILL)
    return process(path, display, limits)
