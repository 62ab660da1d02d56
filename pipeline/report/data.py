"""The datasets under OUT as the report reads them: each bulletin once (copies, whose
`duplicate_of` is set, are left out with their rows), narrowed to a period, region or issuer."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.model.schema import UNKNOWN_PERIOD, file_schema, partition_key

DATASETS = ("bulletins", "items", "measures", "findings", "manifest")


@dataclass(frozen=True, slots=True)
class Filters:
    period: str | None = None  # a period folder's name: 2024-Q2, unknown
    region: str | None = None  # as written or normalised
    issuer: str | None = None

    def described(self) -> str:
        parts = [f"{name} {value}" for name, value in self.pairs() if value]
        return "; ".join(parts)

    def pairs(self) -> list[tuple[str, str | None]]:
        return [("period", self.period), ("region", self.region), ("issuer", self.issuer)]


@dataclass(frozen=True, slots=True)
class Data:
    bulletins: pd.DataFrame  # one row per bulletin, copies left out; `period` and `who` added
    items: pd.DataFrame  # with `period` and `who` of their bulletin
    measures: pd.DataFrame
    findings: pd.DataFrame
    manifest: pd.DataFrame
    timeline: pd.DataFrame | None  # the `timeline` dataset, when OUT has one
    copies: int  # bulletins left out as copies of another
    filters: Filters


def read_dataset(out: Path, name: str) -> pd.DataFrame | None:
    """A dataset's rows (every partition), an empty frame for one without rows, None when OUT
    has no such dataset."""
    folder = out / name
    if not folder.exists():
        return None
    files = sorted(folder.rglob("*.parquet"))
    tables = [pq.read_table(path) for path in files]
    tables = [table for table in tables if table.num_columns]
    if not tables:
        return _empty(name)
    table = pa.concat_tables(tables, promote_options="permissive")
    frame: pd.DataFrame = table.to_pandas(types_mapper=_nullable)
    return frame


def _nullable(kind: pa.DataType) -> object:
    """Integers stay integers with nulls (Int32), as the README's pandas examples read them."""
    mapping: dict[pa.DataType, object] = {
        pa.int8(): pd.Int8Dtype(),
        pa.int16(): pd.Int16Dtype(),
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
    }
    return mapping.get(kind)


def _empty(name: str) -> pd.DataFrame:
    try:
        schema = file_schema(name)
    except KeyError:
        return pd.DataFrame()
    frame: pd.DataFrame = schema.empty_table().to_pandas(types_mapper=_nullable)
    return frame


def load(out: Path, filters: Filters) -> Data:
    """The report's rows: bulletins once each, the other datasets' rows of those bulletins."""
    frames = {name: read_dataset(out, name) for name in DATASETS}
    found = {name: frame if frame is not None else _empty(name) for name, frame in frames.items()}
    everyone = _labelled(found["bulletins"])
    originals = everyone[everyone["duplicate_of"].isna()]
    chosen = originals[_matches(originals, filters)]
    ids = set(chosen["bulletin_id"])
    labels = chosen.set_index("bulletin_id")[["period", "who"]]
    timeline = read_dataset(out, "timeline")
    if timeline is not None and filters.described() and "bulletin_id" in timeline:
        timeline = timeline[timeline["bulletin_id"].isin(ids)]  # of the bulletins chosen
    elif timeline is not None and filters.period:
        timeline = timeline[_period_keys(timeline) == filters.period]
    return Data(
        bulletins=chosen.reset_index(drop=True),
        items=_of(found["items"], ids, labels),
        measures=_of(found["measures"], ids, labels),
        findings=_of(found["findings"], ids, labels),
        manifest=_files(found["manifest"], everyone, filters),
        timeline=timeline,
        copies=len(everyone) - len(originals),
        filters=filters,
    )


def _labelled(bulletins: pd.DataFrame) -> pd.DataFrame:
    frame = bulletins.copy()
    frame["period"] = _period_keys(frame)
    issuer = frame["issuer_norm"].fillna(frame["issuer"])
    frame["who"] = issuer.fillna("(issuer unknown)").astype(str)
    return frame


def _period_keys(frame: pd.DataFrame) -> pd.Series:
    keys = [
        partition_key(None if pd.isna(y) else int(y), None if pd.isna(q) else int(q))
        for y, q in zip(frame["year"], frame["quarter"], strict=True)
    ]
    return pd.Series(keys, index=frame.index, dtype=object)


def _matches(bulletins: pd.DataFrame, filters: Filters) -> pd.Series:
    keep = pd.Series(True, index=bulletins.index)
    if filters.period:
        keep &= bulletins["period"] == filters.period
    for name, value in (("region", filters.region), ("issuer", filters.issuer)):
        if value:
            keep &= (bulletins[name] == value) | (bulletins[f"{name}_norm"] == value)
    return keep


def _of(frame: pd.DataFrame, ids: set[str], labels: pd.DataFrame) -> pd.DataFrame:
    rows = frame[frame["bulletin_id"].isin(ids)].copy()
    rows["period"] = rows["bulletin_id"].map(labels["period"])
    rows["who"] = rows["bulletin_id"].map(labels["who"])
    return rows.reset_index(drop=True)


def _files(manifest: pd.DataFrame, everyone: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Every file read; narrowed, those of the bulletins chosen and their copies (a rejected
    file has no bulletin, so no period or issuer: it is left out then)."""
    if not filters.described():
        return manifest
    ids = set(everyone[_matches(everyone, filters)]["bulletin_id"])
    return manifest[manifest["bulletin_id"].isin(ids)].reset_index(drop=True)


def period_order(periods: pd.Series) -> list[str]:
    """Periods in time order, `unknown` last."""
    known = sorted(p for p in set(periods.dropna()) if p != UNKNOWN_PERIOD)
    return known + ([UNKNOWN_PERIOD] if UNKNOWN_PERIOD in set(periods) else [])


def counted(frame: pd.DataFrame, columns: list[str]) -> list[tuple[tuple[str, ...], int]]:
    """Rows per combination of the columns' values (a null as ""), most first."""
    values = frame[columns].astype(object)
    values = values.where(values.notna(), "")
    found = Counter(tuple(map(str, row)) for row in values.itertuples(index=False))
    return found.most_common()
