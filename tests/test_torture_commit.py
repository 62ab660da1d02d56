"""The output folder under stress: two runs into one --out, a stale lock, a run killed at every
step of its commit, an --out full of other people's files, an empty --out. After each, the
datasets read with plain pyarrow are whole: every item's bulletin is there, and the manifest's
ok files are exactly the bulletins."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.run.ingest import ingest
from tests.commit_tools import consistent, old_layout
from tests.conftest import CORPUS, ROOT, leftovers

pytestmark = pytest.mark.torture

BULLETINS = str(Path(sys.executable).with_name("bulletins"))
RUNS = str(ROOT / "tests" / "commit_tools.py")  # runs stopped where these tests need them
Q2 = (CORPUS / "qixia-2024-q2.txt").read_text(encoding="utf-8")
Q3 = (CORPUS / "qixia-2024-q3.txt").read_text(encoding="utf-8")


def write_corpus(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# -- two runs into one --out ----------------------------------------------------------------


def wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_a_second_run_into_a_busy_out_exits_4_or_waits(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "first", {f"a{n}.txt": Q2 + f"\n第{n}份\n" for n in range(3)})
    second = write_corpus(tmp_path / "second", {f"b{n}.txt": Q3 + f"\n第{n}份\n" for n in range(2)})
    out, paused, gate = tmp_path / "out", tmp_path / "paused", tmp_path / "gate"
    # a real run that stops after reading the manifest, holding whatever it holds, until
    # `gate` exists: the second run is then certain to start while the first is mid-run
    run = subprocess.Popen(
        [sys.executable, RUNS, "paused", str(first), str(out), str(paused), str(gate)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        wait_for(paused)
        busy = subprocess.run(
            [BULLETINS, "ingest", str(second), "--out", str(out), "--quiet"],
            capture_output=True,
            text=True,
        )
        assert busy.returncode == 4, busy.stderr
        lines = busy.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert str(out) in lines[0] and f"pid {run.pid}, started 20" in lines[0]
        assert "--wait" in lines[0]

        waiting = subprocess.Popen(
            [BULLETINS, "ingest", str(second), "--out", str(out), "--quiet", "--wait", "120"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)
        assert waiting.poll() is None  # still waiting for the first run
        gate.touch()
        assert run.wait(timeout=120) == 0, run.stderr.read() if run.stderr else ""
        stdout, stderr = waiting.communicate(timeout=120)
        assert waiting.returncode == 0, stderr
        assert "2 files: 2 ok, 0 rejected; 5 bulletins, 150 items" in stdout
    finally:
        gate.touch()
        run.wait(timeout=120)
    state = consistent(out)  # both runs' files, whole
    assert len(state["bulletins"]) == len(state["manifest"]) == 5
    assert len(state["items"]) == 5 * 30
    assert not leftovers(out)


# -- a stale lock ----------------------------------------------------------------------------


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.parametrize(
    "holder",
    [
        pytest.param(lambda: {"pid": dead_pid(), "start": 1, "started": "x"}, id="dead-pid"),
        pytest.param(lambda: {"pid": os.getpid(), "start": 1, "started": "x"}, id="reused-pid"),
        pytest.param(lambda: "garbage", id="unreadable"),
    ],
)
def test_a_stale_lock_is_taken_over(tmp_path: Path, holder: object) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": Q2})
    out = tmp_path / "out"
    lock = out / ".bulletins" / "lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(json.dumps(holder()), encoding="utf-8")  # type: ignore[operator]
    done = subprocess.run(
        [BULLETINS, "ingest", str(corpus), "--out", str(out), "--quiet", "--workers", "1"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert consistent(out)["bulletins"]
    assert not lock.exists()  # released, and removed, by the run that took it over


def test_without_flock_the_holder_pid_and_start_time_decide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a filesystem without advisory locks, a lock file naming a live process keeps the
    folder busy; one naming a dead process, or a pid reused by a later process, does not."""
    from pipeline.output import lock
    from pipeline.output.storage import Storage

    def no_flock(descriptor: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock.fcntl, "flock", no_flock)
    store = Storage(tmp_path / "out")
    path = tmp_path / "out" / ".bulletins" / "lock"
    path.parent.mkdir(parents=True)
    me = os.getpid()
    path.write_text(json.dumps({"pid": me, "start": lock.start_ticks(me), "started": "then"}))
    message = rf"--out {re.escape(str(tmp_path / 'out'))} .*\(pid {me}, started then\)"
    with pytest.raises(lock.OutBusy, match=message), lock.hold(store, wait=0.3):
        pass
    for stale in ({"pid": dead_pid(), "start": None}, {"pid": me, "start": -1}):
        path.parent.mkdir(exist_ok=True)  # removed with the lock by the last holder
        path.write_text(json.dumps(stale))
        with lock.hold(store):
            assert json.loads(path.read_text())["pid"] == me
        assert not path.exists()


# -- a run killed at every step of its commit -------------------------------------------------


