"""Source phrases in one sentence: read away from a reporting cue to the clause boundary.

Backwards for a subject ("Russian officials have previously hinted"), skipping an appositive
(", a military correspondent for ‘Gazeta.ru,’") or a relative clause (", who signed the
report,"); forwards for an object ("according to people familiar with the inspection") or an
inverted "said the mayor". A quoted name (‘Voenkory Russkoy Vesny’) is read as one piece, and a
marker such as "identified as ‘Alex’" or "familiar with" stays inside the phrase.
"""

from __future__ import annotations

from typing import Sequence

from reportgen.sources import Lexicon
from reportgen.tokens import Token

OPENING = {"‘": "’", "“": "”", "«": "»", "'": "'", '"': '"'}
CLOSING = {"’": "‘", "”": "“", "»": "«", "'": "'", '"': '"'}
_BOUNDARY = set(",;:()[]—–-!?.…")
RELATIVES = ("who", "which", "that")
_APPOSITIVE_OPENERS = ("a", "an", "the", "who", "which", "whose", "citing", "quoting")
_CLAUSE_OPENERS = ("who", "which", "whose", "citing", "quoting")
_MAX_PHRASE = 14  # tokens; a source phrase longer than this is a clause, not a name
_MAX_QUOTED_NAME = 8  # tokens between quote marks that can still be a name ("‘Gazeta.ru,’")


def _is_full_name(tokens: Sequence[Token]) -> bool:
    """Two or three capitalized plain words: 'Irene Castell'."""
    return 2 <= len(tokens) <= 3 and all(t.is_word and t.text.isalpha() and t.is_capitalized for t in tokens)


