"""Rendering: relative URLs, highlights on exact spans, methodology from the rules, safety, settings."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from reportgen.analyze import analyze
from reportgen.corpus import MetricCard, Plot, band, metric_specs
from reportgen.errors import ConfigError
from reportgen.fragments import (escape_replacing, escape_text, formula_rows, highlighted_text, index_row, metric_card, numbered_notes,
                                 source_table_rows)
from reportgen.model import Finding, Meta
from reportgen.render import IndexCell, IndexRow, Site, make_environment, relative_url, render_site
from reportgen.theme import Settings, external_url, settings_from_config
from reportgen.rules import load_rules
from reportgen.scorecard import FormulaRow, Note, Segment, SourceRow, highlight, number_findings, source_rows

from conftest import article
from hostile import PAYLOADS

OVERLAPS = ("Analysts suggest the bridge may close. According to officials, repairs could cost "
            "approximately $2 million.\n\nMayor Ana Ortiz said the council will vote on Thursday. "
            "One thing is clear: many observers believe the city waited too long.")


class Page(HTMLParser):
    """What the tests need from a page: links, ids, highlight segments, scripts and attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.segments: list[tuple[tuple[int, ...], str]] = []
        self.scripts: list[dict[str, str | None]] = []
        self.inline_script = ""
        self.attributes: list[str] = []
        self.text: list[str] = []
        self.csp = ""
        self._segment: list[str] | None = None
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.attributes += [name for name, _ in attrs]
        if found.get("id"):
            self.ids.add(found["id"])
        for name in ("href", "src"):
            if found.get(name) is not None:
                self.links.append((tag, found[name]))
        if tag == "meta" and found.get("http-equiv") == "Content-Security-Policy":
            self.csp = found.get("content") or ""
        if tag == "script":
            self.scripts.append(found)
            self._in_script = True
        if tag == "span" and "data-f" in found:
            self._segment = []
            self.segments.append((tuple(int(n) for n in found["data-f"].split()), ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if tag == "span" and self._segment is not None:
            numbers, _ = self.segments[-1]
            self.segments[-1] = (numbers, "".join(self._segment))
            self._segment = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_script:
            self.inline_script += data
        if self._segment is not None:
            self._segment.append(data)

    def covered_text(self, number: int) -> str:
        """The text of every segment carrying a finding's number, in order."""
        return "".join(text for numbers, text in self.segments if number in numbers)


def make_site(texts: dict[str, str], **settings: object) -> Site:
    """A site of analyzed articles built from strings (no files)."""
    rules = load_rules()
    analyses = []
    for slug, text in texts.items():
        art = replace(article(text), slug=slug, path=f"{slug}.md", title=slug.title())
        analyses.append(analyze(art, rules))
    return Site(tuple(analyses), rules, metric_specs({}), Settings(**settings))  # type: ignore[arg-type]


def render(site: Site, overrides: Path | None = None) -> dict[str, bytes]:
    return render_site(site, make_environment(overrides), overrides)


@pytest.mark.parametrize("target, page, expected", [
    ("static/style.css", "index.html", "static/style.css"),
    ("static/style.css", "articles/a.html", "../static/style.css"),
    ("index.html#data", "articles/a.html", "../index.html#data"),
    ("articles/b.html", "articles/a.html", "b.html"),
    ("#n3", "articles/a.html", "#n3"),
    ("data/a.json", "deep/er/page.html", "../../data/a.json"),
])
def test_relative_url(target: str, page: str, expected: str) -> None:
    assert relative_url(target, page) == expected


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=1", True), ("HTTP://EXAMPLE.ORG", True), ("javascript:alert(1)", False),
    ("data:text/html,x", False), ("//evil.example", False), ("https://a.example/\nx", False), ("ftp://x", False),
])
def test_external_urls_need_a_safe_scheme(url: str, ok: bool) -> None:
    assert (external_url(url) is not None) == ok


