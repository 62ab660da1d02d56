"""`bulletins report OUT --html FILE [--period P] [--region R] [--issuer I]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pipeline.report.build import write_report
from pipeline.report.data import DATASETS, Filters
from pipeline.text.controls import shown


def add_command(commands: Any) -> None:
    """Register `report`: its handler is the `handler` default main() calls."""
    cmd = commands.add_parser(
        "report",
        help="write one self-contained HTML report of the datasets under OUT",
        description="Write one HTML file (charts inline, no script, nothing fetched: it reads"
        " offline and when mailed) from the datasets under OUT, each bulletin counted once.",
    )
    cmd.add_argument("out", type=Path, metavar="OUT", help="an output folder of `ingest`")
    cmd.add_argument("--html", type=Path, required=True, metavar="FILE", help="the file to write")
    cmd.add_argument("--period", metavar="P", help="one period only: 2024-Q2, unknown")
    cmd.add_argument("--region", metavar="R", help="one region only (as written or normalised)")
    cmd.add_argument("--issuer", metavar="I", help="one issuer only (as written or normalised)")
    cmd.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """0 when written; 2 (one line on stderr) when OUT holds no datasets."""
    out: Path = args.out
    if not any((out / name).exists() for name in DATASETS):
        sys.stderr.write(f"bulletins: error: {shown(str(out))}: no datasets here (run ingest)\n")
        return 2
    filters = Filters(period=args.period, region=args.region, issuer=args.issuer)
    size = write_report(out, args.html, filters)
    sys.stdout.write(shown(f"report written to {args.html} ({size / 1024:,.0f} KiB)") + "\n")
    return 0
