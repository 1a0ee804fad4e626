"""Render the site: every page, data file and asset as bytes, keyed by site-relative path.

Templates are trusted, articles are not: Jinja autoescapes everything, undefined names are
errors, and article text only ever reaches a template as a value. Every internal URL goes
through one filter, ``url``, which makes it relative to the page being rendered, so the site
works under any subpath and from ``file://``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from reportgen import __version__
from reportgen.corpus import (PLOT_HEIGHT, PLOT_WIDTH, Distribution, MetricCard, MetricSpec, band, distributions,
                              format_value, metric, plot_path, plot_positions)
from reportgen.export import article_json, json_document, to_csv
from reportgen.fragments import (fictional_badge, formula_rows, highlighted_text, index_row, metric_card, numbered_notes,
                                 source_table_rows, tag_list)
from reportgen.model import CATEGORIES, Analysis, Article, Summary
from reportgen.rules import RuleSet
from reportgen.scorecard import LETTERS, Note, Piece, make_scorecard, readability_rows
from reportgen.theme import Settings, external_url, templates_digest, theme_dir

CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:"
RELOAD_SCRIPT = "static/reload.js"


@dataclass(frozen=True)
class Site:
    """A whole site in memory: every analysis, the rules, the bands, the settings (small sites, tests)."""

    analyses: tuple[Analysis, ...]
    rules: RuleSet
    specs: tuple[MetricSpec, ...]
    settings: Settings = field(default_factory=Settings)
    skipped: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Context:
    """What every page needs to know about the whole site, but no article's text."""

    settings: Settings
    specs: tuple[MetricSpec, ...]
    spread: tuple[Distribution, ...]  # each headline metric across the site
    count: int  # articles on the site

    @classmethod
    def of(cls, summaries: Sequence[Summary | Analysis], specs: tuple[MetricSpec, ...], settings: Settings) -> "Context":
        """The context of a site made of these articles."""
        return cls(settings, specs, distributions(summaries, specs), len(summaries))


@dataclass(frozen=True)
class ArticleOutput:
    """One article's files (scorecard and data), and its line of ``data/articles.json``."""

    files: dict[str, bytes]
    entry: str


def make_environment(overrides: Path | None = None, compiled: Path | None = None) -> Environment:
    """A Jinja environment over the project's templates (if any) first, then the default theme.

    ``compiled`` is a folder where compiled templates are kept, so that the next process need not
    compile them again (Jinja checks each against its source).
    """
    folder = overrides if overrides is not None and overrides.is_dir() else None
    return _environment(folder, templates_digest(folder), compiled)


@lru_cache(maxsize=4)
def _environment(overrides: Path | None, digest: str, compiled: Path | None) -> Environment:
    # Cached by the templates' contents: ``serve`` rebuilds without compiling every template again,
    # and any change to a template, or a new one, gives a new environment.
    folders = [overrides] if overrides is not None else []
    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in [*folders, theme_dir()]])
    bytecode = None
    if compiled is not None:
        compiled.mkdir(parents=True, exist_ok=True)
        bytecode = FileSystemBytecodeCache(str(compiled))
    # No auto_reload: a changed template gives another digest, so another environment, and each
    # page need not ask the file system whether its six templates changed.
    env = Environment(loader=loader, autoescape=True, undefined=StrictUndefined, bytecode_cache=bytecode,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)
    env.filters["url"] = url_filter
    env.filters["external"] = external_url
    env.filters["metric"] = lambda value, spec: format_value(spec, value)
    env.filters["placeholders"] = show_placeholders
    env.filters["highlighted"] = highlighted_filter
    env.filters["numbered_notes"] = numbered_notes_filter
    env.filters["source_rows"] = source_table_rows
    env.filters["metric_cards"] = metric_cards_filter
    env.filters["formula_rows"] = formula_rows
    env.filters["index_row"] = index_row_filter
    env.filters["fictional_badge"] = fictional_badge
    env.filters["tag_list"] = tag_list
    return env


def relative_url(target: str, page: str) -> str:
    """The URL of a site-relative target as seen from the page at site-relative path page."""
    path, hash_, fragment = target.partition("#")
    if not path:
        return target
    return _relative_path(path, _folder(page)) + hash_ + fragment


