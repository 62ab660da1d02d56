"""The datasets: schemas, partitions, deterministic and idempotent re-runs, atomic replacement."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from pipeline.model import records
from pipeline.model.schema import PARTITION_COLUMNS, PARTITIONED, SCHEMAS, file_schema
from pipeline.output import storage
from pipeline.run.ingest import RunFailed, ingest
from pipeline.vocab import STATUSES
from tests.conftest import CORPUS, FIXTURES, leftovers

RECORD_OF = {
    "bulletins": records.Bulletin,
    "items": records.Item,
    "measures": records.Measure,
    "findings": records.Finding,
    "manifest": records.ManifestEntry,
    "timeline": records.TimelineRow,
}


@pytest.mark.parametrize("dataset", sorted(SCHEMAS))
def test_schema_matches_record(dataset: str) -> None:
    fields = [f.name for f in dataclasses.fields(RECORD_OF[dataset])]
    assert SCHEMAS[dataset].names == fields


@pytest.mark.parametrize("dataset", PARTITIONED)
def test_partition_columns_live_in_the_files(dataset: str) -> None:
    """Every partitioned file carries its period: the record's fields first, in order."""
    names = file_schema(dataset).names
    assert set(PARTITION_COLUMNS) <= set(names)
    assert names[: len(SCHEMAS[dataset])] == SCHEMAS[dataset].names
    assert file_schema(dataset).field("year").type == pa.int16()
    assert file_schema(dataset).field("quarter").type == pa.int8()


def read(out: Path, dataset: str) -> pa.Table:
    return ds.dataset(out / dataset, format="parquet").to_table()


