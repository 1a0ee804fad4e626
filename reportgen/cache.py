"""The analysis cache: each article's analysis kept between builds, keyed by what it depends on.

An article's key is a hash of its path, its bytes, the rules fingerprint (the shipped rule
tables and lexicon with the user's changes) and reportgen's version. Editing an article
invalidates its entry only; changing a word list or a rule invalidates every entry, since any
article may contain the word; changing the site's title, bands or templates invalidates none
(those change pages, not analyses). A file that cannot be loaded is cached as its problem, so
the warning comes back on every build without reading the file again.

The cache is one SQLite database in the project (``.reportgen-cache/analyses.sqlite``): one file
rather than one per article, because creating a file costs more than analysing a paragraph, and
SQLite keeps it whole when a build is killed and consistent when two builds run at once. Entries
are pickles written by reportgen itself; one that cannot be read is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from pathlib import Path
from typing import Iterable, Union

from reportgen import __version__
from reportgen.model import Analysis, Summary

CACHE_DIR = ".reportgen-cache"
DATABASE = "analyses.sqlite"
TEMPLATES = "templates"  # Jinja's compiled templates, beside the analyses (see ``render.make_environment``)
Problem = tuple[str, str]  # (path, problem) of a file that could not be loaded
Entry = Union[Analysis, Problem]
Brief = Union[Summary, Problem]
PROTOCOL = 5
SCHEMA = "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, brief BLOB NOT NULL, entry BLOB NOT NULL)"


def article_key(path: Path, root: Path, fingerprint: str) -> str:
    """The cache key of the article file at path, found under root."""
    digest = hashlib.sha256(f"{__version__}\0{fingerprint}\0{path}\0{root}\0".encode())
    try:
        digest.update(path.read_bytes())
    except OSError as exc:  # unreadable: the loader reports it; the key just must not collide
        digest.update(f"\0unreadable {exc.errno}".encode())
    return digest.hexdigest()


def brief(entry: Entry) -> Brief:
    """What the build keeps in memory of an entry: the summary of an analysis, or the problem."""
    return Summary.of(entry) if isinstance(entry, Analysis) else entry


class AnalysisCache:
    """Analyses (or load problems) and their summaries, by article key, in one SQLite file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        """The connection, opened (and the database created) on first use."""
        if self._db is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            try:
                self._db = _connect(self.folder / DATABASE)
            except sqlite3.DatabaseError:  # not a database (any more): start afresh
                for path in self.folder.glob(DATABASE + "*"):
                    path.unlink()
                self._db = _connect(self.folder / DATABASE)
        return self._db

    def briefs(self) -> dict[str, Brief]:
        """The summary (or problem) of every entry, by key."""
        found = {}
        for key, data in self.db.execute("SELECT key, brief FROM entries"):
            value = _unpickle(data)
            if isinstance(value, (Summary, tuple)):
                found[key] = value
        return found

    def load(self, key: str) -> Entry | None:
        """The entry stored under key, or None."""
        row = self.db.execute("SELECT entry FROM entries WHERE key = ?", (key,)).fetchone()
        return None if row is None else _unpickle(row[0])

    def store(self, entries: Iterable[tuple[str, Entry]]) -> None:
        """Store entries (key, analysis or problem) in one transaction."""
        rows = [(key, pickle.dumps(brief(entry), PROTOCOL), pickle.dumps(entry, PROTOCOL)) for key, entry in entries]
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Delete every entry whose key is not among keys (the articles of the last build)."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS live (key TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM live")
            self.db.executemany("INSERT OR IGNORE INTO live VALUES (?)", ((key,) for key in keys))
            self.db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM live)")

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
        db.execute("PRAGMA synchronous=NORMAL")  # a cache may lose its last entries, never its shape
        db.execute(SCHEMA)
        db.execute("SELECT count(*) FROM entries").fetchone()
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _unpickle(data: bytes) -> object:
    try:
        return pickle.loads(data)
    except Exception:  # from another reportgen or Python: a miss  # noqa: BLE001
        return None
