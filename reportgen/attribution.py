"""Attributions: find each reporting cue, read its source phrase, classify the source.

The method, sentence by sentence, in text order:

1. Cues come from the lexicon: reporting verbs whose subject is the source ("X said"), cues
   whose object is the source ("according to X", "cited X"), possessive cues ("X's
   account") and agentless passives ("it was reported").
2. The source phrase is read away from the cue, word by word, up to a clause boundary:
   backwards for a subject (skipping "has", "previously", a relative "who"/"which", and an
   appositive ", a military correspondent for Gazeta.ru,"), forwards for an object or an
   inverted "said the mayor".
3. ``reportgen.sources.classify`` decides the kind of source. A phrase that names no
   person, group, organization or document ("the data suggest") is not a source, so it gives
   no attribution. "X, which cited Y" records Y as relayed via X.
"""

from __future__ import annotations

import bisect
from functools import cached_property
from itertools import chain
from operator import attrgetter
from typing import Sequence

from reportgen.model import Finding, Span, make_finding
from reportgen.phrases import CLOSING, RELATIVES, Sentence
from reportgen.quotes import in_spans
from reportgen.rules import Rule, RuleSet
from reportgen.sources import Lexicon, Source, classify, may_end_a_full_name, people_named
from reportgen.tokens import TextIndex, Token, pattern_matches

Cue = tuple[int, int]  # (first token, end token) of a match of a cue list
Cues = list[Cue]


def find_attributions(
    index: TextIndex, sentences: Sequence[Span], quotes: Sequence[Span], rules: RuleSet, lexicon: Lexicon
) -> list[Finding]:
    """All attribution findings in the text, in order (the sentences in order, not overlapping)."""
    finder = _Finder(index, quotes, rules.by_category("attribution"), lexicon)
    finder.agentless()
    # Each cue list is matched once in the whole text and its matches dealt out to the sentences.
    starts, sentence_starts = index.starts, [start for start, _ in sentences]
    objects, subjects, markers = (
        _per_sentence(getattr(lexicon, name).find(index), starts, sentences, sentence_starts)
        for name in ("object_cues", "subject_cues", "markers")
    )
    possessive_cues = [(i, i + 2) for i in _possessive_cues(index, lexicon)]  # "ministry's account"
    possessives = _per_sentence(possessive_cues, starts, sentences, sentence_starts)
    for k in sorted(objects.keys() | subjects.keys() | possessives.keys()):  # a sentence with no cue needs no reading
        start, end = sentences[k]
        finder.sentence(
            bisect.bisect_left(starts, start), bisect.bisect_left(starts, end), objects.get(k, ()), subjects.get(k, ()),
            markers.get(k, ()), possessives.get(k, ()),
        )
    return sorted(finder.findings, key=attrgetter("start", "end"))


_QUOTE_ENDS = "’”'\""
_SUBJECT_READINGS = (Sentence.appositive_subject, Sentence.backward, Sentence.before_relative)
_PASSIVE_BE = frozenset({"be", "been", "being", "is", "are", "was", "were"})


def _per_sentence(
    hits: Cues, starts: Sequence[int], sentences: Sequence[Span], sentence_starts: Sequence[int]
) -> dict[int, Cues]:
    """The (first, end) token matches that start and end within a sentence, by sentence number.

    A match is placed by its characters, so that the first and end tokens of a sentence are
    looked up (two bisections over a thousand token starts) only for the sentences with a cue:
    0.15 M instructions per article less than dealing by token bounds worked out for all.
    """
    grouped: dict[int, Cues] = {}
    for first, end in hits:
        k = bisect.bisect_right(sentence_starts, starts[first]) - 1
        if k >= 0 and starts[end - 1] < sentences[k][1]:
            grouped.setdefault(k, []).append((first, end))
    return grouped


