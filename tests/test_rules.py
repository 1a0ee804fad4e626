"""Every rule's own examples, the meta-test that they exist, and users' changes to the tables."""

from __future__ import annotations

import pytest

from reportgen.analyze import analyze
from reportgen.errors import ConfigError
from reportgen.rules import load_rules

from conftest import analyze_text, article

RULES = load_rules().rules


def _fired(rule_id: str, sentence: str) -> list[str]:
    return [f.text for f in analyze_text(sentence).findings if f.rule == rule_id]


@pytest.mark.parametrize(
    "rule_id, sentence", [(r.id, s) for r in RULES for s in r.examples_flag], ids=lambda v: str(v)[:40]
)
def test_rule_fires_on_its_flag_examples(rule_id: str, sentence: str) -> None:
    assert _fired(rule_id, sentence), f"{rule_id} should fire on {sentence!r}"


@pytest.mark.parametrize(
    "rule_id, sentence", [(r.id, s) for r in RULES for s in r.examples_pass], ids=lambda v: str(v)[:40]
)
def test_rule_stays_quiet_on_its_pass_examples(rule_id: str, sentence: str) -> None:
    assert not _fired(rule_id, sentence), f"{rule_id} should not fire on {sentence!r}"


def test_every_rule_has_examples_explanation_and_limits() -> None:
    for rule in RULES:
        assert rule.examples_flag and rule.examples_pass, f"{rule.id} needs flag and pass examples"
        assert rule.explanation and rule.summary and rule.limits, f"{rule.id} needs its texts"


def test_rule_ids_are_unique_and_stable() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert {"A101", "A102", "A201", "A202", "A203", "A204", "H101", "G101"} <= set(ids)


def test_user_can_add_and_remove_words() -> None:
    rules = load_rules({"rules": {"H101": {"add_words": ["shall"], "remove_words": ["could"]}}})
    findings = analyze(article("The bridge shall close and could reopen."), rules).findings
    assert [f.text for f in findings if f.rule == "H101"] == ["shall"]


def test_user_can_disable_a_rule_and_add_one() -> None:
    custom = {"id": "X001", "name": "jargon", "category": "hedge", "summary": "Jargon",
              "explanation": "“{text}” is jargon.", "words": ["synergy"]}
    rules = load_rules({"rules": {"H105": {"enabled": False}}, "custom_rules": [custom]})
    found = {f.rule for f in analyze(article("Approximately 40 people praised the synergy."), rules).findings}
    assert "H105" not in found and "X001" in found


def test_user_can_extend_the_attribution_lexicon() -> None:
    text = "Bloggers opined that the bridge was unsafe."
    assert not [f for f in analyze_text(text).findings if f.category == "attribution"]
    rules = load_rules({"lexicon": {"add": {"reporting_verbs": ["opined"]}}})
    kinds = [f.source_kind for f in analyze(article(text), rules).findings if f.category == "attribution"]
    assert kinds == ["anonymous_vague"]


def test_changing_a_lexicon_changes_the_fingerprint() -> None:
    assert load_rules().fingerprint == load_rules().fingerprint
    assert load_rules().fingerprint != load_rules({"rules": {"H101": {"add_words": ["shall"]}}}).fingerprint


@pytest.mark.parametrize(
    "config, key",
    [
        ({"rules": {"H101": {"add_patterns": ["(unclosed"]}}}, "rules.H101.add_patterns: invalid regular expression"),
        ({"rules": {"H999": {"enabled": False}}}, "rules.H999"),
        ({"rules": {"H101": {"colour": "red"}}}, "rules.H101.colour"),
        ({"rules": {"H101": {"add_words": "shall"}}}, "rules.H101.add_words"),
        ({"lexicon": {"add": {"verbs": ["x"]}}}, "lexicon.add.verbs"),
        ({"custom_rules": [{"id": "bad id"}]}, "rule bad id"),
        ({"rules": {"G101": {"add_patterns": [r"(\w+\s?)+$"]}}}, "rules.G101.add_patterns: pattern"),
        ({"rules": {"H101": {"add_exclude": [r"(a*)*b"]}}}, "rules.H101.add_exclude: pattern"),
        ({"rules": {"H101": {"enabled": "no"}}}, "rules.H101.enabled: must be true or false"),
        ({"custom_rules": [{"id": "X001", "name": "n", "category": "hedge", "summary": "s", "explanation": "e",
                            "words": "synergy"}]}, "rule X001: words: must be a list of strings"),
        ({"custom_rules": [{"id": "X001", "name": "n", "category": "hedge", "summary": "s", "explanation": "e",
                            "patterns": [r"\b(?:a|aa)+$"]}]}, "rule X001: patterns: pattern"),
    ],
)
def test_bad_user_rules_name_the_key(config: dict, key: str) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_rules(config)
