"""The data dictionary: every column described once, the descriptions stored in the Parquet files,
docs/datasets.md generated from them and up to date, and `bulletins schema` printing them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from parsers.errors import REASONS as READER_REASONS
from pipeline.model.dictionary import (
    DATASETS,
    DESCRIPTION_KEY,
    DESCRIPTIONS,
    PERIOD,
    REJECTIONS,
    described,
    description,
)
from pipeline.model.errors import REASONS as PIPELINE_REASONS
from pipeline.model.findings import CATALOGUE
from pipeline.model.schema import SCHEMAS, file_schema
from pipeline.run import dictionary_doc
from pipeline.run.cli import main
from pipeline.run.ingest import ingest
from tests.conftest import CORPUS, FIXTURES

WHERE = "pipeline/model/dictionary.py"


def dictionary_problems(dataset: str, schema: pa.Schema) -> list[str]:
    """What is wrong between a dataset's schema and its descriptions, one line each."""
    texts = DESCRIPTIONS.get(dataset, {})
    problems = [
        f"{dataset}.{field.name} has no description: add one to {dataset!r} in {WHERE}"
        for field in schema
        if not (texts.get(field.name) or "").strip()
    ]
    problems += [
        f"{dataset}.{name} is described in {WHERE} but is not a column of {dataset}"
        for name in texts
        if name not in schema.names
    ]
    return problems


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_every_column_is_described_and_every_description_names_a_column(dataset: str) -> None:
    problems = dictionary_problems(dataset, SCHEMAS[dataset])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("dataset", list(SCHEMAS))
def test_each_field_carries_its_description(dataset: str) -> None:
    for field in SCHEMAS[dataset]:
        assert description(field) == DESCRIPTIONS[dataset][field.name], field.name
    for field in file_schema(dataset):
        assert field.metadata == {DESCRIPTION_KEY: description(field).encode()}  # type: ignore[union-attr]


def test_a_column_added_without_a_description_is_named() -> None:
    """The guard can fail: a new column, and a description left behind by a removed one, are
    each named with the place to fix them."""
    items = SCHEMAS["items"].append(pa.field("new_column", pa.string()))
    items = items.remove(items.get_field_index("remark"))
    problems = dictionary_problems("items", described("items", items))
    assert problems == [
        f"items.new_column has no description: add one to 'items' in {WHERE}",
        f"items.remark is described in {WHERE} but is not a column of items",
    ]
    assert description(described("items", items).field("new_column")) is None


def test_every_dataset_and_rejection_reason_is_described() -> None:
    assert list(DESCRIPTIONS) == list(SCHEMAS) == list(DATASETS)
    assert list(REJECTIONS) == [*READER_REASONS, *PIPELINE_REASONS]
    assert all(text.strip() for text in REJECTIONS.values())


def test_docs_datasets_md_is_up_to_date() -> None:
    current = dictionary_doc.DOC.read_text(encoding="utf-8") if dictionary_doc.DOC.exists() else ""
    assert current == dictionary_doc.markdown(), (
        f"docs/datasets.md is stale: regenerate it with `{dictionary_doc.REGENERATE}`"
    )


def test_docs_datasets_md_has_a_row_per_column() -> None:
    doc = dictionary_doc.markdown()
    for dataset, schema in SCHEMAS.items():
        section = doc.split(f"## `{dataset}`\n", 1)[1].split("\n## ", 1)[0]
        rows = [line for line in section.splitlines() if line.startswith("| `")]
        assert [row.split("`")[1] for row in rows] == file_schema(dataset).names
        assert str(schema.field(schema.names[0]).type) in rows[0]
    assert "| `not_a_bulletin` | pipeline | readable, but with no progress table" in doc
    assert "| `issued_on` | date32[day] | yes | the date line under the issuer; else a web" in doc
    assert "(2019-12-16 16:24:11 \\| 来源:…)" in doc  # a pipe inside a cell is escaped


