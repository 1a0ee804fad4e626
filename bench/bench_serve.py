#!/usr/bin/env python3
"""``reportgen serve`` as an instructor uses it: save one article, see the page change in the browser.

    .venv/bin/python bench/bench_serve.py [--n 1000] [--edits 10] [--seed 1] [--text]

Generates N articles (``make_corpus.py``) in a temporary project, starts ``reportgen serve`` on
a free port, opens the middle article's scorecard in Debian's Chromium (Playwright, headless),
and then, ``--edits`` times: changes that article's title in its file and measures the time
from the save to the moment the open page shows the new title. With ``--text`` each edit also
adds a sentence to the article (its metrics change, and at times the site's medians: then every
page is rendered again, after the edited one). Prints each time, serve's own report of the
rebuild, the median and the worst. Needs the project's ``e2e`` extra (Playwright) and
/usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from buildtools import BenchError, fail, machine_line, reportgen_executable
from make_corpus import write_corpus

CHROMIUM = os.environ.get("REPORTGEN_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def start_serve(reportgen: str, project: Path) -> tuple[subprocess.Popen[str], str]:
    """``reportgen serve --port 0`` in the project; the process and the URL it serves."""
    server = subprocess.Popen([reportgen, "serve", "--port", "0"], cwd=project, stderr=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, text=True)
    assert server.stderr is not None
    for line in server.stderr:
        found = re.search(r"serving (http://\S+)", line)
        if found:
            threading.Thread(target=_echo_rebuilds, args=(server.stderr,), daemon=True).start()
            return server, found.group(1)
    raise BenchError(f"reportgen serve exited ({server.wait()}) before serving")


def _echo_rebuilds(lines: Iterable[str]) -> None:
    """Show serve's own report of each rebuild (its time) beside the times measured in the browser."""
    for line in lines:
        if line.startswith("built "):
            print(f"    serve: {line.strip()}")


def measure(n: int, edits: int, seed: int, text: bool = False) -> list[float]:
    """Seconds from each save to the new title on screen."""
    from playwright.sync_api import sync_playwright

    reportgen = reportgen_executable()
    project = Path(tempfile.mkdtemp(prefix="reportgen-serve-bench-"))
    try:
        files = write_corpus(n, project / "content", seed, "reportgen")
        article = files[len(files) // 2]
        started = time.perf_counter()
        server, url = start_serve(reportgen, project)
        print(f"serve: first build of {n} articles and start in {time.perf_counter() - started:.1f} s")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
                page = browser.new_page()
                page.goto(f"{url}articles/{article.stem}.html")  # generated file names are already slugs
                page.wait_for_selector("h1")
                page.wait_for_timeout(1000)  # the page's request for the next version is waiting
                times = []
                for edit in range(edits):
                    title = f"Edited title number {edit}"
                    saving = re.sub(r"^title: .*$", f'title: "{title}"', article.read_text(encoding="utf-8"),
                                    count=1, flags=re.MULTILINE)
                    if text:
                        saving += f"\nOfficials said the council may vote on it {edit + 2} times, reportedly.\n"
                    saved = time.perf_counter()
                    article.write_text(saving, encoding="utf-8")
                    page.wait_for_function("t => document.querySelector('h1') && "
                                           "document.querySelector('h1').textContent.includes(t)",
                                           arg=title, timeout=30_000, polling=10)
                    times.append(time.perf_counter() - saved)
                    print(f"  edit {edit + 1}: {times[-1]:.2f} s")
                    page.wait_for_timeout(500)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
        return times
    finally:
        shutil.rmtree(project, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the site [default: 1000]")
    parser.add_argument("--edits", type=int, default=10, help="saves to time [default: 10]")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed [default: 1]")
    parser.add_argument("--text", action="store_true", help="also add a sentence to the text at each edit")
    args = parser.parse_args()
    print(machine_line())
    try:
        times = measure(args.n, args.edits, args.seed, args.text)
    except (BenchError, ImportError) as exc:
        return fail(BenchError(str(exc)))
    print(f"save → updated page on screen, {args.n} articles: median {statistics.median(times):.2f} s, "
          f"worst {max(times):.2f} s (target: under 1 s); at the end: {machine_line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
