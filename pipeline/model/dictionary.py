"""The data dictionary: what each dataset holds and what each of its columns means, written once.

`pipeline.model.schema` attaches each description to its Arrow field as metadata
(`DESCRIPTION_KEY`), so every Parquet file carries its own dictionary:
`pq.read_schema(path).field("status").metadata[b"description"]`. `docs/datasets.md` and
`bulletins schema` are generated from the schemas and these texts. A column without a
description, or a description without its column, fails a test that names it.
"""

from __future__ import annotations

import pyarrow as pa

from pipeline.model.dictionary_timeline import TIMELINE

DESCRIPTION_KEY = b"description"

# One line per dataset: what one row is.
DATASETS = {
    "bulletins": "one row per source document",
    "items": "one row per project: a progress table's row, or an item the prose lists",
    "measures": "one row per quantity or date in a target or progress cell",
    "findings": "one row per problem found",
    "manifest": "one row per input file of the last run",
    "timeline": "one row per project per bulletin of a programme (bulletins counted once):"
    " the same project followed across periods",
}

_CELLS = (
    "as in the source, with line breaks inside a cell (wraps, Word paragraphs) removed next to"
    " Chinese text and turned into one space between Latin words"
)
_PERIOD = "a column of the files, as the folder of its partition says it (2024-Q2)"

BULLETINS = {
    "bulletin_id": "first 16 hex digits of the file's SHA-256",
    "document_key": "the same for every copy of one bulletin, in any format, script, encoding"
    " or layout: 16 hex digits of a SHA-256 over issuer_norm, region_norm, the period (year,"
    " quarter, period_end) and the items in order, each as its seq and its name's match key;"
    " without items, the declared total, counts, shares and the title's match key; with"
    " neither, the bulletin_id (copies are then only byte-identical files)",
    "duplicate_of": "the bulletin_id of the copy counted when the bulletin is in several files"
    " (the first by format: docx, xlsx, ods, xls, html, doc, wps, rtf, pdf, txt, png, jpg; then"
    " by source_path, then bulletin_id); null"
    " on that copy and on bulletins without copies: keep the rows where it is null to count"
    " each bulletin once",
    "programme_key": "the series the bulletin belongs to, `<place>/<kind>/<year>`"
    " (栖霞市/民生实事/2024): region_norm (else issuer_norm), the programme kind its title names"
    " (else its narrative: 政府工作报告任务, 民生实事, 民生工程, 重点项目, 重点工作, 重点指标,"
    " 其他) and the year; null without a place or a year",
    "source_path": "the file: its path relative to CORPUS (bytes of the name that are not UTF-8"
    " as `\\xNN`, a backslash doubled)",
    "source_format": "`txt` / `docx` / `pdf` / `html` / `xlsx` / `xls` / `ods` / `doc` / `wps` /"
    " `rtf`",
    "source_sha256": "the file's hash (SHA-256, hex)",
    "source_encoding": "the codec a text or web page was decoded with",
    "title": "as written (source script)",
    "issuer": "as written (source script)",
    "region": "as written (source script); the region from the issuer"
    " (棲霞市人民政府辦公室 → 棲霞市)",
    "issuer_norm": "the issuer in its grouping form: Simplified, NFKC, without whitespace or"
    " edge punctuation, another name of the same body written as its canonical one"
    " (`[aliases]` in vocab/organisations.toml)",
    "region_norm": "the region in the same grouping form: 棲霞市 and 栖霞市 → 栖霞市",
    "issued_on": "the date line under the issuer; else a web page's publication time stamp"
    " (2019-12-16 16:24:11 | 来源:…)",
    "period_label": "as written, without the year: 二季度, 1-9月, 截至10月31日",
    "period_start": "the period's first day (cumulative labels start on 1 January)",
    "period_end": "the period's last day",
    "year": f"{_PERIOD}; the year from the label, else the title, else the issue date (a Q4"
    " report issued in January belongs to the year before); a period that starts after the"
    " issue date (2025年度…征集 on a page of October 2024) is not the one reported on; null"
    " when no period could be read (a `period_missing` finding)",
    "quarter": f"{_PERIOD}; the quarter of the period's end (二季度 → 2, 1-9月 → 3,"
    " 截至10月31日 → 4); null when no period could be read",
    "script": "`simplified` or `traditional`",
    "declared_total": 'the total the narrative announces ("30项…")',
    "declared_counts": "status → count as the narrative states it, never corrected: of the"
    " breakdowns the prose states, the one naming the most statuses (a second programme or a"
    " new scope, 20件民生大事 after 112个小项, is another breakdown; headlines only when the body"
    " states none). Of two states in one phrase, the first (提前完成或超额完成 → ahead); not a"
    " part after 其中, which its count holds already (31个项目完成月度计划,其中2个项目提前完成),"
    " a per-unit or per-group part (卫健局牵头的2项, 12个建设类项目), work done (完成改造12个小区),"
    " an expectation (预计年底前完成) or what was added (又有16项)",
    "declared_shares": "status → percent as the narrative states it (已完成的占20%)",
    "narrative": "the paragraphs outside tables, in order, one per line",
    "item_count": "the items read (rows of its progress tables, or items its prose lists)",
    "table_count": "the progress tables read",
    "parser_version": "the version of this tool",
}

