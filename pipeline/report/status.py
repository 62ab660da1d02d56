"""Sections on status: the mix per period and per issuer, and how it moved between periods."""

from __future__ import annotations

import itertools
from collections import Counter

import pandas as pd

from pipeline.model.schema import UNKNOWN_PERIOD
from pipeline.report import markup as m
from pipeline.report import svg
from pipeline.report.data import Data, counted, period_order
from pipeline.vocab import STATUSES

COLORS = {
    "done": "#1b7f3b",
    "mostly_done": "#5cb85c",
    "ahead": "#2aa198",
    "on_track": "#3b82c4",
    "in_progress": "#9cc3e6",
    "behind": "#f0a030",
    "severely_behind": "#d64541",
    "not_started": "#8c6d5a",
    "not_done": "#5b4636",
    "not_applicable": "#c5cbd3",
    "unknown": "#e4e7eb",
    "(none)": "#ffffff",
}
ORDER = [*STATUSES, "(none)"]
TOP = 30  # bars in a chart of issuers


def mix(items: pd.DataFrame, by: str, order: list[str]) -> list[tuple[str, dict[str, float]]]:
    """(key, {status: items}) for each key of `order` that has items."""
    counts: dict[str, dict[str, float]] = {}
    for (key, status), n in counted(items, [by, "status"]):
        counts.setdefault(key, {})[status or "(none)"] = float(n)
    return [(key, counts[key]) for key in order if key in counts]


def _mix_table(rows: list[tuple[str, dict[str, float]]], first: str, name: str) -> str:
    used = [s for s in STATUSES if any(values.get(s) for _, values in rows)]
    lines = []
    for key, values in rows:
        total = sum(values.values())
        lines.append([key, m.num(total), *(m.num(values.get(s, 0)) for s in used)])
    return m.table([first, "items", *used], lines, name=name)


def _bars(rows: list[tuple[str, dict[str, float]]], label: str) -> str:
    return svg.stacked(rows, ORDER, COLORS, label=label)


def mix_section(data: Data) -> str:
    items = data.items
    periods = mix(items, "period", period_order(items["period"]))
    by_count = items["who"].value_counts()
    issuers = mix(items, "who", list(by_count.index))
    return m.section(
        "status",
        "Status mix",
        m.note("Items per status, as shares of each period's and each issuer's items."),
        "<h3>Per period</h3>",
        m.figure("status-by-period", _bars(periods, "status mix per period"),
                 "Items by status, per period (100% bars; the count after each bar)."),
        _mix_table(periods, "period", "status-by-period"),
        "<h3>Per issuer</h3>",
        m.figure("status-by-issuer", _bars(issuers[:TOP], "status mix per issuer"),
                 f"Items by status, per issuer, all periods (the {TOP} issuers with most items"
                 " in the chart, every issuer in the table)."),
        _mix_table(issuers, "issuer", "status-by-issuer"),
    )  # fmt: skip


def transitions(data: Data) -> tuple[list[tuple[str, str, int]], str]:
    """(from, to, items) of the items seen in two consecutive periods, most first, and how they
    were paired: the `timeline` dataset's links, or else items of one issuer with the same
    `name_norm`."""
    if data.timeline is not None and "previous_status" in data.timeline:
        rows = data.timeline[data.timeline["previous_status"].notna()]
        pairs = [(a, b, n) for (a, b), n in counted(rows, ["previous_status", "status"])]
        return pairs, "Pairs from the timeline dataset (its links between periods)."
    how = (
        "OUT has no timeline dataset: an item is paired with the item of the same issuer and"
        " the same normalised name (name_norm) in the issuer's previous period."
    )
    return [(a, b, n) for (a, b), n in _paired_by_name(data.items).most_common()], how


def _paired_by_name(items: pd.DataFrame) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    named = items[items["name_norm"].notna()]
    status: dict[tuple[str, str], dict[str, str]] = {}
    for who, period, name, state in zip(
        named["who"], named["period"], named["name_norm"], named["status"], strict=True
    ):
        status.setdefault((str(who), str(period)), {}).setdefault(str(name), str(state))
    for who in sorted({who for who, _ in status}):
        seen = period_order(pd.Series([period for w, period in status if w == who]))
        periods = [period for period in seen if period != UNKNOWN_PERIOD]
        for before, after in itertools.pairwise(periods):
            old, new = status[(who, before)], status[(who, after)]
            for name in old.keys() & new.keys():
                found[(old[name], new[name])] += 1
    return found


def transitions_section(data: Data) -> str:
    pairs, how = transitions(data)
    counts = {(a, b): n for a, b, n in pairs}
    rows = [s for s in STATUSES if any(a == s for a, _, _ in pairs)]
    columns = [s for s in STATUSES if any(b == s for _, b, _ in pairs)]
    chart = ""
    if counts:
        grid = svg.grid(rows, columns, counts, label="status transitions")
        chart = m.figure(
            "transitions", grid, "Rows: status in the earlier period; columns: in the later."
        )
    lines = [[a, b, "" if a == b else "yes", m.num(n)] for a, b, n in pairs]
    return m.section(
        "transitions",
        "Status transitions between periods",
        m.note(how),
        chart,
        m.table(["from", "to", "changed", "items"], lines, name="transitions"),
    )
