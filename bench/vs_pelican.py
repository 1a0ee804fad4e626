#!/usr/bin/env python3
"""Build time against Pelican on the same generated corpus.

    python3 bench/vs_pelican.py [N] [--runs 5] [--seed 1] [--jobs J] [--with-cache] [--keep]

Makes a virtual environment for Pelican (``bench/.venv-pelican`` by default, git-ignored) and
installs ``pelican==4.12.*`` and ``markdown`` into it with pip, once. Writes the same N
articles (``make_corpus.py``, default 1000) twice, in reportgen's front matter and in
Pelican's header lines, then times, alternating which goes first, ``--runs`` clean builds of
each:

- ``reportgen build --content content --output out-K --no-cache`` in a project folder of its
  own, a fresh output folder every run and any ``.reportgen-cache`` removed first;
- ``pelican content -o out-K -s pelicanconf.py`` with the settings written below: Pelican's
  defaults (its theme ``notmyidea``, its default Atom feeds, tag, category, author and archive
  pages, no pagination) plus ``RELATIVE_URLS = True``, ``TIMEZONE = "UTC"``, and the content
  cache off (``LOAD_CONTENT_CACHE = CACHE_CONTENT = False``); a fresh output folder every run.

It prints, per tool, the median and range of the wall time and the median CPU time (the process
and its workers), and the ratio reportgen/pelican of the medians. ``--with-cache`` adds, for
reference, builds into fresh output folders that reuse a cache filled by one untimed build:
Pelican with ``LOAD_CONTENT_CACHE`` and reportgen with its analysis cache.

reportgen is ``--reportgen PATH``, else ``$REPORTGEN``, else the project's ``.venv``, else the
one on PATH. Exit status 2, with the reason, when Pelican cannot be installed or a build fails.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from buildtools import (REPO, BenchError, build_help, busy_warning, clear_reportgen_cache, fail, git_line,
                        machine_line, reportgen_executable, run_timed, spread)
from make_corpus import write_corpus

PELICAN_REQUIREMENTS = ["pelican==4.12.*", "markdown"]
PELICAN_SETTINGS = '''\
# Written by bench/vs_pelican.py: Pelican's defaults plus what a relative, cache-free build needs.
AUTHOR = "Benchmark"
SITENAME = "Benchmark corpus"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
CACHE_PATH = {cache_path!r}
CACHE_CONTENT = {cache}
LOAD_CONTENT_CACHE = {cache}
'''


def ensure_pelican(venv: Path) -> tuple[Path, str]:
    """Pelican's executable in venv (made and filled with pip when needed), and its versions."""
    python = venv / "bin" / "python"
    probe = [str(python), "-c", ("from importlib.metadata import version as v; "
                                 "import pelican, markdown; print(v('pelican'), v('markdown'))")]
    if python.exists():
        found = subprocess.run(probe, capture_output=True, text=True, check=False)
        if found.returncode == 0 and found.stdout.startswith("4.12."):
            return venv / "bin" / "pelican", found.stdout.strip()
    print(f"installing {' and '.join(PELICAN_REQUIREMENTS)} into {venv} ...", file=sys.stderr)
    steps = [[sys.executable, "-m", "venv", str(venv)],
             [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
              *PELICAN_REQUIREMENTS]]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BenchError(f"could not install Pelican ({' '.join(step)} failed):\n"
                             + (done.stderr or done.stdout).strip()[-1500:])
    found = subprocess.run(probe, capture_output=True, text=True, check=False)
    if found.returncode != 0:
        raise BenchError(f"Pelican was installed into {venv} but does not import:\n{found.stderr.strip()[-1500:]}")
    return venv / "bin" / "pelican", found.stdout.strip()


class Tool:
    """One way of building the corpus: a name, a command per run, and a check of its output."""

    def __init__(self, name: str, folder: Path, command: list[str], count_pattern: str,
                 before: Callable[[Path], None] | None = None) -> None:
        self.name, self.folder, self.command = name, folder, command
        self.count_pattern, self.before = re.compile(count_pattern), before
        self.walls: list[float] = []
        self.cpus: list[float] = []

    def run(self, index: int, expected: int) -> None:
        """One timed build into a fresh output folder, which is removed afterwards."""
        output = self.folder / f"out-{index}"
        shutil.rmtree(output, ignore_errors=True)
        if self.before:
            self.before(output)
        log = self.folder / f"log-{index}.txt"
        result = run_timed([part.replace("{out}", output.name) for part in self.command], self.folder, log=log)
        built = self.count_pattern.search(result.output)
        if not built or int(built.group(1)) != expected:
            raise BenchError(f"{self.name} built {built.group(1) if built else 'an unknown number of'} "
                             f"articles, not {expected}; its output is in {log}:\n{result.output.strip()[-1500:]}")
        shutil.rmtree(output, ignore_errors=True)
        self.walls.append(result.wall)
        self.cpus.append(result.cpu)
        print(f"  run {index}: {self.name:<28} {result.wall:7.2f} s wall, {result.cpu:7.2f} s CPU", flush=True)