ITEMS = {
    "item_id": "the item, unique across the datasets and the same on every run over the same"
    " file: `<bulletin_id>-t<table_index>-r<row_index>` for a row of a progress table,"
    " `<bulletin_id>-l<list>-e<entry>` for an item listed in the prose; join `measures` and"
    " `findings` on it",
    "bulletin_id": "the bulletin",
    "seq": "the row number; from the name ((1)…) when the table has no id column; for an item"
    " listed in the prose, its number",
    "seq_raw": "the id cell as written (9*, (1)); from the name ((1)…) when the table has no id"
    " column; for an item listed in the prose, its marker as written (一、, (1), 1.; null for"
    " unnumbered paragraphs and records)",
    "parent_seq": "for a sub-row without a number (one indicator of a project), or a task listed"
    " under an item of the prose (1.… under 一、…): the numbered item above it",
    "group": "a category column, carried down from the first row of its group (a row that is one"
    " cell across the table is a section heading: the group of the rows below it); for an item"
    " listed in the prose, the innermost section heading above it (一、主要指标(共3项))",
    "name": f"the name cell, {_CELLS}; for an item listed in the prose, its statement (without"
    " its number and units)",
    "target": f"the target cell, {_CELLS}; for an item listed in the prose, the value of a"
    " 任务目标: label",
    "progress": f"the progress cell, {_CELLS}; for an item listed in the prose, what follows"
    " (its own line's progress clause, 完成情况:…, the lines below it, one paragraph per line)",
    "units": "responsible units split on spaces, 、，；/ and on line breaks after a complete"
    " organisation name (大数据服务⏎中心 stays one unit; `vocab/organisations.toml`)",
    "units_raw": "the responsible units as written, before the split",
    "units_norm": "each unit in its grouping form, like `issuer_norm`: 衛健局, 卫健局 and"
    " 卫生健康局 → 卫生健康局, 市卫健局 → 市卫生健康局",
    "people": "responsible people (责任领导, 责任人)",
    "remark": "备注 / 说明",
    "status_raw": "the status label as written; for `status_source` `rate`, it says"
    ' "96.7% against 91.7% of the year elapsed"',
    "status": "its canonical status (the status vocabulary: `done`, `mostly_done`, `ahead`,"
    " `on_track`, `in_progress`, `behind`, `severely_behind`, `not_started`, `not_done`,"
    " `not_applicable`, `unknown`)",
    "status_source": "where the status came from: `column`, `yes_no_column`, `progress_text`,"
    " `table_title`, `rate` (null when no status was found), or `narrative` for every item"
    " listed in the prose of a bulletin without a progress table, whose status, when it has one,"
    " is the clause of its progress that is a status label once its subject and time are set"
    " aside (此项工作已完成, 上半年已全部完工)",
    "rate": "a rate column's value as a fraction (92% → 0.92)",
    "name_norm": "the name in Simplified, NFKC, without control characters, whitespace folded:"
    " join on this across bulletins",
    "table_index": "provenance: the progress table (0 for the first); for an item listed in the"
    " prose, the list",
    "table_title": "the table's own title (the line above it), useful when a document has"
    " several tables",
    "row_index": "provenance: the row in its table (header included); for an item listed in the"
    " prose, the item's place in its list",
    "line": "provenance: the source line",
    "page": "provenance: the page",
    "deadline": "when the target is due: the last day of the first date in the target followed"
    " by a completion word (完工, 完成, 前 …) or preceded by 预计/力争/确保."
    " 预计2024年5月完工 → 2024-05-31, `month`",
    "deadline_precision": "the deadline's precision: `day`, `part_of_month`"
    " (上旬/中旬/下旬/底), `month`, `quarter`, `half`, `year`",
    "deadline_raw": "the deadline's date as written in the target (2024年5月)",
    "as_of": "the date the progress cell reports at (截至6月份 → 2024-06-30)",
    "as_of_precision": "that date's precision, as for `deadline_precision`",
    "completion_ratio": "achieved ÷ target, from the two figures in `completion_target` and"
    " `completion_progress`. Null when nothing compares honestly",
    "completion_method": "how `completion_ratio` was found. `rate_column`: the table's rate;"
    " `target_progress`: a target figure and a progress figure of the same unit *and* meaning"
    " (80户 to repair, 目前已完工27户 → 0.3375; never the 80户 re-checked); `progress_pair`:"
    " 应接种860人,已接种801人. Null when nothing compares honestly",
    "completion_target": "the target figure used, as written",
    "completion_progress": "the progress figure used, as written",
    "stalled": "the progress says work has stopped or cannot proceed (处于停工状态, 无法推进,"
    " 资金问题 …)",
    "stalled_phrase": "the phrase of the progress that says so (处于停工状态)",
    "category": "sector from jieba tokens of the name (×2) and target against"
    " `vocab/sectors.toml`: `education`, `health`, `housing_urban_renewal`, `transport`,"
    " `water`, `environment`, `social_assistance_elderly_care`, `employment_training`,"
    " `culture_sport`, `digital_government`, `food_safety`, `agriculture`, `energy`,"
    " `public_safety`, `other`",
}

