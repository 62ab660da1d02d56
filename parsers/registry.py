"""Choose a reader for a file: by content first (magic bytes, zip members), suffix second."""

from __future__ import annotations

import codecs
import functools
import hashlib
import importlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from parsers.document import Document
from parsers.docx_reader import read_docx
from parsers.encoding import BOMS, LEGACY_CODECS, load_codecs
from parsers.errors import EmptyFile, NoTextLayer, TooLarge, Unreadable, UnsupportedFormat
from parsers.files import not_regular
from parsers.html_reader import read_html
from parsers.legacy_word import read_legacy_word
from parsers.names import recorded_name
from parsers.ocr_reader import INSTALL_HINT, ocr_enabled, read_image, read_scanned_pdf
from parsers.pdf_reader import DEFAULT_ENGINE, ENGINES, read_pdf
from parsers.sheet_reader import read_sheets
from parsers.text_reader import read_text

Reader = Callable[..., Document]

# Files above these sizes are refused: no real bulletin comes near them, and a parser fed such a
# file would hold a worker for minutes. MAX_BYTES applies to any other kind of file. The
# limits are checked from the size and the first bytes, before the file is read.
MIB = 1024 * 1024
MAX_BYTES = 100 * MIB
MAX_BYTES_BY_FORMAT = {
    "txt": 10 * MIB,
    "html": 20 * MIB,
    "docx": 50 * MIB,
    "pdf": 100 * MIB,
    "xlsx": 50 * MIB,
    "ods": 50 * MIB,
    "xls": 50 * MIB,
    "doc": 50 * MIB,
    "wps": 50 * MIB,
    "rtf": 50 * MIB,
}
HEAD_BYTES = 1024  # what `sniff` looks at, but for a zip's member list

TEXT_SUFFIXES = {".txt", ".text", ".csv"}
SUFFIX_FORMATS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".wps": "wps",
    ".rtf": "rtf",
    ".html": "html",
    ".htm": "html",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
}
IMAGE_SUFFIXES = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg"}
SHEETS = ("xlsx", "xls", "ods")
LEGACY_WORD = ("doc", "wps", "rtf")
READERS: dict[str, Reader] = {
    "txt": read_text,
    "docx": read_docx,
    "pdf": read_pdf,
    "html": read_html,
    **{kind: functools.partial(read_sheets, source_format=kind) for kind in SHEETS},
    **{kind: functools.partial(read_legacy_word, source_format=kind) for kind in LEGACY_WORD},
}
PDF_ENGINES = ENGINES  # the engines that read PDFs: pdfium (the default) and pdfplumber
# Formats we recognise but cannot read: named so the rejection says what the file is.
KNOWN_UNREAD: dict[str, str] = {}
# The suffixes of the files a corpus walk reads (compared in lower case): every format above.
READ_SUFFIXES = frozenset({*TEXT_SUFFIXES, *SUFFIX_FORMATS})
# The libraries the readers import on first use (reading .txt needs none of them).
DEFERRED_IMPORTS = (
    "docx",
    "pdfminer.pdfdocument",
    "pdfplumber",
    "tablers",
    "python_calamine",
    "openpyxl",
)
# Members that name the kind of a zip: Word, Excel; an OpenDocument file names its type first.
ZIP_MEMBERS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"))
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# OLE2 compound files (Office 97-2003, WPS): the directory names the main stream (UTF-16).
OLE_STREAMS = (("Workbook", "xls"), ("Book", "xls"), ("WordDocument", "doc"))


def load_readers() -> None:
    """Import every library and codec the readers would load on first use: done once, before a
    pool worker's memory is capped."""
    for module in DEFERRED_IMPORTS:
        importlib.import_module(module)
    load_codecs()


def sniff(raw: bytes, suffix: str) -> str:
    """Name the format of `raw`: txt, docx, pdf, html, doc, or 'unknown'."""
    head = raw[:HEAD_BYTES]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(raw, suffix)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _ole_kind(raw, suffix)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or suffix in {".html", ".htm"}:
        return "html"
    if suffix in TEXT_SUFFIXES or b"\x00" not in head or _looks_utf16(head):
        return "txt"
    # Content says nothing we know: trust the name, so that a damaged PDF or Word file is
    # reported by its reader as corrupt rather than as an unknown type.
    return SUFFIX_FORMATS.get(suffix, "unknown")


def _zip_kind(raw: bytes, suffix: str) -> str:
    """docx, xlsx or ods from a zip's members; by the name when the zip cannot be opened."""
    if raw[30:38] == b"mimetype" and ODS_MIMETYPE in raw[:HEAD_BYTES]:
        return "ods"
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        kind = SUFFIX_FORMATS.get(suffix)
        return kind if kind in {"docx", "xlsx", "ods"} else "unknown"
    return next((kind for member, kind in ZIP_MEMBERS if member in names), "unknown")


def _ole_kind(raw: bytes, suffix: str) -> str:
    """xls, doc or wps: a WPS file is an OLE2 file with a WordDocument stream too, told by its
    name; a file whose directory says nothing is told by its name, else taken as Word."""
    if suffix in {".wps", ".xls", ".doc"}:
        return SUFFIX_FORMATS[suffix]
    for stream, kind in OLE_STREAMS:
        if stream.encode("utf-16-le") + b"\x00\x00" in raw:
            return kind
    return "doc"


