"""duplicate_of: one copy of each bulletin is counted, whatever the formats and the runs that
brought the copies in."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from pipeline.model.schema import file_schema
from pipeline.output.duplicates import mark_duplicates
from pipeline.run.ingest import ingest
from tests.conftest import CORPUS, FIXTURES
from tests.test_write import read


def _bulletins(rows: list[tuple[str, str, str, str]]) -> pa.Table:
    """A bulletins partition of (bulletin_id, document_key, source_format, source_path) rows."""
    schema = file_schema("bulletins")
    values: dict[str, list[Any]] = {name: [None] * len(rows) for name in schema.names}
    for n, (bulletin_id, key, source_format, path) in enumerate(rows):
        values["bulletin_id"][n], values["document_key"][n] = bulletin_id, key
        values["source_format"][n], values["source_path"][n] = source_format, path
        values["source_sha256"][n], values["narrative"][n] = bulletin_id, ""
        values["declared_counts"][n], values["declared_shares"][n] = [], []
        values["item_count"][n], values["table_count"][n] = 0, 0
        values["parser_version"][n], values["duplicate_of"][n] = "0", "stale"
    return pa.table(values, schema=schema)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            [("a", "k", "txt", "b.txt"), ("b", "k", "txt", "a.txt")],
            ["b", None],
            id="same-format-first-path",
        ),
        pytest.param(
            [("a", "k", "txt", "a.txt"), ("b", "k", "docx", "z.docx"), ("c", "k", "pdf", "a.pdf")],
            ["b", None, "b"],
            id="docx-before-pdf-before-txt",
        ),
        pytest.param(
            [("a", "k", "txt", "a.txt"), ("b", "j", "txt", "b.txt")],
            [None, None],
            id="different-bulletins",
        ),
        pytest.param([], [], id="empty"),
    ],
)
def test_mark_duplicates(rows: list[tuple[str, str, str, str]], expected: list[Any]) -> None:
    table = _bulletins(rows)
    marked = mark_duplicates(table)
    assert marked["duplicate_of"].to_pylist() == expected
    assert marked.schema == table.schema
    assert marked.drop_columns(["duplicate_of"]).equals(table.drop_columns(["duplicate_of"]))


def _duplicates(out: Path) -> dict[str, str | None]:
    rows = read(out, "bulletins").to_pylist()
    path_of = {row["bulletin_id"]: row["source_path"] for row in rows}
    return {
        row["source_path"]: path_of.get(row["duplicate_of"], row["duplicate_of"]) for row in rows
    }


def test_duplicates_stay_right_across_incremental_runs(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for name in ("qixia-2024-q2.txt", "qixia-2024-q3.txt"):
        shutil.copy(CORPUS / name, corpus / name)
    ingest(corpus, out, workers=1)
    assert _duplicates(out) == {"qixia-2024-q2.txt": None, "qixia-2024-q3.txt": None}

    shutil.copy(CORPUS / "qixia-2024-q2-simplified.txt", corpus)  # a copy comes in
    summary = ingest(corpus, out, workers=1)
    assert summary.parsed == 1  # the others are not read again, yet are marked
    assert _duplicates(out) == {
        "qixia-2024-q2-simplified.txt": None,
        "qixia-2024-q2.txt": "qixia-2024-q2-simplified.txt",
        "qixia-2024-q3.txt": None,
    }

    shutil.copy(FIXTURES / "qixia-2024-q2.docx", corpus)  # a preferred format comes in
    ingest(corpus, out, workers=1)
    assert _duplicates(out) == {
        "qixia-2024-q2-simplified.txt": "qixia-2024-q2.docx",
        "qixia-2024-q2.docx": None,
        "qixia-2024-q2.txt": "qixia-2024-q2.docx",
        "qixia-2024-q3.txt": None,
    }

    (corpus / "qixia-2024-q2.docx").unlink()
    ingest(corpus, out, workers=1)  # without --prune its rows stay, and it stays the one kept
    assert _duplicates(out)["qixia-2024-q2.docx"] is None
    ingest(corpus, out, workers=1, prune=True)  # the kept copy is gone: the next is kept
    assert _duplicates(out) == {
        "qixia-2024-q2-simplified.txt": None,
        "qixia-2024-q2.txt": "qixia-2024-q2-simplified.txt",
        "qixia-2024-q3.txt": None,
    }
