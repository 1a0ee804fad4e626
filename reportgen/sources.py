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
from typing import Callable, Mapping, Sequence

from reportgen.syllables import familiar_words
from reportgen.tokens import PhraseMatcher, Starts, Token, leading_words


@dataclass(frozen=True)
class Source:
    """A classified source: its kind, the name it was introduced by, its head word, its relay."""

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


def classify(
    phrase: Sequence[Token], name: str, seen: Sequence[Source], lex: Lexicon, people: Callable[[], Mapping[str, str]] = dict
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
    first = words[0].bare
    if len(words) == 1 and (lex.has("pronouns_person", first) or lex.has("pronouns_group", first)):
        return _resolve_pronoun(first, seen, lex)
    kept, markers = _without_markers(words, lex)
    core, tail = _split_core(kept or words, lex)
    head = core[-1].bare
    names = _name_tokens(core, lex)
    if markers:
        if markers & lex.lists["pseudonym_markers"]:
            return Source("pseudonymous", name, head)
        return Source("anonymous_vague" if _is_plural(head, lex) else "anonymous_specific", name, head)
    if lex.has("documents", head):
        owner = _name_tokens(tail, lex) or names or [t for t in [*core[:-1], *tail] if lex.has("organizations", t.bare)]
        definite = first == "the" or (len(core) > 1 and core[0].lower != core[0].bare)
        named = bool(owner) or (definite and not _is_plural(head, lex))
        return Source("named_organization" if named else "anonymous_vague", name, head)
    if lex.has("vague_sources", head) or _is_plural_role(head, lex):
        return Source("anonymous_vague", name, head)
    definite = first in ("the", "this", "that")
    if lex.has("person_roles", head):
        if names:
            return Source("named_person", name, head)
        return (_same_head(head, seen) if definite else None) or Source("anonymous_specific", name, head)
    if lex.has("person_titles", head) and first == "the" and not names:  # "the mayor": one office holder
        return Source("named_person", name, head)
    if lex.has("organizations", head):
        return (_same_head(head, seen) if definite else None) or Source("named_organization", name, head)
    return _named(names, core, name, head, seen, lex, people) if names else None


def _without_markers(words: list[Token], lex: Lexicon) -> tuple[list[Token], set[str]]:
    """The phrase less its markers, and the markers found.

    A one-word marker ("unnamed") is dropped; a longer one ("identified as", "familiar with")
    ends the phrase: "an unnamed serviceman identified as Alex" → "an serviceman".
    """
    if lex.markers.by_first.keys().isdisjoint(map(attrgetter("lower"), words)):
        return list(words), set()  # the usual case: no word can start a marker
    kept: list[Token] = []
    markers: set[str] = set()
    i, ended = 0, False
    while i < len(words):
        length = lex.markers.length_at(words, i)
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
            if i > 1 and not words[i - 1].is_capitalized and words[i - 1].lower.endswith("ed"):
                i -= 1
            return words[:i], words[i:]
    return words, []


def _name_tokens(core: Sequence[Token], lex: Lexicon) -> list[Token]:
    """Capitalized words that can be part of a name (not demonyms, titles or sentence openers)."""
    names = []
    not_names, titles = lex.lists["not_names"], lex.lists["person_titles"]
    for position, token in enumerate(core):
        if not token.is_word or not token.text[0].isupper():
            continue
        bare = token.bare
        if bare in not_names or bare.rstrip(".") in titles:
            continue
        if position == 0 and _is_common(bare) and not _is_acronym(token.text):
            continue
        names.append(token)
    return names


def _named(
    names: list[Token], core: list[Token], name: str, head: str, seen: Sequence[Source], lex: Lexicon,
    people: Callable[[], Mapping[str, str]],
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
        full_name = people().get(names[0].text)
        if full_name:
            return Source("named_person", full_name, head)
    run = _trailing_name_run(core)
    roles = [i for i, t in enumerate(core) if _is_title_or_role(t, lex)]
    if roles and any(t.is_capitalized and t.is_word and not _is_title_or_role(t, lex) for t in core[roles[-1] + 1:]):
        return Source("named_person", name, head)
    before = [t for t in core if t.is_word][-len(run) - 1].bare if 0 < len(run) < len([t for t in core if t.is_word]) else ""
    institutional = any(lex.has("organizations", t.bare) or lex.has("documents", t.bare) for t in [*run]) or (
        lex.has("organizations", before) or lex.has("documents", before)
    )
    plain = len(run) >= 2 and all(t.text.isalpha() and not _is_acronym(t.text) for t in run)
    institutional = institutional or core[0].bare == "the"  # "the Millbrook Courier": people take no article
    return Source("named_person" if plain and not institutional else "named_organization", name, head)


def _is_title_or_role(token: Token, lex: Lexicon) -> bool:
    return lex.has("person_titles", token.bare.rstrip(".")) or lex.has("person_roles", token.bare)


def people_named(text: str, lex: Lexicon) -> dict[str, str]:
    """Surnames of the people an article names in full: {"Wielgosz": "Tomasz Wielgosz"}.

    A person's full name is two or three plain capitalized words, none a title, demonym,
    institution or common word opening a sentence.
    """
    people: dict[str, str] = {}
    for match in _FULL_NAME.finditer(text):
        words = match.group().split()
        while words and _excluded_from_names(words[0], lex):
            words = words[1:]
        while words and _excluded_from_names(words[-1], lex):
            words = words[:-1]
        if 2 <= len(words) <= 3 and not any(_excluded_from_names(w, lex) for w in words) and not _is_common(words[0].lower()):
            people.setdefault(words[-1], " ".join(words))
    return people


def _excluded_from_names(word: str, lex: Lexicon) -> bool:
    return word.lower() in lex.not_in_names


def _trailing_name_run(core: Sequence[Token]) -> list[Token]:
    """The capitalized words at the end of a phrase, skipping quote marks."""
    run: list[Token] = []
    for token in reversed(core):
        if not token.is_word:
            continue
        if not token.is_capitalized:
            break
        run.insert(0, token)
    return run


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
    for source in reversed(seen):
        if lex.has("pronouns_person", pronoun) and source.kind != "named_person":
            continue
        return source
    return None


def _same_head(head: str, seen: Sequence[Source]) -> Source | None:
    """An earlier source with the same head noun: 'the serviceman' after 'an unnamed serviceman'."""
    return next((s for s in reversed(seen) if s.head == head), None)


def _is_plural(head: str, lex: Lexicon) -> bool:
    return head.endswith("s") and not head.endswith("ss") or lex.has("vague_sources", head)


def _is_plural_role(head: str, lex: Lexicon) -> bool:
    """'engineers', 'spokesmen': the plural of a person role."""
    singular = head[:-1] if head.endswith("s") else head.replace("men", "man")
    return singular != head and lex.has("person_roles", singular)


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.replace(".", "").isupper()
