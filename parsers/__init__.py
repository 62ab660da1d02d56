"""Readers: files in, format-neutral `Document`s out. Knows formats, nothing about bulletins.

This package never imports `pipeline` (a test enforces it).
"""

from parsers.document import Block, Cell, Document, Note, Paragraph, Table
from parsers.errors import ParseError
from parsers.registry import read_document, sniff

__all__ = [
    "Block",
    "Cell",
    "Document",
    "Note",
    "Paragraph",
    "ParseError",
    "Table",
    "read_document",
    "sniff",
]
