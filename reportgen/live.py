"""``serve``'s site: updated in place after each change, the edited articles' pages first.

A long-lived ``serve`` keeps in memory what one rebuild can hand the next: each file's key (by
``stat``), every article's summary, page key and line of ``data/articles.json``, and the shared
files as last written. A rebuild analyzes and renders only what changed and writes only the
files whose bytes changed, each one whole (``write.Publisher``), so the served site never shows a
half-written file; when it ends, the folder holds byte for byte what ``reportgen build`` would.

The order is what a reader sees first: the changed articles' pages, the index and the shared
pages, then ``announce`` (open pages reload), then the exports (``data/articles.json``, the
marker). When an edit changes what every scorecard shows (a site median, the article count, a
template), the few edited articles go first and are announced before the other pages follow.
"""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from reportgen.build import BuildOptions, BuildResult, Log, Plan, plan, progress_reporter, report_warnings
from reportgen.cache import TEMPLATES, Brief, Problem
from reportgen.export import json_chunks
from reportgen.memo import PlanMemory
from reportgen.model import Item
from reportgen.render import Context, data_path, make_environment, render_index, render_shared
from reportgen.site import (analyze_articles, article_files, json_line, manifest, open_cache, page_keys, site_problems,
                            unique_slugs)
from reportgen.workers import ARTICLES_PER_WORKER, Workers
from reportgen.write import MARKER, Publisher, marker

FEW = ARTICLES_PER_WORKER  # fewer edited articles than this go ahead of the many pages a new context renders again

Announce = Callable[[], None]


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

    def close(self) -> None:
        """Stop the worker processes and close the cache."""
        if self._workers is not None:
            self._workers[1].close()
        self._resources.close()

    def rebuild(self, log: Log, announce: Announce) -> BuildResult:
        """Bring the folder up to date with the content; announce once the changed pages are in place."""
        started = time.perf_counter()
        planned = plan(self.options, self.memory)
        if planned.site_key == self.site_key:
            articles, findings, warnings = self.counts
            report_warnings(warnings, self.options.strict, log)
            return BuildResult(articles, findings, warnings, time.perf_counter() - started, self.root, up_to_date=True)
        workers = self._workers_for(planned)
        if self.briefs is None:
            self.briefs = self.cache.briefs()
        items, problems = analyze_articles(planned.files, planned.keys, self.briefs, workers,
                                           progress_reporter(len(planned.files), log))
        skipped, warnings = site_problems(planned, problems)
        report_warnings(warnings, self.options.strict, log)
        items = unique_slugs(items)
        summaries = [item.summary for item in items]
        context = Context.of(summaries, planned.specs, planned.settings)
        pages = page_keys(items, context, planned)
        with tempfile.TemporaryDirectory(dir=self.scratch) as scratch:
            site = Publisher(self.root, Path(scratch))
            env = make_environment(planned.overrides, self.cache.folder / TEMPLATES)
            self._remove_gone(site, pages)
            edited, others = self._split([item for item in items if self._page_key(item) != pages[_slug(item)]])
            self._render(edited, context, pages, workers, site)
            self._write(site, "index.html", "".join(render_index(env, summaries, context)).encode())
            if edited:
                announce()  # what the editor is looking at is in place
            self._render(others, context, pages, workers, site)
            shown = self._write_shared(site, render_shared(env, summaries, skipped, context, planned.rules,
                                                           planned.overrides))
            if others or shown or not edited:
                announce()
            self._export(site, planned, items, skipped, manifest(planned, pages, summaries, warnings))
        self.site_key, self.counts = planned.site_key, (len(items), sum(s.findings for s in summaries), warnings)
        self._forget(items, problems)
        return BuildResult(*self.counts, time.perf_counter() - started, self.root)

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

    def _page_key(self, item: Item) -> str | None:
        found = self.pages.get(_slug(item))
        return None if found is None else found[0]

    def _split(self, todo: Sequence[Item]) -> tuple[list[Item], list[Item]]:
        """The edited articles, when few, and the other pages to render (all of them on a first build or many edits)."""
        edited = [item for item in todo if (item.key, _slug(item)) not in self.lines]
        if not self.lines or not edited or len(edited) >= FEW:
            return [], list(todo)
        return edited, [item for item in todo if (item.key, _slug(item)) in self.lines]

    def _remove_gone(self, site: Publisher, pages: Mapping[str, str]) -> None:
        """Delete the files of articles no longer in the site (first: a new one may take a name differing in case)."""
        for slug in sorted(self.pages.keys() - pages.keys()):
            for relative in self.pages.pop(slug)[1]:
                site.remove(relative)

    def _render(self, items: Sequence[Item], context: Context, pages: Mapping[str, str], workers: Workers,
                site: Publisher) -> None:
        """Render articles' files into the scratch folder, and move each batch into the site as it is done."""
        if not items:
            return
        folder = Path(tempfile.mkdtemp(dir=site.scratch))
        batches, results = workers.map("render", items, context, folder)
        for batch, _ in zip(batches, results):
            for item in batch:
                files = article_files(item)
                for relative in files:
                    site.move_in(relative, folder.joinpath(*relative.split("/")))
                self.pages[_slug(item)] = (pages[_slug(item)], files)
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

    def _export(self, site: Publisher, planned: Plan, items: Sequence[Item], skipped: Sequence[Problem],
                contents: Mapping[str, Any]) -> None:
        """``data/articles.json`` (when its articles or skipped files changed), then the marker with the manifest."""
        lines = tuple((item.key, _slug(item)) for item in items)
        exported = (lines, tuple(skipped), planned.rules.fingerprint)
        if exported != self.exported:
            site.write_chunks("data/articles.json", json_chunks((self.lines[line] for line in lines), skipped,
                                                                planned.rules.fingerprint))
            self.exported = exported
        data = marker(contents)
        if data != self.marker:
            site.write(MARKER, data)
            self.marker = data

    def _forget(self, items: Sequence[Item], problems: Mapping[str, Problem]) -> None:
        """Drop from memory (and from the cache) what the site no longer has."""
        keys = {*(item.key for item in items), *problems}
        assert self.briefs is not None
        self.briefs = {key: found for key, found in self.briefs.items() if key in keys}
        current = {(item.key, _slug(item)) for item in items}
        self.lines = {line: data for line, data in self.lines.items() if line in current}
        if self.options.cache:
            self.cache.keep_only(keys)


def _slug(item: Item) -> str:
    return item.summary.article.slug


def _shown(relative: str) -> bool:
    """Whether a page shows the file (a stylesheet, a plot), as opposed to the data exports and the sitemap."""
    return not relative.startswith("data/") and relative not in ("sitemap.xml", ".nojekyll")
