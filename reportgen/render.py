"""Render the site: every page, data file and asset as bytes, keyed by site-relative path.

Templates are trusted, articles are not: Jinja autoescapes everything, undefined names are
errors, and article text only ever reaches a template as a value. Every internal URL goes
through one filter, ``url``, which makes it relative to the page being rendered, so the site
works under any subpath and from ``file://``.
"""

from __future__ import annotations

import datetime
import os
import posixpath
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from reportgen import __version__
from reportgen.corpus import MetricSpec, band, distributions, format_value, metric
from reportgen.errors import ConfigError
from reportgen.export import corpus_dict, to_csv, to_json
from reportgen.model import CATEGORIES, Analysis, Article
from reportgen.rules import RuleSet
from reportgen.scorecard import LETTERS, make_scorecard, readability_rows

CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:"
RELOAD_SCRIPT = "static/reload.js"


@dataclass(frozen=True)
class Settings:
    """The ``[site]`` settings, plus whether pages poll ``reportgen serve`` for reloads."""

    title: str = "Sourcing scorecards"
    description: str = ""
    site_url: str = ""
    build_date: str = ""
    live_reload: bool = False


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from: every analysis, the rules, the bands, the settings."""

    analyses: tuple[Analysis, ...]
    rules: RuleSet
    specs: tuple[MetricSpec, ...]
    settings: Settings = field(default_factory=Settings)
    skipped: tuple[tuple[str, str], ...] = ()


def theme_dir() -> Path:
    """The default theme: packaged as ``reportgen/templates``, or ``<repo>/templates`` in a checkout."""
    packaged = resources.files("reportgen").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "templates"


def make_environment(overrides: Path | None = None) -> Environment:
    """A Jinja environment over the project's templates (if any) first, then the default theme."""
    folders = [overrides] if overrides is not None and overrides.is_dir() else []
    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in [*folders, theme_dir()]])
    env = Environment(loader=loader, autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["url"] = url_filter
    env.filters["external"] = external_url
    env.filters["metric"] = lambda value, spec: format_value(spec, value)
    env.filters["placeholders"] = show_placeholders
    return env


def relative_url(target: str, page: str) -> str:
    """The URL of a site-relative target as seen from the page at site-relative path page."""
    path, hash_, fragment = target.partition("#")
    if not path:
        return target
    relative = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return relative + hash_ + fragment


@pass_context
def url_filter(context: Mapping[str, Any], target: str) -> str:
    """Jinja filter: a site-relative target, relative to the current page (absolute on the 404 page)."""
    base = context["base_url"]
    return f"{base}/{target}" if base else relative_url(target, context["page_path"])


def external_url(url: str) -> str | None:
    """The URL if it is http(s) and safe to link, else None (shown as text, never linked)."""
    text = url.strip()
    ok = text.lower().startswith(("http://", "https://")) and not any(c.isspace() or ord(c) < 32 for c in text)
    return text if ok else None


def show_placeholders(explanation: str) -> Markup:
    """A rule's explanation template, escaped, with ``{text}``/``{source}`` shown as placeholders."""
    html = str(escape(explanation))
    for name, label in (("text", "matched words"), ("source", "source")):
        html = html.replace("{" + name + "}", f"<var>{label}</var>")
    return Markup(html)


def render_site(site: Site, env: Environment, overrides: Path | None = None) -> dict[str, bytes]:
    """Every output file of the site, as bytes keyed by site-relative POSIX path."""
    files = {**render_pages(site, env), **render_data(site), **read_static(overrides, site.settings.live_reload)}
    if site.settings.site_url:
        files[".nojekyll"] = b""
        files["404.html"] = _render(env, "404.html", "404.html", site, base_url=site.settings.site_url)
        files["sitemap.xml"] = _render(env, "sitemap.xml", "sitemap.xml", site, pages=_sitemap_pages(site))
    return files


def render_pages(site: Site, env: Environment) -> dict[str, bytes]:
    """The index, methodology and one scorecard per article."""
    pages = {
        "index.html": _render(env, "index.html", "index.html", site, rows=index_rows(site), tags=_all_tags(site)),
        "methodology.html": _render(env, "methodology.html", "methodology.html", site, rules=site.rules,
                                    categories=CATEGORIES, letters=LETTERS),
    }
    spread = distributions(site.analyses, site.specs)
    for analysis in site.analyses:
        path = article_path(analysis)
        card = make_scorecard(analysis, spread, site.rules)
        pages[path] = _render(env, "scorecard.html", path, site, card=card, article=analysis.article,
                              readability=readability_rows(analysis.readability), letters=LETTERS,
                              data_path=data_path(analysis))
    return pages


def render_data(site: Site) -> dict[str, bytes]:
    """``data/articles.json``, ``data/articles.csv`` and ``data/<slug>.json``, as ``reportgen analyze`` writes them."""
    fingerprint = site.rules.fingerprint
    files = {
        "data/articles.json": to_json(corpus_dict(site.analyses, site.skipped, fingerprint)).encode(),
        "data/articles.csv": to_csv(site.analyses).encode(),
    }
    for analysis in site.analyses:
        files[data_path(analysis)] = to_json(corpus_dict([analysis], (), fingerprint)).encode()
    return files


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


def article_path(analysis: Analysis) -> str:
    """The site-relative path of an article's scorecard."""
    return f"articles/{analysis.article.slug}.html"


def data_path(analysis: Analysis) -> str:
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


def index_rows(site: Site) -> list[IndexRow]:
    """One row per article for the index table; generalizations are shown as a count, banded per 100 words."""
    rows = []
    for analysis in site.analyses:
        cells = []
        for spec in site.specs:
            value = metric(analysis, spec.key)
            counted = spec.key.startswith("generalizations")
            sort = analysis.metrics.generalizations if counted else value
            shown = str(analysis.metrics.generalizations) if counted else format_value(spec, value)
            cells.append(IndexCell(spec, shown, "" if sort is None else f"{sort:g}", band(value, spec.bands)))
        rows.append(IndexRow(analysis.article, article_path(analysis), tuple(cells)))
    return rows


def csp(live_reload: bool) -> str:
    """The Content-Security-Policy: no inline script; ``serve`` may also poll its own origin."""
    return CSP + ("; connect-src 'self'" if live_reload else "")


def _render(env: Environment, template: str, path: str, site: Site, base_url: str = "", **context: Any) -> bytes:
    settings = site.settings
    canonical = f"{settings.site_url}/{_pretty(path)}" if settings.site_url and path.endswith(".html") else ""
    html = env.get_template(template).render(
        page_path=path, base_url=base_url, settings=settings, csp=csp(settings.live_reload),
        canonical=canonical if path != "404.html" else "", version=__version__, specs=site.specs,
        article_count=len(site.analyses), **context,
    )
    return html.encode("utf-8")


def _pretty(path: str) -> str:
    """A page path as its canonical URL path (``index.html`` → the folder itself)."""
    return path[: -len("index.html")] if path == "index.html" or path.endswith("/index.html") else path


def _sitemap_pages(site: Site) -> list[str]:
    paths = ["index.html", "methodology.html", *sorted(article_path(a) for a in site.analyses)]
    return [f"{site.settings.site_url}/{_pretty(p)}" for p in paths]


def _all_tags(site: Site) -> list[str]:
    return sorted({tag for a in site.analyses for tag in a.article.meta.tags}, key=lambda t: (t.casefold(), t))


def settings_from_config(config: Mapping[str, Any], environ: Mapping[str, str] = os.environ,
                         live_reload: bool = False) -> Settings:
    """``[site]`` settings, validated; a build date only when ``SOURCE_DATE_EPOCH`` is set."""
    section = config.get("site", {})
    known = ("title", "description", "site_url")
    for key, value in section.items():
        if key not in known:
            raise ConfigError(f"site.{key}: unknown setting (known: {', '.join(known)})")
        if not isinstance(value, str):
            raise ConfigError(f"site.{key}: must be a string")
    site_url = section.get("site_url", "").strip().rstrip("/")
    if site_url and external_url(site_url) is None:
        raise ConfigError(f"site.site_url: must start with https:// or http://, got {site_url!r}")
    return Settings(title=section.get("title", "").strip() or Settings.title,
                    description=section.get("description", "").strip(), site_url=site_url,
                    build_date=build_date(environ), live_reload=live_reload)


def build_date(environ: Mapping[str, str]) -> str:
    """``SOURCE_DATE_EPOCH`` as a UTC date (empty when unset): reproducible builds may say when."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return ""
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise ConfigError(f"SOURCE_DATE_EPOCH: must be a whole number of seconds, got {epoch!r}") from None
