"""What a long-lived ``serve`` remembers between rebuilds, and the ``stat`` checks that say it still holds.

``plan`` reads the config, lists the content folder and hashes every article: 50-100 ms on a
site of 1,000 articles, for each rebuild. ``PlanMemory`` keeps the rules of the last config, the
list of articles while no folder under the content changed (adding, removing or renaming a file
changes its folder's times), and each file's key while ``stat`` says the same of the file.
Whatever changed in the last RACY_SECONDS is read again every time: a second change within the
same tick of the file system's clock could leave its times as they were (git's "racily clean").
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Mapping, Sequence

from reportgen.cache import article_key
from reportgen.find import find_articles
from reportgen.rules import RuleSet, load_rules

RACY_SECONDS = 2
Stamp = tuple[int, int, int, int]  # inode, size, and modification and change times in ns


class PlanMemory:
    """The rules of the last config, the list of articles and each file's key, kept while they hold."""

    def __init__(self) -> None:
        self._config: Mapping[str, Any] | None = None
        self._rules: RuleSet | None = None
        self._folders: tuple[tuple[str, Stamp], ...] | None = None  # the content folders' stamps when listed
        self._articles: list[Path] = []
        self._keys: dict[str, tuple[Stamp, str]] = {}  # file → its stamp and key
        self._keyed = ("", "")  # the content folder and rules fingerprint of those keys

    def rules(self, config: Mapping[str, Any]) -> RuleSet:
        """``load_rules(config)``, loaded again only when the config differs from the last one."""
        if self._rules is None or config != self._config:
            self._rules, self._config = load_rules(config), config
        return self._rules

    def articles(self, content: Path) -> list[Path]:
        """``find_articles(content)``, listed again only when a folder under content changed."""
        folders = _folder_stamps(content)
        if folders is None or folders != self._folders:
            self._articles = find_articles(content)
        self._folders = folders
        return list(self._articles)

    def keys(self, files: Sequence[Path], root: Path, fingerprint: str) -> list[str]:
        """Each file's ``article_key``; only files new or changed since the last call are read."""
        known = self._keys if self._keyed == (str(root), fingerprint) else {}
        self._keys, self._keyed = {}, (str(root), fingerprint)
        settled = _settled()
        keys = []
        for path in files:
            name = str(path)
            try:
                stat = os.stat(name)
            except OSError:  # gone or unreadable: article_key says so in the key
                keys.append(article_key(path, root, fingerprint))
                continue
            found = known.get(name)
            key = found[1] if found is not None and found[0] == _stamp(stat) else article_key(path, root, fingerprint)
            if _before(stat, settled):
                self._keys[name] = (_stamp(stat), key)
            keys.append(key)
        return keys


def _folder_stamps(root: Path) -> tuple[tuple[str, Stamp], ...] | None:
    """The stamp of root and of every folder below it (symlinks not followed); None if one just changed."""
    settled = _settled()
    found, pending = [], [str(root)]
    while pending:
        folder = pending.pop()
        try:
            stat = os.stat(folder)
            with os.scandir(folder) as entries:
                pending.extend(entry.path for entry in entries if entry.is_dir(follow_symlinks=False))
        except OSError:  # gone or unreadable: list again
            return None
        if not _before(stat, settled):
            return None
        found.append((folder, _stamp(stat)))
    return tuple(sorted(found))


def _stamp(stat: os.stat_result) -> Stamp:
    return stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def _settled() -> int:
    """The time (ns) before which a change is old enough to be trusted."""
    return time.time_ns() - RACY_SECONDS * 1_000_000_000


def _before(stat: os.stat_result, settled: int) -> bool:
    return max(stat.st_mtime_ns, stat.st_ctime_ns) < settled
