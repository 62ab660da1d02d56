"""Keys for joins: item_id on every item, measure and item-level finding; document_key shared
by the copies of one bulletin; the *_norm forms of organisations and places."""

from __future__ import annotations

import functools
import shutil
from collections import Counter
from pathlib import Path

import pytest

from parsers import ParseError
from pipeline.model.errors import BulletinError
from pipeline.model.records import ParsedBulletin
from pipeline.run.ingest import parse_file
from pipeline.values.organisations import organisation_norm, units_norm
from tests.conftest import CORPUS, FIXTURES
from tests.golden_docs import documents as golden_documents
from tests.test_golden import LEGACY_WORD


def documents() -> list[Path]:
    """The corpus files and fixtures that have goldens."""
    return [document.path for document in golden_documents()]


Q2_RENDERINGS = [
    CORPUS / "qixia-2024-q2.txt",
    CORPUS / "qixia-2024-q2-simplified.txt",
    CORPUS / "qixia-2024-q2-gb18030-crlf.txt",
    CORPUS / "qixia-2024-q2-big5.txt",
    CORPUS / "qixia-2024-q2-layout-b.txt",
    FIXTURES / "qixia-2024-q2.docx",
    FIXTURES / "qixia-2024-q2.html",
    FIXTURES / "qixia-2024-q2.pdf",
]


@functools.cache
def parsed(path: Path) -> ParsedBulletin | None:
    try:
        return parse_file(path)
    except (ParseError, BulletinError):
        return None


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_every_measure_and_item_finding_joins_one_item(path: Path) -> None:
    result = parsed(path)
    if result is None:
        pytest.skip("rejected: no items")
    ids = Counter(item.item_id for item in result.items)
    assert all(n == 1 for n in ids.values()), [i for i, n in ids.items() if n > 1]
    assert all(i.startswith(result.bulletin.bulletin_id + "-") for i in ids)
    assert all(m.item_id in ids for m in result.measures)
    for found in result.findings:
        assert found.item_id is None or found.item_id in ids, found
        if found.check in {"status_missing", "status_unknown", "row_ambiguous", "unit_unknown"}:
            assert found.item_id is not None, found


def test_item_ids_name_the_table_and_row_or_the_list_entry() -> None:
    table = parsed(CORPUS / "qixia-2024-q2.txt")
    prose = parsed(FIXTURES / "list-ordinal-items.txt")
    assert table is not None and prose is not None
    first = table.items[0]
    assert first.item_id == f"{first.bulletin_id}-t0-r{first.row_index}"
    assert all("-l" in item.item_id and "-e" in item.item_id for item in prose.items)


def test_item_ids_are_stable_across_reads() -> None:
    path = FIXTURES / "several-tables.txt"
    first, again = parse_file(path), parse_file(path)
    assert [i.item_id for i in first.items] == [i.item_id for i in again.items]
    assert len({i.item_id for i in first.items}) == len(first.items)
    assert len({i.table_index for i in first.items}) > 1  # seq repeats across the tables


def test_findings_of_a_row_name_its_item() -> None:
    result = parsed(FIXTURES / "findings-mixed.txt")
    assert result is not None
    by_id = {item.item_id: item for item in result.items}
    short = next(f for f in result.findings if f.check == "row_too_few_cells")
    assert short.item_id is not None and by_id[short.item_id].line == short.line
    assert next(f for f in result.findings if f.check == "seq_gap").item_id is None


def test_every_rendering_of_the_q2_sample_shares_its_document_key() -> None:
    keys = {}
    for path in Q2_RENDERINGS:
        result = parsed(path)
        assert result is not None, path
        keys[path.name] = result.bulletin.document_key
    assert len(set(keys.values())) == 1, keys
    ids = {r.bulletin.bulletin_id for p in Q2_RENDERINGS if (r := parsed(p)) is not None}
    assert len(ids) == len(Q2_RENDERINGS)  # eight files, one bulletin


