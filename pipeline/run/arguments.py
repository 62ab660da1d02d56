"""The command line's argument types: each value is checked as it is parsed, and a usage
error is one line (exit status 2), as argparse words it."""

from __future__ import annotations

import argparse
import importlib.util
import os
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlparse

from pyarrow.fs import FileSystem

from parsers import PDF_ENGINES, not_regular
from parsers.ocr_reader import OCR_ENV
from parsers.pdf_reader import DEFAULT_ENGINE
from pipeline import vocab
from pipeline.run.task import MAX_MEMORY_MB, MAX_TIMEOUT, Limits

USAGE_ERROR, RUN_FAILED = 2, 3
# Filesystems pyarrow knows that keep what is written to them (not mock://, its test double).
OUT_SCHEMES = ("file", "local", "s3", "gs", "gcs", "hdfs", "viewfs", "abfs", "abfss")


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line: `bulletins ingest: error: ...`."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def seconds(text: str) -> float:
    """--timeout: a number of seconds, above 0 and at most a day (a larger interval timer is
    no limit, and one far larger overflows)."""
    return _seconds(text, allow_zero=False)


def waited_seconds(text: str) -> float:
    """--wait: a number of seconds, 0 (do not wait) up to a day."""
    return _seconds(text, allow_zero=True)


def _seconds(text: str, *, allow_zero: bool) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    low = value >= 0 if allow_zero else value > 0
    if not (low and value <= MAX_TIMEOUT):  # also false for nan
        lowest = "from 0 to" if allow_zero else "above 0 and at most"
        raise argparse.ArgumentTypeError(
            f"must be a number of seconds {lowest} {MAX_TIMEOUT:g}, not {text!r}"
        )
    return value


def mebibytes(text: str) -> int:
    """--max-memory: a whole number of MiB, at least 1 and at most 1 TiB."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_MEMORY_MB:
        raise argparse.ArgumentTypeError(
            f"must be a whole number of MiB from 1 to {MAX_MEMORY_MB}, not {text!r}"
        )
    return value


def out_location(text: str) -> str:
    """--out: a folder, or a URI of a filesystem that keeps what is written to it."""
    scheme = text.split("://", 1)[0].lower() if "://" in text else None
    if scheme == "mock":
        raise argparse.ArgumentTypeError(f"{text}: mock:// keeps nothing; write to a folder")
    if scheme is not None and scheme not in OUT_SCHEMES:
        raise argparse.ArgumentTypeError(
            f"{text}: {scheme}:// is not a filesystem to write datasets to"
            f" (a folder, or {', '.join(s + '://' for s in OUT_SCHEMES)})"
        )
    return text


def add_vocab_option(command: Any) -> None:
    """--vocab DIR, on `ingest` and `parse`."""
    command.add_argument(
        "--vocab",
        type=Path,
        metavar="DIR",
        help="a folder of rule tables (statuses.toml, headers.toml ...) merged over the built-in"
        f" ones (default: ${vocab.USER_VOCAB_ENV}, if set)",
    )


def use_vocabulary(folder: Path | None) -> str | None:
    """Point `BULLETINS_VOCAB` at --vocab's folder, if given (for this process and the worker
    processes it starts later, which inherit its environment), then read and check every
    table, the user's merged in: the one-line problem (a usage error), or None."""
    if folder is not None:
        if not folder.is_dir():
            return f"--vocab {folder}: no such folder"
        os.environ[vocab.USER_VOCAB_ENV] = str(folder.resolve())
        vocab.reload()
    try:
        vocab.check()
    except vocab.VocabularyError as exc:
        return _first_line(exc)
    return None


# The OCR engine needs more address space than the other readers: a worker's default with --ocr.
OCR_MEMORY_MB = 4096


def memory_limit(args: argparse.Namespace) -> int:
    """--max-memory, or its default: larger with --ocr."""
    if args.max_memory is not None:
        return int(args.max_memory)
    return OCR_MEMORY_MB if getattr(args, "ocr", False) else Limits.max_memory_mb


def add_ocr_option(command: Any) -> None:
    """--ocr, on `ingest` and `parse`."""
    command.add_argument(
        "--ocr",
        action="store_true",
        help="read scans (PDFs without a text layer, .png and .jpg pages) by offline OCR"
        f" (needs the OCR extra: pip install 'bulletins[ocr]'; default: ${OCR_ENV}, if set)",
    )


