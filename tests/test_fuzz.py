"""Property tests: any text (and any front matter) gives valid, ordered findings or the documented ArticleError, always the same."""

from __future__ import annotations

import json
import os
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.analyze import analyze
from reportgen.errors import ArticleError
from reportgen.export import analysis_dict
from reportgen.load import load_article

from conftest import analyze_text

NEWSY = st.lists(
    st.sampled_from([
        "Officials said", "according to", "may", "could not", "“", "”", "‘", "’", "'", '"', "U.S.",
        "Mr.", "Dr.", "approximately 16", "Analysts suggest", "some questioning", "He argues", ",",
        ".", "?", "!", " ", "\n", "\n\n", "identified as", "which cited", "the ministry", "—",
        "It was reported", "Khodarenok", "many observers", "one thing is clear", "é", "東京", "🙂",
    ]),
    max_size=40,
).map("".join)


@settings(max_examples=3000 if os.environ.get("REPORTGEN_FUZZ", "") == "long" else 300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), NEWSY))
def test_any_text_gives_valid_findings(text: str) -> None:
    analysis = analyze_text(text)
    for finding in analysis.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start:finding.end] == finding.text
    assert [f.start for f in analysis.findings] == sorted(f.start for f in analysis.findings)
    for start, end in analysis.sentences:
        assert 0 <= start < end <= len(text)
    assert analyze_text(text) == analysis


# Loader and analyzer together: any front matter (known keys with values of any type, unknown keys), any
# body. Loading either gives an article or raises the documented ArticleError; the analysis has valid
# spans; both are deterministic. REPORTGEN_FUZZ=long runs many more examples (see the README).
LONG_RUN = os.environ.get("REPORTGEN_FUZZ", "") == "long"
FUZZ = settings(max_examples=3000 if LONG_RUN else 200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
KEYS = st.sampled_from(["title", "outlet", "author", "date", "url", "tags", "language", "notes", "fictional", "slug",
                        "colour", "Title", "42"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
                    st.dates(), st.datetimes(), st.just("https://example.invalid/a"), st.just("javascript:x"))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                         max_size=3), max_leaves=6)
RAW_FRONT = st.one_of(
    st.dictionaries(KEYS, VALUES, max_size=6).map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.text(max_size=120),  # anything at all between the --- lines
)


@FUZZ
@given(front=st.one_of(st.none(), RAW_FRONT), body=st.one_of(st.text(max_size=300), NEWSY),
       newline=st.sampled_from(["\n", "\r\n"]), suffix=st.sampled_from([".md", ".txt"]), bom=st.booleans())
def test_any_front_matter_and_body_load_and_analyze_or_raise_article_error(tmp_path_factory, front, body, newline,
                                                                           suffix, bom) -> None:
    source = body if front is None else f"---\n{front}\n---\n{body}"
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"article{suffix}"
    path.write_bytes(("\ufeff" if bom else "").encode() + source.replace("\n", newline).encode("utf-8", "surrogatepass"))
    try:
        article = load_article(path, root=folder)
    except ArticleError as exc:
        assert exc.problem and "\n" not in exc.problem and exc.path == path.name
        return
    assert load_article(path, root=folder) == article
    assert article.text and article.title and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", article.slug)
    text = article.text
    for start, end in article.paragraphs:
        assert 0 <= start < end <= len(text)
    analysis = analyze(article)
    for finding in analysis.findings:
        assert 0 <= finding.start < finding.end <= len(text) and text[finding.start:finding.end] == finding.text
    for start, end in (*analysis.sentences, *analysis.quotes):
        assert 0 <= start <= end <= len(text)
    assert analyze(article) == analysis
    json.dumps(analysis_dict(analysis), ensure_ascii=False).encode("utf-8")  # the export can always be written
