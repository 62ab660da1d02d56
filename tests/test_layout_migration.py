"""An output folder written in the earlier layout (hive keys `year=YYYY/quarter=Q`, the period
in the folder names only) is rewritten in the current one by the next run, incremental or not,
without losing a row: in a snapshot, in the real folders of the layout before snapshots, and on
an object store (the journal's commit)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from pyarrow.fs import FileSelector, FileSystem, LocalFileSystem, _MockFileSystem

from pipeline.model.schema import PARTITIONED
from pipeline.run.ingest import ingest
from tests.conftest import CORPUS, FIXTURES, leftovers

DATASETS = (*PARTITIONED, "manifest")
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


def to_earlier_layout(fs: FileSystem, root: str) -> None:
    """Lay the datasets under `root` out as the earlier version wrote them: each partition in
    year=YYYY/quarter=Q without the year and quarter columns, no file for an empty dataset."""
    for dataset in PARTITIONED:
        infos = fs.get_file_info(FileSelector(f"{root}/{dataset}", recursive=True))
        for info in infos:
            if not info.is_file or not info.path.endswith("/part-0.parquet"):
                continue
            table = pq.read_table(info.path, filesystem=fs)
            fs.delete_file(info.path)
            if not table.num_rows:
                continue
            year, quarter = (table[c][0].as_py() for c in ("year", "quarter"))
            folder = f"year={HIVE_NULL if year is None else year}"
            folder += f"/quarter={HIVE_NULL if quarter is None else quarter}"
            fs.create_dir(f"{root}/{dataset}/{folder}")
            table = table.drop_columns(["year", "quarter"]).replace_schema_metadata(None)
            pq.write_table(table, f"{root}/{dataset}/{folder}/part-0.parquet", filesystem=fs)
        for info in infos:
            if info.type.name == "Directory" and "=" not in info.path.rsplit("/", 1)[-1]:
                fs.delete_dir(info.path)


def contents(root: str | Path, fs: FileSystem | None = None) -> dict[str, pa.Table]:
    return {
        dataset: ds.dataset(f"{root}/{dataset}", format="parquet", filesystem=fs).to_table()
        for dataset in DATASETS
    }


def hive_folders(fs: FileSystem, root: str) -> list[str]:
    infos = fs.get_file_info(FileSelector(root, recursive=True))
    return [i.path for i in infos if "=" in i.path]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two quarters and a bulletin without a period."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("qixia-2024-q2.txt", "qixia-2024-q3.txt"):
        shutil.copy(CORPUS / name, folder / name)
    text = (FIXTURES / "task-allocation.txt").read_text(encoding="utf-8")
    text = text.replace("任务分解表", "进展情况表").replace("完成时限", "完成情况")
    text = text.replace("2024年12月底", "已完成").replace("2024年重点", "重点")
    (folder / "no-period.txt").write_text(text, encoding="utf-8")
    return folder


def change_one_file(corpus: Path) -> None:
    q3 = corpus / "qixia-2024-q3.txt"
    q3.write_text(q3.read_text(encoding="utf-8").replace("已完工62户", "已完工70户"), "utf-8")


def test_a_snapshot_in_the_earlier_layout_is_rewritten_by_an_incremental_run(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    ingest(corpus, out, workers=1)
    current = str((out / ".bulletins" / "current").resolve())
    to_earlier_layout(LocalFileSystem(), current)
    assert (out / "items" / f"year={HIVE_NULL}" / f"quarter={HIVE_NULL}").is_dir()
    earlier = ds.dataset(out / "items", format="parquet", partitioning="hive").count_rows()
    change_one_file(corpus)
    summary = ingest(corpus, out, workers=1)
    assert summary.parsed == 1  # the two others' rows come from the earlier files
    fresh = tmp_path / "fresh"
    ingest(corpus, fresh, workers=1)
    for dataset, table in contents(fresh).items():
        assert contents(out)[dataset].equals(table), dataset
    assert earlier == len(pd.read_parquet(out / "items")) == summary.rows["items"]
    assert hive_folders(LocalFileSystem(), str((out / ".bulletins" / "current").resolve())) == []
    assert sorted(p.name for p in (out / "items").iterdir()) == ["2024-Q2", "2024-Q3", "unknown"]
    assert not leftovers(out)


def test_real_folders_of_the_layout_before_snapshots_are_rewritten(
    corpus: Path, tmp_path: Path
) -> None:
    """The datasets in real folders (no snapshot yet), partitioned by year= and quarter=."""
    written = tmp_path / "written"
    ingest(corpus, written, workers=1)
    to_earlier_layout(LocalFileSystem(), str((written / ".bulletins" / "current").resolve()))
    out = tmp_path / "out"
    for dataset in DATASETS:  # the links followed: real folders
        shutil.copytree(written / dataset, out / dataset)
    summary = ingest(corpus, out, workers=1)
    assert summary.parsed == 0
    for dataset, table in contents(written).items():
        if dataset != "manifest":  # the earlier layout, read with its hive keys
            table = ds.dataset(written / dataset, partitioning="hive").to_table()
        assert contents(out)[dataset].num_rows == table.num_rows > 0, dataset
    fresh = tmp_path / "fresh"
    ingest(corpus, fresh, workers=1)
    for dataset, table in contents(fresh).items():
        assert contents(out)[dataset].equals(table), dataset
    assert (out / "items").is_symlink()
    assert hive_folders(LocalFileSystem(), str((out / ".bulletins").resolve())) == []


def test_an_object_store_in_the_earlier_layout_is_rewritten_by_the_journal(
    corpus: Path, tmp_path: Path
) -> None:
    memory = _MockFileSystem()
    ingest(corpus, "bucket/out", workers=1, filesystem=memory)
    to_earlier_layout(memory, "bucket/out")
    assert hive_folders(memory, "bucket/out")
    change_one_file(corpus)
    summary = ingest(corpus, "bucket/out", workers=1, filesystem=memory)
    assert summary.parsed == 1
    fresh = tmp_path / "fresh"
    ingest(corpus, fresh, workers=1)
    for dataset, table in contents(fresh).items():
        assert contents("bucket/out", memory)[dataset].equals(table), dataset
    assert hive_folders(memory, "bucket/out") == []
    infos = memory.get_file_info(FileSelector("bucket/out", recursive=True))
    files = [i.path for i in infos if i.is_file]
    assert "bucket/out/items/unknown/part-0.parquet" in files
    assert not [f for f in files if f.rsplit("/", 1)[-1].startswith(".")]  # no journal left


def test_a_dataset_that_gets_rows_loses_its_empty_file(corpus: Path, tmp_path: Path) -> None:
    """No findings, then findings: the empty file goes, the partitions come, on both commits."""
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(FIXTURES / "kv-form.txt", empty / "kv-form.txt")
    memory = _MockFileSystem()
    for out, fs in ((str(tmp_path / "out"), None), ("bucket/out", memory)):
        ingest(empty, out, workers=1, filesystem=fs)
        assert contents(out, fs)["findings"].num_rows == 0
        ingest(corpus, out, workers=1, filesystem=fs)
        files = [
            i.path
            for i in (fs or LocalFileSystem()).get_file_info(
                FileSelector(f"{out}/findings", recursive=True)
            )
            if i.is_file
        ]
        assert f"{out}/findings/part-0.parquet" not in files
        assert f"{out}/findings/unknown/part-0.parquet" in files
        assert contents(out, fs)["findings"].num_rows > 0
