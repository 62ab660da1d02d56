"""Items -> items with their numbers read: quantities (the `measures` rows), deadline, as-of
date, completion ratio, stalled flag and sector. One pure stage after row assembly."""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal

from pipeline.model.findings import finding
from pipeline.model.records import Finding, Item, ItemDraft, Measure
from pipeline.text.cache import per_cell
from pipeline.values.completion import completion_of, stalled_phrase
from pipeline.values.dates import DateRef, as_of_of, find_dates
from pipeline.values.dates import deadline_of as find_deadline
from pipeline.values.organisations import units_norm
from pipeline.values.quantities import Quantity, find_quantities
from pipeline.values.roles import roles_of
from pipeline.values.sectors import sector_of

FIELDS = ("target", "progress")

# What is read from one cell alone (quantities, dates) or from a name and target (sector) is
# kept for recent cells (pipeline.text.cache).


@per_cell
def _quantities(cell: str) -> tuple[Quantity, ...]:
    return tuple(find_quantities(cell))


@per_cell
def _dates(cell: str, year: int | None) -> tuple[DateRef, ...]:
    return tuple(find_dates(cell, year))


_sector = per_cell(sector_of)


def enrich(
    item: ItemDraft, year: int | None, item_id: str
) -> tuple[Item, list[Measure], list[Finding]]:
    """The item of a draft, with its measures and the findings about them, all under
    `item_id` (pipeline.values.keys); cells without a year take `year`."""
    cells = {"target": item.target, "progress": item.progress}
    quantities = {field: _quantities(cells[field] or "") for field in FIELDS}
    measures = [
        _measure(item, item_id, field, q, role)
        for field in FIELDS
        for q, role in zip(
            quantities[field], roles_of(cells[field] or "", field, quantities[field]), strict=True
        )
    ]
    dates = {field: _dates(cells[field] or "", year) for field in FIELDS}
    measures += [_date_measure(item, item_id, f, ref) for f in FIELDS for ref in dates[f]]
    measures.sort(key=lambda m: (FIELDS.index(m.field), m.start))
    findings = [_unknown_unit(item, m) for m in measures if m.dimension is None]
    deadline = find_deadline(item.target, year, dates["target"])
    as_of = as_of_of(item.progress, year, dates["progress"])
    done = completion_of(item.target, item.progress, quantities["target"], quantities["progress"])
    ratio, method, target_raw, progress_raw = None, None, None, None
    if item.rate is not None:
        ratio, method = item.rate, "rate_column"
    elif done is not None:
        ratio = float(round(done.ratio, 6))
        method = done.method
        target_raw = done.target.raw if done.target else None
        progress_raw = done.progress.raw
    stalled = stalled_phrase(item.progress)
    enriched = Item(
        **{field.name: getattr(item, field.name) for field in fields(ItemDraft)},
        item_id=item_id,
        units_norm=units_norm(item.units),
        deadline=deadline.end if deadline else None,
        deadline_precision=deadline.precision if deadline else None,
        deadline_raw=deadline.raw if deadline else None,
        as_of=as_of.end if as_of else None,
        as_of_precision=as_of.precision if as_of else None,
        completion_ratio=ratio,
        completion_method=method,
        completion_target=target_raw,
        completion_progress=progress_raw,
        stalled=stalled is not None,
        stalled_phrase=stalled,
        category=_sector(item.name, item.target),
    )
    return enriched, measures, findings


def _date_measure(item: ItemDraft, item_id: str, field: str, ref: DateRef) -> Measure:
    return Measure(
        bulletin_id=item.bulletin_id,
        item_id=item_id,
        seq=item.seq,
        field=field,
        raw=ref.raw,
        value=None,
        value_min=None,
        value_max=None,
        unit=None,
        unit_raw=ref.raw,
        dimension="date",
        qualifier=None,
        role=None,
        start=ref.span[0],
        end=ref.span[1],
        date_start=ref.start,
        date_end=ref.end,
        precision=ref.precision,
    )


def _unknown_unit(item: ItemDraft, measure: Measure) -> Finding:
    return finding(
        item.bulletin_id,
        "unit_unknown",
        f"{measure.field} quantity '{measure.raw}' has no unit this tool knows (add it"
        " to pipeline/vocab/units.toml); kept with its raw text",
        seq=item.seq,
        observed=measure.raw,
        line=item.line,
        item_id=measure.item_id,
    )


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _measure(item: ItemDraft, item_id: str, field: str, q: Quantity, role: str) -> Measure:
    return Measure(
        bulletin_id=item.bulletin_id,
        item_id=item_id,
        seq=item.seq,
        field=field,
        raw=q.raw,
        value=_float(q.value),
        value_min=_float(q.value_min),
        value_max=_float(q.value_max),
        unit=q.unit,
        unit_raw=q.unit_raw,
        dimension=q.dimension,
        qualifier=q.qualifier,
        role=role,
        start=q.start,
        end=q.end,
        date_start=None,
        date_end=None,
        precision=None,
    )
