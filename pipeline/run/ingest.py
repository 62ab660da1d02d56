"""Run the pipeline over a corpus: discover the files, decide which need parsing (incremental
runs), have an executor parse them (`pipeline.run.executors`, each file by
`pipeline.run.task.process`), and bring the datasets up to date (`pipeline.output.commit`). The
CLI is a thin skin over `ingest`.

Incremental: the manifest keeps each file's SHA-256 and the parser version that read it; a file
whose content and parser are unchanged is not parsed again and its rows are kept.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pyarrow.fs import FileSystem

from pipeline import __version__
from pipeline.model.records import ManifestEntry
from pipeline.output.lock import hold
from pipeline.output.storage import Storage
from pipeline.run.executors import EXECUTORS, WorkersCannotStart, run_tasks
from pipeline.run.task import DEFAULT_LIMITS, Limits, Outcome, parse_file, process

__all__ = [
    "EXECUTORS",
    "Limits",
    "Outcome",
    "RunSummary",
    "WorkersCannotStart",
    "discover",
    "ingest",
    "parse_file",
    "process",
]

# Documentation that lives beside bulletins in a corpus folder: not bulletins, never parsed.
SKIPPED_NAMES = ("README", "readme", "LICENSE")
SKIPPED_SUFFIXES = (".md", ".rst")


def discover(corpus: Path) -> list[Path]:
    """Every candidate file under `corpus`, sorted; hidden files and documentation skipped."""
    if corpus.is_file():
        return [corpus]
    found = []
    for path in corpus.rglob("*"):
        relative = path.relative_to(corpus)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.name.startswith(SKIPPED_NAMES) or path.suffix.lower() in SKIPPED_SUFFIXES:
            continue
        found.append(path)
    return sorted(found)


@dataclass
class RunSummary:
    files: int = 0
    ok: int = 0
    rejected: list[ManifestEntry] = field(default_factory=list)
    duplicates: int = 0
    parsed: int = 0  # files parsed in this run (the rest were unchanged)
    pruned: int = 0
    rows: dict[str, int] = field(default_factory=dict)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def ingest(
    corpus: Path,
    out: str | Path,
    *,
    workers: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    prune: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    on_plan: Callable[[int], None] | None = None,
    on_file: Callable[[Outcome], None] | None = None,
    filesystem: FileSystem | None = None,
    wait: float = 0.0,
) -> RunSummary:
    """Parse what changed under `corpus` and bring the datasets under `out` (a folder, or a URI
    of any filesystem pyarrow supports) up to date. The run holds `out`'s lock from before it
    reads the manifest until its commit is done; if another run holds it, it waits up to
    `wait` seconds, then raises `OutBusy`."""
    with hold(Storage(out, filesystem), wait):
        return _ingest(
            corpus,
            out,
            workers=workers or os.cpu_count() or 1,
            executor=executor,
            scheduler=scheduler,
            force=force,
            prune=prune,
            limits=limits,
            on_plan=on_plan,
            on_file=on_file,
            filesystem=filesystem,
        )


def _ingest(
    corpus: Path,
    out: str | Path,
    *,
    workers: int,
    executor: str,
    scheduler: str | None,
    force: bool,
    prune: bool,
    limits: Limits,
    on_plan: Callable[[int], None] | None,
    on_file: Callable[[Outcome], None] | None,
    filesystem: FileSystem | None,
) -> RunSummary:
    from pipeline.output.commit import read_manifest, write_datasets
    from pipeline.output.spill import NewRows

    root = corpus if corpus.is_dir() else corpus.parent
    files = discover(corpus)
    previous = {entry.source_path: entry for entry in read_manifest(out, filesystem)}
    summary = RunSummary(files=len(files))
    full = force or not previous
    plan = _plan(files, root, previous, full=full, prune=prune)
    summary.pruned = len(plan.gone) if (prune or full) else 0

    if on_plan:
        on_plan(len(plan.todo))
    # Each bulletin's rows are gathered as it arrives (while the workers go on) and spilled to
    # a temporary folder; its records are let go.
    with NewRows() as new:
        entries: list[ManifestEntry] = []
        for outcome in run_tasks(plan.todo, workers, executor, scheduler, limits, on_file):
            entries.append(outcome.entry)
            if outcome.rows is not None:
                new.add(outcome.rows)
        entries.sort(key=lambda e: e.source_path)
        summary.parsed = len(entries)
        manifest, written = _manifest(entries, plan.kept, new.bulletin_at, root, summary)
        summary.ok = sum(1 for e in manifest if e.status == "ok" and e.source_path in plan.present)
        summary.rejected = [
            e for e in manifest if e.status == "rejected" and e.source_path in plan.present
        ]

        # Rows to remove: those of files parsed again (their new rows replace them) and, with
        # --prune, of files that are gone; unless another file in the manifest still has them.
        stale = {previous[d].bulletin_id for _, d in plan.todo if d in previous}
        if prune:
            stale |= {e.bulletin_id for e in plan.gone}
        owned = {e.bulletin_id for e in manifest if e.status == "ok"}
        drop = {i for i in stale if i is not None} - owned
        summary.rows = write_datasets(
            out, new, written, manifest, drop=drop, full=full, filesystem=filesystem
        )
    return summary


@dataclass
class _Plan:
    kept: list[ManifestEntry]  # unchanged files (and, without --prune, vanished ones)
    todo: list[tuple[Path, str]]  # (path, display path) to parse
    present: set[str]  # display paths under the corpus now
    gone: list[ManifestEntry]  # files of the last run no longer under the corpus


def _plan(
    files: list[Path],
    root: Path,
    previous: dict[str, ManifestEntry],
    *,
    full: bool,
    prune: bool,
) -> _Plan:
    """Which files to parse: new ones, changed ones, and those read by another version."""
    plan = _Plan([], [], set(), [])
    for path in files:
        display = path.relative_to(root).as_posix()
        plan.present.add(display)
        before = previous.get(display)
        if (
            not full
            and before is not None
            and before.parser_version == __version__
            and before.source_sha256 is not None
            and before.source_sha256 == sha256_of(path)
        ):
            plan.kept.append(before)  # unchanged: its rows stay as they are
        else:
            plan.todo.append((path, display))
    plan.gone = [entry for path, entry in previous.items() if path not in plan.present]
    if plan.gone and not prune and not full:
        plan.kept += plan.gone  # their rows stay until --prune
    return plan


def _manifest(
    entries: list[ManifestEntry],
    kept: list[ManifestEntry],
    bulletin_at: dict[str, str],
    root: Path,
    summary: RunSummary,
) -> tuple[list[ManifestEntry], dict[str, str]]:
    """The new manifest, and the bulletins to write (id -> source path). The same bytes at two
    paths are one bulletin: its rows are written once, for the first path (a path kept from an
    earlier run comes first)."""
    owner = {e.bulletin_id: e.source_path for e in kept if e.bulletin_id and e.status == "ok"}
    written: dict[str, str] = {}
    manifest = list(kept)
    for entry in entries:
        bulletin_id = bulletin_at.get(entry.source_path)
        if bulletin_id is None:
            entry = replace(
                entry, source_sha256=entry.source_sha256 or _safe_sha(root / entry.source_path)
            )
        elif entry.bulletin_id in owner and owner[entry.bulletin_id] != entry.source_path:
            summary.duplicates += 1
            entry = replace(
                entry, message=f"same content as {owner[entry.bulletin_id]}: rows written once"
            )
        else:
            owner[bulletin_id] = entry.source_path
            written[bulletin_id] = entry.source_path
        manifest.append(entry)
    return manifest, written


def _safe_sha(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None
