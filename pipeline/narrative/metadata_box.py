"""A web page's publication data: the issuing office and the date a government site prints
above the text, in a metadata box (索引号: … 发布机构: 区府办 … 成文日期: 2022年09月14日) or on a
stamp line (时间: 2021-09-02 11:32 来源: 太仓市人民政府 访问量:), in lines, in label:value runs
on one line, or in pipe cells. The labels are vocab/narrative.toml's `metadata_box`; a line
is read when it opens with one of them, and a value ends where the next label starts (or at a
wide gap); an empty one (发文日期: with nothing after) is no value. The first label of the
vocabulary's order that names an office wins, a publisher's (发布机构) and a source's (来源)
apart, and so with the dates. Pure functions that never raise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from parsers.document import Document, Table
from pipeline.narrative.metadata import MAX_ISSUER_CHARS
from pipeline.narrative.periods import parse_date
from pipeline.text.clean import clean
from pipeline.text.script import to_simplified
from pipeline.vocab import table

# The box is at the page's top (a stamp line may close the page): lines past these many from
# either end are the text.
MAX_BOX_LINES = 30
_VALUE_EDGES = " \t|:：•·"
_WIDE_GAP = re.compile(r"\s{3,}|\t")
_OFFICE = re.compile(r"[\u4e00-\u9fff()（）、]+")


@dataclass(frozen=True)
class Box:
    publisher: str | None = None  # the office a publisher's field names (发布机构: 区府办)
    source: str | None = None  # the office a source's field names (来源: 县政府督查室)
    issued_on: date | None = None


@dataclass(frozen=True)
class _Labels:
    issuer: tuple[str, ...]
    dates: tuple[str, ...]
    no_values: tuple[str, ...]  # what a CMS prints in a field it has no office for
    sources: frozenset[str]  # the labels of a page's source: an office's or a medium's
    office_endings: tuple[str, ...]
    pattern: re.Pattern[str]  # any label, its characters perhaps spaced (名       称)


@functools.cache
def _labels() -> _Labels:
    data = table("narrative")["metadata_box"]
    every = sorted({*data["issuer"], *data["dates"], *data["others"]}, key=len, reverse=True)
    spaced = "|".join(r"\s*".join(map(re.escape, label)) for label in every)
    return _Labels(
        issuer=tuple(data["issuer"]),
        dates=tuple(data["dates"]),
        no_values=tuple(data["no_values"]),
        sources=frozenset(data["sources"]),
        office_endings=tuple(data["office_endings"]),
        # a label may carry a note in brackets (填报单位(盖章):)
        pattern=re.compile(rf"(?P<label>{spaced})(?:[(（][^)）]{{1,4}}[)）])?(?=\s*[:：|]|\s)"),
    )


def page_lines(document: Document) -> list[str]:
    """The document's lines in order, cleaned, a table's rows as their cells joined by pipes."""
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Table):
            lines.extend(" | ".join(clean(cell.text) for cell in row) for row in block.rows)
        else:
            lines.append(clean(block.text))
    return lines


def read_box(lines: Iterable[str]) -> Box:
    """The issuer and the date of issue the publication data of a page's lines give."""
    every = list(lines)
    fields: dict[str, str] = {}
    for line in [*every[:MAX_BOX_LINES], *every[MAX_BOX_LINES:][-MAX_BOX_LINES:]]:
        for label, value in _fields(line):
            fields.setdefault(label, value)
    labels = _labels()
    offices = [label for label in labels.issuer if _office(label, fields.get(label))]
    publisher = next((label for label in offices if label not in labels.sources), None)
    source = next((label for label in offices if label in labels.sources), None)
    dated = (parse_date(fields[label]) for label in labels.dates if label in fields)
    return Box(
        publisher=fields[publisher] if publisher else None,
        source=fields[source] if source else None,
        issued_on=next((day for day in dated if day is not None), None),
    )


def _office(label: str, value: str | None) -> bool:
    """An office's name: Chinese words, not a placeholder (无, 管理员) nor a spam site's words
    (365彩票数, 铁岭县管理员) in the field; of a page's source, only an office (not 天津日报)."""
    if value is None or not 2 <= len(value) <= MAX_ISSUER_CHARS:
        return False
    simplified, labels = to_simplified(value), _labels()
    if label in labels.sources and not simplified.endswith(labels.office_endings):
        return False
    return _OFFICE.fullmatch(value) is not None and not simplified.endswith(labels.no_values)


def _fields(line: str) -> list[tuple[str, str]]:
    """The (label, value) pairs of a line of publication data, values as printed; none for a
    line that does not open with one of its labels."""
    key = to_simplified(line)
    source = line if len(line) == len(key) else key  # the values in the page's own script
    found = list(_labels().pattern.finditer(key))
    if not found or key[: found[0].start()].strip(_VALUE_EDGES):
        return []
    pairs = []
    for this, after in zip(found, [*found[1:], None], strict=True):
        value = source[this.end() : after.start() if after else len(line)].strip(_VALUE_EDGES)
        value = _WIDE_GAP.split(value)[0].strip(_VALUE_EDGES)
        if value:
            pairs.append((re.sub(r"\s+", "", this.group("label")), value))
    return pairs
