"""Arrow schemas, one per dataset, declared once. Written with these types: nothing inferred.

Field names and order follow the records in `pipeline/records.py` (a test checks they agree).
Partitioned datasets are stored in one folder per reporting period, named by a plain string
(`2024-Q2`, `2024` for a year without a quarter, `unknown`), with no `=` in it: no reader
adds a partition column, so every reader sees the file schema and its types alone. `year`
(int16) and `quarter` (int8) are columns of every partitioned dataset's files (`file_schema`).
Every field carries its description (`pipeline/model/dictionary.py`) as Arrow field metadata,
which the Parquet files keep.
"""

from __future__ import annotations

import functools
import json

import pyarrow as pa

from pipeline.model.dictionary import DESCRIPTION_KEY, PERIOD, described

PARTITION_COLUMNS = ("year", "quarter")  # the period a partition folder is named after
UNKNOWN_PERIOD = "unknown"  # the folder of the bulletins whose period could not be read
# The layout written before: hive keys `year=YYYY/quarter=Q`, with Hive's null marker for an
# unknown period. A run that finds it rewrites every partition in the current layout.
LEGACY_NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"

_STRINGS = pa.list_(pa.string())

BULLETINS = pa.schema(
    [
        pa.field("bulletin_id", pa.string(), nullable=False),
        pa.field("document_key", pa.string(), nullable=False),
        pa.field("duplicate_of", pa.string()),
        pa.field("programme_key", pa.string()),
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("source_format", pa.string(), nullable=False),
        pa.field("source_sha256", pa.string(), nullable=False),
        pa.field("source_encoding", pa.string()),
        pa.field("title", pa.string()),
        pa.field("issuer", pa.string()),
        pa.field("region", pa.string()),
        pa.field("issuer_norm", pa.string()),
        pa.field("region_norm", pa.string()),
        pa.field("issued_on", pa.date32()),
        pa.field("period_label", pa.string()),
        pa.field("period_start", pa.date32()),
        pa.field("period_end", pa.date32()),
        pa.field("year", pa.int16()),
        pa.field("quarter", pa.int8()),
        pa.field("script", pa.string()),
        pa.field("declared_total", pa.int32()),
        pa.field("declared_counts", pa.map_(pa.string(), pa.int32()), nullable=False),
        pa.field("declared_shares", pa.map_(pa.string(), pa.float64()), nullable=False),
        pa.field("narrative", pa.string(), nullable=False),
        pa.field("item_count", pa.int32(), nullable=False),
        pa.field("table_count", pa.int32(), nullable=False),
        pa.field("parser_version", pa.string(), nullable=False),
    ]
)

