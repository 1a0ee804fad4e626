"""Readability: textstat's numbers where its inputs are right, our counts where they are not."""

from __future__ import annotations

import pytest
import textstat
import textstat.backend.counts._count_syllables as textstat_syllables

from reportgen.readability import _syllable_table, readability, syllables
from reportgen.segment import split_sentences

FORMULAS = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
            "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score")
PLAIN_TEXTS = [
    "The bridge closed on Monday after inspectors found deep cracks in two steel girders. Engineers said "
    "repairs would take approximately six weeks. Residents complained about the long detour, which adds "
    "twenty minutes to the commute. The council will meet on Thursday to discuss temporary ferry service.",
    "The cats sleep all day. Dogs bark at night when strangers walk by the house. Nobody knows why they do.",
    "Municipal administrators characterized the unprecedented infrastructure deterioration as "
    "catastrophic, notwithstanding considerable investment. Taxpayers remain unconvinced.",
]


@pytest.fixture
def offline_textstat(monkeypatch):
    """textstat reading our offline CMU dictionary instead of downloading one through NLTK."""
    table = {word: [["A1"] * count] for word, count in _syllable_table().items()}
    monkeypatch.setattr(textstat_syllables, "get_cmudict", lambda lang: table)
    return textstat


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_formulas_equal_textstat_on_plain_text(offline_textstat, text: str) -> None:
    ours = readability(text, split_sentences(text))
    assert ours.sentences == offline_textstat.sentence_count(text)
    assert ours.words == offline_textstat.lexicon_count(text)
    assert ours.syllables == offline_textstat.syllable_count(text)
    for name in FORMULAS:
        assert getattr(ours, name) == pytest.approx(getattr(offline_textstat, name)(text), abs=0.01), name


def test_abbreviations_do_not_end_sentences_here_as_they_do_in_textstat(offline_textstat) -> None:
    text = "Mr. Smith met U.S. officials in St. Louis on Jan. 5 to discuss the bridge."
    assert readability(text, split_sentences(text)).sentences == 1
    assert offline_textstat.sentence_count(text) > 1


def test_golden_numbers_reviewed_by_eye() -> None:
    text = PLAIN_TEXTS[0]
    grades = readability(text, split_sentences(text))
    # 4 sentences, 46 words, 74 syllables: 11.5 words a sentence, 1.6087 syllables a word.
    # FRE = 206.835 - 1.015 * 11.5 - 84.6 * 1.6087 = 59.07; FK = 0.39 * 11.5 + 11.8 * 1.6087 - 15.59 = 7.88.
    # Three or more syllables: inspectors, engineers, approximately, residents, temporary.
    assert (grades.sentences, grades.words, grades.syllables) == (4, 46, 74)
    assert grades.mean_sentence_length == 11.5
    assert grades.flesch_reading_ease == 59.07
    assert grades.flesch_kincaid_grade == 7.88
    assert grades.polysyllabic_words == 5 and grades.complex_words == 5


def test_syllables_from_the_dictionary_and_the_fallback() -> None:
    assert syllables("bridge") == 1
    assert syllables("approximately") == 5
    assert "khodarenok" not in _syllable_table()
    assert syllables("khodarenok") == 2  # Pyphen finds one hyphenation point: kho-darenok


@pytest.mark.parametrize("text", ["", "   \n\n ", "2024 1999", "—"])
def test_empty_or_wordless_text_gives_zeros(text: str) -> None:
    grades = readability(text, split_sentences(text))
    if grades.words == 0:
        assert grades.flesch_reading_ease == grades.flesch_kincaid_grade == grades.gunning_fog == 0
        assert grades.dale_chall_readability_score == grades.smog_index == 0
    assert grades.syllables == 0 or grades.words > 0


def test_deterministic() -> None:
    text = PLAIN_TEXTS[2]
    assert readability(text, split_sentences(text)) == readability(text, split_sentences(text))