def _looks_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def suffix_of(name: str) -> str:
    """The suffix that names a format, in lower case; "" for none. A last part of digits only
    is no suffix: `通报2024.06` is a name with a date in it, not a file of type `.06`."""
    suffix = Path(name).suffix.lower()
    return "" if suffix[1:].isdigit() else suffix


def is_readable(path: Path) -> bool:
    """Whether a corpus walk reads `path`: a file with one of `READ_SUFFIXES`, or a file without
    a suffix whose first bytes are a PDF, a Word document, HTML or text that decodes. Any other
    file is not a bulletin this tool reads. A file that cannot be looked at is read (its reader
    then says why it cannot be)."""
    suffix = suffix_of(path.name)
    if suffix in IMAGE_SUFFIXES:
        return ocr_enabled()  # page images are read by OCR only
    if suffix:
        return suffix in READ_SUFFIXES
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return True
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (OSError, zipfile.BadZipFile):
            return False  # a damaged zip without a suffix says nothing of being a bulletin
        return any(member in names for member, _ in ZIP_MEMBERS) or b"opendocument" in head
    return sniff(head, "") in {"pdf", "doc", "xls", "rtf", "html"} or _decodes(head)


def _decodes(head: bytes) -> bool:
    """Whether the first bytes of a file read as text: a byte-order mark, or no NUL byte and a
    strict decoding (the head may end inside a character) as UTF-8 or a Chinese codec."""
    if head.startswith(tuple(bom for bom, _ in BOMS)):
        return True
    if not head or b"\x00" in head:
        return False
    for codec in ("utf-8", *LEGACY_CODECS):
        try:
            codecs.getincrementaldecoder(codec)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _read_pdf(raw: bytes, name: str, sha256: str, engine: str) -> Document:
    """A PDF by its text layer (read by `engine`); one without (a scan) by OCR when it is on."""
    try:
        return read_pdf(raw, path=name, sha256=sha256, engine=engine)
    except NoTextLayer as exc:
        if not ocr_enabled():
            raise NoTextLayer(name, exc.message, hint=INSTALL_HINT, page=exc.page) from exc
    return read_scanned_pdf(raw, path=name, sha256=sha256)


def check_size(file: Path, name: str) -> None:
    """Raise `TooLarge` if `file` is over the size limit of its format, told as `sniff` tells it
    from the first bytes and the name (a zip counts as Word): the rest is not read, so a huge
    file costs a `stat` and one small read. Raises `OSError` if the file cannot be read."""
    size = file.stat().st_size
    if size <= min(MAX_BYTES_BY_FORMAT.values()):
        return
    with file.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    zipped = head.startswith(b"PK\x03\x04")
    kind = (
        SUFFIX_FORMATS.get(file.suffix.lower(), "docx")
        if zipped
        else sniff(head, file.suffix.lower())
    )
    limit = MAX_BYTES_BY_FORMAT.get(kind)
    if limit is None:
        if size > MAX_BYTES:
            raise TooLarge(name, f"{size / MIB:.0f} MiB is over the {MAX_BYTES // MIB} MiB limit")
    elif size > limit:
        raise TooLarge(
            name,
            f"{size / MIB:.1f} MiB is over the {limit // MIB} MiB limit for {kind} files",
            hint="no real bulletin is this large: check that this is a bulletin",
        )


def read_document(
    path: str | Path, *, display_path: str | None = None, pdf_engine: str = DEFAULT_ENGINE
) -> Document:
    """Read one file into a `Document`, or raise a `ParseError` naming it.

    `display_path` is the name recorded and shown (e.g. relative to the corpus root, as
    `recorded_name` spells it); by default, `path` as `recorded_name` spells it. Only regular
    files are opened; a file over its format's size limit is refused unread. `pdf_engine`
    names the engine that reads PDFs (one of `PDF_ENGINES`).
    """
    name = display_path or recorded_name(path)
    file = Path(path)
    kind = not_regular(file)
    if kind is not None and kind != "missing":  # a missing file is unreadable, below
        raise UnsupportedFormat(name, f"{kind}, not a regular file")
    try:
        check_size(file, name)
        raw = file.read_bytes()
    except OSError as exc:
        raise Unreadable(name, f"cannot read the file ({exc.strerror or exc})") from exc
    if not raw:
        raise EmptyFile(name, "the file is empty (0 bytes)")
    sha256 = hashlib.sha256(raw).hexdigest()
    kind = sniff(raw, file.suffix.lower())
    if kind == "pdf":
        return _read_pdf(raw, name, sha256, pdf_engine)
    if kind in ("png", "jpg"):
        if ocr_enabled():
            return read_image(raw, path=name, sha256=sha256, source_format=kind)
        raise UnsupportedFormat(name, "a page image, read by OCR only", hint=INSTALL_HINT)
    if kind in READERS:
        return READERS[kind](raw, path=name, sha256=sha256)
    if kind in KNOWN_UNREAD:
        raise UnsupportedFormat(
            name,
            f"{KNOWN_UNREAD[kind]} files are not read",
            hint="save it as .docx or .pdf and try again",
        )
    raise UnsupportedFormat(
        name,
        "not a bulletin format this tool reads (expected .txt, .docx, .doc, .pdf, .html, .xlsx,"
        " .xls or .ods)",
    )
