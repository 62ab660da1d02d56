"""Run the pipeline over a corpus: discover the files, decide which need parsing (incremental
runs), have an executor parse them (`pipeline.run.executors`, each file by
`pipeline.run.task.process`), and bring the datasets up to date (`pipeline.output.commit`). The
CLI is a thin skin over `ingest`.

Incremental: the manifest keeps each file's SHA-256, the fingerprint of the parser that read it
(`pipeline.run.fingerprint`: version, code, vocabulary) and the limits it was read under; a file
whose content and parser are unchanged is not parsed again and its rows are kept, unless it was
rejected over a limit that is now larger. A file over its format's size limit is never hashed
(nor read): its `stat` is enough to reject it again.

Errors of the run itself (--out not writable, a full disk, an unreadable manifest) raise
`RunFailed`, and leave the datasets as they were: --out is probed before anything is parsed,
and the commit is journalled (`pipeline.output.commit`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pyarrow.fs import FileSystem

from parsers import ParseError, check_size, file_of_name, recorded_name
from pipeline.model.records import ManifestEntry
from pipeline.output.lock import hold
from pipeline.output.storage import Storage
from pipeline.run.discovery import DEFAULT_SELECTION, Selection, discover, find_files, still_there
from pipeline.run.executors import EXECUTORS, WorkersCannotStart, run_tasks
from pipeline.run.failures import RunFailed, check_kept_rows, check_writable, run_errors
from pipeline.run.fingerprint import fingerprint, retried, stamped
from pipeline.run.interruption import defer_signals
from pipeline.run.task import DEFAULT_LIMITS, Limits, Outcome, parse_file, process

__all__ = [
    "EXECUTORS",
    "Limits",
    "Outcome",
    "RunFailed",
    "RunSummary",
    "Selection",
    "WorkersCannotStart",
    "check_writable",
    "discover",
    "find_files",
    "ingest",
    "parse_file",
    "process",
]


@dataclass
class RunSummary:
    files: int = 0
    ok: int = 0
    rejected: list[ManifestEntry] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, what it is): unread
    others: int = 0  # files of no format read, not opened
    excluded: int = 0  # files matching an --exclude glob
    vanished: int = 0  # files of the last run gone from the corpus, their rows kept
    unread: int = 0  # files of the last run still there but not read now, their rows kept
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
    selection: Selection = DEFAULT_SELECTION,
) -> RunSummary:
    """Parse what changed under `corpus` and bring the datasets under `out` (a folder, or a URI
    of any filesystem pyarrow supports) up to date. The run holds `out`'s lock from before it
    reads the manifest until its commit is done; if another run holds it, it waits up to
    `wait` seconds, then raises `OutBusy`. Raises `RunFailed` if the run itself cannot be
    done; the datasets are then as they were."""
    with run_errors(out, filesystem):
        check_writable(out, filesystem)  # before the lock, which is a file under `out` too
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
            selection=selection,
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
    selection: Selection,
) -> RunSummary:
    from pipeline.output.commit import read_manifest, write_datasets
    from pipeline.output.spill import NewRows

    root = corpus if corpus.is_dir() else corpus.parent
    with run_errors(out, filesystem):
        previous = {entry.source_path: entry for entry in read_manifest(out, filesystem)}
    full = force or not previous
    summary, plan = _survey(
        corpus, root, previous, selection, full=full, prune=prune, limits=limits
    )
    if not full:
        check_kept_rows(out, filesystem, plan.kept)
    if on_plan:
        on_plan(len(plan.todo))
    # Each bulletin's rows are gathered as it arrives (while the workers go on) and spilled to
    # a temporary folder; its records are let go.
    with run_errors(out, filesystem), NewRows() as new:
        entries: list[ManifestEntry] = []
        workers = workers or os.cpu_count() or 1
        outcomes = run_tasks(plan.todo, workers, executor, scheduler, limits, on_file)
        with contextlib.closing(outcomes):  # on an exception here, the workers stop at once
            for outcome in outcomes:
                entries.append(stamped(outcome.entry, plan.fingerprint, limits))
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
        defer_signals()  # from here a signal lets the commit finish (pipeline.run.interruption)
        summary.rows = write_datasets(
            out, new, written, manifest, drop=drop, full=full, filesystem=filesystem
        )
    return summary


def _survey(
    corpus: Path,
    root: Path,
    previous: dict[str, ManifestEntry],
    selection: Selection,
    *,
    full: bool,
    prune: bool,
    limits: Limits,
) -> tuple[RunSummary, _Plan]:
    """The files under the corpus and what to do with each, and the summary's first counts."""
    found = find_files(corpus, selection)
    files = found.files
    summary = RunSummary(files=len(files), others=len(found.others), excluded=len(found.excluded))
    summary.skipped = [(path.relative_to(root).as_posix(), kind) for path, kind in found.skipped]
    plan = _plan(files, root, previous, full=full, prune=prune, limits=limits)
    summary.pruned = len(plan.gone) if (prune or full) else 0
    if plan.gone and not summary.pruned:
        summary.unread = still_there(plan.gone, root)
        summary.vanished = len(plan.gone) - summary.unread
    return summary, plan


@dataclass
class _Plan:
    kept: list[ManifestEntry]  # unchanged files (and, without --prune, vanished ones)
    todo: list[tuple[Path, str]]  # (path, display path) to parse
    present: set[str]  # display paths (`recorded_name`) under the corpus now
    gone: list[ManifestEntry]  # files of the last run no longer under the corpus
    fingerprint: str  # of this run's parser (`pipeline.run.fingerprint`)


def _plan(
    files: list[Path],
    root: Path,
    previous: dict[str, ManifestEntry],
    *,
    full: bool,
    prune: bool,
    limits: Limits,
) -> _Plan:
    """Which files to parse: new ones, changed ones, those read by another parser (version,
    code or vocabulary), and those rejected over a limit that is now larger."""
    plan = _Plan([], [], set(), [], fingerprint(limits.pdf_engine))
    for path in files:
        display = recorded_name(path.relative_to(root).as_posix())
        plan.present.add(display)
        before = previous.get(display)
        if (
            not full
            and before is not None
            and before.parser_fingerprint == plan.fingerprint
            and not retried(before, limits)
            and before.source_sha256 is not None
            and before.source_sha256 == _safe_sha(path)
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
                entry,
                source_sha256=entry.source_sha256
                or _safe_sha(root / file_of_name(entry.source_path)),
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
    """The file's SHA-256; None if it cannot be read, or is over its format's size limit (it
    is then not read: a sparse file of gigabytes would take seconds to hash, every run)."""
    try:
        check_size(path, path.name)
        return sha256_of(path)
    except (OSError, ParseError):
        return None
