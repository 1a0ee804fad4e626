"""The analyzer: one article's text in, findings, readability and metrics out.

Pure: no I/O beyond reading the shipped data files once, no global state, deterministic.
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter

from reportgen.attribution import find_attributions
from reportgen.match import match_rules, supported_sentences
from reportgen.model import Analysis, Article
from reportgen.quotes import quote_spans
from reportgen.readability import readability
from reportgen.rules import RuleSet, load_rules
from reportgen.score import score
from reportgen.segment import split_sentences
from reportgen.sources import Lexicon, build_lexicon
from reportgen.tokens import TextIndex


def analyze(article: Article, rules: RuleSet | None = None) -> Analysis:
    """Analyze one loaded article with the given rules (the shipped ones by default)."""
    rules = rules or default_rules()
    text = article.text
    sentences = tuple(split_sentences(text, article.paragraphs))
    quotes = tuple(quote_spans(text, article.paragraphs))
    index = TextIndex.of(text)
    attributions = find_attributions(index, sentences, quotes, rules, _lexicon(rules))
    supported = supported_sentences(text, sentences, attributions)
    lexical = match_rules(
        index, [*rules.by_category("hedge"), *rules.by_category("generalization")], sentences, quotes, supported
    )
    findings = tuple(sorted([*attributions, *lexical], key=attrgetter("start", "end", "category", "rule")))
    grades = readability(text, sentences)
    return Analysis(article, sentences, quotes, findings, grades, score(findings, grades))


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The shipped rules, loaded once."""
    return load_rules()


_lexicons: dict[str, Lexicon] = {}


def _lexicon(rules: RuleSet) -> Lexicon:
    """The compiled attribution lexicon of a rule set, built once per fingerprint."""
    if rules.fingerprint not in _lexicons:
        _lexicons[rules.fingerprint] = build_lexicon(rules.lexicon)
    return _lexicons[rules.fingerprint]
