"""Helpers shared by the build benchmarks (bench_build.py, vs_pelican.py): which reportgen to
run, a timed subprocess with its CPU time, peak memory of a process tree, and summaries.

Standard library only, so the scripts run under any Python 3.10+ without the project installed.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE_DIR = ".reportgen-cache"  # where reportgen keeps its analyses, in the project folder
PAGE = os.sysconf("SC_PAGE_SIZE")


class BenchError(Exception):
    """A problem that ends the benchmark with a one-line message."""


def reportgen_executable(given: str | None = None) -> str:
    """The reportgen to time: --reportgen, else $REPORTGEN, else the project's .venv, else PATH."""
    for candidate in (given, os.environ.get("REPORTGEN"), str(REPO / ".venv" / "bin" / "reportgen")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("reportgen")
    if not found:
        raise BenchError("no reportgen found: set REPORTGEN=/path/to/bin/reportgen, or install the "
                         "project into .venv (see README.md)")
    return found


def build_help(reportgen: str) -> str:
    """The text of ``reportgen build --help`` (to see which options this version has)."""
    done = subprocess.run([reportgen, "build", "--help"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"{reportgen} build --help failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def clear_reportgen_cache(project: Path, output: Path | None = None) -> None:
    """Remove reportgen's cache folder from the project (and from the output folder, if any)."""
    for folder in (project, output):
        if folder is not None:
            shutil.rmtree(folder / CACHE_DIR, ignore_errors=True)


@dataclass(frozen=True)
class Run:
    """One timed command: wall seconds, CPU seconds of it and its children, peak memory."""

    wall: float
    cpu: float
    maxrss_kib: int  # largest single process of the tree (the kernel's ru_maxrss)
    tree_peak_kib: int  # largest sum of the RSS of every process in the tree, sampled
    largest_sampled_kib: int  # largest single process as sampled (a check on ru_maxrss)
    output: str


def _children(pid: int) -> list[int]:
    """The child processes of pid (every thread's children), from /proc."""
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
        except OSError:
            pass
    return found


def _rss_kib(pid: int) -> int:
    """Resident memory of one process in KiB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE // 1024
    except (OSError, IndexError, ValueError):
        return 0


class TreeSampler(threading.Thread):
    """Polls the RSS of a process and all its descendants every ``interval`` seconds."""

    def __init__(self, root: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.tree_peak = self.process_peak = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            pending, sizes = [self.root], []
            while pending:
                pid = pending.pop()
                sizes.append(_rss_kib(pid))
                pending += _children(pid)
            self.tree_peak = max(self.tree_peak, sum(sizes))
            self.process_peak = max(self.process_peak, max(sizes))
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()
        self.join()


def run_timed(command: list[str], cwd: Path, sample_memory: bool = False, log: Path | None = None) -> Run:
    """Run command in cwd; its wall and CPU time, and (sample_memory) its tree's peak RSS.

    The process is reaped with wait4, whose rusage covers that process and every descendant it
    reaped, so ru_maxrss is this build's largest process, not the largest of all runs so far.
    """
    with open(log or os.devnull, "wb") as sink:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=sink if log else subprocess.PIPE, stderr=subprocess.STDOUT)
        sampler = TreeSampler(proc.pid) if sample_memory else None
        if sampler:
            sampler.start()
        text = b"" if log else proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.stop()
    if log:
        text = log.read_bytes()
    output = text.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(command)} (in {cwd}) failed with exit status {proc.returncode}:\n"
                         + output.strip()[-2000:])
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
               sampler.tree_peak if sampler else 0, sampler.process_peak if sampler else 0, output)


def spread(values: list[float]) -> str:
    """'median (min – max)' of values, in seconds."""
    return f"{statistics.median(values):7.2f} s  ({min(values):.2f} – {max(values):.2f})"


def machine_line() -> str:
    """One line about where the figures were taken: CPUs, Python, load."""
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}, load average {load}")


def _cpu_times() -> tuple[int, int]:
    """Idle and total jiffies of all CPUs, from /proc/stat."""
    with open("/proc/stat") as handle:
        fields = [int(value) for value in handle.readline().split()[1:]]
    return fields[3] + fields[4], sum(fields)  # idle + iowait


def busy_warning(seconds: float = 1.0) -> str | None:
    """A warning when other processes keep the CPUs busy (wall times then grow more than CPU times)."""
    try:
        idle, total = _cpu_times()
        time.sleep(seconds)
        idle2, total2 = _cpu_times()
    except (OSError, ValueError, IndexError):
        return None
    busy = 1 - (idle2 - idle) / max(total2 - total, 1)
    if busy < 0.1:
        return None
    return (f"warning: the CPUs were {busy:.0%} busy before the builds: other processes are running, so wall "
            "times will be high and noisy; the CPU times are the steadier figure")


def git_line() -> str:
    """The repository's commit, and whether the work tree has changes."""
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=False).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "unknown commit"
    return f"commit {head}{' + uncommitted changes' if dirty else ''}"


def fail(error: BenchError) -> int:
    """Print the error and return the exit status for it."""
    print(f"error: {error}", file=sys.stderr)
    return 2

