"""Consistency checks of one bulletin -> findings. Reports; never corrects either side."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from pipeline.model.findings import finding
from pipeline.model.records import Bulletin, Finding, Item
from pipeline.vocab import STATUSES


def validate(bulletin: Bulletin, items: Sequence[Item]) -> list[Finding]:
    checks = (
        _metadata,
        _summary_counts,
        _summary_shares,
        _declared_total,
        _sequence,
        _cells,
    )
    return [found for check in checks for found in check(bulletin, items)]


def _ordered(counts: dict[str, int]) -> dict[str, int]:
    return {s: counts[s] for s in STATUSES if counts.get(s)}


def _describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{status} {n}" for status, n in _ordered(counts).items()) or "nothing"


def _metadata(bulletin: Bulletin, items: Sequence[Item]) -> list[Finding]:
    found = []
    if bulletin.year is None or bulletin.quarter is None:
        found.append(
            finding(
                bulletin.bulletin_id,
                "period_missing",
                "no reporting period (year and quarter) found in the title or narrative;"
                " the rows are written under the unknown partition",
            )
        )
    if bulletin.issued_on is None:
        found.append(finding(bulletin.bulletin_id, "issue_date_missing", "no date of issue found"))
    if bulletin.issuer is None:
        found.append(finding(bulletin.bulletin_id, "issuer_missing", "no issuing office found"))
    return found


def _summary_counts(bulletin: Bulletin, items: Sequence[Item]) -> list[Finding]:
    declared = bulletin.declared_counts
    found: list[Finding] = []
    if not declared:
        return found
    if bulletin.declared_total is not None and sum(declared.values()) != bulletin.declared_total:
        found.append(
            finding(
                bulletin.bulletin_id,
                "summary_counts_do_not_add_up",
                f"the narrative's counts ({_describe(declared)}) add up to "
                f"{sum(declared.values())}, not to its total {bulletin.declared_total}",
                expected=str(bulletin.declared_total),
                observed=str(sum(declared.values())),
            )
        )
    table = dict(Counter(item.status for item in items))
    if bulletin.table_count and _ordered(declared) != _ordered(table):
        found.append(
            finding(
                bulletin.bulletin_id,
                "summary_counts_mismatch",
                f"the narrative says {_describe(declared)}; the table says {_describe(table)}",
                expected=json.dumps(_ordered(declared), sort_keys=True),
                observed=json.dumps(_ordered(table), sort_keys=True),
            )
        )
    return found


# Shares are compared with the table's to this many percentage points (rounding in the text).
SHARE_TOLERANCE = 1.5


def _summary_shares(bulletin: Bulletin, items: Sequence[Item]) -> list[Finding]:
    shares = bulletin.declared_shares
    if not shares or not items or not bulletin.table_count:
        return []  # items read from a list in the prose are not compared, like their counts
    table = {s: 100 * n / len(items) for s, n in Counter(i.status for i in items).items()}
    differ = {
        s: (p, round(table.get(s, 0.0), 1))
        for s, p in shares.items()
        if abs(p - table.get(s, 0.0)) > SHARE_TOLERANCE
    }
    if not differ:
        return []
    said = ", ".join(f"{s} {p:g}%" for s, p in shares.items())
    return [
        finding(
            bulletin.bulletin_id,
            "summary_shares_mismatch",
            f"the narrative's shares ({said}) differ from the table's: "
            + ", ".join(f"{s} {t:g}%" for s, (_, t) in differ.items()),
            expected=json.dumps(shares, sort_keys=True),
            observed=json.dumps({s: t for s, (_, t) in differ.items()}, sort_keys=True),
        )
    ]


def _declared_total(bulletin: Bulletin, items: Sequence[Item]) -> list[Finding]:
    total = bulletin.declared_total
    if total is None or total == len(items) or not bulletin.table_count:
        return []
    return [
        finding(
            bulletin.bulletin_id,
            "declared_total_mismatch",
            f"the narrative announces {total} items; the table has {len(items)} rows",
            expected=str(total),
            observed=str(len(items)),
        )
    ]


def _sequence(bulletin: Bulletin, items: Sequence[Item]) -> list[Finding]:
    found = []
    by_table: dict[int, list[Item]] = {}
    for item in items:
        by_table.setdefault(item.table_index, []).append(item)
    for table_items in by_table.values():
        numbers = [item.seq for item in table_items if item.seq is not None]
        for item in table_items:
            # a missing number matters only in a numbered table
            if numbers and item.seq is None and item.parent_seq is None:
                found.append(
                    finding(
                        bulletin.bulletin_id,
                        "seq_missing",
                        f"row {item.row_index} ('{item.name[:20]}') has no sequence number",
                        line=item.line,
                        item_id=item.item_id,
                    )
                )
        for seq, count in sorted(Counter(numbers).items()):
            if count > 1:
                found.append(
                    finding(
                        bulletin.bulletin_id,
                        "seq_duplicate",
                        f"sequence number {seq} appears {count} times",
                        seq=seq,
                        observed=str(count),
                    )
                )
        if numbers:
            expected = set(range(min(numbers), max(numbers) + 1))
            missing = sorted(expected - set(numbers))
            if missing:
                found.append(
                    finding(
                        bulletin.bulletin_id,
                        "seq_gap",
                        f"sequence numbers missing: {', '.join(map(str, missing))}",
                        expected=f"{min(numbers)}-{max(numbers)}",
                        observed=",".join(map(str, missing)),
                    )
                )
    return found


def _cells(bulletin: Bulletin, items: Sequence[Item]) -> list[Finding]:
    found = []
    for item in items:
        seq, line, item_id = item.seq, item.line, item.item_id
        if not item.name:
            found.append(
                finding(
                    bulletin.bulletin_id,
                    "empty_cell",
                    "the item name is empty",
                    seq=seq,
                    line=line,
                    item_id=item_id,
                )
            )
        if item.status == "unknown" and item.status_raw:
            found.append(
                finding(
                    bulletin.bulletin_id,
                    "status_unknown",
                    f"status label '{item.status_raw}' is not in the vocabulary"
                    " (add it to pipeline/vocab/statuses.toml)",
                    observed=item.status_raw,
                    seq=seq,
                    line=line,
                    item_id=item_id,
                )
            )
        elif item.status == "unknown":
            found.append(
                finding(
                    bulletin.bulletin_id,
                    "status_missing",
                    "no status for this item",
                    seq=seq,
                    line=line,
                    item_id=item_id,
                )
            )
    return found
