"""Corpus statistics: the headline metrics, their bands, and where each article stands.

A band is ``low``/``moderate``/``high`` from two thresholds per metric (``[bands]`` in
``reportgen.toml``); the defaults are teaching defaults, not industry standards, and the
methodology page prints the ones in use.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from reportgen.errors import ConfigError
from reportgen.model import Analysis, Summary

PLOT_WIDTH = 240
PLOT_HEIGHT = 28
PLOT_MARGIN = 8


@dataclass(frozen=True)
class MetricSpec:
    """A headline metric: how to read it from an analysis and how to talk about it."""

    key: str
    label: str
    unit: str
    bands: tuple[float, float]
    low_means: str
    high_means: str
    digits: int = 1


@dataclass(frozen=True)
class Plot:
    """Where one article stands among the site's articles, as x positions on a small strip."""

    width: int
    height: int
    axis: tuple[float, float]
    others: str  # site-relative path of the picture of every article's dot, drawn once for the whole site
    this: float | None
    median: float | None
    thresholds: tuple[float, float]
    label: str


@dataclass(frozen=True)
class MetricCard:
    """One metric of one article: value, band, meaning, and the corpus comparison."""

    key: str
    label: str
    value: str
    unit: str
    band: str
    band_rule: str  # the thresholds in words
    meaning: str
    median: str
    plot: Plot


METRICS = (
    MetricSpec("anonymous_ratio", "Anonymous sourcing", "of attributions", (0.25, 0.5),
               "most claims rest on sources a reader can check",
               "many claims rest on sources a reader cannot check", 2),
    MetricSpec("hedges_per_100_words", "Hedges", "per 100 words", (1.5, 3.5),
               "claims are mostly stated plainly", "many claims are softened or passed on", 1),
    MetricSpec("generalizations_per_100_words", "Generalizations", "per 100 words", (0.3, 0.8),
               "few claims speak for unnamed groups or claim certainty",
               "many claims speak for unnamed groups or claim certainty without evidence", 1),
    MetricSpec("flesch_kincaid_grade", "Reading grade", "Flesch–Kincaid grade", (9.0, 13.0),
               "easy to read for most adults", "demanding: long sentences and long words", 1),
)
BAND_KEYS = tuple(spec.key for spec in METRICS)


def metric_specs(bands: Mapping[str, Any]) -> tuple[MetricSpec, ...]:
    """The headline metrics with thresholds from ``[bands]`` (validated) over the defaults."""
    for key in bands:
        if key not in BAND_KEYS:
            raise ConfigError(f"bands.{key}: unknown metric (known: {', '.join(BAND_KEYS)})")
    return tuple(_with_bands(spec, bands.get(spec.key)) for spec in METRICS)


def _with_bands(spec: MetricSpec, value: Any) -> MetricSpec:
    if value is None:
        return spec
    ok = (isinstance(value, list) and len(value) == 2
          and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
          and value[0] <= value[1])
    if not ok:
        raise ConfigError(f"bands.{spec.key}: must be two ascending numbers [moderate_from, high_from], e.g. {list(spec.bands)}")
    return MetricSpec(spec.key, spec.label, spec.unit, (float(value[0]), float(value[1])),
                      spec.low_means, spec.high_means, spec.digits)


def metric(analysis: Analysis | Summary, key: str) -> float | None:
    """A headline metric of an analysis by name (metrics first, then readability)."""
    for scope in (analysis.metrics, analysis.readability):
        if hasattr(scope, key):
            value = getattr(scope, key)
            return None if value is None else float(value)
    raise KeyError(key)


def band(value: float | None, thresholds: tuple[float, float]) -> str:
    """``low`` below the first threshold, ``high`` from the second, ``moderate`` between; ``none`` without a value."""
    if value is None:
        return "none"
    if value >= thresholds[1]:
        return "high"
    return "moderate" if value >= thresholds[0] else "low"


def median(values: Sequence[float | None]) -> float | None:
    """The median of the values that exist (None when none do)."""
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def format_value(spec: MetricSpec, value: float | None) -> str:
    """A metric value as shown on a page (``n/a`` when it does not apply)."""
    if value is None:
        return "n/a"
    if spec.key == "anonymous_ratio":
        return f"{value * 100:.0f}%"
    return f"{value:.{spec.digits}f}"


@dataclass(frozen=True)
class Distribution:
    """One metric across the site, as far as a scorecard shows it: how many articles have it, their median, the scale.

    Where every article's dot goes is not part of it: that picture is one shared file (``plot_positions``),
    so editing one article does not change every other scorecard.
    """

    spec: MetricSpec
    count: int
    median: float | None
    top: float

    def x(self, value: float) -> float:
        """The horizontal position of a value on the strip plot."""
        return plot_x(value, self.top)


