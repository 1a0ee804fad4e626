"""Property tests: any text gives valid, ordered findings, never an exception, always the same."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import analyze_text

NEWSY = st.lists(
    st.sampled_from([
        "Officials said", "according to", "may", "could not", "“", "”", "‘", "’", "'", '"', "U.S.",
        "Mr.", "Dr.", "approximately 16", "Analysts suggest", "some questioning", "He argues", ",",
        ".", "?", "!", " ", "\n", "\n\n", "identified as", "which cited", "the ministry", "—",
        "It was reported", "Khodarenok", "many observers", "one thing is clear", "é", "東京", "🙂",
    ]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), NEWSY))
def test_any_text_gives_valid_findings(text: str) -> None:
    analysis = analyze_text(text)
    for finding in analysis.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start:finding.end] == finding.text
    assert [f.start for f in analysis.findings] == sorted(f.start for f in analysis.findings)
    for start, end in analysis.sentences:
        assert 0 <= start < end <= len(text)
    assert analyze_text(text) == analysis