def test_overlapping_findings_split_into_flat_segments() -> None:
    text = "abcdefghij"
    findings = [Finding("attribution", "A203", 0, 6, "abcdef", "x"), Finding("hedge", "H104", 3, 9, "defghi", "y")]
    notes = number_findings(findings, load_rules())
    (pieces,) = highlight(text, [(0, 10)], notes)
    shown = [(p.text, p.numbers) if isinstance(p, Segment) else f"marker {p.number}" for p in pieces]
    assert shown == [("abc", (1,)), ("def", (1, 2)), "marker 1", ("ghi", (2,)), "marker 2", ("j", ())]


def test_highlights_sit_exactly_on_the_findings_spans() -> None:
    site = make_site({"overlaps": OVERLAPS})
    (analysis,) = site.analyses
    assert {f.category for f in analysis.findings} == {"attribution", "hedge", "generalization"}
    page = Page(render(site)["articles/overlaps.html"].decode())
    for number, finding in enumerate(analysis.findings, 1):
        assert page.covered_text(number) == finding.text, finding
        assert f"f{number}" in page.ids and f"n{number}" in page.ids
    covered = [(f.start, f.end) for f in analysis.findings]
    assert any(a[0] < b[0] < a[1] or a[0] < b[1] < a[1] or a == b for a in covered for b in covered if a is not b)


def test_sources_table_groups_claims_and_relays() -> None:
    rules = load_rules()
    findings = [
        Finding("attribution", "A101", 0, 4, "Ortiz", "e", source_kind="named_person", source_name="Mayor Ana Ortiz"),
        Finding("attribution", "A201", 10, 14, "Alex", "e", source_kind="pseudonymous", source_name="a soldier, 'Alex'",
                via="the channel"),
        Finding("hedge", "H101", 20, 23, "may", "e"),
        Finding("attribution", "A101", 30, 35, "Ortiz", "e", source_kind="named_person", source_name="mayor ana ortiz"),
    ]
    rows = source_rows(number_findings(findings, rules))
    assert [(r.name, r.claims, r.anonymous, r.via, r.numbers) for r in rows] == [
        ("Mayor Ana Ortiz", 2, False, (), (1, 4)),
        ("a soldier, 'Alex'", 1, True, ("the channel",), (2,)),
    ]


def test_methodology_lists_every_rule_with_its_words_examples_and_limits() -> None:
    config = {"custom_rules": [{"id": "X001", "name": "jargon", "category": "hedge", "summary": "Jargon",
                                "explanation": "“{text}” is jargon.", "words": ["synergy"]}],
              "rules": {"H107": {"enabled": False}}}
    rules = load_rules(config)
    site = replace(make_site({"a": "Officials said it may rain."}), rules=rules)
    html = render(site)["methodology.html"].decode()
    page = Page(html)
    for rule in rules.rules:
        assert f"rule-{rule.id}" in page.ids
        assert rule.summary.replace("'", "&#39;").replace("&", "&amp;") in html or rule.summary in "".join(page.text)
    assert "rule-H107" not in page.ids and "synergy" in html
    assert "not truth or political leaning" in html
    hedge = rules.get("H101")
    assert hedge.words[0] in "".join(page.text) and hedge.examples_flag[0] in "".join(page.text)
    for spec in site.specs:
        assert spec.key in html


def test_every_scorecard_rule_link_lands_on_the_methodology() -> None:
    files = render(make_site({"overlaps": OVERLAPS}))
    methodology = Page(files["methodology.html"].decode()).ids
    page = Page(files["articles/overlaps.html"].decode())
    rule_links = [href.split("#")[1] for _, href in page.links if href.startswith("../methodology.html#")]
    assert rule_links and all(target in methodology for target in rule_links)


def test_untrusted_values_are_escaped_and_unsafe_urls_not_linked() -> None:
    site = make_site({"x": "Officials said <script>alert(1)</script> it may rain."})
    (analysis,) = site.analyses
    meta = Meta(outlet="<b>Outlet</b>", url="javascript:alert(1)", notes="<img src=x onerror=alert(1)>",
                tags=("<i>t</i>",))
    art = replace(analysis.article, title="<script>alert('title')</script>", meta=meta)
    site = replace(site, analyses=(replace(analysis, article=art),))
    files = render(site)
    for path in ("index.html", "articles/x.html"):
        html = files[path].decode()
        page = Page(html)
        assert "<script>alert" not in html and "&lt;script&gt;" in html
        assert "<b>Outlet" not in html and "onerror" not in page.attributes
        assert not any(link.lower().startswith("javascript:") for _, link in page.links)
    assert "javascript:alert(1)" in files["articles/x.html"].decode()  # shown as text, not linked


