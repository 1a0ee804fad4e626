"""Lexicon rules (hedges, generalizations): every match of every enabled rule, as findings."""

from __future__ import annotations

import bisect
import re
from typing import Iterable, Iterator, Sequence

from reportgen.model import Finding, Span, make_finding
from reportgen.quotes import in_spans
from reportgen.rules import Rule
from reportgen.tokens import TextIndex, pattern_matches

_DIGIT = re.compile("[0-9]")
_EXCLUDE_WINDOW = 40  # characters around a match in which its rule's exclusions are tried


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
    found: list[Finding] = []
    for rule in rules:
        for start, end in rule_spans(index, rule):
            if rule.unsupported_only and _in_supported(start, sentence_starts, supported):
                continue
            if _excluded(rule, text, start, end):
                continue
            found.append(_finding(rule, text, start, end, in_spans(start, quotes, quote_starts)))
    return _longest_per_category(found)


def rule_spans(index: TextIndex, rule: Rule) -> Iterator[Span]:
    """Spans matched by a rule's words and patterns (before exclusions)."""
    token_starts, tokens = index.starts, index.tokens
    for first, last in rule.phrases.find(index):
        yield token_starts[first], tokens[last - 1].end
    for regex, starts in rule.compiled_patterns:
        for match in pattern_matches(index, regex, starts):
            end = match.start() + len(match.group().rstrip())
            if end > match.start():
                yield match.start(), end


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


def _excluded(rule: Rule, text: str, start: int, end: int) -> bool:
    """True when one of the rule's exclusions matches around the match and covers it."""
    if rule.exclude_regex is None:
        return False
    low = max(0, start - _EXCLUDE_WINDOW)
    for m in rule.exclude_regex.finditer(text, low, min(len(text), end + _EXCLUDE_WINDOW)):
        if m.start() > start:
            return False  # the matches come in order: none after this one can cover the match
        if end <= m.end():
            return True
    return False


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