class _Finder:
    """Walks the sentences in order, remembering earlier sources for pronouns and repeated nouns."""

    def __init__(self, index: TextIndex, quotes: Sequence[Span], rules: Sequence[Rule], lexicon: Lexicon) -> None:
        self.index = index
        self.text = index.text
        self.quotes = quotes
        self.quote_starts = [s for s, _ in quotes]
        self.lex = lexicon
        # the word lists read per cue, looked up once per article
        lists = lexicon.lists
        self.modifiers, self.negations = lists["verb_modifiers"], lists["negations"]
        self.noun_determiners = lexicon.hollow  # "the report": a noun, not a verb
        self.pronouns = lists["pronouns_person"] | lists["pronouns_group"]
        self.speech_tags, self.inverted_verbs = lists["speech_tags"], lists["inverted_verbs"]
        self.relay_verbs = lists["relay_verbs"]
        by_name = {r.name: r for r in rules}
        self.agentless_rule = by_name.pop("agentless-attribution", None)
        self.rules = {r.source_kind: r for r in by_name.values() if r.source_kind}
        self.around_source = {kind: _around_source(rule.explanation) for kind, rule in self.rules.items()}
        self.findings: list[Finding] = []
        self.seen: list[Source] = []
        self.spans: set[Span] = set()
        self.passive: set[int] = set()  # tokens that start inside an agentless passive ("it was reported")
        self.tokens: Sequence[Token] = ()
        self.read = Sentence((), {}, lexicon)

    def sentence(
        self, lo: int, hi: int, object_cues: Sequence[Cue], subject_cues: Sequence[Cue], markers: Sequence[Cue],
        possessives: Sequence[Cue],
    ) -> None:
        """Find the attributions of the sentence made of tokens lo..hi, given the cue matches within it."""
        self.tokens = self.index.tokens[lo:hi]
        marker_start = {b - 1 - lo: a - lo for a, b in markers} if markers else {}
        self.read = Sentence(self.tokens, marker_start, self.lex)
        taken: set[int] = set()  # tokens of object cues and their phrases: no subject cue inside
        for first, last in object_cues:
            taken.update(range(first, first + self._object_cue(first - lo, last - lo)))
        for first, last in subject_cues:
            if first not in taken and first not in self.passive:
                self._subject_cue(first - lo, last - lo)
        for i, _ in possessives:
            self._record(self.read.backward(i + 1 - lo), self.index.tokens[i + 1].text)

    def _object_cue(self, first: int, after: int) -> int:
        """'according to X', 'which cited X': the source follows the cue; returns the tokens read."""
        tokens = self.tokens
        cue = self.text[tokens[first].start:tokens[after - 1].end]
        if after < len(tokens) and tokens[after].lower == "by":
            after += 1
        via = None
        if cue.lower() in self.relay_verbs:
            relay = self.read.relative_subject(first)
            via = _clean(self._phrase_text(relay)) if relay else None
        phrase = self.read.forward(after)
        self._record(phrase, cue, via=via)
        return (self.tokens.index(phrase[-1]) if phrase else after - 1) - first + 1

    def _subject_cue(self, first: int, after: int) -> None:
        """'X said', 'X, who warned', 'X, a correspondent, said', '..., said X': the subject is the source."""
        tokens = self.tokens
        j, lower = first - 1, ""
        while j >= 0:  # back over the cue's modifiers ("has previously said") to the word before them
            lower = tokens[j].lower
            if lower in self.negations or lower.endswith("n't"):
                return  # "did not respond", "declined to say": no claim is reported
            if lower not in self.modifiers and not (lower.endswith("ly") and _is_adverb(tokens[j])):
                break
            j -= 1
        if first > 0 and (tokens[first - 1].lower in _PASSIVE_BE or j == first - 1 and lower in self.noun_determiners):
            return  # "would be announced", "were told": the subject received the words; "the report": a noun
        cue = self.text[tokens[first].start:tokens[after - 1].end]
        if cue.lower() in self.speech_tags and not self.read.after_quote(first):
            return  # "the city has asked the firm": a request, not a quotation
        if j >= 0 and lower in RELATIVES:
            self._record(self.read.relative_subject(j + 1), cue)
            return
        # Tried in this order, and only until one names a source (each reading costs time).
        for read in _SUBJECT_READINGS:
            phrase = read(self.read, j + 1)
            if phrase and self._record(phrase, cue):
                return
        after_quote = j < 0 or tokens[j].text in CLOSING or (tokens[j].text == "," and j > 0 and tokens[j - 1].text in CLOSING)
        if j == first - 1 and after_quote and cue.lower() in self.inverted_verbs:
            self._record(self.read.forward(after), cue)  # '“We will win,” said the mayor'

    @cached_property
    def people(self) -> dict[str, str]:
        """Full names of the people the article names, by surname (worked out when first needed)."""
        return people_named(self.text, self.lex)

    def full_name(self, surname: str) -> str | None:
        """The full name the article gives a surname ("Wielgosz" → "Tomasz Wielgosz"), if any."""
        return self.people.get(surname) if may_end_a_full_name(self.text, surname) else None

    def agentless(self) -> None:
        """'it was reported': claims whose source is missing altogether."""
        rule = self.agentless_rule
        if rule is None:
            return
        for regex, starts in self.lex.agentless:
            for match in pattern_matches(self.index, regex, starts):
                if match.span() in self.spans:
                    continue
                self.spans.add(match.span())
                starts = self.index.starts
                self.passive.update(range(bisect.bisect_left(starts, match.start()), bisect.bisect_left(starts, match.end())))
                self.findings.append(make_finding(
                    category="attribution", rule=rule.id, start=match.start(), end=match.end(),
                    text=match.group(), explanation=rule.explanation.format(text=match.group()),
                    severity=rule.severity, voice=self._voice(match.start()), source_kind=rule.source_kind,
                    cue=match.group(),
                ))

    def _phrase_text(self, phrase: Sequence[Token]) -> str:
        return self.text[phrase[0].start:phrase[-1].end]

    def _voice(self, position: int) -> str:
        return "quoted" if in_spans(position, self.quotes, self.quote_starts) else "reporter"

    def _record(self, phrase: Sequence[Token], cue: str, via: str | None = None) -> bool:
        """Classify a source phrase and add its finding (once per span); False if it names no source."""
        if not phrase:
            return False
        start, end = phrase[0].start, phrase[-1].end
        if (start, end) in self.spans:
            return True
        k = bisect.bisect_right(self.quote_starts, start) - 1  # in_spans(start, ...), inlined
        quoted = k >= 0 and start < self.quotes[k][1]
        if quoted and len(phrase) == 1 and phrase[0].lower in self.pronouns:
            return False  # "we", "he" inside a quotation belong to the speaker's story, not the article's
        phrase_text = self.text[start:end]
        # a phrase cut at token bounds has no space to strip: only a quote mark at its end needs cleaning
        cleaned = _clean(phrase_text) if phrase_text[-1] in _QUOTE_ENDS else phrase_text
        source = classify(phrase, cleaned, self.seen, self.lex, self.full_name)
        if source is None:
            return False
        via = via or source.via
        self.spans.add((start, end))
        self.seen.append(source if via == source.via else source._replace(via=via))
        rule = self.rules[source.kind]
        shown = f"“{source.name}”" if cleaned == source.name else f"“{phrase_text}” ({source.name})"
        around = self.around_source[source.kind]
        if around:
            explanation = around[0] + shown + around[1]
        else:
            explanation = rule.explanation.format(source=shown, text=phrase_text)
        if via:
            explanation += f" It reaches the article second-hand, relayed by {via}."
        self.findings.append(make_finding(
            category="attribution", rule=rule.id, start=start, end=end, text=phrase_text, explanation=explanation,
            severity=rule.severity, voice="quoted" if quoted else "reporter", source_kind=source.kind, cue=cue,
            source_name=source.name, via=via,
        ))
        return True