class Sentence:
    """The tokens of one sentence, with where its markers start, read with the lexicon."""

    def __init__(self, tokens: Sequence[Token], marker_start: dict[int, int], lex: Lexicon) -> None:
        self.tokens = tokens
        self.marker_start = marker_start
        self.lex = lex

    def after_quote(self, first: int) -> bool:
        """True when a closing quote mark stands within the three tokens before tokens[first]."""
        for token in self.tokens[max(0, first - 4):first]:
            if token.text in CLOSING:
                return True
        return False

    def relative_subject(self, at: int) -> Sequence[Token]:
        """The phrase that a relative 'who'/'which' just before tokens[at] refers to."""
        j = at - 1
        if j >= 0 and self.tokens[j].lower in RELATIVES:
            j -= 1
        if j >= 0 and self.tokens[j].text == ",":
            j -= 1
        return self.backward(j + 1)

    def appositive_subject(self, end: int) -> Sequence[Token]:
        """The subject around a comma-bounded aside that ends just before tokens[end].

        'Colonel X, a military correspondent for Gazeta.ru, has weighed in' → 'Colonel X';
        'Vos, 54, told' and 'Gina Albright, president of ..., said' → the words before the aside;
        'A lawyer for the family, Irene Castell, said' → the name in the aside.
        """
        tokens = self.tokens
        if end > 1 and tokens[end - 1].text in CLOSING and tokens[end - 2].text == ",":
            end -= 1  # ‘Gazeta.ru,’ — the comma sits inside the quote mark
        if end < 1 or tokens[end - 1].text != ",":
            return ()
        end -= 1
        before = end - 1
        while before >= 0 and tokens[before].text != "," and end - before <= _MAX_PHRASE:
            if tokens[before].text in CLOSING:  # a quoted name inside the aside
                opening = self._matching(before, -1)
                before = opening if opening is not None else before
            before -= 1
        if before < 0 or tokens[before].text != "," or before + 1 >= end:
            return ()
        aside, opener = tokens[before + 1:end], tokens[before + 1]
        if opener.lower not in _CLAUSE_OPENERS and self._has_verb(aside):
            return ()  # "The plan, officials said, ...": the aside is an attribution of its own
        subject = self.backward(before)
        if _is_full_name(aside):
            return aside
        if opener.lower in _APPOSITIVE_OPENERS and opener.lower not in _CLAUSE_OPENERS:
            return subject if any(t.is_capitalized for t in subject[1:] or subject) else ()  # "Jane Doe, a city engineer,"
        return subject if opener.lower in _CLAUSE_OPENERS or not opener.is_capitalized else ()

    def before_relative(self, end: int) -> Sequence[Token]:
        """'An official who spoke on condition of anonymity said' → 'An official'."""
        for j in range(end - 1, max(-1, end - 1 - _MAX_PHRASE), -1):
            if self.tokens[j].lower == "who":
                return self.backward(j)
            if not self.tokens[j].is_word and self.tokens[j].text != ",":
                return ()
        return ()

    def backward(self, end: int) -> Sequence[Token]:
        """The source phrase ending just before tokens[end], read right to left."""
        # The phrase read so far is always tokens[j + 1:end]: only where it starts is tracked.
        tokens, marker_start = self.tokens, self.marker_start
        stops, verbs = self.lex.backward_stops, self.lex.lists["reporting_verbs"]
        last = j = end - 1
        limit = max(-1, last - _MAX_PHRASE)  # j > limit: j >= 0 and no more than _MAX_PHRASE tokens read
        while j > limit:
            token = tokens[j]
            if j in marker_start and j < last:
                j = marker_start[j] - 1
            elif j == last and token.text in CLOSING:
                opening = self._matching(j, -1)
                if opening is None:
                    break
                j = opening - 1
            elif not token.is_word or token.lower in stops or token.lower in verbs and not token.text[0].isupper():
                break  # _ends_phrase(token) or token.lower == "according" or is_verb(token), inlined: the hottest loop
            else:
                j -= 1
        return self._trim(j + 1, end)

    def forward(self, start: int) -> Sequence[Token]:
        """The source phrase starting at tokens[start], read left to right."""
        tokens = self.tokens
        taken: list[Token] = []  # always tokens[start:j]
        j = start
        while j < len(tokens) and len(taken) < _MAX_PHRASE:
            token = tokens[j]
            marker = self.lex.markers.length_at(tokens, j) if taken and token.lower in self.lex.markers.by_first else 0
            if marker:
                taken.extend(tokens[j:j + marker])
                j = self._take_name(j + marker, taken)
            elif token.text in OPENING:
                closing = self._matching(j, 1)
                if closing is None:
                    break
                taken.extend(tokens[j:closing + 1])
                j = closing + 1
            elif self._ends_phrase(token) or taken and self._ends_object(token, taken[-1]):
                break
            else:
                taken.append(token)
                j += 1
        return self._trim(start, j)

    def _take_name(self, j: int, taken: list[Token]) -> int:
        """After a marker ('identified as'), take the quoted or capitalized name; return the next index."""
        tokens = self.tokens
        if j < len(tokens) and tokens[j].text in OPENING:
            closing = self._matching(j, 1)
            if closing is not None:
                taken.extend(tokens[j:closing + 1])
                return closing + 1
        while j < len(tokens) and tokens[j].is_word and (
            tokens[j].is_capitalized or self.lex.has("phrase_joiners", tokens[j].lower) or tokens[j].lower in ("the", "a", "an")
        ):
            taken.append(tokens[j])
            j += 1
        return j

    def _ends_phrase(self, token: Token) -> bool:
        """A clause word or a punctuation mark ends a source phrase (but 'to' may join: 'close to')."""
        return not token.is_word or token.lower in self.lex.lists["phrase_breaks"] and token.lower != "to"

    def _ends_object(self, token: Token, previous: Token) -> bool:
        """In an object phrase, a new determiner, a 'to', or a verb starts the rest of the clause."""
        if token.lower == "to":
            return previous.lower != "close"
        if self.lex.has("determiners", token.lower):
            return not self.lex.has("phrase_joiners", previous.lower)
        if self.lex.has("documents", token.lower):  # "according to the report": a noun here
            return False
        if self.is_verb(token) or not token.is_capitalized and self.lex.has("verb_modifiers", token.lower):
            return True
        return self._is_participle(token)

    def is_verb(self, token: Token) -> bool:
        """A lowercase reporting verb: it belongs to another attribution, not to this phrase."""
        return token.lower in self.lex.lists["reporting_verbs"] and not token.text[0].isupper()

    def _has_verb(self, tokens: Sequence[Token]) -> bool:
        """True when one of the tokens is a verb (``any(map(self.is_verb, tokens))`` without a call per token)."""
        verbs = self.lex.lists["reporting_verbs"]
        for token in tokens:
            if token.lower in verbs and not token.text[0].isupper():
                return True
        return False

    def _is_participle(self, token: Token) -> bool:
        """'a summary posted on the website': a participle with a preposition after it ends the phrase."""
        if token.is_capitalized or not token.lower.endswith("ed"):
            return False
        following = self.tokens.index(token) + 1
        return following < len(self.tokens) and self.lex.has("phrase_joiners", self.tokens[following].lower)

    def _matching(self, j: int, step: int) -> int | None:
        """The quote mark matching tokens[j], searching in direction step, if it is close enough."""
        tokens = self.tokens
        want = OPENING[tokens[j].text] if step > 0 else CLOSING[tokens[j].text]
        for k in range(j + step, j + step * (_MAX_QUOTED_NAME + 2), step):
            if not 0 <= k < len(tokens):
                return None
            if tokens[k].text == want:
                return k
        return None

    def _trim(self, start: int, end: int) -> Sequence[Token]:
        """tokens[start:end] less joiners and punctuation at either end; nothing if only determiners remain."""
        tokens, joiners = self.tokens, self.lex.lists["phrase_joiners"]
        while start < end and (not tokens[start].is_word and tokens[start].text not in OPENING or tokens[start].lower in joiners):
            start += 1
        while start < end and (tokens[end - 1].text in _BOUNDARY or tokens[end - 1].lower in joiners):
            end -= 1
        phrase, hollow = tokens[start:end], self.lex.hollow
        for token in phrase:
            if token.is_word and token.lower not in hollow:
                return phrase
        return ()
