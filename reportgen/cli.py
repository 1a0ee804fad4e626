"""The command line: thin click wrappers over importable functions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen import __version__
from reportgen.build import BuildOptions, build
from reportgen.config import load_config
from reportgen.export import analysis_dict, metric_value, to_csv, to_json, to_text
from reportgen.find import NO_ARTICLES, find_articles
from reportgen.model import Analysis
from reportgen.rules import RuleSet, load_rules
from reportgen.scaffold import scaffold


@click.group()
@click.version_option(__version__, prog_name="reportgen")
def main() -> None:
    """Explainable sourcing scorecards for news articles."""


@main.command("analyze")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True,
              help="Linter-style text, the full JSON contract, or one CSV row per article.")
@click.option("--fail-above", "limits", multiple=True, metavar="METRIC=VALUE",
              help="Exit 1 when an article's metric exceeds VALUE, e.g. anonymous_ratio=0.5 (repeatable).")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="Config file with rule changes [default: ./reportgen.toml if present].")
def analyze_command(paths: tuple[Path, ...], fmt: str, limits: tuple[str, ...], config_path: Path | None) -> None:
    """Analyze article files (or folders of them) and report every finding."""
    thresholds = parse_limits(limits)
    rules = load_rules(load_config(config_path))
    analyses, skipped = analyze_paths(paths, rules)
    for path, problem in skipped:
        click.echo(f"error: {path}: {problem}", err=True)
    click.echo(render(analyses, skipped, fmt, rules), nl=False)
    exceeded = over_limits(analyses, thresholds)
    for message in exceeded:
        click.echo(f"fail: {message}", err=True)
    sys.exit(2 if skipped else 1 if exceeded else 0)


def analyze_paths(paths: tuple[Path, ...], rules: RuleSet) -> tuple[list[Analysis], list[tuple[str, str]]]:
    """Analyze every article named or found in a named folder; collect the ones that fail."""
    from reportgen.workers import analyze_file  # the analyzer loads only for the commands that use it

    analyses, skipped = [], []
    for path in paths:
        if path.is_dir():
            files = find_articles(path)
            if not files:
                skipped.append((str(path), NO_ARTICLES))
        elif path.exists():
            files = [path]
        else:
            skipped.append((str(path), "no such file or folder"))
            continue
        for file in files:
            result = analyze_file(file, rules)
            (analyses if isinstance(result, Analysis) else skipped).append(result)
    return analyses, skipped


def render(analyses: list[Analysis], skipped: list[tuple[str, str]], fmt: str, rules: RuleSet) -> str:
    """The report in the chosen format."""
    if fmt == "json":
        return to_json(analyses, skipped, rules.fingerprint)
    if fmt == "csv":
        return to_csv(analyses)
    return "".join(to_text(a, _read_source(a.article.path)) for a in analyses)


def parse_limits(limits: tuple[str, ...]) -> dict[str, float]:
    """Parse ``METRIC=VALUE`` options into a mapping; bad ones are usage errors."""
    parsed = {}
    for limit in limits:
        name, _, value = limit.partition("=")
        try:
            parsed[name.strip()] = float(value)
        except ValueError:
            raise click.BadParameter(f"{limit!r} is not METRIC=NUMBER", param_hint="--fail-above") from None
    return parsed


def over_limits(analyses: list[Analysis], limits: dict[str, float]) -> list[str]:
    """One message per article metric that exceeds its limit."""
    messages = []
    for analysis in analyses:
        metrics = analysis_dict(analysis)["metrics"]
        for name, limit in limits.items():
            try:
                value = metric_value(metrics, name)
            except KeyError:
                raise click.BadParameter(f"unknown metric {name!r}", param_hint="--fail-above") from None
            if value is not None and value > limit:
                messages.append(f"{analysis.article.path}: {name} = {value:g} is above {limit:g}")
    return messages


def _read_source(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return None


@main.command("build")
@click.option("--content", type=click.Path(path_type=Path, file_okay=False), default=Path("content"), show_default=True,
              help="Folder of articles (.md, .markdown, .txt), searched recursively.")
@click.option("--output", type=click.Path(path_type=Path, file_okay=False), default=Path("site"), show_default=True,
              help="Folder to write the site to; replaced as a whole when the build succeeds.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Config file [default: ./reportgen.toml if present].")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="At most N processes analyze and render articles [default: one per CPU; one per 50 articles or more].")
@click.option("--strict/--no-strict", default=False, show_default=True,
              help="Fail (exit 1, keep the old site) if any article is skipped.")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Reuse analyses (in .reportgen-cache) and unchanged pages; --no-cache builds everything afresh.")
def build_command(content: Path, output: Path, config_path: Path | None, jobs: int | None, strict: bool,
                  cache: bool) -> None:
    """Build the scorecard website from a folder of articles."""
    options = BuildOptions(content=content, output=output, config=config_path, jobs=jobs, strict=strict, cache=cache)
    result = build(options, log=lambda message: click.echo(message, err=True))
    click.echo(result.summary(), err=True)


@main.command("serve")
@click.option("--content", type=click.Path(path_type=Path, file_okay=False), default=Path("content"), show_default=True,
              help="Folder of articles, watched for changes.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Config file [default: ./reportgen.toml if present].")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Processes analyzing articles [default: one per CPU].")
def serve_command(content: Path, config_path: Path | None, port: int, jobs: int | None) -> None:
    """Build the site, serve it on 127.0.0.1, and rebuild and reload on every change."""
    from reportgen.serve import serve  # an HTTP server loads only for the command that runs one

    serve(BuildOptions(content=content, config=config_path, jobs=jobs), port=port,
          log=lambda message: click.echo(message, err=True))


@main.command("init")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=Path("."))
def init_command(directory: Path) -> None:
    """Start a new site project: config, an example article, a Pages workflow, .gitignore."""
    for line in scaffold(directory):
        click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()
