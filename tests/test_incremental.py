"""Incremental builds: the cache analyzes again exactly what changed, and the site is the clean build's, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import workers
from reportgen.build import BuildOptions, BuildResult, build

from test_build import CAREFUL, PLAIN, THIN, all_bytes


@pytest.fixture
def analyzed(monkeypatch) -> list[str]:
    """The paths the build analyzes (not found in the cache), in order, for builds in this process."""
    paths: list[str] = []
    real = workers.analyze_file

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        paths.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(workers, "analyze_file", counting)
    return paths


@pytest.fixture
def site_project(project, monkeypatch) -> Path:
    root = project({"content/careful.md": CAREFUL, "content/thin.md": THIN, "content/plain.txt": PLAIN,
                    "content/other.txt": "The clerk said the vote is on Monday."})
    monkeypatch.chdir(root)
    return root


def quiet_build(**options: object) -> BuildResult:
    return build(BuildOptions(jobs=1, **options), log=lambda m: None)  # type: ignore[arg-type]


def clean_build(root: Path) -> dict[str, bytes]:
    quiet_build(output=root / "clean", cache=False)
    return all_bytes(root / "clean")


def test_an_unchanged_rebuild_does_nothing(site_project: Path, analyzed: list[str]) -> None:
    quiet_build()
    before = all_bytes(site_project / "site")
    analyzed.clear()
    result = quiet_build()
    assert result.up_to_date and analyzed == [] and all_bytes(site_project / "site") == before
    assert result.articles == 4 and result.summary().startswith("up to date site: 4 articles")


def test_edits_additions_and_deletions_give_the_clean_build(site_project: Path, analyzed: list[str]) -> None:
    quiet_build()
    content = site_project / "content"
    (content / "thin.md").write_text(THIN.replace("Analysts suggest", "Critics say"))
    (content / "plain.txt").unlink()
    (content / "new.md").write_text("---\ntitle: New\n---\n\nThe mayor reportedly said the bridge is safe.\n")
    (content / "other.txt").write_text("The clerk said the vote is on Monday. ")  # same words, new bytes
    analyzed.clear()
    result = quiet_build()
    assert not result.up_to_date and sorted(analyzed) == ["new.md", "other.txt", "thin.md"]
    assert all_bytes(site_project / "site") == clean_build(site_project)


def test_a_typo_fix_rewrites_only_its_own_pages(site_project: Path) -> None:
    quiet_build()
    site = site_project / "site"
    inode = (site / "articles" / "careful.html").stat().st_ino
    (site_project / "content" / "other.txt").write_text("The clerk said the vote is on Monday!")  # same metrics
    quiet_build()
    assert (site / "articles" / "careful.html").stat().st_ino == inode  # kept: linked from the old site
    assert "Monday!" in (site / "articles" / "other.html").read_text()
    assert all_bytes(site) == clean_build(site_project)


def test_a_lexicon_change_analyzes_everything_again(site_project: Path, analyzed: list[str]) -> None:
    quiet_build()
    (site_project / "reportgen.toml").write_text('[lexicon.add]\nvague_sources = ["clerk"]\n')
    analyzed.clear()
    quiet_build(config=site_project / "reportgen.toml")
    assert sorted(analyzed) == ["careful.md", "other.txt", "plain.txt", "thin.md"]
    assert "A203" in (site_project / "site" / "data" / "other.json").read_text()


def test_a_site_setting_renders_again_without_analyzing(site_project: Path, analyzed: list[str]) -> None:
    quiet_build()
    (site_project / "reportgen.toml").write_text('[site]\ntitle = "Week 3: the bridge"\n')
    analyzed.clear()
    result = quiet_build(config=site_project / "reportgen.toml")
    assert analyzed == [] and not result.up_to_date
    assert "Week 3: the bridge" in (site_project / "site" / "articles" / "thin.html").read_text()


def test_a_template_change_renders_again(site_project: Path) -> None:
    quiet_build()
    (site_project / "templates").mkdir()
    (site_project / "templates" / "scorecard.html").write_text("<p>{{ article.title }} by hand</p>\n")
    quiet_build()
    assert (site_project / "site" / "articles" / "thin.html").read_text() == "<p>Insiders say the bridge was neglected by hand</p>\n"


def test_a_broken_cache_is_rebuilt_not_an_error(site_project: Path, analyzed: list[str]) -> None:
    quiet_build()
    database = site_project / ".reportgen-cache" / "analyses.sqlite"
    database.write_bytes(b"not a database at all")
    for leftover in database.parent.glob("analyses.sqlite-*"):
        leftover.unlink()
    (site_project / "content" / "other.txt").write_text("The clerk said so.")
    analyzed.clear()
    quiet_build()
    assert "other.txt" in analyzed
    assert all_bytes(site_project / "site") == clean_build(site_project)
