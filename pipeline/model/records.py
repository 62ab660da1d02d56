"""The records the pipeline produces: frozen dataclasses, one per dataset row.

Field names are the public contract (README, analysts' queries, `parse --json`); their Arrow
types are declared once in `pipeline/schema.py`, and a test checks the two agree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Bulletin:
    """One source document."""

    bulletin_id: str  # first 16 hex digits of the source's SHA-256: same bytes, same id
    # shared by the same bulletin in another format or copy (pipeline.values.keys)
    document_key: str
    # the bulletin_id of the copy kept for counting; None on that copy and on bulletins without
    # copies. Set when a partition is written (pipeline.output.duplicates)
    duplicate_of: str | None
    # the series it belongs to: <place>/<kind>/<year> (pipeline.values.programmes)
    programme_key: str | None
    source_path: str
    source_format: str  # txt, docx, pdf, html
    source_sha256: str
    source_encoding: str | None  # codec a text source was decoded with
    title: str | None
    issuer: str | None
    region: str | None
    issuer_norm: str | None  # Simplified, folded, aliases mapped (pipeline.values.organisations)
    region_norm: str | None
    issued_on: date | None
    period_label: str | None  # as written: 二季度, 1-9月
    period_start: date | None
    period_end: date | None
    year: int | None
    quarter: int | None  # quarter of the period's end
    script: str | None  # simplified / traditional
    declared_total: int | None  # "30项…": the total stated in the narrative
    declared_counts: dict[str, int]  # status -> count as stated in the narrative
    declared_shares: dict[str, float]  # status -> percent as stated ("已完成的占20%")
    narrative: str  # the narrative paragraphs, in order, one per line
    item_count: int
    table_count: int  # progress tables found
    parser_version: str


@dataclass(frozen=True, slots=True)
class ItemDraft:
    """What one project says, cell by cell or clause by clause (a row of a progress table, or
    an item listed in the prose): an `Item` before its numbers, dates, completion and sector
    are read (pipeline.values.enrich builds the Item)."""

    bulletin_id: str
    seq: int | None  # the row's number, read from the id column
    seq_raw: str | None  # the id cell as written (9*, (1))
    parent_seq: int | None  # for a sub-row without a number: the item above it
    group: str | None  # category column, carried down from the first row of its group
    name: str
    target: str | None
    progress: str | None
    units: tuple[str, ...]  # responsible units, split
    units_raw: str | None
    people: tuple[str, ...]  # responsible people (责任领导), split
    remark: str | None
    status_raw: str | None  # the label as written
    status: str  # canonical: see vocabulary.STATUSES
    # column, yes_no_column, progress_text, table_title, rate; None; narrative for an item
    # listed in the prose (pipeline.narrative.lists), with or without a status
    status_source: str | None
    rate: float | None  # completion rate from a rate column, as a fraction (92% -> 0.92)
    name_norm: str  # Simplified, NFKC, whitespace-folded: for joins across bulletins
    table_index: int  # 0-based index of the progress table in the document
    table_title: str | None  # the table's own title (the line above it), when it has one
    row_index: int  # 0-based index of the row in its table, header rows included
    line: int | None  # source line of the row's first cell
    page: int | None


@dataclass(frozen=True, slots=True)
class Item(ItemDraft):
    """One project row of a progress table: its cells (`ItemDraft`) and what is read from
    them, built once by pipeline.values.enrich."""

    item_id: str  # unique, stable: the bulletin and the item's place (pipeline.values.keys)
    units_norm: tuple[str, ...]  # the units Simplified, folded, aliases mapped
    deadline: date | None  # last day of the date the target is due (2024年5月 -> 05-31)
    deadline_precision: str | None  # day, part_of_month, month, quarter, half, year
    deadline_raw: str | None
    as_of: date | None  # the date the progress cell reports at (截至6月底)
    as_of_precision: str | None
    completion_ratio: float | None  # achieved / target (27户 of 80户 -> 0.3375)
    completion_method: str | None  # rate_column, target_progress, progress_pair
    completion_target: str | None  # the target figure used, as written
    completion_progress: str | None  # the progress figure used, as written
    stalled: bool  # the progress says work has stopped or cannot proceed
    stalled_phrase: str | None  # the phrase that says so (停工, 无法推进 …)
    category: str | None  # sector, from vocab/sectors.toml


@dataclass(frozen=True, slots=True)
class Measure:
    """A quantity or a date found in a target or progress cell."""

    bulletin_id: str
    item_id: str  # the item whose cell holds it
    seq: int | None
    field: str  # target / progress
    raw: str  # as written, qualifiers included
    value: float | None  # in `unit`; None for a range or a date
    value_min: float | None  # for a range (60-84周岁)
    value_max: float | None
    unit: str | None  # canonical: CNY, km, m2, m3, t, kW, kV, person, household, %, pp, 个 …
    unit_raw: str  # as written, multiplier included (萬噸)
    dimension: str | None  # money, length, area, ..., count, percent, date; None: unit unknown
    qualifier: str | None  # 以上, 不少于, 约, 预计, 累计, 余 … (comma-joined)
    # total_investment, annual_plan, completed, target_quantity, achieved_quantity, standard,
    # threshold (pipeline.values.roles); None for a date
    role: str | None
    start: int  # character span in the cell
    end: int
    date_start: date | None  # for dates: the first and last day meant
    date_end: date | None
    precision: str | None  # for dates: day, part_of_month, month, quarter, half, year


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem or inconsistency found in one bulletin."""

    bulletin_id: str
    seq: int | None  # the item concerned, if any
    check: str  # a stable code: summary_counts_mismatch, status_unknown ...
    severity: str  # error / warning / info
    message: str
    expected: str | None = None
    observed: str | None = None
    line: int | None = None
    item_id: str | None = None  # the item concerned; None for bulletin-level findings


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One input file of the last run."""

    source_path: str
    source_sha256: str | None
    source_format: str | None
    status: str  # ok / rejected
    reason: (
        str | None
    )  # a reason code when rejected (parsers.errors.REASONS, pipeline.model.errors)
    message: str | None  # one line naming the file and the reason
    bulletin_id: str | None
    item_count: int
    finding_count: int
    parser_version: str
    # `pipeline.run.fingerprint`: the code and vocabulary that read the file
    parser_fingerprint: str | None = None
    # the limits in force when it was read: a file rejected over one is tried again under a
    # larger one
    timeout_seconds: float | None = None
    max_memory_mib: int | None = None


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One project in one bulletin of its programme (pipeline.output.timeline_rows)."""

    programme_key: str
    project_key: str  # the item_id of the project's first row
    period: str  # 2024-Q2: the partition's name
    year: int | None
    quarter: int | None
    bulletin_id: str
    item_id: str
    seq: int | None
    name: str
    name_norm: str
    status: str
    status_source: str | None
    completion_ratio: float | None
    deadline: date | None
    as_of: date | None
    previous_status: str | None
    status_change: str | None  # behind→on_track
    link_rule: str  # same_name, similar_name, same_target; new
    link_confidence: float | None
    findings: list[str]  # codes of the findings catalogue


@dataclass(frozen=True, slots=True)
class ParsedBulletin:
    """Everything one document yields."""

    bulletin: Bulletin
    items: tuple[Item, ...]
    findings: tuple[Finding, ...] = field(default=())
    measures: tuple[Measure, ...] = field(default=())


def to_json_dict(record: Any) -> dict[str, Any]:
    """A record as JSON-ready data: dates as ISO strings, tuples as lists."""
    return {key: jsonable(value) for key, value in asdict(record).items()}


def jsonable(value: Any) -> Any:
    """A value as JSON-ready data: dates as ISO strings, tuples as lists, keys as strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value
