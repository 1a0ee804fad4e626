"""Source phrases: what kind of source a phrase names, from the attribution lexicon.

``classify`` turns "Colonel Mikhail Khodarenok", "an unnamed serviceman identified as
‘Alex’", "Russian officials" or "the ministry" into a source kind (see
``reportgen.model.SOURCE_KINDS``). It also links pronouns, surnames and repeated nouns to the
sources seen before them in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Callable, Mapping, NamedTuple, Sequence

from reportgen.syllables import familiar_words
from reportgen.tokens import PhraseMatcher, Starts, Token, leading_words


class Source(NamedTuple):
    """A classified source: its kind, the name it was introduced by, its head word, its relay."""

    # a tuple, made twice as fast as a frozen dataclass: one per cue, 1 % of the attributions' time
    kind: str
    name: str
    head: str
    via: str | None = None


@dataclass(frozen=True)
class Lexicon:
    """The attribution lexicon: word sets and phrase matchers."""

    lists: Mapping[str, frozenset[str]]
    subject_cues: PhraseMatcher
    object_cues: PhraseMatcher
    markers: PhraseMatcher
    agentless: tuple[tuple[re.Pattern[str], Starts | None], ...]
    not_in_names: frozenset[str] = frozenset()  # demonyms, titles, roles, institutions: no part of a full name
    hollow: frozenset[str] = frozenset()  # determiners that name nothing alone ("the", "its"), unlike "some", "many"
    backward_stops: frozenset[str] = frozenset()  # words that end a phrase read backwards
    institutions: frozenset[str] = frozenset()  # organization and document words: 'Council', 'Courier', 'Report'

    def has(self, name: str, word: str) -> bool:
        """True when word is in the named lexicon list."""
        return word in self.lists[name]


def build_lexicon(lexicon: Mapping[str, Sequence[str]]) -> Lexicon:
    """Compile a rule set's attribution lexicon."""
    lists = {k: frozenset(w.lower().replace("’", "'") for w in v) for k, v in lexicon.items()}
    return Lexicon(
        lists=lists,
        subject_cues=PhraseMatcher(lexicon["reporting_verbs"]),
        object_cues=PhraseMatcher(lexicon["object_cues"]),
        markers=PhraseMatcher([*lexicon["pseudonym_markers"], *lexicon["anonymity_markers"]]),
        agentless=tuple((re.compile(p, re.IGNORECASE), leading_words(p)) for p in lexicon["agentless_patterns"]),
        not_in_names=frozenset().union(*(lists[k] for k in ("not_names", "person_titles", "person_roles", "organizations"))),
        hollow=lists["determiners"] - lists["vague_sources"],
        # the clause words but "to" ("close to"), and "according"
        backward_stops=(lists["phrase_breaks"] - {"to"}) | {"according"},
        institutions=lists["organizations"] | lists["documents"],
    )


@cache
def _common_words() -> frozenset[str]:
    """Dale–Chall's common English words (shipped with textstat): not names when capitalized."""
    # The same file as the readability's familiar words, found without importing textstat
    # (which imports NLTK: a fresh worker's first article took 0.2 s longer).
    return frozenset(word.lower() for word in familiar_words())


# "\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,4}\b" with its "\b" written after the first capital: a
# pattern that opens with a character class is scanned for it in C, several times faster.
_FULL_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+(?:\s+[A-Z][a-z]+){1,4}\b")
_NAME_WORD = re.compile(r"[A-Z][a-z]+")  # a word of a full name


