"""Score the parser against the field corpus: real bulletin pages and their hand labels.

    python tools/field.py DIR            (or: make field FIELD=DIR)

DIR holds one `<id>.txt` per page of `field/labels.json`, or a `texts/` folder that does (the
texts are not in this repository: `field/README.md` says how to gather them). One line per
page, then the totals:

- tables read: pages with a progress table whose item rows are at least the visible rows of the
  label and whose first item's name is found;
- year right: pages whose label has a printed year;
- narrative-only bulletins rejected: pages without a table that are bulletins;
- declared counts equal: pages whose narrative states counts;
- years guessed: pages whose label prints no year but which were given one;
- issuer and issue date as labelled (no target: the labels name the office as the page prints
  it, so an office printed two ways counts as missed);
- crashes: any exception other than the readers' and the pipeline's own errors.
Without the texts it says how to gather them and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parsers import ParseError  # noqa: E402
from pipeline.model.errors import BulletinError  # noqa: E402
from pipeline.model.records import ParsedBulletin  # noqa: E402
from pipeline.run.task import parse_file  # noqa: E402
from pipeline.text.script import match_key  # noqa: E402

LABELS = ROOT / "field" / "labels.json"
TARGETS = {"tables": 0.90, "years": 0.95, "counts": 0.90}


@dataclass
class Tally:
    tables: list[bool] = field(default_factory=list)
    years: list[bool] = field(default_factory=list)
    narrative_rejected: list[bool] = field(default_factory=list)
    counts: list[bool] = field(default_factory=list)
    issuers: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)
    guessed_years: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)


def same_name(label: str, parsed: str) -> bool:
    """The label's first item is the parsed first item: the same match key, or one holding the
    other (a name cell that keeps its own numbering, or a label that leaves a tail off)."""
    a, b = match_key(label), match_key(parsed)
    return bool(a and b) and (a == b or a in b or b in a)


def parse(path: Path) -> tuple[ParsedBulletin | None, str]:
    try:
        return parse_file(path), "ok"
    except (ParseError, BulletinError) as exc:
        return None, exc.reason
    except Exception:  # a crash: what this scorer exists to find
        return None, "CRASH " + traceback.format_exc(limit=3).strip().splitlines()[-1]


def score(label: dict[str, Any], parsed: ParsedBulletin | None, status: str, tally: Tally) -> str:
    parts = [f"{label['id']:<5} {label['table_form'] or '-':<13} {status[:40]:<12}"]
    bulletin = parsed.bulletin if parsed else None
    if status.startswith("CRASH"):
        tally.crashes.append(f"{label['id']}: {status}")
    if not label["is_bulletin"]:
        return " ".join([*parts, "(not a bulletin)"])
    if label["has_table"] and label["visible_rows"]:
        items = parsed.items if parsed else ()
        # A per-region table's rows are regions: an item is a region's figures for one
        # indicator, the region its group.
        names = (items[0].name, items[0].group or "") if items else ()
        if label["table_form"] != "region_matrix":
            names = names[:1]
        first = any(same_name(label["first_item"] or "", name) for name in names)
        enough = len(items) >= label["visible_rows"]
        tally.tables.append(first and enough)
        mark = "ok" if first and enough else "MISS"
        parts.append(f"table {mark} ({len(items)}/{label['visible_rows']} rows, first {first})")
    elif not label["has_table"]:
        tally.narrative_rejected.append(parsed is None)
        parts.append("narrative " + ("REJECTED" if parsed is None else "ok"))
    got = bulletin.year if bulletin else None
    if label["year"] is not None:
        tally.years.append(got == label["year"])
        parts.append(f"year {got}/{label['year']}")
    elif got is not None:
        tally.guessed_years.append(label["id"])
        parts.append(f"year {got}/none printed")
    if label["declared_counts"]:
        got_counts = dict(bulletin.declared_counts) if bulletin else {}
        tally.counts.append(got_counts == label["declared_counts"])
        mark = "ok" if got_counts == label["declared_counts"] else "MISS"
        parts.append(f"counts {mark} {json.dumps(got_counts, ensure_ascii=False)}")
    if label.get("issuer"):
        right = bool(bulletin and bulletin.issuer) and same_office(label["issuer"], bulletin)
        tally.issuers.append(right)
        parts.append("issuer " + ("ok" if right else "MISS"))
    if label.get("issued_on"):
        issued = str(bulletin.issued_on) if bulletin and bulletin.issued_on else None
        tally.dates.append(issued == label["issued_on"])
        parts.append("issued " + ("ok" if issued == label["issued_on"] else "MISS"))
    return "  ".join(parts)


def same_office(label: str, bulletin: Any) -> bool:
    """The label's issuer is the parsed one, in either script, spaces aside."""
    return bool(match_key(label)) and match_key(label) == match_key(bulletin.issuer)


def share(values: list[bool]) -> str:
    if not values:
        return "n/a (no page)"
    return f"{sum(values)}/{len(values)} = {sum(values) / len(values):.0%}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("texts", type=Path, nargs="?", metavar="DIR")
    parser.add_argument("--only", nargs="*", help="score these page ids only")
    parser.add_argument("--labels", type=Path, default=LABELS, help="default: field/labels.json")
    args = parser.parse_args(argv)
    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    if args.only:
        labels = [label for label in labels if label["id"] in args.only]
    texts = args.texts
    if texts and not any((texts / f"{lb['id']}.txt").is_file() for lb in labels):
        texts = texts / "texts"  # the folder the texts were gathered into, one level up
    present = [lb for lb in labels if texts and (texts / f"{lb['id']}.txt").is_file()]
    if not present:
        print(
            f"no field texts found{f' in {args.texts}' if args.texts else ''}: the pages of"
            " field/INDEX.md are not stored in this repository. Gather them as field/README.md"
            " says, one <id>.txt per page, then run: make field FIELD=DIR"
        )
        return 0
    tally = Tally()
    for label in present:
        parsed, status = parse(texts / f"{label['id']}.txt")
        print(score(label, parsed, status, tally))
    print()
    print(f"pages scored: {len(present)} of {len(labels)} labelled")
    print(f"tables read (rows >= visible, first item found): {share(tally.tables)}  target >= 90%")
    print(f"year right where printed: {share(tally.years)}  target >= 95%")
    print(f"narrative-only bulletins rejected: {share(tally.narrative_rejected)}  target 0")
    print(f"declared counts equal to the labels: {share(tally.counts)}  target >= 90%")
    print(f"years given where none is printed: {len(tally.guessed_years)}  target 0")
    print(f"issuer as labelled: {share(tally.issuers)}")
    print(f"issue date as labelled: {share(tally.dates)}")
    print(f"crashes: {len(tally.crashes)}")
    for crash in tally.crashes:
        print(f"  {crash}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
