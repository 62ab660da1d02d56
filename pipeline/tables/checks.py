"""What is wrong with a document's tables as a whole: why none is a progress table, columns
given twice or not known; and the status a table's title names for its rows."""

from __future__ import annotations

from collections.abc import Sequence

from parsers.document import Cell, Document
from pipeline.model.findings import finding
from pipeline.model.records import Finding
from pipeline.tables.fit import is_figure
from pipeline.tables.header import map_header
from pipeline.tables.items import ProgressTable
from pipeline.tables.reflow import reflow
from pipeline.tables.rows import MAX_HEADER_ROW
from pipeline.values.status import status_in_text


def title_status(table: ProgressTable) -> tuple[str, str] | None:
    """A status named by the table's own title (附件1:慢序时项目, 已完成项目清单), used for rows
    without a status of their own. A title about progress in general (…进展情况表) names none."""
    if not table.caption or "情况" in table.caption:
        return None
    found = status_in_text(table.caption)
    return found if found and len(found[0]) >= 3 else None


def names_are_figures(rows: Sequence[Sequence[Cell]], column: int | None) -> bool:
    """Whether the item column holds figures rather than names in most rows: a header that
    fitted the labels but not the rows (a matrix read as a list), whose items would be numbers."""
    if column is None:
        return False
    names = [row[column].text.strip() for row in rows if len(row) > column]
    names = [name for name in names if name]
    figures = sum(1 for name in names if is_figure(name))
    return bool(names) and figures * 2 > len(names)


def why_no_table(document: Document) -> str:
    """The no_table message: what was found instead of a progress table."""
    found = len(document.tables)
    if not found:
        return "no progress table found (no table at all)"
    for table in document.tables:
        rows = reflow(table) if table.flow else table.rows
        for index, row in enumerate(rows[:MAX_HEADER_ROW]):
            header = map_header([cell.text for cell in row])
            if header.is_progress_table and names_are_figures(
                rows[index + 1 :], header.column("item")
            ):
                return (
                    f"a table whose item column ({header.labels[header.column('item') or 0]})"
                    " holds figures, not names: its rows do not fit its header"
                )
            indicators = sum(1 for r in header.roles if r in ("target", "rate", "quantity"))
            if (
                header.column("group") is not None
                and header.column("item") is None
                and indicators >= 2
            ):
                return (
                    "a per-district matrix (one row per district, columns per indicator) whose"
                    " indicator columns do not come in groups of the same columns"
                )
    return (
        f"no progress table found ({found} table(s), none with an item column and a progress"
        " or status column)"
    )


# Roles read from one column only: a second column of the same role is reported, not read.
SINGLE_ROLES = ("id", "item", "target", "progress", "status", "rate", "quantity", "group")


def column_findings(bulletin_id: str, tables: Sequence[ProgressTable]) -> list[Finding]:
    """Headers inferred from the cells, columns read from one place only but given twice, and
    columns nobody knows."""

    def about(table: ProgressTable, check: str, message: str, observed: str) -> Finding:
        return finding(bulletin_id, check, message, observed=observed, line=table.line)

    findings = []
    for number, table in enumerate(tables):
        if table.header_inferred:
            roles = " | ".join(label or "?" for label in table.header.labels)
            message = (
                f"table {number} has no header row (a page begun mid-table); its columns were"
                f" read from what their cells hold: {roles}"
            )
            findings.append(about(table, "header_inferred", message, roles))
        for role in SINGLE_ROLES:
            columns = table.header.columns(role)
            if len(columns) > 1:
                names = ", ".join(f"{c + 1} '{table.header.labels[c]}'" for c in columns)
                read = table.header.column(role)
                which = "the last" if read == columns[-1] else "the first"
                message = f"table {number}: columns {names} are all '{role}'; {which} is read"
                findings.append(about(table, "column_repeated", message, names))
        for column in table.header.unmapped:
            label = table.header.labels[column]
            message = (
                f"table {number}: column {column + 1} '{label}' is not a known header; its"
                " cells are not read (add it to pipeline/vocab/headers.toml)"
            )
            findings.append(about(table, "column_unmapped", message, label))
    return findings
