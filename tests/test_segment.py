"""Sentence segmentation: the table of hard news cases, the seed article, invariants, offline use."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.segment import load_lexicon, parse_abbreviations, split_paragraphs, split_sentences

try:  # Python >= 3.11
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_16c65a2de27f6a53.txt"
CASES = tomllib.loads((Path(__file__).parent / "data" / "sentences.toml").read_text(encoding="utf-8"))["cases"]


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def _assert_well_formed(text: str, spans: list[tuple[int, int]], paragraphs: list[tuple[int, int]]) -> None:
    """Spans are non-empty, trimmed, increasing, non-overlapping and each inside one paragraph."""
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert any(a <= start and end <= b for a, b in paragraphs), (start, end)
        previous_end = end


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["known_limit"])) if "known_limit" in c else c
        for c in CASES
    ],
    ids=[c["name"] for c in CASES],
)
def test_sentence_cases(case: dict) -> None:
    text = case["text"]
    assert _sentences(text) == case["sentences"]
    _assert_well_formed(text, split_sentences(text), split_paragraphs(text))


def test_fixture_is_large_and_names_are_unique() -> None:
    names = [c["name"] for c in CASES]
    assert len([c for c in CASES if "known_limit" not in c]) >= 35
    assert len(names) == len(set(names))


def test_seed_article_has_its_23_sentences() -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    # One line of the file holds two sentences: the reporter's, then a quotation that opens with ‘.
    expected: list[str] = []
    for line in lines:
        head, mark, tail = line.partition(" ‘The President’s")
        expected += [head, mark.lstrip() + tail] if mark else [line]
    text = " ".join(lines)
    assert len(expected) == 23
    assert [text[a:b] for a, b in split_sentences(text, [(0, len(text))])] == expected


def test_explicit_paragraph_spans_are_respected() -> None:
    text = "Heading without a stop\n\nFirst sentence. Second one\n\nThird (with Inc. The end)."
    paragraphs = [(0, 22), (24, 50), (52, len(text))]  # as the loader gives them: blank lines left out
    spans = split_sentences(text, paragraphs)
    assert [text[a:b] for a, b in spans] == [
        "Heading without a stop", "First sentence.", "Second one", "Third (with Inc.", "The end).",
    ]
    _assert_well_formed(text, spans, paragraphs)
    assert split_paragraphs(text) == paragraphs


def test_paragraph_spans_given_with_whitespace_are_trimmed() -> None:
    text = "  One. Two.  \n\n  Three.  "
    assert _sentences(text) == ["One.", "Two.", "Three."]
    assert [text[a:b] for a, b in split_sentences(text, [(0, 13), (13, len(text))])] == ["One.", "Two.", "Three."]


def test_split_paragraphs() -> None:
    text = "\n\nTitle\n\n\nBody line one\nline two.\n  \n\nEnd "
    assert [text[a:b] for a, b in split_paragraphs(text)] == ["Title", "Body line one\nline two.", "End"]
    assert split_paragraphs("") == [] and split_paragraphs(" \n\n ") == []
    assert split_sentences("") == [] and split_sentences("   ") == []


_ALPHABET = st.sampled_from(list("ab AB.?!…\"'”’‘“()\n—1$-") + ["Inc", "U.S", "Mr", " The ", "e.g", "\n\n"])


@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_spans_are_well_formed_on_any_text(text: str) -> None:
    _assert_well_formed(text, split_sentences(text), split_paragraphs(text))
    # Every non-space character of every paragraph lies in some sentence.
    covered = {i for a, b in split_sentences(text) for i in range(a, b)}
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def test_abbreviation_file_is_well_formed() -> None:
    table = load_lexicon().abbreviations
    assert table["sen"] == ("name", True) and table["inc"] == ("starter", True) and table["no"][0] == "number"
    assert {"u.s", "p.m", "e.g", "jan", "st", "approx", "vs"} <= set(table)
    with pytest.raises(ValueError):
        parse_abbreviations("[a] name any\nfoo\nfoo\n")
    with pytest.raises(ValueError):
        parse_abbreviations("foo\n")
    with pytest.raises(ValueError):
        parse_abbreviations("[a] sometimes any\nfoo\n")


def test_works_without_nltk_data(tmp_path: Path) -> None:
    home, nltk_data = tmp_path / "home", tmp_path / "nltk_data"
    home.mkdir()
    nltk_data.mkdir()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "NLTK_DATA": str(nltk_data)}
    script = (
        "from reportgen.segment import split_sentences\n"
        "text = 'Sen. Marsh met Acme Inc. The U.S. team left. \"Why now?\" she asked.'\n"
        "print(len(split_sentences(text)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3"
    assert list(home.iterdir()) == [] and list(nltk_data.iterdir()) == []
