"""Run the pipeline over files: discover, parse each (one bad file never stops the batch),
write the datasets. The CLI is a thin skin over `parse_file` and `ingest`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from parsers import ParseError, read_document
from pipeline import __version__
from pipeline.errors import BulletinError
from pipeline.interpret import interpret
from pipeline.records import ManifestEntry, ParsedBulletin
from pipeline.write import write_datasets

# Documentation that lives beside bulletins in a corpus folder: not bulletins, never parsed.
SKIPPED_NAMES = ("README", "readme", "LICENSE")
SKIPPED_SUFFIXES = (".md", ".rst")


def parse_file(path: str | Path, *, display_path: str | None = None) -> ParsedBulletin:
    """Parse one file. Raises `ParseError` (unreadable) or `BulletinError` (not a bulletin)."""
    return interpret(read_document(path, display_path=display_path))


def discover(corpus: Path) -> list[Path]:
    """Every candidate file under `corpus`, sorted; hidden files and documentation skipped."""
    if corpus.is_file():
        return [corpus]
    found = []
    for path in corpus.rglob("*"):
        relative = path.relative_to(corpus)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.name.startswith(SKIPPED_NAMES) or path.suffix.lower() in SKIPPED_SUFFIXES:
            continue
        found.append(path)
    return sorted(found)


@dataclass(frozen=True)
class Outcome:
    """What became of one file."""

    entry: ManifestEntry
    parsed: ParsedBulletin | None


def process(path: Path, display_path: str) -> Outcome:
    """Parse one file into an `Outcome`; never raises for a bad file."""
    try:
        parsed = parse_file(path, display_path=display_path)
    except (ParseError, BulletinError) as exc:
        return Outcome(_rejected(display_path, exc.reason, exc.one_line()), None)
    except Exception as exc:  # a bug must not stop the batch: record it and go on
        message = f"{display_path}: internal_error: {type(exc).__name__}: {exc} (please report)"
        return Outcome(_rejected(display_path, "internal_error", message), None)
    bulletin = parsed.bulletin
    entry = ManifestEntry(
        source_path=display_path,
        source_sha256=bulletin.source_sha256,
        source_format=bulletin.source_format,
        status="ok",
        reason=None,
        message=None,
        bulletin_id=bulletin.bulletin_id,
        item_count=len(parsed.items),
        finding_count=len(parsed.findings),
        parser_version=__version__,
    )
    return Outcome(entry, parsed)


def _rejected(path: str, reason: str, message: str) -> ManifestEntry:
    return ManifestEntry(path, None, None, "rejected", reason, message, None, 0, 0, __version__)


@dataclass
class RunSummary:
    files: int = 0
    ok: int = 0
    rejected: list[ManifestEntry] = field(default_factory=list)
    duplicates: int = 0
    rows: dict[str, int] = field(default_factory=dict)


def iter_outcomes(corpus: Path, files: list[Path]) -> Iterator[Outcome]:
    root = corpus if corpus.is_dir() else corpus.parent
    for path in files:
        yield process(path, path.relative_to(root).as_posix())


def ingest(
    corpus: Path, out: Path, *, on_file: Callable[[Outcome], None] | None = None
) -> RunSummary:
    """Parse every file under `corpus` and (re)write the datasets under `out`."""
    files = discover(corpus)
    summary = RunSummary(files=len(files))
    parsed: list[ParsedBulletin] = []
    manifest: list[ManifestEntry] = []
    seen: dict[str, str] = {}  # bulletin_id -> first source path with that content
    for outcome in iter_outcomes(corpus, files):
        entry = outcome.entry
        if outcome.parsed is None:
            summary.rejected.append(entry)
        elif entry.bulletin_id in seen:
            # Byte-identical copies share a bulletin_id: their rows are written once.
            summary.duplicates += 1
            summary.ok += 1
            entry = replace(
                entry, message=f"same content as {seen[entry.bulletin_id]}: rows written once"
            )
        else:
            seen[outcome.parsed.bulletin.bulletin_id] = entry.source_path
            summary.ok += 1
            parsed.append(outcome.parsed)
        manifest.append(entry)
        if on_file:
            on_file(outcome)
    summary.rows = write_datasets(out, parsed, manifest)
    return summary
