"""Copies of one bulletin -> `duplicate_of`: the same bulletin read from two files (another
format, script or encoding, or a copy with other bytes) shares its `document_key`, and only one
of them is to be counted.

Computed over the rows of one `bulletins` partition whenever that partition is written (copies
share their period, hence their partition), from all of its rows, those kept from earlier runs
included: a copy added by a later run, or the kept copy removed with `--prune`, changes what the
others say. The copy kept is the first by `FORMAT_PREFERENCE`, then by `source_path`, then by
`bulletin_id`; the others name it in `duplicate_of`, and it and bulletins without copies hold
null.
"""

from __future__ import annotations

import pyarrow as pa

# Formats in the order their copies are kept: a Word file, a workbook or a web page holds the
# table as drawn (merged cells, rows), a legacy Word file the same once converted, a PDF as laid
# out on pages, a text file as flattened, a page image as OCR read it.
FORMAT_PREFERENCE = (
    "docx", "xlsx", "ods", "xls", "html", "doc", "wps", "rtf", "pdf", "txt", "png", "jpg",
)  # fmt: skip


def mark_duplicates(bulletins: pa.Table) -> pa.Table:
    """The partition's rows with `duplicate_of` set from their `document_key`s; nothing else
    changes, not even the order of the rows."""
    keys = bulletins["document_key"].to_pylist()
    formats = bulletins["source_format"].to_pylist()
    paths = bulletins["source_path"].to_pylist()
    ids = bulletins["bulletin_id"].to_pylist()
    kept: dict[str, tuple[int, str, str]] = {}
    for key, fmt, path, bulletin_id in zip(keys, formats, paths, ids, strict=True):
        rank = (_format_rank(fmt), path, bulletin_id)
        if key not in kept or rank < kept[key]:
            kept[key] = rank
    duplicate_of = [
        None if kept[key][2] == bulletin_id else kept[key][2]
        for key, bulletin_id in zip(keys, ids, strict=True)
    ]
    column = bulletins.schema.get_field_index("duplicate_of")
    field = bulletins.schema.field(column)
    return bulletins.set_column(column, field, pa.array(duplicate_of, field.type))


def _format_rank(source_format: str) -> int:
    if source_format in FORMAT_PREFERENCE:
        return FORMAT_PREFERENCE.index(source_format)
    return len(FORMAT_PREFERENCE)
