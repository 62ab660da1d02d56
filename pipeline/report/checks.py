"""Sections that hold the data against itself: what the narrative declares beside what the
table counts, money and targets against what was done, and the quality of the run."""

from __future__ import annotations

import json

import pandas as pd

from pipeline.report import markup as m
from pipeline.report import svg
from pipeline.report.data import Data

MISMATCHES = ("summary_counts_mismatch", "declared_total_mismatch")
MONEY = ("total_investment", "annual_plan", "completed")
MONEY_COLORS = {"total_investment": "#9cc3e6", "annual_plan": "#3b82c4", "completed": "#1b7f3b"}
SEVERITY = {"error": "#d64541", "warning": "#f0a030", "info": "#9cc3e6"}


def _counts(text: object) -> str:
    """A finding's expected/observed JSON as `done 6, behind 11`; other text as it is."""
    if not isinstance(text, str):
        return ""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    if isinstance(value, dict):
        return ", ".join(f"{key} {count}" for key, count in value.items())
    return str(value)


def _doc(row: pd.Series) -> m.Cell:
    return m.link("doc", row["bulletin_id"], row["who"])


def narrative_section(data: Data) -> str:
    found = data.findings[data.findings["check"].isin(MISMATCHES)]
    bulletins = data.bulletins.set_index("bulletin_id")
    lines = [
        [_doc(r), r["period"], r["check"], _counts(r["expected"]), _counts(r["observed"]),
         m.num(bulletins["declared_total"].get(r["bulletin_id"])),
         m.num(bulletins["item_count"].get(r["bulletin_id"]))]
        for _, r in found.sort_values(["period", "who"], kind="stable").head(m.MAX_ROWS).iterrows()
    ]  # fmt: skip
    headers = ["bulletin", "period", "check", "narrative says", "table counts"]
    return m.section(
        "narrative",
        "Narrative vs table",
        m.note(f"Every {' and '.join(MISMATCHES)} finding ({len(found):,}): the counts the"
               " bulletin's text declares beside those of its table."),
        m.table([*headers, "declared total", "table items"], lines, name="narrative",
                total=len(found)),
    )  # fmt: skip


def money(data: Data) -> pd.DataFrame:
    """Per sector (the items' category): the sums of the money roles, in yuan."""
    measures = data.measures[data.measures["role"].isin(MONEY) & (data.measures["unit"] == "CNY")]
    sector = data.items.set_index("item_id")["category"]
    measures = measures.assign(sector=measures["item_id"].map(sector).fillna("(no sector)"))
    frame = measures.pivot_table(
        index="sector", columns="role", values="value", aggfunc="sum", fill_value=0.0
    )
    for role in MONEY:
        if role not in frame:
            frame[role] = 0.0
    return frame[list(MONEY)].sort_values("annual_plan", ascending=False, kind="stable")


def targets(data: Data) -> pd.DataFrame:
    """Per sector and unit: the target quantities set, those achieved, and their ratio."""
    measures = data.measures[data.measures["role"].isin(("target_quantity", "achieved_quantity"))]
    sector = data.items.set_index("item_id")["category"]
    measures = measures.assign(sector=measures["item_id"].map(sector).fillna("(no sector)"))
    frame = measures.pivot_table(
        index=["sector", "unit"], columns="role", values="value", aggfunc="sum", fill_value=0.0
    )
    if not {"target_quantity", "achieved_quantity"} <= set(frame.columns):
        columns = ["sector", "unit", "target_quantity", "achieved_quantity", "ratio"]
        return pd.DataFrame(columns=columns).set_index(["sector", "unit"])
    frame = frame[(frame["target_quantity"] > 0) & (frame["achieved_quantity"] > 0)]
    return frame.assign(ratio=frame["achieved_quantity"] / frame["target_quantity"])


def money_section(data: Data) -> str:
    sums = money(data)
    completion = data.items.groupby(data.items["category"].fillna("(no sector)"))
    ratio = completion["completion_ratio"].mean()
    rows: list[tuple[str, dict[str, float]]] = [
        (str(s), {str(k): float(v) / 1e4 for k, v in r.items() if v}) for s, r in sums.iterrows()
    ]
    chart = ""
    if rows:
        bars = svg.grouped(rows, list(MONEY), MONEY_COLORS, label="money by sector")
        chart = m.figure("money", bars, "Money by sector, in 万元 (10,000 yuan).")
    lines = [
        [sector, *(m.num(r[k] / 1e4, 1) for k in MONEY),
         m.share(r["completed"] / r["annual_plan"] if r["annual_plan"] else None),
         m.share(r["completed"] / r["total_investment"] if r["total_investment"] else None),
         m.share(ratio.get(sector))]
        for sector, r in sums.iterrows()
    ]  # fmt: skip
    goals = [
        [r.sector, r.unit, m.num(r.target_quantity, 1), m.num(r.achieved_quantity, 1),
         m.share(r.ratio)]
        for r in targets(data).reset_index().itertuples()
    ]  # fmt: skip
    headers = ["sector", "total investment 万元", "annual plan 万元", "completed 万元"]
    return m.section(
        "money",
        "Money and targets by sector",
        m.note("Measures by role (measures.role) summed per sector (items.category); completion"
               " ratios: completed ÷ annual plan, completed ÷ total investment, and the mean of"
               " the items' completion_ratio."),
        chart,
        m.table([*headers, "of plan", "of investment", "items' mean"], lines, name="money"),
        "<h3>Targets</h3>",
        m.note("Target and achieved quantities summed per sector and unit, where both are given."),
        m.table(["sector", "unit", "target", "achieved", "ratio"], goals, name="targets"),
    )  # fmt: skip
