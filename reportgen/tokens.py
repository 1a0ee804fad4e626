"""Words and punctuation with their offsets, and fast matching of word lists and patterns.

Every lexicon lookup in the analyzer goes through one tokenization of the text, so a list
of two hundred reporting verbs costs one dictionary lookup per word, not a regular-expression
scan per verb. A word keeps inner dots, hyphens and apostrophes ("U.S", "Gazeta.ru",
"well-known", "Kyiv’s"); every other non-space character is a token of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, repeat
from typing import Iterable, Iterator, Mapping, NamedTuple, Sequence

TOKEN = re.compile(r"\w+(?:[.’'&-]\w+)*|[^\w\s]")
_SPLIT = re.compile(f"({TOKEN.pattern})")
_CLOSING = frozenset(",.;:?!)”’\"")  # marks that are a token of their own after a word
# A pattern whose start is a plain word or a group of plain words, followed by a space or a
# word boundary: "\b(?:is|are)\s+thought", "\bthought\s+to". Such patterns are tried only where
# one of those words starts, which is what makes forty patterns affordable per article.
_LEADING_WORDS = re.compile(r"^\\b(?:\(\?:(?P<group>[a-z|\\s+]+)\)|(?P<word>[a-z]+))(?=\\s|\\b|\[\\s)")
_FIRST_WORD = re.compile(r"^([a-z]+)(?:\\s\+|$)")
_SECOND_WORD = re.compile(r"([a-z]+)(?:\\s\+|$)")  # after the first word's "\s+"


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
    positions: dict[str, list[int]] = field(repr=False)
    lowers: tuple[str, ...] = field(repr=False, default=())
    starts: tuple[int, ...] = field(repr=False, default=())
    ends: tuple[int, ...] = field(repr=False, default=())
    texts: tuple[str, ...] = field(repr=False, default=())
    is_word: tuple[bool, ...] = field(repr=False, default=())

    @classmethod
    def of(cls, text: str) -> TextIndex:
        """Tokenize text once."""
        starts, ends, texts, is_word = _split(text)
        lowers = _lowercase(text, texts, starts, ends)
        return cls(text, _positions(lowers, is_word), lowers, tuple(starts), tuple(ends), tuple(texts), tuple(is_word))

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Every token as a Token, made when first asked for: a thousand tuples cost more than reading the arrays."""
        fields = zip(self.starts, self.ends, self.texts, self.lowers, self.is_word)
        return tuple(map(tuple.__new__, repeat(Token), fields))


def _split(text: str) -> tuple[list[int], list[int], list[str], list[bool]]:
    """Where each token starts and ends, its text, and whether it is a word.

    No token holds a space, so the text is cut at spaces first, and most pieces are a word
    alone ("said") or a word and a closing mark ("said,"): only the rest go through the regex.
    Measured on 700-word articles: TextIndex.of takes 5.2 M instructions, 6.3 M when the whole
    text went through the regex and the offsets and word flags were worked out from its parts.
    """
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    is_word: list[bool] = []
    add_start, add_end, add_text, add_word = starts.append, ends.append, texts.append, is_word.append
    offset = 0
    for piece in text.split(" "):
        end = offset + len(piece)
        if piece.isalnum():  # letters and digits only: what \w+ matches, less "_"
            add_start(offset)
            add_end(end)
            add_text(piece)
            add_word(True)
        elif piece[-1:] in _CLOSING and piece[:-1].isalnum():
            starts += (offset, end - 1)
            ends += (end - 1, end)
            texts += (piece[:-1], piece[-1])
            is_word += (True, False)
        elif piece:
            parts = _SPLIT.split(piece)  # [space, token, space, ..., token, space]: only whitespace between tokens
            at = offset
            for token, space in zip(parts[1::2], parts[0::2]):
                at += len(space)
                add_start(at)
                add_text(token)
                add_word(token[0].isalnum() or token[0] == "_")
                at += len(token)
                add_end(at)
        offset = end + 1
    return starts, ends, texts, is_word


def _positions(lowers: Sequence[str], is_word: Sequence[bool]) -> dict[str, list[int]]:
    """Where each word occurs: its lookup form → the indices of its tokens, in order."""
    positions: dict[str, list[int]] = {}
    setdefault = positions.setdefault  # measured: cheaper than testing for the key first, or a defaultdict
    for i, lower in zip(compress(range(len(lowers)), is_word), compress(lowers, is_word)):
        setdefault(lower, []).append(i)
    return positions


