"""`reportgen analyze`: formats, exit codes, linter positions and the JSON contract."""

from __future__ import annotations

import csv
import io
import json
import re

from click.testing import CliRunner

from reportgen.cli import main

from conftest import REPO, SEED

ARTICLE = """---
title: Bridge closes
outlet: The Ledger
tags: [bridge, local]
---

# Bridge closes

Officials said the bridge **may** close.

Mayor Ana Ortiz said repairs will take approximately 6 weeks.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_help_lists_commands_and_defaults() -> None:
    code, out, _ = run("analyze", "--help")
    assert code == 0 and "--format [text|json|csv]" in out and "default: text" in out


def test_text_format_is_linter_style_with_source_positions(project) -> None:
    root = project({"draft.md": ARTICLE})
    code, out, _ = run("analyze", str(root / "draft.md"))
    assert code == 0
    lines = out.splitlines()
    first = lines[0]
    assert re.match(r".*draft\.md:9:1: A203 ", first), first
    assert any(re.match(r".*draft\.md:9:\d+: H101 ", line) for line in lines)
    assert any(re.match(r".*draft\.md:11:1: A101 ", line) for line in lines)
    assert "attributions 2 (1 anonymous, ratio 0.50)" in lines[-1]


def test_json_contract_keys(project) -> None:
    root = project({"draft.md": ARTICLE})
    code, out, _ = run("analyze", "--format", "json", str(root / "draft.md"))
    assert code == 0
    (article,) = json.loads(out)["articles"]
    assert {"path", "slug", "title", "text", "sentences", "findings", "metrics"} <= set(article)
    assert article["title"] == "Bridge closes" and article["slug"] == "draft"
    for finding in article["findings"]:
        assert {"category", "rule", "start", "end", "text", "source", "explanation"} <= set(finding)
        assert article["text"][finding["start"]:finding["end"]] == finding["text"]
        assert finding["category"] in ("attribution", "hedge", "generalization")
        assert finding["source"] in (("named", "anonymous") if finding["category"] == "attribution" else (None,))
    metrics = article["metrics"]
    for key in ("words", "sentences", "attributions", "anonymous_attributions", "anonymous_ratio",
                "hedges", "hedges_per_100_words", "generalizations"):
        assert key in metrics
    assert {"flesch_reading_ease", "flesch_kincaid_grade"} <= set(metrics["readability"])
    assert metrics["anonymous_ratio"] == 0.5


def test_csv_has_one_row_per_article(project) -> None:
    root = project({"a.md": ARTICLE, "b.txt": "Analysts suggest the plan may fail."})
    code, out, _ = run("analyze", "--format", "csv", str(root))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["slug"] for r in rows] == ["a", "b"]
    assert rows[1]["anonymous_ratio"] == "1.0"


def test_fail_above_exits_1_only_when_exceeded(project) -> None:
    root = project({"draft.md": ARTICLE})
    assert run("analyze", "--fail-above", "anonymous_ratio=0.6", str(root))[0] == 0
    code, _, err = run("analyze", "--fail-above", "anonymous_ratio=0.4", str(root))
    assert code == 1 and "anonymous_ratio = 0.5 is above 0.4" in err
    assert run("analyze", "--fail-above", "flesch_kincaid_grade=1", str(root))[0] == 1


def test_usage_and_input_errors_exit_2(project) -> None:
    root = project({"good.md": ARTICLE, "bad.md": b"\xff\xfe\x00binary"})
    code, out, err = run("analyze", str(root))
    assert code == 2 and "bad.md" in err and "good.md" in out
    assert run("analyze", "--fail-above", "nonsense", str(root / "good.md"))[0] == 2
    assert run("analyze", "--fail-above", "no_such_metric=1", str(root / "good.md"))[0] == 2
    assert run("analyze", str(root / "missing.md"))[0] == 2


def test_config_changes_the_rules(project) -> None:
    root = project({"draft.md": ARTICLE, "reportgen.toml": '[rules.H101]\nenabled = false\n'})
    _, out, _ = run("analyze", "--config", str(root / "reportgen.toml"), str(root / "draft.md"))
    assert " H101 " not in out and " H105 " in out
    code, _, err = run("analyze", "--config", str(root / "missing.toml"), str(root / "draft.md"))
    assert code == 2 and "missing.toml" in err


def test_seed_analysis_is_deterministic() -> None:
    first = run("analyze", "--format", "json", str(SEED))[1]
    assert first == run("analyze", "--format", "json", str(SEED))[1]
    assert json.loads(first)["articles"][0]["metrics"]["sentences"] == 23


def test_analyze_content_folder_prints_the_seed_findings() -> None:
    code, out, _ = run("analyze", str(REPO / "content"))
    assert code == 0 and "kramatorsk-front-seed.md" in out and "Colonel Mikhail Khodarenok" in out
