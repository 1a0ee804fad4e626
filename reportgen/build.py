"""``reportgen build``: plan the site, and make it if anything changed.

1. Plan: find the files and hash them. If nothing the site depends on changed since the build
   that wrote the output folder, stop here (this module imports only what that takes).
2. Analyze (``reportgen.site``): each article is loaded and analyzed, or found in the cache by
   its key, in worker processes, which store the analysis in the cache and hand back a small
   summary. Only the summaries stay in memory; they are enough for the index, the CSV and the
   site statistics.
3. Render and write: each article's scorecard and data file, from its cached analysis, in the
   workers; files whose inputs did not change are taken over from the previous site instead.
   The index, ``data/articles.json`` and the shared pages follow, in a staging folder that is
   swapped in whole, so the old site stays until the new one is complete.
"""

from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from reportgen import __version__
from reportgen.cache import article_key
from reportgen.config import load_config
from reportgen.corpus import MetricSpec, metric_specs
from reportgen.errors import ReportgenError
from reportgen.find import find_articles
from reportgen.rules import RuleSet, load_rules
from reportgen.theme import Settings, settings_from_config, templates_digest
from reportgen.write import check_output_folder, read_manifest

if TYPE_CHECKING:
    from reportgen.memo import PlanMemory

PROGRESS_ABOVE = 50  # articles; smaller builds finish before progress would help

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
    shown: float | None = None  # serve: seconds until the changed pages were in place and announced

    def summary(self) -> str:
        """The one summary line printed at the end of a build."""
        warned = f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}"
        done = "up to date" if self.up_to_date else "built"
        shown = "" if self.shown is None else f" (changed pages shown after {self.shown:.2f} s)"
        return (f"{done} {self.output}: {self.articles} article{'s' if self.articles != 1 else ''}, "
                f"{self.findings} findings, {warned} in {self.seconds:.1f} s{shown}")


@dataclass(frozen=True)
class Plan:
    """What a build would make the site from, and the key of all of it."""

    options: BuildOptions
    config: Mapping[str, Any]
    rules: RuleSet
    specs: tuple[MetricSpec, ...]
    settings: Settings
    overrides: Path  # the project's templates folder (it may not exist)
    templates: str  # digest of the theme and the project's templates
    files: list[Path]
    keys: list[str]  # each file's cache key
    site_key: str


def plan(options: BuildOptions, memory: PlanMemory | None = None) -> Plan:
    """Read the config, find the articles and hash them: everything the site depends on."""
    config = load_config(options.config)
    if not options.content.is_dir():
        raise ReportgenError(f"{options.content}: content folder not found (use --content DIR)")
    check_output_folder(options.output, options.content, Path.cwd())
    rules = memory.rules(config) if memory is not None else load_rules(config)
    specs = metric_specs(config.get("bands", {}))
    settings = settings_from_config(config, live_reload=options.live_reload)
    overrides = options.project / "templates"
    if memory is not None:
        files = memory.articles(options.content)
        keys = memory.keys(files, options.content, rules.fingerprint)
    else:
        files = find_articles(options.content)
        keys = [article_key(path, options.content, rules.fingerprint) for path in files]
    templates = templates_digest(overrides)
    site_key = digest(__version__, rules.fingerprint, specs, settings, templates,
                       [(str(path), key) for path, key in zip(files, keys)])
    return Plan(options, config, rules, specs, settings, overrides, templates, files, keys, site_key)


def build(options: BuildOptions, log: Log = lambda message: print(message, file=sys.stderr)) -> BuildResult:
    """Build the site described by options; warnings and progress go to log."""
    started = time.perf_counter()
    planned = plan(options)
    previous = read_manifest(options.output) if options.cache else {}
    if previous.get("site") == planned.site_key:
        warnings = tuple(previous.get("warnings", ()))
        report_warnings(warnings, options.strict, log)
        articles, findings = previous.get("counts", (0, 0))
        return BuildResult(articles, findings, warnings, time.perf_counter() - started, options.output, up_to_date=True)
    from reportgen.site import make_site  # the analyzer and the templates are loaded only when there is work

    articles, findings, warnings = make_site(planned, previous, log)
    return BuildResult(articles, findings, warnings, time.perf_counter() - started, options.output)


def report_warnings(warnings: Sequence[str], strict: bool, log: Log) -> None:
    for warning in warnings:
        log(f"warning: {warning}")
    if strict and warnings:
        count = f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
        raise StrictBuildError(f"--strict: {count}; the site was not written (the previous one is unchanged)")


def digest(*parts: object) -> str:
    """A short, stable hash of values whose ``repr`` is deterministic (strings, numbers, dataclasses)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def progress_reporter(total: int, log: Log) -> Callable[[int], None]:
    """A progress reporter: on a terminal, or when there are many articles; otherwise silent."""
    if not (sys.stderr.isatty() or total > PROGRESS_ABOVE):
        return lambda done: None
    step = max(1, total // 10)

    def report(done: int) -> None:
        if done % step == 0 or done == total:
            log(f"analyzed {done}/{total} articles")

    return report
