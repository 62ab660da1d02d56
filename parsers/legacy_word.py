"""Read legacy Word and WPS files (.doc, .wps, .rtf): converted to .docx by LibreOffice, then
read by the Word reader.

Each conversion runs `soffice` headless with a profile of its own (concurrent conversions
would otherwise share, and lock, one), under a time limit; soffice exits 0 when it cannot load
a file, so the converted file is checked to exist. Without LibreOffice on PATH such a file is
rejected as `needs_libreoffice`, saying what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from parsers.document import Document
from parsers.docx_reader import read_docx
from parsers.errors import CorruptFile, NeedsLibreOffice, TooLarge

NAMES = {"doc": "legacy Word 97-2003 (.doc)", "wps": "WPS Writer (.wps)", "rtf": "RTF (.rtf)"}
CONVERT_SECONDS = 120.0
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) so that"
    " `soffice` is on PATH, or save the file as .docx"
)


def soffice() -> str | None:
    """The LibreOffice command on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy_word(raw: bytes, *, path: str, sha256: str, source_format: str) -> Document:
    """Convert `raw` (a .doc, .wps or .rtf) to .docx and read it; `source_format` stays the
    original's."""
    command = soffice()
    if command is None:
        raise NeedsLibreOffice(
            path, f"{NAMES[source_format]} files are read through LibreOffice", hint=INSTALL_HINT
        )
    converted = to_docx(command, raw, source_format, path)
    document = read_docx(converted, path=path, sha256=sha256)
    return Document(
        source_path=document.source_path,
        source_format=source_format,
        source_sha256=sha256,
        blocks=document.blocks,
        encoding=document.encoding,
        notes=document.notes,
    )


def to_docx(command: str, raw: bytes, source_format: str, path: str) -> bytes:
    """The .docx LibreOffice makes of `raw`; `CorruptFile` if it makes none."""
    with (
        tempfile.TemporaryDirectory(prefix="bulletins-soffice-") as profile,
        tempfile.TemporaryDirectory(prefix="bulletins-convert-") as work,
    ):
        source = Path(work) / f"source.{source_format}"
        source.write_bytes(raw)
        outdir = Path(work) / "out"
        try:
            subprocess.run(
                [command, f"-env:UserInstallation=file://{profile}", "--headless",
                 "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                 str(outdir), str(source)],
                check=False, capture_output=True, timeout=CONVERT_SECONDS,
                stdin=subprocess.DEVNULL,
            )  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            raise TooLarge(
                path, f"LibreOffice did not convert it within {CONVERT_SECONDS:g} s"
            ) from exc
        produced = outdir / "source.docx"
        if not produced.is_file() or produced.stat().st_size == 0:
            raise CorruptFile(path, f"LibreOffice could not convert this {NAMES[source_format]}")
        return produced.read_bytes()
