"""A web page's publication data: the issuing office and the date a government site prints
above the text, in a metadata box (索引号: … 发布机构: 区府办 … 成文日期: 2022年09月14日) or on a
stamp line (时间: 2021-09-02 11:32 来源: 太仓市人民政府 访问量:), in lines, in label:value runs
on one line, or in pipe cells. The labels are vocab/narrative.toml's `metadata_box`; a line
is read when it opens with one of them, and a value ends where the next label starts (or at a
wide gap); an empty one (发文日期: with nothing after) is no value, and a date's value is a
whole date (with its time of day), not text around one. The first label of the vocabulary's
order that names an office wins, a publisher's (发布机构) and a source's (来源) apart, and so
with the dates. Pure functions that never raise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from parsers.document import Document, Table
from pipeline.narrative.metadata import MAX_ISSUER_CHARS
from pipeline.narrative.metadata import words as narrative_words
from pipeline.narrative.periods import parse_date
from pipeline.text.clean import clean
from pipeline.text.patterns import own_script, spaced
from pipeline.text.script import to_simplified
from pipeline.vocab import table

# The box is at the page's top (a stamp line may close the page): lines past these many from
# either end are the text.
MAX_BOX_LINES = 30
_VALUE_EDGES = " \t|:：•·"
_WIDE_GAP = re.compile(r"\s{3,}|\t")
_SPACED_MARK = re.compile(r"\s*([-:：./])\s*")
# a year, a month and a day, perhaps a time of day: 2024-06-25 09:30, 2024年06月04日
_WHOLE_DATE = re.compile(
    r"^(?:19|20)\d\d[-./年]\d{1,2}[-./月]\d{1,2}[日号]?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?$"
)
# an office's name: Chinese words, perhaps two offices parted by a space
_OFFICE = re.compile(r"[\u4e00-\u9fff()（）、]+(?: [\u4e00-\u9fff()（）、]+)*")


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
    media: tuple[str, ...]
    pattern: re.Pattern[str]  # any label, its characters perhaps spaced (名       称)


@functools.cache
def _labels() -> _Labels:
    words = table("narrative")
    data = words["metadata_box"]
    every = sorted(
        {*data["issuer"], *data["dates"], *data["others"], *words["title_field_labels"]}
        | set(words["source_labels"]),
        key=len,
        reverse=True,
    )
    return _Labels(
        issuer=tuple(data["issuer"]),
        dates=tuple(data["dates"]),
        no_values=tuple(data["no_values"]),
        sources=frozenset(data["sources"]),
        media=tuple(data["media"]),
        # a label may carry a note in brackets (填报单位(盖章):)
        pattern=re.compile(
            rf"(?P<label>{'|'.join(map(spaced, every))})(?:[(（][^)）]{{1,4}}[)）])?"
            r"(?=\s*[:：|]|\s)"
        ),
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
        for label, value in fields_of(line):
            fields.setdefault(label, value)
    labels = _labels()
    offices = [label for label in labels.issuer if _office(label, fields.get(label))]
    publisher = next((label for label in offices if label not in labels.sources), None)
    source = next((label for label in offices if label in labels.sources), None)
    dated = (_date(fields[label]) for label in labels.dates if label in fields)
    return Box(
        publisher=fields[publisher] if publisher else None,
        source=fields[source] if source else None,
        issued_on=next((day for day in dated if day is not None), None),
    )


def _date(value: str) -> date | None:
    """A whole date, perhaps with its time of day (2024-06-25 09:30), not a date inside text
    (2024年1-6月, 截至2024年6月30日)."""
    value = _SPACED_MARK.sub(r"\1", value)  # 2025- 05- 20 15: 29
    return parse_date(value) if _WHOLE_DATE.match(value) else None


def _office(label: str, value: str | None) -> bool:
    """An office's name, not a placeholder (无, 某某县管理员) nor a spam site's words in the
    field; of a page's source, only an office (区府办, not 天津日报 nor 本网编辑部)."""
    if value is None or not 2 <= len(value) <= MAX_ISSUER_CHARS:
        return False
    simplified, labels = to_simplified(value), _labels()
    if label in labels.sources and (
        not simplified.endswith(narrative_words().office_endings)
        or any(word in simplified for word in labels.media)
    ):
        return False
    return _OFFICE.fullmatch(value) is not None and not simplified.endswith(labels.no_values)


def fields_of(line: str) -> list[tuple[str, str]]:
    """The (label, value) pairs of a line of publication data, values as printed; none for a
    line that does not open with one of its labels."""
    key = to_simplified(line)
    source = own_script(line, key)
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
