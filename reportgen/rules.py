"""Rule tables: the shipped TOML files in ``reportgen/data/rules``, plus a user's changes.

Every count, highlight, export and methodology entry comes from these tables, so a rule is
written exactly once. A user's ``reportgen.toml`` may add or remove words and patterns, change
a severity, switch a rule off, add whole rules, or extend the attribution lexicon.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Mapping

from reportgen import data_file
from reportgen.errors import ConfigError
from reportgen.tokens import PhraseMatcher, Starts, leading_words

try:  # Python >= 3.11
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

try:  # the regular-expression parser, to look at a user's pattern's structure (Python >= 3.11)
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parser

RULE_FILES = ("attribution.toml", "hedges.toml", "generalizations.toml")
SEVERITIES = ("info", "warning")
RULE_ID = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")


@dataclass(frozen=True)
class Rule:
    """One rule: what it matches, why it matters, and what it cannot see."""

    id: str
    name: str
    category: str
    severity: str
    summary: str
    explanation: str
    limits: str
    words: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    unsupported_only: bool = False
    source_kind: str | None = None

    @cached_property
    def phrases(self) -> PhraseMatcher:
        """The rule's literal words and phrases, matched word by word."""
        return PhraseMatcher(self.words)

    @cached_property
    def compiled_patterns(self) -> tuple[tuple[re.Pattern[str], Starts | None], ...]:
        """Each pattern compiled (case-insensitive), with the words it must start with, if known."""
        return tuple((re.compile(p, re.IGNORECASE), leading_words(p)) for p in self.patterns)

    @cached_property
    def exclude_regex(self) -> re.Pattern[str] | None:
        """The rule's exclusions as one pattern (None if it has none)."""
        if not self.exclude:
            return None
        return re.compile("|".join(f"(?:{p})" for p in self.exclude), re.IGNORECASE)


@dataclass(frozen=True)
class RuleSet:
    """All rules in id order, the attribution lexicon, and a fingerprint of both."""

    rules: tuple[Rule, ...]
    lexicon: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fingerprint: str = ""

    def by_category(self, category: str) -> tuple[Rule, ...]:
        """The enabled rules of one category, in id order."""
        return tuple(r for r in self.rules if r.category == category)

    def get(self, rule_id: str) -> Rule:
        """The rule with this id."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def words_pattern(words: Iterable[str]) -> str:
    """A regex matching any of the literal words or phrases on word boundaries, longest first."""
    alternatives = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        escaped = re.escape(word.strip())
        escaped = re.sub(r"(?:\\ )+", r"\\s+", escaped).replace("'", "['’]").replace("’", "['’]")
        alternatives.append(escaped)
    return r"(?<![\w'’-])(?:" + "|".join(alternatives) + r")(?![\w-]|['’]\w)"


def load_rules(config: Mapping[str, Any] | None = None) -> RuleSet:
    """The shipped rules with the user's ``[rules]``, ``[[custom_rules]]`` and ``[lexicon]`` changes."""
    config = config or {}
    tables = [_read_table(name) for name in RULE_FILES]
    shipped = [dict(r, category=t["category"]) for t in tables for r in t.get("rules", [])]
    custom = [dict(r) for r in config.get("custom_rules", [])]
    raw_rules = [*shipped, *custom]
    lexicon = _merge_lexicon(tables[0].get("lexicon", {}), config.get("lexicon", {}))
    rules = []
    for number, raw in enumerate(raw_rules):
        change = config.get("rules", {}).get(raw.get("id"), {})
        if _enabled(change, raw.get("id")):
            # shipped patterns are checked by the tests; the user's added ones by _apply_change
            rules.append(_make_rule(_apply_change(raw, change), check_patterns=number >= len(shipped)))
    _check_unknown_rule_ids(config.get("rules", {}), {r.get("id") for r in raw_rules})
    rules.sort(key=lambda r: r.id)
    fingerprint = hashlib.sha256(
        json.dumps([raw_rules, config.get("rules", {}), lexicon], sort_keys=True, default=str).encode()
    ).hexdigest()[:16]
    return RuleSet(tuple(rules), lexicon, fingerprint)


def _read_table(name: str) -> dict[str, Any]:
    text = data_file("rules", name)
    return tomllib.loads(text)


