"""Scorecards: one article's findings arranged for a page, still as plain data (no HTML).

The article text is split at every finding boundary into segments, each carrying the numbers
of the findings that cover it, so overlapping findings of different categories render as flat,
non-nested spans. Findings are numbered 1, 2, ... in text order; the number is the anchor,
the marker label and the printed note.

The many small pieces of a page (notes, segments, rows) are named tuples rather than frozen
dataclasses: a page makes hundreds of them, and a named tuple is made in half the time.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import NamedTuple, Sequence, Union

from reportgen.corpus import Distribution, MetricCard, metric_cards
from reportgen.model import CATEGORIES, Analysis, Finding, Readability
from reportgen.rules import RuleSet

LETTERS = {"attribution": "A", "hedge": "H", "generalization": "G"}
KIND_LABELS = {
    "named_person": "named person",
    "named_organization": "named organization or document",
    "pseudonymous": "pseudonym or first name only",
    "anonymous_specific": "unnamed but described",
    "anonymous_vague": "vague group, reports or no one",
}


class Note(NamedTuple):
    """A numbered finding with the rule that made it."""

    number: int
    finding: Finding
    letter: str
    rule_name: str


class Segment(NamedTuple):
    """A run of text covered by exactly the same findings (none for plain text)."""

    text: str
    numbers: tuple[int, ...]
    categories: tuple[str, ...]


Piece = Union[Segment, Note]  # a Note in a paragraph is the marker placed where its finding ends


class SourceRow(NamedTuple):
    """One source of the article and the claims resting on it."""

    name: str
    kind: str
    anonymous: bool
    claims: int
    via: tuple[str, ...]
    numbers: tuple[int, ...]


@dataclass(frozen=True)
class Scorecard:
    """Everything a scorecard page shows about one article."""

    analysis: Analysis
    cards: tuple[MetricCard, ...]
    paragraphs: tuple[tuple[Piece, ...], ...]
    notes: tuple[Note, ...]
    by_category: tuple[tuple[str, tuple[Note, ...]], ...]
    sources: tuple[SourceRow, ...]


def make_scorecard(analysis: Analysis, site: Sequence[Distribution], rules: RuleSet) -> Scorecard:
    """The scorecard of one article, compared with the site's distribution of each metric."""
    notes = number_findings(analysis.findings, rules)
    return Scorecard(
        analysis=analysis,
        cards=metric_cards(analysis, site),
        paragraphs=tuple(highlight(analysis.article.text, analysis.article.paragraphs, notes)),
        notes=notes,
        by_category=by_category(notes),
        sources=source_rows(notes),
    )


def number_findings(findings: Sequence[Finding], rules: RuleSet) -> tuple[Note, ...]:
    """Findings numbered from 1 in text order, with their rule's name (the id if the rule is gone)."""
    names = {rule.id: rule.name for rule in rules.rules}
    return tuple(Note(i, f, LETTERS.get(f.category, "?"), names.get(f.rule, f.rule)) for i, f in enumerate(findings, 1))


def by_category(notes: Sequence[Note]) -> tuple[tuple[str, tuple[Note, ...]], ...]:
    """The notes of each category, in the order of ``CATEGORIES``."""
    groups: dict[str, list[Note]] = {category: [] for category in CATEGORIES}
    for note in notes:
        if note.finding.category in groups:
            groups[note.finding.category].append(note)
    return tuple((category, tuple(group)) for category, group in groups.items())


def highlight(text: str, paragraphs: Sequence[tuple[int, int]], notes: Sequence[Note]) -> list[tuple[Piece, ...]]:
    """Each paragraph as segments split at every finding boundary, with markers where findings end."""
    starts: dict[int, list[Note]] = defaultdict(list)
    ends: dict[int, list[Note]] = defaultdict(list)
    for note in notes:
        starts[note.finding.start].append(note)
        ends[note.finding.end].append(note)
    cuts = sorted({*starts, *ends, *(p for span in paragraphs for p in span)})
    by_start = sorted(notes, key=attrgetter("finding.start"))
    pending, open_notes, result = 0, [], []
    for start, end in paragraphs:  # in text order: findings open across a paragraph start, found in one pass
        while pending < len(by_start) and by_start[pending].finding.start < start:
            open_notes.append(by_start[pending])
            pending += 1
        open_notes = [n for n in open_notes if n.finding.end > start]
        result.append(_paragraph(text, start, end, cuts, starts, ends, open_notes))
    return result