def test_the_check_command_reports_a_stale_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "docs" / "datasets.md"
    monkeypatch.setattr(dictionary_doc, "DOC", doc)
    assert dictionary_doc.main(["--check"]) == 1
    assert dictionary_doc.REGENERATE in capsys.readouterr().err
    assert dictionary_doc.main(["--write"]) == 0
    assert doc.read_text(encoding="utf-8") == dictionary_doc.markdown()
    assert dictionary_doc.main(["--check"]) == 0


def _strip_descriptions(path: Path) -> None:
    """Rewrite a Parquet file as an earlier version wrote it: fields without metadata."""
    table = pq.read_table(path)
    bare = pa.schema([field.remove_metadata() for field in table.schema])
    pq.write_table(table.cast(bare), path)


def _assert_described(out: Path) -> int:
    files = [(d, path) for d in SCHEMAS for path in sorted((out / d).rglob("*.parquet"))]
    for dataset, path in files:
        schema = pq.read_schema(path)
        assert schema.names == file_schema(dataset).names
        for field in schema:
            texts = DESCRIPTIONS[dataset] if field.name in SCHEMAS[dataset].names else PERIOD
            expected = texts[field.name].encode()
            assert field.metadata == {DESCRIPTION_KEY: expected}, (path, field.name)
    return len(files)


def test_the_parquet_files_carry_the_descriptions(small_corpus: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "empty.txt", small_corpus)  # a rejected file in the manifest
    out = tmp_path / "out"
    ingest(small_corpus, out, workers=1)
    # bulletins, items, measures and timeline of two quarters, the findings of one, the manifest
    assert _assert_described(out) == 4 * 2 + 1 + 1
    status = pq.read_schema(out / "items" / "2024-Q2" / "part-0.parquet")
    assert status.field("status").metadata[DESCRIPTION_KEY].startswith(b"its canonical status")
    manifest = pq.read_table(out / "manifest" / "part-0.parquet")
    assert manifest.schema.field("reason").metadata == {
        DESCRIPTION_KEY: DESCRIPTIONS["manifest"]["reason"].encode()
    }

    # Rows kept from a partition file of an earlier version are written described.
    q2 = out / "items" / "2024-Q2" / "part-0.parquet"
    _strip_descriptions(q2)
    assert pq.read_schema(q2).field("status").metadata is None
    shutil.copy(CORPUS / "qixia-2024-q2-layout-b.txt", small_corpus)
    ingest(small_corpus, out, workers=1)
    assert pq.read_table(q2).num_rows > 30
    _assert_described(out)


def test_schema_prints_every_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    text = capsys.readouterr().out
    for dataset in SCHEMAS:
        assert f"\n{dataset}: {DATASETS[dataset]}\n" in f"\n{text}"
    assert "  declared_counts  (map<string, int32>, not null)\n" in text
    assert "  summary_counts_mismatch  (warning)\n" in text
    assert "  not_a_bulletin  (pipeline)\n" in text


def test_schema_prints_one_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "items"]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"items: {DATASETS['items']}\n")
    assert "  status  (string, not null)\n      its canonical status" in text
    assert "bulletins:" not in text and "declared_counts" not in text
    assert re.findall(r"^  (\S+)  \(", text, re.M) == file_schema("items").names


def test_schema_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "findings", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["findings"]
    findings = data["findings"]
    assert findings["rows"] == DATASETS["findings"]
    assert (
        "`findings/<period>/part-0.parquet`: one folder per reporting period" in findings["layout"]
    )
    assert [c["name"] for c in findings["columns"]] == file_schema("findings").names
    assert findings["columns"][2] == {
        "name": "check",
        "type": "string",
        "nullable": False,
        "description": DESCRIPTIONS["findings"]["check"],
        "partition": False,
    }
    assert [c["check"] for c in findings["checks"]] == [c.code for c in CATALOGUE]
    assert main(["schema", "--json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert list(every) == list(SCHEMAS)
    assert [r["reason"] for r in every["manifest"]["reasons"]] == list(REJECTIONS)
    assert [c["name"] for c in every["bulletins"]["columns"] if c["partition"]] == [
        "year",
        "quarter",
    ]


def test_schema_of_an_unknown_dataset_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "item"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "bulletins: error: no dataset 'item': one of bulletins, items, measures, findings,"
        " manifest, timeline\n"
    )
