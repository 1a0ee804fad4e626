"""Attributions: the source phrase each cue points to, and how it is classified."""

from __future__ import annotations

import pytest

from conftest import analyze_text

CASES = [
    # (text, [(source phrase, kind)])
    ("“We will reopen in June,” said Mayor Ana Ortiz.", [("Mayor Ana Ortiz", "named_person")]),
    ("Council member Tom Reyes said the vote was close.", [("Council member Tom Reyes", "named_person")]),
    ("Defense Secretary Maria Lindqvist said the talks had stalled.", [("Defense Secretary Maria Lindqvist", "named_person")]),
    ("Jane Doe, a city engineer, said the cracks were new.", [("Jane Doe", "named_person")]),
    ("A senior defense official said the talks had stalled.", [("A senior defense official", "anonymous_specific")]),
    ("A spokesperson said the figures were wrong.", [("A spokesperson", "anonymous_specific")]),
    ("Sources familiar with the matter said the deal was close.", [("Sources familiar with the matter", "anonymous_vague")]),
    ("People close to the talks said it was over.", [("People close to the talks", "anonymous_vague")]),
    ("The ministry said it would respond.", [("The ministry", "named_organization")]),
    ("Police in the city said two people were hurt.", [("Police in the city", "named_organization")]),
    ("The country's navy said it had intercepted the drones.", [("The country's navy", "named_organization")]),
    ("Acmecorp reported the sale on Tuesday.", [("Acmecorp", "named_organization")]),
    ("Officials said the bridge was unsafe.", [("Officials", "anonymous_vague")]),
    ("Engineers said the bridge was unsafe.", [("Engineers", "anonymous_vague")]),
    ("Russian officials have previously hinted at a phased approach.", [("Russian officials", "anonymous_vague")]),
    ("It was reported that the council met in private.", [("It was reported", "anonymous_vague")]),
    ("According to the city's audit, costs doubled.", [("the city's audit", "named_organization")]),
    ("A soldier identified only as 'Alex' said the line had moved.", [("A soldier identified only as 'Alex'", "pseudonymous")]),
    ("Lead inspector Tomasz Wielgosz, who signed the report, said the cracks were new.",
     [("Lead inspector Tomasz Wielgosz", "named_person")]),
    ("City Engineer Priya Nandakumar said the cracks were new.", [("City Engineer Priya Nandakumar", "named_person")]),
    ("According to the city's 2025 Traffic Count Summary, traffic fell.",
     [("the city's 2025 Traffic Count Summary", "named_organization")]),
    ("Parents are said to be organizing a carpool.", [("are said to", "anonymous_vague")]),
    ("It is widely believed at City Hall that the bridge is doomed.", [("It is widely believed", "anonymous_vague")]),
    ("A lawyer for the family, Irene Castell, said they would sue.", [("Irene Castell", "named_person")]),
    ("Gina Albright, president of the tenants' association, said rents had doubled.", [("Gina Albright", "named_person")]),
    ("A government official, speaking on condition of anonymity, said a deal was close.",
     [("A government official", "anonymous_specific")]),
    ("Experts consulted by the Daily Ledger said the design was sound.",
     [("Experts consulted by the Daily Ledger", "anonymous_vague")]),
    ("The plan, officials said, would be announced next month.", [("officials", "anonymous_vague")]),
    ("The mayor's office did not respond to a request for comment.", []),
    ("The city has asked police to monitor the detour.", []),
    ("Readers with information can write to the newsroom.", []),
    ("The report lists twelve repairs.", []),
    ("The data suggest a decline.", []),
    ("The crew found a crack in the deck.", []),
    ("Putin was briefed on the occupation of several settlements.", []),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_sources_are_found_and_classified(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(f.text, f.source_kind) for f in analyze_text(text).findings if f.category == "attribution"]
    assert found == expected


def test_pronoun_and_surname_resolve_to_the_named_person() -> None:
    text = "Colonel Mikhail Khodarenok, a correspondent, said it was planned. He argues it will last. Khodarenok stated it plainly."
    found = [f for f in analyze_text(text).findings if f.category == "attribution"]
    assert [f.text for f in found] == ["Colonel Mikhail Khodarenok", "He", "Khodarenok"]
    assert {f.source_name for f in found} == {"Colonel Mikhail Khodarenok"}
    assert {f.source for f in found} == {"named"}


def test_she_said_after_a_quote_resolves_to_the_earlier_named_source() -> None:
    text = "Mayor Ana Ortiz said the bridge would close. “It is not safe,” she said."
    found = [f for f in analyze_text(text).findings if f.category == "attribution"]
    assert [(f.text, f.source_name) for f in found] == [("Mayor Ana Ortiz", "Mayor Ana Ortiz"), ("she", "Mayor Ana Ortiz")]


def test_relayed_source_is_recorded_as_a_chain() -> None:
    text = "According to the newspaper ‘Daily Ledger,’ which cited an unnamed engineer, the deck is cracked. The engineer’s account could not be verified."
    found = [f for f in analyze_text(text).findings if f.category == "attribution"]
    assert [f.source_kind for f in found] == ["named_organization", "anonymous_specific", "anonymous_specific"]
    assert found[1].via == found[2].via == "the newspaper ‘Daily Ledger’"
    assert found[2].source_name == "an unnamed engineer"


def test_quoted_attributions_are_marked_quoted() -> None:
    text = "“Officials told me the bridge is unsafe and will stay closed,” Ana Ortiz said."
    found = [f for f in analyze_text(text).findings if f.category == "attribution"]
    assert [(f.text, f.voice) for f in found] == [("Officials", "quoted"), ("Ana Ortiz", "reporter")]


def test_bare_surname_links_to_the_full_name_given_earlier() -> None:
    text = "Inspectors led by Tomasz Wielgosz examined the deck. Wielgosz said the bridge must close."
    found = [f for f in analyze_text(text).findings if f.category == "attribution"]
    assert [(f.text, f.source_kind, f.source_name) for f in found] == [("Wielgosz", "named_person", "Tomasz Wielgosz")]


def test_asked_counts_only_after_a_quotation() -> None:
    text = "Mayor Ana Ortiz said the bridge was old. “Is the bridge safe now?” she asked. She asked the council for funds."
    found = [(f.text, f.source_name) for f in analyze_text(text).findings if f.category == "attribution"]
    assert found == [("Mayor Ana Ortiz", "Mayor Ana Ortiz"), ("she", "Mayor Ana Ortiz")]
