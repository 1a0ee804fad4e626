"""Machine-readable and linter-style views of analyses: JSON, CSV and text.

The JSON shape is a contract other tools rely on (see the README); keys are only ever added.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from typing import Any, Iterable, Iterator, Sequence

from reportgen import __version__
from reportgen.model import Analysis, Finding, Summary

CSV_FIELDS = (
    "path", "slug", "title", "outlet", "author", "date", "words", "sentences", "attributions",
    "named_attributions", "anonymous_attributions", "anonymous_ratio", "named_sources",
    "anonymous_sources", "hedges", "hedges_quoted", "hedges_per_100_words", "generalizations",
    "generalizations_quoted", "generalizations_per_100_words", "flesch_reading_ease",
    "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
    "automated_readability_index", "dale_chall_readability_score", "reading_time_minutes",
)


def finding_dict(finding: Finding, sentence: int) -> dict[str, Any]:
    """One finding as JSON-ready data: its fields in order, then ``source`` and ``sentence``."""
    return {**vars(finding), "source": finding.source, "sentence": sentence}


def analysis_dict(analysis: Analysis) -> dict[str, Any]:
    """One article's analysis as JSON-ready data (the ``articles[]`` entry of the contract)."""
    article = analysis.article
    # vars() rather than dataclasses.asdict: the fields are flat, and asdict's deep copy cost more
    # than the rest of the export.
    return {
        "path": article.path,
        "slug": article.slug,
        "title": article.title,
        "meta": {**vars(article.meta), "tags": list(article.meta.tags)},
        "text": article.text,
        "paragraphs": article.paragraphs,
        "sentences": analysis.sentences,
        "quotes": analysis.quotes,
        "findings": [finding_dict(f, n) for f, n in zip(analysis.findings, _sentence_numbers(analysis))],
        "metrics": {**vars(analysis.metrics), "readability": vars(analysis.readability)},
    }


def article_json(analysis: Analysis) -> str:
    """One article's entry of the JSON document, on one line."""
    return _dumps(analysis_dict(analysis))


def to_json(analyses: Iterable[Analysis], skipped: Sequence[tuple[str, str]] = (), rules: str = "") -> str:
    """The whole JSON document: every article, plus the files skipped and why (see ``json_chunks``)."""
    return json_document((article_json(a) for a in analyses), skipped, rules).decode()


def json_document(entries: Iterable[str], skipped: Sequence[tuple[str, str]] = (), rules: str = "") -> bytes:
    """The JSON document, UTF-8, from the articles' entries (``article_json``)."""
    return b"".join(json_chunks((entry.encode() for entry in entries), skipped, rules))


def json_chunks(entries: Iterable[bytes], skipped: Sequence[tuple[str, str]] = (), rules: str = "") -> Iterator[bytes]:
    """The JSON document in UTF-8 pieces: a header line, one line per article, then the files skipped.

    One article per line keeps a big export readable with line tools and lets a build stream it,
    copying each article's line from its data file as bytes.
    """
    header = {"version": __version__, "rules": rules}
    yield ('{"reportgen": ' + _dumps(header) + ',\n"articles": [').encode()
    for number, entry in enumerate(entries):
        yield (b"\n" if number == 0 else b",\n") + entry
    problems = [{"path": path, "error": error} for path, error in skipped]
    yield ('\n],\n"skipped": ' + _dumps(problems) + "}\n").encode()


# No indent: with one, the json module leaves its C encoder for a slower pure-Python one. One
# encoder for every document, and no check for cycles: the data is made fresh and is a tree.
_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def _dumps(data: Any) -> str:
    return _ENCODER.encode(data)


def to_csv(analyses: Iterable[Analysis | Summary]) -> str:
    """One row per article, metrics only."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for analysis in analyses:
        meta = analysis.article.meta
        row = {**vars(analysis.readability), **vars(analysis.metrics)}
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


def _sentence_numbers(analysis: Analysis) -> list[int]:
    """The index of the sentence holding each finding's start."""
    starts = [s for s, _ in analysis.sentences]
    return [max(bisect.bisect_right(starts, f.start) - 1, 0) for f in analysis.findings]
