"""Attributions: find each reporting cue, read its source phrase, and classify the source.

The method, in the order it runs for each sentence:

1. Cues come from the lexicon: reporting verbs whose subject is the source ("X said"),
   cues whose object is the source ("according to X", "cited X"), possessive cues
   ("X's account") and agentless passives ("it was reported").
2. The source phrase is read away from the cue, word by word, until a clause boundary:
   backwards for a subject (skipping "has", "previously", a relative "who"/"which", and an
   appositive ", a military correspondent for Gazeta.ru,"), forwards for an object or an
   inverted "said the mayor".
3. The phrase is classified by its head word and its capital letters (see ``classify``).
   Pronouns and repeated nouns ("the serviceman") take the kind of the earlier source they
   refer to. A source introduced by "X, which cited Y" is recorded as relayed via X.

A phrase that is neither a person, a group, an organization nor a document ("the data
suggest") is not treated as a source, so it yields no attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Mapping, Sequence

from reportgen.model import Finding, Span
from reportgen.quotes import in_spans
from reportgen.rules import RuleSet, words_pattern

_TOKEN = re.compile(r"\w(?:[\w.’'&-]*\w)?|[^\w\s]")
_CLOSING = {"’": "‘", "”": "“", "»": "«"}
_STRAIGHT = {"'", '"'}
_STOP_PUNCT = set(",;:()[]—–-!?.…")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark with its span."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        """Lowercase text without a possessive ending."""
        return _POSSESSIVE.sub("", self.text).lower() if self.is_word else self.text

    @property
    def is_word(self) -> bool:
        """True for words, False for punctuation."""
        return self.text[0].isalnum()

    @property
    def is_capitalized(self) -> bool:
        """True when the word starts with a capital letter."""
        return self.text[0].isupper()


@dataclass(frozen=True)
class Source:
    """A source phrase already seen in the article, for pronouns and repeated nouns."""

    kind: str
    name: str
    head: str
    via: str | None


@dataclass(frozen=True)
class Lexicon:
    """The attribution lexicon as sets and compiled cue patterns."""

    lists: Mapping[str, frozenset[str]]
    subject_cues: re.Pattern[str]
    object_cues: re.Pattern[str]
    relay_verbs: frozenset[str]
    possessive_cues: frozenset[str]
    agentless: re.Pattern[str]
    anonymity: re.Pattern[str]
    pseudonym: re.Pattern[str]

    def has(self, name: str, word: str) -> bool:
        """True when word is in the named lexicon list."""
        return word in self.lists[name]


def build_lexicon(lexicon: Mapping[str, Sequence[str]]) -> Lexicon:
    """Compile the attribution lexicon from a rule set's lists."""
    lists = {k: frozenset(w.lower() for w in v) for k, v in lexicon.items()}
    return Lexicon(
        lists=lists,
        subject_cues=re.compile(words_pattern(lexicon["reporting_verbs"]), re.IGNORECASE),
        object_cues=re.compile(words_pattern(lexicon["object_cues"]), re.IGNORECASE),
        relay_verbs=lists["relay_verbs"],
        possessive_cues=lists["possessive_cues"],
        agentless=re.compile("|".join(f"(?:{p})" for p in lexicon["agentless_patterns"]), re.IGNORECASE),
        anonymity=re.compile(words_pattern(lexicon["anonymity_markers"]), re.IGNORECASE),
        pseudonym=re.compile(words_pattern(lexicon["pseudonym_markers"]), re.IGNORECASE),
    )


@cache
def _common_words() -> frozenset[str]:
    """Dale–Chall's common English words (shipped with textstat): not names when capitalized."""
    path = resources.files("textstat").joinpath("resources", "en", "easy_words.txt")
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines())


def find_attributions(
    text: str, sentences: Sequence[Span], quotes: Sequence[Span], rules: RuleSet, lexicon: Lexicon
) -> list[Finding]:
    """All attribution findings in text, in order."""
    finder = _Finder(text, quotes, rules, lexicon)
    for start, end in sentences:
        finder.sentence(start, end)
    return sorted(finder.findings, key=lambda f: (f.start, f.end))


