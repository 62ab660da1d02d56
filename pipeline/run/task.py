"""The per-file task: parse one file into an `Outcome`, under a time limit, never raising for
a bad file. Every executor runs this same function."""

from __future__ import annotations

import contextlib
import errno
import resource
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType

from parsers import ParseError, read_document
from parsers.pdf_reader import DEFAULT_ENGINE
from pipeline import __version__
from pipeline.interpret import interpret
from pipeline.model.errors import BulletinError
from pipeline.model.records import ManifestEntry, ParsedBulletin
from pipeline.output.rows import BulletinRows, rows_of


@dataclass(frozen=True)
class Limits:
    """Per-file limits and reading options (the CLI's --timeout, --max-memory, --pdf-engine):
    what every worker needs to parse a file the way the run asks."""

    timeout: float = 120.0  # seconds for one file
    max_memory_mb: int = 1536  # address space of one pool worker
    pdf_engine: str = DEFAULT_ENGINE  # the engine that reads PDFs (parsers.PDF_ENGINES)


DEFAULT_LIMITS = Limits()
# The largest limits the command line accepts: a day for one file (an interval timer set
# beyond that is no limit at all, and far beyond it overflows) and 1 TiB of memory.
MAX_TIMEOUT = 24 * 3600.0
MAX_MEMORY_MB = 1024 * 1024
# Errors of the operating system that mean the file itself cannot be read.
UNREADABLE_ERRNOS = (errno.EACCES, errno.EPERM, errno.EIO)


def parse_file(
    path: str | Path, *, display_path: str | None = None, pdf_engine: str = DEFAULT_ENGINE
) -> ParsedBulletin:
    """Parse one file. Raises `ParseError` (unreadable) or `BulletinError` (not a bulletin)."""
    return interpret(read_document(path, display_path=display_path, pdf_engine=pdf_engine))


@dataclass(frozen=True)
class Outcome:
    """What became of one file."""

    entry: ManifestEntry
    rows: BulletinRows | None  # the parsed bulletin's rows, for the writer
    worker_peak_mib: float = 0.0  # peak resident memory of the process that parsed the file


class _Timeout(BaseException):
    """Raised in a worker when a file's time is up. A BaseException, like KeyboardInterrupt, so
    that the readers' handlers for broken files (`except Exception`) do not mistake it."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise `_Timeout` after `seconds` (only where signals can be used: a main thread)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process(path: Path, display_path: str, limits: Limits = DEFAULT_LIMITS) -> Outcome:
    """Parse one file into an `Outcome`; never raises for a bad file."""
    outcome = _process(path, display_path, limits)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return replace(outcome, worker_peak_mib=peak)


def _process(path: Path, display_path: str, limits: Limits) -> Outcome:
    out_of_memory = False
    try:
        with _time_limit(limits.timeout):
            parsed = parse_file(path, display_path=display_path, pdf_engine=limits.pdf_engine)
            rows = rows_of(parsed)
    except MemoryError:
        # Reported below, once the traceback (and the memory its frames hold) is let go.
        out_of_memory = True
    except (ParseError, BulletinError) as exc:
        return Outcome(rejected(display_path, exc.reason, exc.one_line()), None)
    except _Timeout:
        message = f"{display_path}: timeout: not parsed within {limits.timeout:g} s"
        return Outcome(rejected(display_path, "timeout", message), None)
    except Exception as exc:  # a bug must not stop the batch: record it and go on
        return Outcome(_unexpected(display_path, exc), None)
    if out_of_memory:
        return Outcome(out_of_memory_entry(display_path, limits), None)
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
    return Outcome(entry, rows)


def _unexpected(display_path: str, exc: Exception) -> ManifestEntry:
    """A file's exception that no reader turned into a reason: the file cannot be read
    (permission denied, an I/O error), or a bug."""
    if isinstance(exc, OSError) and exc.errno in UNREADABLE_ERRNOS:
        message = f"{display_path}: unreadable: cannot read the file ({exc.strerror})"
        return rejected(display_path, "unreadable", message)
    message = f"{display_path}: internal_error: {type(exc).__name__}: {exc} (please report)"
    return rejected(display_path, "internal_error", message)


def out_of_memory_entry(display_path: str, limits: Limits) -> ManifestEntry:
    message = f"{display_path}: too_large: ran out of the {limits.max_memory_mb} MiB memory limit"
    return rejected(display_path, "too_large", message)


def rejected(path: str, reason: str, message: str, sha256: str | None = None) -> ManifestEntry:
    message = _storable(message)
    return ManifestEntry(path, sha256, None, "rejected", reason, message, None, 0, 0, __version__)


def _storable(text: str) -> str:
    """`text` with any lone surrogate (an undecodable byte of a file name, quoted in an
    exception's message) spelled `\\xNN`, as UTF-8 writers need."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")
