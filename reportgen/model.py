"""The plain, immutable data passed between pipeline stages.

load → ``Article``; analyze → ``Finding`` tuples and ``Readability``; score → ``Metrics``;
the three together make an ``Analysis``. Offsets are Python ``str`` indices into
``Article.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

Span = tuple[int, int]

CATEGORIES = ("attribution", "hedge", "generalization")
SOURCE_KINDS = (
    "named_person",
    "named_organization",
    "pseudonymous",
    "anonymous_specific",
    "anonymous_vague",
)
NAMED_KINDS = frozenset({"named_person", "named_organization"})


@dataclass(frozen=True)
class Meta:
    """Front-matter facts about an article; every field is optional."""

    outlet: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    language: str = "en"
    notes: str = ""
    fictional: bool = False


@dataclass(frozen=True)
class Article:
    """A loaded article: the plain text the analyzer reads, and where it came from."""

    path: str
    slug: str
    title: str
    text: str
    paragraphs: tuple[Span, ...]
    meta: Meta = field(default_factory=Meta)


@dataclass(frozen=True)
class Finding:
    """One piece of evidence: which rule matched which words, and why it matters."""

    category: str
    rule: str
    start: int
    end: int
    text: str
    explanation: str
    severity: str = "info"
    voice: str = "reporter"  # "reporter" or "quoted": inside a direct quotation
    source_kind: str | None = None  # attributions only, one of SOURCE_KINDS
    cue: str | None = None  # attributions only: the reporting words ("said", "according to")
    source_name: str | None = None  # attributions only: the source as first introduced
    via: str | None = None  # attributions only: who relayed this source, if anyone

    @property
    def source(self) -> str | None:
        """``named``/``anonymous`` for attributions (pseudonymous counts as anonymous)."""
        if self.source_kind is None:
            return None
        return "named" if self.source_kind in NAMED_KINDS else "anonymous"


def make_finding(
    category: str, rule: str, start: int, end: int, text: str, explanation: str, severity: str = "info",
    voice: str = "reporter", source_kind: str | None = None, cue: str | None = None,
    source_name: str | None = None, via: str | None = None,
) -> Finding:
    """``Finding(...)`` with the same arguments and defaults, four times faster (eighty per article)."""
    # A frozen dataclass's __init__ sets each of the twelve fields through object.__setattr__;
    # filling the instance dict directly, in field order, gives an equal object.
    finding = object.__new__(Finding)
    finding.__dict__.update(
        category=category, rule=rule, start=start, end=end, text=text, explanation=explanation, severity=severity,
        voice=voice, source_kind=source_kind, cue=cue, source_name=source_name, via=via,
    )
    return finding


@dataclass(frozen=True)
class Readability:
    """Readability grades and the counts behind them."""

    words: int
    sentences: int
    syllables: int
    letters: int
    characters: int
    polysyllabic_words: int
    complex_words: int
    difficult_words: int
    mean_sentence_length: float
    reading_time_minutes: float
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    gunning_fog: float
    smog_index: float
    coleman_liau_index: float
    automated_readability_index: float
    dale_chall_readability_score: float


@dataclass(frozen=True)
class Metrics:
    """Headline numbers, all derived from the findings (reporter's voice unless named quoted)."""

    words: int
    sentences: int
    attributions: int
    named_attributions: int
    anonymous_attributions: int
    anonymous_ratio: float | None
    named_sources: int
    anonymous_sources: int
    sources_by_kind: dict[str, int]
    hedges: int
    hedges_quoted: int
    hedges_per_100_words: float
    generalizations: int
    generalizations_quoted: int
    generalizations_per_100_words: float


@dataclass(frozen=True)
class Analysis:
    """Everything the analyzer found in one article."""

    article: Article
    sentences: tuple[Span, ...]
    quotes: tuple[Span, ...]
    findings: tuple[Finding, ...]
    readability: Readability
    metrics: Metrics


@dataclass(frozen=True)
class Summary:
    """What the index, the CSV and the site statistics need of an analysis: no text, no findings.

    A build keeps one per article for the whole run; full analyses are read, rendered and dropped
    one at a time.
    """

    article: Article  # with empty text and paragraphs
    readability: Readability
    metrics: Metrics
    findings: int

    @classmethod
    def of(cls, analysis: Analysis) -> "Summary":
        """The summary of an analysis."""
        article = replace(analysis.article, text="", paragraphs=())
        return cls(article, analysis.readability, analysis.metrics, len(analysis.findings))


@dataclass(frozen=True)
class Item:
    """One article file on its way through a build: where it is, its cache key, its summary."""

    path: Path
    key: str
    summary: Summary