@lru_cache(maxsize=4096)
def _relative_path(path: str, folder: str) -> str:
    # Cached: a site has a handful of page folders and the same few targets on every page.
    return posixpath.relpath(path, folder)


@lru_cache(maxsize=256)
def _folder(page: str) -> str:
    # Cached: a page asks for the URLs of a dozen targets.
    return posixpath.dirname(page) or "."


@pass_context
def url_filter(context: Mapping[str, Any], target: str) -> str:
    """Jinja filter: a site-relative target, relative to the current page (absolute on the 404 page)."""
    base = context["base_url"]
    return f"{base}/{target}" if base else relative_url(target, context["page_path"])


@pass_context
def index_row_filter(context: Mapping[str, Any], row: IndexRow) -> Markup:
    """Jinja filter: one article's row of the index table (see ``reportgen.fragments``)."""
    return index_row(row, url_filter(context, row.path))


@pass_context
def highlighted_filter(context: Mapping[str, Any], paragraphs: Sequence[Sequence[Piece]]) -> Markup:
    """Jinja filter: a scorecard's paragraphs with every finding highlighted (see ``reportgen.fragments``)."""
    return highlighted_text(paragraphs, url_filter(context, "methodology.html"))


@pass_context
def numbered_notes_filter(context: Mapping[str, Any], notes: Sequence[Note]) -> Markup:
    """Jinja filter: the ``<li>`` items of numbered findings (see ``reportgen.fragments``)."""
    return numbered_notes(notes, url_filter(context, "methodology.html"))


@pass_context
def metric_cards_filter(context: Mapping[str, Any], cards: Sequence[MetricCard]) -> Markup:
    """Jinja filter: a scorecard's metric cards, each on its line (see ``reportgen.fragments``)."""
    return Markup("".join(f"  {metric_card(card, url_filter(context, card.plot.others))}\n" for card in cards))


def show_placeholders(explanation: str) -> Markup:
    """A rule's explanation template, escaped, with ``{text}``/``{source}`` shown as placeholders."""
    html = str(escape(explanation))
    for name, label in (("text", "matched words"), ("source", "source")):
        html = html.replace("{" + name + "}", f"<var>{label}</var>")
    return Markup(html)


def render_site(site: Site, env: Environment, overrides: Path | None = None) -> dict[str, bytes]:
    """Every output file of a site held in memory, as bytes keyed by site-relative POSIX path."""
    context = Context.of(site.analyses, site.specs, site.settings)
    outputs = [render_article(env, analysis, context, site.rules) for analysis in site.analyses]
    summaries = [Summary.of(a) for a in site.analyses]
    files = render_shared(env, summaries, site.skipped, context, site.rules, overrides)
    files["index.html"] = "".join(render_index(env, summaries, context)).encode()
    files["data/articles.json"] = json_document([o.entry for o in outputs], site.skipped, site.rules.fingerprint)
    for output in outputs:
        files.update(output.files)
    return files


def render_article(env: Environment, analysis: Analysis, context: Context, rules: RuleSet) -> ArticleOutput:
    """One article's scorecard page and data file."""
    path = article_path(analysis)
    card = make_scorecard(analysis, context.spread, rules)
    page = _render(env, "scorecard.html", path, context, card=card, article=analysis.article,
                   readability=readability_rows(analysis.readability), letters=LETTERS,
                   data_path=data_path(analysis))
    entry = article_json(analysis)
    data = json_document([entry], (), rules.fingerprint)
    return ArticleOutput({path: page, data_path(analysis): data}, entry)


def render_shared(env: Environment, summaries: Sequence[Summary], skipped: Sequence[tuple[str, str]],
                  context: Context, rules: RuleSet, overrides: Path | None = None) -> dict[str, bytes]:
    """The pages and files made from the whole site: methodology, CSV, plots, assets, 404 and sitemap.

    The two files whose size grows with the site are not among them, so that a build can stream
    them: ``data/articles.json`` (every article's text) and the index (``render_index``).
    """
    files = {
        "methodology.html": _render(env, "methodology.html", "methodology.html", context, rules=rules,
                                    categories=CATEGORIES, letters=LETTERS),
        "data/articles.csv": to_csv(summaries).encode(),
        **read_static(overrides, context.settings.live_reload),
    }
    for distribution in context.spread:
        files[plot_path(distribution.spec)] = env.get_template("plot.svg").render(
            width=PLOT_WIDTH, height=PLOT_HEIGHT, positions=plot_positions(summaries, distribution)).encode()
    site_url = context.settings.site_url
    if site_url:
        files[".nojekyll"] = b""
        files["404.html"] = _render(env, "404.html", "404.html", context, base_url=site_url)
        files["sitemap.xml"] = _render(env, "sitemap.xml", "sitemap.xml", context, pages=_sitemap_pages(summaries, site_url))
    return files


