"""Run the pipeline over files: discover, decide what needs parsing, parse each file in a worker
(one bad file never stops the batch), write the datasets. The CLI is a thin skin over
`parse_file` and `ingest`.

Every file is parsed by the same task, `process`, whichever executor runs it: a local process
pool (`local`, the default) or a Dask cluster (`dask`). Each task has a time limit (SIGALRM in
the worker) and each pool worker a memory limit (RLIMIT_AS), so that one pathological file is
rejected (`timeout`, `too_large`) instead of hanging or exhausting the machine.

Incremental: the manifest keeps each file's SHA-256 and the parser version that read it; a file
whose content and parser are unchanged is not parsed again and its rows are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import resource
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType

from parsers import ParseError, read_document
from pipeline import __version__
from pipeline.errors import BulletinError
from pipeline.interpret import interpret
from pipeline.records import ManifestEntry, ParsedBulletin

# Documentation that lives beside bulletins in a corpus folder: not bulletins, never parsed.
SKIPPED_NAMES = ("README", "readme", "LICENSE")
SKIPPED_SUFFIXES = (".md", ".rst")
EXECUTORS = ("local", "dask")


@dataclass(frozen=True)
class Limits:
    """Per-file limits (the CLI's --timeout and --max-memory)."""

    timeout: float = 120.0  # seconds for one file
    max_memory_mb: int = 1536  # address space of one pool worker


def parse_file(path: str | Path, *, display_path: str | None = None) -> ParsedBulletin:
    """Parse one file. Raises `ParseError` (unreadable) or `BulletinError` (not a bulletin)."""
    return interpret(read_document(path, display_path=display_path))


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


@dataclass(frozen=True)
class Outcome:
    """What became of one file."""

    entry: ManifestEntry
    parsed: ParsedBulletin | None
    worker_peak_mib: float = 0.0  # peak resident memory of the process that parsed the file


class _Timeout(BaseException):
    """Raised in a worker when a file's time is up. A BaseException, like KeyboardInterrupt, so
    that the readers' handlers for broken files (`except Exception`) do not mistake it."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise `_Timeout` after `seconds` (only where signals can be used: a main thread)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process(path: Path, display_path: str, limits: Limits = Limits()) -> Outcome:
    """Parse one file into an `Outcome`; never raises for a bad file."""
    outcome = _process(path, display_path, limits)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return replace(outcome, worker_peak_mib=peak)


def _process(path: Path, display_path: str, limits: Limits) -> Outcome:
    try:
        with _time_limit(limits.timeout):
            parsed = parse_file(path, display_path=display_path)
    except (ParseError, BulletinError) as exc:
        return Outcome(_rejected(display_path, exc.reason, exc.one_line()), None)
    except _Timeout:
        message = f"{display_path}: timeout: not parsed within {limits.timeout:g} s"
        return Outcome(_rejected(display_path, "timeout", message), None)
    except MemoryError:
        message = (
            f"{display_path}: too_large: ran out of the {limits.max_memory_mb} MiB memory limit"
        )
        return Outcome(_rejected(display_path, "too_large", message), None)
    except Exception as exc:  # a bug must not stop the batch: record it and go on
        message = f"{display_path}: internal_error: {type(exc).__name__}: {exc} (please report)"
        return Outcome(_rejected(display_path, "internal_error", message), None)
    bulletin = parsed.bulletin
    entry = ManifestEntry(
        source_path=display_path,
        source_sha256=bulletin.source_sha256,
        source_format=bulletin.source_format,
        status="ok",
        reason=None,
        message=None,
        bulletin_id=bulletin.bulletin_id,
        item_count=len(parsed.items),
        finding_count=len(parsed.findings),
        parser_version=__version__,
    )
    return Outcome(entry, parsed)


def _rejected(path: str, reason: str, message: str, sha256: str | None = None) -> ManifestEntry:
    return ManifestEntry(path, sha256, None, "rejected", reason, message, None, 0, 0, __version__)


# -- executors -------------------------------------------------------------------------------


def _warm_worker(max_memory_mb: int) -> None:
    """Pool worker start: load OpenCC and jieba once for all its files, then cap its memory."""
    from pipeline.script import to_simplified
    from pipeline.sectors import tokens

    to_simplified("預熱")
    tokens("预热")
    if max_memory_mb > 0:
        limit = max_memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


# A file whose parsing kills its worker process this many times is rejected.
MAX_WORKER_DEATHS = 2


Task = Callable[[Path, str, Limits], Outcome]


def _local(
    tasks: Sequence[tuple[Path, str]], workers: int, limits: Limits, task: Task = process
) -> Iterator[Outcome]:
    """A process pool; if a worker dies (killed by the kernel, a crash in a C library), the
    files it left unfinished are tried again in a fresh pool, one at a time after the first
    death, and a file that kills its worker again is rejected."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.run"])
    deaths: dict[str, int] = {}
    pending = list(tasks)
    while pending:
        failed: list[tuple[Path, str]] = []
        with ProcessPoolExecutor(
            max_workers=1 if deaths else workers,
            mp_context=context,
            initializer=_warm_worker,
            initargs=(limits.max_memory_mb,),
        ) as pool:
            futures = {pool.submit(task, p, d, limits): (p, d) for p, d in pending}
            for future in as_completed(futures):
                try:
                    yield future.result()
                except BrokenProcessPool:
                    failed.append(futures[future])
        pending = []
        for path, display in failed:
            deaths[display] = deaths.get(display, 0) + 1
            if deaths[display] >= MAX_WORKER_DEATHS:
                message = (
                    f"{display}: too_large: its worker process died twice while parsing it"
                    f" (out of the {limits.max_memory_mb} MiB memory limit, or a crash)"
                )
                yield Outcome(_rejected(display, "too_large", message), None)
            else:
                pending.append((path, display))


