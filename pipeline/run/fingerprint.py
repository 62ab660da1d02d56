"""The parser fingerprint: what a file's rows depend on besides its bytes.

A hash of the package version, the code of `parsers/` and `pipeline/` (the bytes of their .py
files, sorted by path), the PDF engine and the vocabulary tables in use (the built-in ones with
the user's merged in, `pipeline.vocab.table`). The manifest records it for every file; a file whose
recorded fingerprint differs from the run's is parsed again. The code is hashed once per
process (about a megabyte of source), the tables once they are read.

The manifest also records the limits each file was read under (`--timeout`, `--max-memory`):
a file rejected as `timeout` or `too_large` is tried again by a run with a larger limit.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import replace
from pathlib import Path

import parsers
import pipeline
from parsers.ocr_reader import FOUND_NOTHING, ocr_enabled
from pipeline import __version__
from pipeline.model.records import ManifestEntry
from pipeline.run.task import DEFAULT_LIMITS, Limits
from pipeline.vocab import TABLES, check, table

LENGTH = 16  # hex digits kept: 64 bits


@functools.cache
def code_digest() -> str:
    """SHA-256 of the .py files of `parsers` and `pipeline`, each with its relative path."""
    digest = hashlib.sha256()
    for package in (parsers, pipeline):
        root = Path(package.__file__ or "").parent
        files = sorted((p.relative_to(root).as_posix(), p) for p in root.rglob("*.py"))
        for relative, path in files:
            data = path.read_bytes()
            digest.update(f"{package.__name__}/{relative}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def vocabulary_digest() -> str:
    """SHA-256 of the merged content of every table (checked first: a clash raises
    `VocabularyError`)."""
    check()
    content = {name: table(name) for name in TABLES}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def fingerprint(pdf_engine: str = DEFAULT_LIMITS.pdf_engine) -> str:
    """This process's parser fingerprint, reading PDFs with `pdf_engine`."""
    parts = f"{__version__}\0{code_digest()}\0{vocabulary_digest()}\0{pdf_engine}"
    return hashlib.sha256(parts.encode()).hexdigest()[:LENGTH]


def retried(entry: ManifestEntry, limits: Limits) -> bool:
    """Whether `entry` is a rejection over a time or memory limit smaller than `limits`', or a
    scan rejected without OCR when OCR is now on (the file is then tried again)."""
    if entry.status != "rejected":
        return False
    if entry.reason == "no_text_layer":  # unless OCR itself found nothing
        return ocr_enabled() and FOUND_NOTHING not in (entry.message or "")
    if entry.reason == "timeout":
        return (entry.timeout_seconds or 0.0) < limits.timeout
    if entry.reason == "too_large":  # the memory limit (a size limit is checked every run)
        return (entry.max_memory_mib or 0) < limits.max_memory_mb
    return False


def stamped(entry: ManifestEntry, parser: str, limits: Limits) -> ManifestEntry:
    """A new entry with the parser fingerprint and the limits it was read under."""
    return replace(
        entry,
        parser_fingerprint=parser,
        timeout_seconds=limits.timeout,
        max_memory_mib=limits.max_memory_mb,
    )
