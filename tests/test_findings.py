"""The findings catalogue: every check the pipeline reports is declared there once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.model.findings import CATALOGUE, CHECKS, SEVERITIES, Issue, finding

GOLDEN = Path(__file__).resolve().parent / "golden"


def test_codes_are_declared_once() -> None:
    codes = [check.code for check in CATALOGUE]
    assert len(codes) == len(set(codes))
    assert all(check.severity in SEVERITIES for check in CATALOGUE)
    assert all(check.meaning and check.action for check in CATALOGUE)


def test_every_check_in_the_goldens_is_in_the_catalogue() -> None:
    seen = set()
    for path in GOLDEN.glob("*.json"):
        for found in json.loads(path.read_text(encoding="utf-8")).get("findings", []):
            seen.add(found["check"])
            assert found["severity"] == CHECKS[found["check"]].severity, (path.name, found)
    assert seen, "no findings in the goldens: the check saw nothing"
    assert seen <= set(CHECKS)


def test_the_constructor_takes_the_severity_from_the_catalogue() -> None:
    made = finding("b1", "seq_gap", "sequence numbers missing: 3")
    assert made.severity == "warning"
    assert finding("b1", "unit_unknown", "x").severity == "info"


def test_an_undeclared_check_is_refused() -> None:
    with pytest.raises(KeyError):
        finding("b1", "no_such_check", "message")
    with pytest.raises(KeyError):
        Issue("no_such_check", "message")