def _dask(
    tasks: Sequence[tuple[Path, str]], workers: int, limits: Limits, scheduler: str | None
) -> Iterator[Outcome]:
    from dask.distributed import Client, LocalCluster
    from dask.distributed import as_completed as dask_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        futures = client.map(
            process, [p for p, _ in tasks], [d for _, d in tasks], limits=limits, pure=False
        )
        for future in dask_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- ingest ----------------------------------------------------------------------------------


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
    out: Path,
    *,
    workers: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    prune: bool = False,
    limits: Limits = Limits(),
    on_plan: Callable[[int], None] | None = None,
    on_file: Callable[[Outcome], None] | None = None,
) -> RunSummary:
    """Parse what changed under `corpus` and bring the datasets under `out` up to date."""
    from pipeline.write import read_manifest, write_datasets

    root = corpus if corpus.is_dir() else corpus.parent
    files = discover(corpus)
    previous = {entry.source_path: entry for entry in read_manifest(out)}
    summary = RunSummary(files=len(files))
    full = force or not previous
    kept: list[ManifestEntry] = []
    todo: list[tuple[Path, str]] = []
    present: set[str] = set()
    for path in files:
        display = path.relative_to(root).as_posix()
        present.add(display)
        before = previous.get(display)
        if (
            not full
            and before is not None
            and before.parser_version == __version__
            and before.source_sha256 is not None
            and before.source_sha256 == sha256_of(path)
        ):
            kept.append(before)  # unchanged: its rows stay as they are
        else:
            todo.append((path, display))
    gone = [entry for path, entry in previous.items() if path not in present]
    if gone and not prune and not full:
        kept += gone  # their rows stay until --prune
    summary.pruned = len(gone) if (prune or full) else 0

    if on_plan:
        on_plan(len(todo))
    outcomes = list(
        _run(todo, workers or os.cpu_count() or 1, executor, scheduler, limits, on_file)
    )
    outcomes.sort(key=lambda o: o.entry.source_path)
    summary.parsed = len(outcomes)

    # The same bytes at two paths are one bulletin: its rows are written once.
    owner = {e.bulletin_id: e.source_path for e in kept if e.bulletin_id and e.status == "ok"}
    parsed: list[ParsedBulletin] = []
    manifest = list(kept)
    for outcome in outcomes:
        entry = outcome.entry
        if outcome.parsed is None:
            entry = replace(
                entry, source_sha256=entry.source_sha256 or _safe_sha(root / entry.source_path)
            )
        elif entry.bulletin_id in owner and owner[entry.bulletin_id] != entry.source_path:
            summary.duplicates += 1
            entry = replace(
                entry, message=f"same content as {owner[entry.bulletin_id]}: rows written once"
            )
        else:
            owner[outcome.parsed.bulletin.bulletin_id] = entry.source_path
            parsed.append(outcome.parsed)
        manifest.append(entry)
    summary.ok = sum(1 for e in manifest if e.status == "ok" and e.source_path in present)
    summary.rejected = [e for e in manifest if e.status == "rejected" and e.source_path in present]

    # Rows to remove: those of files parsed again (their new rows replace them) and, with
    # --prune, of files that are gone; unless another file in the manifest still has them.
    stale = {previous[d].bulletin_id for _, d in todo if d in previous}
    if prune:
        stale |= {e.bulletin_id for e in gone}
    owned = {e.bulletin_id for e in manifest if e.status == "ok"}
    drop = {i for i in stale if i is not None} - owned
    summary.rows = write_datasets(out, parsed, manifest, drop=drop, full=full)
    return summary


def _safe_sha(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None


def _run(
    tasks: Sequence[tuple[Path, str]],
    workers: int,
    executor: str,
    scheduler: str | None,
    limits: Limits,
    on_file: Callable[[Outcome], None] | None,
) -> Iterator[Outcome]:
    if not tasks:
        return
    if executor == "dask":
        stream = _dask(tasks, workers, limits, scheduler)
    else:
        stream = _local(tasks, min(workers, len(tasks)), limits)
    for outcome in stream:
        if on_file:
            on_file(outcome)
        yield outcome
