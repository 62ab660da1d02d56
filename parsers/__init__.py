"""Readers: files in, format-neutral `Document`s out. Knows formats, nothing about bulletins.

This package never imports `pipeline` (a test enforces it).
"""

from parsers.document import Block, Cell, Document, Note, Paragraph, Table
from parsers.errors import ParseError
from parsers.files import not_regular
from parsers.names import file_of_name, recorded_name
from parsers.registry import (
    PDF_ENGINES,
    READ_SUFFIXES,
    check_size,
    is_readable,
    read_document,
    sniff,
)

__all__ = [
    "PDF_ENGINES",
    "READ_SUFFIXES",
    "Block",
    "Cell",
    "Document",
    "Note",
    "Paragraph",
    "ParseError",
    "Table",
    "check_size",
    "file_of_name",
    "is_readable",
    "not_regular",
    "read_document",
    "recorded_name",
    "sniff",
]
