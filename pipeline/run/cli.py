"""`bulletins`: the command line, a thin layer over `pipeline.run.ingest`.

    bulletins ingest CORPUS --out DIR    parse the files under CORPUS, update the datasets
    bulletins parse FILE [--json]        parse one file and print it
    bulletins schema [DATASET] [--json]  print the data dictionary
    bulletins golden update|check, diff  goldens and output folders (`pipeline.run.golden_cli`)
    bulletins report OUT --html FILE     one self-contained HTML report (`pipeline.report`)

Exit status: 0 all files ok; 1 some file rejected (the rest written); 2 usage error; 3 the run
itself failed (--out cannot be written, a full disk ...) and nothing was written; 4 --out is
in use by another run; 130 and 143 stopped by SIGINT and SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parsers import ParseError, not_regular
from pipeline import __version__
from pipeline.model.errors import BulletinError
from pipeline.output.lock import OutBusy
from pipeline.output.snapshot import OutConflict
from pipeline.report import command as report_command
from pipeline.run import dictionary_doc
from pipeline.run.arguments import (
    Parser,
    add_limits,
    add_ocr_option,
    add_pdf_engine,
    add_selection,
    add_vocab_option,
    check_places,
    memory_limit,
    out_location,
    use_ocr,
    use_vocabulary,
)
from pipeline.run.discovery import Selection
from pipeline.run.failures import RunFailed
from pipeline.run.golden_cli import COMMANDS, add_commands, run
from pipeline.run.ingest import EXECUTORS, Limits, Outcome, WorkersCannotStart, ingest, parse_file
from pipeline.run.interruption import Interrupted, interruptible
from pipeline.run.parse_output import parsed_to_json, print_summary
from pipeline.run.report import summary_lines
from pipeline.text.controls import shown

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_FAILED, EXIT_BUSY = 0, 1, 2, 3, 4


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="bulletins",
        description="Turn Chinese progress bulletins (督查通报) into quarterly Parquet datasets.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    _add_ingest(commands)
    _add_parse(commands)
    for name in ("ingest", "parse"):
        add_vocab_option(commands.choices[name])
        add_ocr_option(commands.choices[name])
    dictionary_doc.add_command(commands)
    add_commands(commands)  # golden update|check, diff
    report_command.add_command(commands)
    return parser


def _add_ingest(commands: Any) -> None:
    ingest_cmd = commands.add_parser(
        "ingest",
        help="parse the files under CORPUS and bring the datasets under --out up to date",
        description="Parse the new and changed files under CORPUS (those of the formats read:"
        " .txt, .docx, .pdf, .html and, without a suffix, by content; README files, hidden"
        " files and other files are skipped) and bring the bulletins, items, measures, findings"
        " and manifest datasets under --out up to date.",
    )
    ingest_cmd.add_argument("corpus", type=Path, metavar="CORPUS", help="a folder (or one file)")
    ingest_cmd.add_argument(
        "--out",
        required=True,
        type=out_location,
        metavar="DIR",
        help="output folder, or a URI of any filesystem pyarrow supports (file://, s3:// ...)",
    )
    ingest_cmd.add_argument(
        "--quiet", action="store_true", help="no progress bar and no per-file messages"
    )
    ingest_cmd.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="parallel workers (default: the machine's cores)",
    )
    ingest_cmd.add_argument(
        "--executor",
        choices=EXECUTORS,
        default="local",
        help="local process pool (default) or a Dask cluster",
    )
    ingest_cmd.add_argument(
        "--scheduler",
        metavar="URL",
        help="with --executor dask: an existing cluster (tcp://HOST:PORT); default: a local one",
    )
    ingest_cmd.add_argument(
        "--force",
        action="store_true",
        help="parse every file again, even those unchanged since the last run",
    )
    ingest_cmd.add_argument(
        "--prune",
        action="store_true",
        help="remove the rows of files that are no longer in CORPUS",
    )
    add_selection(ingest_cmd)
    add_pdf_engine(ingest_cmd)
    add_limits(ingest_cmd)


def _add_parse(commands: Any) -> None:
    parse_cmd = commands.add_parser(
        "parse",
        help="parse one file and print it",
        description="Parse one file and print a readable summary, or JSON with --json.",
    )
    parse_cmd.add_argument("file", type=Path, metavar="FILE")
    parse_cmd.add_argument(
        "--json", action="store_true", help="print one JSON object with the dataset columns"
    )
    add_pdf_engine(parse_cmd)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    if (problem := use_vocabulary(getattr(args, "vocab", None))) is not None:  # before any read
        _error(problem)
        return EXIT_USAGE
    if (problem := use_ocr(getattr(args, "ocr", False))) is not None:
        _error(problem)
        return EXIT_USAGE
    if args.command in COMMANDS:
        return run(args)
    if hasattr(args, "handler"):
        return int(args.handler(args))
    if args.command == "ingest":
        if args.workers is not None and args.workers < 1:
            _error("--workers must be at least 1")
            return EXIT_USAGE
        if args.scheduler and args.executor != "dask":
            _error("--scheduler goes with --executor dask")
            return EXIT_USAGE
        options = {
            "workers": args.workers,
            "executor": args.executor,
            "scheduler": args.scheduler,
            "force": args.force,
            "prune": args.prune,
            "limits": Limits(
                timeout=args.timeout, max_memory_mb=memory_limit(args), pdf_engine=args.pdf_engine
            ),
            "wait": args.wait,
            "selection": Selection.of(args.include, args.exclude),
        }
        return _ingest_or_stop(args.corpus, args.out, quiet=args.quiet, options=options)
    if args.command == "schema":
        return dictionary_doc.print_dictionary(args.dataset, as_json=args.json)
    return _parse(args.file, as_json=args.json, pdf_engine=args.pdf_engine)


def _ingest_or_stop(corpus: Path, out: str, *, quiet: bool, options: dict[str, Any]) -> int:
    """`_ingest`, stopped by SIGINT or SIGTERM: the workers are stopped and the spill folder
    removed on the way out, one line says what became of OUT, exit status 128 + the signal."""
    try:
        with interruptible():
            return _ingest(corpus, out, quiet=quiet, options=options)
    except Interrupted as stop:
        print(f"bulletins: {shown(stop.one_line(out))}", file=sys.stderr)
        return stop.exit_status


def _ingest(corpus: Path, out: str, *, quiet: bool, options: dict[str, Any]) -> int:
    problem = check_places(corpus, out)
    if problem is not None:
        status, message = problem
        _error(message)
        return status
    bars: list[Any] = []

    def on_plan(total: int) -> None:
        bar = _progress_bar(total, enabled=not quiet and sys.stderr.isatty())
        if bar is not None:
            bars.append(bar)

    def on_file(outcome: Outcome) -> None:
        bar = bars[0] if bars else None
        if outcome.entry.status == "rejected" and not quiet:
            _say(f"rejected: {outcome.entry.message}", bar)
        if bar is not None:
            bar.update(1)

    started = time.monotonic()
    try:
        summary = ingest(corpus, out, on_plan=on_plan, on_file=on_file, **options)
    except WorkersCannotStart as exc:
        _error(f"{exc}; nothing was written")
        return EXIT_FAILED
    except RunFailed as exc:  # its message says what became of the datasets
        _error(str(exc))
        return EXIT_FAILED
    except (OutBusy, OutConflict) as exc:  # another run holds --out; --out is not ours
        _error(str(exc))
        return EXIT_BUSY if isinstance(exc, OutBusy) else EXIT_USAGE
    finally:
        for bar in bars:
            bar.close()
    if not quiet:
        for path, what in summary.skipped:
            print(shown(f"skipped: {path}: {what}, not a regular file"), file=sys.stderr)
    print("\n".join(summary_lines(summary, out, time.monotonic() - started)))
    return EXIT_REJECTED if summary.rejected else EXIT_OK


def _progress_bar(total: int, *, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, leave=False)


def _error(message: str) -> None:
    print(f"bulletins: error: {shown(message)}", file=sys.stderr)


def _say(message: str, bar: Any) -> None:
    """One line to stderr (above the progress bar, if any), control characters escaped."""
    message = shown(message)
    if bar is not None:
        bar.write(message, file=sys.stderr)
    else:
        print(message, file=sys.stderr)


def _parse(file: Path, *, as_json: bool, pdf_engine: str) -> int:
    kind = not_regular(file)
    if kind is not None:
        problem = {"missing": "no such file", "a folder": "is a folder; use ingest"}.get(
            kind, f"is {kind}, not a regular file"
        )
        _error(f"{file}: {problem}")
        return EXIT_USAGE
    try:
        parsed = parse_file(file, pdf_engine=pdf_engine)
    except (ParseError, BulletinError) as exc:
        if as_json:
            error = {"reason": exc.reason, "message": exc.one_line()}
            print(json.dumps({"error": error}, ensure_ascii=False))
        else:
            print(shown(exc.one_line()), file=sys.stderr)
        return EXIT_REJECTED
    if as_json:
        print(json.dumps(parsed_to_json(parsed), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print_summary(parsed, sys.stdout)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
