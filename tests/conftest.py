"""Shared fixtures: articles from strings, the seed, and temporary project folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.analyze import analyze
from reportgen.model import Analysis, Article

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_16c65a2de27f6a53.txt"


def article(text: str) -> Article:
    """An article whose paragraphs are separated by blank lines."""
    paragraphs, start = [], 0
    for block in text.split("\n\n"):
        if block.strip():
            lead = len(block) - len(block.lstrip())
            paragraphs.append((start + lead, start + len(block.rstrip())))
        start += len(block) + 2
    return Article(path="example.txt", slug="example", title="Example", text=text, paragraphs=tuple(paragraphs))


def analyze_text(text: str) -> Analysis:
    """Analyze a string with the shipped rules."""
    return analyze(article(text))


@pytest.fixture
def project(tmp_path: Path):
    """A factory for a temporary folder holding the given files: project({'content/a.md': '...'})."""

    def make(files: dict[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture
def fail_write_number(monkeypatch):
    """Make the site writer raise OSError("disk full") on its n-th file: fail_write_number(5)."""
    from reportgen.write import GuardedFolder

    real_write = GuardedFolder.write

    def arm(n: int) -> list[str]:
        calls: list[str] = []

        def failing(self: GuardedFolder, relative: str, data: bytes) -> None:
            calls.append(relative)
            if len(calls) == n:
                raise OSError("disk full")
            real_write(self, relative, data)

        monkeypatch.setattr(GuardedFolder, "write", failing)
        return calls

    return arm
