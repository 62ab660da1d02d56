"""Records -> Arrow rows: each parsed bulletin as the tuples of field values of its datasets'
rows, in file-schema order, and record batches made from them."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from pipeline.model.records import ParsedBulletin
from pipeline.model.schema import NULL_PARTITION, PARTITION_COLUMNS, file_schema


def partition_dir(year: int | None, quarter: int | None) -> str:
    """year=2024/quarter=2; Hive's null marker for an unknown period."""
    values = (NULL_PARTITION if v is None else str(v) for v in (year, quarter))
    return "/".join(f"{c}={v}" for c, v in zip(PARTITION_COLUMNS, values, strict=True))


DATASET_RECORDS = ("bulletins", "items", "measures", "findings")



@dataclass(frozen=True, slots=True)
class BulletinRows:
    """A parsed bulletin as the writer takes it: each dataset's rows as tuples of field values
    in file-schema order. This, not the records, is what a pool worker sends back: the command
    unpickles plain tuples four times faster than records, and that work competes with the
    workers for the machine's cores."""

    bulletin_id: str
    source_path: str
    partition: str  # year=2024/quarter=2
    rows: tuple[tuple[tuple[Any, ...], ...], ...]  # one tuple of rows per DATASET_RECORDS


def rows_of(parsed: ParsedBulletin) -> BulletinRows:
    bulletin = parsed.bulletin
    items = sorted(parsed.items, key=lambda i: (i.table_index, i.row_index))
    records: tuple[Sequence[Any], ...] = ([bulletin], items, parsed.measures, parsed.findings)
    return BulletinRows(
        bulletin_id=bulletin.bulletin_id,
        source_path=bulletin.source_path,
        partition=partition_dir(bulletin.year, bulletin.quarter),
        rows=tuple(
            tuple(map(field_values(dataset), of))
            for dataset, of in zip(DATASET_RECORDS, records, strict=True)
        ),
    )


@functools.cache
def field_values(dataset: str) -> Callable[[Any], tuple[Any, ...]]:
    """A record's values, in the order of the dataset's file schema."""
    return operator.attrgetter(*file_schema(dataset).names)


def batch(dataset: str, rows: Sequence[tuple[Any, ...]]) -> pa.RecordBatch:
    schema = file_schema(dataset)
    if not rows:
        return pa.RecordBatch.from_pylist([], schema=schema)
    columns = zip(*rows, strict=True)
    arrays = [pa.array(column, type=f.type) for column, f in zip(columns, schema, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


