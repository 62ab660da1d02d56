"""Which files under a corpus a run reads.

A walk reads the files of a format the readers know: by suffix (`parsers.READ_SUFFIXES`, in any
case), or, for a file without a suffix, by its first bytes. Hidden files and folders are passed
over silently; every other file is counted as skipped (documentation, code, data, images ...),
never opened but for a suffix-less file's first bytes, and left out of the manifest.

`--include GLOB` reads the matching files whatever they are (one of an unknown type is then
rejected as `unsupported`), `--exclude GLOB` skips the matching ones, and wins over
`--include`. A glob is matched, case-sensitively and as `fnmatch` does (`*` matches `/` too),
against the path relative to the corpus and against each of its folders: `--exclude drafts`
skips everything under `drafts/`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from parsers import file_of_name, is_readable, not_regular
from pipeline.model.records import ManifestEntry

# Documentation that lives beside bulletins in a corpus folder: not read, whatever its suffix.
DOCUMENTATION_NAMES = ("README", "readme", "LICENSE")


@dataclass(frozen=True)
class Selection:
    """The globs of `--include` and `--exclude`."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @classmethod
    def of(cls, include: Iterable[str] = (), exclude: Iterable[str] = ()) -> Selection:
        return cls(tuple(include), tuple(exclude))


DEFAULT_SELECTION = Selection()  # the files of the formats read, no globs


def matches(patterns: Sequence[str], relative: PurePosixPath) -> bool:
    """Whether one of `patterns` matches `relative` or one of the folders it is in."""
    if not patterns:
        return False
    names = [relative.as_posix(), *(p.as_posix() for p in relative.parents if p.parts)]
    return any(fnmatchcase(name, pattern) for name in names for pattern in patterns)


@dataclass
class Found:
    files: list[Path]  # regular files to parse, sorted
    skipped: list[tuple[Path, str]]  # paths that are not regular files, and what each is
    others: list[Path] = field(default_factory=list)  # files not of a format read, unread
    excluded: list[Path] = field(default_factory=list)  # files matching an --exclude glob


def find_files(corpus: Path, selection: Selection = DEFAULT_SELECTION) -> Found:
    """The files under `corpus` to read, sorted, and those set apart: paths that are not
    regular files (FIFOs, sockets, devices, links that lead nowhere or to a folder, told by
    `stat` alone), files of no format read, files excluded. `corpus` itself, when a file, is
    read whatever it is."""
    if not corpus.is_dir():
        kind = not_regular(corpus)
        return Found([corpus], []) if kind is None else Found([], [(corpus, kind)])
    found = Found([], [])
    for path in corpus.rglob("*"):
        relative = PurePosixPath(path.relative_to(corpus).as_posix())
        if any(part.startswith(".") for part in relative.parts):
            continue
        kind = not_regular(path)
        if kind in ("a folder", "missing"):  # folders are walked into; gone is gone
            continue
        if matches(selection.exclude, relative):
            found.excluded.append(path)
        elif kind is not None:
            found.skipped.append((path, kind))
        elif matches(selection.include, relative):
            found.files.append(path)
        elif path.name.startswith(DOCUMENTATION_NAMES) or not is_readable(path):
            found.others.append(path)
        else:
            found.files.append(path)
    for paths in (found.files, found.skipped, found.others, found.excluded):
        paths.sort()
    return found


def discover(corpus: Path, selection: Selection = DEFAULT_SELECTION) -> list[Path]:
    """The regular files `find_files` reads under `corpus`."""
    return find_files(corpus, selection).files


def still_there(gone: Iterable[ManifestEntry], root: Path) -> int:
    """How many files of the last run that this run does not read are still under `root`
    (skipped or excluded now); the others have left it."""
    return sum(1 for e in gone if os.path.lexists(root / file_of_name(e.source_path)))
