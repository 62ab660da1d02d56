"""An output folder written by an earlier version, whose datasets lack columns this version
writes (item_id, role, document_key …): the next run parses every file again (the parser's
fingerprint changed) and rewrites the datasets whole; rows it could not make again, those of
files no longer under CORPUS, stop the run with one line before anything is parsed, and
`--prune` drops them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.model.schema import PARTITIONED
from pipeline.run.failures import RunFailed
from pipeline.run.ingest import ingest
from tests.conftest import CORPUS
from tests.test_layout_migration import contents

# Columns the version before this one did not write.
LATER = {
    "bulletins": ("document_key", "duplicate_of", "issuer_norm", "region_norm"),
    "items": ("item_id", "units_norm"),
    "measures": ("item_id", "role"),
    "findings": ("item_id",),
    "manifest": ("parser_fingerprint", "timeout_seconds", "max_memory_mib"),
}


def to_earlier_columns(out: Path) -> None:
    """Rewrite the current snapshot's files without the later columns (each file replaced by
    a new one: the snapshots share files through hard links)."""
    current = (out / ".bulletins" / "current").resolve()
    for dataset in (*PARTITIONED, "manifest"):
        for path in (current / dataset).rglob("part-0.parquet"):
            table = pq.read_table(path)
            table = table.drop_columns([c for c in LATER[dataset] if c in table.column_names])
            fresh = path.with_suffix(".new")
            pq.write_table(table.replace_schema_metadata(None), fresh)
            fresh.replace(path)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("qixia-2024-q2.txt", "qixia-2024-q3.txt"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


def test_an_earlier_versions_output_is_rewritten_with_every_column(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    ingest(corpus, out, workers=1)
    to_earlier_columns(out)
    assert "item_id" not in pq.read_schema(next((out / "items").rglob("*.parquet"))).names
    summary = ingest(corpus, out, workers=1)
    assert summary.parsed == 2  # no fingerprint in the manifest: every file read again
    fresh = tmp_path / "fresh"
    ingest(corpus, fresh, workers=1)
    for dataset, table in contents(fresh).items():
        if dataset != "manifest":
            assert contents(out)[dataset].equals(table), dataset


def test_rows_that_cannot_be_made_again_stop_the_run_until_pruned(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    ingest(corpus, out, workers=1)
    to_earlier_columns(out)
    (corpus / "qixia-2024-q3.txt").unlink()
    before = contents(out)
    with pytest.raises(RunFailed) as failed:
        ingest(corpus, out, workers=1)
    message = str(failed.value)
    assert "\n" not in message
    assert "earlier version" in message and "qixia-2024-q3.txt" in message
    assert "--prune" in message and "nothing was written" in message
    for dataset, table in contents(out).items():
        assert table.equals(before[dataset]), dataset
    summary = ingest(corpus, out, workers=1, prune=True)
    assert summary.pruned == 1
    fresh = tmp_path / "fresh"
    ingest(corpus, fresh, workers=1)
    for dataset, table in contents(fresh).items():
        if dataset != "manifest":
            assert contents(out)[dataset].equals(table), dataset
