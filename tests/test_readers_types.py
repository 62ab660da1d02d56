"""Every reader reads every dataset with the same columns and types: pandas (its default
backend and `dtype_backend="pyarrow"`), pyarrow.dataset (with and without hive partitioning),
DuckDB and Polars, on a corpus where one bulletin has no period, one where no bulletin has a
period, and one without findings. The table below is the one in the README ("Reading the
data")."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from pipeline.model.schema import file_schema
from pipeline.run.ingest import ingest
from tests.conftest import CORPUS, FIXTURES

DATASETS = ("bulletins", "items", "measures", "findings", "manifest", "timeline")
# The timeline's rows (the run reports the others): the items of the bulletins with a period.
TIMELINE_ROWS = {"one_without_period": 60, "only_without_period": 0, "no_findings": 5}

# Arrow type of the files -> what pandas (default backend), DuckDB and Polars return for it.
# pandas with dtype_backend="pyarrow" and pyarrow.dataset return the Arrow type itself.
_STR = "str" if int(pd.__version__.split(".")[0]) >= 3 else "object"
TYPES = {
    "string": (_STR, "VARCHAR", "String"),
    "int8": ("Int8", "TINYINT", "Int8"),
    "int16": ("Int16", "SMALLINT", "Int16"),
    "int32": ("Int32", "INTEGER", "Int32"),
    "double": ("float64", "DOUBLE", "Float64"),
    "bool": ("bool", "BOOLEAN", "Boolean"),
    "date32[day]": ("object", "DATE", "Date"),
    "list<item: string>": ("object", "VARCHAR[]", "List(String)"),
    "map<string, int32>": ("object", "MAP(VARCHAR, INTEGER)", "Map(String, Int32)"),
    "map<string, double>": ("object", "MAP(VARCHAR, DOUBLE)", "Map(String, Float64)"),
}
_COLUMN = {"pandas": 0, "duckdb": 1, "polars": 2, "polars_scan": 2}

Columns = list[tuple[str, Any]]


def _pandas(path: Path) -> tuple[Columns, int]:
    frame = pd.read_parquet(path)
    return [(c, str(t)) for c, t in frame.dtypes.items()], len(frame)


def _pandas_arrow(path: Path) -> tuple[Columns, int]:
    frame = pd.read_parquet(path, dtype_backend="pyarrow")
    return [(c, t.pyarrow_dtype) for c, t in frame.dtypes.items()], len(frame)


def _pyarrow(path: Path, partitioning: str | None = None) -> tuple[Columns, int]:
    table = ds.dataset(path, format="parquet", partitioning=partitioning).to_table()
    return [(f.name, f.type) for f in table.schema], table.num_rows


def _duckdb(path: Path) -> tuple[Columns, int]:
    relation = duckdb.sql(f"select * from read_parquet('{path}/**/*.parquet')")
    columns = [(c, str(t)) for c, t in zip(relation.columns, relation.types, strict=True)]
    return columns, len(relation.fetchall())


def _polars(path: Path) -> tuple[Columns, int]:
    frame = pl.read_parquet(f"{path}/**/*.parquet")
    return [(c, str(t)) for c, t in frame.schema.items()], frame.height


def _polars_scan(path: Path) -> tuple[Columns, int]:
    frame = pl.scan_parquet(f"{path}/**/*.parquet").collect()
    return [(c, str(t)) for c, t in frame.schema.items()], frame.height


READERS: dict[str, Callable[[Path], tuple[Columns, int]]] = {
    "pandas": _pandas,
    "pandas_arrow": _pandas_arrow,
    "pyarrow": _pyarrow,
    "pyarrow_hive": lambda path: _pyarrow(path, "hive"),
    "duckdb": _duckdb,
    "polars": _polars,
    "polars_scan": _polars_scan,
}


def expected(reader: str, dataset: str) -> Columns:
    """The documented columns of a dataset, as `reader` returns them."""
    schema = file_schema(dataset)
    if reader in ("pandas_arrow", "pyarrow", "pyarrow_hive"):
        return [(f.name, f.type) for f in schema]
    return [(f.name, TYPES[str(f.type)][_COLUMN[reader]]) for f in schema]


def _no_period(folder: Path) -> None:
    """A bulletin with a progress table and no period anywhere in its text."""
    text = (FIXTURES / "task-allocation.txt").read_text(encoding="utf-8")
    text = text.replace("任务分解表", "进展情况表").replace("完成时限", "完成情况")
    text = text.replace("2024年12月底", "已完成").replace("2024年重点", "重点")
    (folder / "no-period.txt").write_text(text, encoding="utf-8")


def _corpus(folder: Path, kind: str) -> Path:
    folder.mkdir()
    if kind == "one_without_period":
        for name in ("qixia-2024-q2.txt", "qixia-2024-q3.txt"):
            shutil.copy(CORPUS / name, folder / name)
    if kind != "no_findings":
        _no_period(folder)
    else:  # two bulletins the parser finds nothing wrong with
        for name in ("cumulative-months-rate.txt", "kv-form.txt"):
            shutil.copy(FIXTURES / name, folder / name)
    return folder


CORPORA = ("one_without_period", "only_without_period", "no_findings")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, int]]]:
    """Each corpus ingested once: its output folder and the rows the run says it wrote."""
    runs = {}
    for kind in CORPORA:
        base = tmp_path_factory.mktemp(kind)
        summary = ingest(_corpus(base / "corpus", kind), base / "out", workers=1)
        runs[kind] = (base / "out", summary.rows)
    return runs


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("kind", CORPORA)
def test_every_reader_reads_the_documented_columns_and_every_row(
    outputs: dict[str, tuple[Path, dict[str, int]]], kind: str, dataset: str, reader: str
) -> None:
    out, rows = outputs[kind]
    columns, count = READERS[reader](out / dataset)
    assert columns == expected(reader, dataset)
    assert count == (TIMELINE_ROWS[kind] if dataset == "timeline" else rows[dataset])


def test_the_corpora_hold_what_they_are_named_after(
    outputs: dict[str, tuple[Path, dict[str, int]]],
) -> None:
    def periods(kind: str) -> list[tuple[Any, Any]]:
        table = ds.dataset(outputs[kind][0] / "bulletins").to_table()
        return sorted(
            zip(*table.select(["year", "quarter"]).to_pydict().values(), strict=True), key=str
        )

    assert periods("one_without_period") == [(2024, 2), (2024, 3), (None, None)]
    assert periods("only_without_period") == [(None, None)]
    assert outputs["no_findings"][1]["findings"] == 0
    assert outputs["no_findings"][1]["items"] > 0
    assert all(rows["items"] > 0 for _, rows in outputs.values())


def test_partition_folders_are_plain_period_names(
    outputs: dict[str, tuple[Path, dict[str, int]]],
) -> None:
    """No `=` in a folder name: no reader adds a partition column of its own."""
    out = outputs["one_without_period"][0]
    assert sorted(p.name for p in (out / "items").iterdir()) == ["2024-Q2", "2024-Q3", "unknown"]
    empty = outputs["no_findings"][0] / "findings"
    assert [p.name for p in empty.iterdir()] == ["part-0.parquet"]  # one empty file


def test_the_period_is_in_every_partitioned_row(
    outputs: dict[str, tuple[Path, dict[str, int]]],
) -> None:
    """Each item carries its bulletin's year and quarter, typed, whichever folder it is in."""
    out = outputs["one_without_period"][0]
    items = pl.read_parquet(f"{out}/items/**/*.parquet")
    bulletins = pl.read_parquet(f"{out}/bulletins/**/*.parquet")
    joined = items.join(bulletins, on="bulletin_id", suffix="_bulletin")
    assert joined.height == items.height
    assert (
        joined.filter(pl.col("year").is_null()).height
        == joined.filter(pl.col("year_bulletin").is_null()).height
        > 0
    )
    same = (pl.col("year") == pl.col("year_bulletin")) & (
        pl.col("quarter") == pl.col("quarter_bulletin")
    )
    assert joined.filter(same).height == joined.filter(pl.col("year").is_not_null()).height
    assert items.schema["year"] == pl.Int16 and items.schema["quarter"] == pl.Int8
    assert pa.int16() == ds.dataset(out / "measures").schema.field("year").type