MEASURES = {
    "item_id": "the item (join `items` on it: `seq` is null in key–value forms and unnumbered"
    " lists, and repeats across tables)",
    "bulletin_id": "the item's bulletin",
    "seq": "the item (its `seq` in `items`)",
    "field": "the cell: `target` or `progress`",
    "raw": "as written, qualifiers included (不少于200場次)",
    "value": "in the canonical unit (1.2億元 → 120000000); null for a range, which fills"
    " `value_min` and `value_max` instead (60-84周岁)",
    "value_min": "a range's lower end, in the canonical unit (60-84周岁 → 60)",
    "value_max": "a range's upper end, in the canonical unit (60-84周岁 → 84)",
    "unit": "canonical unit (萬噸 → `t`)",
    "unit_raw": "the unit as written (萬噸)",
    "dimension": "`money`, `length`, `area`, `volume`, `mass`, `power`, `voltage`, `energy`,"
    " `people`, `person_times`, `households`, `batches`, `count`, `percent`,"
    " `percentage_points`, `age`, `date`; `<dimension>_per_<unit>` for rates; null when the"
    " unit is unknown (a `unit_unknown` finding)",
    "qualifier": "以上, 不少于, 不低于, 超过, 左右, 约, 预计, 累计, 其中, 余, > … (comma-joined)",
    "role": "what the figure stands for, from the nearest cue word before it in its clause (or"
    " right after it; vocab/roles.toml): `total_investment` (总投资1.2亿元, 投资337万元),"
    " `annual_plan` (年内计划投资1500万元, 计划投资), `completed` (money spent, paid or invested,"
    " work reported done: 累计发放救助资金2954万元, 完成投资, 已拨付), `target_quantity` (a"
    " quantity to reach: 新建110千伏变电站1座), `achieved_quantity` (a quantity reached:"
    " 已接种801人), `standard` (per person, per unit, a rate a rule sets: 每人每月850元),"
    " `threshold` (起付标准, 年度救助限额3万元, 超过1万元以上的部分). Without a cue:"
    " `target_quantity` in a target cell, `achieved_quantity` in a progress cell; money"
    " `annual_plan` in a target cell, `completed` in a progress cell. Null for dates",
    "start": "character span in the cell: where `raw` starts (0 for the first character)",
    "end": "character span in the cell: where `raw` ends (exclusive)",
    "date_start": "for `date` rows: the first day meant",
    "date_end": "for `date` rows: the last day meant",
    "precision": "for `date` rows: the precision, as for `deadline_precision` in `items`",
}