def _around_source(explanation: str) -> tuple[str, str] | None:
    """The text before and after "{source}" when it is the template's one field, else None.

    Filling such a template by concatenation gives what ``str.format`` gives, without parsing
    the template again for every finding (a tenth of the cost of a finding).
    """
    before, field, after = explanation.partition("{source}")
    if field and not any(brace in before + after for brace in "{}"):
        return before, after
    return None


def _possessive_cues(index: TextIndex, lexicon: Lexicon) -> list[int]:
    """Tokens ending in a possessive ("the ministry's") and followed by a possessive cue ("account")."""
    cues, lowers, tokens = lexicon.lists["possessive_cues"], index.lowers, index.tokens
    if any(len(cue) == 1 and not (cue.isalnum() or cue == "_") for cue in cues):  # a punctuation mark
        after = [j for j, lower in enumerate(lowers) if lower in cues]
    else:  # read from the cues' side: a few cue words against the hundreds of words of the text
        after = sorted(chain.from_iterable(index.positions[cue] for cue in cues & index.positions.keys()))
    return [j - 1 for j in after if j > 0 and tokens[j - 1].is_word and lowers[j - 1].endswith(("'s", "'"))]


def _is_adverb(token: Token) -> bool:
    return token.is_word and not token.is_capitalized and len(token.text) > 4 and token.lower.endswith("ly")


def _clean(phrase: str) -> str:
    """A source phrase for display: no comma or period left inside its closing quote."""
    phrase = phrase.strip()
    if len(phrase) > 1 and phrase[-1] in _QUOTE_ENDS and phrase[-2] in ",.":
        return phrase[:-2] + phrase[-1]
    return phrase
