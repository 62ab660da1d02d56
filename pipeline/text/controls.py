"""Control characters in text read from files: shown escaped, kept out of the `*_norm` forms.

A cell, a title or a file name can hold control characters (C0, DEL, C1): ESC starts terminal
sequences (colours, OSC 0 which sets the window title, ended by BEL), a newline breaks a
one-line message in two. Text columns keep them as read; what is printed for a person shows
each as an escape (`\\x1b`, `\\n`), and the `*_norm` forms drop them.
"""

from __future__ import annotations

import re

# C0 (U+0000-U+001F), DEL (U+007F) and C1 (U+0080-U+009F); lone surrogates, which no terminal
# can be sent (a file name's undecodable bytes, when not already spelled `\xNN`).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    """`text` safe to print on one line: control characters as `\\n`, `\\t`, `\\r` or `\\xNN`,
    an undecodable byte of a file name (a lone surrogate) as `\\xNN`. Display only: a backslash
    is left as it is."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def without_controls(text: str) -> str:
    """`text` without control characters; those that are whitespace (tab, line breaks) become
    a space, so that words they separated stay apart."""
    return _UNPRINTABLE.sub(_dropped, text)


def _dropped(match: re.Match[str]) -> str:
    return " " if match.group().isspace() else ""
