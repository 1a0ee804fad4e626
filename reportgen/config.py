"""``reportgen.toml``: a project's settings and its changes to the rule tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportgen.errors import ConfigError
from reportgen.rules import tomllib

DEFAULT_CONFIG = "reportgen.toml"
SECTIONS = ("rules", "custom_rules", "lexicon", "bands", "site")


def load_config(path: Path | None) -> dict[str, Any]:
    """Read a config file; no path means ``reportgen.toml`` if present, else no settings."""
    explicit = path is not None
    path = path or Path(DEFAULT_CONFIG)
    if not path.is_file():
        if explicit:
            raise ConfigError(f"{path}: config file not found")
        return {}
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}") from None
    for key in config:
        if key not in SECTIONS:
            raise ConfigError(f"{path}: unknown section '{key}' (known: {', '.join(SECTIONS)})")
    return config