def plot_x(value: float, top: float) -> float:
    """The horizontal position of a value on a strip plot whose right end is top."""
    span = PLOT_WIDTH - 2 * PLOT_MARGIN
    return round(PLOT_MARGIN + span * min(max(value, 0.0), top) / top, 1)


def distributions(corpus: Sequence[Analysis | Summary], specs: Sequence[MetricSpec]) -> tuple[Distribution, ...]:
    """Each headline metric across every article of the site, computed once per build."""
    result = []
    for spec in specs:
        values = [v for v in (metric(a, spec.key) for a in corpus) if v is not None]
        top = max([*values, spec.bands[1] * 1.25, 1e-9])  # the high band always shows
        result.append(Distribution(spec, len(values), median(values), top))
    return tuple(result)


def plot_positions(corpus: Sequence[Analysis | Summary], distribution: Distribution) -> tuple[int, ...]:
    """Every article's position on the metric's strip, in whole pixels, each once: a big site still draws a small plot."""
    values = (metric(a, distribution.spec.key) for a in corpus)
    return tuple(sorted({round(distribution.x(v)) for v in values if v is not None}))


def plot_path(spec: MetricSpec) -> str:
    """The site-relative path of the picture of every article's position on the metric's strip."""
    return f"plots/{spec.key}.svg"


def metric_cards(analysis: Analysis, site: Sequence[Distribution]) -> tuple[MetricCard, ...]:
    """The metric cards of one article, compared with every article of the site."""
    return tuple(_card(analysis, distribution) for distribution in site)


def _card(analysis: Analysis, distribution: Distribution) -> MetricCard:
    spec = distribution.spec
    value = metric(analysis, spec.key)
    level = band(value, spec.bands)
    low, high = (format_value(spec, t) for t in spec.bands)
    meaning = MEANINGS[spec.key](analysis)
    if level in ("low", "high"):
        meaning += f" {level.capitalize()} band: {spec.low_means if level == 'low' else spec.high_means}."
    return MetricCard(
        key=spec.key, label=spec.label, value=format_value(spec, value), unit=spec.unit, band=level,
        band_rule=f"low under {low}, high from {high}",
        meaning=meaning, median=format_value(spec, distribution.median),
        plot=strip_plot(distribution, value),
    )


def strip_plot(distribution: Distribution, value: float | None) -> Plot:
    """Positions for a one-line dot plot: every article's value, this one's, the median and the band thresholds."""
    spec, x = distribution.spec, distribution.x
    this = None if value is None else x(value)
    count = distribution.count
    shown = "n/a" if value is None else format_value(spec, value)
    label = (f"This article: {shown}. Site median: {format_value(spec, distribution.median)} "
             f"across {count} article{'s' if count != 1 else ''}.")
    middle = None if distribution.median is None else x(distribution.median)
    return Plot(PLOT_WIDTH, PLOT_HEIGHT, (PLOT_MARGIN, PLOT_WIDTH - PLOT_MARGIN), plot_path(spec), this, middle, (x(spec.bands[0]), x(spec.bands[1])), label)


def _anonymous(analysis: Analysis) -> str:
    m = analysis.metrics
    if not m.attributions:
        return "No attributions found in the reporter's own words, so there is no ratio."
    return (f"{m.anonymous_attributions} of {m.attributions} attributions rest on unnamed, "
            f"pseudonymous or vague sources; {m.named_attributions} name their source.")


def _hedges(analysis: Analysis) -> str:
    m = analysis.metrics
    quoted = f"; {m.hedges_quoted} more inside quotations" if m.hedges_quoted else ""
    return f"{m.hedges} hedges in {m.words} words of the reporter's own text{quoted}."


def _generalizations(analysis: Analysis) -> str:
    m = analysis.metrics
    quoted = f"; {m.generalizations_quoted} more inside quotations" if m.generalizations_quoted else ""
    return f"{m.generalizations} generalizations or sweeping claims in the reporter's own text{quoted}."


def _grade(analysis: Analysis) -> str:
    r = analysis.readability
    return (f"About {r.flesch_kincaid_grade:.0f} years of US schooling to follow easily "
            f"({r.mean_sentence_length:.1f} words per sentence).")


MEANINGS: Mapping[str, Callable[[Analysis], str]] = {
    "anonymous_ratio": _anonymous,
    "hedges_per_100_words": _hedges,
    "generalizations_per_100_words": _generalizations,
    "flesch_kincaid_grade": _grade,
}