class _Finder:
    """Walks sentences in order, remembering earlier sources for pronouns and repeated nouns."""

    def __init__(self, text: str, quotes: Sequence[Span], rules: RuleSet, lexicon: Lexicon) -> None:
        self.text = text
        self.quotes = quotes
        self.quote_starts = [s for s, _ in quotes]
        self.lex = lexicon
        by_name = {r.name: r for r in rules.by_category("attribution")}
        self.agentless_rule = by_name.pop("agentless-attribution", None)
        self.rules = {r.source_kind: r for r in by_name.values() if r.source_kind}
        self.findings: list[Finding] = []
        self.seen: list[Source] = []
        self.spans: set[Span] = set()

    def sentence(self, start: int, end: int) -> None:
        """Find the attributions of one sentence."""
        tokens = [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.text, start, end)]
        index = {t.start: i for i, t in enumerate(tokens)}
        taken: list[Span] = []
        for match in self.lex.object_cues.finditer(self.text, start, end):
            taken.append(match.span())
            self._object_cue(tokens, index, match)
        for match in self.lex.subject_cues.finditer(self.text, start, end):
            if not any(a < match.end() and match.start() < b for a, b in taken):
                self._subject_cue(tokens, index, match)
        for match in tokens and self.lex.agentless.finditer(self.text, start, end) or ():
            self._agentless(match)
        for i, token in enumerate(tokens[:-1]):
            if _POSSESSIVE.search(token.text) and tokens[i + 1].lower in self.lex.possessive_cues:
                phrase = self._backward(tokens, i + 1)
                self._record(phrase, tokens[i + 1].text)

    def _object_cue(self, tokens: list[Token], index: dict[int, int], match: re.Match[str]) -> None:
        """'according to X', 'which cited X': the source follows the cue."""
        first = index.get(match.start())
        if first is None:
            return
        after = first + len(_TOKEN.findall(match.group()))
        if after < len(tokens) and tokens[after].lower == "by":
            after += 1
        phrase = self._forward(tokens, after)
        cue = match.group().lower()
        via = None
        if cue in self.lex.relay_verbs:
            relay = self._relative_subject(tokens, first)
            via = self._phrase_text(relay) if relay else None
        self._record(phrase, match.group(), via=via)

    def _subject_cue(self, tokens: list[Token], index: dict[int, int], match: re.Match[str]) -> None:
        """'X said', 'X, who warned', 'X, a correspondent, said', '..., said X': the subject is the source."""
        first = index.get(match.start())
        if first is None:
            return
        j = first - 1
        while j >= 0 and (self.lex.has("verb_modifiers", tokens[j].lower) or _is_adverb(tokens[j])):
            j -= 1
        if j >= 0 and tokens[j].lower in ("who", "which", "that"):
            self._record(self._relative_subject(tokens, j + 1), match.group())
            return
        candidates = [self._appositive_subject(tokens, j + 1), self._backward(tokens, j + 1)]
        inverted = j == first - 1 and (j < 0 or not tokens[j].is_word)
        if inverted:  # '“We will win,” said the mayor'
            candidates.append(self._forward(tokens, first + len(_TOKEN.findall(match.group()))))
        for phrase in candidates:
            if phrase and self._record(phrase, match.group()):
                return

    def _agentless(self, match: re.Match[str]) -> None:
        """'it was reported': a source that is missing altogether."""
        if self.agentless_rule is None or match.span() in self.spans:
            return
        self.spans.add(match.span())
        rule = self.agentless_rule
        self.findings.append(Finding(
            category="attribution", rule=rule.id, start=match.start(), end=match.end(),
            text=match.group(), explanation=rule.explanation.format(text=match.group(), source="No one"),
            severity=rule.severity, voice=self._voice(match.start()), source_kind=rule.source_kind,
            cue=match.group(), source_name=None,
        ))

    def _relative_subject(self, tokens: list[Token], at: int) -> list[Token]:
        """The phrase a relative 'who'/'which' at tokens[at - 1] refers to."""
        j = at - 1
        if j >= 0 and tokens[j].lower in ("who", "which", "that"):
            j -= 1
        if j >= 0 and tokens[j].text == ",":
            j -= 1
        return self._backward(tokens, j + 1)

    def _appositive_subject(self, tokens: list[Token], end: int) -> list[Token]:
        """'Colonel X, a military correspondent for Gazeta.ru, has weighed in' → 'Colonel X'."""
        if end > 0 and tokens[end - 1].text == ",":
            end -= 1
        appositive = self._backward(tokens, end)
        if not appositive or appositive[0].lower not in ("a", "an", "the"):
            return []
        before = tokens.index(appositive[0]) - 1
        if before < 0 or tokens[before].text != ",":
            return []
        subject = self._backward(tokens, before)
        return subject if _name_tokens(subject, subject, self.lex) else []

    def _backward(self, tokens: list[Token], end: int) -> list[Token]:
        """The source phrase ending just before tokens[end], read right to left."""
        j = end - 1
        taken: list[Token] = []
        while j >= 0 and len(taken) < 12:
            token = tokens[j]
            if token.text in _CLOSING or token.text in _STRAIGHT:
                if taken:
                    break
                opening = self._opening_quote(tokens, j)
                if opening is None or j - opening > 7:
                    break
                taken[:0] = tokens[opening:j + 1]
                j = opening - 1
                continue
            marker = self._marker_ending_at(token.end) if token.is_word else None
            if marker is not None and taken:
                while j >= 0 and tokens[j].start >= marker:
                    taken.insert(0, tokens[j])
                    j -= 1
                continue
            if not token.is_word or self.lex.has("phrase_breaks", token.lower) and token.lower not in ("to",):
                break
            if token.lower == "to" and not (j > 0 and tokens[j - 1].lower in ("close", "according")):
                break
            if token.lower == "according":
                break
            taken.insert(0, token)
            j -= 1
        return self._trim(taken)

    def _marker_ending_at(self, end: int) -> int | None:
        """Start of a pseudonym or anonymity marker ('identified only as') ending at ``end``."""
        window = max(0, end - 40)
        for pattern in (self.lex.pseudonym, self.lex.anonymity):
            for match in pattern.finditer(self.text, window, end):
                if match.end() == end:
                    return match.start()
        return None

    def _forward(self, tokens: list[Token], start: int) -> list[Token]:
        """The source phrase starting at tokens[start], read left to right."""
        taken: list[Token] = []
        j = start
        while j < len(tokens) and len(taken) < 14:
            token = tokens[j]
            rest = self.text[token.start:tokens[-1].end]
            marker = self.lex.pseudonym.match(rest) or self.lex.anonymity.match(rest)
            if marker and taken:
                j = self._consume_marker(tokens, j, marker, taken)
                continue
            if token.text in _OPENERS_SET:
                closing = self._closing_quote(tokens, j)
                if closing is None or closing - j > 8:
                    break
                taken.extend(tokens[j:closing + 1])
                j = closing + 1
                continue
            if not token.is_word or self.lex.has("phrase_breaks", token.lower) and token.lower != "to":
                break
            if taken and self.lex.has("determiners", token.lower) and not self.lex.has("phrase_joiners", taken[-1].lower):
                break
            if token.lower == "to" and not (taken and taken[-1].lower == "close"):
                break
            if taken and self._is_verb_like(token):
                break
            taken.append(token)
            j += 1
        return self._trim(taken)

    def _consume_marker(self, tokens: list[Token], j: int, marker: re.Match[str], taken: list[Token]) -> int:
        """Take a marker like 'identified as ‘Alex’' into the phrase; return the next index."""
        end = self.text.find(marker.group(), tokens[j].start) + len(marker.group())
        while j < len(tokens) and tokens[j].start < end:
            taken.append(tokens[j])
            j += 1
        if j < len(tokens) and tokens[j].text in _OPENERS_SET:
            closing = self._closing_quote(tokens, j)
            if closing is not None and closing - j <= 6:
                taken.extend(tokens[j:closing + 1])
                return closing + 1
        while j < len(tokens) and tokens[j].is_word and (tokens[j].is_capitalized or self.lex.has("phrase_joiners", tokens[j].lower) or tokens[j].lower in ("the", "a", "matter", "talks")):
            taken.append(tokens[j])
            j += 1
        return j

    def _is_verb_like(self, token: Token) -> bool:
        """Lowercase words the lexicon knows as reporting verbs end a forward phrase."""
        return not token.is_capitalized and (
            self.lex.has("reporting_verbs", token.lower) or self.lex.has("verb_modifiers", token.lower)
        )

    def _opening_quote(self, tokens: list[Token], closing: int) -> int | None:
        mark = tokens[closing].text
        want = _CLOSING.get(mark, mark)
        for i in range(closing - 1, -1, -1):
            if tokens[i].text == want:
                return i
        return None

    def _closing_quote(self, tokens: list[Token], opening: int) -> int | None:
        want = _OPENERS[tokens[opening].text]
        for i in range(opening + 1, len(tokens)):
            if tokens[i].text == want:
                return i
        return None

    def _trim(self, phrase: list[Token]) -> list[Token]:
        """Drop joiners and punctuation at either end of a phrase."""
        while phrase and (not phrase[0].is_word and phrase[0].text not in _OPENERS_SET or self.lex.has("phrase_joiners", phrase[0].lower)):
            phrase = phrase[1:]
        while phrase and (phrase[-1].text in _STOP_PUNCT or self.lex.has("phrase_joiners", phrase[-1].lower)):
            phrase = phrase[:-1]
        return phrase if any(t.is_word and not self.lex.has("determiners", t.lower) or t.lower in ("some", "others", "many", "most") for t in phrase) else []

    def _phrase_text(self, phrase: Sequence[Token]) -> str:
        return _clean(self.text[phrase[0].start:phrase[-1].end])

    def _voice(self, position: int) -> str:
        return "quoted" if in_spans(position, self.quotes, self.quote_starts) else "reporter"

    def _record(self, phrase: list[Token], cue: str, via: str | None = None) -> bool:
        """Classify a source phrase and add its finding (once per span); False if it names no source."""
        if not phrase:
            return False
        span = (phrase[0].start, phrase[-1].end)
        if span in self.spans:
            return True
        voice = self._voice(span[0])
        if voice == "quoted" and phrase[0].lower in self.lex.lists["pronouns_person"] | self.lex.lists["pronouns_group"]:
            return False
        source = classify(phrase, self._phrase_text(phrase), self.seen, self.lex)
        if source is None:
            return False
        via = via or source.via
        self.spans.add(span)
        self.seen.append(Source(source.kind, source.name, source.head, via))
        rule = self.rules[source.kind]
        phrase_text = self.text[span[0]:span[1]]
        shown = source.name if _clean(phrase_text) == source.name else f"“{phrase_text}” ({source.name})"
        explanation = rule.explanation.format(source=shown, text=phrase_text)
        if via:
            explanation += f" It reaches the article second-hand, relayed by {via}."
        self.findings.append(Finding(
            category="attribution", rule=rule.id, start=span[0], end=span[1], text=phrase_text,
            explanation=explanation, severity=rule.severity, voice=voice, source_kind=source.kind,
            cue=cue, source_name=source.name, via=via,
        ))
        return True


