"""The documents that have goldens, and how a golden is rendered: `bulletins golden`'s own code
(`pipeline.run.golden`), one mechanism for the project's goldens and an archive's.

    python -m tests.golden_docs --write    (as `make golden`: `bulletins golden update` per folder)

Every file in corpus/ (but its README) and every file under tests/fixtures/ has a golden
`tests/golden/<file name>.json` (both folders are flat: the name relative to the folder is the
file name): the `bulletins parse --json` output, pretty, keys sorted, Chinese kept as is,
source_path relative to its folder and no parser version.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.run.cli import main
from pipeline.run.golden import Document, document_data, golden_file, render
from pipeline.run.golden import documents as documents_under
from pipeline.run.ingest import Selection

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
DOCUMENT_DIRS = (ROOT / "corpus", ROOT / "tests" / "fixtures")
# Every file but the folders' README, those of no format read (a PNG, random bytes) included.
EVERY_FILE = Selection.of(include=["*"], exclude=["README*"])
SELECTION_ARGS = ["--include", "*", "--exclude", "README*"]


def documents() -> list[Document]:
    return [doc for folder in DOCUMENT_DIRS for doc in documents_under(folder, EVERY_FILE)]


def golden_path(document: Document) -> Path:
    return golden_file(GOLDEN, document.name)


def render_document(document: Document) -> str:
    return render(document_data(document.path, document.display))


def write_all() -> int:
    """`bulletins golden update` for each folder, into the one tests/golden/."""
    for folder in DOCUMENT_DIRS:
        status = main(["golden", "update", str(folder), str(GOLDEN), *SELECTION_ARGS])
        if status:
            return status
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.golden_docs --write")
    sys.exit(write_all())
