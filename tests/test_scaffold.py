"""`reportgen init`: a new site project that builds as it is, never overwriting existing files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from reportgen import __version__
from reportgen.build import BuildOptions, build
from reportgen.cli import main
from reportgen.config import load_config
from reportgen.theme import settings_from_config


def test_init_creates_a_project_that_builds(tmp_path: Path, monkeypatch) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "class-site")])
    assert result.exit_code == 0, result.output
    root = tmp_path / "class-site"
    for name in ("reportgen.toml", "content/example.md", ".github/workflows/pages.yml", ".gitignore"):
        assert (root / name).is_file(), name
    assert "site/" in (root / ".gitignore").read_text().splitlines()
    workflow = (root / ".github/workflows/pages.yml").read_text()
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages", "reportgen build"):
        assert action in workflow
    assert f"reportgen=={__version__}" in workflow
    config = load_config(root / "reportgen.toml")
    assert settings_from_config(config, environ={}).title == "Sourcing scorecards"
    assert "#" in (root / "reportgen.toml").read_text()  # commented for the instructor
    monkeypatch.chdir(root)
    result = build(BuildOptions(jobs=1), log=lambda m: None)
    assert result.articles == 1 and result.warnings == ()
    assert "Fictional" in (root / "site" / "articles" / "example.html").read_text()


def test_init_keeps_existing_files_and_extends_gitignore(tmp_path: Path) -> None:
    (tmp_path / "reportgen.toml").write_text("# mine\n")
    (tmp_path / ".gitignore").write_text("*.pyc")
    lines = CliRunner().invoke(main, ["init", str(tmp_path)]).output.splitlines()
    assert "kept     reportgen.toml (already exists)" in lines and "updated  .gitignore (added site/)" in lines
    assert (tmp_path / "reportgen.toml").read_text() == "# mine\n"
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\nsite/\n"
    again = CliRunner().invoke(main, ["init", str(tmp_path)]).output
    assert "kept     .gitignore (already ignores site/)" in again and "created" not in again


def test_init_command_defaults_to_the_current_folder(monkeypatch) -> None:
    seen: list[Path] = []
    monkeypatch.setattr("reportgen.cli.scaffold", lambda directory: seen.append(directory) or [])
    assert CliRunner().invoke(main, ["init"]).exit_code == 0
    assert seen == [Path(".")]