def test_every_page_has_the_csp_and_no_inline_script_or_style() -> None:
    files = render(make_site({"overlaps": OVERLAPS}, site_url="https://u.github.io/repo"))
    for path, data in files.items():
        if not path.endswith(".html"):
            continue
        page = Page(data.decode())
        assert page.csp == "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:"
        assert all(script.get("src") for script in page.scripts) and not page.inline_script.strip()
        assert "style" not in page.attributes and not any(a.startswith("on") for a in page.attributes)


def test_site_url_adds_canonical_links_sitemap_404_and_nojekyll() -> None:
    plain = render(make_site({"a": OVERLAPS}))
    assert not {".nojekyll", "404.html", "sitemap.xml"} & set(plain)
    assert 'rel="canonical"' not in plain["index.html"].decode()
    files = render(make_site({"a": OVERLAPS}, site_url="https://u.github.io/repo"))
    assert {".nojekyll", "404.html", "sitemap.xml"} <= set(files)
    assert '<link rel="canonical" href="https://u.github.io/repo/articles/a.html">' in files["articles/a.html"].decode()
    assert '<link rel="canonical" href="https://u.github.io/repo/">' in files["index.html"].decode()
    assert "<loc>https://u.github.io/repo/articles/a.html</loc>" in files["sitemap.xml"].decode()
    not_found = Page(files["404.html"].decode())
    assert ("link", "https://u.github.io/repo/static/style.css") in not_found.links  # any depth


def test_live_reload_only_in_serve_mode() -> None:
    plain = render(make_site({"a": OVERLAPS}))
    assert "static/reload.js" not in plain and "reload.js" not in plain["index.html"].decode()
    live = render(make_site({"a": OVERLAPS}, live_reload=True))
    html = live["articles/a.html"].decode()
    assert "static/reload.js" in live and 'src="../static/reload.js"' in html
    assert Page(html).csp.endswith("; connect-src 'self'")


def test_index_is_a_plain_table_with_every_article() -> None:
    site = make_site({"one": OVERLAPS, "two": "The bridge closed on Monday, the city said."})
    html = render(site)["index.html"].decode()
    page = Page(html)
    assert ("a", "articles/one.html") in page.links and ("a", "articles/two.html") in page.links
    assert 'id="filters" hidden' in html  # filter controls only appear when the script runs
    assert html.count("<tr data-tags") == 2


def test_fictional_articles_are_labelled() -> None:
    site = make_site({"a": OVERLAPS})
    (analysis,) = site.analyses
    fictional = replace(analysis, article=replace(analysis.article, meta=Meta(fictional=True)))
    files = render(replace(site, analyses=(fictional,)))
    assert "Fictional" in files["index.html"].decode() and "Fictional article." in files["articles/a.html"].decode()


def test_metric_cards_show_band_median_and_plot() -> None:
    site = make_site({"careful": "Mayor Ana Ortiz said the bridge will reopen in June.",
                      "thin": "Officials said the bridge may reopen. Sources said it could take months."})
    files = render(site)
    html = files["articles/thin.html"].decode()
    assert "Site median" in html and 'class="plot-this"' in html
    # Every article's dot is one picture per metric, shared by the scorecards.
    assert html.count('<image class="plot-others" href="../plots/') == 4
    dots = files["plots/anonymous_ratio.svg"].decode()
    assert dots.startswith("<svg") and dots.count("<circle") == 2
    assert 'band band-high' in html


def test_bands_come_from_config_and_are_validated() -> None:
    (spec, *_) = metric_specs({"anonymous_ratio": [0.1, 0.2]})
    assert spec.bands == (0.1, 0.2) and band(0.15, spec.bands) == "moderate" and band(None, spec.bands) == "none"
    assert band(0.2, spec.bands) == "high" and band(0.05, spec.bands) == "low"
    with pytest.raises(ConfigError, match="bands.anonymous_ratio"):
        metric_specs({"anonymous_ratio": [0.5, 0.1]})
    with pytest.raises(ConfigError, match="bands.nonsense"):
        metric_specs({"nonsense": [1, 2]})


