"""Two packages, one direction: parsers/ never imports pipeline/, and pipeline/ never imports a
file-format library (it reads Documents, not files)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORMAT_LIBRARIES = {"docx", "pdfplumber", "pypdfium2", "pdfminer", "bs4", "lxml", "html5lib"}


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
