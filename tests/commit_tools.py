"""Tools of tests/test_torture_commit.py: the checks of an output folder, and real runs of
`bulletins ingest` made to stop where a test needs them, each in a process of its own:

    python tests/commit_tools.py paused CORPUS OUT READY GATE
        a run that, once it holds whatever it holds before parsing, creates READY and waits
        until GATE exists
    python tests/commit_tools.py killed CORPUS BASE WORK [OPTION ...]
        for k = 1, 2, ...: copies the folder BASE to WORK/k and runs ingest into it in a forked
        child that SIGKILLs itself just before its k-th change to the filesystem (a write,
        link, rename, removal or sync); the state it leaves is copied to WORK/k-killed and a
        second child (the next run) goes on from it. Stops at the first k the run finishes,
        and prints that k: the commit has one step fewer.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet  # loaded once, before the forks, as is the commit

import pipeline.output.commit  # noqa: F401
import pipeline.run.ingest as run
from pipeline.model.schema import PARTITIONED
from pipeline.output.storage import Storage
from pipeline.run.cli import main
from pipeline.run.task import Limits, Outcome, process


def contents(out: Path) -> dict[str, pa.Table]:
    tables = {
        name: ds.dataset(out / name, format="parquet").to_table()
        for name in PARTITIONED
        if (out / name).exists()
    }
    tables["manifest"] = ds.dataset(out / "manifest", format="parquet").to_table()
    return tables


def consistent(out: Path) -> dict[str, list[str]]:
    """Assert the datasets agree with each other; return them as sorted rows, to compare."""
    tables = contents(out)
    bulletins = tables["bulletins"].column("bulletin_id").to_pylist()
    for name in ("items", "measures", "findings"):
        if name in tables:
            assert set(tables[name].column("bulletin_id").to_pylist()) <= set(bulletins), name
    ok = [r for r in tables["manifest"].to_pylist() if r["status"] == "ok"]
    assert sorted(r["bulletin_id"] for r in ok) == sorted(bulletins)
    return {
        name: sorted(json.dumps(row, default=str, sort_keys=True) for row in table.to_pylist())
        for name, table in tables.items()
    }


def old_layout(out: Path) -> None:
    """Turn a folder written by this version into the layout of earlier ones: real dataset
    folders with the same files, nothing else."""
    if not (out / ".bulletins").exists():
        return  # written in that layout already
    current = (out / ".bulletins" / "current").resolve()
    for dataset in (*PARTITIONED, "manifest"):
        (out / dataset).unlink()
        if (current / dataset).exists():
            shutil.copytree(current / dataset, out / dataset)
    shutil.rmtree(out / ".bulletins")


CHANGES = [
    "write_table", "write_text", "move", "delete_file", "delete_if_empty", "delete_tree",
    "link", "symlink", "point", "rename", "exchange", "sync_tree",
]  # fmt: skip


def paused(corpus: str, out: str, ready: str, gate: str) -> int:
    real = run.run_tasks

    def waiting(*args: Any, **kwargs: Any) -> Iterator[Outcome]:
        Path(ready).touch()
        while not Path(gate).exists():
            time.sleep(0.05)
        yield from real(*args, **kwargs)

    run.run_tasks = waiting
    return main(["ingest", corpus, "--out", out, "--workers", "1", "--quiet"])


def killed(corpus: Path, base: Path, work: Path, options: list[str]) -> int:
    os.fsync = lambda descriptor: None  # a kill loses no written data: only the order matters
    outcomes = {p.name: process(p, p.name, Limits()) for p in run.discover(corpus)}
    run.run_tasks = lambda todo, *args: (outcomes[display] for _, display in todo)

    def one_run(out: Path, k: int) -> int:
        child = os.fork()
        if child == 0:
            if k:
                _kill_at(k)
            os._exit(main(["ingest", str(corpus), "--out", str(out), "--quiet", *options]))
        return os.waitpid(child, 0)[1]

    for k in range(1, 300):
        out = work / str(k)
        shutil.copytree(base, out, symlinks=True)
        status = one_run(out, k)
        if not os.WIFSIGNALED(status):
            assert os.waitstatus_to_exitcode(status) == 0, status
            print(k)
            return 0
        shutil.copytree(out, work / f"{k}-killed", symlinks=True)
        assert os.waitstatus_to_exitcode(one_run(out, 0)) == 0
    return 1


def _kill_at(k: int) -> None:
    steps = [0]

    def killing(real: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            steps[0] += 1
            if steps[0] == k:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        return step

    for name in CHANGES:
        if hasattr(Storage, name):
            setattr(Storage, name, killing(getattr(Storage, name)))


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    if command == "paused":
        sys.exit(paused(*arguments))
    corpus, base, work, *options = arguments
    sys.exit(killed(Path(corpus), Path(base), Path(work), options))
