"""The analyzer's speed tricks give exactly what the plain code they replace gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.attribution import _clean
from reportgen.match import _ASCII_FOLDS, exclusions
from reportgen.model import Finding, make_finding
from reportgen.quotes import ENOUGH_WORDS, MIN_QUOTE_WORDS
from reportgen.readability import _remove_punctuation, character_count, letter_count
from reportgen.rules import Rule
from reportgen.sources import _FULL_NAME
from reportgen.tokens import (
    TOKEN,
    Anchors,
    PhraseMatcher,
    TextIndex,
    Token,
    _candidates,
    leading_words,
    normalize,
    pattern_matches,
)

TRICKY = st.text(alphabet=st.sampled_from(list("aZk _-.’'&\n\t,“”‘ΣσςİKſ🙂東é1")), max_size=40)


def plain_index(text: str) -> tuple[list[Token], dict[str, list[int]]]:
    """Tokens and word positions the straightforward way, one regex match at a time."""
    lowered = normalize(text)
    if len(lowered) != len(text):
        lowered = "".join(c if len(normalize(c)) != 1 else normalize(c) for c in text)
    tokens = [Token(m.start(), m.end(), m.group(), lowered[m.start():m.end()], m.group()[0].isalnum() or m.group()[0] == "_")
              for m in TOKEN.finditer(text)]
    positions: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        if token.is_word:
            positions.setdefault(token.lower, []).append(i)
    return tokens, positions


@settings(max_examples=500, deadline=None)
@given(st.one_of(TRICKY, st.text(max_size=60)))
def test_text_index_equals_plain_tokenizing(text: str) -> None:
    index = TextIndex.of(text)
    tokens, positions = plain_index(text)
    assert list(index.tokens) == tokens
    assert index.positions == positions
    assert list(index.lowers) == [t.lower for t in tokens]
    assert list(index.starts) == [t.start for t in tokens]
    assert list(index.ends) == [t.end for t in tokens]
    assert list(index.texts) == [t.text for t in tokens]
    assert list(index.is_word) == [t.is_word for t in tokens]


@pytest.mark.parametrize("text", [
    "“We won,” she said.  U.S.-led talks (in Kyiv’s) end… on_time, 3.5% \n\nNext: the  end.",
    "said, said. said” said) ,said . x_, ’tis ‘a’ well-known!\t\xa0word",
])
def test_text_index_of_news_text_equals_plain_tokenizing(text: str) -> None:
    index = TextIndex.of(text)
    tokens, positions = plain_index(text)
    assert list(index.tokens) == tokens
    assert index.positions == positions


@pytest.mark.parametrize("text", ["ΟΔΟΣ:Α and ΟΔΟΣ", "İstanbul’s mayor", "snake_case said", "", "   "])
def test_text_index_of_texts_whose_lowercase_is_not_per_character(text: str) -> None:
    tokens, positions = plain_index(text)
    assert list(TextIndex.of(text).tokens) == tokens


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "few", "a few", "a lot of", "lot", "of", "according to", "x"]), max_size=6),
       st.lists(st.sampled_from(["a", "few", "lot", "of", "according", "to", "x", ",", "A"]), max_size=12))
def test_phrase_matcher_finds_the_longest_phrase(phrases: list[str], words: list[str]) -> None:
    matcher = PhraseMatcher(phrases)
    index = TextIndex.of(" ".join(words))
    candidates = sorted({tuple(p.lower().split()) for p in phrases}, key=len, reverse=True)
    expected = []
    for i, token in enumerate(index.tokens):
        for words_ in candidates:
            if tuple(index.lowers[i:i + len(words_)]) == words_ and token.is_word:
                expected.append((i, i + len(words_)))
                assert matcher.length_at(index.tokens, i) == len(words_)
                break
        else:
            assert matcher.length_at(index.tokens, i) == 0
    assert matcher.find(index) == expected


def test_make_finding_equals_the_dataclass() -> None:
    shortest = ("hedge", "H101", 3, 8, "could", "“could” hedges.")
    assert make_finding(*shortest) == Finding(*shortest)
    assert repr(make_finding(*shortest)) == repr(Finding(*shortest))
    full = dict(severity="warning", voice="quoted", source_kind="named_person", cue="said", source_name="Ann Lee", via="AP")
    assert make_finding(*shortest, **full) == Finding(*shortest, **full)
    assert vars(make_finding(*shortest, **full)) == vars(Finding(*shortest, **full))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a ,.’”'\"\n")), max_size=8))
def test_clean_equals_its_regex(phrase: str) -> None:
    assert _clean(phrase) == re.sub(r"[,.](?=[’”'\"]$)", "", phrase.strip())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAbB \n_é.É1-’Z")), max_size=20))
def test_full_name_pattern_equals_the_plain_one(text: str) -> None:
    plain = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,4}\b")
    assert [m.span() for m in _FULL_NAME.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("'tsdvelr a-,.é’_")), max_size=20))
def test_punctuation_removal_equals_one_pass(text: str) -> None:
    assert _remove_punctuation(text) == re.sub(r"'(?![tsd]|ve|ll|re)|[^\w\s']", "", text)


def plain_pattern_matches(index: TextIndex, regex: re.Pattern[str], words: frozenset[str]) -> list[tuple[int, int]]:
    """regex.match at every token that is one of the leading words, skipping overlaps."""
    spans, last_end = [], -1
    for token in index.tokens:
        if token.is_word and token.lower in words and token.start >= last_end:
            match = regex.match(index.text, token.start)
            if match and match.end() > match.start():
                last_end = match.end()
                spans.append(match.span())
    return spans


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "A", "few", "FEW", "ſew", "lot", "of", "the", "vast", "majority", "some", "cakes",
                                 "\u212aey", "key", ",", "\n", "a-few"]), max_size=14))
def test_pattern_prefilter_skips_only_tokens_where_the_pattern_cannot_match(words: list[str]) -> None:
    pattern = r"\b(?:some|a\s+few|a\s+lot\s+of|the\s+vast\s+majority|a\s+key)\s+\w+"
    starts = leading_words(pattern)
    assert starts == {"some": (), "a": ("few", "key", "lot"), "the": ("vast",)}
    index = TextIndex.of(" ".join(words))
    regex = re.compile(pattern, re.IGNORECASE)
    found = [m.span() for m in pattern_matches(index, regex, starts)]
    assert found == plain_pattern_matches(index, regex, frozenset(starts))


ANCHORED = [r"\b(?:some|a\s+few|a\s+lot\s+of|the\s+vast\s+majority)\s+\w+", r"\b(?:a\s+few|the\s+vast)\b", r"\b(?:is|are)\s+thought",
            r"\bthe\s+vast\b", r"\b(?:some|few)\b", r"\w+ly\b", r"\ba\s+(?:key|lot)\b"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ANCHORED), min_size=1, max_size=6),
       st.lists(st.sampled_from(["a", "A", "few", "ſew", "lot", "the", "vast", "some", "is", "are", "thought", "\u212aey",
                                 "key", ",", "\n", "a-few", "only"]), max_size=16))
def test_anchors_give_each_pattern_its_own_candidates(patterns: list[str], words: list[str]) -> None:
    starts = [leading_words(p) for p in patterns]
    index = TextIndex.of(" ".join(words))
    expected = [[] if s is None else _candidates(index, s) for s in starts]
    assert Anchors(starts).candidates(index) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ İ'\n\tΣ1é")), max_size=30))
def test_letters_from_lowercase_words_equal_letters_of_the_text(cleaned: str) -> None:
    lowered = cleaned.lower()
    assert letter_count(cleaned, lowered, lowered.split()) == sum(map(len, cleaned.split())) - cleaned.count("'")


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(alphabet=st.sampled_from(list("aZ İ'’\n\t\xa0\u2009\u3000\x1c,.-—Σ1é")), max_size=30), st.text(max_size=30)))
def test_characters_from_the_cleaned_words_equal_characters_of_the_text(text: str) -> None:
    lowered = _remove_punctuation(text.replace("’", "'")).lower()
    assert character_count(text, lowered, lowered.split()) == sum(map(len, text.split()))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab_1é ,.’'“”-\n")), max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_enough_words_search_equals_counting_the_words(text: str, start: int, end: int) -> None:
    counted = len(re.findall(r"\w+", text[start:end])) >= MIN_QUOTE_WORDS
    assert (ENOUGH_WORDS.search(text, start, end) is not None) == counted


EXCLUSIONS = [
    r"\bcould\s+not\b", r"(?-i:\bMay\b)(?=\s+\d)", r"\b(?:in|by|last)[\s-]+(?-i:May)\b", r"\bmay\s+(?:also\s+)?(?:often|vary)\b",
    r"\b(?:the|its)\s+(?:others|few|many)\b[\s,]*\w*", r"\bsome\s+(?=\d)", r"\bmost(?:(?<=\bthe\smost)|(?<=\d\smost))\s+\w+",
    r"(\w)\1", r"\bkiss(?:es)?\b", r"(?:ab){2,3}", r"\w+ly\b", r"\bvery\b(?!\s+much)", r"(?i:KISS)\s+(?-i:It)",
]
EXCLUSION_WORDS = ["could", "Could", "not", "NOT", "May", "may", "MAY", "5", "often", "OFTEN", "vary", "the", "others",
                   "some", "Some", "ſome", "most", "kiss", "\u212aiss", "kİss", "kıss", "abab", "namely", "very", "It", "in",
                   ",", "\n", "x" * 30]


def plain_excluded(regex: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """The rule's whole alternation searched in the window, as match_rules did it."""
    for m in regex.finditer(text, max(0, start - 40), min(len(text), end + 40)):
        if m.start() > start:
            return False
        if end <= m.end():
            return True
    return False


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(EXCLUSIONS), min_size=1, max_size=4, unique=True),
       st.lists(st.sampled_from(EXCLUSION_WORDS), min_size=1, max_size=30), st.integers(0, 40), st.integers(1, 2))
