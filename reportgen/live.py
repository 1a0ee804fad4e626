"""``serve``'s site: updated in place after each change, the edited articles' pages first.

A long-lived ``serve`` keeps in memory what one rebuild can hand the next (``memo.PlanMemory``,
every article's summary, page key and line of ``data/articles.json``, the shared files as last
written), analyzes and renders only what changed, and writes only the files whose bytes changed,
each one whole (``write.Publisher``): the served site never shows a half-written file, and when a
rebuild ends the folder holds byte for byte what ``reportgen build`` would write.

The order is what a reader sees first: the edited articles' pages and the index, then
``announce`` (the open pages reload); then the pages that a new site context renders again
(its medians, its article count, a template), the shared files, a second announcement if a page
shows any of them, and the exports (``data/articles.json``, the marker). A newer change may
interrupt the pages rendered again; the next rebuild finishes them.
"""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from jinja2 import Environment

from reportgen.build import BuildOptions, BuildResult, Log, Plan, plan, progress_reporter, report_warnings
from reportgen.cache import TEMPLATES, Brief, Problem
from reportgen.export import json_chunks
from reportgen.memo import PlanMemory
from reportgen.model import Item, Summary
from reportgen.render import Context, data_path, make_environment, render_index, render_shared
from reportgen.site import (analyze_articles, article_files, json_line, manifest, open_cache, page_keys,
                            site_problems, unique_slugs)
from reportgen.workers import ARTICLES_PER_WORKER, Workers, analyze_file
from reportgen.write import MARKER, Publisher, marker

FEW = ARTICLES_PER_WORKER  # fewer edited articles than this are published ahead of the others
STEP = 16  # pages per worker process between two looks for a newer change (about 0.2 s)

Announce = Callable[[], None]
Interrupted = Callable[[], bool]


@dataclass(frozen=True)
class Edition:
    """The site a rebuild publishes: its plan, articles (unique slugs), files left out, context and page keys."""

    plan: Plan
    items: tuple[Item, ...]
    problems: Mapping[str, Problem]  # by cache key
    skipped: tuple[Problem, ...]
    warnings: tuple[str, ...]
    context: Context
    pages: Mapping[str, str]  # slug → page key

    @property
    def summaries(self) -> list[Summary]:
        """Every article's summary, in path order."""
        return [item.summary for item in self.items]