def _paragraph(text: str, start: int, end: int, cuts: list[int], starts: dict[int, list[Note]],
               ends: dict[int, list[Note]], open_notes: Sequence[Note]) -> tuple[Piece, ...]:
    """One paragraph's pieces: a sweep over the cut points, keeping the set of open findings."""
    active = {n.number: n.finding.category for n in open_notes}  # the category of each open finding, by number
    pieces: list[Piece] = []
    points = cuts[bisect.bisect_left(cuts, start):bisect.bisect_right(cuts, end)]
    for point, following in zip(points, [*points[1:], None]):
        for note in ends.get(point, ()):
            active.pop(note.number, None)
            if point > start or note.finding.start == point:
                pieces.append(note)
        for note in starts.get(point, ()):
            if note.finding.end > point:
                active[note.number] = note.finding.category
        if following is not None:
            pieces.append(_segment(text[point:following], active))
    return tuple(pieces)


def _segment(chunk: str, active: dict[int, str]) -> Segment:
    """A run of text covered by the active findings (their categories by number)."""
    if not active:
        return Segment(chunk, (), ())
    return Segment(chunk, tuple(sorted(active)), _in_order(frozenset(active.values())))


@cache
def _in_order(categories: frozenset[str]) -> tuple[str, ...]:
    """The known categories among these, in the order of ``CATEGORIES`` (a handful of sets in all)."""
    return tuple(c for c in CATEGORIES if c in categories)


def source_rows(notes: Sequence[Note]) -> tuple[SourceRow, ...]:
    """One row per source, in order of first mention: kind, claims resting on it, who relayed it."""
    groups: dict[str, list[Note]] = {}
    for note in notes:
        finding = note.finding
        if finding.category == "attribution":
            name = finding.source_name or finding.text
            groups.setdefault(name.casefold(), []).append(note)
    rows = []
    for group in groups.values():
        first = group[0].finding
        via = tuple(dict.fromkeys([n.finding.via for n in group if n.finding.via]))
        rows.append(SourceRow(
            name=first.source_name or first.text,
            kind=KIND_LABELS.get(first.source_kind or "", first.source_kind or "unknown"),
            anonymous=first.source == "anonymous",
            claims=len(group),
            via=via,
            numbers=tuple([n.number for n in group]),
        ))
    return tuple(rows)


class FormulaRow(NamedTuple):
    """One readability score: its formula, the formula with this article's counts, its value."""

    name: str
    formula: str
    worked: str
    value: float
    meaning: str


def readability_rows(r: Readability) -> tuple[FormulaRow, ...]:
    """Every readability formula with the counts behind it, in the order grades are usually quoted."""
    w, s = max(r.words, 1), max(r.sentences, 1)
    wps = f"({r.words} ÷ {r.sentences})"
    difficult = 100 * r.difficult_words / w
    return (
        FormulaRow("Flesch reading ease", "206.835 − 1.015 × words/sentences − 84.6 × syllables/words",
                   f"206.835 − 1.015 × {wps} − 84.6 × ({r.syllables} ÷ {r.words})", r.flesch_reading_ease,
                   "0–100, higher is easier: 60–70 is plain English, below 30 is very difficult."),
        FormulaRow("Flesch–Kincaid grade", "0.39 × words/sentences + 11.8 × syllables/words − 15.59",
                   f"0.39 × {wps} + 11.8 × ({r.syllables} ÷ {r.words}) − 15.59", r.flesch_kincaid_grade,
                   "A US school grade: 8 means a 13–14-year-old can follow it."),
        FormulaRow("Gunning fog", "0.4 × (words/sentences + 100 × complex words/words)",
                   f"0.4 × ({r.words} ÷ {r.sentences} + 100 × {r.complex_words} ÷ {r.words})", r.gunning_fog,
                   "Years of formal education needed; complex words have three or more syllables and are not on the familiar-word list."),
        FormulaRow("SMOG", "1.043 × √(polysyllables × 30/sentences) + 3.1291",
                   f"1.043 × √({r.polysyllabic_words} × 30 ÷ {r.sentences}) + 3.1291", r.smog_index,
                   "A grade level; designed for texts of 30 sentences or more."),
        FormulaRow("Coleman–Liau index", "0.058 × letters per 100 words − 0.296 × sentences per 100 words − 15.8",
                   f"0.058 × {100 * r.letters / w:.1f} − 0.296 × {100 * r.sentences / w:.1f} − 15.8",
                   r.coleman_liau_index, "A grade level from letters rather than syllables."),
        FormulaRow("Automated readability index", "4.71 × characters/words + 0.5 × words/sentences − 21.43",
                   f"4.71 × ({r.characters} ÷ {r.words}) + 0.5 × {wps} − 21.43", r.automated_readability_index,
                   "A grade level from characters per word (words counted between spaces here) and words per sentence."),
        FormulaRow("Dale–Chall score", "0.1579 × % difficult words + 0.0496 × words/sentences (+ 3.6365 if over 5% difficult)",
                   f"0.1579 × {difficult:.1f} + 0.0496 × ({r.words} ÷ {s}){' + 3.6365' if difficult > 5 else ''}",
                   r.dale_chall_readability_score,
                   "Difficult words are those not on the Dale–Chall list of 3,000 familiar words; 9–9.9 is college level."),
    )
