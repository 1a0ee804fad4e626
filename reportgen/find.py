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
    found: list[tuple[tuple[str, ...], Path]] = []
    _scan(folder, (), folder.resolve(), found)
    return [path for _, path in sorted(found)]


def _scan(directory: Path, parts: tuple[str, ...], top: Path, found: list[tuple[tuple[str, ...], Path]]) -> None:
    """Add the article files under directory, with their path parts below the content folder, to found.

    os.scandir tells files from folders without a system call per file (a build lists every
    file each time). Symlinked folders are not descended into: their targets are either outside
    (refused) or inside, where the scan already reaches them. Unreadable folders are skipped.
    """
    try:
        with os.scandir(directory) as entries:
            listed = list(entries)
    except OSError:
        return
    for entry in listed:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            _scan(Path(entry.path), (*parts, entry.name), top, found)
        elif os.path.splitext(entry.name)[1].lower() in ARTICLE_SUFFIXES and _is_article_file(entry, top):
            found.append(((*parts, entry.name), Path(entry.path)))


def _is_article_file(entry: os.DirEntry[str], top: Path) -> bool:
    """A regular file, or a symlink to one inside the content folder."""
    if entry.is_symlink() and not _inside(Path(entry.path).resolve(), top):
        return False
    return entry.is_file()


def _inside(path: Path, top: Path) -> bool:
    return path == top or top in path.parents