class LiveSite:
    """The site ``serve`` shows, in a folder updated in place; what one rebuild hands the next stays in memory."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.root = Path(os.path.abspath(options.output))
        self.scratch = self.root.parent / f".{self.root.name}-scratch"  # beside the site: renames stay on one disk
        self.root.mkdir(parents=True)
        self.scratch.mkdir()
        self.marker = marker({})  # a site folder without its marker would be refused as not reportgen's
        (self.root / MARKER).write_bytes(self.marker)
        self.memory = PlanMemory()
        self.site_key = ""  # the key of the site in the folder, once a rebuild has completed
        self.counts: tuple[int, int, tuple[str, ...]] = (0, 0, ())  # its articles, findings and warnings
        self.briefs: dict[str, Brief] | None = None  # every article's summary (or problem), by key
        self.pages: dict[str, tuple[str, tuple[str, str]]] = {}  # slug → page key and files, as in the folder
        self.lines: dict[tuple[str, str], bytes] = {}  # (key, slug) → the article's line of data/articles.json
        self.shared: dict[str, bytes] = {}  # every other file but the marker and articles.json → its bytes
        self.exported: tuple[Any, ...] = ()  # what data/articles.json in the folder was made from
        self._resources = ExitStack()
        self.cache = self._resources.enter_context(open_cache(options))
        self._workers: tuple[tuple[Any, ...], Workers] | None = None
        self._environment: tuple[str, Environment] | None = None
        self._last: Edition | None = None  # the edition in the folder

    def close(self) -> None:
        """Stop the worker processes and close the cache."""
        if self._workers is not None:
            self._workers[1].close()
        self._resources.close()

    def rebuild(self, log: Log, announce: Announce, interrupted: Interrupted = lambda: False) -> BuildResult | None:
        """Bring the folder up to date, announcing the changed pages; None if a newer change came first."""
        started = time.perf_counter()
        planned = plan(self.options, self.memory)
        if planned.site_key == self.site_key:
            report_warnings(self.counts[2], self.options.strict, log)
            return BuildResult(*self.counts, time.perf_counter() - started, self.root, up_to_date=True)
        edition = self._gather(planned, log)
        shown: list[float] = []

        def announce_timed() -> None:
            shown.append(time.perf_counter() - started)
            announce()

        with tempfile.TemporaryDirectory(dir=self.scratch) as scratch:
            if not self._publish(edition, Publisher(self.root, Path(scratch)), announce_timed, interrupted):
                return None
        self.site_key = planned.site_key
        self.counts = (len(edition.items), sum(s.findings for s in edition.summaries), edition.warnings)
        self._forget(edition)
        self._last = edition
        return BuildResult(*self.counts, time.perf_counter() - started, self.root, shown=shown[0] if shown else None)

    def warm_up(self) -> None:
        """Analyze and render one article in this process, keeping nothing: the first edit then finds it ready."""
        if self._last is None or not self._last.items:
            return
        edition, item = self._last, self._last.items[0]
        analyze_file(item.path, edition.plan.rules, self.options.content)
        with tempfile.TemporaryDirectory(dir=self.scratch) as folder:
            _, results = self._workers_for(edition.plan).map("render", [item], edition.context, Path(folder))
            list(results)

    def _gather(self, planned: Plan, log: Log) -> Edition:
        """Every article's summary (analyzing the new ones), the warnings, the site's context and the page keys."""
        if self.briefs is None:
            self.briefs = self.cache.briefs()
        items, problems = analyze_articles(planned.files, planned.keys, self.briefs, self._workers_for(planned),
                                           progress_reporter(len(planned.files), log))
        skipped, warnings = site_problems(planned, problems)
        report_warnings(warnings, self.options.strict, log)
        items = unique_slugs(items)
        context = Context.of([item.summary for item in items], planned.specs, planned.settings)
        return Edition(planned, tuple(items), problems, tuple(skipped), warnings, context,
                       page_keys(items, context, planned))

    def _publish(self, edition: Edition, site: Publisher, announce: Announce, interrupted: Interrupted) -> bool:
        """Write what changed, in the order a reader needs it; False if a newer change interrupted."""
        planned, summaries = edition.plan, edition.summaries
        env = self._environment_for(planned)
        if self._breaks(edition):
            announce = _silence  # the open pages keep the last good version while the warning is read
        self._remove_gone(site, edition.pages)
        edited, others = self._split([item for item in edition.items if self._stale(item, edition)])
        self._render(edited, edition, site)
        self._write(site, "index.html", "".join(render_index(env, summaries, edition.context)).encode())
        if edited:
            announce()  # what the editor is looking at is in place
        if not self._render(others, edition, site, interrupted):
            return False
        shared = render_shared(env, summaries, edition.skipped, edition.context, planned.rules, planned.overrides)
        if self._write_shared(site, shared) or others or not edited:
            announce()
        self._export(site, edition)
        return True

    def _breaks(self, edition: Edition) -> bool:
        """Whether the change only broke articles: files that now cannot be loaded, and nothing new to show."""
        before = self._last.problems if self._last is not None else {}
        fresh = any((item.key, _slug(item)) not in self.lines for item in edition.items)
        return bool(edition.problems.keys() - before.keys()) and not fresh

    def _workers_for(self, planned: Plan) -> Workers:
        """Workers for this config and these templates (the processes keep both): the last ones if they match."""
        setup = (planned.config, planned.templates)
        if self._workers is None or self._workers[0] != setup:
            if self._workers is not None:
                self._workers[1].close()
            options = self.options
            self._workers = (setup, Workers(options.jobs, planned.config, options.content, self.cache.folder,
                                            planned.overrides, planned.rules))
        return self._workers[1]

    def _environment_for(self, planned: Plan) -> Environment:
        """The templates' environment, made again only when they changed."""
        if self._environment is None or self._environment[0] != planned.templates:
            env = make_environment(planned.overrides, self.cache.folder / TEMPLATES)
            self._environment = (planned.templates, env)
        return self._environment[1]

    def _stale(self, item: Item, edition: Edition) -> bool:
        """Whether the article's files in the site are not what this edition makes of it."""
        found = self.pages.get(_slug(item))
        return found is None or found[0] != edition.pages[_slug(item)]

    def _split(self, todo: Sequence[Item]) -> tuple[list[Item], list[Item]]:
        """The edited articles, when few, and the other pages to render (all, on a first build or many edits)."""
        edited = [item for item in todo if (item.key, _slug(item)) not in self.lines]
        if not self.lines or not edited or len(edited) >= FEW:
            return [], list(todo)
        return edited, [item for item in todo if (item.key, _slug(item)) in self.lines]

    def _remove_gone(self, site: Publisher, pages: Mapping[str, str]) -> None:
        """Delete the files of articles no longer in the site (first: a new one may take a name differing in case)."""
        for slug in sorted(self.pages.keys() - pages.keys()):
            for relative in self.pages.pop(slug)[1]:
                site.remove(relative)

    def _render(self, items: Sequence[Item], edition: Edition, site: Publisher,
                interrupted: Interrupted | None = None) -> bool:
        """Render articles' files and move them into the site, a batch at a time; False if interrupted.

        With interrupted, the articles go to the workers a few at a time, and a newer change stops
        them in between.
        """
        if not items:
            return True
        workers = self._workers_for(edition.plan)
        folder = Path(tempfile.mkdtemp(dir=site.scratch))
        step = len(items) if interrupted is None else STEP * workers.jobs
        for start in range(0, len(items), step):
            if start and interrupted is not None and interrupted():
                return False
            batches, results = workers.map("render", items[start:start + step], edition.context, folder,
                                           total=len(items))
            for batch, _ in zip(batches, results):
                for item in batch:
                    self._move_in(site, item, folder, edition.pages[_slug(item)])
        return True

    def _move_in(self, site: Publisher, item: Item, folder: Path, page_key: str) -> None:
        """Put a rendered article's files in the site, and remember its page key and its line of articles.json."""
        files = article_files(item)
        for relative in files:
            site.move_in(relative, folder.joinpath(*relative.split("/")))
        self.pages[_slug(item)] = (page_key, files)
        self.lines[(item.key, _slug(item))] = json_line(self.root / data_path(item.summary))

    def _write_shared(self, site: Publisher, files: Mapping[str, bytes]) -> bool:
        """Write the shared files that changed, delete those gone; whether a page shows any of them."""
        gone = sorted(self.shared.keys() - files.keys() - {"index.html"})
        changed = [relative for relative, data in sorted(files.items()) if self.shared.get(relative) != data]
        for relative in gone:
            site.remove(relative)
            del self.shared[relative]
        for relative in changed:
            self._write(site, relative, files[relative])
        return any(_shown(relative) for relative in [*gone, *changed])

    def _write(self, site: Publisher, relative: str, data: bytes) -> None:
        """Write a shared file, unless it holds these bytes already."""
        if self.shared.get(relative) != data:
            site.write(relative, data)
            self.shared[relative] = data

    def _export(self, site: Publisher, edition: Edition) -> None:
        """``data/articles.json`` (when its articles or skipped files changed), then the marker with the manifest."""
        lines = tuple((item.key, _slug(item)) for item in edition.items)
        fingerprint = edition.plan.rules.fingerprint
        if (lines, edition.skipped, fingerprint) != self.exported:
            site.write_chunks("data/articles.json", json_chunks((self.lines[line] for line in lines), edition.skipped,
                                                                fingerprint))
            self.exported = (lines, edition.skipped, fingerprint)
        data = marker(manifest(edition.plan, edition.pages, edition.summaries, edition.warnings))
        if data != self.marker:
            site.write(MARKER, data)
            self.marker = data

    def _forget(self, edition: Edition) -> None:
        """Drop from memory (and from the cache) what the site no longer has."""
        keys = {*(item.key for item in edition.items), *edition.problems}
        assert self.briefs is not None
        self.briefs = {key: found for key, found in self.briefs.items() if key in keys}
        current = {(item.key, _slug(item)) for item in edition.items}
        self.lines = {line: data for line, data in self.lines.items() if line in current}
        if self.options.cache:
            self.cache.keep_only(keys)


def _slug(item: Item) -> str:
    return item.summary.article.slug


def _silence() -> None:
    """An announcement nobody hears."""


def _shown(relative: str) -> bool:
    """Whether a page shows the file (a stylesheet, a plot), as opposed to the data exports and the sitemap."""
    return not relative.startswith("data/") and relative not in ("sitemap.xml", ".nojekyll")