def test_files_carry_the_declared_types(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(small_corpus, out)
    for dataset in ("bulletins", "items", "findings"):
        for part in (out / dataset).glob("*/part-0.parquet"):
            assert pq.read_schema(part).remove_metadata() == file_schema(dataset)
    assert (
        pq.read_schema(out / "manifest" / "part-0.parquet").remove_metadata() == SCHEMAS["manifest"]
    )


def test_partitions_by_period(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(small_corpus, out)
    bulletins = read(out, "bulletins").to_pylist()
    assert sorted((b["year"], b["quarter"]) for b in bulletins) == [(2024, 2), (2024, 3)]
    assert sorted(p.relative_to(out).as_posix() for p in out.glob("items/*")) == [
        "items/2024-Q2",
        "items/2024-Q3",
    ]


def test_rerun_is_identical_and_has_no_duplicates(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(small_corpus, out)
    first = {d: read(out, d) for d in ("bulletins", "items", "findings")}
    ingest(small_corpus, out)
    for dataset, table in first.items():
        again = read(out, dataset)
        assert again.equals(table), dataset
    assert first["items"].num_rows == 60
    assert not leftovers(out)  # no temp files, no journal, no old snapshot left behind


def test_rows_are_in_a_deterministic_order(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(small_corpus, out)
    part = pq.read_table(out / "items" / "2024-Q2" / "part-0.parquet")
    assert part.column("seq").to_pylist() == list(range(1, 31))


def test_rows_of_removed_files_stay_until_prune(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(small_corpus, out)
    (small_corpus / "qixia-2024-q3.txt").unlink()
    ingest(small_corpus, out)
    assert read(out, "items").num_rows == 60  # archived rows are not lost by accident
    summary = ingest(small_corpus, out, prune=True)
    assert summary.pruned == 1
    assert not (out / "items" / "2024-Q3").exists()
    assert read(out, "items").num_rows == 30


def test_unknown_period_goes_to_the_unknown_partition(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (FIXTURES / "task-allocation.txt").read_text(encoding="utf-8")
    # a progress table without any period in its text
    text = text.replace("任务分解表", "进展情况表").replace("完成时限", "完成情况")
    text = text.replace("2024年12月底", "已完成").replace("2024年重点", "重点")
    (corpus / "no-period.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    summary = ingest(corpus, out)
    assert summary.ok == 1
    assert (out / "items" / "unknown").is_dir()
    bulletins = read(out, "bulletins").to_pylist()
    assert bulletins[0]["year"] is None
    findings = read(out, "findings").column("check").to_pylist()
    assert "period_missing" in findings


def test_failed_write_keeps_the_previous_file(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    ingest(small_corpus, out)
    target = out / "items" / "2024-Q2" / "part-0.parquet"
    before = target.read_bytes()

    def crash(table: pa.Table, where: Path, **kwargs: object) -> None:
        Path(where).write_bytes(b"PAR1 half a file")  # a partial write, then the crash
        raise OSError("disk full")

    monkeypatch.setattr(storage.pq, "write_table", crash)
    with pytest.raises(RunFailed, match="disk full; nothing was written"):
        ingest(small_corpus, out, force=True)
    assert target.read_bytes() == before
    assert pq.read_table(target).num_rows == 30
    assert not leftovers(out)  # the half-written snapshot is removed by the failed run
    monkeypatch.undo()
    ingest(small_corpus, out, force=True)  # the next run completes
    assert not leftovers(out)
    assert read(out, "items").num_rows == 60


def test_pandas_reads_the_datasets(small_corpus: Path, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "out"
    ingest(small_corpus, out)
    items = pd.read_parquet(out / "items")
    assert len(items) == 60
    assert set(items["status"]) <= set(STATUSES)
    assert items.groupby("quarter", observed=True).size().to_dict() == {2: 30, 3: 30}


def test_readers_follow_the_dataset_links(small_corpus: Path, tmp_path: Path) -> None:
    """OUT/items is a link into the current snapshot: pandas, pyarrow, DuckDB and (where it is
    installed) Polars read it as a plain folder, after an incremental run too."""
    import duckdb
    import pandas as pd

    out = tmp_path / "out"
    ingest(small_corpus, out)
    shutil.copy(small_corpus / "qixia-2024-q2.txt", small_corpus / "a-copy.txt")
    (small_corpus / "qixia-2024-q3.txt").write_text(
        (CORPUS / "qixia-2024-q3.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    ingest(small_corpus, out)
    assert (out / "items").is_symlink() and (out / ".bulletins" / "current").is_symlink()
    assert len(pd.read_parquet(out / "items")) == read(out, "items").num_rows == 60
    sql = f"select count(*) from read_parquet('{out}/items/**/*.parquet')"
    assert duckdb.sql(sql).fetchall() == [(60,)]
    assert len(pd.read_parquet(out / "manifest")) == 3
    try:
        import polars as pl
    except ImportError:
        return
    assert pl.scan_parquet(f"{out}/items/").collect().height == 60


def test_the_same_bytes_at_two_paths_are_written_once(small_corpus: Path, tmp_path: Path) -> None:
    """Rows of a bulletin found at two paths are written once, for the first path, whichever
    worker finishes first; the manifest names the other path's twin."""
    shutil.copy(small_corpus / "qixia-2024-q2.txt", small_corpus / "a-copy.txt")
    out = tmp_path / "out"
    for workers in (1, 2):
        summary = ingest(small_corpus, out, workers=workers, force=True)
        assert summary.duplicates == 1
        bulletins = read(out, "bulletins").to_pylist()
        assert sorted(b["source_path"] for b in bulletins) == ["a-copy.txt", "qixia-2024-q3.txt"]
        assert read(out, "items").num_rows == 60
        manifest = {e["source_path"]: e for e in pq.read_table(out / "manifest").to_pylist()}
        assert manifest["qixia-2024-q2.txt"]["message"] == (
            "same content as a-copy.txt: rows written once"
        )


def test_a_new_copy_of_a_kept_bulletin_adds_no_rows(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(small_corpus, out)
    before = read(out, "items")
    shutil.copy(small_corpus / "qixia-2024-q2.txt", small_corpus / "a-copy.txt")
    summary = ingest(small_corpus, out)
    assert (summary.parsed, summary.duplicates) == (1, 1)
    bulletins = read(out, "bulletins").to_pylist()
    assert sorted(b["source_path"] for b in bulletins) == ["qixia-2024-q2.txt", "qixia-2024-q3.txt"]
    assert read(out, "items").equals(before)


def test_gathered_rows_come_back_by_partition(monkeypatch: pytest.MonkeyPatch) -> None:
    """NewRows spills rows to stream files as partitions fill, and gives each partition
    back whole and alone, whatever the order of spilling and reading: here a partition too
    small to have been spilled is read at every position among the others."""
    from pipeline.model.schema import partition_key
    from pipeline.output import spill
    from pipeline.output.rows import BulletinRows, rows_of
    from pipeline.run.task import parse_file

    monkeypatch.setattr(spill, "FLUSH_ROWS", 7)
    parsed = parse_file(CORPUS / "qixia-2024-q2.txt")

    def bulletin(bulletin_id: str, year: int, rows: int) -> BulletinRows:
        return rows_of(
            dataclasses.replace(
                parsed,
                bulletin=dataclasses.replace(parsed.bulletin, bulletin_id=bulletin_id, year=year),
                items=tuple(dataclasses.replace(i, bulletin_id=bulletin_id) for i in parsed.items)[
                    :rows
                ],
                measures=(),
                findings=(),
            )
        )

    small = partition_key(2099, parsed.bulletin.quarter)
    expected = {small: ["small", "small"]}
    for n in range(12):
        key = partition_key(2020 + n % 5, parsed.bulletin.quarter)
        expected.setdefault(key, []).extend([f"id{n}"] * (3 + n))
    others = sorted(set(expected) - {small})
    for position in range(len(others) + 1):
        with spill.NewRows() as new:
            for n in range(12):
                new.add(bulletin(f"id{n}", 2020 + n % 5, 3 + n))
            new.add(bulletin("small", 2099, 2))
            for key in [*others[:position], small, *others[position:]]:
                assert new.table("items", key)["bulletin_id"].to_pylist() == expected[key]
            assert new.table("items", "1999-Q1").num_rows == 0
