"""Cell and paragraph text as the pipeline interprets it: wrapped lines joined, script noise
removed.

One rule for every format: a line break inside a cell (a PDF wrap, a Word paragraph, a
flattened web line) is removed next to a Chinese character or punctuation, and becomes one space
between two Latin letters or digits ("5G\\nbase" -> "5G base"; "1.6萬\\n噸" -> "1.6萬噸").
Responsible-unit cells are split on their line breaks instead (see `values/responsible.py`).
"""

from __future__ import annotations

import re

from pipeline.text.noise import denoise

_BREAK = re.compile(r"\s*\n\s*")
_LATIN = re.compile(r"[A-Za-z0-9]")


def unwrap(text: str) -> str:
    """Join the lines of a cell (see the module docstring)."""
    if "\n" not in text:
        return text

    def join(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return " " if _LATIN.match(before) and _LATIN.match(after) else ""

    return _BREAK.sub(join, text).strip()


def clean(text: str) -> str:
    """Cell or paragraph text as interpreted: lines joined, script noise removed."""
    return denoise(unwrap(text.strip()))