def _readable_here(path: Path) -> bool:
    """Legacy Word files are read through LibreOffice: without it they are not read at all."""
    return path.suffix.lower() not in LEGACY_WORD or shutil.which("soffice") is not None


def test_other_bulletins_have_other_document_keys() -> None:
    q2, q3 = parsed(CORPUS / "qixia-2024-q2.txt"), parsed(CORPUS / "qixia-2024-q3.txt")
    assert q2 is not None and q3 is not None
    assert q2.bulletin.document_key != q3.bulletin.document_key
    keys = Counter(r.bulletin.document_key for p in documents() if (r := parsed(p)) is not None)
    # Renderings of the sample: its files, and the Word table of its 30 items printed to PDF.
    sample = ("qixia-2024-q2", "merged-cells-pages")
    q2_copies = [p for p in documents() if p.name.startswith(sample) and _readable_here(p)]
    assert keys[q2.bulletin.document_key] == len(q2_copies)
    assert keys[q3.bulletin.document_key] == 1


def test_a_county_of_the_same_quarter_has_another_key(tmp_path: Path) -> None:
    text = (CORPUS / "qixia-2024-q2-simplified.txt").read_text(encoding="utf-8")
    other = tmp_path / "other-county.txt"
    other.write_text(text.replace("栖霞市", "蓬莱市"), encoding="utf-8")
    copy, county = parse_file(CORPUS / "qixia-2024-q2-simplified.txt"), parse_file(other)
    assert county.bulletin.region_norm == "蓬莱市"
    assert county.bulletin.document_key != copy.bulletin.document_key


@pytest.mark.parametrize(
    ("variants", "norm"),
    [
        (["衛健局", "卫健局", "卫生健康局", " 衛生 健康局 "], "卫生健康局"),
        (["棲霞市", "栖霞市"], "栖霞市"),
        (["市衛健局", "市卫健局", "市卫生健康局"], "市卫生健康局"),
        (["市場監管局", "市场监管局", "市场监督管理局"], "市场监督管理局"),
        (["人社局", "人力資源社會保障局", "人力资源和社会保障局"], "人力资源和社会保障局"),
        (["棲霞市人民政府辦公室", "栖霞市人民政府办公室"], "栖霞市人民政府办公室"),
        (["大數據服務中心", "大数据服务中心"], "大数据服务中心"),
    ],
    ids=lambda v: v if isinstance(v, str) else v[0],
)
def test_organisation_variants_group_together(variants: list[str], norm: str) -> None:
    assert [organisation_norm(v) for v in variants] == [norm] * len(variants)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("卫健局", "卫健委"),
        ("市卫健局", "县卫健局"),
        ("各镇街", "各相关镇街"),
        ("发改局", "发改委"),
    ],
)
def test_different_bodies_stay_apart(one: str, other: str) -> None:
    assert organisation_norm(one) != organisation_norm(other)


def test_norm_of_nothing() -> None:
    assert organisation_norm(None) is None
    assert organisation_norm(" 、") is None
    assert units_norm(["衛健局", "", "醫保局"]) == ("卫生健康局", "医疗保障局")


def test_traditional_and_simplified_copies_group_on_the_norm_columns() -> None:
    traditional = parsed(CORPUS / "qixia-2024-q2.txt")
    simplified = parsed(CORPUS / "qixia-2024-q2-simplified.txt")
    assert traditional is not None and simplified is not None
    t, s = traditional.bulletin, simplified.bulletin
    assert t.issuer != s.issuer and t.issuer_norm == s.issuer_norm == "栖霞市人民政府办公室"
    assert t.region != s.region and t.region_norm == s.region_norm == "栖霞市"
    pairs = zip(traditional.items, simplified.items, strict=True)
    units = [(a.units, a.units_norm, b.units_norm) for a, b in pairs]
    assert all(a == b for _, a, b in units)
    assert any("衛健局" in raw for raw, _, _ in units)
    assert any("卫生健康局" in norm for _, norm, _ in units)
    assert len(units) == 30
