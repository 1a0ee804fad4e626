"""serve's site, rebuilt in place from memory: after every rebuild it is the clean build, byte for byte."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable, Iterator

import pytest

from reportgen import live as live_module
from reportgen import memo as memo_module
from reportgen import workers as workers_module
from reportgen.build import BuildOptions, BuildResult, build
from reportgen.errors import ReportgenError
from reportgen.live import LiveSite

from test_build import BAD, CAREFUL, PLAIN, THIN, all_bytes

NEW = "---\ntitle: New\n---\n\nThe mayor reportedly said the bridge is safe.\n"


@pytest.fixture
def live(project, monkeypatch) -> Iterator[tuple[Path, LiveSite]]:
    """A project (the cwd) with four articles, and serve's site for it (not built yet)."""
    root = project({"content/careful.md": CAREFUL, "content/thin.md": THIN, "content/plain.txt": PLAIN,
                    "content/other.txt": "The clerk said the vote is on Monday."})
    monkeypatch.chdir(root)
    monkeypatch.setattr(memo_module, "RACY_SECONDS", 0)  # trust file times at once: what plan remembers is used
    site = LiveSite(BuildOptions(jobs=1, output=root / "serve" / "site", live_reload=True))
    yield root, site
    site.close()


def rebuild(site: LiveSite) -> tuple[BuildResult, list[dict[str, bytes]]]:
    """Rebuild; the result, and the site's files at each announcement."""
    seen: list[dict[str, bytes]] = []
    result = site.rebuild(lambda message: None, lambda: seen.append(all_bytes(site.root)))
    return result, seen


