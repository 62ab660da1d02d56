"""Item lists in prose, as bulletins number and lay them out: every common style of marker."""

from __future__ import annotations

import pytest

from parsers.text_reader import text_to_blocks
from pipeline.narrative.outline import Line, marker_of, markers, outline, prose_runs
from pipeline.text.script import to_simplified


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三.新建托育点", ("chinese", 3, "三.")),
        ("第二,新建托育点", ("ordinal", 2, "第二,")),
        ("其三、新建托育点", ("qi", 3, "其三、")),
        ("4)新建托育点", ("arabic_half_paren", 4, "4)")),
        ("⑵新建托育点", ("paren_glyph", 2, "⑵")),
        ("③新建托育点", ("circled", 3, "③")),
        ("  ● 新建托育点方面:已建成4个", ("bullet", None, "●")),
        ("關于新建社區食堂。截至10月底…", ("about", None, "關于")),
        ("关于进一步做好民生实事工作的通知", None),  # no heading ends within the line
        ("2016年新建托育点", None),
        ("1.5万人次参加培训", None),
    ],
)
def test_marker_styles(text: str, expected: tuple[str, int | None, str] | None) -> None:
    found = marker_of(Line(text, to_simplified(text), 1))
    assert (found[:3] if found else None) == expected


def test_weak_markers_are_confirmed_by_their_neighbours() -> None:
    texts = [
        "1新建托育点12个。已建成4个。",  # its dot lost: 2. follows
        "2.改造供水管网。已完成。",
        "3.新建公园。已开工。",
        "4.10月底前完成站点搬迁。",  # 4. before 10月, not the decimal 4.10
        "5.新建养老院",
        "8城关镇卫生院建设",  # neither 7. before it nor 9. after it
        "12人次参加培训",  # a count, never a marker
    ]
    lines = [Line(text, text, index) for index, text in enumerate(texts)]
    assert [found[2] if found else None for found in markers(lines)] == [
        "1", "2.", "3.", "4.", "5.", None, None,
    ]  # fmt: skip


def test_a_bullet_holds_no_numbered_entries() -> None:
    lines = prose_runs(
        list(text_to_blocks(["• 名称:实事工程", "一、甲工程", "1.乙", "二、丙工程"]))
    )[0]
    _, top = outline(lines, {})
    assert [(e.marker, [c.marker for c in e.children]) for e in top] == [
        ("•", []),
        ("一、", ["1."]),
        ("二、", []),
    ]