def test_site_settings_are_validated_and_dated_only_on_request() -> None:
    settings = settings_from_config({"site": {"title": "Class", "site_url": "https://u.github.io/r/"}}, environ={})
    assert settings.title == "Class" and settings.site_url == "https://u.github.io/r" and settings.build_date == ""
    assert settings_from_config({}, environ={"SOURCE_DATE_EPOCH": "1767225600"}).build_date == "2026-01-01"
    with pytest.raises(ConfigError, match="site.site_url"):
        settings_from_config({"site": {"site_url": "javascript:x"}}, environ={})
    with pytest.raises(ConfigError, match="site.colour"):
        settings_from_config({"site": {"colour": "red"}}, environ={})


def test_project_templates_override_single_templates_and_static_files(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "404.html").write_text("unused")
    (tmp_path / "methodology.html").write_text('{% extends "base.html" %}{% block main %}<p>Our own method</p>{% endblock %}')
    (tmp_path / "static" / "style.css").write_text("body { color: navy; }")
    files = render(make_site({"a": OVERLAPS}), overrides=tmp_path)
    assert "<p>Our own method</p>" in files["methodology.html"].decode()
    assert files["static/style.css"] == b"body { color: navy; }"
    assert b"Headline metrics" in files["articles/a.html"]  # the other templates are the theme's


def test_article_text_is_never_a_template() -> None:
    files = render(make_site({"a": "Officials said {{ 7 * 191 }} and {% raw %} may {{ settings }} matter."}))
    html = files["articles/a.html"].decode()
    assert "{{ 7 * 191 }}" in html and "1337" not in html and "{% raw %}" in html


def test_notes_number_findings_in_text_order() -> None:
    site = make_site({"a": OVERLAPS})
    notes = number_findings(site.analyses[0].findings, site.rules)
    assert [n.number for n in notes] == list(range(1, len(notes) + 1))
    assert all(isinstance(n, Note) and n.letter in "AHG" for n in notes)


# The fragments built in Python (reportgen.fragments): exact HTML for small cases, hostile text escaped.

HOSTILE = "<script>alert('x')</script> & \"q\""
HOSTILE_HTML = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;q&#34;"


@pytest.mark.parametrize("text", [HOSTILE, "", "plain", "&amp; already", "<<>>''\"\"&&", "\u202e<b>\u00b7—’", *PAYLOADS])
def test_fragments_escape_text_exactly_as_the_templates_do(text: str) -> None:
    assert escape_text(text) == escape_replacing(text) == str(escape(text))


@given(st.text())
def test_fragments_escape_any_text_exactly_as_the_templates_do(text: str) -> None:
    assert escape_text(text) == str(escape(text))
    assert escape_replacing(text) == str(escape(text))  # the fallback without MarkupSafe's speedups
    assert type(escape_text(text)) is str  # a plain string, not Markup: the fragments escape every value


def _notes() -> tuple[Note, Note]:
    named = Finding("attribution", "A201", 0, 9, "<Sources>", f"Rests on “<Sources>” {HOSTILE}.",
                    source_kind="anonymous_vague", source_name="<Sources>")
    hedge = Finding("hedge", "H101", 4, 12, "ces> may", "“ces> may” softens it.", voice="quoted")
    return Note(1, named, "A", "vague <source>"), Note(2, hedge, "H", "may")


