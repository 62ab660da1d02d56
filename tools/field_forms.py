"""Score the parser on the field corpus with each page's table rewritten in another form.

    python tools/field_forms.py DIR      (or: make perturb FIELD=DIR)

A table a page prints one way, another page prints another: the same rows as pipe rows, as
cells separated by blank lines, one cell a line, cells joined by spaces, tabs (a table copied
from a browser). Each page whose table `make field` reads is rewritten, in a temporary folder
(the texts stay where they are), and read again; a form the readers were not fitted to shows
where they lean on the pages they were made for. Three rewritings:

- pipe rows as other forms: on pages whose table is pipe rows, every line of two pipes or more
  is rewritten as blank-line cells, pipe cells (a cell a line ending in |), one cell a line,
  cells joined by spaces, and tabs; an empty cell leaves no line where the form has no
  delimiter for it (blank-line cells, one cell a line, spaces), as on real pages;
- blank lines removed: every blank line of pages of the other forms (blank-line cells become
  one cell a line, as some pages print them);
- list markers restyled: on pages whose items are numbered lines, the commonest kind of marker
  (1. 1、 (1) 一、 (一) …) rewritten in each other style, the numbers kept.

One line per rewriting: pages read as labelled, of those rewritten, and the pages missed.
Without the texts it says how to gather them and exits 0.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import field

Label = dict[str, Any]
_DIGITS = "一二三四五六七八九十"
# A list marker at the start of a line, one group per kind: 1. 1、 (1) 一、 (一)
_MARKER = re.compile(
    r"^(\s*)(?:(\d{1,2})[.、．]|[(（](\d{1,2})[)）]|([一二三四五六七八九十]{1,3})[、.]"
    r"|[(（]([一二三四五六七八九十]{1,3})[)）])"
)


def _chinese(number: int) -> str:
    tens, units = divmod(number, 10)
    return ((_DIGITS[tens - 1] if tens > 1 else "") + "十" if tens else "") + (
        _DIGITS[units - 1] if units else ""
    )


STYLES: dict[str, Callable[[int], str]] = {
    "1.": lambda n: f"{n}.",
    "1、": lambda n: f"{n}、",
    "(1)": lambda n: f"({n})",
    "一、": lambda n: f"{_chinese(n)}、",
    "(一)": lambda n: f"({_chinese(n)})",
}


def _cells(line: str) -> list[str]:
    parts = [part.strip() for part in line.strip().split("|")]
    if parts and not parts[0]:
        parts = parts[1:]
    if parts and not parts[-1]:
        parts = parts[:-1]
    return parts


FORMS: dict[str, Callable[[list[str]], list[str]]] = {
    "blank-line cells": lambda cells: [x for cell in cells if cell for x in (cell, "")],
    "pipe cells": lambda cells: [f"{cell} |" if cell else "|" for cell in cells],
    "one cell a line": lambda cells: [cell for cell in cells if cell],
    "spaces": lambda cells: [" ".join(cell for cell in cells if cell)],
    "tabs": lambda cells: ["\t".join(cells)],
}


def pipe_rows_as(text: str, form: str) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(FORMS[form](_cells(line)) if line.count("|") >= 2 else [line])
    return "\n".join(out)


def without_blank_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def markers_as(text: str, style: str) -> str | None:
    """The text with its commonest kind of list marker in `style`; None with fewer than two."""
    lines = text.split("\n")
    found = [(i, m) for i, line in enumerate(lines) if (m := _MARKER.match(line))]
    kinds = collections.Counter(_kind(m) for _, m in found)
    if not kinds or kinds.most_common(1)[0][1] < 2:
        return None
    kind = kinds.most_common(1)[0][0]
    for index, match in found:
        if _kind(match) == kind:
            value = match.group(kind)
            number = int(value) if value.isdigit() else _number(value)
            rest = lines[index][match.end() :]
            lines[index] = match.group(1) + STYLES[style](number) + rest
    return "\n".join(lines)


def _kind(match: re.Match[str]) -> int:
    return next(group for group in range(2, 6) if match.group(group))


def _number(numeral: str) -> int:
    if numeral == "十":
        return 10
    tens, _, units = numeral.rpartition("十")
    value = _DIGITS.index(units) + 1 if units else 0
    return value + (10 * (_DIGITS.index(tens) + 1 if tens else 1) if "十" in numeral else 0)


def rewritings(label: Label, text: str) -> Iterator[tuple[str, str]]:
    """(name, rewritten text) for each rewriting that applies to the page."""
    form = label["table_form"]
    if form == "pipe_rows":
        for name in FORMS:
            yield f"pipe rows as {name}", pipe_rows_as(text, name)
    elif without_blank_lines(text) != text:
        yield "blank lines removed", without_blank_lines(text)
    if form == "lines":
        for style in STYLES:
            restyled = markers_as(text, style)
            if restyled is not None and restyled != text:
                yield f"list markers as {style}", restyled


def read_as_labelled(label: Label, path: Path) -> bool:
    parsed, status = field.parse(path)
    tally = field.Tally()
    field.score(label, parsed, status, tally)
    return bool(tally.tables) and tally.tables[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("texts", type=Path, nargs="?", metavar="DIR")
    parser.add_argument("--only", nargs="*", help="these page ids only")
    parser.add_argument("--labels", type=Path, default=field.LABELS)
    args = parser.parse_args(argv)
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    texts = args.texts
    if texts and not any((texts / f"{lb['id']}.txt").is_file() for lb in labels):
        texts = texts / "texts"
    pages = [
        lb
        for lb in labels
        if texts
        and (texts / f"{lb['id']}.txt").is_file()
        and lb["has_table"]
        and lb["visible_rows"]
        and (not args.only or lb["id"] in args.only)
    ]
    if not pages:
        print("no field texts found: gather them as field/README.md says, then run:")
        print("  make perturb FIELD=DIR")
        return 0
    results: dict[str, list[tuple[str, bool]]] = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as folder:
        for label in pages:
            source = texts / f"{label['id']}.txt"
            if not read_as_labelled(label, source):
                continue  # a page missed as it is says nothing of another form
            text = source.read_text(encoding="utf-8")
            for name, rewritten in rewritings(label, text):
                path = Path(folder) / f"{label['id']}.txt"
                path.write_text(rewritten, encoding="utf-8")
                results[name].append((label["id"], read_as_labelled(label, path)))
    for name, outcomes in results.items():
        read = sum(ok for _, ok in outcomes)
        missed = " ".join(page for page, ok in outcomes if not ok)
        print(f"{name:<26} {read}/{len(outcomes)} read" + (f"  missed: {missed}" if missed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