def use_ocr(wanted: bool) -> str | None:
    """With --ocr, set `BULLETINS_OCR` for this process and the workers it starts later (they
    inherit its environment), once the OCR engine is known to be installed: the one-line
    problem (a usage error), or None."""
    if not wanted:
        return None
    if any(importlib.util.find_spec(name) is None for name in ("rapidocr", "onnxruntime")):
        return "--ocr needs the OCR extra: pip install 'bulletins[ocr]'"
    os.environ[OCR_ENV] = "1"
    return None


def check_places(corpus: Path, out: str) -> tuple[int, str] | None:
    """What is wrong with CORPUS or --out before anything is read, as (exit status, message):
    a usage error, or a filesystem out of reach (the run fails); None when nothing is."""
    if not corpus.exists():
        return USAGE_ERROR, f"{corpus}: no such file or folder"
    kind = None if corpus.is_dir() else not_regular(corpus)
    if kind is not None:
        return USAGE_ERROR, f"{corpus}: {kind}, not a file or folder"
    if not out.strip():
        return USAGE_ERROR, "--out is empty: name a folder"
    if "://" not in out and Path(out).exists() and not Path(out).is_dir():
        return USAGE_ERROR, f"--out {out} exists and is not a folder"
    overlap = _overlap(corpus, out)
    if overlap is not None:
        return USAGE_ERROR, overlap
    if "://" in out:
        try:
            FileSystem.from_uri(out)
        except ValueError as exc:
            return USAGE_ERROR, f"--out {out}: {_first_line(exc)}"
        except OSError as exc:
            return RUN_FAILED, f"--out {out}: {_first_line(exc)}; nothing was written"
    return None


def _overlap(corpus: Path, out: str) -> str | None:
    """--out inside the CORPUS folder (the next run would read the datasets as bulletins), or
    CORPUS inside --out (a run owns its --out: the bulletins would sit among its datasets), told
    after resolving links; None when they are apart or --out is not a local folder."""
    if "://" in out:
        parsed = urlparse(out)
        if parsed.scheme.lower() not in ("file", "local"):
            return None
        out = parsed.path
    where, source = Path(out).resolve(), corpus.resolve()
    if corpus.is_dir() and where.is_relative_to(source):
        return f"--out {out} is inside CORPUS {corpus}: choose an --out outside CORPUS"
    if source.is_relative_to(where):
        return f"CORPUS {corpus} is inside --out {out}: choose an --out outside CORPUS"
    return None


def add_selection(command: Any) -> None:
    """--include and --exclude: globs that widen and narrow the files read under CORPUS."""
    command.add_argument(
        "--include", action="append", default=[], metavar="GLOB",
        help="also read the files matching GLOB (relative to CORPUS), whatever their type",
    )  # fmt: skip
    command.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB",
        help="do not read the files matching GLOB, or under a folder matching it",
    )  # fmt: skip


def add_pdf_engine(command: Any) -> None:
    """--pdf-engine: which engine reads PDFs."""
    command.add_argument(
        "--pdf-engine", choices=PDF_ENGINES, default=DEFAULT_ENGINE,
        help=f"the engine that reads PDFs (default {DEFAULT_ENGINE}); pdfplumber is the slower"
        " reference, and each reads what the other cannot",
    )  # fmt: skip


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def add_limits(ingest_cmd: argparse.ArgumentParser) -> None:
    """How long and how much memory one file may take, and how long to wait for --out."""
    ingest_cmd.add_argument(
        "--timeout",
        type=seconds,
        default=Limits.timeout,
        metavar="SECONDS",
        help=f"give up on one file after this long (default {Limits.timeout:g})",
    )
    ingest_cmd.add_argument(
        "--wait", type=waited_seconds, default=0.0, metavar="SECONDS",
        help="if another run is writing --out, wait up to this long for it (default 0: exit 4)",
    )  # fmt: skip
    ingest_cmd.add_argument(
        "--max-memory", type=mebibytes, default=None, metavar="MIB",
        help=f"memory limit of one worker (default {Limits.max_memory_mb};"
        f" {OCR_MEMORY_MB} with --ocr)",
    )  # fmt: skip
