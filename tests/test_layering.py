"""Two packages, one direction: parsers/ never imports pipeline/, and pipeline/ never imports a
file-format library (it reads Documents, not files). Inside pipeline/, the layers of the
import-linter contract in pyproject.toml: run -> {output, interpret} -> validate ->
{tables, narrative} -> values -> vocab -> text -> model."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORMAT_LIBRARIES = {
    "docx",
    "pdfplumber",
    "pypdfium2",
    "tablers",
    "pdfminer",
    "bs4",
    "lxml",
    "html5lib",
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("path", sorted((ROOT / "parsers").rglob("*.py")), ids=lambda p: p.name)
def test_parsers_do_not_import_pipeline(path: Path) -> None:
    assert "pipeline" not in imported_modules(path)


@pytest.mark.parametrize("path", sorted((ROOT / "pipeline").rglob("*.py")), ids=lambda p: p.name)
def test_pipeline_does_not_import_format_libraries(path: Path) -> None:
    assert not imported_modules(path) & FORMAT_LIBRARIES


def test_the_check_sees_imports() -> None:
    """Guard against a check that cannot fail: the scanner does find real imports."""
    assert "parsers" in imported_modules(ROOT / "pipeline" / "interpret.py")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter's contracts of root/pyproject.toml, on the packages under root."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_contracts_are_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "bad_import", "contract"),
    [
        ("pipeline/model/records.py", "import pipeline.run.cli", "pipeline in layers"),
        ("pipeline/tables/items.py", "import pipeline.narrative.metadata", "pipeline in layers"),
        ("pipeline/output/commit.py", "import pipeline.interpret", "pipeline in layers"),
        ("parsers/document.py", "import pipeline.model.records", "parsers never import pipeline"),
    ],
    ids=["model-imports-run", "tables-imports-narrative", "output-imports-interpret", "parsers"],
)
def test_an_import_against_the_layers_breaks_the_contract(
    tmp_path: Path, module: str, bad_import: str, contract: str
) -> None:
    for package in ("parsers", "pipeline"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{bad_import}\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert f"{contract} BROKEN" in result.stdout, result.stdout
