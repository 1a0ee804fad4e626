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
    _check_shapes(config, path)
    return config


def _check_shapes(config: dict[str, Any], path: Path) -> None:
    """Refuse, naming the key, a section that is not a table (or ``custom_rules`` not an array of tables)."""
    for key in ("rules", "lexicon", "bands", "site"):
        _table(config.get(key, {}), key, f"[{key}]", path)
    for rule_id, change in config.get("rules", {}).items():
        _table(change, f"rules.{rule_id}", f"[rules.{rule_id}]", path)
    for action, lists in config.get("lexicon", {}).items():
        _table(lists, f"lexicon.{action}", f"[lexicon.{action}]", path)
    custom = config.get("custom_rules", [])
    if not isinstance(custom, list) or not all(isinstance(rule, dict) for rule in custom):
        raise ConfigError(f"{path}: custom_rules: must be [[custom_rules]] tables, not {_kind(custom)}")


def _table(value: Any, key: str, header: str, path: Path) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: {key}: must be a table (a {header} section), not {_kind(value)}")


def _kind(value: Any) -> str:
    names = {str: "a string", bool: "true/false", int: "a number", float: "a number", list: "an array"}
    return names.get(type(value), f"a {type(value).__name__}")