def _apply_change(raw: dict[str, Any], change: Mapping[str, Any]) -> dict[str, Any]:
    """A rule's raw table after a user's add_/remove_ lists and overrides."""
    rule_id = raw.get("id")
    allowed = {"enabled", "severity", "add_words", "remove_words", "add_patterns",
               "remove_patterns", "add_exclude", "remove_exclude"}
    for key in change:
        if key not in allowed:
            raise ConfigError(f"rules.{rule_id}.{key}: unknown setting (use one of {', '.join(sorted(allowed))})")
    out = dict(raw)
    if "severity" in change:
        out["severity"] = change["severity"]
    for list_key in ("words", "patterns", "exclude"):
        own = _string_list(raw.get(list_key, []), f"rule {rule_id}: {list_key}")
        add = _string_list(change.get(f"add_{list_key}", []), f"rules.{rule_id}.add_{list_key}")
        if list_key != "words":  # name the user's own key, not the merged list, when a pattern is bad
            for pattern in add:
                check_pattern(pattern, f"rules.{rule_id}.add_{list_key}")
        remove = set(_string_list(change.get(f"remove_{list_key}", []), f"rules.{rule_id}.remove_{list_key}"))
        out[list_key] = [w for w in [*own, *add] if w not in remove]
    return out


def _make_rule(raw: Mapping[str, Any], check_patterns: bool = True) -> Rule:
    """Validate one raw rule table and build the Rule, checking its patterns unless told not to."""
    rule_id = str(raw.get("id", ""))
    where = f"rule {rule_id or '(no id)'}"
    if not RULE_ID.match(rule_id):
        raise ConfigError(f"{where}: id must be a capital letter followed by up to 9 capitals or digits, like H101")
    for key in ("name", "category", "summary", "explanation"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise ConfigError(f"{where}: '{key}' must be a non-empty string")
    if raw["category"] not in ("attribution", "hedge", "generalization"):
        raise ConfigError(f"{where}: category must be attribution, hedge or generalization")
    severity = raw.get("severity", "info")
    if severity not in SEVERITIES:
        raise ConfigError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    examples = raw.get("examples", {})
    rule = Rule(
        id=rule_id, name=raw["name"], category=raw["category"], severity=severity,
        summary=raw["summary"], explanation=raw["explanation"], limits=str(raw.get("limits", "")),
        words=tuple(_string_list(raw.get("words", []), f"{where}: words")),
        patterns=tuple(_string_list(raw.get("patterns", []), f"{where}: patterns")),
        exclude=tuple(_string_list(raw.get("exclude", []), f"{where}: exclude")),
        examples_flag=tuple(_string_list(examples.get("flag", []), f"{where}: examples.flag")),
        examples_pass=tuple(_string_list(examples.get("pass", []), f"{where}: examples.pass")),
        unsupported_only=bool(raw.get("unsupported_only", False)),
        source_kind=raw.get("source_kind"),
    )
    for key, patterns in (("patterns", rule.patterns), ("exclude", rule.exclude)) if check_patterns else ():
        for pattern in patterns:
            check_pattern(pattern, f"{where}: {key}")
    return rule


# How often a group that can match in several ways may repeat. Each repeat multiplies the ways
# a near-miss can be tried: (?:\w+\s+){0,3} is fine, (a+)+, (a|aa)+ and (.*a){20} are not.
MAX_AMBIGUOUS_REPEAT = 3


def check_pattern(pattern: str, where: str) -> None:
    """Raise ConfigError naming ``where`` if the pattern does not compile or may backtrack without end.

    A pattern is refused when a group that can match the same text in several ways (because it
    holds a repeat of variable length, or alternatives) is repeated more than
    ``MAX_AMBIGUOUS_REPEAT`` times: on a long line that almost matches, such a pattern tries
    exponentially (or high-polynomially) many ways and the build would never finish.
    """
    try:
        re.compile(pattern, re.IGNORECASE)
        tree = _sre_parser.parse(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{where}: invalid regular expression {pattern!r}: {exc}") from None
    problem = _ambiguous_repeat(tree)
    if not problem and _starts_with_repeat(tree):
        raise ConfigError(
            f"{where}: pattern {pattern!r} starts with a repeat, which is tried again from every character of "
            "a long line and can take forever; start it with a word or \\b, e.g. \\b\\w+ly\\b"
        )
    if problem:
        raise ConfigError(
            f"{where}: pattern {pattern!r} {problem}, which can take forever on some texts; "
            f"repeat it at most {MAX_AMBIGUOUS_REPEAT} times, e.g. (?:\\w+\\s){{0,{MAX_AMBIGUOUS_REPEAT}}}"
        )


def _ambiguous_repeat(items: Any) -> str:
    """Why a parsed pattern may backtrack without end ('' if it cannot)."""
    for op, value in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, body = value
            if high > MAX_AMBIGUOUS_REPEAT:
                if _variable_repeat(body):
                    return "repeats a group that itself repeats"
                if _has_alternatives(body):
                    return "repeats a choice between alternatives"
            found = _ambiguous_repeat(body)
        elif name == "BRANCH":
            found = next((why for branch in value[1] if (why := _ambiguous_repeat(branch))), "")
        elif name == "SUBPATTERN":
            found = _ambiguous_repeat(value[-1])
        elif name in ("ASSERT", "ASSERT_NOT", "POSSESSIVE_REPEAT"):  # possessive: no backtracking into it, but within
            found = _ambiguous_repeat(value[-1])
        elif name == "ATOMIC_GROUP":
            found = _ambiguous_repeat(value)
        else:
            found = ""
        if found:
            return found
    return ""


def _starts_with_repeat(items: Any) -> bool:
    """Whether a parsed pattern can begin with a long repeat (nothing before it fixes where a match starts)."""
    for op, value in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            return value[1] > MAX_AMBIGUOUS_REPEAT or _starts_with_repeat(value[2])
        if name == "SUBPATTERN":
            return _starts_with_repeat(value[-1])
        if name == "ATOMIC_GROUP":
            return _starts_with_repeat(value)
        if name == "BRANCH":
            return any(_starts_with_repeat(branch) for branch in value[1])
        if name == "ASSERT" and value[0] == 1:  # a lookahead takes no characters: what follows it starts
            continue
        return False  # a character, a set, \\b, ^ or a lookbehind: a match can only start where it fits
    return False


def _variable_repeat(items: Any) -> bool:
    """Whether a parsed pattern holds a repeat that can match different lengths."""
    for op, value in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT") and (value[0] != value[1] or _variable_repeat(value[2])):
            return True
        if name == "SUBPATTERN" and _variable_repeat(value[-1]):
            return True
        if name == "BRANCH" and any(_variable_repeat(branch) for branch in value[1]):
            return True
    return False


def _has_alternatives(items: Any) -> bool:
    """Whether a parsed pattern holds alternatives of more than one character (single characters become a set)."""
    for op, value in items:
        name = str(op)
        if name == "BRANCH":
            return True
        if name == "SUBPATTERN" and _has_alternatives(value[-1]):
            return True
        if name in ("MAX_REPEAT", "MIN_REPEAT") and _has_alternatives(value[2]):
            return True
    return False


def _merge_lexicon(shipped: Mapping[str, Any], user: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """The shipped lexicon lists with the user's ``[lexicon.add]``/``[lexicon.remove]`` lists."""
    merged = {key: list(values) for key, values in shipped.items()}
    for action in user:
        if action not in ("add", "remove"):
            raise ConfigError(f"lexicon.{action}: unknown table (use lexicon.add or lexicon.remove)")
    for action in ("add", "remove"):
        for key, values in user.get(action, {}).items():
            if key not in merged:
                raise ConfigError(f"lexicon.{action}.{key}: unknown list (one of {', '.join(sorted(merged))})")
            values = _string_list(values, f"lexicon.{action}.{key}")
            if action == "add":
                merged[key] += [v for v in values if v not in merged[key]]
            else:
                merged[key] = [v for v in merged[key] if v not in set(values)]
    return {key: tuple(values) for key, values in merged.items()}


def _enabled(change: Mapping[str, Any], rule_id: Any) -> bool:
    enabled = change.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"rules.{rule_id}.enabled: must be true or false")
    return enabled


def _check_unknown_rule_ids(changes: Mapping[str, Any], known: set[Any]) -> None:
    for rule_id in changes:
        if rule_id not in known:
            raise ConfigError(f"rules.{rule_id}: no such rule (see the methodology page for rule ids)")


def _string_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: must be a list of strings")
    return value