def clean_build(root: Path) -> dict[str, bytes]:
    """What ``reportgen build`` makes of the project now, with no cache and no previous site."""
    shutil.rmtree(root / "clean", ignore_errors=True)
    build(BuildOptions(jobs=1, output=root / "clean", live_reload=True, cache=False), log=lambda message: None)
    return all_bytes(root / "clean")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def changes(root: Path) -> list[tuple[str, Callable[[], object]]]:
    """A session of edits, additions, deletions, broken files, settings and templates."""
    content, templates, config = root / "content", root / "templates", root / "reportgen.toml"
    return [
        ("first build", lambda: None),
        ("title edit", lambda: write(content / "thin.md", THIN.replace("Insiders say", "Insiders said"))),
        ("text edit", lambda: write(content / "careful.md", CAREFUL + "\nSources said it may rain.\n")),
        ("deletion", lambda: (content / "plain.txt").unlink()),
        ("addition", lambda: write(content / "new.md", NEW)),
        ("same slug twice", lambda: write(content / "more" / "thin.md", PLAIN)),
        ("reserved slug", lambda: write(content / "articles.md", PLAIN)),
        ("broken article", lambda: write(content / "bad.md", BAD)),
        ("broken one fixed", lambda: write(content / "bad.md", NEW)),
        ("site setting", lambda: write(config, '[site]\ntitle = "Week 3"\n')),
        ("lexicon", lambda: write(config, '[lexicon.add]\nvague_sources = ["clerk"]\n')),
        ("site url", lambda: write(config, '[site]\nsite_url = "https://example.org/class"\n')),
        ("site url gone", lambda: config.unlink()),
        ("template", lambda: write(templates / "scorecard.html", "<p>{{ article.title }} by hand</p>\n")),
        ("static file", lambda: write(templates / "static" / "extra.css", "/* ours */")),
        ("static file gone", lambda: shutil.rmtree(templates)),
        ("every article gone", lambda: shutil.rmtree(content) or content.mkdir()),
        ("articles again", lambda: write(content / "careful.md", CAREFUL)),
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_rebuild_ends_as_the_clean_build(live: tuple[Path, LiveSite], jobs: int, monkeypatch) -> None:
    root, site = live
    if jobs == 2:  # a process pool renders the pages (and is replaced when the config or templates change)
        monkeypatch.setattr(workers_module, "ARTICLES_PER_WORKER", 1)
        site.options = BuildOptions(jobs=2, output=site.options.output, live_reload=True)
    for name, change in changes(root):
        change()
        result, seen = rebuild(site)
        assert result is not None and not result.up_to_date, name
        assert bool(seen) == (name != "broken article"), name  # a broken article reloads no page
        assert all_bytes(site.root) == clean_build(root), name
    assert sorted(os.listdir(site.root.parent)) == [".site-scratch", "site"]
    assert os.listdir(site.root.parent / ".site-scratch") == []


def test_a_title_edit_is_announced_once_with_its_page_and_the_index(live: tuple[Path, LiveSite]) -> None:
    root, site = live
    rebuild(site)
    write(root / "content" / "thin.md", THIN.replace("Insiders say", "Insiders said"))
    _, seen = rebuild(site)
    assert len(seen) == 1  # one reload of the open pages
    for page in ("articles/thin.html", "index.html"):
        assert b"Insiders said" in seen[0][page]
    assert all_bytes(site.root) == clean_build(root)


def test_an_added_article_is_announced_before_the_pages_it_changes(live: tuple[Path, LiveSite], monkeypatch) -> None:
    root, site = live
    monkeypatch.setattr(live_module, "FEW", 2)  # a site of four stands for many pages
    rebuild(site)
    write(root / "content" / "new.md", NEW)  # five articles now: every scorecard says so
    _, seen = rebuild(site)
    assert len(seen) == 2
    assert b"<h1>New</h1>" in seen[0]["articles/new.html"] and b"New" in seen[0]["index.html"]
    assert b"across 4 articles" in seen[0]["articles/thin.html"]  # not rendered again yet
    assert b"across 5 articles" in seen[1]["articles/thin.html"]
    assert all_bytes(site.root) == clean_build(root)


def test_no_change_is_up_to_date_and_announces_nothing(live: tuple[Path, LiveSite]) -> None:
    root, site = live
    rebuild(site)
    before = all_bytes(site.root)
    os.utime(root / "content" / "thin.md")  # touched, not changed
    result, seen = rebuild(site)
    assert result.up_to_date and seen == [] and all_bytes(site.root) == before
    assert result.articles == 4 and result.summary().startswith(f"up to date {site.root}: 4 articles")


def test_an_error_changes_nothing_until_it_is_fixed(live: tuple[Path, LiveSite]) -> None:
    root, site = live
    rebuild(site)
    before = all_bytes(site.root)
    write(root / "reportgen.toml", "[site]\ncolour = 'red'\n")
    write(root / "content" / "thin.md", THIN.replace("Insiders say", "Insiders said"))
    with pytest.raises(ReportgenError, match="site.colour"):
        rebuild(site)
    assert all_bytes(site.root) == before
    (root / "reportgen.toml").unlink()
    _, seen = rebuild(site)
    assert seen and all_bytes(site.root) == clean_build(root)


def test_a_newer_change_interrupts_the_pages_rendered_again_and_the_next_rebuild_ends_them(
        live: tuple[Path, LiveSite], monkeypatch) -> None:
    root, site = live
    monkeypatch.setattr(live_module, "FEW", 2)  # a site of four stands for many pages
    monkeypatch.setattr(live_module, "STEP", 2)  # two pages at a time, then a look for newer changes
    rebuild(site)
    write(root / "content" / "new.md", NEW)  # every scorecard changes: five articles
    asked: list[int] = []
    seen: list[dict[str, bytes]] = []
    result = site.rebuild(lambda message: None, lambda: seen.append(all_bytes(site.root)),
                          lambda: asked.append(1) or True)
    assert result is None and asked == [1] and len(seen) == 1  # the new page was announced; then it stopped
    pages = all_bytes(site.root)
    again = [name for name in ("careful", "other", "plain", "thin") if b"across 5" in pages[f"articles/{name}.html"]]
    assert len(again) == 2
    write(root / "content" / "thin.md", THIN.replace("Insiders say", "Insiders said"))  # the newer change
    result, seen = rebuild(site)
    assert result is not None and b"Insiders said" in seen[0]["articles/thin.html"]
    assert all_bytes(site.root) == clean_build(root)


def test_warming_up_changes_nothing(live: tuple[Path, LiveSite]) -> None:
    root, site = live
    site.warm_up()  # nothing built yet: nothing to do
    rebuild(site)
    before = all_bytes(site.root)
    site.warm_up()
    assert all_bytes(site.root) == before and os.listdir(site.scratch) == []


def test_breaking_an_article_keeps_the_open_pages_until_it_is_fixed(live: tuple[Path, LiveSite]) -> None:
    root, site = live
    rebuild(site)
    write(root / "content" / "thin.md", BAD)
    result, seen = rebuild(site)
    assert result is not None and result.warnings and seen == []  # not announced: no page reloads
    assert all_bytes(site.root) == clean_build(root)  # the folder is the build's all the same
    write(root / "content" / "thin.md", THIN)
    _, seen = rebuild(site)
    assert len(seen) >= 1 and "articles/thin.html" in seen[0]
