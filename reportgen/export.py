"""Machine-readable and linter-style views of analyses: JSON, CSV and text.

The JSON shape is a contract other tools rely on (see the README); keys are only ever added.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from dataclasses import asdict
from typing import Any, Callable, Iterable, Sequence

from reportgen import __version__
from reportgen.model import Analysis, Finding

CSV_FIELDS = (
    "path", "slug", "title", "outlet", "author", "date", "words", "sentences", "attributions",
    "named_attributions", "anonymous_attributions", "anonymous_ratio", "named_sources",
    "anonymous_sources", "hedges", "hedges_quoted", "hedges_per_100_words", "generalizations",
    "generalizations_quoted", "generalizations_per_100_words", "flesch_reading_ease",
    "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
    "automated_readability_index", "dale_chall_readability_score", "reading_time_minutes",
)


def finding_dict(finding: Finding, sentence: int) -> dict[str, Any]:
    """One finding as JSON-ready data."""
    data = asdict(finding)
    data["source"] = finding.source
    data["sentence"] = sentence
    return data


def analysis_dict(analysis: Analysis) -> dict[str, Any]:
    """One article's analysis as JSON-ready data (the ``articles[]`` entry of the contract)."""
    article = analysis.article
    sentence_of = _sentence_index(analysis)
    metrics = asdict(analysis.metrics)
    metrics["readability"] = asdict(analysis.readability)
    return {
        "path": article.path,
        "slug": article.slug,
        "title": article.title,
        "meta": {**asdict(article.meta), "tags": list(article.meta.tags)},
        "text": article.text,
        "paragraphs": [list(p) for p in article.paragraphs],
        "sentences": [list(s) for s in analysis.sentences],
        "quotes": [list(q) for q in analysis.quotes],
        "findings": [finding_dict(f, sentence_of(f.start)) for f in analysis.findings],
        "metrics": metrics,
    }


def corpus_dict(analyses: Iterable[Analysis], skipped: Sequence[tuple[str, str]] = (), rules: str = "") -> dict[str, Any]:
    """The whole JSON document: every article, plus the files skipped and why."""
    return {
        "reportgen": {"version": __version__, "rules": rules},
        "articles": [analysis_dict(a) for a in analyses],
        "skipped": [{"path": path, "error": error} for path, error in skipped],
    }


def to_json(document: dict[str, Any]) -> str:
    """Stable, readable JSON text in a fixed key order, UTF-8 kept."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(analyses: Iterable[Analysis]) -> str:
    """One row per article, metrics only."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for analysis in analyses:
        meta = analysis.article.meta
        row = {**asdict(analysis.readability), **asdict(analysis.metrics)}
        row.update(path=analysis.article.path, slug=analysis.article.slug, title=analysis.article.title,
                   outlet=meta.outlet, author=meta.author, date=meta.date)
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in CSV_FIELDS})
    return out.getvalue()


def to_text(analysis: Analysis, source: str | None = None) -> str:
    """Linter-style lines ``path:line:col: RULE message``, then a summary line.

    ``source`` is the raw file; positions are found there so an editor can jump to them.
    """
    locate = _Locator(source if source is not None else analysis.article.text)
    lines = []
    for finding in analysis.findings:
        line, column = locate(finding.text)
        voice = " [in a quotation]" if finding.voice == "quoted" else ""
        lines.append(f"{analysis.article.path}:{line}:{column}: {finding.rule} {finding.explanation}{voice}")
    lines.append(summary_line(analysis))
    return "\n".join(lines) + "\n"


def summary_line(analysis: Analysis) -> str:
    """The headline metrics of one article on one line."""
    m, r = analysis.metrics, analysis.readability
    ratio = "n/a" if m.anonymous_ratio is None else f"{m.anonymous_ratio:.2f}"
    return (
        f"{analysis.article.path}: {m.words} words, {m.sentences} sentences; "
        f"attributions {m.attributions} ({m.anonymous_attributions} anonymous, ratio {ratio}); "
        f"hedges {m.hedges} ({m.hedges_per_100_words:.2f} per 100 words, {m.hedges_quoted} more quoted); "
        f"generalizations {m.generalizations} ({m.generalizations_quoted} more quoted); "
        f"reading grade {r.flesch_kincaid_grade:.1f}"
    )


def metric_value(data: dict[str, Any], name: str) -> float | None:
    """A metric by name from ``analysis_dict(...)['metrics']``; readability names work bare."""
    for scope in (data, data.get("readability", {})):
        if name in scope:
            value = scope[name]
            return float(value) if isinstance(value, (int, float)) else None
    raise KeyError(name)


class _Locator:
    """Finds successive snippets in the raw file, tolerating Markdown marks and line breaks."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.cursor = 0

    def __call__(self, snippet: str) -> tuple[int, int]:
        words = re.findall(r"\w+", snippet)
        pattern = r"[\W_]+".join(re.escape(w) for w in words) if words else re.escape(snippet)
        found = re.compile(pattern).search(self.source, self.cursor)
        position = found.start() if found else self.cursor
        self.cursor = position
        line = self.source.count("\n", 0, position) + 1
        column = position - (self.source.rfind("\n", 0, position) + 1) + 1
        return line, column


def _sentence_index(analysis: Analysis) -> Callable[[int], int]:
    """A function from a text offset to the index of the sentence holding it."""
    starts = [s for s, _ in analysis.sentences]
    return lambda position: max(bisect.bisect_right(starts, position) - 1, 0)
