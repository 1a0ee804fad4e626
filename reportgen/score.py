"""Metrics: the headline numbers of a scorecard, each derived from the findings."""

from __future__ import annotations

from typing import Sequence

from reportgen.model import NAMED_KINDS, SOURCE_KINDS, Finding, Metrics, Readability


def score(findings: Sequence[Finding], grades: Readability) -> Metrics:
    """Count findings into metrics; quoted hedges and generalizations are counted apart."""
    own = [f for f in findings if f.voice == "reporter"]
    attributions = [f for f in own if f.category == "attribution"]
    named = [f for f in attributions if f.source_kind in NAMED_KINDS]  # f.source == "named", without a property call
    anonymous = [f for f in attributions if f.source_kind not in NAMED_KINDS and f.source_kind is not None]
    hedges = _count(own, "hedge")
    generalizations = _count(own, "generalization")
    return Metrics(
        words=grades.words,
        sentences=grades.sentences,
        attributions=len(attributions),
        named_attributions=len(named),
        anonymous_attributions=len(anonymous),
        anonymous_ratio=round(len(anonymous) / len(attributions), 3) if attributions else None,
        named_sources=len({_source_key(f) for f in named}),
        anonymous_sources=len({_source_key(f) for f in anonymous}),
        sources_by_kind={kind: len({_source_key(f) for f in attributions if f.source_kind == kind}) for kind in SOURCE_KINDS},
        hedges=hedges,
        hedges_quoted=_count(findings, "hedge") - hedges,
        hedges_per_100_words=per_100(hedges, grades.words),
        generalizations=generalizations,
        generalizations_quoted=_count(findings, "generalization") - generalizations,
        generalizations_per_100_words=per_100(generalizations, grades.words),
    )


def per_100(count: int, words: int) -> float:
    """A count per 100 words, rounded to two decimals (0 for empty text)."""
    return round(100 * count / words, 2) if words else 0.0


def _source_key(finding: Finding) -> str:
    """One source however it is referred to: its name as introduced, else its words."""
    return (finding.source_name or finding.text).lower()


def _count(findings: Sequence[Finding], category: str) -> int:
    return sum(1 for f in findings if f.category == category)
