"""Find the article files in a content folder.

Apart from ``load`` so that a build can list and hash the files without loading the Markdown
and YAML parsers (an unchanged build needs nothing more).
"""

from __future__ import annotations

import os
from pathlib import Path

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt"})
ARTICLE_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES
NO_ARTICLES = "no articles (.md, .markdown or .txt) in this folder"


def find_articles(folder: Path) -> list[Path]:
    """Article files under folder (recursive, .md/.markdown/.txt), sorted, skipping hidden files/dirs and symlinks that point outside folder."""
    top = folder.resolve()
    found = []
    # Symlinked folders are not descended into: their targets are either outside (refused)
    # or inside, where the walk already reaches them.
    for directory, subdirs, files in os.walk(folder):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in files:
            candidate = Path(directory, name)
            if name.startswith(".") or candidate.suffix.lower() not in ARTICLE_SUFFIXES:
                continue
            if candidate.is_symlink() and not _inside(candidate.resolve(), top):
                continue
            if candidate.is_file():
                found.append(candidate)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _inside(path: Path, top: Path) -> bool:
    return path == top or top in path.parents
