"""The data dictionary rendered: `docs/datasets.md` (Markdown) and `bulletins schema` (text or
JSON), from the Arrow schemas, the descriptions their fields carry, the findings catalogue and
the rejection reasons. Nothing here is written by hand: edit `pipeline/model/dictionary.py`
(or the schema, or the catalogue) and regenerate.

    python -m pipeline.run.dictionary_doc --write    rewrite docs/datasets.md
    python -m pipeline.run.dictionary_doc --check    exit 1 if docs/datasets.md is stale
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parsers.errors import REASONS as READER_REASONS
from pipeline.model.dictionary import DATASETS, REJECTIONS, description
from pipeline.model.errors import REASONS as PIPELINE_REASONS
from pipeline.model.findings import CATALOGUE
from pipeline.model.schema import PARTITION_COLUMNS, PARTITIONED, SCHEMAS, file_schema
from pipeline.text.controls import shown

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "datasets.md"
REGENERATE = "python -m pipeline.run.dictionary_doc --write"
WIDTH = 100


def layout(dataset: str) -> str:
    """Where a dataset's files are, below the output folder."""
    if dataset not in PARTITIONED:
        return f"`{dataset}/part-0.parquet`: one file, replaced by each run"
    return (
        f"`{dataset}/<period>/part-0.parquet`: one folder per reporting period, named `2024-Q2`"
        " (`2024` for a year without a quarter, `unknown` when the period could not be read),"
        " with no `=` in it, so that no reader adds a column: `year` and `quarter` are columns"
        f" of the files; `{dataset}/part-0.parquet` alone, empty, when the dataset has no rows"
    )


def columns(dataset: str) -> list[dict[str, Any]]:
    """The columns of the dataset's files: name, Arrow type, nullable, description, and
    whether it names the partition folder."""
    return [
        {
            "name": field.name,
            "type": str(field.type),
            "nullable": field.nullable,
            "description": description(field),
            "partition": field.name in PARTITION_COLUMNS,
        }
        for field in file_schema(dataset)
    ]


def rejections() -> list[dict[str, str]]:
    """The manifest's rejection reasons: code, who gives it, what it means."""
    return [
        {"reason": code, "from": source, "meaning": REJECTIONS.get(code, "")}
        for codes, source in ((READER_REASONS, "reader"), (PIPELINE_REASONS, "pipeline"))
        for code in codes
    ]


def checks() -> list[dict[str, str]]:
    return [
        {"check": c.code, "severity": c.severity, "meaning": c.meaning, "action": c.action}
        for c in CATALOGUE
    ]


def as_data(dataset: str) -> dict[str, Any]:
    """One dataset's dictionary as data (`bulletins schema DATASET --json`)."""
    data: dict[str, Any] = {
        "rows": DATASETS.get(dataset, ""),
        "layout": layout(dataset),
        "columns": columns(dataset),
    }
    if dataset == "findings":
        data["checks"] = checks()
    if dataset == "manifest":
        data["reasons"] = rejections()
    return data


def as_text(dataset: str) -> str:
    """One dataset's dictionary, readable on a terminal."""
    data = as_data(dataset)
    lines = [f"{dataset}: {data['rows']}", *_wrapped(f"stored as {data['layout']}", "  "), ""]
    for column in data["columns"]:
        null = "" if column["nullable"] else ", not null"
        lines.append(f"  {column['name']}  ({column['type']}{null})")
        lines.extend(_wrapped(column["description"] or "(no description)", "      "))
    if "checks" in data:
        lines += ["", "  checks (severity: meaning; what to do):"]
        for check in data["checks"]:
            lines.append(f"  {check['check']}  ({check['severity']})")
            lines.extend(_wrapped(f"{check['meaning']}; {check['action']}", "      "))
    if "reasons" in data:
        lines += ["", "  rejection reasons:"]
        for reason in data["reasons"]:
            lines.append(f"  {reason['reason']}  ({reason['from']})")
            lines.extend(_wrapped(reason["meaning"], "      "))
    return "\n".join(lines) + "\n"


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown() -> str:
    """docs/datasets.md."""
    out = [
        "# Datasets",
        "",
        "<!-- Generated from the Arrow schemas (pipeline/model/schema.py), the column",
        "     descriptions (pipeline/model/dictionary.py) and the findings catalogue; do not",
        f"     edit by hand: after changing any of them, run `{REGENERATE}`. -->",
        "",
        "Each column's description is also stored in the Parquet files, as the Arrow field",
        'metadata `b"description"` (`pq.read_schema(path).field("status").metadata`), and',
        "printed by `bulletins schema [DATASET]`. A partition file written by an earlier version",
        "carries none until a run rewrites its partition.",
    ]
    for dataset in SCHEMAS:
        out += ["", *_dataset_section(dataset)]
    out += ["", *_checks_section(), "", *_reasons_section()]
    return "\n".join(out) + "\n"


