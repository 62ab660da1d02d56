"""Small modules and functions, so that each can be read at once: no module of parsers/ or
pipeline/ over 300 lines, no function over 60."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
SOURCES = sorted(p for package in ("parsers", "pipeline") for p in (ROOT / package).rglob("*.py"))


def test_there_are_sources() -> None:
    assert len(SOURCES) > 50


def test_no_module_is_over_its_length() -> None:
    long = {
        p.relative_to(ROOT).as_posix(): n
        for p in SOURCES
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}, f"modules over {MAX_MODULE_LINES} lines: split them"


def test_no_function_is_over_its_length() -> None:
    long = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT).as_posix()}:{node.name}"] = lines
    assert long == {}, f"functions over {MAX_FUNCTION_LINES} lines: split them"


def test_the_check_can_fail(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    tree = ast.parse(f"def f():\n{body}\n")
    node = tree.body[0]
    assert isinstance(node, ast.FunctionDef)
    assert (node.end_lineno or 0) - node.lineno + 1 > MAX_FUNCTION_LINES