@pytest.mark.parametrize("layout", ["snapshots", "earlier-layout"])
def test_a_run_killed_at_any_step_of_its_commit_leaves_the_old_or_the_new_data(
    tmp_path: Path, layout: str
) -> None:
    files = {"a.txt": Q2, "b.txt": Q2 + "\n第1份\n", "c.txt": Q3}  # c: a partition left alone
    corpus = write_corpus(tmp_path / "corpus", files)
    base = tmp_path / "base"
    ingest(corpus, base, workers=1)
    if layout == "earlier-layout":
        old_layout(base)
    before = consistent(base)
    (corpus / "b.txt").unlink()  # one removed (--prune), one added
    (corpus / "e.txt").write_text(Q2 + "\n第4份\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run(  # a kill before each step of the commit, in turn
        [sys.executable, RUNS, "killed", str(corpus), str(base), str(work), "--prune"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    steps = int(done.stdout.split()[-1])
    assert steps > 5
    after = consistent(work / str(steps))
    assert after != before and len(after["bulletins"]) == 3
    seen = set()
    for k in range(1, steps):
        state = consistent(work / f"{k}-killed")
        assert state in (before, after), f"killed before step {k}: a mix of two runs"
        seen.add("new" if state == after else "old")
        assert consistent(work / str(k)) == after, f"the run after a kill at step {k}"
        assert not leftovers(work / str(k))
    assert seen == {"old", "new"}  # killed both before and after the switch


# -- other people's files, and an empty --out -----------------------------------------------


def test_other_files_in_out_are_left_alone(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": Q2, "c.txt": Q3})
    out = tmp_path / "home"
    theirs = {
        ".x.tmp": "a hidden temp file",
        "notes.txt": "notes",
        "docs/.draft.md.tmp": "an editor's temp file",
        ".journal.json.x.tmp": "not this tool's name",
    }
    write_corpus(out, theirs)
    command = [BULLETINS, "ingest", str(corpus), "--out", str(out), "--quiet", "--workers", "1"]
    subprocess.run(command, check=True, capture_output=True)
    inside = out / "items" / "2024-Q2" / ".notes.tmp"  # someone's file among the datasets
    inside.write_text("kept", encoding="utf-8")
    (corpus / "c.txt").write_text(Q3.replace("已完工62户", "已完工70户"), encoding="utf-8")
    subprocess.run([*command, "--force"], check=True, capture_output=True)
    for name, text in theirs.items():
        assert (out / name).read_text(encoding="utf-8") == text, name
    assert inside.read_text(encoding="utf-8") == "kept"
    assert len(consistent(out)["bulletins"]) == 2


def test_a_dataset_name_taken_by_someone_else_is_a_usage_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": Q2})
    out = write_corpus(tmp_path / "home", {"items/list.csv": "a,b\n"})
    done = subprocess.run(
        [BULLETINS, "ingest", str(corpus), "--out", str(out), "--quiet"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"bulletins: error: {out}: items not written by this tool (no manifest): move it away"
        " or choose another --out"
    ]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "items",
        "items/list.csv",
    ]


def test_other_files_on_an_object_store_are_left_alone(tmp_path: Path) -> None:
    """Without snapshots (an in-memory pyarrow filesystem, as an object store looks): only this
    tool's own temporary names are ever removed, and the journal still commits."""
    from pyarrow.fs import _MockFileSystem

    corpus = write_corpus(tmp_path / "corpus", {"a.txt": Q2, "c.txt": Q3})
    memory = _MockFileSystem()
    theirs = ["bucket/out/.x.tmp", "bucket/out/items/.notes.tmp", "bucket/out/docs/.a.md.tmp"]
    for path in theirs:
        memory.create_dir(path.rsplit("/", 1)[0])
        with memory.open_output_stream(path) as handle:
            handle.write(b"theirs")
    stray = "bucket/out/items/2024-Q2/.part-0.parquet.0123456789ab.tmp"
    memory.create_dir(stray.rsplit("/", 1)[0])
    with memory.open_output_stream(stray) as handle:  # what a killed run of this tool leaves
        handle.write(b"PAR1 half")
    first = ingest(corpus, "bucket/out", workers=1, filesystem=memory)
    again = ingest(corpus, "bucket/out", workers=1, filesystem=memory, force=True)
    assert first.rows == again.rows and again.rows["bulletins"] == 2
    for path in theirs:
        with memory.open_input_stream(path) as handle:
            assert handle.read() == b"theirs", path
    assert memory.get_file_info(stray).type.name == "NotFound"


@pytest.mark.parametrize("out", ["", " "])
def test_an_empty_out_is_a_usage_error(tmp_path: Path, out: str) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": Q2})
    (tmp_path / ".x.tmp").write_text("mine", encoding="utf-8")
    done = subprocess.run(
        [BULLETINS, "ingest", str(corpus), "--out", out],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "bulletins: error: --out is empty: name a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".x.tmp", "corpus"]


def test_an_out_copied_by_a_tool_that_follows_links_is_taken_up(tmp_path: Path) -> None:
    """shutil.copytree (and cp -L) copies the links' targets: real dataset folders, and
    `.bulletins/current` as a folder. The next run into the copy goes on from its rows."""
    corpus = write_corpus(tmp_path / "corpus", {"q2.txt": Q2, "q3.txt": Q3})
    out = tmp_path / "out"
    ingest(corpus, out)
    before = consistent(out)
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    assert not (copy / "items").is_symlink() and not (copy / ".bulletins/current").is_symlink()
    summary = ingest(corpus, copy)
    assert summary.parsed == 0  # the copied manifest was read: nothing to parse again
    assert consistent(copy) == before
    assert (copy / "items").is_symlink() and (copy / ".bulletins/current").is_symlink()
    assert not leftovers(copy)
