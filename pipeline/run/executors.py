"""Executors: run the per-file task over many files, in a local process pool or on Dask.

Pool workers are forked from a server that has loaded OpenCC, jieba and the readers' libraries
(`pipeline.run.warm`); each then caps its address space (RLIMIT_AS). If a worker dies (killed by
the kernel, a crash in a C library), the files it left unfinished are tried again in a fresh
pool, and a file that kills its worker twice is rejected; if a fresh worker cannot even run an
empty task, the run stops (`WorkersCannotStart`).

No worker outlives its run. When the run stops part way (SIGINT or SIGTERM raise
`pipeline.run.interruption.Interrupted`, or the caller stops reading the outcomes), the pool's
workers are killed rather than waited for. When the command itself is killed (`kill -9`), each
worker notices and exits: it watches the command, whose death it would otherwise never see
(it would wait for work for ever, on a queue it holds open itself). The fork server then
exits too, as it does once the command and every worker it forked are gone.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import os
import resource
import select
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pipeline.output.processes import running
from pipeline.run.interruption import held
from pipeline.run.task import Limits, Outcome, out_of_memory_entry, process, rejected

EXECUTORS = ("local", "dask")


# Imported by the fork server, so that each worker starts with the libraries and dictionaries
# loaded (and a memory-capped worker need not map them).
PRELOAD = ["pipeline.run.warm"]


def _warm_worker(max_memory_mb: int, command: int) -> None:
    """Pool worker start: make sure all is loaded (it is, when the fork server could import
    `pipeline.run.warm`; that also leaves Ctrl-C to the command), exit with the command, then
    cap the worker's memory."""
    import pipeline.run.warm  # noqa: F401

    _exit_with(command)
    if max_memory_mb > 0:
        limit = max_memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


# The watch thread's stack: small, so that it takes little of the worker's memory limit.
WATCH_STACK = 256 * 1024


def _exit_with(command: int) -> None:
    """End this worker as soon as the process `command` has ended. A pidfd becomes readable
    when its process ends (even as an unreaped zombie); where there is none, poll."""
    try:
        handle: int | None = os.pidfd_open(command)
    except (AttributeError, OSError):  # no pidfd (not Linux), or the command is gone already
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])
        else:
            while running(command):
                time.sleep(0.5)
        os._exit(1)

    previous = threading.stack_size(WATCH_STACK)
    try:
        threading.Thread(target=watch, name="exit-with-command", daemon=True).start()
    finally:
        threading.stack_size(previous)


@contextlib.contextmanager
def _pool(
    context: multiprocessing.context.BaseContext, size: int, limits: Limits
) -> Iterator[ProcessPoolExecutor]:
    """A process pool of `size` workers. Left normally, it is shut down as usual; left by an
    exception (a signal that stops the run, a caller that stops reading), its workers are
    killed, not waited for: each may be minutes into a file."""
    pool = ProcessPoolExecutor(
        max_workers=size,
        mp_context=context,
        initializer=_warm_worker,
        initargs=(limits.max_memory_mb, os.getpid()),
    )
    try:
        yield pool
        pool.shutdown()
    except BaseException:
        # The pool has no public way to stop its workers (before Python 3.14).
        for worker in list((pool._processes or {}).values()):
            worker.kill()
        pool.shutdown(cancel_futures=True)  # quick now: the workers are gone
        raise


class WorkersCannotStart(RuntimeError):
    """Pool workers die before they can run anything, so no file is to blame: a broken
    installation, or a script that calls `ingest` without `if __name__ == "__main__":`."""


def _ready() -> bool:
    return True


def _check_workers_start(context: multiprocessing.context.BaseContext, limits: Limits) -> None:
    """After a worker died: raise `WorkersCannotStart` if a fresh worker cannot even run an
    empty task (then every file would be blamed, two pools each, for nothing)."""
    with _pool(context, 1, limits) as pool:
        try:
            with held():  # the submit starts the worker
                ready = pool.submit(_ready)
            ready.result()
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
) -> Generator[Outcome, None, None]:
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
        with _pool(context, size, limits) as pool:
            in_flight: dict[Future[Outcome], tuple[Path, str]] = {}
            broken = False
            while (source or in_flight) and not broken:
                while source and len(in_flight) < ahead:
                    path, display = source.popleft()
                    try:
                        with held():  # a submit may start a worker
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
) -> Generator[Outcome, None, None]:
    """The same task on Dask. However the run ends (a signal, a caller that stops reading),
    the client is closed, and the local cluster with it when it is this run's own."""
    from dask.distributed import Client, LocalCluster
    from dask.distributed import as_completed as dask_completed

    cluster: LocalCluster | None = None
    client: Client | None = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
            client = Client(cluster)
        else:
            client = Client(scheduler)
        futures = client.map(
            process, [p for p, _ in tasks], [d for _, d in tasks], limits=limits, pure=False
        )
        for future in dask_completed(futures):
            yield future.result()
    finally:
        if client is not None:
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
) -> Generator[Outcome, None, None]:
    if not tasks:
        return
    if executor == "dask":
        stream = run_dask(tasks, workers, limits, scheduler)
    else:
        stream = run_local(tasks, min(workers, len(tasks)), limits)
    with contextlib.closing(stream):  # a run stopped part way stops its executor at once
        for outcome in stream:
            if on_file:
                on_file(outcome)
            yield outcome
