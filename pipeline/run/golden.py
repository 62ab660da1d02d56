"""Goldens: one reviewed JSON file per document of an archive, and a check that the parser
still reads every document as its golden says.

A golden is the document's `bulletins parse --json` object (pretty, keys sorted, Chinese kept
as is), or `{"error": {"reason", "message"}}` for a rejected document, and holds nothing that
depends on where or when it was made: its source_path (and the paths in messages) are relative
to CORPUS, and the parser version is left out unless asked for. The golden of CORPUS/sub/a.txt
is GOLDENS/sub/a.txt.json: the document's path relative to CORPUS, plus `.json`.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parsers import ParseError, recorded_name
from pipeline.model.errors import BulletinError
from pipeline.run.discovery import DEFAULT_SELECTION, Selection, find_files
from pipeline.run.executors import PRELOAD, _pool
from pipeline.run.golden_diff import compare, has_changes
from pipeline.run.parse_output import parsed_to_json
from pipeline.run.task import DEFAULT_LIMITS, parse_file

SUFFIX = ".json"
Data = dict[str, Any]


@dataclass(frozen=True)
class Document:
    path: Path  # the file, to read
    name: str  # its path relative to CORPUS (POSIX), which names its golden
    display: str  # that name as recorded in source_path (`parsers.recorded_name`)


def documents(
    corpus: Path, selection: Selection = DEFAULT_SELECTION, goldens: Path | None = None
) -> list[Document]:
    """The documents under `corpus` that `ingest` would read (a folder, or one file), but
    those inside `goldens`."""
    root = corpus if corpus.is_dir() else corpus.parent
    inside = goldens.resolve() if goldens is not None else None
    found = []
    for path in find_files(corpus, selection).files:
        if inside is not None and path.resolve().is_relative_to(inside):
            continue
        name = path.relative_to(root).as_posix()
        found.append(Document(path, name, recorded_name(name)))
    return found


def golden_file(goldens: Path, name: str) -> Path:
    return goldens / f"{name}{SUFFIX}"


def document_data(path: Path, display: str, with_version: bool = False) -> Data:
    """What a golden of the document holds, as data."""

    try:
        data = parsed_to_json(parse_file(path, display_path=display))
    except (ParseError, BulletinError) as exc:
        return {"error": {"reason": exc.reason, "message": exc.one_line()}}
    if not with_version:
        data["bulletin"].pop("parser_version", None)
    return data


def render(data: Data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class WorkersDied(RuntimeError):
    """A worker process died while parsing (out of memory, a crash in a C library)."""


def parse_all(
    docs: Sequence[Document], *, workers: int = 1, with_version: bool = False
) -> list[Data]:
    """Each document's golden data, in order: in this process with one worker, else in the
    process pool `ingest` uses (workers forked from a warmed server, memory capped)."""
    if workers <= 1 or len(docs) <= 1:
        return [document_data(d.path, d.display, with_version) for d in docs]
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    try:
        with _pool(context, min(workers, len(docs)), DEFAULT_LIMITS) as pool:
            futures = [pool.submit(document_data, d.path, d.display, with_version) for d in docs]
            return [future.result() for future in futures]
    except BrokenProcessPool as exc:
        raise WorkersDied(
            "a worker process died while parsing (out of memory, or a crash)"
        ) from exc


def read_golden(path: Path) -> Data:
    data: Data = json.loads(path.read_text(encoding="utf-8", errors="surrogateescape"))
    return data


def write_golden(path: Path, data: Data) -> bool:
    """Write the golden if its text changed; whether it did."""
    text = render(data)
    if path.exists() and path.read_text(encoding="utf-8", errors="surrogateescape") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="surrogateescape")
    return True


def golden_names(goldens: Path) -> set[str]:
    """The documents that have a golden under `goldens`, by name."""
    if not goldens.is_dir():
        return set()
    return {
        path.relative_to(goldens).as_posix()[: -len(SUFFIX)]
        for path in goldens.rglob(f"*{SUFFIX}")
        if path.is_file()
    }


@dataclass
class Updated:
    # documents (as recorded: `parsers.recorded_name`) whose golden was new or changed
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)  # goldens of documents gone (--prune)


def update(
    docs: Sequence[Document],
    goldens: Path,
    *,
    workers: int = 1,
    with_version: bool = False,
    prune: bool = False,
) -> Updated:
    """Write the goldens of `docs`; with `prune`, remove the goldens of no document."""
    result = Updated()
    for doc, data in zip(
        docs, parse_all(docs, workers=workers, with_version=with_version), strict=True
    ):
        if write_golden(golden_file(goldens, doc.name), data):
            result.written.append(doc.display)
        else:
            result.unchanged += 1
    if prune:
        for name in sorted(golden_names(goldens) - {d.name for d in docs}):
            golden_file(goldens, name).unlink()
            result.removed.append(recorded_name(name))
    return result


@dataclass
class Checked:
    unchanged: int = 0
    # Documents by their recorded names (`parsers.recorded_name`), as source_path has them.
    changed: dict[str, Data] = field(default_factory=dict)  # name -> its changes (golden_diff)
    new: list[str] = field(default_factory=list)  # documents with no golden
    missing: list[str] = field(default_factory=list)  # goldens with no document

    @property
    def drift(self) -> bool:
        return bool(self.changed or self.new or self.missing)

    def summary(self) -> dict[str, int]:
        def total(part: str, what: str) -> int:
            return sum(len(c[part][what]) for c in self.changed.values())

        return {
            "documents_unchanged": self.unchanged,
            "documents_changed": len(self.changed),
            "documents_new": len(self.new),
            "documents_missing": len(self.missing),
            "items_added": total("items", "added"),
            "items_removed": total("items", "removed"),
            "items_changed": sum(
                len({c["item"] for c in ch["items"]["changed"]}) for ch in self.changed.values()
            ),
            "findings_added": total("findings", "added"),
            "findings_removed": total("findings", "removed"),
        }

    def as_json(self) -> Data:
        return {
            "changed": [{"document": name, **c} for name, c in sorted(self.changed.items())],
            "new": self.new,
            "missing": self.missing,
            "summary": self.summary(),
        }


def check(docs: Sequence[Document], goldens: Path, *, workers: int = 1) -> Checked:
    """Parse `docs` and compare each with its golden. A golden that holds a parser version
    (made with --with-version) is compared with the version now."""
    result = Checked()
    known = golden_names(goldens)
    # one parse per document; the version, where the golden has none, is dropped after
    for doc, data in zip(docs, parse_all(docs, workers=workers, with_version=True), strict=True):
        if doc.name not in known:
            result.new.append(doc.display)
            continue
        golden = read_golden(golden_file(goldens, doc.name))
        if "parser_version" not in golden.get("bulletin", {}) and "bulletin" in data:
            data["bulletin"].pop("parser_version", None)
        changes = compare(golden, data)
        if has_changes(changes):
            result.changed[doc.display] = changes
        else:
            result.unchanged += 1
    result.missing = sorted(recorded_name(n) for n in known - {d.name for d in docs})
    return result


def worker_count(workers: int | None) -> int:
    return workers or os.cpu_count() or 1
