"""Keys that join and de-duplicate: `item_id` (one item) and `document_key` (one bulletin,
whatever its file).

`item_id` is the bulletin's id and the item's place in it: `<bulletin_id>-t<table>-r<row>` for
a row of a progress table (`table_index`, `row_index`: the row's index in its table, header
rows included), `<bulletin_id>-l<list>-e<entry>` for an item listed in the prose of a bulletin
without a table (the list and the item's place in it). The same file read again gives the same
ids; a place met twice (never in the readers as they are) gets `-2`, `-3` after the first.

`document_key` is what two copies of one bulletin share, in any format, script or encoding: a
hash of the issuer and region (`*_norm`), the period (year, quarter, last day) and the items in
order, each as its number and its name's match key. Without items, the narrative's declared
total, counts and shares and the title's match key stand in for them; a bulletin with neither
items nor counts shares its key only with byte-identical copies (its `bulletin_id` is hashed
too), so that bulletins that say nothing comparable are never taken for copies.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from pipeline.model.records import Bulletin, ItemDraft
from pipeline.text.script import match_key

KEY_DIGITS = 16


def item_id(item: ItemDraft) -> str:
    """The item's id before any repeat is told apart (see `item_ids`)."""
    if item.status_source == "narrative":
        return f"{item.bulletin_id}-l{item.table_index}-e{item.row_index}"
    return f"{item.bulletin_id}-t{item.table_index}-r{item.row_index}"


def item_ids(items: Sequence[ItemDraft]) -> list[str]:
    """The ids of a bulletin's items, in order, each one unique."""
    seen: Counter[str] = Counter()
    ids = []
    for item in items:
        base = item_id(item)
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def document_key(bulletin: Bulletin, items: Sequence[ItemDraft]) -> str:
    """The key the copies of one bulletin share (module docstring)."""
    parts: dict[str, Any] = {
        "issuer": bulletin.issuer_norm,
        "region": bulletin.region_norm,
        "year": bulletin.year,
        "quarter": bulletin.quarter,
        "period_end": bulletin.period_end.isoformat() if bulletin.period_end else None,
    }
    if items:
        parts["items"] = [[item.seq, match_key(item.name)] for item in items]
    elif bulletin.declared_counts or bulletin.declared_total is not None:
        parts["total"] = bulletin.declared_total
        parts["counts"] = bulletin.declared_counts
        parts["shares"] = bulletin.declared_shares
        parts["title"] = match_key(bulletin.title) if bulletin.title else None
    else:
        parts["bulletin_id"] = bulletin.bulletin_id
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:KEY_DIGITS]
