"""Output folders the report tests read: the bundled corpus ingested, and a bulletin whose
issuer and item names hold markup, a `javascript:` link and a terminal escape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.run.cli import main

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = {
    "issuer": "<script>alert(1)</script>栖霞市人民政府办公室",
    "script": "<script>alert(1)</script>仓库扩建项目<img src=x onerror=alert(2)>",
    "link": "javascript:alert(3)基站建设\x1b]0;pwned\x07",
}


def ingested(corpus: Path, out: Path) -> Path:
    assert main(["ingest", str(corpus), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="session")
def corpus_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus (6 files, 2 bulletins and 4 copies) ingested."""
    return ingested(ROOT / "corpus", tmp_path_factory.mktemp("report") / "out")


@pytest.fixture(scope="session")
def hostile_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/findings-mixed.txt with hostile text in its issuer and item names."""
    folder = tmp_path_factory.mktemp("hostile")
    text = (ROOT / "tests" / "fixtures" / "findings-mixed.txt").read_text(encoding="utf-8")
    text = text.replace("栖霞市人民政府办公室", HOSTILE["issuer"], 1)
    text = text.replace("地方储备粮仓库扩建项目", HOSTILE["script"], 1)
    text = text.replace("5G基站建设", HOSTILE["link"], 1)
    # both behind, so that the report lists them with their names
    text = text.replace("| 已完成二季度任务 |", "| 进度滞后 |", 1)
    text = text.replace("| 工信局 | 已完成 |", "| 工信局 | 严重滞后 |", 1)
    (folder / "corpus").mkdir()
    (folder / "corpus" / "hostile.txt").write_text(text, encoding="utf-8")
    return ingested(folder / "corpus", folder / "out")


def report(out: Path, html: Path, *options: str) -> str:
    assert main(["report", str(out), "--html", str(html), *options]) == 0
    return html.read_text(encoding="utf-8")


def table_rows(page: str, name: str) -> list[str]:
    """The body rows of the table whose data-table is `name`, as their text."""
    found = re.search(rf'<table data-table="{name}">.*?<tbody>(.*?)</tbody>', page, re.S)
    if found is None:
        return []
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", found[1], re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return ["|" + "".join(re.sub(r"<[^>]+>", "", cell) + "|" for cell in row) for row in cells]
