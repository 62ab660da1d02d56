"""The README's promises: its Python examples run against a fresh output/, and it opens with
the two commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.run.ingest import ingest
from tests.conftest import CORPUS, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)


def test_readme_opens_with_the_two_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make run", "make test"]


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("readme")
    ingest(CORPUS, folder / "output")
    return folder


@pytest.mark.parametrize("code", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_readme_example_runs(code: str, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workdir)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})


def test_the_dataset_docs_list_the_findings_catalogue() -> None:
    """The table of checks the README points to (docs/datasets.md) is the catalogue, row for
    row."""
    from pipeline.model.findings import CATALOGUE

    assert "docs/datasets.md" in README
    docs = (ROOT / "docs" / "datasets.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)` \| (error|warning|info) \| (.+?) \| (.+?) \|$", docs, re.M)
    assert rows == [(c.code, c.severity, c.meaning, c.action) for c in CATALOGUE]
