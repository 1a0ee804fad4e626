"""The seed article: what the analyzer issue says it must show."""

from __future__ import annotations

import pytest

from reportgen.analyze import analyze
from reportgen.load import load_article
from reportgen.model import Analysis

from conftest import REPO, SEED


@pytest.fixture(scope="module")
def seed() -> Analysis:
    return analyze(load_article(SEED))


def _sentence_with(seed: Analysis, snippet: str) -> tuple[int, int]:
    at = seed.article.text.index(snippet)
    return next((a, b) for a, b in seed.sentences if a <= at < b)


def _findings_in(seed: Analysis, snippet: str, category: str) -> list:
    a, b = _sentence_with(seed, snippet)
    return [f for f in seed.findings if f.category == category and f.start < b and f.end > a]


def test_seed_has_23_sentences(seed: Analysis) -> None:
    assert len(seed.sentences) == 23


@pytest.mark.parametrize("snippet", [
    "reports indicating", "an unnamed Ukrainian serviceman", "according to official statements",
    "Russian officials have previously hinted", "Analysts suggest", "many observers puzzled",
])
def test_anonymous_attributions(seed: Analysis, snippet: str) -> None:
    assert any(f.source == "anonymous" for f in _findings_in(seed, snippet, "attribution"))


@pytest.mark.parametrize("snippet", ["has weighed in", "Khodarenok emphasized", "He argues", "Khodarenok stated"])
def test_named_attributions_to_khodarenok(seed: Analysis, snippet: str) -> None:
    named = [f for f in _findings_in(seed, snippet, "attribution") if f.source == "named"]
    assert named and all(f.source_name == "Colonel Mikhail Khodarenok" for f in named)


def test_relayed_chain_channel_to_serviceman(seed: Analysis) -> None:
    relayed = [f for f in seed.findings if f.via]
    assert relayed and all(f.source_kind == "pseudonymous" for f in relayed)
    assert all("Voenkory Russkoy Vesny" in f.via for f in relayed)


def test_anonymous_ratio_in_range(seed: Analysis) -> None:
    assert 0.5 <= seed.metrics.anonymous_ratio <= 0.9


@pytest.mark.parametrize("cue", ["reports indicating", "According to", "approximately", "could", "may", "suggest", "hinted", "speculation"])
def test_hedges(seed: Analysis, cue: str) -> None:
    assert any(f.category == "hedge" and cue.lower() in f.text.lower() for f in seed.findings)


@pytest.mark.parametrize("snippet", ["some questioning", "many observers", "one thing is clear"])
def test_generalizations(seed: Analysis, snippet: str) -> None:
    assert _findings_in(seed, snippet, "generalization")


def test_putin_briefing_sentences_are_quiet_but_for_one_vague_quantity(seed: Analysis) -> None:
    a, b = _sentence_with(seed, "The timing of these reports")
    assert [f for f in seed.findings if f.start < b and f.end > a] == []
    a, b = _sentence_with(seed, "During the meeting, Putin was briefed")
    found = [(f.rule, f.text) for f in seed.findings if f.start < b and f.end > a]
    assert found == [("H109", "several settlements")]  # defensible: the article never says how many


def test_khodarenok_quote_is_quoted_voice(seed: Analysis) -> None:
    (quote,) = seed.quotes
    assert seed.article.text[quote[0]:quote[1]].startswith("‘The President’s actions")


def test_content_article_matches_the_seed(seed: Analysis) -> None:
    content = analyze(load_article(REPO / "content" / "kramatorsk-front-seed.md"))
    assert content.article.text.split() == seed.article.text.split()
    assert [(f.rule, f.text) for f in content.findings] == [(f.rule, f.text) for f in seed.findings]
