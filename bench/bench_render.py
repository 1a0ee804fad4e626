#!/usr/bin/env python3
"""Rendering cost per article: one scorecard page and its JSON data file, in this process.

``make_corpus.py`` articles (``--articles``, default 200) are loaded and analyzed once, untimed,
with the default rules, bands and settings. Then every article is rendered with the function a
build's workers call (``reportgen.render.render_article``, templates compiled beforehand, as a
worker has them after its first article), ``--repeats`` times (default 7). Printed: CPU time
(``time.process_time``) per article of each repetition, their median, and a digest of every
rendered byte, which must not change when rendering is made faster.

    python bench/bench_render.py [--articles 200] [--repeats 7] [--seed 1]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

from make_corpus import write_corpus

from reportgen.analyze import analyze
from reportgen.corpus import metric_specs
from reportgen.load import load_article
from reportgen.model import Analysis
from reportgen.render import Context, make_environment, render_article
from reportgen.rules import RuleSet, load_rules
from reportgen.theme import Settings


def analyzed_corpus(count: int, seed: int, rules: RuleSet) -> list[Analysis]:
    """Generated articles, loaded and analyzed."""
    with tempfile.TemporaryDirectory(prefix="bench-render-") as folder:
        paths = write_corpus(count, Path(folder), seed)
        return [analyze(load_article(path, Path(folder)), rules) for path in paths]


def render_all(analyses: list[Analysis], context: Context, rules: RuleSet) -> tuple[float, str]:
    """CPU seconds to render every article, and a digest of every file rendered."""
    env = make_environment()
    digest = hashlib.sha256()
    start = time.process_time()
    outputs = [render_article(env, analysis, context, rules) for analysis in analyses]
    elapsed = time.process_time() - start
    for output in outputs:
        for path, data in output.files.items():
            digest.update(path.encode() + b"\0" + data)
        digest.update(output.entry.encode())
    return elapsed, digest.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rules = load_rules()
    analyses = analyzed_corpus(args.articles, args.seed, rules)
    context = Context.of(analyses, metric_specs({}), Settings())
    render_all(analyses[:5], context, rules)  # templates compiled, caches warm
    times, digests = [], set()
    for _ in range(args.repeats):
        elapsed, digest = render_all(analyses, context, rules)
        times.append(1000 * elapsed / len(analyses))
        digests.add(digest)
    findings = sum(len(a.findings) for a in analyses) / len(analyses)
    print(f"{len(analyses)} articles, {findings:.0f} findings each on average")
    print("ms per article: " + " ".join(f"{t:.2f}" for t in times))
    print(f"median {statistics.median(times):.2f} ms per article; output digest {' '.join(sorted(digests))}")
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
