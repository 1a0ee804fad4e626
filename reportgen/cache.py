"""The analysis cache: each article's analysis kept between builds, keyed by what it depends on.

An article's key is a hash of its path, its bytes, the rules fingerprint (the shipped rule
tables and lexicon with the user's changes) and reportgen's version. Editing an article
invalidates its entry only; changing a word list or a rule invalidates every entry, since any
article may contain the word; changing the site's title, bands or templates invalidates none
(those change pages, not analyses). A file that cannot be loaded is cached as its problem, so
the warning comes back on every build without reading the file twice.

Entries are pickles written by reportgen into the project's own cache folder; an entry that
cannot be read is a miss, never an error. Writes go through a temporary file and a rename, so
a killed build or two builds at once leave whole entries or none.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Iterable, Union

from reportgen import __version__
from reportgen.model import Analysis, Summary

CACHE_DIR = ".reportgen-cache"
Problem = tuple[str, str]  # (path, problem) of a file that could not be loaded
Entry = Union[Analysis, Problem]
PROTOCOL = 5


def article_key(path: Path, root: Path, fingerprint: str) -> str:
    """The cache key of the article file at path, found under root."""
    digest = hashlib.sha256(f"{__version__}\0{fingerprint}\0{path}\0{root}\0".encode())
    try:
        digest.update(path.read_bytes())
    except OSError as exc:  # unreadable: the loader reports it; the key just must not collide
        digest.update(f"\0unreadable {exc.errno}".encode())
    return digest.hexdigest()


class AnalysisCache:
    """Analyses (and load problems) by article key, plus one file of every article's summary."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / "analyses" / key[:2] / f"{key}.pickle"

    def load(self, key: str) -> Entry | None:
        """The entry stored under key, or None."""
        try:
            return pickle.loads(self._path(key).read_bytes())
        except Exception:  # missing, truncated or from another Python: a miss  # noqa: BLE001
            return None

    def store(self, key: str, entry: Entry) -> None:
        """Store an entry under key."""
        _write_atomic(self._path(key), pickle.dumps(entry, PROTOCOL))

    def summaries(self) -> dict[str, Summary | Problem]:
        """The summary (or load problem) of every article of the last build, by key."""
        try:
            found = pickle.loads((self.folder / "summaries.pickle").read_bytes())
        except Exception:  # noqa: BLE001 (see load)
            return {}
        return found if isinstance(found, dict) else {}

    def keep_only(self, summaries: dict[str, Summary | Problem]) -> None:
        """Save these summaries and delete every analysis not among them."""
        _write_atomic(self.folder / "summaries.pickle", pickle.dumps(summaries, PROTOCOL))
        for path in _files(self.folder / "analyses"):
            if path.stem not in summaries:
                path.unlink(missing_ok=True)


def _files(folder: Path) -> Iterable[Path]:
    return folder.glob("*/*.pickle") if folder.is_dir() else ()


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
