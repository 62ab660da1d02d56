from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

pytest.register_assert_rewrite("tests.commit_tools")  # its checks explain their failures

# The property tests check behaviour, not speed: no per-example deadline, which a shared and
# noisy machine breaks (a first example paying a lazy import took 254 ms against 200).
# Hypothesis's own profile on CI has none either.
settings.register_profile("dev", deadline=None)
if not os.environ.get("CI"):
    settings.load_profile("dev")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Two bulletins of two quarters, copied out of the bundled corpus."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("qixia-2024-q2.txt", "qixia-2024-q3.txt"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


def leftovers(out: Path) -> list[Path]:
    """What a completed run must not leave in its output folder: hidden files (temp files, a
    journal, a lock), and in the tool's own folder anything but the current snapshot."""
    home = out / ".bulletins"
    stray = [p for p in out.rglob(".*") if p != home]
    if home.exists():
        current = (home / "current").resolve()
        stray += [p for p in home.iterdir() if p.name not in {"current", "snapshots"}]
        stray += [p for p in (home / "snapshots").iterdir() if p != current]
    return stray
