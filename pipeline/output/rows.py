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
from pipeline.model.schema import SCHEMAS, file_schema, partition_key

DATASET_RECORDS = ("bulletins", "items", "measures", "findings")


@dataclass(frozen=True, slots=True)
class BulletinRows:
    """A parsed bulletin as the writer takes it: each dataset's rows as tuples of field values
    in file-schema order. This, not the records, is what a pool worker sends back: the command
    unpickles plain tuples four times faster than records, and that work competes with the
    workers for the machine's cores."""

    bulletin_id: str
    source_path: str
    partition: str  # 2024-Q2 (`partition_key`)
    rows: tuple[tuple[tuple[Any, ...], ...], ...]  # one tuple of rows per DATASET_RECORDS


def rows_of(parsed: ParsedBulletin) -> BulletinRows:
    bulletin = parsed.bulletin
    items = sorted(parsed.items, key=lambda i: (i.table_index, i.row_index))
    records: tuple[Sequence[Any], ...] = ([bulletin], items, parsed.measures, parsed.findings)
    period = (bulletin.year, bulletin.quarter)
    return BulletinRows(
        bulletin_id=bulletin.bulletin_id,
        source_path=bulletin.source_path,
        partition=partition_key(*period),
        rows=tuple(
            _rows(dataset, of, period) for dataset, of in zip(DATASET_RECORDS, records, strict=True)
        ),
    )


def _rows(
    dataset: str, records: Sequence[Any], period: tuple[int | None, int | None]
) -> tuple[tuple[Any, ...], ...]:
    """The records' values in file-schema order: the period appended where the records do
    not carry it."""
    values = map(field_values(dataset), records)
    if len(file_schema(dataset)) == len(SCHEMAS[dataset]):
        return tuple(values)
    return tuple(v + period for v in values)


@functools.cache
def field_values(dataset: str) -> Callable[[Any], tuple[Any, ...]]:
    """A record's values, in the order of the dataset's record schema (the file schema
    appends its bulletin's year and quarter to the rows of items, measures and findings)."""
    return operator.attrgetter(*SCHEMAS[dataset].names)


def batch(dataset: str, rows: Sequence[tuple[Any, ...]]) -> pa.RecordBatch:
    schema = file_schema(dataset)
    if not rows:
        return pa.RecordBatch.from_pylist([], schema=schema)
    columns = zip(*rows, strict=True)
    arrays = [pa.array(column, type=f.type) for column, f in zip(columns, schema, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)
