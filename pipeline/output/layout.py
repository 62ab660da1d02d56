"""The partition files of a dataset, as this version lays them out and as earlier ones did.

    OUT/items/2024-Q2/part-0.parquet              one folder per period (`partition_key`),
                                                  year and quarter inside the files
    OUT/items/part-0.parquet                      an empty file: the dataset holds no rows
    OUT/items/year=2024/quarter=2/part-0.parquet  the earlier layout: hive keys, year and
                                                  quarter in the folder names only

A run that finds files of the earlier layout rewrites every partition in the current one from
their rows (`PartFile.legacy`), so no row is lost and no reader sees both layouts after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.model.schema import LEGACY_NULL_PARTITION, file_schema, partition_key
from pipeline.output.journal import PART_FILE
from pipeline.output.storage import Storage

_LEGACY = re.compile(r"year=([^/=]+)/quarter=([^/=]+)")


@dataclass(frozen=True, slots=True)
class PartFile:
    path: str
    folder: str  # below the dataset's folder: 2024-Q2, year=2024/quarter=2
    key: str  # the partition its rows belong to in the current layout: 2024-Q2
    legacy: tuple[int | None, int | None] | None  # earlier layout: the period of its folder


def part_files(store: Storage, dataset: str) -> list[PartFile]:
    """The partition files of a dataset, in either layout (not the empty file of a dataset
    without rows, nor files that someone else put there)."""
    top = store.path(dataset)
    parts = []
    for path in store.files(top):
        folder = path[len(top) + 1 : -len(PART_FILE) - 1]
        if not path.endswith("/" + PART_FILE) or not folder:
            continue
        legacy = _LEGACY.fullmatch(folder)
        if legacy is not None:
            period = _legacy_value(legacy[1]), _legacy_value(legacy[2])
            parts.append(PartFile(path, folder, partition_key(*period), period))
        elif "/" not in folder and "=" not in folder:
            parts.append(PartFile(path, folder, folder, None))
    return parts


def _legacy_value(text: str) -> int | None:
    return None if text == LEGACY_NULL_PARTITION else int(text)


def read_rows(
    store: Storage, dataset: str, parts: Iterable[PartFile], without: set[str]
) -> pa.Table | None:
    """The rows of partition files in the current file schema, except those of the bulletins
    in `without`; None when there are no files."""
    tables = [read_part(store, dataset, part, without) for part in parts]
    return pa.concat_tables(tables) if tables else None


def read_part(
    store: Storage,
    dataset: str,
    part: PartFile,
    without: set[str] | None = None,
    *,
    conform: bool = True,
) -> pa.Table:
    """A partition file's rows, but those of the bulletins in `without`, in the current file
    schema (with `conform`; else with the columns it has): a file of the earlier layout gets
    the year and quarter its folder names. Rows an earlier version wrote without a column of
    this one cannot be kept (`OutOfDate`): the caller parses their files again first."""
    table = store.read_table(part.path)
    schema = file_schema(dataset)
    if part.legacy is not None:
        for name, value in zip(("year", "quarter"), part.legacy, strict=True):
            if name not in table.column_names:
                field = schema.field(name)
                table = table.append_column(field, pa.array([value] * table.num_rows, field.type))
    if without:
        drop = pa.array(sorted(without), pa.string())
        table = table.filter(pc.invert(pc.is_in(table["bulletin_id"], value_set=drop)))
    if not conform:
        return table
    missing = [name for name in schema.names if name not in table.column_names]
    if missing and table.num_rows:
        raise OutOfDate(f"{part.path}: rows without {', '.join(missing)} (an earlier version's)")
    if missing:
        return schema.empty_table()
    return table.select(schema.names).cast(schema)


class OutOfDate(ValueError):
    """Rows an earlier version wrote, lacking columns of this version, were to be kept."""
