"""Hostile input: random bytes and mutated fixtures fed to every reader give a `Document` or a
typed `ParseError`, never another exception, and never hang (each call runs under a time
limit; a hang fails the test)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import ParseError
from parsers.docx_reader import read_docx
from parsers.html_reader import read_html
from parsers.pdf_reader import read_pdf
from parsers.registry import read_document
from parsers.text_reader import read_text
from tests.conftest import CORPUS, FIXTURES

READERS = {"txt": read_text, "html": read_html, "docx": read_docx, "pdf": read_pdf}
SEEDS = {
    "txt": (CORPUS / "qixia-2024-q2.txt").read_bytes()[:3000],
    "html": (FIXTURES / "qixia-2024-q2.html").read_bytes(),
    "docx": (FIXTURES / "qixia-2024-q2.docx").read_bytes(),
    "pdf": (FIXTURES / "encrypted.pdf").read_bytes().replace(b"/Encrypt", b"/Xncrypt"),
}
SECONDS = 20  # far above any real parse of these small inputs


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"a reader ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _read(kind: str, raw: bytes) -> None:
    with deadline(SECONDS):
        try:
            READERS[kind](raw, path=f"fuzz.{kind}", sha256="0" * 64)
        except ParseError as exc:
            assert exc.one_line().startswith(f"fuzz.{kind}: ")


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if action == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
        else:
            del data[at:]
    return bytes(data)


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("kind", sorted(READERS))
@FUZZ
@given(raw=st.binary(max_size=2048))
def test_random_bytes(kind: str, raw: bytes) -> None:
    _read(kind, raw)


@pytest.mark.parametrize("kind", sorted(READERS))
@FUZZ
@given(data=st.data())
def test_mutated_fixtures(kind: str, data: st.DataObject) -> None:
    _read(kind, data.draw(mutated(SEEDS[kind])))


@settings(max_examples=30, deadline=None)
@given(
    raw=st.binary(max_size=1024),
    suffix=st.sampled_from([".txt", ".pdf", ".docx", ".html", ".bin", ""]),
)
def test_sniffing_and_dispatch(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"f{suffix}"
    path.write_bytes(raw)
    with deadline(SECONDS), suppress(ParseError):
        read_document(path)


def test_the_seeds_parse() -> None:
    """The unmutated seeds are good documents: the fuzzing starts from real structure."""
    for kind in ("html", "docx"):
        assert READERS[kind](SEEDS[kind], path="x", sha256="0" * 64).blocks
    assert Path(FIXTURES / "encrypted.pdf").exists()
