"""Direct quotations and the reporter's voice."""

from __future__ import annotations

from reportgen.quotes import quote_spans

from conftest import analyze_text


def _quotes(text: str) -> list[str]:
    return [text[a:b] for a, b in quote_spans(text, [(0, len(text))])]


def test_curly_single_quotes_with_apostrophes_inside() -> None:
    text = "‘The President’s actions are aimed at safety,’ Khodarenok stated, citing Kyiv’s record."
    assert _quotes(text) == ["‘The President’s actions are aimed at safety,’"]


def test_straight_and_double_curly_quotes() -> None:
    text = 'He said "we will not stop until it is done," and left. “The bridge is safe,” she said.'
    assert _quotes(text) == ['"we will not stop until it is done,"', "“The bridge is safe,”"]


def test_short_quoted_names_are_not_quotations() -> None:
    assert _quotes("The channel ‘Voenkory Russkoy Vesny’ cited a soldier called 'Alex'.") == []


def test_unclosed_quote_runs_to_the_end_of_its_paragraph_only() -> None:
    text = "“We will rebuild the bridge by June and open it to traffic\n\nThen the mayor left."
    spans = quote_spans(text, [(0, 58), (60, len(text))])
    assert [text[a:b] for a, b in spans] == [text[:58]]


def test_hedges_in_quotes_are_the_speakers_not_the_reporters() -> None:
    analysis = analyze_text("“The bridge may close for good next year,” the mayor said. It could reopen.")
    hedges = [(f.text, f.voice) for f in analysis.findings if f.category == "hedge"]
    assert hedges == [("may", "quoted"), ("could", "reporter")]
    assert analysis.metrics.hedges == 1 and analysis.metrics.hedges_quoted == 1