def test_highlighted_text_marks_each_finding_and_escapes_every_piece() -> None:
    first, second = _notes()
    paragraph = (Segment("<Sou", (1,), ("attribution",)), Segment("rces>", (1, 2), ("attribution", "hedge")), first,
                 Segment(" may", (2,), ("hedge",)), second, Segment(HOSTILE, (), ()))
    assert highlighted_text([paragraph], "../methodology.html") == (
        '    <p><span class="hl hl-attribution" data-f="1">&lt;Sou</span>'
        '<span class="hl hl-attribution hl-hedge" data-f="1 2">rces&gt;</span>'
        '<span class="fn fn-attribution"><a class="mk" id="f1" href="#n1" aria-describedby="tip1">A1</a>'
        '<span class="tip" role="tooltip" id="tip1"><span class="tip-head">A201 · vague &lt;source&gt; · attribution</span> '
        f'Rests on “&lt;Sources&gt;” {HOSTILE_HTML}. <a href="../methodology.html#rule-A201">About A201</a></span></span>'
        '<span class="hl hl-hedge" data-f="2"> may</span>'
        '<span class="fn fn-hedge"><a class="mk" id="f2" href="#n2" aria-describedby="tip2">H2</a>'
        '<span class="tip" role="tooltip" id="tip2"><span class="tip-head">H101 · may · hedge</span> '
        "“ces&gt; may” softens it. (Inside a quotation: the speaker's words, not the reporter's.) "
        '<a href="../methodology.html#rule-H101">About H101</a></span></span>'
        f"{HOSTILE_HTML}</p>\n")


def test_numbered_notes_link_marker_and_rule_and_escape_the_words() -> None:
    first, second = _notes()
    assert numbered_notes([first, second], "../methodology.html") == (
        '      <li id="n1"><a class="note-ref" href="#f1">A1</a>\n'
        '        <a class="rule-id" href="../methodology.html#rule-A201">A201</a>\n'
        f"Rests on “&lt;Sources&gt;” {HOSTILE_HTML}.</li>\n"
        '      <li id="n2"><a class="note-ref" href="#f2">H2</a>\n'
        '        <a class="rule-id" href="../methodology.html#rule-H101">H101</a>\n'
        "“ces&gt; may” softens it. <em>(inside a quotation)</em></li>\n")
    elsewhere = Note(3, replace(first.finding, explanation="Unnamed."), "A", "vague")  # its words are shown too
    assert "<q>&lt;Sources&gt;</q>: Unnamed.</li>" in numbered_notes([elsewhere], "")


def test_source_table_rows_show_kind_relays_and_claims_escaped() -> None:
    rows = [SourceRow(HOSTILE, "vague group", True, 2, ("<v>", "w&"), (1, 3)), SourceRow("Ana", "named person", False, 1, (), (2,))]
    assert source_table_rows(rows) == (
        '      <tr class="anonymous">\n'
        f'        <td data-label="Source" class="source-name">{HOSTILE_HTML}</td>\n'
        '        <td data-label="Kind"><strong>anonymous</strong>: vague group</td>\n'
        '        <td data-label="Claims" class="num">2</td>\n'
        '        <td data-label="Relayed by">&lt;v&gt;, w&amp;</td>\n'
        '        <td data-label="Where"><a href="#f1">A1</a> <a href="#f3">A3</a></td>\n'
        "      </tr>\n"
        '      <tr class="named">\n'
        '        <td data-label="Source" class="source-name">Ana</td>\n'
        '        <td data-label="Kind">named person</td>\n'
        '        <td data-label="Claims" class="num">1</td>\n'
        '        <td data-label="Relayed by" class="empty">—</td>\n'
        '        <td data-label="Where"><a href="#f2">A2</a></td>\n'
        "      </tr>\n")


def test_formula_rows_show_value_formula_and_counts_escaped() -> None:
    row = FormulaRow("<F>", "a × b", HOSTILE, 7.25, "'m'")
    assert formula_rows([row]) == (
        "      <tr>\n"
        '        <th scope="row" data-label="Score">&lt;F&gt;</th>\n'
        '        <td data-label="Value" class="num">7.2</td>\n'
        f'        <td data-label="Formula"><code>a × b</code><br><code class="worked">= {HOSTILE_HTML}</code><br>'
        '<span class="meaning">&#39;m&#39;</span></td>\n'
        "      </tr>\n")


