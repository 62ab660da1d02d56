"""Every corpus file and fixture document parses exactly as its reviewed golden says."""

from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path

import pytest

from tests.golden_docs import ROOT, documents, golden_path, render

DOCUMENTS = documents()


def test_there_are_documents() -> None:
    assert len(DOCUMENTS) >= 6


def test_document_names_are_unique() -> None:
    """Goldens are named after the file name alone."""
    repeated = [name for name, n in Counter(d.name for d in DOCUMENTS).items() if n > 1]
    assert not repeated


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_matches_golden(document: Path) -> None:
    golden = golden_path(document)
    if not golden.exists():
        pytest.fail(f"no golden for {document.name}: run `make golden` and review the new file")
    expected = golden.read_text(encoding="utf-8")
    actual = render(document)
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{golden.name}",
                tofile="parse --json now",
                n=2,
            )
        )
        pytest.fail(f"{document.name} drifted from its golden (`make golden` to accept):\n{diff}")
