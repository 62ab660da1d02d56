"""The documents that have goldens, and how a golden is rendered.

    python -m tests.golden_docs --write    (what `make golden` runs)

Every file in corpus/ (but its README) and every file under tests/fixtures/ has a golden
`tests/golden/<file name>.json`: the `bulletins parse --json` output, pretty, keys sorted,
Chinese kept as is. Paths are relative to the repository root so goldens do not depend on
where the checkout lives.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from parsers import ParseError
from pipeline.model.errors import BulletinError
from pipeline.run.cli import parsed_to_json
from pipeline.run.ingest import Selection, discover, parse_file

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
DOCUMENT_DIRS = (ROOT / "corpus", ROOT / "tests" / "fixtures")
# Every file but the folders' README, those of no format read (a PNG, random bytes) included.
EVERY_FILE = Selection.of(include=["*"], exclude=["README*"])


def documents() -> list[Path]:
    return [path for folder in DOCUMENT_DIRS for path in discover(folder, EVERY_FILE)]


def golden_path(document: Path) -> Path:
    return GOLDEN / f"{document.name}.json"


def render(document: Path) -> str:
    relative = document.relative_to(ROOT).as_posix()
    try:
        data = parsed_to_json(parse_file(document, display_path=relative))
    except (ParseError, BulletinError) as exc:
        data = {"error": {"reason": exc.reason, "message": exc.one_line()}}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all() -> int:
    changed = 0
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for document in documents():
        target = golden_path(document)
        text = render(document)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed += 1
            print(f"updated {target.relative_to(ROOT)}")
    known = {golden_path(d) for d in documents()}
    for orphan in sorted(set(GOLDEN.glob("*.json")) - known):
        orphan.unlink()
        print(f"removed {orphan.relative_to(ROOT)} (its document is gone)")
    print(f"{changed} golden file(s) changed: review them with git diff before committing")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.golden_docs --write")
    sys.exit(write_all())