def setup(args: argparse.Namespace, work: Path, pelican: Path, reportgen: str) -> list[Tool]:
    """The corpus in both formats, the Pelican settings, and the tools to time."""
    rg_project, pel_project = work / "reportgen", work / "pelican"
    write_corpus(args.n, rg_project / "content", args.seed, "reportgen")
    write_corpus(args.n, pel_project / "content", args.seed, "pelican")
    for name, cache in (("pelicanconf.py", False), ("pelicanconf-cache.py", True)):
        (pel_project / name).write_text(PELICAN_SETTINGS.format(cache=cache, cache_path=str(pel_project / "cache")))
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    no_cache = ["--no-cache"] if "--no-cache" in build_help(reportgen) else []
    built = r"(\d+) articles?"
    tools = [
        Tool("reportgen", rg_project, [reportgen, "build", "--content", "content", "--output", "{out}", *jobs, *no_cache],
             built, before=lambda output: clear_reportgen_cache(rg_project, output)),
        Tool("pelican", pel_project, [str(pelican), "content", "-o", "{out}", "-s", "pelicanconf.py"],
             r"Processed (\d+) articles?"),
    ]
    if args.with_cache:
        # a project folder of its own: the clean builds remove the cache from theirs
        write_corpus(args.n, work / "reportgen-cached" / "content", args.seed, "reportgen")
        tools += [
            Tool("reportgen (analysis cache)", work / "reportgen-cached",
                 [reportgen, "build", "--content", "content", "--output", "{out}", *jobs], built),
            Tool("pelican (content cache)", pel_project,
                 [str(pelican), "content", "-o", "{out}", "-s", "pelicanconf-cache.py"], r"Processed (\d+) articles?"),
        ]
    return tools


def warm_caches(tools: list[Tool], expected: int) -> None:
    """One untimed build of each cached tool, so that its cache is full before the timed runs."""
    for tool in tools:
        if "cache" in tool.name:
            clear_reportgen_cache(tool.folder)
            shutil.rmtree(tool.folder / "cache", ignore_errors=True)
            tool.run(0, expected)
            tool.walls.clear()
            tool.cpus.clear()


def report(tools: list[Tool], args: argparse.Namespace, versions: str, reportgen: str) -> None:
    """The summary table and the ratio."""
    print(f"\n{args.n} articles (make_corpus.py seed {args.seed}), {args.runs} runs each, alternating")
    print(f"reportgen: {reportgen} ({git_line()}); pelican, markdown: {versions}")
    print(f"machine: {machine_line()}")
    print(f"{'':30}{'wall: median (min – max)':>32}{'CPU median':>14}")
    for tool in tools:
        print(f"{tool.name:<30}{spread(tool.walls):>32}{statistics.median(tool.cpus):12.2f} s")
    reportgen_tool, pelican_tool = tools[0], tools[1]
    pairs = [a / b for a, b in zip(reportgen_tool.walls, pelican_tool.walls, strict=True)]
    ratio = statistics.median(reportgen_tool.walls) / statistics.median(pelican_tool.walls)
    cpu = statistics.median(reportgen_tool.cpus) / statistics.median(pelican_tool.cpus)
    print(f"ratio reportgen/pelican, clean builds: {ratio:.2f} (wall medians; per run {min(pairs):.2f} – "
          f"{max(pairs):.2f}); target <= 0.5")
    print(f"ratio of the CPU medians: {cpu:.2f} (reportgen's counts all its processes)")
    if len(tools) == 4:
        cached = statistics.median(tools[2].walls) / statistics.median(tools[3].walls)
        print(f"ratio with caches (reference): {cached:.2f}")


def main(argv: list[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=1000, help="articles [default: 1000]")
    parser.add_argument("--runs", type=int, default=5, help="timed builds of each tool [default: 5]")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed [default: 1]")
    parser.add_argument("--jobs", type=int, help="reportgen build --jobs [default: reportgen's own]")
    parser.add_argument("--with-cache", action="store_true",
                        help="also time both with a warm cache (Pelican's LOAD_CONTENT_CACHE), for reference")
    parser.add_argument("--venv", type=Path, default=REPO / "bench" / ".venv-pelican",
                        help="Pelican's virtual environment [default: bench/.venv-pelican]")
    parser.add_argument("--reportgen", help="reportgen executable [default: $REPORTGEN, .venv, PATH]")
    parser.add_argument("--workdir", type=Path, help="folder for the corpora and sites [default: a temporary one]")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    args = parser.parse_args(argv)
    if args.n < 1 or args.runs < 1:
        parser.error("N and --runs must be at least 1")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="reportgen-vs-pelican-"))
    try:
        reportgen = reportgen_executable(args.reportgen)
        pelican, versions = ensure_pelican(args.venv.resolve())
        if warning := busy_warning():
            print(warning, flush=True)
        for folder in ("reportgen", "reportgen-cached", "pelican"):
            shutil.rmtree(work / folder, ignore_errors=True)
        tools = setup(args, work, pelican, reportgen)
        warm_caches(tools, args.n)
        for index in range(1, args.runs + 1):
            # alternate the order, so that neither tool always runs on a machine the other warmed
            order = tools if index % 2 else tools[::-1]
            for tool in order:
                tool.run(index, args.n)
        report(tools, args, versions, reportgen)
    except BenchError as error:
        return fail(error)
    finally:
        if args.workdir is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"work folder kept: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