def _dataset_section(dataset: str) -> list[str]:
    rows = DATASETS.get(dataset, "")
    out = [f"## `{dataset}`", "", f"{rows[:1].upper()}{rows[1:]}.", ""]
    out += [f"Stored as {layout(dataset)}.", ""]
    out += ["| column | Arrow type | nullable | description |", "|---|---|---|---|"]
    for column in columns(dataset):
        nullable = "yes" if column["nullable"] else "no"
        text = _cell(column["description"] or "")
        out.append(f"| `{column['name']}` | {_cell(column['type'])} | {nullable} | {text} |")
    return out


def _checks_section() -> list[str]:
    out = ["## Findings checks", ""]
    out += ["The `check` codes of `findings`, from the findings catalogue"]
    out += ["(`pipeline/model/findings.py`, where each is declared once):", ""]
    out += ["| check | severity | meaning | what to do |", "|---|---|---|---|"]
    for c in CATALOGUE:
        out.append(f"| `{c.code}` | {c.severity} | {_cell(c.meaning)} | {_cell(c.action)} |")
    return out


def _reasons_section() -> list[str]:
    out = ["## Rejection reasons", ""]
    out += ["The `reason` of a rejected file in `manifest`, given by a reader"]
    out += ["(`parsers/errors.py`) or by the pipeline (`pipeline/model/errors.py`):", ""]
    out += ["| reason | from | meaning |", "|---|---|---|"]
    for r in rejections():
        out.append(f"| `{r['reason']}` | {r['from']} | {_cell(r['meaning'])} |")
    return out


def add_command(commands: Any) -> None:
    """`bulletins schema [DATASET] [--json]`."""
    schema_cmd = commands.add_parser(
        "schema",
        help="print the data dictionary: each dataset's columns and what they mean",
        description="Print each dataset's layout and columns (Arrow type, nullable, meaning),"
        " the findings checks and the rejection reasons; or one dataset's.",
    )
    schema_cmd.add_argument(
        "dataset", nargs="?", metavar="DATASET", help=f"one of {', '.join(SCHEMAS)}"
    )
    schema_cmd.add_argument("--json", action="store_true", help="print it as one JSON object")


def print_dictionary(dataset: str | None, *, as_json: bool) -> int:
    """`bulletins schema`: 0, or 2 (one line on stderr) for an unknown dataset."""
    if dataset is not None and dataset not in SCHEMAS:
        known = ", ".join(SCHEMAS)
        sys.stderr.write(f"bulletins: error: no dataset {shown(dataset)!r}: one of {known}\n")
        return 2
    names = list(SCHEMAS) if dataset is None else [dataset]
    if as_json:
        data = {name: as_data(name) for name in names}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(as_text(name) for name in names))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check docs/datasets.md.")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="rewrite docs/datasets.md")
    action.add_argument("--check", action="store_true", help="exit 1 if it is stale")
    args = parser.parse_args(argv)
    text = markdown()
    if args.write:
        DOC.parent.mkdir(exist_ok=True)
        DOC.write_text(text, encoding="utf-8")
        return 0
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if current != text:
        sys.stderr.write(f"{DOC} is stale: run `{REGENERATE}`\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
