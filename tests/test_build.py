"""`reportgen build`: the whole site from a content folder, its links, its data, its guarantees."""

from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from reportgen import site as site_module
from reportgen import workers as workers_module
from reportgen.build import BuildOptions, StrictBuildError, build, progress_reporter
from reportgen.cli import main

from conftest import REPO
from test_render import Page

CAREFUL = """---
title: Bridge reopens in June, mayor says
outlet: The Ledger (fictional)
author: Ann Reporter
date: 2026-03-09
url: https://example.org/bridge
tags: [bridge, careful]
fictional: true
notes: Named sources throughout.
---

Mayor Ana Ortiz said the bridge will reopen in June. City engineer Ravi Patel said repairs cost $1.9 million.
"""
THIN = """---
title: Insiders say the bridge was neglected
tags: [bridge, thin]
---

According to officials, the bridge may have been neglected. Analysts suggest repairs could take years.

Many observers believe the city waited too long, and one thing is clear: trust is gone.
"""
PLAIN = "Sources said the council might delay the vote. The clerk said it would not."
BAD = "---\ntitle: [unclosed\n---\n\nText.\n"


@pytest.fixture
def site_project(project, monkeypatch):
    """A project folder (the cwd) with three good articles, one in a subfolder."""
    root = project({"content/careful.md": CAREFUL, "content/thin.md": THIN, "content/more/plain.txt": PLAIN})
    monkeypatch.chdir(root)
    return root


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


def html_pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def all_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_build_writes_every_page_data_file_and_asset(site_project: Path) -> None:
    result = build(BuildOptions(jobs=1), log=lambda m: None)
    site = site_project / "site"
    expected = {"index.html", "methodology.html", "articles/careful.html", "articles/thin.html", "articles/plain.html",
                "data/articles.json", "data/articles.csv", "data/careful.json", "data/thin.json", "data/plain.json",
                "static/style.css", "static/site.js", ".reportgen-site", "plots/anonymous_ratio.svg",
                "plots/hedges_per_100_words.svg", "plots/generalizations_per_100_words.svg", "plots/flesch_kincaid_grade.svg"}
    assert set(all_bytes(site)) == expected
    assert (result.articles, result.warnings) == (3, ())
    assert result.findings == sum(len(a["findings"]) for a in json.loads((site / "data/articles.json").read_text())["articles"])


def test_every_internal_link_and_asset_resolves(site_project: Path) -> None:
    build(BuildOptions(jobs=1, config=None), log=lambda m: None)
    site = site_project / "site"
    pages = {path: Page(html) for path, html in html_pages(site).items()}
    checked = 0
    for path, page in pages.items():
        for tag, link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "data"):
                assert tag == "a" or parts.scheme == "data", (path, link)  # no remote assets
                continue
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), (path, link)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path))) if parts.path else path
            assert not target.startswith(".."), (path, link)
            assert (site / target).is_file(), (path, link)
            if parts.fragment:
                assert parts.fragment in pages[target].ids, (path, link)
            checked += 1
    assert checked > 100


def test_data_exports_match_reportgen_analyze(site_project: Path, monkeypatch) -> None:
    (site_project / "content" / "bad.md").write_text(BAD)
    build(BuildOptions(jobs=1), log=lambda m: None)
    site = site_project / "site"
    monkeypatch.chdir(site_project / "content")
    runner = CliRunner()
    everything = runner.invoke(main, ["analyze", "--format", "json", "."]).stdout
    assert json.loads((site / "data/articles.json").read_text()) == json.loads(everything)
    csv = runner.invoke(main, ["analyze", "--format", "csv", "."]).stdout
    assert (site / "data/articles.csv").read_text() == csv
    one = runner.invoke(main, ["analyze", "--format", "json", "more/plain.txt"]).stdout
    assert json.loads((site / "data/plain.json").read_text()) == json.loads(one)
    paths = [a["path"] for a in json.loads(everything)["articles"]]
    assert paths == ["careful.md", "more/plain.txt", "thin.md"]  # relative to the content folder


def test_pages_link_their_data(site_project: Path) -> None:
    build(BuildOptions(jobs=1), log=lambda m: None)
    pages = html_pages(site_project / "site")
    assert 'href="data/articles.json"' in pages["index.html"] and 'href="data/articles.csv"' in pages["index.html"]
    assert 'href="../data/thin.json"' in pages["articles/thin.html"]


