"""Lexicon rules (hedges, generalizations): every match of every enabled rule, as findings."""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterable, Iterator, Sequence

from reportgen.model import Finding, Span, make_finding
from reportgen.quotes import in_spans
from reportgen.rules import Rule
from reportgen.tokens import Anchors, TextIndex, matches_at

try:  # the regular-expression parser, to find the words an exclusion needs (Python >= 3.11)
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parser

_DIGIT = re.compile("[0-9]")
_EXCLUDE_WINDOW = 40  # characters around a match in which its rule's exclusions are tried
# The only characters that a case-insensitive pattern matches with an ASCII character other
# than themselves (İ and ı with "i", ſ with "s", the Kelvin sign with "k"): lowercasing a window
# that holds one does not give the ASCII word that the pattern found there.
_ASCII_FOLDS = re.compile("[İıſK]")


def match_rules(
    index: TextIndex,
    rules: Iterable[Rule],
    sentences: Sequence[Span],
    quotes: Sequence[Span],
    supported: Sequence[bool],
) -> list[Finding]:
    """Findings for each rule's matches; within a category, overlapping matches keep the longest.

    ``supported[i]`` tells whether sentence i carries a named attribution or a figure; rules marked
    ``unsupported_only`` skip such sentences.
    """
    text = index.text
    quote_starts = [s for s, _ in quotes]
    sentence_starts = [s for s, _ in sentences]
    rules = list(rules)
    # where every pattern may match, found in one pass; each rule takes its patterns' share in turn
    candidates = iter(_anchors(tuple(p for rule in rules for p in rule.patterns), rules).candidates(index))
    found: list[Finding] = []
    for rule in rules:
        excluded = exclusions(rule)
        for start, end in rule_spans(index, rule, [next(candidates) for _ in rule.patterns]):
            if rule.unsupported_only and _in_supported(start, sentence_starts, supported):
                continue
            if excluded is not None and excluded.cover(text, start, end):
                continue
            found.append(_finding(rule, text, start, end, in_spans(start, quotes, quote_starts)))
    return _longest_per_category(found)


def rule_spans(index: TextIndex, rule: Rule, candidates: Sequence[Sequence[int]]) -> Iterator[Span]:
    """Spans matched by a rule's words and patterns (before exclusions), each pattern tried at its candidates."""
    token_starts, token_ends = index.starts, index.ends
    for first, last in rule.phrases.find(index):
        yield token_starts[first], token_ends[last - 1]
    for (regex, starts), tokens in zip(rule.compiled_patterns, candidates):
        for match in regex.finditer(index.text) if starts is None else matches_at(index, regex, tokens):
            end = match.start() + len(match.group().rstrip())
            if end > match.start():
                yield match.start(), end


_anchors_made: dict[tuple[str, ...], Anchors] = {}


def _anchors(patterns: tuple[str, ...], rules: Sequence[Rule]) -> Anchors:
    """The leading words of the rules' patterns, made once per list of patterns."""
    if patterns not in _anchors_made:
        _anchors_made[patterns] = Anchors([starts for rule in rules for _, starts in rule.compiled_patterns])
    return _anchors_made[patterns]


def supported_sentences(text: str, sentences: Sequence[Span], attributions: Sequence[Finding]) -> list[bool]:
    """For each sentence: does it hold a named attribution or a figure (a digit)?

    An anonymous attribution does not count: "observers describe it as unprecedented" is
    still a judgement nobody stands behind.
    """
    starts = [s for s, _ in sentences]
    flags = [_DIGIT.search(text, a, b) is not None for a, b in sentences]
    for finding in attributions:
        if finding.source != "named":
            continue
        i = bisect.bisect_right(starts, finding.start) - 1
        if i >= 0:
            flags[i] = True
    return flags


