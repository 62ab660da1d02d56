"""The data quality section (files by outcome, findings by check) and the list of documents
every other section links to."""

from __future__ import annotations

import pandas as pd

from pipeline.report import markup as m
from pipeline.report import svg
from pipeline.report.checks import SEVERITY
from pipeline.report.data import Data, counted

OUTCOMES = {"ok": "#1b7f3b", "rejected": "#d64541"}


def quality_section(data: Data) -> str:
    files = data.manifest
    outcome = counted(files, ["status", "reason"])
    file_lines = [[status, reason, m.num(n)] for (status, reason), n in outcome]
    findings = data.findings
    by_check = counted(findings, ["check", "severity"])
    rows: dict[str, dict[str, float]] = {}
    for (check, severity), n in by_check:
        rows.setdefault(check, {})[severity] = float(n)
    order = sorted(rows, key=lambda c: -sum(rows[c].values()))
    chart = ""
    if rows:
        used = [s for s in SEVERITY if any(s in values for values in rows.values())]
        bars = svg.grouped([(c, rows[c]) for c in order], used, SEVERITY, label="findings")
        chart = m.figure("findings", bars, "Findings per check, by severity.")
    check_lines = [[c, s, m.num(n)] for (c, s), n in by_check]
    listed = findings.sort_values(["severity", "check", "who"], kind="stable")
    found_lines = [
        [m.link("doc", r["bulletin_id"], r["who"]), r["period"], r["severity"], r["check"],
         m.num(r["seq"]), r["message"]]
        for _, r in listed.head(m.MAX_ROWS).iterrows()
    ]  # fmt: skip
    return m.section(
        "quality",
        "Data quality",
        "<h3>Files by outcome and rejection reason</h3>",
        m.note(f"The manifest: one row per file read ({len(files):,} files)."),
        m.table(["outcome", "reason", "files"], file_lines, name="files"),
        "<h3>Findings by check and severity</h3>",
        chart,
        m.table(["check", "severity", "findings"], check_lines, name="checks"),
        "<h3>Every finding</h3>",
        m.table(["document", "period", "severity", "check", "seq", "message"], found_lines,
                name="findings", total=len(listed)),
    )  # fmt: skip


def documents_section(data: Data) -> str:
    """One row per bulletin, with the anchor the other sections link to."""
    findings = data.findings.groupby("bulletin_id").size()
    bulletins = data.bulletins.sort_values(["period", "who", "source_path"], kind="stable")
    rows = "".join(
        _document(r, int(findings.get(r["bulletin_id"], 0))) for _, r in bulletins.iterrows()
    )
    head = "".join(
        f"<th>{m.esc(h)}</th>"
        for h in ("period", "issuer", "region", "title", "file", "items", "findings")
    )
    body = (
        f'<div class="scroll"><table data-table="documents"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )
    return m.section(
        "documents",
        "Documents",
        m.note(f"{len(bulletins):,} bulletins, each counted once: copies of a bulletin"
               f" (duplicate_of set) are left out, {data.copies:,} of them."),
        body if rows else m.note("None."),
    )  # fmt: skip


def _document(row: pd.Series, findings: int) -> str:
    cells = [row["period"], row["who"], row["region_norm"] or row["region"], row["title"],
             row["source_path"]]  # fmt: skip
    text = "".join(f"<td>{m.esc(value)}</td>" for value in cells)
    numbers = f'<td class="n">{row["item_count"]}</td><td class="n">{findings}</td>'
    return f'<tr id="{m.anchor("doc", row["bulletin_id"])}">{text}{numbers}</tr>'
