"""`ingest` over every fixture, damaged ones included: each file ends ok or rejected with a
reason code and a one-line message naming it; nothing crashes."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from parsers.errors import REASONS as READER_REASONS
from pipeline.model.errors import REASONS as PIPELINE_REASONS
from pipeline.run.ingest import discover, ingest
from tests.conftest import FIXTURES

NO_TABLE = {
    "no-table.txt",
    "pipe-rows-region-attachment-only.txt",
    "task-allocation.txt",
    "list-not-items.txt",
    *(
        f"narrative-{name}.txt"
        for name in (
            "sub-projects", "year-end", "first-state", "list-headings", "bullets", "news-scope",
            "two-programmes", "remaining", "all-done", "subset-refines", "subset-restates",
            "scope-in-clause", "total-only", "headline", "increment", "next-year-title",
            "lost-digits", "finer-units", "same-scope", "all-before-total", "scope-state",
            "planned", "progress-measures", "roc-cases-traditional", "half-time",
            "all-on-time-traditional", "news-except-joined", "state-groups-names",
            "signed-date-line", "inserted-spam-lines", "news-feature-no-title", "column-tags",
            "quoted-works-glossed", "unmarked-total-reported",
        )
    ),
}  # fmt: skip


def test_ingest_over_all_fixtures_never_crashes(tmp_path: Path) -> None:
    summary = ingest(FIXTURES, tmp_path / "out")
    manifest = pq.read_table(tmp_path / "out" / "manifest").to_pylist()
    assert len(manifest) == len(discover(FIXTURES)) == summary.files
    for row in manifest:
        if row["status"] == "rejected":
            assert row["reason"] in set(READER_REASONS) | set(PIPELINE_REASONS) - {"internal_error"}
            assert row["message"].startswith(row["source_path"] + ": ")
            assert "\n" not in row["message"]
        else:
            assert row["status"] == "ok"
            # bulletins without a progress table or a list have no items, and say so in a finding
            assert row["item_count"] > 0 or row["source_path"] in NO_TABLE, row["source_path"]
    assert summary.ok >= 25