def classify(
    phrase: Sequence[Token], name: str, seen: Sequence[Source], lex: Lexicon,
    full_name: Callable[[str], str | None] = lambda surname: None,
) -> Source | None:
    """The kind of source a phrase names, or None when it names no plausible source.

    Precedence, first match wins: a pronoun takes an earlier source; a pseudonym marker
    ("identified as"), then an anonymity marker ("unnamed", "familiar with") decide; then the
    head word: a document takes its owner's kind, a group word is vague, a role word is an
    unnamed individual unless a name comes with it, an institution is named; last, capitalized
    words are a name.
    """
    words = [t for t in phrase if t.is_word]
    if not words:
        return None
    lists = lex.lists
    lower = words[0].lower
    first = lower if "'" not in lower else words[0].bare  # _bare(words[0]), inlined like the other hot ones
    if len(words) == 1 and (first in lists["pronouns_person"] or first in lists["pronouns_group"]):
        return _resolve_pronoun(first, seen, lex)
    kept, markers = _without_markers(words, lex)
    core, tail = _split_core(kept or words, lex)
    lower = core[-1].lower
    head = lower if "'" not in lower else core[-1].bare
    if markers:
        if markers & lists["pseudonym_markers"]:
            return Source("pseudonymous", name, head)
        return Source("anonymous_vague" if _is_plural(head, lex) else "anonymous_specific", name, head)
    if head in lists["documents"]:
        owner = _name_tokens(tail, lex) or _name_tokens(core, lex) or [
            t for t in [*core[:-1], *tail] if _bare(t) in lists["organizations"]
        ]
        definite = first == "the" or (len(core) > 1 and core[0].lower != _bare(core[0]))
        named = bool(owner) or (definite and not _is_plural(head, lex))
        return Source("named_organization" if named else "anonymous_vague", name, head)
    if head in lists["vague_sources"] or (head.endswith("s") or "men" in head) and _is_plural_role(head, lex):
        return Source("anonymous_vague", name, head)
    names = _name_tokens(core, lex)
    definite = first in ("the", "this", "that")
    if head in lists["person_roles"]:
        if names:
            return Source("named_person", name, head)
        return (_same_head(head, seen) if definite else None) or Source("anonymous_specific", name, head)
    if head in lists["person_titles"] and first == "the" and not names:  # "the mayor": one office holder
        return Source("named_person", name, head)
    if head in lists["organizations"]:
        return (_same_head(head, seen) if definite else None) or Source("named_organization", name, head)
    return _named(names, core, name, head, seen, lex, full_name) if names else None


def _bare(word: Token) -> str:
    """``word.bare``, read from its lookup form when it has no apostrophe (most words: no property call)."""
    return word.lower if "'" not in word.lower else word.bare


_LOWER = attrgetter("lower")


def _without_markers(words: list[Token], lex: Lexicon) -> tuple[list[Token], set[str]]:
    """The phrase less its markers, and the markers found.

    A one-word marker ("unnamed") is dropped; a longer one ("identified as", "familiar with")
    ends the phrase: "an unnamed serviceman identified as Alex" → "an serviceman".
    """
    if lex.markers.by_first.keys().isdisjoint(map(_LOWER, words)):
        return words, set()  # the usual case: no word can start a marker
    kept: list[Token] = []
    markers: set[str] = set()
    i, ended = 0, False
    while i < len(words):
        length = lex.markers.length_at(words, i) if words[i].lower in lex.markers.by_first else 0
        if length:
            markers.add(" ".join(t.lower for t in words[i:i + length]))
            ended = ended or length > 1
        elif not ended:
            kept.append(words[i])
        i += max(length, 1)
    return kept, markers