def test_a_bad_article_is_a_warning_and_strict_makes_it_fail(site_project: Path) -> None:
    code, err = run_cli("build", "--jobs", "1")
    assert code == 0 and err.splitlines()[-1].startswith("built site: 3 articles, ")
    (site_project / "content" / "bad.md").write_text(BAD)
    code, err = run_cli("build", "--jobs", "1")
    lines = err.splitlines()
    assert code == 0 and lines[0].startswith("warning: bad.md: malformed front matter")
    assert re.fullmatch(r"built site: 3 articles, \d+ findings, 1 warning in \d+\.\d s", lines[-1])
    old = all_bytes(site_project / "site")
    (site_project / "content" / "careful.md").write_text(CAREFUL.replace("June", "July"))
    code, err = run_cli("build", "--jobs", "1", "--strict")
    assert code == 1 and "warning: bad.md:" in err and "--strict: 1 warning" in err
    assert all_bytes(site_project / "site") == old  # the old site is kept


def test_a_failure_mid_build_keeps_the_previous_site(site_project: Path, monkeypatch, fail_write_number) -> None:
    build(BuildOptions(jobs=1), log=lambda m: None)
    before = all_bytes(site_project / "site")
    (site_project / "content" / "new.md").write_text("Officials said the bridge is fine.")

    def broken_render(*args: object, **kwargs: object) -> dict[str, bytes]:
        raise RuntimeError("template exploded")

    with monkeypatch.context() as patch:
        patch.setattr(site_module, "render_shared", broken_render)
        with pytest.raises(RuntimeError, match="template exploded"):
            build(BuildOptions(jobs=1), log=lambda m: None)
    fail_write_number(5)
    with pytest.raises(OSError, match="disk full"):
        build(BuildOptions(jobs=1), log=lambda m: None)
    assert all_bytes(site_project / "site") == before
    assert [p.name for p in site_project.iterdir() if p.name.startswith(".")] == [".reportgen-cache"]


@pytest.mark.parametrize("output", [".", "..", "content", "/"])
def test_unsafe_output_folders_are_refused(site_project: Path, output: str) -> None:
    code, err = run_cli("build", "--output", output)
    assert code == 2 and "refusing" in err
    assert (site_project / "content" / "careful.md").is_file()


def test_missing_content_folder_is_a_clear_error(project, monkeypatch) -> None:
    monkeypatch.chdir(project({"notes.txt": "x"}))
    code, err = run_cli("build")
    assert code == 2 and "content: content folder not found" in err


def test_duplicate_and_reserved_slugs_become_distinct(project, monkeypatch) -> None:
    root = project({"content/a/story.md": PLAIN, "content/b/story.md": PLAIN, "content/c/story-2.md": PLAIN,
                    "content/articles.md": PLAIN})
    monkeypatch.chdir(root)
    build(BuildOptions(jobs=1), log=lambda m: None)
    names = sorted(p.name for p in (root / "site" / "articles").iterdir())
    assert names == ["articles-2.html", "story-2.html", "story-3.html", "story.html"]
    data = json.loads((root / "site" / "data" / "articles.json").read_text())
    assert [(a["path"], a["slug"]) for a in data["articles"]] == [
        ("a/story.md", "story"), ("articles.md", "articles-2"), ("b/story.md", "story-3"), ("c/story-2.md", "story-2")]


def test_template_override_from_the_project(site_project: Path) -> None:
    (site_project / "templates" / "static").mkdir(parents=True)
    (site_project / "templates" / "index.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Our class site</h1>{% for row in rows %}'
        '<a href="{{ row.path|url }}">{{ row.article.title }}</a>{% endfor %}{% endblock %}')
    (site_project / "templates" / "static" / "extra.css").write_text("/* ours */")
    build(BuildOptions(jobs=1), log=lambda m: None)
    site = site_project / "site"
    index = (site / "index.html").read_text()
    assert "<h1>Our class site</h1>" in index and 'href="articles/thin.html"' in index
    assert (site / "static" / "extra.css").read_text() == "/* ours */"
    assert "Headline metrics" in (site / "articles" / "thin.html").read_text()