_OPENERS_SET = {"‘", "“", "«", "'", '"'}
_OPENERS = {"‘": "’", "“": "”", "«": "»", "'": "'", '"': '"'}


def _is_adverb(token: Token) -> bool:
    return token.is_word and not token.is_capitalized and len(token.text) > 4 and token.text.endswith("ly")


def _clean(phrase: str) -> str:
    """A source phrase for display: no comma or period left inside its closing quote."""
    return re.sub(r"[,.](?=[’”'\"]$)", "", phrase.strip())


def classify(phrase: Sequence[Token], name: str, seen: Sequence[Source], lex: Lexicon) -> Source | None:
    """The kind of source a phrase names, or None when it names no plausible source.

    Precedence, first match wins: pronouns resolve to an earlier source; pseudonym markers
    ("identified as"), then anonymity markers ("unnamed", "familiar with"); then the head
    word: a document takes its owner's kind, a group word is vague, a role word is an unnamed
    individual unless a name comes with it, an institution is named; finally capitalized words
    are a name (a person with a title or two or more names, else an organization).
    """
    words = [t for t in phrase if t.is_word]
    first = words[0].lower
    if len(words) == 1 and first in lex.lists["pronouns_person"] | lex.lists["pronouns_group"]:
        return _resolve_pronoun(first, seen, lex)
    core, tail = _split_core(_without_markers(words, name, lex) or words, lex)
    head = core[-1].lower if core else first
    names = _name_tokens(core, phrase, lex)
    if lex.pseudonym.search(name):
        return Source("pseudonymous", name, head, None)
    if lex.anonymity.search(name):
        kind = "anonymous_vague" if _is_plural(head, lex) else "anonymous_specific"
        return Source(kind, name, head, None)
    if head in lex.lists["documents"]:
        owner = _name_tokens(tail, tail, lex) or names or [t for t in [*core[:-1], *tail] if t.lower in lex.lists["organizations"]]
        definite = first in ("the",) or _POSSESSIVE.search(core[0].text) is not None and len(core) > 1
        named = bool(owner) or (definite and not _is_plural(head, lex))
        return Source("named_organization" if named else "anonymous_vague", name, head, None)
    if head in lex.lists["vague_sources"] or _is_plural_role(head, lex):
        return Source("anonymous_vague", name, head, None)
    if head in lex.lists["person_roles"]:
        if names:
            return Source("named_person", name, head, None)
        earlier = _same_head(head, seen) if first in ("the", "this", "that") else None
        return earlier or Source("anonymous_specific", name, head, None)
    if head in lex.lists["person_titles"] and first == "the" and not names:  # "the mayor": one office holder
        return Source("named_person", name, head, None)
    if head in lex.lists["organizations"]:
        earlier = _same_head(head, seen) if first in ("the", "this", "that") else None
        return earlier or Source("named_organization", name, head, None)
    if names:
        return _named(names, core, name, head, seen, lex)
    return None


