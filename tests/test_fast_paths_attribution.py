"""The attribution stage's speed tricks give exactly what the plain code they replace gives."""

from __future__ import annotations

import bisect
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.analyze import default_rules
from reportgen.attribution import _QUOTE_ENDS, _around_source, _clean, _per_sentence
from reportgen.phrases import Sentence
from reportgen.sources import (
    _FULL_NAME,
    Lexicon,
    _bare,
    _is_common,
    _is_plural_role,
    _name_after_title,
    _trailing_name_run,
    build_lexicon,
    may_end_a_full_name,
    people_named,
)
from reportgen.tokens import TextIndex, Token


@cache
def lexicon() -> Lexicon:
    """The shipped attribution lexicon."""
    return build_lexicon(default_rules().lexicon)


def some_words(*lists: str) -> list[str]:
    """A few words of each named lexicon list, capitalized and not, to build phrases from."""
    words = [w for name in lists for w in sorted(lexicon().lists[name])[:12]]
    return words + [w.capitalize() for w in words]


NAMES = ["Ann", "Lee", "Tomasz", "Wielgosz", "Priya", "Ferrand", "Radio", "Saltreach", "Newsline", "Wexford-Hale"]
PIECES = [*NAMES, "McDonald", "Mayor", "Colonel", "The", "City", "Council", "said", "the", "of"]
SPACES_AND_MARKS = [" ", "  ", "\n", "\u00a0", ", ", ". ", "’s", "-", "1", "É"]
NAME_TEXT = st.lists(st.sampled_from([*PIECES, *SPACES_AND_MARKS]), max_size=14).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=12),
       st.lists(st.tuples(st.integers(0, 30), st.integers(1, 4)), max_size=12),
       st.lists(st.integers(0, 3), min_size=34, max_size=34))
def test_cues_dealt_to_sentences_equal_a_search_per_sentence(
    cuts: list[int], hits: list[tuple[int, int]], gaps: list[int]
) -> None:
    starts = [sum(gaps[:i]) + 2 * i for i in range(len(gaps))]  # token starts, in order, one to five characters apart
    edges = sorted(cuts)
    sentences = list(zip(edges[0::2], edges[1::2]))  # character spans in order, not overlapping, some empty
    matches = sorted({(first, first + length) for first, length in hits})
    bounds = [(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)) for start, end in sentences]
    expected = {k: [(a, b) for a, b in matches if lo <= a < hi and b <= hi] for k, (lo, hi) in enumerate(bounds)}
    dealt = _per_sentence(matches, starts, sentences, [start for start, _ in sentences])
    assert dealt == {k: cues for k, cues in expected.items() if cues}


def plain_people_named(text: str, lex: Lexicon) -> dict[str, str]:
    """people_named with excluded words cut off each end one at a time, then none allowed inside."""
    people: dict[str, str] = {}
    for match in _FULL_NAME.finditer(text):
        words = match.group().split()
        excluded = lex.not_in_names
        while words and words[0].lower() in excluded:
            words = words[1:]
        while words and words[-1].lower() in excluded:
            words = words[:-1]
        if 2 <= len(words) <= 3 and not any(w.lower() in excluded for w in words) and not _is_common(words[0].lower()):
            people.setdefault(words[-1], " ".join(words))
    return people


@settings(max_examples=500, deadline=None)
@given(NAME_TEXT)
def test_full_names_read_in_one_pass_equal_trimming_each_end(text: str) -> None:
    assert people_named(text, lexicon()) == plain_people_named(text, lexicon())


@settings(max_examples=1000, deadline=None)
@given(NAME_TEXT, st.sampled_from([*NAMES, "Lee Ann", "lee", "Le", "Mayor", "City"]))
def test_a_surname_ruled_out_without_the_scan_is_never_found_by_it(text: str, word: str) -> None:
    if not may_end_a_full_name(text, word):
        assert word not in people_named(text, lexicon())


