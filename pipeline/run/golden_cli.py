"""The `golden update|check` and `diff` subcommands: their arguments and what they print.

    bulletins golden update CORPUS GOLDENS [--only PATH]...   write the goldens of CORPUS
    bulletins golden check CORPUS GOLDENS [--json]            compare CORPUS with its goldens
    bulletins diff OUT_A OUT_B [--json]                       compare two output folders

Exit status: `golden check` 0 when every document matches its golden, 1 on any drift (a
document changed, without a golden, or a golden without its document); `golden update` and
`diff` 0; 2 a usage error; 3 a worker process died.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pipeline.run.arguments import add_selection
from pipeline.run.compare import diff, diff_lines
from pipeline.run.discovery import Selection
from pipeline.run.golden import Checked, WorkersDied, check, documents, update, worker_count
from pipeline.run.golden_diff import change_lines
from pipeline.text.controls import shown

COMMANDS = ("golden", "diff")
EXIT_OK, EXIT_DRIFT, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def add_commands(commands: Any) -> None:
    golden = commands.add_parser(
        "golden",
        help="write or check one reviewed JSON golden per document of a corpus",
        description="Goldens: the `parse --json` output of each document under CORPUS, one"
        " file each under GOLDENS (GOLDENS/<path relative to CORPUS>.json), with nothing that"
        " depends on where or when they were made.",
    )
    actions = golden.add_subparsers(dest="action", required=True, metavar="ACTION")
    write = actions.add_parser("update", help="write the goldens of CORPUS under GOLDENS")
    read = actions.add_parser("check", help="parse CORPUS and compare it with GOLDENS")
    for action in (write, read):
        action.add_argument("corpus", type=Path, metavar="CORPUS", help="a folder (or one file)")
        action.add_argument("goldens", type=Path, metavar="GOLDENS", help="the goldens' folder")
        action.add_argument(
            "--workers", type=int, default=None, metavar="N",
            help="parallel workers (default: the machine's cores; 1 parses in this process)",
        )  # fmt: skip
        add_selection(action)
    write.add_argument(
        "--only", action="append", default=[], metavar="PATH",
        help="rewrite this document's golden only (repeatable; a path, or one relative to CORPUS)",
    )  # fmt: skip
    write.add_argument(
        "--with-version", action="store_true", help="keep the parser version in the goldens"
    )
    write.add_argument(
        "--prune", action="store_true", help="remove the goldens of documents no longer there"
    )
    read.add_argument("--json", action="store_true", help="print the changes as one JSON object")
    compare = commands.add_parser(
        "diff",
        help="compare two output folders (bulletins, items, statuses, measures, findings)",
        description="Compare the datasets of two --out folders, e.g. one corpus ingested by"
        " two versions. Exit status 0 whatever the differences.",
    )
    compare.add_argument("out_a", type=Path, metavar="OUT_A")
    compare.add_argument("out_b", type=Path, metavar="OUT_B")
    compare.add_argument("--json", action="store_true", help="print the differences as JSON")


def run(args: argparse.Namespace) -> int:
    try:
        if args.command == "diff":
            return _diff(args.out_a, args.out_b, as_json=args.json)
        return _golden(args)
    except WorkersDied as exc:
        _error(str(exc))
        return EXIT_FAILED


def _golden(args: argparse.Namespace) -> int:
    corpus, goldens = args.corpus, args.goldens
    if not corpus.exists():
        _error(f"{corpus}: no such file or folder")
        return EXIT_USAGE
    if args.workers is not None and args.workers < 1:
        _error("--workers must be at least 1")
        return EXIT_USAGE
    workers = worker_count(args.workers)
    docs = documents(corpus, Selection.of(args.include, args.exclude), goldens)
    if args.action == "check":
        result = check(docs, goldens, workers=workers)
        if args.json:
            sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n")
        else:
            _write(_check_text(result))
        return EXIT_DRIFT if result.drift else EXIT_OK
    if args.only:
        if args.prune:
            _error("--prune goes with a whole update, not --only")
            return EXIT_USAGE
        names = {d.name: d for d in docs}
        wanted = [_name_in(corpus, only) for only in args.only]
        unknown = [only for only, name in zip(args.only, wanted, strict=True) if name not in names]
        if unknown:
            _error(f"{unknown[0]}: not a document under {corpus}")
            return EXIT_USAGE
        docs = [names[name] for name in dict.fromkeys(wanted) if name is not None]
    done = update(docs, goldens, workers=workers, with_version=args.with_version, prune=args.prune)
    lines = [f"updated {goldens}/{name}.json" for name in done.written]
    lines += [f"removed {goldens}/{name}.json (its document is gone)" for name in done.removed]
    lines.append(
        f"{len(done.written)} golden(s) written, {done.unchanged} unchanged"
        f"{f', {len(done.removed)} removed' if done.removed else ''}"
        ": review them (git diff) before committing"
    )
    _write("\n".join(lines))
    return EXIT_OK


def _name_in(corpus: Path, only: str) -> str | None:
    """--only PATH as a document name: PATH as typed when it is a file under CORPUS, else
    PATH relative to CORPUS."""
    root = corpus if corpus.is_dir() else corpus.parent
    typed = Path(only)
    if typed.is_file() and typed.resolve().is_relative_to(root.resolve()):
        return typed.resolve().relative_to(root.resolve()).as_posix()
    if (root / only).is_file():
        return Path(only).as_posix()
    return None


def _check_text(result: Checked) -> str:
    lines = []
    for name, changes in sorted(result.changed.items()):
        lines.append(f"changed: {name}")
        lines += change_lines(changes)
    lines += [f"new: {name} (no golden; `golden update --only` writes it)" for name in result.new]
    lines += [f"missing: {name} (a golden, but no document)" for name in result.missing]
    s = result.summary()
    lines.append(
        f"documents: {s['documents_unchanged']} unchanged, {s['documents_changed']} changed,"
        f" {s['documents_new']} new, {s['documents_missing']} missing;"
        f" items: {s['items_added']} added, {s['items_removed']} removed,"
        f" {s['items_changed']} changed;"
        f" findings: {s['findings_added']} added, {s['findings_removed']} removed"
    )
    return "\n".join(lines)


def _diff(out_a: Path, out_b: Path, *, as_json: bool) -> int:
    for out in (out_a, out_b):
        if not out.is_dir():
            _error(f"{out}: not an output folder")
            return EXIT_USAGE
    result = diff(out_a, out_b)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        _write("\n".join(diff_lines(result, str(out_a), str(out_b))))
    return EXIT_OK


def _write(text: str) -> None:
    """Lines to stdout, each with its control characters escaped (text from the documents
    may hold some)."""
    sys.stdout.write("".join(shown(line) + "\n" for line in text.split("\n")))


def _error(message: str) -> None:
    sys.stderr.write(f"bulletins: error: {shown(message)}\n")
