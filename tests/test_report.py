"""`bulletins report`: one self-contained HTML page, each bulletin once, every text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pipeline.report.markup import MAX_ROWS, esc, table
from pipeline.run.cli import main
from tests.report_data import HOSTILE, corpus_out, hostile_out, report, table_rows

__all__ = ["corpus_out", "hostile_out"]  # fixtures

SECTIONS = ("status", "transitions", "behind", "overdue", "scorecard", "narrative", "money",
            "quality", "documents")  # fmt: skip
CHARTS = ("status-by-period", "status-by-issuer", "transitions", "behind", "scorecard", "money",
          "findings")  # fmt: skip


def test_every_section_and_chart_is_there(corpus_out: Path, tmp_path: Path) -> None:
    page = report(corpus_out, tmp_path / "r.html")
    for key in SECTIONS:
        assert f'data-section="{key}"' in page
    for key in CHARTS:
        chart = re.search(rf'data-chart="{key}"><svg[^>]*>(.*?)</svg>', page, re.S)
        assert chart is not None, key
        assert chart[1].count("<rect") >= 2, key
    assert len(table_rows(page, "status-by-period")) == 2  # 2024-Q2, 2024-Q3
    assert "2024-Q2|" in table_rows(page, "status-by-period")[0]


def test_nothing_is_fetched_and_nothing_runs(corpus_out: Path, tmp_path: Path) -> None:
    page = report(corpus_out, tmp_path / "r.html")
    assert "Content-Security-Policy\" content=\"default-src 'none';" in page
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "url(" not in page and "src=" not in page
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls <= {"http://www.w3.org/2000/svg"}  # the SVG namespace, never fetched
    assert len(page.encode()) < 300_000


def test_each_bulletin_is_counted_once(corpus_out: Path, tmp_path: Path) -> None:
    page = report(corpus_out, tmp_path / "r.html")
    documents = table_rows(page, "documents")
    assert len(documents) == 2  # 6 files: 2 bulletins and 4 copies of the first
    assert "4 copies of a bulletin" in page
    assert "|2024-Q2|60|" not in "".join(table_rows(page, "status-by-period"))
    # the copies' findings are left out: the Q2 bulletin's one mismatch, once
    assert len(table_rows(page, "narrative")) == 1
    assert "behind 6, done 6, on_track 18" in table_rows(page, "narrative")[0]
    assert "behind 11, done 6, on_track 13" in table_rows(page, "narrative")[0]


def test_narrowed_to_a_period_and_an_issuer(corpus_out: Path, tmp_path: Path) -> None:
    q3 = report(corpus_out, tmp_path / "q3.html", "--period", "2024-Q3")
    assert [row.count("2024-Q3") for row in table_rows(q3, "documents")] == [1]
    assert "Narrowed to period 2024-Q3" in q3
    # the Q2 bulletin spells it in Traditional characters: matched by issuer_norm
    simplified = report(corpus_out, tmp_path / "s.html", "--issuer", "栖霞市人民政府办公室")
    assert len(table_rows(simplified, "documents")) == 2
    traditional = report(corpus_out, tmp_path / "t.html", "--issuer", "棲霞市人民政府辦公室")
    assert len(table_rows(traditional, "documents")) == 1
    nobody = report(corpus_out, tmp_path / "n.html", "--issuer", "某某县人民政府")
    assert table_rows(nobody, "documents") == []
    assert 'data-section="money"' in nobody


def test_transitions_pair_items_by_name_without_a_timeline(
    corpus_out: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"  # the datasets of an output written before the timeline existed
    out.mkdir()
    for name in ("bulletins", "items", "measures", "findings", "manifest"):
        (out / name).symlink_to((corpus_out / name).resolve())
    page = report(out, tmp_path / "r.html")
    assert "OUT has no timeline dataset" in page
    pairs = table_rows(page, "transitions")
    assert sum(int(row.split("|")[-2]) for row in pairs) == 28  # items of Q3 named as in Q2
    assert any(row.startswith("|behind|on_track|yes|") for row in pairs)


def test_transitions_of_the_corpus_come_from_its_timeline(corpus_out: Path, tmp_path: Path) -> None:
    page = report(corpus_out, tmp_path / "r.html")
    assert "Pairs from the timeline dataset" in page
    pairs = table_rows(page, "transitions")
    assert sum(int(row.split("|")[-2]) for row in pairs) == 30  # the renamed two linked too
    assert "|behind|on_track|yes|6|" in pairs


def test_transitions_read_the_timeline_dataset(corpus_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("bulletins", "items", "measures", "findings", "manifest"):
        (out / name).symlink_to((corpus_out / name).resolve())
    (out / "timeline" / "2024-Q3").mkdir(parents=True)
    q3 = pd.read_parquet(out / "bulletins").query("quarter == 3")["bulletin_id"].iloc[0]
    timeline = pd.DataFrame({
        "project_key": ["a", "b", "c"], "bulletin_id": [q3] * 3, "period": ["2024-Q3"] * 3,
        "year": [2024] * 3,
        "quarter": [3] * 3, "status": ["done", "done", "behind"],
        "previous_status": ["on_track", "on_track", None],
    })  # fmt: skip
    timeline.to_parquet(out / "timeline" / "2024-Q3" / "part-0.parquet")
    page = report(out, tmp_path / "r.html")
    assert "Pairs from the timeline dataset" in page
    assert table_rows(page, "transitions") == ["|on_track|done|yes|2|"]
    narrowed = report(out, tmp_path / "n.html", "--issuer", "某某县人民政府")
    assert "Pairs from the timeline dataset" in narrowed
    assert table_rows(narrowed, "transitions") == []


def test_past_deadline_and_not_done(corpus_out: Path, tmp_path: Path) -> None:
    overdue = table_rows(report(corpus_out, tmp_path / "r.html"), "overdue")
    assert len(overdue) == 1
    assert "地方儲備糧倉庫擴建項目|on_track|2024-05-31|2024-06-30|" in overdue[0]


def test_scorecard_and_money(corpus_out: Path, tmp_path: Path) -> None:
    page = report(corpus_out, tmp_path / "r.html")
    card = {row.split("|")[1]: row for row in table_rows(page, "scorecard")}
    assert card["医疗保障局"].endswith("|6|2|0%|100%|")
    money = {row.split("|")[1]: row for row in table_rows(page, "money")}
    assert money["transport"].startswith("|transport|54,000.0|0.0|0.0|")


def test_quality_links_to_the_documents(corpus_out: Path, tmp_path: Path) -> None:
    page = report(corpus_out, tmp_path / "r.html")
    assert table_rows(page, "files") == ["|ok||6|"]
    links = set(re.findall(r'href="#(doc-[^"]+)"', page))
    anchors = set(re.findall(r'<tr id="(doc-[^"]+)"', page))
    assert links and links <= anchors


def test_hostile_text_is_escaped(hostile_out: Path, tmp_path: Path) -> None:
    page = report(hostile_out, tmp_path / "r.html")
    behind = "".join(table_rows(page, "behind"))
    assert HOSTILE["script"].replace("<", "&lt;").replace(">", "&gt;") in behind
    assert "<script" not in page and "<img" not in page and "\x1b" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;栖霞市人民政府办公室" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert 'href="javascript' not in page and "javascript:alert(3)" in page
    assert "\\x1b]0;pwned\\x07" in page


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('" onmouseover="x', "&quot; onmouseover=&quot;x"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        (None, ""),
        (float("nan"), ""),
        (["发改局", "<b>"], "发改局、&lt;b&gt;"),
        (np.array(["发改局", "<i>"], dtype=object), "发改局、&lt;i&gt;"),
    ],
)
def test_esc(text: object, shown: str) -> None:
    assert esc(text) == shown


def test_an_out_without_datasets_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path), "--html", str(tmp_path / "r.html")]) == 2
    assert "no datasets here" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_a_long_table_shows_its_first_rows_and_says_how_many() -> None:
    page = table(["n"], ([n] for n in range(MAX_ROWS)), name="t", total=5000)
    assert page.count("<tr>") == MAX_ROWS + 1  # the header row too
    assert f"First {MAX_ROWS} of 5,000 rows." in page
    assert "First" not in table(["n"], [[1], [2]], name="t")
