"""The report as one HTML document: facts at the top, then the sections in order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline import __version__
from pipeline.report import markup as m
from pipeline.report.checks import money_section, narrative_section
from pipeline.report.data import Data, Filters, load, period_order
from pipeline.report.projects import behind_section, overdue_section, scorecard_section
from pipeline.report.quality import documents_section, quality_section
from pipeline.report.status import mix_section, transitions_section

SECTIONS = (
    ("status", "Status mix", mix_section),
    ("transitions", "Status transitions", transitions_section),
    ("behind", "Behind or stalled", behind_section),
    ("overdue", "Past their deadline", overdue_section),
    ("scorecard", "Scorecard per unit", scorecard_section),
    ("narrative", "Narrative vs table", narrative_section),
    ("money", "Money and targets", money_section),
    ("quality", "Data quality", quality_section),
    ("documents", "Documents", documents_section),
)


def build_report(out: Path, filters: Filters, *, today: dt.date | None = None) -> str:
    """The page for the datasets under `out`, narrowed by `filters`."""
    data = load(out, filters)
    body = "".join(make(data) for _, _, make in SECTIONS)
    contents = [(key, title) for key, title, _ in SECTIONS]
    return m.page(
        "督查通报 progress report", _intro(data, today or dt.date.today()), contents, body
    )


def _intro(data: Data, today: dt.date) -> str:
    periods = period_order(data.bulletins["period"])
    facts = [
        ("bulletins", f"{len(data.bulletins):,}"),
        ("items", f"{len(data.items):,}"),
        ("issuers", f"{data.bulletins['who'].nunique():,}"),
        ("periods", _span(periods)),
        ("findings", f"{len(data.findings):,}"),
    ]
    shown = "".join(f"<div><b>{m.esc(value)}</b>{m.esc(name)}</div>" for name, value in facts)
    narrowed = data.filters.described()
    scope = f"Narrowed to {narrowed}. " if narrowed else ""
    return f'<div class="facts">{shown}</div>' + m.note(
        f"{scope}Each bulletin counted once: {data.copies:,} copies of a bulletin"
        " (duplicate_of set) left out with their items, measures and findings."
        f" Made {today.isoformat()} by bulletins {__version__}."
    )


def _span(periods: list[str]) -> str:
    """The periods, or the first and last of many and how many there are."""
    if len(periods) <= 4:
        return ", ".join(periods) or "none"
    return f"{periods[0]} … {periods[-1]} ({len(periods)})"


def write_report(out: Path, html_file: Path, filters: Filters) -> int:
    """Write the page; its size in bytes."""
    text = build_report(out, filters)
    html_file.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    html_file.write_bytes(data)
    return len(data)