def test_exclusions_cover_what_the_whole_alternation_covers(patterns: list[str], words: list[str], first: int, count: int) -> None:
    text = " ".join(words)
    first = min(first, len(words) - 1)  # the match: a word or two, as rules find them
    start = len(" ".join(words[:first])) + (first > 0)
    end = max(len(" ".join(words[:first + count])), start + 1)
    rule = _rule_with_exclusions(patterns)
    assert exclusions(rule).cover(text, start, end) == plain_excluded(rule.exclude_regex, text, start, end)


@pytest.mark.parametrize("patterns, text, span", [
    ([r"\bmay\s+often\b", r"(?-i:\bin\s+May\b)"], "It rained in May 2020.", (12, 15)),  # a case-sensitive word
    ([r"\bmay\s+often\b", r"\bmay\b(?=\s+often\s+rain)"], "It may often rain.", (3, 12)),  # the first alternative wins
    ([r"\bsome\s+\d", r"\bmany\b"], "ſome 5 said", (0, 4)),  # "ſ" is an "s" to the pattern, not when lowercased
    ([r"\bsome\s+\d", r"\bmany\b"], "It is some 5 minutes", (6, 10)),
])
def test_exclusions_cover_as_the_whole_alternation(patterns: list[str], text: str, span: tuple[int, int]) -> None:
    rule = _rule_with_exclusions(patterns)
    assert plain_excluded(rule.exclude_regex, text, *span)
    assert exclusions(rule).cover(text, *span)


def _rule_with_exclusions(patterns: list[str]) -> Rule:
    return Rule(id="T1", name="t", category="hedge", severity="info", summary="s", explanation="e", limits="",
                exclude=tuple(patterns))


def test_exclusions_know_the_words_they_need() -> None:
    found = exclusions(_rule_with_exclusions([r"\bcould\s+not\b", r"(?-i:\bMay\b)\s+\d", r"\bmay\s+(?:often|vary)\b", r"\w+"]))
    assert sorted(found.words) == [(0, "could", False), (1, "May", True), (2, "often", False), (2, "vary", False)]
    assert found.always == {3}
    # a back reference counts the groups of the whole alternation: every exclusion is then always tried
    assert exclusions(_rule_with_exclusions([r"(a)b", r"(c)\1"])).always == {0, 1}


def test_only_the_listed_characters_match_ascii_ones_case_insensitively() -> None:
    every = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))
    for character in map(chr, range(128)):
        others = {c for c in re.findall(re.escape(character), every, re.IGNORECASE) if c.lower() != character.lower()}
        assert others <= set(_ASCII_FOLDS.pattern[1:-1]), character
