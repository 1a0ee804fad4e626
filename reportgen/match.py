"""Lexicon rules (hedges, generalizations): every match of every enabled rule, as findings."""

from __future__ import annotations

import bisect
from typing import Iterable, Sequence

from reportgen.model import Finding, Span
from reportgen.quotes import in_spans
from reportgen.rules import Rule

_DIGITS = frozenset("0123456789")


def match_rules(
    text: str,
    rules: Iterable[Rule],
    sentences: Sequence[Span],
    quotes: Sequence[Span],
    supported: Sequence[bool],
) -> list[Finding]:
    """Findings for each rule's matches; within a category, overlapping matches keep the longest.

    ``supported[i]`` tells whether sentence i carries an attribution or a figure; rules marked
    ``unsupported_only`` skip such sentences.
    """
    quote_starts = [s for s, _ in quotes]
    sentence_starts = [s for s, _ in sentences]
    found: list[Finding] = []
    for rule in rules:
        if rule.regex is None:
            continue
        excluded = [m.span() for m in rule.exclude_regex.finditer(text)] if rule.exclude_regex else []
        for match in rule.regex.finditer(text):
            start, end = match.start(), match.start() + len(match.group().rstrip())
            if end <= start or any(a <= start and end <= b for a, b in excluded):
                continue
            if rule.unsupported_only and _in_supported(start, sentence_starts, supported):
                continue
            found.append(_finding(rule, text, start, end, in_spans(start, quotes, quote_starts)))
    return _longest_per_category(found)


def supported_sentences(text: str, sentences: Sequence[Span], attributions: Sequence[Finding]) -> list[bool]:
    """For each sentence: does it hold an attribution or a figure (a digit)?"""
    starts = [s for s, _ in sentences]
    flags = [not _DIGITS.isdisjoint(text[a:b]) for a, b in sentences]
    for finding in attributions:
        i = bisect.bisect_right(starts, finding.start) - 1
        if i >= 0:
            flags[i] = True
    return flags


def _in_supported(position: int, starts: Sequence[int], supported: Sequence[bool]) -> bool:
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and supported[i]


def _finding(rule: Rule, text: str, start: int, end: int, quoted: bool) -> Finding:
    matched = text[start:end]
    return Finding(
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
