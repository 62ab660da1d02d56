"""What `bulletins parse` prints: the JSON object (`parse --json`, the shape of the goldens) or a
readable summary of one bulletin."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any, TextIO

from pipeline.model.records import ParsedBulletin, to_json_dict
from pipeline.text.controls import shown
from pipeline.vocab import STATUSES


def parsed_to_json(parsed: ParsedBulletin) -> dict[str, Any]:
    """The `parse --json` object: field names are the dataset columns."""
    return {
        "bulletin": to_json_dict(parsed.bulletin),
        "items": [to_json_dict(item) for item in parsed.items],
        "measures": [to_json_dict(measure) for measure in parsed.measures],
        "findings": [to_json_dict(finding) for finding in parsed.findings],
    }


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{s} {counts[s]}" for s in STATUSES if counts.get(s)) or "none"


def _pad(text: str, width: int) -> str:
    """Pad to a display width: CJK characters take two columns on a terminal."""
    shown, used = "", 0
    for ch in text:
        size = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + size > width - 2:
            break
        shown, used = shown + ch, used + size
    return shown + " " * (width - used)


def print_summary(parsed: ParsedBulletin, out: TextIO) -> None:
    b = parsed.bulletin
    period = "not found"
    if b.period_label:
        period = f"{b.period_label} = {b.period_start} .. {b.period_end} ({b.year} Q{b.quarter})"
    lines = [
        b.title or "(no title found)",
        f"  issuer     {b.issuer or '-'} ({b.region or 'region unknown'}),"
        f" issued {b.issued_on or '-'}",
        f"  period     {period}",
        f"  source     {b.source_path} ({b.source_format}, {b.source_encoding or '-'}, {b.script})",
        f"  narrative  {b.declared_total if b.declared_total is not None else '?'} items declared:"
        f" {_counts(b.declared_counts)}",
        f"  table      {b.item_count} items: {_counts(Counter(i.status for i in parsed.items))}",
        "",
        f"  {'seq':>4}  {'status':<16}{'units':<18}name",
    ]
    for item in parsed.items:
        units = "、".join(item.units)
        seq = item.seq if item.seq is not None else "-"
        lines.append(f"  {seq:>4}  {item.status:<16}{_pad(shown(units), 18)}{item.name}")
    lines.append("")
    lines.append(f"findings ({len(parsed.findings)}):")
    for f in parsed.findings:
        where = f" (item {f.seq})" if f.seq is not None else ""
        lines.append(f"  {f.severity:<8} {f.check}{where}: {f.message}")
    # Text from the file (title, cells, messages) may hold control characters: shown escaped,
    # so that each line stays one line and nothing reaches the terminal as a command.
    out.write("\n".join(map(shown, lines)) + "\n")
