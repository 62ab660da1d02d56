"""The summary an ingest run prints: its first line (counts and rows written, a format scripts
and the README rely on), then a line for each thing a person should know about the run."""

from __future__ import annotations

from collections import Counter

from pipeline.run.ingest import RunSummary
from pipeline.text.controls import shown

PRUNE_HINT = "their rows are kept; run with --prune to remove them"


def summary_lines(summary: RunSummary, out: str, elapsed: float) -> list[str]:
    """The lines of the summary, control characters escaped."""
    return [shown(line) for line in (_first_line(summary, out), *_more_lines(summary, out))] + [
        f"done in {elapsed:.1f} s; manifest (one row per file read): {shown(_manifest_at(out))}"
    ]


def _first_line(summary: RunSummary, out: str) -> str:
    rejected = len(summary.rejected)
    duplicates = f", {summary.duplicates} duplicate(s)" if summary.duplicates else ""
    unchanged = summary.files - summary.parsed
    skipped = f" ({unchanged} unchanged, not parsed again)" if unchanged else ""
    pruned = f"; rows of {summary.pruned} removed file(s) dropped" if summary.pruned else ""
    others = f", {len(summary.skipped)} skipped (not regular files)" if summary.skipped else ""
    return (
        f"{summary.files} files{skipped}: {summary.ok} ok, {rejected} rejected"
        f"{others}{duplicates}{pruned}; "
        f"{summary.rows.get('bulletins', 0)} bulletins, {summary.rows.get('items', 0)} items, "
        f"{summary.rows.get('measures', 0)} measures, {summary.rows.get('findings', 0)} findings"
        f" written to {out}"
    )


def _more_lines(summary: RunSummary, out: str) -> list[str]:
    lines = []
    if summary.others:
        lines.append(
            f"{_files(summary.others, 'other file')} skipped: not a format this tool reads"
            " (--include GLOB reads them)"
        )
    if summary.excluded:
        lines.append(f"{_files(summary.excluded, 'file')} excluded by --exclude")
    if summary.rejected:
        reasons = Counter(entry.reason or "unknown" for entry in summary.rejected)
        counts = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items(), key=_most))
        lines.append(f"{len(summary.rejected)} rejected: {counts}")
    if summary.vanished:
        lines.append(f"{_files(summary.vanished, 'file')} no longer under CORPUS: {PRUNE_HINT}")
    if summary.unread:
        lines.append(
            f"{_files(summary.unread, 'file')} under CORPUS no longer read (skipped or"
            f" excluded): {PRUNE_HINT}"
        )
    return lines


def _most(reason: tuple[str, int]) -> tuple[int, str]:
    return -reason[1], reason[0]


def _files(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _manifest_at(out: str) -> str:
    return f"{out.rstrip('/')}/manifest" if out.rstrip("/") else "/manifest"
