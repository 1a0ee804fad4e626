"""Golden output: the seed's linter report, committed and reviewed by eye.

A change to the rules or the analyzer shows up here as a diff to read. To accept it on
purpose: ``REPORTGEN_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py``, then review
``git diff tests/golden``.
"""

from __future__ import annotations

import os

from click.testing import CliRunner

from reportgen.cli import main

from conftest import REPO

GOLDEN = REPO / "tests" / "golden" / "seed-analyze.txt"


def test_seed_linter_report_matches_the_reviewed_golden_file(monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["analyze", "seeds/000_16c65a2de27f6a53.txt"])
    assert result.exit_code == 0
    if os.environ.get("REPORTGEN_REGEN_GOLDEN"):
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")
