"""The file system: hostile slugs and names stay inside the output folder, symlinks out of content/ are not
followed, articles sharing a slug all survive under distinct, stable slugs, and a missing or empty
content folder is a clear message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hostile import all_bytes, front_matter, run_cli, site_data

BODY = "Officials said the bridge may close.\n"
HOSTILE_SLUGS = (
    "../../escaped", "../../../../../../tmp/escaped-abs", "/etc/passwd", "/tmp/escaped-root", "..", ".", "...",
    "a\0b", "nul\0", "CON", "aux", "Nul", "com1", "LPT9", "index", "data", "static", "articles", "methodology",
    "404", "sitemap", ".reportgen-site", "x" * 5000, "C:\\Windows\\system32", "~/.ssh/id", "\\\\server\\share",
    "%2e%2e%2fescaped", "slug with spaces", "", "🙂",
)
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))}


def build_here(root: Path, *args: str) -> tuple[int, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        code, _, err = run_cli("build", "--jobs", "1", *args)
    return code, err


def test_hostile_slugs_never_leave_the_output_folder_or_take_a_site_file(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    root = outer / "project"
    content = root / "content"
    content.mkdir(parents=True)
    for number, slug in enumerate(HOSTILE_SLUGS):
        (content / f"s{number:02d}.md").write_text(front_matter({"slug": slug, "title": f"Story {number}"}) + BODY)
    long_name = "n" * 240 + ".md"  # near the 255-byte limit of a file name
    (content / long_name).write_text(BODY)
    for name in ("CON.md", "aux.txt", "index.md", "data.md", "static.md", "-.md"):
        (content / name).write_text(BODY)
    code, err = build_here(root)
    assert code == 0, err
    site = root / "site"
    files = all_bytes(site)
    data = site_data(site)
    slugs = [a["slug"] for a in data["articles"]]
    assert len(slugs) == len(HOSTILE_SLUGS) + 7 and len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) and len(slug) <= 80, slug
        assert slug not in WINDOWS_DEVICES and slug != "index", slug
        assert f"articles/{slug}.html" in files and f"data/{slug}.json" in files
    # Nothing was written outside the output folder, and the site's own files are the site's.
    assert sorted(p.name for p in outer.iterdir()) == ["project"]
    assert sorted(p.name for p in root.iterdir()) == [".reportgen-cache", "content", "site"]
    assert not list(Path("/tmp").glob("escaped*"))
    assert set(data) == {"reportgen", "articles", "skipped"}  # data/articles.json is the corpus, not an article
    assert b"<title>" in files["index.html"] and b"Methodology" in files["methodology.html"]
    assert files["static/style.css"].strip() and files["static/site.js"].strip()
    assert all(len(name.encode()) < 255 for path in files for name in path.split("/"))


def test_symlinks_out_of_the_content_folder_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "project"
    content = root / "content"
    content.mkdir(parents=True)
    secrets = tmp_path / "private"
    secrets.mkdir()
    (secrets / "diary.md").write_text("Officials said the SECRET-DIARY plan may fail.\n")
    (content / "inside.md").write_text(BODY)
    (content / "diary.md").symlink_to(secrets / "diary.md")
    (content / "private").symlink_to(secrets, target_is_directory=True)
    (content / "passwd.txt").symlink_to("/etc/passwd")
    (content / "loop").symlink_to(content, target_is_directory=True)
    (content / "alias.md").symlink_to(content / "inside.md")  # inside: fine
    code, err = build_here(root)
    assert code == 0, err
    site = root / "site"
    assert sorted(a["path"] for a in site_data(site)["articles"]) == ["alias.md", "inside.md"]
    for path, data in all_bytes(site).items():
        assert b"SECRET-DIARY" not in data and b"root:" not in data, path


def test_articles_sharing_a_slug_all_survive_with_distinct_stable_slugs(tmp_path: Path) -> None:
    root = tmp_path / "project"
    files = {"a/story.md": "Alpha", "b/story.md": "Beta", "Story.md": "Gamma", "c/STORY.txt": "Delta",
             "d.md": "Epsilon", "e.md": "Zeta"}
    for name, word in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        slug = {"d.md": "story", "e.md": "Story!"}.get(name)
        path.write_text((front_matter({"slug": slug}) if slug else "") + f"Officials said {word} may close.\n")
    assert build_here(root)[0] == 0
    first = {a["path"]: a["slug"] for a in site_data(root / "site")["articles"]}
    assert len(first) == len(files) and len(set(first.values())) == len(files)
    site = all_bytes(root / "site")
    for path, slug in first.items():  # each page and data file is its own article's
        assert f"<title>Officials said {files[path]} may close".encode() in site[f"articles/{slug}.html"], path
        assert f'"text": "Officials said {files[path]} may close."'.encode() in site[f"data/{slug}.json"], path
    # The same slugs on every build, with any number of processes.
    assert build_here(root, "--no-cache", "--jobs", "2")[0] == 0
    assert {a["path"]: a["slug"] for a in site_data(root / "site")["articles"]} == first


@pytest.mark.parametrize("setup, message", [
    (lambda root: None, "Error: content: content folder not found (use --content DIR)"),
    (lambda root: (root / "content").write_text("a file"), "Error: Invalid value for '--content': Directory 'content' is a file."),
    (lambda root: (root / "content").symlink_to(root / "gone"), "Error: content: content folder not found (use --content DIR)"),
])
def test_a_missing_content_folder_is_one_clear_error(tmp_path: Path, setup, message: str) -> None:
    setup(tmp_path)
    code, err = build_here(tmp_path)
    assert code == 2 and err.strip().splitlines()[-1] == message
    assert not (tmp_path / "site").exists()


def test_an_empty_content_folder_is_one_clear_warning(tmp_path: Path) -> None:
    (tmp_path / "content" / "drafts").mkdir(parents=True)
    (tmp_path / "content" / "notes.html").write_text("<p>not an article</p>")
    code, err = build_here(tmp_path)
    assert code == 0
    assert err.splitlines()[0] == "warning: content: no articles (.md, .markdown or .txt) in this folder"
    code, err = build_here(tmp_path, "--strict")
    assert code == 1 and "warning: content: no articles" in err


def test_an_unreadable_article_is_skipped_with_a_clear_warning(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "good.md").write_text(BODY)
    (tmp_path / "content" / "locked.md").write_text(BODY)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # as for a file without read permission (the tests may run as root)
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, err = build_here(tmp_path)
    assert code == 0 and err.splitlines()[0] == (
        "warning: locked.md: cannot read the file (Permission denied): check that it exists and that you may read it")
