"""The one error family of the readers.

Every failure to turn a file into a `Document` is a `ParseError` carrying the file, where in it
(line or page, when known), a reason code from `REASONS`, a one-line message and a hint on what
to do about it. Third-party exceptions are wrapped with `raise ... from exc`.
"""

from __future__ import annotations

# Reason codes a reader can give, as they appear in the `manifest` dataset. The pipeline adds
# its own (no_table, timeout, internal_error) in `pipeline.model.errors`.
REASONS = (
    "empty",  # the file has no bytes or no text
    "unsupported",  # not a format we read
    "corrupt",  # the container or structure is broken
    "encrypted",  # password-protected
    "no_text_layer",  # a scan: pages without text
    "garbled_text",  # text that cannot be decoded into plausible Chinese
    "too_large",  # over a size limit, or more than the memory a worker is allowed
    "unreadable",  # the file cannot be read (permission denied, an I/O error)
    "needs_libreoffice",  # a legacy Word or WPS file, and no LibreOffice to convert it
)


class ParseError(Exception):
    """A file could not be read. Subclasses fix the reason code."""

    reason: str = "corrupt"

    def __init__(
        self,
        path: str,
        message: str,
        *,
        hint: str = "",
        line: int | None = None,
        page: int | None = None,
    ) -> None:
        self.path = path
        self.message = message
        self.hint = hint
        self.line = line
        self.page = page
        super().__init__(self.one_line())

    def one_line(self) -> str:
        """`path[:line]: reason: message (hint)` — what the CLI prints and the manifest keeps."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
        elif self.page is not None:
            where += f" (page {self.page})"
        text = f"{where}: {self.reason}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


class EmptyFile(ParseError):
    reason = "empty"


class UnsupportedFormat(ParseError):
    reason = "unsupported"


class CorruptFile(ParseError):
    reason = "corrupt"


class EncryptedFile(ParseError):
    reason = "encrypted"


class NoTextLayer(ParseError):
    reason = "no_text_layer"


class GarbledText(ParseError):
    reason = "garbled_text"


class TooLarge(ParseError):
    reason = "too_large"


class Unreadable(ParseError):
    reason = "unreadable"


class NeedsLibreOffice(ParseError):
    reason = "needs_libreoffice"
