"""Every corpus file and fixture document parses exactly as its reviewed golden says."""

from __future__ import annotations

import difflib
import json
import shutil
from collections import Counter

import pytest

from pipeline.run.golden import SUFFIX, Document, golden_names, read_golden
from pipeline.run.golden_diff import change_lines, compare, has_changes
from tests.golden_docs import GOLDEN, ROOT, documents, golden_path, render_document

DOCUMENTS = documents()
# Read through LibreOffice: without it they are rejected, unlike their goldens.
LEGACY_WORD = {".doc", ".wps", ".rtf"}


def test_there_are_documents() -> None:
    assert len(DOCUMENTS) >= 6


def test_document_names_are_unique() -> None:
    """corpus/ and tests/fixtures/ share tests/golden/: a name may be in one of them only."""
    repeated = [name for name, n in Counter(d.name for d in DOCUMENTS).items() if n > 1]
    assert not repeated


def test_every_golden_has_its_document() -> None:
    orphans = golden_names(GOLDEN) - {d.name for d in DOCUMENTS}
    assert not orphans, f"goldens of no document: {sorted(orphans)} (delete them)"


def test_goldens_hold_nothing_of_the_machine() -> None:
    """No parser version, no absolute path: the text of each golden."""
    for path in GOLDEN.glob(f"*{SUFFIX}"):
        text = path.read_text(encoding="utf-8")
        assert "parser_version" not in text, path.name
        assert str(ROOT) not in text, path.name


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.path.relative_to(ROOT).as_posix())
def test_matches_golden(document: Document) -> None:
    golden = golden_path(document)
    if document.path.suffix.lower() in LEGACY_WORD and shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: legacy Word files are not read")
    if not golden.exists():
        pytest.fail(f"no golden for {document.name}: run `make golden` and review the new file")
    expected = golden.read_text(encoding="utf-8")
    actual = render_document(document)
    if actual != expected:
        changes = compare(read_golden(golden), json.loads(actual))
        listed = "\n".join(change_lines(changes)) if has_changes(changes) else ""
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{golden.name}",
                tofile="parse --json now",
                n=2,
            )
        )
        pytest.fail(
            f"{document.name} drifted from its golden (`make golden` to accept):\n{listed}\n{diff}"
        )
