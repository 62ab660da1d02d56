"""The rows of the `timeline` dataset, from the bulletins and items of the whole output.

Only bulletins counted once are followed: those with a programme_key and no duplicate_of (a
copy's items are those of the copy counted, in the same order: its document_key says so, so an
item of a copy is the timeline row of the item at the same position in the copy counted). The
bulletins of a programme are ordered by period_end, then issued_on, then bulletin_id; the items
of consecutive bulletins are linked by `pipeline.output.linking`.

The findings across periods are codes of the findings catalogue in each row's `findings`:
`status_regressed` and `deadline_later` on the later row of a pair, `project_appeared` on the
first row of a project that starts after the programme's first bulletin, `project_vanished` on
the last row of a project not done that the programme's last bulletin no longer lists, and
`declared_total_changed` on every row of a bulletin whose declared total differs from the one
of the bulletin before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import pyarrow as pa

from pipeline.model.records import TimelineRow
from pipeline.model.schema import file_schema, partition_key
from pipeline.output.linking import Entry, Link, link_programme

BULLETIN_COLUMNS = (
    "bulletin_id",
    "duplicate_of",
    "programme_key",
    "period_end",
    "issued_on",
    "year",
    "quarter",
    "declared_total",
)
ITEM_COLUMNS = (
    "bulletin_id",
    "item_id",
    "seq",
    "name",
    "name_norm",
    "target",
    "status",
    "status_source",
    "completion_ratio",
    "deadline",
    "as_of",
)
# Statuses from worst to best (a project moving down this scale regressed); the others
# (not_applicable, unknown) are never compared.
_RANK = {
    "not_started": 0,
    "not_done": 0,
    "severely_behind": 0,
    "behind": 1,
    "in_progress": 2,
    "on_track": 2,
    "ahead": 2,
    "mostly_done": 3,
    "done": 4,
}
_DONE = ("done", "not_applicable")

Row = dict[str, Any]


def timeline_rows(bulletins: Iterable[Row], items: Iterable[Row]) -> dict[str, pa.Table]:
    """The timeline's rows by partition (2024-Q2), each partition's rows in programme order."""
    programmes: dict[str, list[Row]] = defaultdict(list)
    for bulletin in bulletins:
        if bulletin.get("programme_key") and bulletin.get("duplicate_of") is None:
            programmes[bulletin["programme_key"]].append(bulletin)
    items_of: dict[str, list[Row]] = defaultdict(list)
    for item in items:
        items_of[item["bulletin_id"]].append(item)
    parts: dict[str, list[Row]] = defaultdict(list)
    for key in sorted(programmes):
        series = sorted(programmes[key], key=_order)
        for bulletin, rows in zip(series, _programme(series, items_of), strict=True):
            parts[partition_key(bulletin["year"], bulletin["quarter"])] += rows
    schema = file_schema("timeline")
    for rows in parts.values():
        for row in rows:
            TimelineRow(**row)  # the record's fields, every one
    return {key: pa.Table.from_pylist(rows, schema=schema) for key, rows in parts.items()}


def _order(bulletin: Row) -> tuple[bool, date, bool, date, str]:
    end, issued = bulletin["period_end"], bulletin["issued_on"]
    return (
        end is None,
        end or date.min,
        issued is None,
        issued or date.min,
        bulletin["bulletin_id"],
    )


def _programme(series: list[Row], items_of: dict[str, list[Row]]) -> list[list[Row]]:
    """The rows of each bulletin of one programme."""
    items = [items_of.get(b["bulletin_id"], []) for b in series]
    entries = [
        [Entry(i["item_id"], i["seq"], i["name_norm"], i["target"]) for i in of] for of in items
    ]
    links = link_programme(entries)
    result: list[list[Row]] = []
    for k, bulletin in enumerate(series):
        before = items[k - 1] if k else []
        total_changed = k > 0 and _total_changed(series[k - 1], bulletin)
        rows = []
        for item, link in zip(items[k], links[k], strict=True):
            previous = before[link.previous] if link.previous is not None else None
            row = _row(bulletin, item, link, previous)
            if link.previous is None and k > 0:
                row["findings"].append("project_appeared")
            if total_changed:
                row["findings"].append("declared_total_changed")
            rows.append(row)
        result.append(rows)
    _mark_vanished(result, links)
    return result


def _row(bulletin: Row, item: Row, link: Link, previous: Row | None) -> Row:
    status = item["status"]
    row = {
        "programme_key": bulletin["programme_key"],
        "project_key": link.project_key,
        "period": partition_key(bulletin["year"], bulletin["quarter"]),
        "year": bulletin["year"],
        "quarter": bulletin["quarter"],
        **{name: item[name] for name in ITEM_COLUMNS if name != "target"},
        "previous_status": previous["status"] if previous else None,
        "status_change": f"{previous['status']}→{status}" if previous else None,
        "link_rule": link.rule,
        "link_confidence": link.confidence,
        "findings": [],
    }
    if previous is not None:
        rank, before = _RANK.get(status), _RANK.get(previous["status"])
        if rank is not None and before is not None and rank < before:
            row["findings"].append("status_regressed")
        deadline, earlier = item["deadline"], previous["deadline"]
        if deadline is not None and earlier is not None and deadline > earlier:
            row["findings"].append("deadline_later")
    return row


def _total_changed(before: Row, after: Row) -> bool:
    first, second = before["declared_total"], after["declared_total"]
    return first is not None and second is not None and first != second


def _mark_vanished(rows: list[list[Row]], links: list[list[Link]]) -> None:
    """`project_vanished` on the last row of each project the bulletin after no longer lists,
    unless that row says it is done."""
    for k in range(len(rows) - 1):
        followed = {link.previous for link in links[k + 1]}
        for i, row in enumerate(rows[k]):
            if i not in followed and row["status"] not in _DONE:
                row["findings"].append("project_vanished")