def _lowercase(text: str, tokens: list[str], starts: list[int], ends: list[int]) -> tuple[str, ...]:
    """The lookup form of each token, as cut from the normalized whole text."""
    joined = "\n".join(tokens)
    lowered = normalize(joined)
    if len(lowered) == len(joined) and "Σ" not in joined:
        # Every character then lowercases alone (only a capital sigma looks at its neighbours),
        # so the tokens, which hold no newline, can be lowercased in one string.
        return tuple(lowered.split("\n")) if tokens else ()
    lowered = normalize(text)
    if len(lowered) != len(text):  # a few characters change length when lowercased ("İ")
        lowered = "".join(c if len(normalize(c)) != 1 else normalize(c) for c in text)
    return tuple(map(lowered.__getitem__, map(slice, starts, ends)))


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
        self.longest = max((len(c[0]) for c in self.by_first.values()), default=0)
        self.one_word = frozenset(w for w, candidates in self.by_first.items() if len(candidates[-1]) == 1)
        # longer phrases by their first two words, longest first: a phrase is tried only where both match
        self.by_pair: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for candidates in self.by_first.values():
            for words in candidates:
                if len(words) > 1:
                    self.by_pair.setdefault(words[:2], []).append(words)

    def find(self, index: TextIndex) -> list[tuple[int, int]]:
        """(first token, end token) of each longest phrase match, in text order."""
        lowers, last = index.lowers, len(index.lowers) - 1
        hits = []
        for first in self.by_first.keys() & index.positions.keys():
            if first in self.single:
                hits.extend((i, i + 1) for i in index.positions[first])
                continue
            one_word = first in self.one_word
            for i in index.positions[first]:
                # the usual case, no longer phrase going on with the next word, without a call
                if (first, lowers[i + 1] if i < last else "") not in self.by_pair:
                    length = 1 if one_word else 0
                else:
                    length = self._longest(first, lowers[i + 1], lowers, i)
                if length:
                    hits.append((i, i + length))
        hits.sort()
        return hits

    def length_at(self, tokens: Sequence[Token], i: int) -> int:
        """Number of tokens of the longest phrase starting at tokens[i] (0 if none)."""
        first = tokens[i].lower
        if first not in self.by_first:
            return 0
        following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
        return self._longest(first, following, tuple(t.lower for t in tokens[i:i + self.longest]), 0)

    def _longest(self, first: str, following: str, lowers: Sequence[str], i: int) -> int:
        """Length of the longest phrase at lowers[i], whose word is first and the next one following."""
        for words in self.by_pair.get((first, following), ()):
            if lowers[i:i + len(words)] == words:
                return len(words)
        return 1 if first in self.one_word else 0


Starts = Mapping[str, tuple[str, ...]]  # leading word → words one of which must begin the next token


def leading_words(pattern: str) -> Starts | None:
    """The words a pattern must start with, or None when it may start anywhere.

    Each word maps to the beginnings of the word that must follow it ("a" → ("few", "lot") in
    "\\b(?:some|a\\s+few|a\\s+lot)"), or to () when anything may follow.
    """
    match = _LEADING_WORDS.match(pattern)
    if not match:
        return None
    if match.group("word"):
        return {match.group("word"): ()}
    alternatives = match.group("group").split("|")
    firsts = [_FIRST_WORD.match(alternative) for alternative in alternatives]
    if not all(firsts):
        return None
    following: dict[str, set[str] | None] = {}
    for first, alternative in zip(firsts, alternatives):
        second = _SECOND_WORD.match(alternative, first.end())
        word = first.group(1)
        if second and following.get(word, set()) is not None:
            following.setdefault(word, set()).add(second.group(1))  # type: ignore[union-attr]
        else:
            following[word] = None  # "some": anything may follow
    return {word: tuple(sorted(seconds or ())) for word, seconds in following.items()}


def pattern_matches(index: TextIndex, regex: re.Pattern[str], starts: Starts | None) -> Iterator[re.Match[str]]:
    """Matches of a compiled pattern, tried only at its leading words when it has them."""
    if starts is None:
        return regex.finditer(index.text)
    return matches_at(index, regex, _candidates(index, starts))


def matches_at(index: TextIndex, regex: re.Pattern[str], candidates: Iterable[int]) -> Iterator[re.Match[str]]:
    """Matches of a compiled pattern tried at the given tokens (in text order), skipping overlaps."""
    match_at, text, last_end = regex.match, index.text, -1
    for offset in map(index.starts.__getitem__, candidates):
        if offset >= last_end:
            match = match_at(text, offset)
            if match and match.end() > offset:
                last_end = match.end()
                yield match


def _candidates(index: TextIndex, starts: Starts) -> list[int]:
    """Tokens, in text order, where a pattern with these leading words may match."""
    positions = index.positions
    found: list[int] = []
    for word in starts.keys() & positions.keys():
        following = starts[word]
        found.extend(_followed(index, positions[word], following) if following else positions[word])
    found.sort()
    return found


def _followed(index: TextIndex, tokens: list[int], following: tuple[str, ...]) -> list[int]:
    """The tokens whose next token begins with one of following ("a" where "few" or "lot" comes next)."""
    # A token with other than ASCII letters is always kept, since the pattern's case-insensitive
    # "s" also matches "ſ", "k" "K"...
    lowers, texts, last = index.lowers, index.texts, len(index.lowers) - 1
    return [i for i in tokens if i < last and (lowers[i + 1].startswith(following) or not texts[i + 1].isascii())]


class Anchors:
    """The leading words of several patterns, to find where each may match in one pass over the words.

    Per pattern, a set intersection with the text's words and a filter of the words that need a
    certain next word cost 0.95 M instructions per article for the forty hedge and
    generalization patterns; done once for all of them, 0.53 M.
    """

    def __init__(self, starts: Sequence[Starts | None]) -> None:
        self.count = len(starts)
        self.by_word: dict[str, list[tuple[int, tuple[str, ...]]]] = {}  # word → (pattern number, following)
        for number, words in enumerate(starts):
            for word, following in (words or {}).items():
                self.by_word.setdefault(word, []).append((number, following))

    def candidates(self, index: TextIndex) -> list[list[int]]:
        """For each pattern, the tokens in text order where it may match (none for one without leading words)."""
        found: list[list[int]] = [[] for _ in range(self.count)]
        followed: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        for word in self.by_word.keys() & index.positions.keys():
            tokens = index.positions[word]
            for number, following in self.by_word[word]:
                if not following:
                    found[number] += tokens
                    continue
                if (word, following) not in followed:  # patterns often share a leading word and what must follow it
                    followed[word, following] = _followed(index, tokens, following)
                found[number] += followed[word, following]
        for tokens in found:
            tokens.sort()
        return found
