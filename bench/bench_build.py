#!/usr/bin/env python3
"""reportgen's build on a generated corpus: full, parallel, incremental, and its memory.

    python3 bench/bench_build.py [--n 1000] [--runs 3] [--seed 1] [--memory-sizes 1000,10000]
                                 [--skip-jobs] [--skip-incremental] [--skip-memory]

On ``make_corpus.py`` articles (N, default 1000), each build a ``reportgen build`` subprocess
run in a project folder of its own (where ``.reportgen-cache`` lives), timed by wall clock,
with its CPU time (the build and its workers, from ``wait4``):

1. Full builds: clean (a fresh output folder, the cache removed, ``--no-cache`` when the
   build has it) with the default ``--jobs`` and with ``--jobs 1``, alternating, ``--runs``
   each; the median of each and the speed-up ``jobs 1 / default``.
2. Incremental builds (with the cache): one first build into an output folder, then
   ``--runs`` unchanged rebuilds into the same folder, then ``--runs`` rebuilds each after
   one article was edited (a sentence appended to the middle article, different every time);
   medians as a percentage of the clean full build. Without a cache these are full builds.
3. Memory: one clean build for each of ``--memory-sizes`` (default 1,000 and 10,000
   articles). The build's process tree (the build and its workers) is sampled from /proc every
   20 ms; printed are its largest single process (the kernel's ru_maxrss from ``wait4``,
   which covers the build and every worker it reaped, for this build alone) and the peak of
   the tree's summed RSS, and the ratio of the largest size to the smallest.

reportgen is ``--reportgen PATH``, else ``$REPORTGEN``, else the project's ``.venv``, else the
one on PATH.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from buildtools import (BenchError, Run, build_help, busy_warning, clear_reportgen_cache, fail, git_line,
                        machine_line, reportgen_executable, run_timed, spread)
from make_corpus import write_corpus

EDIT = "\n\nEditor's note ({run}): officials said on Tuesday that the figures may change again.\n"


class Project:
    """A project folder with a corpus, and the reportgen build command to run in it."""

    def __init__(self, folder: Path, n: int, seed: int, reportgen: str, no_cache: list[str]) -> None:
        self.folder, self.n, self.reportgen, self.no_cache = folder, n, reportgen, no_cache
        shutil.rmtree(folder, ignore_errors=True)
        self.files = write_corpus(n, folder / "content", seed, "reportgen")
        self.runs = 0

    def build(self, *options: str, output: str | None = None, clean: bool = True, memory: bool = False) -> Run:
        """One build; clean: into a fresh output folder (removed after), without the cache."""
        self.runs += 1
        out = self.folder / (output or f"out-{self.runs}")
        if clean:
            shutil.rmtree(out, ignore_errors=True)
            clear_reportgen_cache(self.folder, out)
        command = [self.reportgen, "build", "--content", "content", "--output", out.name, *options,
                   *(self.no_cache if clean else [])]
        result = run_timed(command, self.folder, sample_memory=memory)
        if clean:
            shutil.rmtree(out, ignore_errors=True)
        return result


def full_builds(project: Project, runs: int, skip_jobs: bool) -> float:
    """Clean builds with the default jobs and with --jobs 1; the median of the default."""
    variants = {"default --jobs": []} if skip_jobs else {"default --jobs": [], "--jobs 1": []}
    for index in range(runs):
        order = list(variants) if index % 2 == 0 else list(variants)[::-1]
        for name in order:
            result = project.build(*(["--jobs", "1"] if name == "--jobs 1" else []))
            variants[name].append(result)
            print(f"  full build, {name:<15} {result.wall:7.2f} s wall, {result.cpu:7.2f} s CPU", flush=True)
    print(f"\nFull clean builds, {project.n} articles, {runs} runs each")
    for name, results in variants.items():
        walls = [r.wall for r in results]
        print(f"  {name:<16}{spread(walls)}   CPU {statistics.median(r.cpu for r in results):.2f} s")
    full = statistics.median(r.wall for r in variants["default --jobs"])
    if not skip_jobs:
        one = statistics.median(r.wall for r in variants["--jobs 1"])
        print(f"  speed-up of the default over --jobs 1: {one / full:.2f}x")
    return full


def incremental_builds(project: Project, runs: int, full: float) -> None:
    """A first build with the cache, unchanged rebuilds, and rebuilds after one edited article."""
    clear_reportgen_cache(project.folder)
    shutil.rmtree(project.folder / "site", ignore_errors=True)
    first = project.build(output="site", clean=False)
    print(f"  first build with the cache    {first.wall:7.2f} s wall", flush=True)
    unchanged, edited = [], []
    for _ in range(runs):
        unchanged.append(project.build(output="site", clean=False).wall)
        print(f"  unchanged rebuild             {unchanged[-1]:7.2f} s wall", flush=True)
    target = project.files[len(project.files) // 2]
    for index in range(runs):
        with target.open("a", encoding="utf-8") as handle:
            handle.write(EDIT.format(run=index + 1))
        edited.append(project.build(output="site", clean=False).wall)
        print(f"  one edited article, rebuild   {edited[-1]:7.2f} s wall", flush=True)
    shutil.rmtree(project.folder / "site", ignore_errors=True)
    print(f"\nIncremental builds, {project.n} articles (the cache of the first build kept), {runs} runs each")
    print(f"  first build, cache empty    {first.wall:7.2f} s  ({first.wall / full:.0%} of a clean full build)")
    for name, walls in (("unchanged rebuild", unchanged), ("one article edited", edited)):
        print(f"  {name:<20}{spread(walls)}   {statistics.median(walls) / full:.1%} of a clean full build")
    if not project.no_cache:
        print("  (this reportgen has no --no-cache: it keeps no cache, so these are full builds)")


def memory(sizes: list[int], make: Callable[[int], Project]) -> None:
    """Peak memory of one clean build per corpus size."""
    peaks = {}
    for size in sizes:
        result = make(size).build(memory=True)
        peaks[size] = result
        print(f"  memory, {size} articles: {result.wall:.1f} s wall", flush=True)
    print("\nPeak memory of one clean build (MiB): largest single process (ru_maxrss; sampled), "
          "summed RSS of the process tree (sampled every 20 ms)")
    for size, result in peaks.items():
        print(f"  {size:>6} articles  largest process {result.maxrss_kib / 1024:7.1f} "
              f"({result.largest_sampled_kib / 1024:.1f})   tree {result.tree_peak_kib / 1024:7.1f}"
              f"   ({result.wall:.1f} s)")
    if len(peaks) > 1:
        small, large = peaks[min(peaks)], peaks[max(peaks)]
        print(f"  ratio {max(peaks)}/{min(peaks)}: largest process {large.maxrss_kib / small.maxrss_kib:.2f}, "
              f"tree {large.tree_peak_kib / max(small.tree_peak_kib, 1):.2f}")


def main(argv: list[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles [default: 1000]")
    parser.add_argument("--runs", type=int, default=3, help="timed builds of each kind [default: 3]")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed [default: 1]")
    parser.add_argument("--memory-sizes", default="1000,10000",
                        help="corpus sizes for the memory figures [default: 1000,10000]")
    parser.add_argument("--skip-jobs", action="store_true", help="no --jobs 1 builds")
    parser.add_argument("--skip-incremental", action="store_true", help="no incremental builds")
    parser.add_argument("--skip-memory", action="store_true", help="no memory figures")
    parser.add_argument("--reportgen", help="reportgen executable [default: $REPORTGEN, .venv, PATH]")
    parser.add_argument("--workdir", type=Path, help="folder for the corpora and sites [default: a temporary one]")
    args = parser.parse_args(argv)
    sizes = sorted({int(size) for size in args.memory_sizes.split(",") if size.strip()})
    if args.n < 1 or args.runs < 1 or any(size < 1 for size in sizes):
        parser.error("--n, --runs and --memory-sizes must be at least 1")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="reportgen-bench-build-"))
    try:
        reportgen = reportgen_executable(args.reportgen)
        no_cache = ["--no-cache"] if "--no-cache" in build_help(reportgen) else []
        print(f"reportgen: {reportgen} ({git_line()})\nmachine: {machine_line()}", flush=True)
        if warning := busy_warning():
            print(warning, flush=True)
        project = Project(work / f"n{args.n}", args.n, args.seed, reportgen, no_cache)
        full = full_builds(project, args.runs, args.skip_jobs)
        if not args.skip_incremental:
            incremental_builds(project, args.runs, full)
        if not args.skip_memory:
            memory(sizes, lambda size: Project(work / f"memory-{size}", size, args.seed, reportgen, no_cache))
        print(f"machine after: {machine_line()}")
    except BenchError as error:
        return fail(error)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
