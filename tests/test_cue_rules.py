"""The cue rules added or narrowed in the CoNLL-2010 round: each with the exact findings it must give.

Every sentence lists all of its hedge and generalization findings as (rule, text), so a rule
that stops firing, fires on the wrong words or starts firing elsewhere fails here.
"""

from __future__ import annotations

import pytest

from conftest import analyze_text


def _cues(sentence: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in analyze_text(sentence).findings if f.category in ("hedge", "generalization")]


# H101: "may" of variation and "may" with an adverb of frequency are root possibility, not doubt;
# the epistemic "may" of prediction and of "may be" stays a hedge.
@pytest.mark.parametrize("sentence, expected", [
    ("Prices may vary from stall to stall.", []),
    ("Opening hours may differ on public holidays.", []),
    ("Fares may range from two to five euros.", []),
    ("Patients may often be asymptomatic.", []),
    ("The ferry may sometimes run late.", []),
    ("The bridge may reopen in spring.", [("H101", "may")]),
    ("The bridge may be the oldest in the county.", [("H101", "may")]),
    ("The bridge may have been closed too late.", [("H101", "may")]),
    ("Results may vary, and the bridge may close again.", [("H101", "may")]),
])
def test_root_may(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _cues(sentence) == expected


# H105: an approximator before a figure given to the hundredth approximates nothing; round
# figures, tenths ending in 0 and figures scaled by "million" stay approximate.
@pytest.mark.parametrize("sentence, expected", [
    ("Turnout in the district was almost 74.34%.", []),
    ("The tunnel is about 3.27 kilometres long.", []),
    ("The tunnel is about 3.2 kilometres long.", [("H105", "about")]),
    ("The toll is about $4.50.", [("H105", "about")]),
    ("About 1.25 million people use the bridge each year.", [("H105", "About")]),
    ("The detour is approximately 16 kilometres long.", [("H105", "approximately")]),
    ("Some 300 cars crossed the bridge.", [("H105", "Some")]),
])
def test_approximator_before_a_precise_figure(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _cues(sentence) == expected


# G102: agentless claims of what is common, believed or held, with nobody named.
@pytest.mark.parametrize("sentence, expected", [
    ("It is common to hear the bridge called the Old Span.", [("G102", "It is common to")]),
    ("It was customary for the mayor to open the fair.", [("G102", "It was customary for")]),
    ("There is a widespread belief that the bridge is unsafe.", [("G102", "There is a widespread belief")]),
    ("There is also a claim, first made in 1990, that the bridge was sold.", [("G102", "There is also a claim")]),
    ("There is a view that the bridge was neglected.", [("G102", "There is a view")]),
    ("The contractor was held to be responsible for the delay.", [("G102", "was held to be")]),
    ("The engineer is reckoned to be the best in the county.", [("G102", "is reckoned to be")]),
    ("It is common knowledge.", []),
    ("There is a view of the river from the bridge.", []),
    ("There is no evidence of fraud.", []),
    ("The hearing was held in the town hall.", []),
])
def test_agentless_claims(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _cues(sentence) == expected