def _split_core(words: list[Token], lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """Split 'officials at the ministry' into ('officials', 'at the ministry').

    A participle before the preposition belongs to the tail: 'experts consulted by the Ledger'.
    """
    joiners = lex.lists["phrase_joiners"]
    for i in range(1, len(words)):
        if words[i].lower in joiners:
            if i > 1 and not words[i - 1].text[0].isupper() and words[i - 1].lower.endswith("ed"):
                i -= 1
            return words[:i], words[i:]
    return words, []


def _name_tokens(words: Sequence[Token], lex: Lexicon) -> list[Token]:
    """Capitalized words that can be part of a name (not demonyms, titles or sentence openers), of words only."""
    names = []
    not_names, titles = lex.lists["not_names"], lex.lists["person_titles"]
    for position, word in enumerate(words):
        if not word.text[0].isupper():
            continue
        lower = word.lower
        bare = lower if "'" not in lower else word.bare
        if bare in not_names or bare.rstrip(".") in titles:
            continue
        if position == 0 and _is_common(bare) and not _is_acronym(word.text):
            continue
        names.append(word)
    return names


def _named(
    names: list[Token], core: list[Token], name: str, head: str, seen: Sequence[Source], lex: Lexicon,
    full_name: Callable[[str], str | None],
) -> Source:
    """A named person or organization, linking a bare surname to an earlier full name.

    The trailing run of capitalized words is the name. After a title or role ("City Engineer
    Priya Nandakumar", "council member Tom Reyes") it is a person's; so is a surname the
    article gave in full before, and a run of two or more plain words with no institution word
    among them and no "the" before them. Anything else is an organization's.
    """
    if len(names) == 1:
        earlier = _same_surname(names[0], seen)
        if earlier:
            return earlier
        given = full_name(names[0].text)
        if given:
            return Source("named_person", given, head)
    if _name_after_title(core, lex):
        return Source("named_person", name, head)
    run = _trailing_name_run(core)
    plain = len(run) >= 2 and all(t.text.isalpha() and not _is_acronym(t.text) for t in run)
    if not plain:
        return Source("named_organization", name, head)
    before = core[-len(run) - 1:-len(run)]  # the word before the run, if any
    # "the Millbrook Courier": people take no article
    institutional = _bare(core[0]) == "the" or any(_bare(t) in lex.institutions for t in [*before, *run])
    return Source("named_organization" if institutional else "named_person", name, head)


def _name_after_title(core: Sequence[Token], lex: Lexicon) -> bool:
    """True when a capitalized word follows the last title or role: 'City Engineer Priya Nandakumar'."""
    titles, roles = lex.lists["person_titles"], lex.lists["person_roles"]
    capitalized_after = False
    for word in reversed(core):
        lower = word.lower
        bare = lower if "'" not in lower else word.bare
        if bare in roles or bare.rstrip(".") in titles:
            return capitalized_after
        capitalized_after = capitalized_after or word.text[0].isupper()
    return False


def may_end_a_full_name(text: str, word: str) -> bool:
    """True when word may be a surname in ``people_named(text)``, told without scanning the text for names.

    Such a surname is a plain capitalized word that stands after another one and spaces ("Ann
    Lee"): looking at the few places the word occurs spares most articles the scan, 0.9 M
    instructions (6 % of the attributions' time, on average).
    """
    if not _NAME_WORD.fullmatch(word):
        return False
    at = text.find(word)
    while at != -1:
        end = at
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and "a" <= text[start - 1] <= "z":
            start -= 1
        if end < at and start < end and start > 0 and "A" <= text[start - 1] <= "Z":
            return True
        at = text.find(word, at + 1)
    return False


def people_named(text: str, lex: Lexicon) -> dict[str, str]:
    """Surnames of the people an article names in full: {"Wielgosz": "Tomasz Wielgosz"}.

    A person's full name is two or three plain capitalized words, none a title, demonym,
    institution or common word opening a sentence.
    """
    people: dict[str, str] = {}
    excluded = lex.not_in_names
    for match in _FULL_NAME.finditer(text):
        words = match.group().split()
        # The name is what is left once excluded words are cut off both ends, if none is left
        # inside: its words are then the one run of allowed ones (one pass, not a loop per end).
        allowed = [word.lower() not in excluded for word in words]
        size = allowed.count(True)
        start = allowed.index(True) if size else 0
        if 2 <= size <= 3 and False not in allowed[start:start + size] and not _is_common(words[start].lower()):
            people.setdefault(words[start + size - 1], " ".join(words[start:start + size]))
    return people


def _trailing_name_run(core: Sequence[Token]) -> Sequence[Token]:
    """The capitalized words at the end of a phrase of words."""
    start = len(core)
    while start > 0 and core[start - 1].text[0].isupper():
        start -= 1
    return core[start:]


def _same_surname(token: Token, seen: Sequence[Source]) -> Source | None:
    """An earlier named person whose name ends with this word: 'Khodarenok' → 'Colonel Mikhail Khodarenok'."""
    for source in reversed(seen):
        if source.kind == "named_person" and source.name.split()[-1] == token.text:
            return source
    return None


def _is_common(word: str) -> bool:
    """A common English word, or the plural of one ("Readers")."""
    return word in _common_words() or word.endswith("s") and word[:-1] in _common_words()


def _resolve_pronoun(pronoun: str, seen: Sequence[Source], lex: Lexicon) -> Source | None:
    """'he'/'she' → the latest named person; 'they'/'it' → the latest source of any kind."""
    personal = pronoun in lex.lists["pronouns_person"]
    for source in reversed(seen):
        if personal and source.kind != "named_person":
            continue
        return source
    return None


def _same_head(head: str, seen: Sequence[Source]) -> Source | None:
    """An earlier source with the same head noun: 'the serviceman' after 'an unnamed serviceman'."""
    return next((s for s in reversed(seen) if s.head == head), None)


def _is_plural(head: str, lex: Lexicon) -> bool:
    return head.endswith("s") and not head.endswith("ss") or head in lex.lists["vague_sources"]


def _is_plural_role(head: str, lex: Lexicon) -> bool:
    """'engineers', 'spokesmen': the plural of a person role."""
    singular = head[:-1] if head.endswith("s") else head.replace("men", "man")
    return singular != head and singular in lex.lists["person_roles"]


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.replace(".", "").isupper()