def _without_markers(words: list[Token], name: str, lex: Lexicon) -> list[Token]:
    """The words of a phrase less its markers: 'an unnamed serviceman identified as Alex' → 'an serviceman'.

    A one-word marker ('unnamed') is dropped; a phrase marker ('identified as', 'familiar
    with') ends the phrase.
    """
    offset = words[0].start
    kept = words
    for pattern in (lex.pseudonym, lex.anonymity):
        for match in pattern.finditer(name):
            start, end = match.start() + offset, match.end() + offset
            if " " in match.group():
                kept = [t for t in kept if t.end <= start]
            else:
                kept = [t for t in kept if not (start <= t.start and t.end <= end)]
    return kept


def _split_core(words: list[Token], lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """Split 'officials at the ministry' into ('officials', 'at the ministry')."""
    for i, token in enumerate(words[1:], start=1):
        if lex.has("phrase_joiners", token.lower):
            return words[:i], words[i:]
    return words, []


def _name_tokens(core: Sequence[Token], phrase: Sequence[Token], lex: Lexicon) -> list[Token]:
    """Capitalized words that can be part of a name (not demonyms, titles alone or openers)."""
    names = []
    for token in core:
        if not token.is_word or not token.is_capitalized or lex.has("not_names", token.lower):
            continue
        if lex.has("person_titles", token.lower.rstrip(".")):
            continue
        if token is phrase[0] and token.lower in _common_words() and not _is_acronym(token.text):
            continue
        names.append(token)
    return names


def _named(names: list[Token], core: list[Token], name: str, head: str, seen: Sequence[Source], lex: Lexicon) -> Source:
    """A named person or organization, linking a bare surname to an earlier full name.

    The trailing run of capitalized words is the name. It is a person's when it holds a title
    ("Colonel", "Mayor") or follows a role word ("council member Tom Reyes"), or when it is two
    or more plain words with no institution word among them; otherwise an organization's.
    """
    if len(names) == 1:
        earlier = _same_surname(names[0], seen)
        if earlier:
            return earlier
    run = _trailing_name_run(core)
    before = core[-len(run) - 1].lower if 0 < len(run) < len(core) else ""
    titled = any(lex.has("person_titles", t.lower.rstrip(".")) for t in run)
    institutional = any(lex.has("organizations", t.lower) for t in run) or lex.has("organizations", before)
    person = not institutional and (
        titled or lex.has("person_roles", before) or lex.has("person_titles", before)
        or (len(run) >= 2 and all(t.text.isalpha() and not _is_acronym(t.text) for t in run))
    )
    return Source("named_person" if person else "named_organization", name, head, None)


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


def _resolve_pronoun(pronoun: str, seen: Sequence[Source], lex: Lexicon) -> Source | None:
    """'he'/'she' → the latest named person; 'they'/'it' → the latest source of any kind."""
    for source in reversed(seen):
        if pronoun in lex.lists["pronouns_person"] and source.kind != "named_person":
            continue
        return source
    return None


def _same_head(head: str, seen: Sequence[Source]) -> Source | None:
    """An earlier source with the same head noun: 'the serviceman' after 'an unnamed serviceman'."""
    for source in reversed(seen):
        if source.head == head:
            return source
    return None


def _is_plural(head: str, lex: Lexicon) -> bool:
    return head.endswith("s") and not head.endswith("ss") or head in lex.lists["vague_sources"]


def _is_plural_role(head: str, lex: Lexicon) -> bool:
    """'engineers', 'spokesmen': plural of a person role."""
    singular = head[:-1] if head.endswith("s") else head.replace("men", "man")
    return singular != head and singular in lex.lists["person_roles"]


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.replace(".", "").isupper()
