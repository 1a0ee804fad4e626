"""Worker processes: articles analyzed and rendered in parallel, each process set up once.

A build hands ``Workers`` batches of articles; few articles are done in this process (a new
process costs a few tenths of a second to start), many in a pool of processes that serves every
stage of the build. A worker stores each analysis in the cache and returns only its summary;
it writes each article's pages straight into the staging folder and returns nothing.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping, Sequence, TypeVar

from jinja2 import Environment

from reportgen.analyze import analyze
from reportgen.cache import TEMPLATES, AnalysisCache, Brief, Problem, brief
from reportgen.errors import ArticleError
from reportgen.load import load_article
from reportgen.model import Analysis, Item
from reportgen.render import Context, make_environment, render_article
from reportgen.rules import RuleSet, load_rules
from reportgen.write import GuardedFolder

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# A worker process first pays a few tenths of a second to start (imports, rules, syllable
# dictionary) and a news article then takes 10-20 ms to analyze and render: a second process
# pays for itself from about 50 articles (measured with bench/vs_pelican.py at 100).
ARTICLES_PER_WORKER = 50
BATCHES_PER_WORKER = 8  # small enough to share the work out evenly, big enough to pay a transaction

T = TypeVar("T")


class Worker:
    """What a process needs to analyze and render articles: the rules, the templates, the cache."""

    def __init__(self, config: Mapping[str, Any], content: Path, cache: Path, overrides: Path,
                 rules: RuleSet | None = None) -> None:
        self.rules = rules if rules is not None else load_rules(config)
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
            self._env = make_environment(self.overrides, self.cache.folder / TEMPLATES)
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

    def __init__(self, jobs: int | None, config: Mapping[str, Any], content: Path, cache: Path, overrides: Path,
                 rules: RuleSet | None = None) -> None:
        self.jobs = jobs or os.cpu_count() or 1
        self.setup = (dict(config), content, cache, overrides)
        self.rules = rules  # already loaded: this process's worker need not load them again
        self.pool: ProcessPoolExecutor | None = None
        self.local: Worker | None = None

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the pool (if it started) and close this process's worker."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        if self.local is not None:
            self.local.cache.close()
            self.local = None

    def map(self, method: str, items: Sequence[T], *shared: Any,
            total: int | None = None) -> tuple[list[list[T]], Iterator[Any]]:
        """The items in batches, and the method's result for each batch (called with the shared values), in order.

        total: how many items the whole job has, when items are one part of it (the pool is for big jobs).
        """
        processes = max(1, min(self.jobs, (total or len(items)) // ARTICLES_PER_WORKER))
        batches = _batches(items, processes * BATCHES_PER_WORKER)
        if processes == 1 and (self.pool is None or len(items) < ARTICLES_PER_WORKER):  # few: here, pool or not
            if self.local is None:
                self.local = Worker(*self.setup, rules=self.rules)
            work = getattr(self.local, method)
            return batches, (work(batch, *shared) for batch in batches)
        if self.pool is None:
            self.pool = _start_pool(processes, self.setup)
        return batches, self.pool.map(_call, [method] * len(batches), batches, [shared] * len(batches))


def _start_pool(processes: int, setup: tuple[Any, ...]) -> "ProcessPoolExecutor":
    """A pool of worker processes, each set up once (imported here: a small build needs no pool)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn" everywhere: the same behaviour on every OS, and safe beside serve's server thread.
    return ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=setup)


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


def _batches(items: Sequence[T], count: int) -> list[list[T]]:
    """Items in about count consecutive batches."""
    size = max(1, -(-len(items) // max(count, 1)))
    return [list(items[i:i + size]) for i in range(0, len(items), size)]