class Exclusions:
    """A rule's exclusion patterns, each tried only where the words it needs are near the match.

    Most exclusions need a word of their own ("\\bcould\\s+not\\b" needs "could"): in a window
    without it such a pattern matches nowhere, and leaving it out of the alternation changes no
    match of the others. So the window is searched with the exclusions it can hold only, or not
    at all (measured on 700-word articles: 1.5 M instructions for the exclusions instead of 2.8 M).
    """

    def __init__(self, patterns: Sequence[str], regex: re.Pattern[str]) -> None:
        """The exclusion patterns, and their alternation (``Rule.exclude_regex``)."""
        self.patterns = tuple(patterns)
        self.everything = tuple(range(len(self.patterns)))
        self.regexes = {self.everything: regex}
        needs = self._needs()
        # the words that the exclusions need, with the exclusion's number; one needing none is always tried
        self.words = [(i, word, exact) for i, need in enumerate(needs) if need for word, exact in need]
        self.always = frozenset(i for i, need in enumerate(needs) if not need)

    def _needs(self) -> list[Needs | None]:
        """What each exclusion needs, or None for all of them when the alternation is more than its parts."""
        nothing: list[Needs | None] = [None] * len(self.patterns)
        if self.regexes[self.everything].flags != re.compile("", re.IGNORECASE).flags:
            return nothing  # a flag set inside one pattern (Python 3.10) holds for all of them
        try:
            return [_needed_words(p) for p in self.patterns]
        # a back reference (groups are numbered over the whole alternation), or a pattern read otherwise alone
        except Exception:  # noqa: BLE001
            return nothing

    def cover(self, text: str, start: int, end: int) -> bool:
        """Does an exclusion match in the window around text[start:end] and cover it?"""
        low, high = max(0, start - _EXCLUDE_WINDOW), min(len(text), end + _EXCLUDE_WINDOW)
        window = text[low:high]
        if window.isascii() or not _ASCII_FOLDS.search(window):
            lowered = window.lower()
            found = {i for i, word, exact in self.words if word in (window if exact else lowered)}
            present = tuple(sorted(found | self.always))
        else:
            present = self.everything
        if not present:
            return False
        for m in self._regex(present).finditer(text, low, high):
            if m.start() > start:
                return False  # the matches come in order: none after this one can cover the match
            if end <= m.end():
                return True
        return False

    def _regex(self, chosen: tuple[int, ...]) -> re.Pattern[str]:
        """The alternation of the chosen exclusions, joined as Rule.exclude_regex joins them all."""
        if chosen not in self.regexes:
            self.regexes[chosen] = re.compile("|".join(f"(?:{self.patterns[i]})" for i in chosen), re.IGNORECASE)
        return self.regexes[chosen]


_made: dict[tuple[str, ...], Exclusions] = {}


def exclusions(rule: Rule) -> Exclusions | None:
    """The rule's exclusions, made once per list of patterns (None when it has none)."""
    if rule.exclude_regex is None:
        return None
    if rule.exclude not in _made:
        _made[rule.exclude] = Exclusions(rule.exclude, rule.exclude_regex)
    return _made[rule.exclude]


Needs = frozenset[tuple[str, bool]]  # (word, exact): a match holds one of these words (exactly, or lowercased)


def _needed_words(pattern: str) -> Needs | None:
    """Words one of which every match of the pattern holds, the rarest such set; None if none is known."""
    return _rarest(_needs(_sre_parser.parse(pattern, re.IGNORECASE), True))


class _BackReference(ValueError):
    """A pattern that refers back to a group."""


def _needs(items: Any, ignorecase: bool) -> list[Needs]:
    """Sets of words that a match of the parsed pattern holds one of each (words outside lookarounds only)."""
    needs: list[Needs] = []
    run: list[str] = []
    for op, value in [*items, (None, None)]:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(value))
            continue
        word = "".join(run)
        if word and not (ignorecase and not word.isascii()):  # other letters than ASCII fold in many ways
            needs.append(frozenset({(word.lower(), False) if ignorecase else (word, True)}))
        run = []
        if name.startswith("GROUPREF"):
            raise _BackReference
        if name == "SUBPATTERN":
            _, added, removed, body = value
            needs += _needs(body, bool(added & re.IGNORECASE) or (ignorecase and not removed & re.IGNORECASE))
        elif name == "ATOMIC_GROUP":
            needs += _needs(value, ignorecase)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and value[0] >= 1:
            needs += _needs(value[2], ignorecase)
        elif name == "BRANCH":
            choices = [_rarest(_needs(branch, ignorecase)) for branch in value[1]]
            if all(choices):
                needs.append(frozenset().union(*choices))  # type: ignore[arg-type]
    return needs


def _rarest(needs: list[Needs]) -> Needs | None:
    """The set whose shortest word is longest (then the smallest set): the one least often present."""
    return max(needs, key=lambda need: (min(len(word) for word, _ in need), -len(need)), default=None)


def _in_supported(position: int, starts: Sequence[int], supported: Sequence[bool]) -> bool:
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and supported[i]


def _finding(rule: Rule, text: str, start: int, end: int, quoted: bool) -> Finding:
    matched = text[start:end]
    return make_finding(
        category=rule.category, rule=rule.id, start=start, end=end, text=matched,
        explanation=rule.explanation.format(text=matched), severity=rule.severity,
        voice="quoted" if quoted else "reporter",
    )


def _longest_per_category(findings: list[Finding]) -> list[Finding]:
    """Drop a finding overlapping a longer (or earlier, equally long) one of its category."""
    kept: list[Finding] = []
    last_end: dict[str, int] = {}
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start), f.rule)):
        if finding.start >= last_end.get(finding.category, -1):
            kept.append(finding)
            last_end[finding.category] = finding.end
    return kept
