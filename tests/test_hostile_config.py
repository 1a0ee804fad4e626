"""A broken reportgen.toml or a dangerous user pattern: one clear error naming the key, never a traceback or a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hostile import run_reportgen

ARTICLE = "Officials said the bridge may close.\n\n" + "a" * 20_000 + "!\n\n" + "aa " * 5_000 + "a" * 50 + "b\n"


@pytest.mark.parametrize("config, line", [
    ("x = = 1", "Error: reportgen.toml: malformed TOML: Invalid value (at line 1, column 5)"),
    ("rules = 5", "Error: reportgen.toml: rules: must be a table (a [rules] section), not a number"),
    ("[rules]\nH101 = 5", "Error: reportgen.toml: rules.H101: must be a table (a [rules.H101] section), not a number"),
    ('custom_rules = "x"', "Error: reportgen.toml: custom_rules: must be [[custom_rules]] tables, not a string"),
    ("lexicon = []", "Error: reportgen.toml: lexicon: must be a table (a [lexicon] section), not an array"),
    ("[lexicon]\nadd = 5", "Error: reportgen.toml: lexicon.add: must be a table (a [lexicon.add] section), not a number"),
    ("site = true", "Error: reportgen.toml: site: must be a table (a [site] section), not true/false"),
    ("[rules.H101]\nenabled = 'no'", "Error: rules.H101.enabled: must be true or false"),
    ("[rules.H101]\nadd_patterns = ['(unclosed']", "Error: rules.H101.add_patterns: invalid regular expression "
                                                   "'(unclosed': missing ), unterminated subpattern at position 0"),
    ("colour = 1", "Error: reportgen.toml: unknown section 'colour' (known: rules, custom_rules, lexicon, bands, site)"),
])
def test_a_malformed_config_is_one_line_naming_the_key(tmp_path: Path, config: str, line: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(ARTICLE)
    (tmp_path / "reportgen.toml").write_text(config + "\n")
    result = run_reportgen(tmp_path, "build", "--jobs", "1")
    assert result.returncode == 2 and result.stderr.strip() == line, result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("key", ["add_patterns", "add_exclude"])
@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(a|aa)+", r"(a|aa)+$", r"(.*a){20}", r"(\w+\s?)+$", r"(\w|\d)+$",
                                     r"\w*\w*\w*b", r"\b(?:a|aa)+b"])
def test_a_pathological_pattern_is_refused_naming_the_key_or_finishes_quickly(tmp_path: Path, key: str,
                                                                               pattern: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(ARTICLE)
    (tmp_path / "reportgen.toml").write_text(f"[rules.H101]\n{key} = ['{pattern}']\n")
    started = time.monotonic()
    result = run_reportgen(tmp_path, "analyze", "content", timeout=30)
    assert time.monotonic() - started < 20
    if result.returncode == 2:
        assert result.stderr.startswith(f"Error: rules.H101.{key}: pattern {pattern!r} "), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    else:
        assert result.returncode == 0, result.stderr


def test_every_shipped_pattern_passes_the_check_that_user_patterns_get() -> None:
    # load_rules trusts the shipped tables (checking them cost every build 50 ms): this test is the check
    from reportgen.rules import check_pattern, load_rules

    rules = load_rules().rules
    patterns = [(rule.id, pattern) for rule in rules for pattern in (*rule.patterns, *rule.exclude)]
    assert len(patterns) > 40
    for rule_id, pattern in patterns:
        check_pattern(pattern, rule_id)


def test_a_custom_rules_pathological_pattern_is_still_refused() -> None:
    from reportgen.errors import ConfigError
    from reportgen.rules import load_rules

    custom = {"id": "X1", "name": "x", "category": "hedge", "summary": "s", "explanation": "e", "patterns": [r"(a+)+$"]}
    with pytest.raises(ConfigError, match=r"rule X1: patterns: pattern"):
        load_rules({"custom_rules": [custom]})