FINDINGS = {
    "bulletin_id": "the bulletin",
    "seq": "the item's number (null for bulletin-level findings)",
    "item_id": "the item concerned; null for findings about the bulletin, a table or several"
    " items (`seq_duplicate`)",
    "check": "a stable code, from the findings catalogue",
    "severity": "`error`, `warning` or `info`",
    "message": "one readable sentence",
    "expected": "one side of a disagreement: what was expected (JSON for count breakdowns)",
    "observed": "the other side of a disagreement: what was found (JSON for count breakdowns)",
    "line": "source line when known",
}

MANIFEST = {
    "source_path": "the file, as in `bulletins`: its path relative to CORPUS",
    "source_sha256": "the file's SHA-256 (hex); null when it was rejected before being hashed",
    "source_format": "`txt` / `docx` / `pdf` / `html` / `xlsx` / `xls` / `ods` / `doc` / `wps` /"
    " `rtf`; null for a rejected file",
    "status": "`ok` / `rejected`",
    "reason": "why the file was rejected, a reason code (below); null when ok",
    "message": "for a rejected file, one line naming the file and the reason; for a file whose"
    " bytes another file already has, which one (same content as …: rows written once)",
    "bulletin_id": "the bulletin the file's rows belong to; null for a rejected file",
    "item_count": "items read from the file",
    "finding_count": "findings reported on the file",
    "parser_version": "the version of this tool that read the file",
    "parser_fingerprint": "the parser that read the file: a hash of the version, the code of"
    " parsers/ and pipeline/ and the vocabulary tables in use (--vocab's merged in); a file"
    " unchanged since is not parsed again by the same parser",
    "timeout_seconds": "the --timeout in force when the file was read: a `timeout` rejection"
    " is retried under a larger one",
    "max_memory_mib": "the --max-memory in force when the file was read: a `too_large`"
    " rejection is retried under a larger one",
}

# The period columns that items, measures and findings files carry beside their records' fields.
PERIOD = {
    "year": f"{_PERIOD}: the bulletin's `year`",
    "quarter": f"{_PERIOD}: the bulletin's `quarter`",
}

DESCRIPTIONS = {
    "bulletins": BULLETINS,
    "items": ITEMS,
    "measures": MEASURES,
    "findings": FINDINGS,
    "manifest": MANIFEST,
    "timeline": TIMELINE,
}

# What each rejection reason of the manifest means (the codes are parsers.errors.REASONS and
# pipeline.model.errors.REASONS; a test checks that these are the same).
REJECTIONS = {
    "empty": "the file has no bytes or no text",
    "unsupported": "not a format this tool reads (an image without `--ocr`, an archive)",
    "corrupt": "the container or structure is broken",
    "encrypted": "password-protected",
    "no_text_layer": "a scan: pages without text",
    "garbled_text": "text that cannot be decoded into plausible Chinese (or a PDF text layer"
    " that pdfminer garbles)",
    "too_large": "over a size limit, or the memory limit (`--max-memory`), or the file killed"
    " its worker twice",
    "unreadable": "the file cannot be read: permission denied, an I/O error",
    "needs_libreoffice": "a legacy Word or WPS file (.doc, .wps, .rtf), read through"
    " LibreOffice, which is not installed (`soffice` not on PATH)",
    "not_a_bulletin": "readable, but with no progress table and no title, reporting period,"
    " declared count, list of items or prose naming a programme and a state reached: a"
    " document without a table but with any of those is a bulletin, written with a"
    " `no_table` finding",
    "timeout": "parsing took longer than `--timeout` seconds",
    "internal_error": "a bug: please report it with the file",
}


def described(dataset: str, schema: pa.Schema) -> pa.Schema:
    """`schema` with each field's description as its metadata (a field without one is left
    bare: the dictionary's test names it)."""
    texts = DESCRIPTIONS.get(dataset, {})
    fields = []
    for field in schema:
        text = texts.get(field.name)
        if text is not None:
            field = field.with_metadata({DESCRIPTION_KEY: text.encode("utf-8")})
        fields.append(field)
    return pa.schema(fields, metadata=schema.metadata)


def description(field: pa.Field) -> str | None:
    """The description a field carries, or None."""
    metadata = field.metadata or {}
    text = metadata.get(DESCRIPTION_KEY)
    return text.decode("utf-8") if text is not None else None
