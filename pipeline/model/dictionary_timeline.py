"""The data dictionary of the `timeline` dataset (`pipeline.model.dictionary` holds the others)."""

from __future__ import annotations

TIMELINE = {
    "programme_key": "the bulletin's programme_key: the series its rows are followed in",
    "project_key": "the same for every row of one project across the bulletins of its"
    " programme: the item_id of the project's first row",
    "period": "the bulletin's period as its partition folder names it: 2024-Q2, 2024 (a year"
    " without a quarter)",
    "year": "the bulletin's `year`",
    "quarter": "the bulletin's `quarter`",
    "bulletin_id": "the bulletin the row is read from: the copy counted (duplicate_of null)",
    "item_id": "the item the row is, in `items`",
    "seq": "the item's number in this bulletin (renumbered lists keep one project_key)",
    "name": "the item's name, as in `items`",
    "name_norm": "the item's name_norm, as in `items`",
    "status": "the item's status, as in `items`",
    "status_source": "where the status was read, as in `items`",
    "completion_ratio": "as in `items`",
    "deadline": "as in `items`",
    "as_of": "as in `items`",
    "previous_status": "the project's status in the programme's bulletin before; null in its"
    " first row",
    "status_change": "`previous→status` (behind→on_track, done→done); null in the project's"
    " first row",
    "link_rule": "how the row was linked to the one before: `same_name` (equal name_norm),"
    " `similar_name` (jieba tokens or characters of the names mostly shared), `same_target`"
    " (a renamed item: its target text and number are the same); `new` for a project's first"
    " row (the programme's first bulletin, or an item matching no item of the one before)",
    "link_confidence": "the link's score, 0.5 to 1 (names, targets and numbers compared); null"
    " for `new`",
    "findings": "codes of the findings catalogue about the project across periods"
    " (project_vanished, project_appeared, status_regressed, deadline_later,"
    " declared_total_changed)",
}
