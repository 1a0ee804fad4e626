"""``reportgen build``: load and analyze every article, then render the site, then write it.

The stages run strictly in that order (gather everything, then render, then write): the index
and every scorecard's corpus comparison need all articles analyzed first, and nothing touches
the output folder until every byte of the new site exists in memory.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from reportgen.analyze import analyze
from reportgen.config import load_config
from reportgen.corpus import metric_specs
from reportgen.errors import ArticleError, ReportgenError
from reportgen.load import NO_ARTICLES, find_articles, load_article
from reportgen.model import Analysis
from reportgen.render import Site, make_environment, render_site, settings_from_config
from reportgen.rules import RuleSet, load_rules
from reportgen.write import check_output_folder, write_site

PROGRESS_ABOVE = 50  # articles; smaller builds finish before progress would help
# Each worker process first pays about a second to load the syllable dictionary and compile the
# rules, and an article then takes some 10-20 ms: a worker is only worth it for ~100 articles.
ARTICLES_PER_WORKER = 100
RESERVED_SLUGS = frozenset({"articles"})  # data/articles.json is the corpus export

Log = Callable[[str], None]


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


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the articles and findings written, the warnings, the time taken."""

    articles: int
    findings: int
    warnings: tuple[str, ...]
    seconds: float
    output: Path

    def summary(self) -> str:
        """The one summary line printed at the end of a build."""
        warned = f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        return (f"built {self.output}: {self.articles} article{'s' if self.articles != 1 else ''}, "
                f"{self.findings} findings, {warned} in {self.seconds:.1f} s")


def build(options: BuildOptions, log: Log = lambda message: print(message, file=sys.stderr)) -> BuildResult:
    """Build the site described by options; warnings and progress go to log."""
    started = time.perf_counter()
    config = load_config(options.config)
    project = options.config.parent if options.config is not None else Path.cwd()
    if not options.content.is_dir():
        raise ReportgenError(f"{options.content}: content folder not found (use --content DIR)")
    check_output_folder(options.output, options.content, Path.cwd())
    site = gather_site(options, config, log)
    overrides = project / "templates"
    files = render_site(site, make_environment(overrides), overrides)
    write_site(files, options.output)
    findings = sum(len(a.findings) for a in site.analyses)
    warnings = tuple(f"{path}: {problem}" for path, problem in site.skipped)
    return BuildResult(len(site.analyses), findings, warnings, time.perf_counter() - started, options.output)


def gather_site(options: BuildOptions, config: Mapping[str, Any], log: Log) -> Site:
    """Load and analyze every article, report the ones skipped, and assemble the site's data."""
    rules = load_rules(config)
    specs = metric_specs(config.get("bands", {}))
    settings = settings_from_config(config, live_reload=options.live_reload)
    files = find_articles(options.content)
    skipped: list[tuple[str, str]] = []
    if not files:
        skipped.append((options.content.name or str(options.content), NO_ARTICLES))
    analyses = []
    for result in analyze_files(files, options.content, rules, config, options.jobs, _progress(len(files), log)):
        if isinstance(result, Analysis):
            analyses.append(result)
        else:
            skipped.append(result)
    for path, problem in skipped:
        log(f"warning: {path}: {problem}")
    if options.strict and skipped:
        count = f"{len(skipped)} warning{'s' if len(skipped) != 1 else ''}"
        raise StrictBuildError(f"--strict: {count}; the site was not written (the previous one is unchanged)")
    return Site(tuple(unique_slugs(analyses)), rules, specs, settings, tuple(skipped))


def analyze_files(files: Sequence[Path], root: Path, rules: RuleSet, config: Mapping[str, Any], jobs: int | None,
                  progress: Callable[[int], None]) -> Iterator[Analysis | tuple[str, str]]:
    """Each file's analysis (or its path and problem), in file order, in up to jobs processes.

    Worker processes rebuild the rules from the config (a plain dict pickles; compiled rules need not).
    """
    workers = min(jobs or os.cpu_count() or 1, len(files) // ARTICLES_PER_WORKER)
    tasks = [(str(path), str(root)) for path in files]
    if workers <= 1:
        results: Iterable[Analysis | tuple[str, str]] = (analyze_file(Path(p), rules, Path(r)) for p, r in tasks)
        yield from _counted(results, progress)
        return
    chunk = max(1, len(tasks) // (workers * 8))
    # "spawn" everywhere: the same behaviour on every OS, and safe beside serve's server thread.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(dict(config),)) as pool:
        yield from _counted(pool.map(_analyze_in_worker, tasks, chunksize=chunk), progress)


_worker_rules: RuleSet | None = None


def _init_worker(config: dict[str, Any]) -> None:
    """Load the rules once per worker process."""
    global _worker_rules
    _worker_rules = load_rules(config)


def _analyze_in_worker(task: tuple[str, str]) -> Analysis | tuple[str, str]:
    assert _worker_rules is not None, "worker not initialized"
    path, root = task
    return analyze_file(Path(path), _worker_rules, Path(root))


def analyze_file(path: Path, rules: RuleSet, root: Path | None = None) -> Analysis | tuple[str, str]:
    """One article's analysis, or (path, problem) when it cannot be loaded."""
    try:
        return analyze(load_article(path, root), rules)
    except ArticleError as exc:  # returned, not raised: it crosses a process boundary as data
        return (exc.path, exc.problem)


def _counted(results: Iterable[Analysis | tuple[str, str]], progress: Callable[[int], None]) -> Iterator[Analysis | tuple[str, str]]:
    for done, result in enumerate(results, 1):
        progress(done)
        yield result


def _progress(total: int, log: Log) -> Callable[[int], None]:
    """A progress reporter: on a terminal, or when there are many articles; otherwise silent."""
    if not (sys.stderr.isatty() or total > PROGRESS_ABOVE):
        return lambda done: None
    step = max(1, total // 10)

    def report(done: int) -> None:
        if done % step == 0 or done == total:
            log(f"analyzed {done}/{total} articles")

    return report


def unique_slugs(analyses: Sequence[Analysis]) -> list[Analysis]:
    """The analyses with distinct slugs: later duplicates (in path order) get ``-2``, ``-3``, ..."""
    natural = {a.article.slug for a in analyses}
    taken = set(RESERVED_SLUGS)
    unique = []
    for analysis in analyses:
        slug = analysis.article.slug
        if slug in taken:
            n = 2
            while f"{slug}-{n}" in taken or f"{slug}-{n}" in natural:
                n += 1
            slug = f"{slug}-{n}"
            analysis = replace(analysis, article=replace(analysis.article, slug=slug))
        taken.add(slug)
        unique.append(analysis)
    return unique