def render_index(env: Environment, summaries: Sequence[Summary], context: Context) -> Iterator[str]:
    """The index page, in pieces."""
    return _generate(env, "index.html", "index.html", context, rows=index_rows(summaries, context.specs),
                     tags=_all_tags(summaries))


def read_static(overrides: Path | None, live_reload: bool) -> dict[str, bytes]:
    """The theme's ``static/`` files, each replaced by a same-named file in the project's ``templates/static``."""
    files: dict[str, bytes] = {}
    for root in [theme_dir(), *([overrides] if overrides is not None else [])]:
        static = root / "static"
        for path in sorted(static.rglob("*")) if static.is_dir() else ():
            relative = path.relative_to(root).as_posix()
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(static).parts):
                files[relative] = path.read_bytes()
    if not live_reload:
        files.pop(RELOAD_SCRIPT, None)
    return files


def article_path(analysis: Analysis | Summary) -> str:
    """The site-relative path of an article's scorecard."""
    return f"articles/{analysis.article.slug}.html"


def data_path(analysis: Analysis | Summary) -> str:
    """The site-relative path of an article's JSON export."""
    return f"data/{analysis.article.slug}.json"


@dataclass(frozen=True)
class IndexCell:
    """One metric of one article in the index table: as shown, as sorted, and its band."""

    spec: MetricSpec
    shown: str
    sort: str
    band: str


@dataclass(frozen=True)
class IndexRow:
    """One article in the index table."""

    article: Article
    path: str
    cells: tuple[IndexCell, ...]


def index_rows(summaries: Sequence[Summary], specs: Sequence[MetricSpec]) -> list[IndexRow]:
    """One row per article for the index table; generalizations are shown as a count, banded per 100 words."""
    rows = []
    for summary in summaries:
        cells = []
        for spec in specs:
            value = metric(summary, spec.key)
            counted = spec.key.startswith("generalizations")
            sort = summary.metrics.generalizations if counted else value
            shown = str(summary.metrics.generalizations) if counted else format_value(spec, value)
            cells.append(IndexCell(spec, shown, "" if sort is None else f"{sort:g}", band(value, spec.bands)))
        rows.append(IndexRow(summary.article, article_path(summary), tuple(cells)))
    return rows


def csp(live_reload: bool) -> str:
    """The Content-Security-Policy: no inline script; ``serve`` may also poll its own origin."""
    return CSP + ("; connect-src 'self'" if live_reload else "")


def _render(env: Environment, template: str, path: str, context: Context, base_url: str = "", **values: Any) -> bytes:
    return "".join(_generate(env, template, path, context, base_url, **values)).encode("utf-8")


def _generate(env: Environment, template: str, path: str, context: Context, base_url: str = "",
              **values: Any) -> Iterator[str]:
    """A page in pieces, with the values every page has."""
    settings = context.settings
    canonical = f"{settings.site_url}/{_pretty(path)}" if settings.site_url and path.endswith(".html") else ""
    return env.get_template(template).generate(
        page_path=path, base_url=base_url, settings=settings, csp=csp(settings.live_reload),
        canonical=canonical if path != "404.html" else "", version=__version__, specs=context.specs,
        article_count=context.count, **values,
    )


def _pretty(path: str) -> str:
    """A page path as its canonical URL path (``index.html`` → the folder itself)."""
    return path[: -len("index.html")] if path == "index.html" or path.endswith("/index.html") else path


def _sitemap_pages(summaries: Sequence[Summary], site_url: str) -> list[str]:
    paths = ["index.html", "methodology.html", *sorted(article_path(s) for s in summaries)]
    return [f"{site_url}/{_pretty(p)}" for p in paths]


def _all_tags(summaries: Sequence[Summary]) -> list[str]:
    return sorted({tag for s in summaries for tag in s.article.meta.tags}, key=lambda t: (t.casefold(), t))
