"""The report in a real browser, headless Chromium: every section and chart is drawn, the page
asks for nothing, logs no error and runs no script, and hostile text shows as text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import Browser, chromium
from tests.report_data import HOSTILE, corpus_out, hostile_out, report
from tests.test_report import CHARTS, SECTIONS

__all__ = ["corpus_out", "hostile_out"]  # fixtures

EXECUTABLE = chromium()
pytestmark = pytest.mark.skipif(
    EXECUTABLE is None,
    reason="chromium is not installed (apt-get install chromium; .ci/run installs it)",
)

DRAWN = """(() => {
  const sections = {}, charts = {};
  for (const s of document.querySelectorAll("section[data-section]")) {
    sections[s.dataset.section] = [s.innerText.trim().length, s.getBoundingClientRect().height];
  }
  for (const f of document.querySelectorAll("figure[data-chart]")) {
    const box = f.querySelector("svg").getBoundingClientRect();
    charts[f.dataset.chart] = [f.querySelectorAll("rect").length, box.width, box.height];
  }
  return {sections, charts, scripts: document.scripts.length, images: document.images.length,
          fonts: document.fonts.size};
})()"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    assert EXECUTABLE is not None
    with Browser(EXECUTABLE, tmp_path / "profile") as opened:
        yield opened


def test_the_corpus_report_in_chromium(corpus_out: Path, tmp_path: Path, browser: Browser) -> None:
    page = tmp_path / "report.html"
    report(corpus_out, page)
    visit = browser.open(page.as_uri())
    drawn = browser.evaluate(DRAWN)
    assert visit.requests() == []
    assert visit.problems() == []
    assert sorted(drawn["sections"]) == sorted(SECTIONS)
    for key, (text, height) in drawn["sections"].items():
        assert text > 40 and height > 50, key
    assert sorted(drawn["charts"]) == sorted(CHARTS)
    for key, (rects, width, height) in drawn["charts"].items():
        assert rects >= 2 and width > 100 and height > 20, key
    assert drawn["scripts"] == 0 and drawn["images"] == 0 and drawn["fonts"] == 0
    browser.screenshot(tmp_path / "report.png")
    shot = (tmp_path / "report.png").read_bytes()
    assert shot.startswith(b"\x89PNG") and len(shot) > 20_000


def test_hostile_text_shows_as_text(hostile_out: Path, tmp_path: Path, browser: Browser) -> None:
    page = tmp_path / "report.html"
    report(hostile_out, page)
    visit = browser.open(page.as_uri())
    text = browser.evaluate("document.body.innerText")
    assert visit.problems() == []  # no alert() dialog, no blocked inline script
    assert visit.requests() == []  # the <img src=x> was never made an image
    assert browser.evaluate("document.scripts.length + document.images.length") == 0
    assert browser.evaluate("document.querySelectorAll('[onerror], a[href^=javascript]').length") == 0  # fmt: skip
    assert HOSTILE["issuer"] in text
    assert HOSTILE["script"] in text
    assert "javascript:alert(3)基站建设\\x1b]0;pwned\\x07" in text
    browser.screenshot(tmp_path / "hostile.png")


def test_the_checks_see_what_a_bad_page_does(tmp_path: Path, browser: Browser) -> None:
    """Guard against checks that cannot fail: a page that asks for an image (on a port no
    browser may use, so nothing leaves the machine), logs an error and opens a dialog."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<img src="http://127.0.0.1:9/x.png"><script>console.error("boom"); alert(1)</script>',
        encoding="utf-8",
    )
    visit = browser.open(bad.as_uri())
    assert visit.requests() == ["http://127.0.0.1:9/x.png"]
    problems = "\n".join(visit.problems())
    assert "console error" in problems and "dialog: 1" in problems
