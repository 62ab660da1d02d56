"""Sections on projects: those behind or stalled, those past their deadline and not done, and
a scorecard per responsible unit."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pipeline.report import markup as m
from pipeline.report import svg
from pipeline.report.data import Data, period_order

BEHIND = ("behind", "severely_behind")
FINISHED = ("done", "mostly_done", "not_applicable")
FLAGS = {"behind": "#f0a030", "severely_behind": "#d64541", "stalled": "#5b4636"}
SCORE = {"done": "#1b7f3b", "other": "#c5cbd3", "behind": "#d64541"}


def _units(value: object) -> list[str]:
    if value is None or isinstance(value, float):
        return []
    return [str(unit) for unit in list(value)]  # type: ignore[call-overload]


def _doc(row: pd.Series) -> m.Cell:
    return m.link("doc", row["bulletin_id"], row["who"])


def behind_section(data: Data) -> str:
    items = data.items
    late = items[items["status"].isin(BEHIND) | items["stalled"].fillna(False).astype(bool)]
    rows = []
    for period in period_order(late["period"]):
        here = late[late["period"] == period]
        counts = {status: float((here["status"] == status).sum()) for status in BEHIND}
        rows.append((period, {**counts, "stalled": float(here["stalled"].fillna(False).sum())}))
    chart = ""
    if rows:
        bars = svg.grouped(rows, list(FLAGS), FLAGS, label="projects behind per period")
        chart = m.figure("behind", bars, "Items behind, severely behind and stalled, per period.")
    late = late.sort_values(["period", "who", "seq"], kind="stable")
    lines = [
        [r["period"], _doc(r), m.num(r["seq"]), r["name"], r["status"],
         r["stalled_phrase"] if r["stalled"] else "", r["progress"], r["deadline"],
         _units(r["units_norm"])]
        for _, r in late.head(m.MAX_ROWS).iterrows()
    ]  # fmt: skip
    headers = ["period", "issuer", "seq", "name", "status", "stalled", "progress", "deadline"]
    return m.section(
        "behind",
        "Projects behind, severely behind or stalled",
        m.note(f"{len(late):,} items: status behind or severely_behind, or progress text that"
               " says the work has stopped (stalled)."),
        chart,
        m.table([*headers, "responsible units"], lines, name="behind", total=len(late)),
    )  # fmt: skip


def overdue(data: Data) -> pd.DataFrame:
    """Items whose deadline is before the date they report on (their as-of date, else the end
    of the bulletin's period, else its issue date) and whose status is not done."""
    items = data.items
    bulletins = data.bulletins.set_index("bulletin_id")
    fallback = bulletins["period_end"].where(
        bulletins["period_end"].notna(), bulletins["issued_on"]
    )
    reference = items["as_of"].where(items["as_of"].notna(), items["bulletin_id"].map(fallback))
    known = items["deadline"].notna() & reference.notna()
    late = pd.Series(
        [
            bool(ok) and _date(d) < _date(r)
            for ok, d, r in zip(known, items["deadline"], reference, strict=True)
        ],
        index=items.index,
        dtype=bool,
    )
    chosen = items[late & ~items["status"].isin(FINISHED)].copy()
    chosen["reference"] = reference[chosen.index]
    return chosen.sort_values(["period", "who", "deadline"], kind="stable")


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def overdue_section(data: Data) -> str:
    late = overdue(data)
    lines = [
        [r["period"], _doc(r), m.num(r["seq"]), r["name"], r["status"], r["deadline"],
         r["reference"], r["progress"], _units(r["units_norm"])]
        for _, r in late.head(m.MAX_ROWS).iterrows()
    ]  # fmt: skip
    headers = ["period", "issuer", "seq", "name", "status", "deadline", "as of", "progress"]
    return m.section(
        "overdue",
        "Past their deadline and not done",
        m.note("Deadline before the date the bulletin reports on (the item's as-of date, else"
               " the end of the period, else the issue date); status not done, mostly_done or"
               f" not_applicable. {len(late):,} items."),
        m.table([*headers, "responsible units"], lines, name="overdue", total=len(late)),
    )  # fmt: skip


def scorecard(data: Data) -> pd.DataFrame:
    items = data.items.assign(unit=data.items["units_norm"].map(_units)).explode("unit")
    items = items[items["unit"].notna()]
    items = items.assign(
        is_behind=items["status"].isin(BEHIND) | items["stalled"].fillna(False).astype(bool),
        is_done=items["status"] == "done",
    )
    grouped = items.groupby("unit")
    frame = pd.DataFrame(
        {
            "projects": grouped["item_id"].nunique(),
            "periods": grouped["period"].nunique(),
            "behind": grouped["is_behind"].mean(),
            "done": grouped["is_done"].mean(),
        }
    )
    return frame.sort_values(["projects", "behind"], ascending=[False, False], kind="stable")


def scorecard_section(data: Data) -> str:
    card = scorecard(data)
    top = card.head(20)
    rows = [
        (str(unit), {"done": r.done, "other": 1 - r.done - r.behind, "behind": r.behind})
        for unit, r in top.iterrows()
    ]
    chart = ""
    if rows:
        ends = [f"{n:,}" for n in top["projects"]]
        bars = svg.stacked(rows, list(SCORE), SCORE, label="scorecard", after=ends)
        chart = m.figure(
            "scorecard",
            bars,
            "Share done and share behind, the 20 units with most projects (their count after"
            " the bar).",
        )
    lines = [
        [unit, m.num(r.projects), m.num(r.periods), m.share(r.behind), m.share(r.done)]
        for unit, r in card.head(m.MAX_ROWS).iterrows()
    ]
    return m.section(
        "scorecard",
        "Scorecard per responsible unit",
        m.note("Per normalised unit (units_norm), all periods: projects (items) it leads or"
               " shares, the periods it appears in, the share behind (behind, severely behind or"
               " stalled) and the share done. An item of several units counts for each."),
        chart,
        m.table(["unit", "projects", "periods", "behind", "done"], lines, name="scorecard",
                total=len(card)),
    )  # fmt: skip