def test_metric_card_shows_value_band_and_strip_plot_escaped() -> None:
    plot = Plot(240, 28, (8, 232), "plots/anonymous_ratio.svg", 119.1, 111.9, (97.6, 187.2), f"This {HOSTILE}")
    card = MetricCard("anonymous_ratio", "<L>", "50%", "of <u>", "high", "low under 25%, high from 50%", HOSTILE, "29%", plot)
    svg = ('  <svg class="plot" viewBox="0 0 240 28" width="240" height="28" role="img" '
           f'aria-label="This {HOSTILE_HTML}">\n<title>This {HOSTILE_HTML}</title>\n'
           '<line class="plot-axis" x1="8" y1="14" x2="232" y2="14"/>\n'
           '<line class="plot-threshold" x1="97.6" y1="9" x2="97.6" y2="19"/>'
           '<line class="plot-threshold" x1="187.2" y1="9" x2="187.2" y2="19"/>'
           '<image class="plot-others" href="../plots/anonymous_ratio.svg" x="0" y="0" width="240" height="28"/>\n')
    assert metric_card(card, "../plots/anonymous_ratio.svg") == (
        '<section class="card card-high" aria-labelledby="card-anonymous_ratio">\n'
        '  <h3 id="card-anonymous_ratio"><span>&lt;L&gt;</span> <span class="band band-high">high</span></h3>\n'
        '  <p class="card-value"><span class="value">50%</span> <span class="unit">of &lt;u&gt;</span></p>\n'
        f'  <p class="card-meaning">{HOSTILE_HTML}</p>\n'
        f'{svg}<line class="plot-median" x1="111.9" y1="3" x2="111.9" y2="25"/>'
        '<circle class="plot-this" cx="119.1" cy="14" r="6"/></svg>\n'
        '  <p class="card-median">Site median 29%. Bands: low under 25%, high from 50%.</p>\n'
        "</section>")
    bare = replace(card, band="none", plot=replace(plot, this=None, median=None))  # no value, no median
    html = metric_card(bare, "../plots/anonymous_ratio.svg")
    assert '<span class="band band-none">no value</span>' in html and f"{svg}</svg>\n" in html


def test_index_row_fragment_is_exact_and_escapes_every_value() -> None:
    spec = replace(metric_specs({})[0], label=f"Anon {HOSTILE}")
    meta = Meta(outlet=HOSTILE, author=HOSTILE, date="2024-05-01", tags=(HOSTILE, "b"), fictional=True)
    row = IndexRow(replace(article("x"), title=HOSTILE, meta=meta), "articles/a.html",
                   (IndexCell(spec, f"5% {HOSTILE}", "0.05", "low"), IndexCell(spec, "—", "", "none")))
    assert str(index_row(row, "articles/a.html?<x>")) == (
        f'    <tr data-tags="{HOSTILE_HTML}|b" data-search="{HOSTILE_HTML}">\n'
        f'      <td data-label="Article" data-sort="{HOSTILE_HTML}"><a href="articles/a.html?&lt;x&gt;">{HOSTILE_HTML}</a> '
        '<span class="fictional" title="Written for teaching; the people, places and outlet are invented">Fictional</span>'
        f'<ul class="tags" aria-label="Tags"><li>{HOSTILE_HTML}</li><li>b</li></ul></td>\n'
        f'      <td data-label="Outlet" data-sort="{HOSTILE_HTML}">{HOSTILE_HTML}</td>\n'
        '      <td data-label="Date" data-sort="2024-05-01" class="nowrap">2024-05-01</td>\n'
        f'      <td data-label="Anon {HOSTILE_HTML}" data-sort="0.05" class="num band-cell band-cell-low">5% {HOSTILE_HTML} '
        '<span class="band-word">low</span></td>\n'
        f'      <td data-label="Anon {HOSTILE_HTML}" data-sort="" class="num band-cell band-cell-none">— '
        '<span class="band-word"></span></td>\n'
        '    </tr>')
    bare = IndexRow(replace(article("x"), title="T", meta=Meta()), "articles/t.html", ())
    assert str(index_row(bare, "articles/t.html")) == (
        '    <tr data-tags="">\n'
        '      <td data-label="Article" data-sort="T"><a href="articles/t.html">T</a> </td>\n'
        '      <td data-label="Outlet" data-sort="">—</td>\n'
        '      <td data-label="Date" data-sort="" class="nowrap">—</td>\n'
        '    </tr>')
