"""Words and punctuation with their offsets, and fast matching of word lists and patterns.

Every lexicon lookup in the analyzer goes through one tokenization of the text, so a list
of two hundred reporting verbs costs one dictionary lookup per word, not a regular-expression
scan per verb. A word keeps inner dots, hyphens and apostrophes ("U.S", "Gazeta.ru",
"well-known", "Kyiv’s"); every other non-space character is a token of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, NamedTuple, Sequence

TOKEN = re.compile(r"\w+(?:[.’'&-]\w+)*|[^\w\s]")
# A pattern whose start is a plain word or a group of plain words, followed by a space or a
# word boundary: "\b(?:is|are)\s+thought", "\bthought\s+to". Such patterns are tried only where
# one of those words starts, which is what makes forty patterns affordable per article.
_LEADING_WORDS = re.compile(r"^\\b(?:\(\?:(?P<group>[a-z|\\s+]+)\)|(?P<word>[a-z]+))(?=\\s|\\b|\[\\s)")
_FIRST_WORD = re.compile(r"^([a-z]+)(?:\\s\+|$)")


def normalize(word: str) -> str:
    """The lookup form of a word: lowercase, with a curly apostrophe made straight."""
    return word.lower().replace("’", "'")


class Token(NamedTuple):
    """A word or a punctuation mark, with its span and lookup form (a tuple: made by the thousand)."""

    start: int
    end: int
    text: str
    lower: str
    is_word: bool

    @property
    def is_capitalized(self) -> bool:
        """True when the token starts with a capital letter."""
        return self.text[0].isupper()

    @property
    def bare(self) -> str:
        """The lookup form without a possessive ending: "serviceman's" → "serviceman"."""
        if "'" not in self.lower:
            return self.lower
        if self.lower.endswith("'s"):
            return self.lower[:-2]
        return self.lower[:-1] if self.lower.endswith("'") else self.lower


@dataclass(frozen=True)
class TextIndex:
    """The tokens of a text, and where each word occurs."""

    text: str
    tokens: tuple[Token, ...]
    positions: dict[str, list[int]] = field(repr=False)
    lowers: tuple[str, ...] = field(repr=False, default=())

    @classmethod
    def of(cls, text: str) -> TextIndex:
        """Tokenize text once."""
        lowered = normalize(text)
        if len(lowered) != len(text):  # a few characters change length when lowercased ("İ")
            lowered = "".join(c if len(normalize(c)) != 1 else normalize(c) for c in text)
        new = tuple.__new__  # a NamedTuple made the fast way: there are thousands per article
        tokens = tuple(
            new(Token, (start, end, text[start:end], lowered[start:end], text[start].isalnum() or text[start] == "_"))
            for start, end in [match.span() for match in TOKEN.finditer(text)]
        )
        positions: dict[str, list[int]] = {}
        for i, token in enumerate(tokens):
            if token[4]:
                positions.setdefault(token[3], []).append(i)
        return cls(text, tokens, positions, tuple(token[3] for token in tokens))


class PhraseMatcher:
    """Finds any of a list of words or phrases in a TextIndex, token by token."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(set(phrases)):
            words = tuple(normalize(m.group()) for m in TOKEN.finditer(phrase))
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        for candidates in self.by_first.values():
            candidates.sort(key=len, reverse=True)
        # words that are only ever phrases of one word match without looking further
        self.single = frozenset(w for w, candidates in self.by_first.items() if len(candidates[0]) == 1)

    def find(self, index: TextIndex) -> list[tuple[int, int]]:
        """(first token, end token) of each longest phrase match, in text order."""
        lowers = index.lowers
        hits = []
        for first in self.by_first.keys() & index.positions.keys():
            if first in self.single:
                hits.extend((i, i + 1) for i in index.positions[first])
                continue
            candidates = self.by_first[first]
            for i in index.positions[first]:
                for words in candidates:
                    if lowers[i:i + len(words)] == words:
                        hits.append((i, i + len(words)))
                        break
        hits.sort()
        return hits

    def length_at(self, tokens: Sequence[Token], i: int) -> int:
        """Number of tokens of the longest phrase starting at tokens[i] (0 if none)."""
        return self._longest_at(tokens, i) if tokens[i].lower in self.by_first else 0

    def _longest_at(self, tokens: Sequence[Token], i: int) -> int:
        for words in self.by_first[tokens[i].lower]:
            if tuple(t.lower for t in tokens[i:i + len(words)]) == words:
                return len(words)
        return 0


def leading_words(pattern: str) -> frozenset[str] | None:
    """The words a pattern must start with, or None when it may start anywhere."""
    match = _LEADING_WORDS.match(pattern)
    if not match:
        return None
    if match.group("word"):
        return frozenset([match.group("word")])
    firsts = [_FIRST_WORD.match(alternative) for alternative in match.group("group").split("|")]
    return frozenset(f.group(1) for f in firsts) if all(firsts) else None


def pattern_matches(index: TextIndex, regex: re.Pattern[str], starts: frozenset[str] | None) -> Iterator[re.Match[str]]:
    """Matches of a compiled pattern, tried only at its leading words when it has them."""
    if starts is None:
        yield from regex.finditer(index.text)
        return
    offsets = sorted(index.tokens[i].start for word in starts & index.positions.keys() for i in index.positions[word])
    last_end = -1
    for offset in offsets:
        if offset >= last_end:
            match = regex.match(index.text, offset)
            if match and match.end() > match.start():
                last_end = match.end()
                yield match
