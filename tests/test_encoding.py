"""Decoding text bulletins: BOMs, UTF-8, UTF-16, GB18030, Big5, line endings, garbage."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.encoding import decode
from parsers.errors import EmptyFile, GarbledText, ParseError
from pipeline.text.script import to_simplified

TRADITIONAL = (
    "棲霞市人民政府辦公室關於全市重點民生實事二季度完成情況的通報\n"
    "序號 | 事項名稱 | 完成情況 |\n"
    "1 | 地方儲備糧倉庫擴建項目 | 已完成二季度任務 |\n"
    "①多種國家第九批集采藥品降價;②5G基站建設\n"
)
SIMPLIFIED = to_simplified(TRADITIONAL)

CASES = [
    ("utf-8", SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
    ("utf-8 traditional", TRADITIONAL.encode("utf-8"), TRADITIONAL, "utf-8"),
    ("utf-8 bom", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), SIMPLIFIED, "utf-8"),
    (
        "utf-16-le bom",
        codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"),
        SIMPLIFIED,
        "utf-16-le",
    ),
    (
        "utf-16-be bom",
        codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"),
        SIMPLIFIED,
        "utf-16-be",
    ),
    ("gb18030 simplified", SIMPLIFIED.encode("gb18030"), SIMPLIFIED, "gb18030"),
    ("gb18030 traditional", TRADITIONAL.encode("gb18030"), TRADITIONAL, "gb18030"),
    ("gbk", SIMPLIFIED.encode("gbk"), SIMPLIFIED, "gb18030"),
    # Big5 bytes also decode as GB18030 without error, into nonsense: plausibility decides.
    ("big5 (cp950)", TRADITIONAL.encode("cp950"), TRADITIONAL, "cp950"),
    ("crlf", SIMPLIFIED.replace("\n", "\r\n").encode("utf-8"), SIMPLIFIED, "utf-8"),
    ("cr", SIMPLIFIED.replace("\n", "\r").encode("gb18030"), SIMPLIFIED, "gb18030"),
    (
        "bom and crlf",
        codecs.BOM_UTF8 + TRADITIONAL.replace("\n", "\r\n").encode(),
        TRADITIONAL,
        "utf-8",
    ),
]


@pytest.mark.parametrize(
    ("raw", "text", "encoding"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_decode(raw: bytes, text: str, encoding: str) -> None:
    decoded = decode(raw, "x.txt")
    assert decoded.text == text
    assert decoded.encoding == encoding


def test_big5_is_not_mistaken_for_gb18030() -> None:
    raw = TRADITIONAL.encode("cp950")
    raw.decode("gb18030")  # the trap: this does not raise
    assert decode(raw, "x.txt").text == TRADITIONAL


def test_utf16_without_bom() -> None:
    decoded = decode(("序号 | name |\n1 | 5G基站建设 |\n" * 3).encode("utf-16-le"), "x.txt")
    assert decoded.encoding == "utf-16-le" and decoded.text.startswith("序号")


@pytest.mark.parametrize("raw", [b"", b"   \n\r\n"])
def test_empty(raw: bytes) -> None:
    with pytest.raises(EmptyFile, match=r"x\.txt"):
        decode(raw, "x.txt")


def test_garbage_is_rejected_with_the_codecs_tried() -> None:
    raw = bytes(range(0x80, 0x100)) * 3
    with pytest.raises(GarbledText) as caught:
        decode(raw, "x.txt")
    assert "gb18030" in caught.value.one_line() and "x.txt" in caught.value.one_line()


def test_bad_bytes_after_a_bom() -> None:
    with pytest.raises(GarbledText, match="byte-order mark"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd abc", "x.txt")


@settings(max_examples=200)
@given(st.binary(max_size=400))
def test_decode_gives_text_or_a_typed_error(raw: bytes) -> None:
    try:
        decoded = decode(raw, "x.txt")
    except ParseError as exc:
        assert exc.reason in {"empty", "garbled_text"}
    else:
        assert isinstance(decoded.text, str)
