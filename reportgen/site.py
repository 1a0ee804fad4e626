"""Make the site: every article analyzed (or found in the cache), then every page rendered and written.

``build`` comes here only when something changed. Only the articles' summaries stay in memory:
analyses go through the cache from the workers that make them to the workers that render them,
and the two files that grow with the site (the index and ``data/articles.json``) are streamed.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from reportgen.build import BuildOptions, Log, Plan, digest, progress_reporter, report_warnings
from reportgen.cache import CACHE_DIR, TEMPLATES, AnalysisCache, Brief, Problem
from reportgen.export import json_chunks
from reportgen.find import NO_ARTICLES
from reportgen.model import Item, Summary
from reportgen.render import Context, article_path, data_path, make_environment, render_index, render_shared
from reportgen.rules import RuleSet
from reportgen.workers import Workers
from reportgen.write import Staging

RESERVED_SLUGS = frozenset({"articles"})  # data/articles.json is the corpus export


def make_site(plan: Plan, previous: Mapping[str, Any], log: Log) -> tuple[int, int, tuple[str, ...]]:
    """Analyze, render and write the planned site; its articles, findings and warnings."""
    options = plan.options
    with open_cache(options) as cache, Workers(options.jobs, plan.config, options.content, cache.folder,
                                               plan.overrides, plan.rules) as workers:
        items, problems = analyze_articles(plan.files, plan.keys, cache.briefs(), workers,
                                           progress_reporter(len(plan.files), log))
        skipped, warnings = site_problems(plan, problems)
        report_warnings(warnings, options.strict, log)
        items = unique_slugs(items)
        summaries = [item.summary for item in items]
        context = Context.of(summaries, plan.specs, plan.settings)
        with Staging(options.output) as staging:
            pages = page_keys(items, context, plan)
            write_articles(items, skipped, plan.rules, staging, workers, context, pages, previous.get("pages", {}))
            env = make_environment(plan.overrides, cache.folder / TEMPLATES)
            staging.write_chunks("index.html", (piece.encode() for piece in render_index(env, summaries, context)))
            shared = render_shared(env, summaries, skipped, context, plan.rules, plan.overrides)
            for relative, data in sorted(shared.items()):
                staging.write(relative, data)
            staging.manifest = manifest(plan, pages, summaries, warnings)
        if options.cache:
            cache.keep_only([*(item.key for item in items), *problems])
    return len(items), sum(summary.findings for summary in summaries), warnings


def site_problems(plan: Plan, problems: Mapping[str, Problem]) -> tuple[list[Problem], tuple[str, ...]]:
    """The files left out of the site and why (an empty content folder too), and the warnings they give."""
    skipped = list(problems.values())
    if not plan.files:
        skipped.append((plan.options.content.name or str(plan.options.content), NO_ARTICLES))
    return skipped, tuple(f"{path}: {problem}" for path, problem in skipped)


def page_keys(items: Sequence[Item], context: Context, plan: Plan) -> dict[str, str]:
    """The key of what each article's files are made from, by slug: its own key and what every page depends on."""
    common = digest(context, plan.rules.fingerprint, plan.templates)
    return {item.summary.article.slug: digest(common, item.key, item.summary.article.slug) for item in items}


def manifest(plan: Plan, pages: Mapping[str, str], summaries: Sequence[Summary],
             warnings: Sequence[str]) -> dict[str, Any]:
    """What the marker file records of a site: its key, its pages' keys, its counts and warnings."""
    counts = [len(summaries), sum(summary.findings for summary in summaries)]
    return {"site": plan.site_key, "pages": dict(pages), "counts": counts, "warnings": list(warnings)}


def analyze_articles(files: Sequence[Path], keys: Sequence[str], known: dict[str, Brief], workers: "Workers",
                     progress: Callable[[int], None]) -> tuple[list[Item], dict[str, Problem]]:
    """Every article's summary (known, or analyzed now and added to known), and the files that could not be loaded."""
    todo = [(path, key) for path, key in zip(files, keys) if key not in known]
    done = len(files) - len(todo)
    for batch, briefs in zip(*workers.map("analyze", todo)):
        known.update((key, found) for (_, key), found in zip(batch, briefs))
        done += len(batch)
        progress(done)
    items, problems = [], {}
    for path, key in zip(files, keys):
        if isinstance(known[key], Summary):
            items.append(Item(path, key, known[key]))
        else:
            problems[key] = known[key]
    return items, problems


def write_articles(items: Sequence[Item], skipped: Sequence[Problem], rules: RuleSet, staging: Staging,
                   workers: "Workers", context: Context, pages: Mapping[str, str],
                   previous: Mapping[str, str]) -> None:
    """Write every article's files and ``data/articles.json``.

    An article whose page key (pages) is the one the current site's manifest gives it (previous) keeps its files.
    """
    todo = [item for item in items if previous.get(item.summary.article.slug) != pages[item.summary.article.slug]
            or not staging.keep(*article_files(item))]
    batches, results = workers.map("render", todo, context, staging.root)
    finished = iter(zip(batches, results))
    fresh, written = {item.key for item in todo}, set()

    def entries() -> Iterator[bytes]:
        """Each article's line of articles.json, copied from its data file once the file is written."""
        for item in items:
            while item.key in fresh and item.key not in written:
                batch, _ = next(finished)
                written.update(i.key for i in batch)
            yield json_line(staging.root / data_path(item.summary))

    staging.write_chunks("data/articles.json", json_chunks(entries(), skipped, rules.fingerprint))


def json_line(data_file: Path) -> bytes:
    """An article's line of ``data/articles.json``: the third line of its data file."""
    return data_file.read_bytes().split(b"\n", 3)[2]


def article_files(item: Item) -> tuple[str, str]:
    """The site-relative paths of an article's scorecard and data file."""
    return article_path(item.summary), data_path(item.summary)


@contextmanager
def open_cache(options: BuildOptions) -> Iterator[AnalysisCache]:
    """The project's analysis cache, or a temporary one that only carries analyses from stage 2 to 3."""
    folder = nullcontext(str(options.project / CACHE_DIR)) if options.cache else tempfile.TemporaryDirectory(
        prefix="reportgen-cache-")
    with folder as path:
        cache = AnalysisCache(Path(path))
        try:
            yield cache
        finally:
            cache.close()


def unique_slugs(items: Sequence[Item]) -> list[Item]:
    """The items with distinct slugs, ignoring case: later duplicates (in path order) get ``-2``, ``-3``, ..."""
    natural = {i.summary.article.slug.casefold() for i in items}
    taken = set(RESERVED_SLUGS)
    unique = []
    for item in items:
        slug = item.summary.article.slug
        if slug.casefold() in taken:
            n = 2
            while f"{slug}-{n}".casefold() in taken or f"{slug}-{n}".casefold() in natural:
                n += 1
            slug = f"{slug}-{n}"
            summary = item.summary
            item = replace(item, summary=replace(summary, article=replace(summary.article, slug=slug)))
        taken.add(slug.casefold())
        unique.append(item)
    return unique
