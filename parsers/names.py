"""The name a file is recorded and shown under: its path as text that every writer accepts.

A POSIX file name is bytes. Python reads the bytes that are not UTF-8 as lone surrogates
(`surrogateescape`: byte 0xff becomes U+DCFF), which no UTF-8 writer (Parquet, a terminal) can
encode. The recorded name spells each such byte `\\xNN` (`bad\\xff\\xfe.txt`) and doubles a real
backslash (`a\\b.txt` is recorded `a\\\\b.txt`), so a recorded name reads back to one file only:
`\\\\` is a backslash, `\\xNN` a byte, every other character itself.
"""

from __future__ import annotations

import os
import re

# surrogateescape maps the bytes 0x80-0xff to U+DC80-U+DCFF.
_ESCAPED_LOW, _ESCAPED_HIGH = 0xDC80, 0xDCFF


def recorded_name(path: str | os.PathLike[str]) -> str:
    """`path` as it is recorded: bytes that are not UTF-8 as `\\xNN`, a backslash doubled."""
    text = os.fspath(path)
    if text.isascii() and "\\" not in text:
        return text
    return "".join(_spelled(ch) for ch in text)


def _spelled(ch: str) -> str:
    if ch == "\\":
        return "\\\\"
    code = ord(ch)
    if _ESCAPED_LOW <= code <= _ESCAPED_HIGH:
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:  # any other lone surrogate cannot be written either
        return f"\\u{code:04x}"
    return ch


def file_of_name(name: str) -> str:
    """The path a recorded name stands for (the inverse of `recorded_name`), to open the file."""
    return _SPELLING.sub(_unspelled, name) if "\\" in name else name


# What `recorded_name` writes for one character: a doubled backslash, a byte, a lone surrogate.
_SPELLING = re.compile(r"\\(\\|x[89a-f][0-9a-f]|ud[89a-f][0-9a-f]{2})")


def _unspelled(match: re.Match[str]) -> str:
    spelled = match.group(1)
    if spelled == "\\":
        return "\\"
    if spelled.startswith("x"):
        return chr(0xDC00 + int(spelled[1:], 16))
    return chr(int(spelled[1:], 16))
