"""Script handling: the shortcuts taken around OpenCC and jieba give what calling them on the
whole text gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.script import _converter, detect_script, to_simplified
from pipeline.values.sectors import _keyword_index, _keywords_in, keyword_tokens, tokens

ROOT = Path(__file__).resolve().parents[1]
UTF8_CORPUS = ["qixia-2024-q2.txt", "qixia-2024-q2-simplified.txt", "qixia-2024-q3.txt"]
CORPUS_LINES = [
    line
    for name in UTF8_CORPUS
    for line in (ROOT / "corpus" / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def opencc_t2s(text: str) -> str:
    return str(_converter("t2s").convert(text))


@pytest.mark.parametrize(
    ("text", "simplified"),
    [
        # characters that only the phrase table converts: no character here changes alone
        ("答覆", "答复"),
        ("反覆研究", "反复研究"),
        ("沈默", "沉默"),
        ("藉口", "借口"),
        ("瞭解情況", "了解情况"),
        ("回覆群眾", "回复群众"),
        # and characters that do
        ("棲霞市人民政府辦公室", "栖霞市人民政府办公室"),
        ("已完成", "已完成"),
        ("ABC 123", "ABC 123"),
    ],
)
def test_to_simplified(text: str, simplified: str) -> None:
    assert to_simplified(text) == simplified == opencc_t2s(text)


def test_to_simplified_agrees_with_opencc_on_the_corpus() -> None:
    assert len(CORPUS_LINES) > 100
    for line in CORPUS_LINES:
        assert to_simplified(line) == opencc_t2s(line), line


# Simplified characters, characters t2s changes alone, phrase-only ones and their neighbours.
ALPHABET = "的了工程完成建设项目办公室辦公室栖棲霞沈沉默覆答回复藉口借瞭解乾隆干著名着 ，。1"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=12))
def test_to_simplified_is_opencc(text: str) -> None:
    assert to_simplified(text) == opencc_t2s(text)


@pytest.mark.parametrize(
    ("name", "script"),
    [
        ("qixia-2024-q2.txt", "traditional"),
        ("qixia-2024-q2-simplified.txt", "simplified"),
    ],
)
def test_detect_script(name: str, script: str) -> None:
    text = (ROOT / "corpus" / name).read_text(encoding="utf-8")
    assert detect_script(text) == script
    assert detect_script("Progress report 2024") is None


def _keywords(found_in: list[str]) -> set[str]:
    index = _keyword_index()
    return {k for token in found_in for k in _keywords_in(token, index)}


def test_keyword_tokens_find_what_cutting_everything_finds() -> None:
    """Cutting only the blocks that hold a keyword finds the keywords of a full jieba cut."""
    found = 0
    for line in CORPUS_LINES:
        for cell in line.split("|"):
            expected = _keywords(tokens(cell))
            assert _keywords(list(keyword_tokens(cell))) == expected, cell
            found += bool(expected)
    assert found > 50
