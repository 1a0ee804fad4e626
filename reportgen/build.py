"""``reportgen build``: analyze every article, then render the site, then write it.

1. Plan: find the files and hash them. If nothing the site depends on changed since the build
   that wrote the output folder, stop here.
2. Analyze: each article is loaded and analyzed (or found in the cache by its key) in worker
   processes, which store the analysis in the cache and hand back a small summary. Only the
   summaries stay in memory; they are enough for the index, the CSV and the site statistics.
3. Render and write: each article's scorecard and data file, from its cached analysis, in the
   workers; files whose inputs did not change are taken over from the previous site instead.
   The parent writes them into a staging folder, streams ``data/articles.json``, adds the shared
   pages and swaps the staging folder in, so the old site stays whole until the new one is.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence, TypeVar

from jinja2 import Environment

from reportgen import __version__
from reportgen.analyze import analyze
from reportgen.cache import CACHE_DIR, AnalysisCache, Brief, Problem, article_key, brief
from reportgen.config import load_config
from reportgen.corpus import metric_specs
from reportgen.errors import ArticleError, ReportgenError
from reportgen.export import json_chunks
from reportgen.load import NO_ARTICLES, find_articles, load_article
from reportgen.model import Analysis, Summary
from reportgen.render import (Context, article_path, data_path, make_environment, render_article, render_index,
                              render_shared, settings_from_config, templates_digest)
from reportgen.rules import RuleSet, load_rules
from reportgen.write import GuardedFolder, Staging, check_output_folder, read_manifest

PROGRESS_ABOVE = 50  # articles; smaller builds finish before progress would help
# A worker process first pays a few tenths of a second to start (imports, rules, syllable
# dictionary) and an article then takes a few milliseconds: a worker is only worth it for
# ~100 articles.
ARTICLES_PER_WORKER = 100
BATCHES_PER_WORKER = 8  # small enough to share the work out evenly, big enough to pay a transaction
RESERVED_SLUGS = frozenset({"articles"})  # data/articles.json is the corpus export

Log = Callable[[str], None]
T = TypeVar("T")


class StrictBuildError(ReportgenError):
    """``--strict`` and at least one warning: the build fails and the old site stays."""

    exit_code = 1


@dataclass(frozen=True)
class BuildOptions:
    """What to build from, where to, and how."""

    content: Path = Path("content")
    output: Path = Path("site")
    config: Path | None = None
    jobs: int | None = None  # at most this many processes; None: one per CPU
    strict: bool = False
    live_reload: bool = False
    cache: bool = True  # keep analyses in <project>/.reportgen-cache and unchanged pages of the last site

    @property
    def project(self) -> Path:
        """The project folder: the config file's, else the current one."""
        return self.config.parent if self.config is not None else Path.cwd()


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the articles and findings written, the warnings, the time taken."""

    articles: int
    findings: int
    warnings: tuple[str, ...]
    seconds: float
    output: Path
    up_to_date: bool = False

    def summary(self) -> str:
        """The one summary line printed at the end of a build."""
        warned = f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        done = "up to date" if self.up_to_date else "built"
        return (f"{done} {self.output}: {self.articles} article{'s' if self.articles != 1 else ''}, "
                f"{self.findings} findings, {warned} in {self.seconds:.1f} s")


@dataclass(frozen=True)
class Item:
    """One article file on its way through the build: where it is, its cache key, its summary."""

    path: Path
    key: str
    summary: Summary


def build(options: BuildOptions, log: Log = lambda message: print(message, file=sys.stderr)) -> BuildResult:
    """Build the site described by options; warnings and progress go to log."""
    started = time.perf_counter()
    config = load_config(options.config)
    if not options.content.is_dir():
        raise ReportgenError(f"{options.content}: content folder not found (use --content DIR)")
    check_output_folder(options.output, options.content, Path.cwd())
    rules = load_rules(config)
    specs = metric_specs(config.get("bands", {}))
    settings = settings_from_config(config, live_reload=options.live_reload)
    overrides = options.project / "templates"
    files = find_articles(options.content)
    keys = [article_key(path, options.content, rules.fingerprint) for path in files]
    templates = templates_digest(overrides)
    site_key = _digest(__version__, rules.fingerprint, specs, settings, templates,
                       [(str(path), key) for path, key in zip(files, keys)])
    previous = read_manifest(options.output) if options.cache else {}
    if previous.get("site") == site_key:
        warnings = tuple(previous.get("warnings", ()))
        _report(warnings, options.strict, log)
        articles, findings = previous.get("counts", (0, 0))
        return BuildResult(articles, findings, warnings, time.perf_counter() - started, options.output, up_to_date=True)
    with _cache(options) as cache, Workers(options.jobs, config, options.content, cache.folder, overrides) as workers:
        items, problems = analyze_articles(files, keys, cache, workers, _progress(len(files), log))
        skipped = list(problems.values())
        if not files:
            skipped.append((options.content.name or str(options.content), NO_ARTICLES))
        warnings = tuple(f"{path}: {problem}" for path, problem in skipped)
        _report(warnings, options.strict, log)
        items = unique_slugs(items)
        context = Context.of([item.summary for item in items], specs, settings)
        with Staging(options.output) as staging:
            env = make_environment(overrides)
            common = _digest(context, rules.fingerprint, templates)  # what every article's pages depend on
            pages = write_articles(items, skipped, context, rules, staging, workers, common, previous.get("pages", {}))
            summaries = [item.summary for item in items]
            staging.write_chunks("index.html", render_index(env, summaries, context))
            for relative, data in sorted(render_shared(env, summaries, skipped, context, rules, overrides).items()):
                staging.write(relative, data)
            findings = sum(item.summary.findings for item in items)
            staging.manifest = {"site": site_key, "pages": pages, "counts": [len(items), findings],
                                "warnings": list(warnings)}
        if options.cache:
            cache.keep_only([*(item.key for item in items), *problems])
    return BuildResult(len(items), findings, warnings, time.perf_counter() - started, options.output)


def analyze_articles(files: Sequence[Path], keys: Sequence[str], cache: AnalysisCache, workers: "Workers",
                     progress: Callable[[int], None]) -> tuple[list[Item], dict[str, Problem]]:
    """Every article's summary (from the cache, or analyzed now), and the files that could not be loaded, by key."""
    known = cache.briefs()
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