ITEMS = pa.schema(
    [
        pa.field("bulletin_id", pa.string(), nullable=False),
        pa.field("seq", pa.int32()),
        pa.field("seq_raw", pa.string()),
        pa.field("parent_seq", pa.int32()),
        pa.field("group", pa.string()),
        pa.field("name", pa.string(), nullable=False),
        pa.field("target", pa.string()),
        pa.field("progress", pa.string()),
        pa.field("units", _STRINGS, nullable=False),
        pa.field("units_raw", pa.string()),
        pa.field("people", _STRINGS, nullable=False),
        pa.field("remark", pa.string()),
        pa.field("status_raw", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("status_source", pa.string()),
        pa.field("rate", pa.float64()),
        pa.field("name_norm", pa.string(), nullable=False),
        pa.field("table_index", pa.int32(), nullable=False),
        pa.field("table_title", pa.string()),
        pa.field("row_index", pa.int32(), nullable=False),
        pa.field("line", pa.int32()),
        pa.field("page", pa.int32()),
        pa.field("item_id", pa.string(), nullable=False),
        pa.field("units_norm", _STRINGS, nullable=False),
        pa.field("deadline", pa.date32()),
        pa.field("deadline_precision", pa.string()),
        pa.field("deadline_raw", pa.string()),
        pa.field("as_of", pa.date32()),
        pa.field("as_of_precision", pa.string()),
        pa.field("completion_ratio", pa.float64()),
        pa.field("completion_method", pa.string()),
        pa.field("completion_target", pa.string()),
        pa.field("completion_progress", pa.string()),
        pa.field("stalled", pa.bool_(), nullable=False),
        pa.field("stalled_phrase", pa.string()),
        pa.field("category", pa.string()),
    ]
)

MEASURES = pa.schema(
    [
        pa.field("bulletin_id", pa.string(), nullable=False),
        pa.field("item_id", pa.string(), nullable=False),
        pa.field("seq", pa.int32()),
        pa.field("field", pa.string(), nullable=False),
        pa.field("raw", pa.string(), nullable=False),
        pa.field("value", pa.float64()),
        pa.field("value_min", pa.float64()),
        pa.field("value_max", pa.float64()),
        pa.field("unit", pa.string()),
        pa.field("unit_raw", pa.string(), nullable=False),
        pa.field("dimension", pa.string()),
        pa.field("qualifier", pa.string()),
        pa.field("role", pa.string()),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
        pa.field("date_start", pa.date32()),
        pa.field("date_end", pa.date32()),
        pa.field("precision", pa.string()),
    ]
)

FINDINGS = pa.schema(
    [
        pa.field("bulletin_id", pa.string(), nullable=False),
        pa.field("seq", pa.int32()),
        pa.field("check", pa.string(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
        pa.field("expected", pa.string()),
        pa.field("observed", pa.string()),
        pa.field("line", pa.int32()),
        pa.field("item_id", pa.string()),
    ]
)

MANIFEST = pa.schema(
    [
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("source_sha256", pa.string()),
        pa.field("source_format", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("reason", pa.string()),
        pa.field("message", pa.string()),
        pa.field("bulletin_id", pa.string()),
        pa.field("item_count", pa.int32(), nullable=False),
        pa.field("finding_count", pa.int32(), nullable=False),
        pa.field("parser_version", pa.string(), nullable=False),
        pa.field("parser_fingerprint", pa.string()),
        pa.field("timeout_seconds", pa.float64()),
        pa.field("max_memory_mib", pa.int32()),
    ]
)

# Derived from the other datasets after each run (pipeline.output.timeline), one row per
# project per bulletin of a programme; `year` and `quarter` are fields of its own records.
TIMELINE = pa.schema(
    [
        pa.field("programme_key", pa.string(), nullable=False),
        pa.field("project_key", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("year", pa.int16()),
        pa.field("quarter", pa.int8()),
        pa.field("bulletin_id", pa.string(), nullable=False),
        pa.field("item_id", pa.string(), nullable=False),
        pa.field("seq", pa.int32()),
        pa.field("name", pa.string(), nullable=False),
        pa.field("name_norm", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("status_source", pa.string()),
        pa.field("completion_ratio", pa.float64()),
        pa.field("deadline", pa.date32()),
        pa.field("as_of", pa.date32()),
        pa.field("previous_status", pa.string()),
        pa.field("status_change", pa.string()),
        pa.field("link_rule", pa.string(), nullable=False),
        pa.field("link_confidence", pa.float64()),
        pa.field("findings", _STRINGS, nullable=False),
    ]
)

_PERIOD = tuple(
    pa.field(name, kind).with_metadata({DESCRIPTION_KEY: PERIOD[name].encode("utf-8")})
    for name, kind in (("year", pa.int16()), ("quarter", pa.int8()))
)

SCHEMAS = {
    "bulletins": BULLETINS,
    "items": ITEMS,
    "measures": MEASURES,
    "findings": FINDINGS,
    "manifest": MANIFEST,
    "timeline": TIMELINE,
}
# Each field described (its metadata), in these schemas and in every file written with them.
SCHEMAS = {name: described(name, schema) for name, schema in SCHEMAS.items()}
BULLETINS, ITEMS, MEASURES = SCHEMAS["bulletins"], SCHEMAS["items"], SCHEMAS["measures"]
FINDINGS, MANIFEST = SCHEMAS["findings"], SCHEMAS["manifest"]
TIMELINE = SCHEMAS["timeline"]
PARTITIONED = ("bulletins", "items", "measures", "findings")
# Partitioned like those, but computed from them over the whole output at each commit.
DERIVED = ("timeline",)


def partition_key(year: int | None, quarter: int | None) -> str:
    """The folder of a period's partition: 2024-Q2, 2024 (no quarter), unknown."""
    if year is None:
        return UNKNOWN_PERIOD
    return str(year) if quarter is None else f"{year}-Q{quarter}"


@functools.cache
def file_schema(dataset: str) -> pa.Schema:
    """The schema of the Parquet files themselves: the record's fields, then the period's
    `year` and `quarter` for the partitioned datasets whose records do not carry them."""
    schema: pa.Schema = SCHEMAS[dataset]
    if dataset in PARTITIONED:
        for field in _PERIOD:
            if schema.get_field_index(field.name) < 0:
                schema = schema.append(field)
    return schema.with_metadata({"pandas": json.dumps(_pandas_metadata(schema))})


def _pandas_metadata(schema: pa.Schema) -> dict[str, object]:
    """What pandas reads integer columns as: its nullable integers (Int16, Int32), whether or
    not the rows hold a null, instead of int32 without nulls and float64 with them."""
    columns = [
        {
            "name": f.name,
            "field_name": f.name,
            "pandas_type": str(f.type),
            "numpy_type": str(f.type).capitalize(),
            "metadata": None,
        }
        for f in schema
        if pa.types.is_integer(f.type)
    ]
    return {"index_columns": [], "column_indexes": [], "columns": columns}
