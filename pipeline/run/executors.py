"""Executors: run the per-file task over many files, in a local process pool or on Dask.

Pool workers are forked from a server that has loaded OpenCC, jieba and the readers' libraries
(`pipeline.run.warm`); each then caps its address space (RLIMIT_AS). If a worker dies (killed by
the kernel, a crash in a C library), the files it left unfinished are tried again in a fresh
pool, and a file that kills its worker twice is rejected; if a fresh worker cannot even run an
empty task, the run stops (`WorkersCannotStart`).
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import resource
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pipeline.run.task import Limits, Outcome, out_of_memory_entry, process, rejected

EXECUTORS = ("local", "dask")


# Imported by the fork server, so that each worker starts with the libraries and dictionaries
# loaded (and a memory-capped worker need not map them).
PRELOAD = ["pipeline.run.warm"]


def _warm_worker(max_memory_mb: int) -> None:
    """Pool worker start: make sure all is loaded (it is, when the fork server could import
    `pipeline.run.warm`), then cap the worker's memory."""
    import pipeline.run.warm  # noqa: F401

    if max_memory_mb > 0:
        limit = max_memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class WorkersCannotStart(RuntimeError):
    """Pool workers die before they can run anything, so no file is to blame: a broken
    installation, or a script that calls `ingest` without `if __name__ == "__main__":`."""


def _ready() -> bool:
    return True


def _check_workers_start(context: multiprocessing.context.BaseContext, limits: Limits) -> None:
    """After a worker died: raise `WorkersCannotStart` if a fresh worker cannot even run an
    empty task (then every file would be blamed, two pools each, for nothing)."""
    with ProcessPoolExecutor(
        max_workers=1,
        mp_context=context,
        initializer=_warm_worker,
        initargs=(limits.max_memory_mb,),
    ) as pool:
        try:
            pool.submit(_ready).result()
        except BrokenProcessPool as exc:
            raise WorkersCannotStart(
                "worker processes die before running any file (a broken installation, or a"
                " script calling ingest() outside `if __name__ == '__main__':`)"
            ) from exc


# A file whose parsing kills its worker process this many times is rejected.
MAX_WORKER_DEATHS = 2
# Files handed to the pool per worker at any moment.
AHEAD = 4


Task = Callable[[Path, str, Limits], Outcome]


def run_local(
    tasks: Sequence[tuple[Path, str]], workers: int, limits: Limits, task: Task = process
) -> Iterator[Outcome]:
    """A process pool, fed a few files ahead of its workers (so that neither the queue nor
    the finished outcomes pile up in memory). If a worker dies (killed by the kernel, a crash in
    a C library), the files that were in flight are suspects: each is tried again alone in a
    fresh single-worker pool, where a second death can only be its own, and is then rejected;
    the other files go on in parallel."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    deaths: dict[str, int] = {}
    queue = collections.deque(tasks)
    suspects: collections.deque[tuple[Path, str]] = collections.deque()
    while queue or suspects:
        # a suspect runs alone: one worker, one file in flight
        source, size, ahead = (suspects, 1, 1) if suspects else (queue, workers, AHEAD * workers)
        with ProcessPoolExecutor(
            max_workers=size,
            mp_context=context,
            initializer=_warm_worker,
            initargs=(limits.max_memory_mb,),
        ) as pool:
            in_flight: dict[Future[Outcome], tuple[Path, str]] = {}
            broken = False
            while (source or in_flight) and not broken:
                while source and len(in_flight) < ahead:
                    path, display = source.popleft()
                    try:
                        in_flight[pool.submit(task, path, display, limits)] = (path, display)
                    except BrokenProcessPool:
                        source.appendleft((path, display))
                        broken = True
                        break
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    if isinstance(future.exception(), BrokenProcessPool):
                        broken = True  # a worker died: every future still in flight fails
                    else:
                        yield _outcome(future, in_flight.pop(future), limits)
            if broken:
                _check_workers_start(context, limits)
            # After a death: files that finished meanwhile are done; the rest are suspects.
            for future, (path, display) in in_flight.items():
                if not isinstance(future.exception(), BrokenProcessPool):
                    yield _outcome(future, (path, display), limits)
                    continue
                deaths[display] = deaths.get(display, 0) + 1
                if deaths[display] >= MAX_WORKER_DEATHS:
                    message = (
                        f"{display}: too_large: its worker process died twice while parsing it"
                        f" (out of the {limits.max_memory_mb} MiB memory limit, or a crash)"
                    )
                    yield Outcome(rejected(display, "too_large", message), None)
                else:
                    suspects.append((path, display))


def _outcome(future: Future[Outcome], file: tuple[Path, str], limits: Limits) -> Outcome:
    """The future's outcome; a task that raised (it should not, except out of memory while
    sending its result back) rejects its file."""
    error = future.exception()
    if error is None:
        return future.result()
    display = file[1]
    if isinstance(error, MemoryError):
        return Outcome(out_of_memory_entry(display, limits), None)
    message = f"{display}: internal_error: {type(error).__name__}: {error} (please report)"
    return Outcome(rejected(display, "internal_error", message), None)


def run_dask(
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


def run_tasks(
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
        stream = run_dask(tasks, workers, limits, scheduler)
    else:
        stream = run_local(tasks, min(workers, len(tasks)), limits)
    for outcome in stream:
        if on_file:
            on_file(outcome)
        yield outcome