def write_articles(items: Sequence[Item], skipped: Sequence[Problem], context: Context, rules: RuleSet,
                   staging: Staging, workers: "Workers", common: str, previous: Mapping[str, str]) -> dict[str, str]:
    """Write every article's files and ``data/articles.json``; the key of what each article's files were made from.

    An article whose key is the one the current site's manifest gives it (previous) keeps its files.
    """
    keys = {item.summary.article.slug: _digest(common, item.key, item.summary.article.slug) for item in items}
    todo = [item for item in items if previous.get(item.summary.article.slug) != keys[item.summary.article.slug]
            or not staging.keep(*_article_files(item))]
    batches, results = workers.map("render", todo, context, staging.root)
    finished = iter(zip(batches, results))
    fresh, written = {item.key for item in todo}, set()

    def entries() -> Iterator[str]:
        """Each article's line of articles.json, taken from its data file once the file is written."""
        for item in items:
            while item.key in fresh and item.key not in written:
                batch, _ = next(finished)
                written.update(i.key for i in batch)
            yield (staging.root / data_path(item.summary)).read_text(encoding="utf-8").split("\n")[2]

    staging.write_chunks("data/articles.json", json_chunks(entries(), skipped, rules.fingerprint))
    return keys


def _article_files(item: Item) -> tuple[str, str]:
    return article_path(item.summary), data_path(item.summary)