def test_output_is_deterministic_across_folders_jobs_time_zones_and_locales(site_project: Path, tmp_path: Path,
                                                                           monkeypatch) -> None:
    build(BuildOptions(jobs=1, output=Path("site")), log=lambda m: None)
    first = all_bytes(site_project / "site")
    other = tmp_path / "elsewhere" / "public"
    monkeypatch.setattr(workers_module, "ARTICLES_PER_WORKER", 1)  # use the process pool for three articles
    build(BuildOptions(jobs=2, output=other), log=lambda m: None)
    assert all_bytes(other) == first
    env = {**os.environ, "TZ": "Pacific/Chatham", "LC_ALL": "C.UTF-8", "LANG": "tr_TR.UTF-8", "PYTHONHASHSEED": "7"}
    subprocess.run([sys.executable, "-m", "reportgen", "build", "--output", "again", "--jobs", "1"],
                   cwd=site_project, env=env, check=True, capture_output=True)
    assert all_bytes(site_project / "again") == first
    leaks = [str(site_project), str(tmp_path), str(Path.home())]
    for path, data in first.items():
        text = data.decode("utf-8")
        assert not any(leak in text for leak in leaks), path


def test_build_date_only_with_source_date_epoch(site_project: Path, monkeypatch) -> None:
    build(BuildOptions(jobs=1), log=lambda m: None)
    assert "built 20" not in (site_project / "site" / "index.html").read_text()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773014400")
    build(BuildOptions(jobs=1), log=lambda m: None)
    assert "built 2026-03-09" in (site_project / "site" / "index.html").read_text()


def test_xss_in_front_matter_is_escaped_or_refused(site_project: Path) -> None:
    content = site_project / "content"
    (content / "xss.md").write_text('---\ntitle: "<script>alert(1)</script>"\noutlet: "<img src=x onerror=alert(1)>"\n---\n\n'
                                    "Officials said <script>alert(2)</script> was found.\n")
    (content / "js.md").write_text("---\ntitle: Link\nurl: \"javascript:alert(1)\"\n---\n\nOfficials said so.\n")
    warnings: list[str] = []
    build(BuildOptions(jobs=1), log=warnings.append)
    assert warnings and warnings[0].startswith("warning: js.md: front matter 'url'")
    for path, html in html_pages(site_project / "site").items():
        page = Page(html)
        assert "<script>alert" not in html and "onerror" not in page.attributes, path
        assert not any(link.lower().startswith("javascript:") for _, link in page.links), path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (site_project / "site" / "articles" / "xss.html").read_text()


def test_empty_content_folder_builds_an_empty_site_with_a_warning(project, monkeypatch) -> None:
    root = project({"content/.keep": ""})
    monkeypatch.chdir(root)
    warnings: list[str] = []
    result = build(BuildOptions(jobs=1), log=warnings.append)
    assert result.articles == 0 and warnings == ["warning: content: no articles (.md, .markdown or .txt) in this folder"]
    assert (root / "site" / "index.html").is_file()
    with pytest.raises(StrictBuildError):
        build(BuildOptions(jobs=1, strict=True), log=lambda m: None)


def test_progress_only_for_long_builds_or_terminals(monkeypatch) -> None:
    lines: list[str] = []
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    quiet = progress_reporter(3, lines.append)
    for done in range(1, 4):
        quiet(done)
    loud = progress_reporter(60, lines.append)
    for done in range(1, 61):
        loud(done)
    assert lines[0] == "analyzed 6/60 articles" and lines[-1] == "analyzed 60/60 articles" and len(lines) == 10


def test_build_command_defaults(monkeypatch) -> None:
    seen: list[BuildOptions] = []

    class Result:
        def summary(self) -> str:
            return "built"

    monkeypatch.setattr("reportgen.cli.build", lambda options, log: seen.append(options) or Result())
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    assert seen[0] == BuildOptions(content=Path("content"), output=Path("site"), config=None, jobs=None, strict=False)
    CliRunner().invoke(main, ["build", "--strict", "--jobs", "3", "--content", "c", "--output", "o", "--config", "x.toml"])
    assert seen[1] == BuildOptions(content=Path("c"), output=Path("o"), config=Path("x.toml"), jobs=3, strict=True)
    CliRunner().invoke(main, ["build", "--strict", "--no-strict"])
    assert seen[2].strict is False
    assert CliRunner().invoke(main, ["build", "--jobs", "0"]).exit_code == 2


def test_demo_site_highlights_match_every_finding(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = build(BuildOptions(content=REPO / "content", jobs=1), log=lambda m: None)
    assert result.articles >= 6 and result.warnings == ()
    site = tmp_path / "site"
    for article in json.loads((site / "data" / "articles.json").read_text())["articles"]:
        page = Page((site / "articles" / f"{article['slug']}.html").read_text())
        for number, finding in enumerate(article["findings"], 1):
            assert page.covered_text(number) == finding["text"] == article["text"][finding["start"]:finding["end"]]
        assert ("Fictional article." in "".join(page.text)) == article["meta"]["fictional"]
