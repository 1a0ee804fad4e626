"""The default theme and the ``[site]`` settings: what pages look like, found without loading templates.

Kept apart from ``render`` (and Jinja) so that a build can tell cheaply whether anything changed.
"""

from __future__ import annotations

import datetime
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from reportgen import PACKAGE_DIR, __version__
from reportgen.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """The ``[site]`` settings, plus whether pages poll ``reportgen serve`` for reloads."""

    title: str = "Sourcing scorecards"
    description: str = ""
    site_url: str = ""
    build_date: str = ""
    live_reload: bool = False


def theme_dir() -> Path:
    """The default theme: packaged as ``reportgen/templates``, or ``<repo>/templates`` in a checkout."""
    packaged = PACKAGE_DIR / "templates"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "templates"


def templates_digest(overrides: Path | None = None) -> str:
    """A hash of every file of the default theme and of the project's templates: pages change when it does."""
    digest = hashlib.sha256(__version__.encode())
    for root in [theme_dir(), *([overrides] if overrides is not None and overrides.is_dir() else [])]:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def external_url(url: str) -> str | None:
    """The URL if it is http(s) and safe to link, else None (shown as text, never linked)."""
    text = url.strip()
    ok = text.lower().startswith(("http://", "https://")) and not any(c.isspace() or ord(c) < 32 for c in text)
    return text if ok else None


def settings_from_config(config: Mapping[str, Any], environ: Mapping[str, str] = os.environ,
                         live_reload: bool = False) -> Settings:
    """``[site]`` settings, validated; a build date only when ``SOURCE_DATE_EPOCH`` is set."""
    section = config.get("site", {})
    known = ("title", "description", "site_url")
    for key, value in section.items():
        if key not in known:
            raise ConfigError(f"site.{key}: unknown setting (known: {', '.join(known)})")
        if not isinstance(value, str):
            raise ConfigError(f"site.{key}: must be a string")
    site_url = section.get("site_url", "").strip().rstrip("/")
    if site_url and external_url(site_url) is None:
        raise ConfigError(f"site.site_url: must start with https:// or http://, got {site_url!r}")
    return Settings(title=section.get("title", "").strip() or Settings.title,
                    description=section.get("description", "").strip(), site_url=site_url,
                    build_date=build_date(environ), live_reload=live_reload)


def build_date(environ: Mapping[str, str]) -> str:
    """``SOURCE_DATE_EPOCH`` as a UTC date (empty when unset): reproducible builds may say when."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return ""
    try:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise ConfigError(f"SOURCE_DATE_EPOCH: must be a whole number of seconds, got {epoch!r}") from None
