from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