@pytest.mark.parametrize("text, word, possible", [
    ("Ann Lee said so. Lee added more.", "Lee", True),
    ("Ann  \n Lee said so.", "Lee", True),
    ("Lee said so. Officials said Lee was right.", "Lee", False),  # never after a capitalized word
    ("Ann Wexford-Hale said so.", "Wexford-Hale", False),  # no full name ends in a hyphenated word
    ("ANN Lee said so.", "Lee", False),
])
def test_a_surname_is_ruled_out_only_where_no_full_name_can_end_with_it(text: str, word: str, possible: bool) -> None:
    assert may_end_a_full_name(text, word) is possible
    if not possible:
        assert word not in people_named(text, lexicon())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab {}sourcetx.“”")), max_size=30), st.text(max_size=8))
def test_explanation_filled_around_its_source_equals_format(template: str, shown: str) -> None:
    around = _around_source(template)
    try:
        expected = template.format(source=shown, text="the text")
    except (IndexError, KeyError, ValueError):
        assert around is None  # not a template of one {source} field
        return
    if around is not None:
        assert around[0] + shown + around[1] == expected


def test_the_shipped_explanations_of_sources_are_filled_without_format() -> None:
    for rule in default_rules().by_category("attribution"):
        if rule.source_kind and rule.name != "agentless-attribution":
            assert _around_source(rule.explanation) is not None, rule.id


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.’”'\"“")), max_size=20))
def test_a_phrase_cut_at_token_bounds_needs_cleaning_only_before_a_quote_end(text: str) -> None:
    tokens = TextIndex.of(text).tokens
    for first in range(len(tokens)):
        for last in range(first, len(tokens)):
            phrase = text[tokens[first].start:tokens[last].end]
            if phrase[-1] not in _QUOTE_ENDS:
                assert _clean(phrase) == phrase


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Officials’", "engineers'", "O'Brien", "it's", "ministry's", "’s", "Ann", "'", "a"]),
                max_size=6))
def test_bare_word_read_inline_equals_the_property(words: list[str]) -> None:
    for token in TextIndex.of(" ".join(words)).tokens:
        assert _bare(token) == token.bare
        assert (token.lower if "'" not in token.lower else token.bare) == token.bare


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*some_words("person_titles", "person_roles"), *NAMES, "the", "of", "Mr."]), min_size=1,
                max_size=6))
def test_name_after_a_title_read_from_the_end_equals_the_plain_reading(words: list[str]) -> None:
    lex = lexicon()
    core = [t for t in TextIndex.of(" ".join(words)).tokens if t.is_word]

    def title_or_role(token: Token) -> bool:
        return token.bare.rstrip(".") in lex.lists["person_titles"] or token.bare in lex.lists["person_roles"]

    roles = [i for i, t in enumerate(core) if title_or_role(t)]
    plain = bool(roles) and any(t.is_capitalized and not title_or_role(t) for t in core[roles[-1] + 1:])
    assert _name_after_title(core, lex) == plain
    run = []
    for token in reversed(core):
        if not token.is_capitalized:
            break
        run.insert(0, token)
    assert list(_trailing_name_run(core)) == run


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("mensa")), max_size=10) | st.sampled_from(some_words("person_roles")))
def test_a_plural_role_ends_in_s_or_holds_men(head: str) -> None:
    for word in (head, head + "s", head.replace("man", "men")):
        if _is_plural_role(word, lexicon()):
            assert word.endswith("s") or "men" in word


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(lexicon().lists["determiners"] | lexicon().lists["vague_sources"]) + ["mayor", "x"]))
def test_hollow_determiners_are_the_determiners_that_are_not_vague_sources(word: str) -> None:
    lists = lexicon().lists
    assert (word not in lexicon().hollow) == (word not in lists["determiners"] or word in lists["vague_sources"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*some_words("reporting_verbs", "verb_modifiers"), "Said", "officials"]), max_size=8))
def test_verbs_found_in_one_loop_equal_any_is_verb(words: list[str]) -> None:
    tokens = TextIndex.of(" ".join(words)).tokens
    read = Sentence(tokens, {}, lexicon())
    assert read._has_verb(tokens) == any(map(read.is_verb, tokens))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*some_words("pseudonym_markers", "anonymity_markers"), "as", "with", "Alex", ","]),
                max_size=8))
def test_a_marker_starts_only_at_a_word_that_can_start_one(words: list[str]) -> None:
    tokens = TextIndex.of(" ".join(words)).tokens
    markers = lexicon().markers
    for i, token in enumerate(tokens):
        if token.lower not in markers.by_first:
            assert markers.length_at(tokens, i) == 0