def _batches(items: Sequence[T], count: int) -> list[list[T]]:
    """Items in about count consecutive batches."""
    size = max(1, -(-len(items) // max(count, 1)))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


def _report(warnings: Sequence[str], strict: bool, log: Log) -> None:
    for warning in warnings:
        log(f"warning: {warning}")
    if strict and warnings:
        count = f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
        raise StrictBuildError(f"--strict: {count}; the site was not written (the previous one is unchanged)")


def _digest(*parts: object) -> str:
    """A short, stable hash of values whose ``repr`` is deterministic (strings, numbers, dataclasses)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


@contextmanager
def _cache(options: BuildOptions) -> Iterator[AnalysisCache]:
    """The project's analysis cache, or a temporary one that only carries analyses from stage 2 to 3."""
    folder = nullcontext(str(options.project / CACHE_DIR)) if options.cache else tempfile.TemporaryDirectory(
        prefix="reportgen-cache-")
    with folder as path:
        cache = AnalysisCache(Path(path))
        try:
            yield cache
        finally:
            cache.close()


class Worker:
    """What a process needs to analyze and render articles: the rules, the templates, the cache."""

    def __init__(self, config: Mapping[str, Any], content: Path, cache: Path, overrides: Path) -> None:
        self.rules = load_rules(config)
        self.content = content
        self.cache = AnalysisCache(cache)
        self.overrides = overrides
        self._env: Environment | None = None

    def analyze(self, batch: list[tuple[Path, str]]) -> list[Brief]:
        """Analyze files, store each analysis (or problem) in the cache; their summaries (or problems)."""
        entries = [(key, analyze_file(path, self.rules, self.content)) for path, key in batch]
        self.cache.store(entries)
        return [brief(entry) for _, entry in entries]

    def render(self, batch: list[Item], context: Context, staging: Path) -> None:
        """Write articles' pages and data files into the staging folder."""
        if self._env is None:
            self._env = make_environment(self.overrides)
        folder = GuardedFolder(staging)
        for item in batch:
            analysis = self.cache.load(item.key)
            if not isinstance(analysis, Analysis):  # deleted by a concurrent build, or unreadable
                analysis = analyze(load_article(item.path, self.content), self.rules)
            analysis = replace(analysis, article=replace(analysis.article, slug=item.summary.article.slug))
            output = render_article(self._env, analysis, context, self.rules)
            for relative, data in output.files.items():
                folder.write(relative, data)


class Workers:
    """Runs a ``Worker`` method over batches of articles: in this process for few, else in a process pool.

    The pool starts on first need and serves every stage of the build; each process builds its
    ``Worker`` once.
    """

    def __init__(self, jobs: int | None, config: Mapping[str, Any], content: Path, cache: Path, overrides: Path) -> None:
        self.jobs = jobs or os.cpu_count() or 1
        self.setup = (dict(config), content, cache, overrides)
        self.pool: ProcessPoolExecutor | None = None
        self.local: Worker | None = None

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.local is not None:
            self.local.cache.close()

    def map(self, method: str, items: Sequence[T], *shared: Any) -> tuple[list[list[T]], Iterator[Any]]:
        """The items in batches, and the method's result for each batch (called with the shared values), in order."""
        processes = max(1, min(self.jobs, len(items) // ARTICLES_PER_WORKER))
        batches = _batches(items, processes * BATCHES_PER_WORKER)
        if self.pool is None and processes == 1:
            if self.local is None:
                self.local = Worker(*self.setup)
            work = getattr(self.local, method)
            return batches, (work(batch, *shared) for batch in batches)
        if self.pool is None:
            # "spawn" everywhere: the same behaviour on every OS, and safe beside serve's server thread.
            self.pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_init_worker, initargs=self.setup)
        return batches, self.pool.map(_call, [method] * len(batches), batches, [shared] * len(batches))


_worker: Worker | None = None


def _init_worker(config: dict[str, Any], content: Path, cache: Path, overrides: Path) -> None:
    global _worker
    _worker = Worker(config, content, cache, overrides)


def _call(method: str, batch: list[Any], shared: tuple[Any, ...]) -> Any:
    assert _worker is not None, "worker not initialized"
    return getattr(_worker, method)(batch, *shared)


def analyze_file(path: Path, rules: RuleSet, root: Path | None = None) -> Analysis | Problem:
    """One article's analysis, or (path, problem) when it cannot be loaded."""
    try:
        return analyze(load_article(path, root), rules)
    except ArticleError as exc:  # returned, not raised: it crosses a process boundary as data
        return (exc.path, exc.problem)


def _progress(total: int, log: Log) -> Callable[[int], None]:
    """A progress reporter: on a terminal, or when there are many articles; otherwise silent."""
    if not (sys.stderr.isatty() or total > PROGRESS_ABOVE):
        return lambda done: None
    step = max(1, total // 10)

    def report(done: int) -> None:
        if done % step == 0 or done == total:
            log(f"analyzed {done}/{total} articles")

    return report


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
