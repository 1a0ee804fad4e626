"""XSS payloads and template syntax in every field that reaches a page: escaped as text, never markup, never run.

One site is built with the payloads in the title, outlet, author, tags, notes, URL, body, slug and
file name of articles, in the site title and in a custom rule of ``reportgen.toml``; the same
site is built with harmless words in the same places. Every page of the hostile site may only
have the elements and attributes the harmless one has, and the payloads must read as typed.
(``tests/e2e/test_xss.py`` opens the same site in Chromium.)
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from hostile import (FILE_NAMES, FORBIDDEN_SCHEMES, FORBIDDEN_TAGS, MARKER_PRODUCT, PAYLOADS, TEMPLATE, Markup,
                     all_bytes, front_matter, run_cli, site_data)

BODY_LINKS = ("[click](javascript:window.__pwned=1) ![pic](javascript:alert(1)) <javascript:alert(1)> "
              "[data](data:text/html,<script>alert(1)</script>) <a href=\"javascript:alert(1)\">raw</a>")


def hostile_project(root: Path, words: tuple[str, ...]) -> None:
    """A project whose every page-reaching field holds one of words (payloads, or harmless text)."""
    content = root / "content"
    content.mkdir(parents=True)
    for number, word in enumerate(words):
        fields = {"title": word, "outlet": word, "author": word, "tags": [word, f"t{number}"], "notes": f"{word}\n\n{word}",
                  "url": f"https://example.invalid/{number}?q={word}", "slug": word, "language": word, "date": word}
        body = f"Officials said {word} may close.\n\n{word}\n\n> {word}\n\n- {word}\n\n    {word}\n\n{BODY_LINKS}\n"
        (content / f"field-{number:02d}.md").write_text(front_matter(fields) + body, encoding="utf-8")
    for number, name in enumerate(FILE_NAMES):  # no title and no words: the file name becomes the title
        stem = name if words == PAYLOADS else f"plain name {number}"
        (content / f"{stem}.md").write_text("...\n\n— “” …\n", encoding="utf-8")
    payload = words[0]
    (root / "reportgen.toml").write_text(
        "[site]\ntitle = " + _toml(payload) + '\nsite_url = "https://example.invalid/site"\n\n'
        "[[custom_rules]]\nid = \"X001\"\nname = " + _toml(payload) + "\ncategory = \"hedge\"\nsummary = "
        + _toml(payload) + "\nexplanation = " + _toml(payload + " {text}") + "\nlimits = " + _toml(payload)
        + "\nwords = [\"close\"]\n", encoding="utf-8")


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_site(root: Path) -> dict[str, bytes]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        code, _, err = run_cli("build", "--jobs", "1")
    assert code == 0, err
    return all_bytes(root / "site")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes], Path]:
    """(hostile site files, harmless site files, hostile project folder)."""
    hostile = tmp_path_factory.mktemp("hostile")
    hostile_project(hostile, PAYLOADS)
    plain = tmp_path_factory.mktemp("plain")
    hostile_project(plain, tuple(f"plain-words-{n}" for n in range(len(PAYLOADS))))
    return build_site(hostile), build_site(plain), hostile


def pages(files: dict[str, bytes]) -> dict[str, str]:
    return {path: data.decode("utf-8") for path, data in files.items() if path.endswith(".html")}


def test_every_payload_article_is_built(sites) -> None:
    data = site_data(sites[2] / "site")
    assert len(data["articles"]) == len(PAYLOADS) + len(FILE_NAMES) and data["skipped"] == []
    assert {a["title"] for a in data["articles"]} >= set(PAYLOADS) | set(FILE_NAMES)


def test_payloads_add_no_element_attribute_or_script(sites) -> None:
    hostile, plain, _ = sites
    # The notes mark findings inside a quotation with <em>, which only some texts have.
    allowed = set().union(*(Markup(html).shapes() for html in pages(plain).values())) | {("em", ""), ("q", "")}
    allowed_scripts = {attrs.get("src") for html in pages(plain).values()
                       for tag, attrs in Markup(html).elements if tag == "script"}
    assert len(pages(hostile)) == len(pages(plain)) > len(PAYLOADS)
    for path, html in pages(hostile).items():
        page = Markup(html)
        assert page.shapes() <= allowed, (path, page.shapes() - allowed)
        assert not {tag for tag, _ in page.elements} & FORBIDDEN_TAGS, path
        assert not [name for _, attrs in page.elements for name in attrs if name.startswith("on")], path
        assert {attrs.get("src") for tag, attrs in page.elements if tag == "script"} <= allowed_scripts, path
        for url in page.urls():
            squeezed = "".join(url.split()).lower()
            assert not squeezed.startswith(FORBIDDEN_SCHEMES), (path, url)


def test_payloads_read_as_typed_on_their_scorecards(sites) -> None:
    hostile, _, root = sites
    by_title = {a["title"]: a for a in site_data(root / "site")["articles"]}
    for payload in PAYLOADS:
        article = by_title[payload]
        text = "".join(Markup(hostile[f"articles/{article['slug']}.html"].decode()).text)
        assert text.count(payload) >= 4, payload  # title, outlet, author, notes, body...
        assert "https://example.invalid/" in text
    for name in FILE_NAMES:
        text = "".join(Markup(hostile[f"articles/{by_title[name]['slug']}.html"].decode()).text)
        assert name in text
    index_text = "".join(Markup(hostile["index.html"].decode()).text)
    assert all(payload in index_text for payload in PAYLOADS)
    methodology = "".join(Markup(hostile["methodology.html"].decode()).text)
    assert PAYLOADS[0] in methodology  # the custom rule's name, summary, explanation and limits


def test_entities_in_articles_stay_the_characters_typed(sites) -> None:
    hostile, _, root = sites
    article = next(a for a in site_data(root / "site")["articles"] if a["title"] == "&lt;script&gt;window.__pwned=1&lt;/script&gt;")
    html = hostile[f"articles/{article['slug']}.html"].decode()
    assert "&amp;lt;script&amp;gt;window.__pwned=1&amp;lt;/script&amp;gt;" in html


def test_template_syntax_is_never_evaluated(sites) -> None:
    hostile, _, root = sites
    for path, data in hostile.items():
        assert MARKER_PRODUCT.encode() not in data, path
    article = next(a for a in site_data(root / "site")["articles"] if a["title"] == TEMPLATE)
    text = "".join(Markup(hostile[f"articles/{article['slug']}.html"].decode()).text)
    assert TEMPLATE in text and "__globals__" in text


def test_links_in_article_bodies_are_never_links(sites) -> None:
    hostile, _, _ = sites
    for path, html in pages(hostile).items():
        for url in Markup(html).urls():
            assert "example.invalid" not in url or url.startswith("https://example.invalid/"), (path, url)


def test_original_links_are_only_http_and_stay_inside_the_attribute(sites) -> None:
    hostile, _, root = sites
    for article in site_data(root / "site")["articles"]:
        page = Markup(hostile[f"articles/{article['slug']}.html"].decode())
        if article["meta"]["url"]:
            originals = [u for u in page.urls() if u.startswith("https://example.invalid/")
                         and not u.startswith("https://example.invalid/site/")]  # canonical links
            assert originals in ([], [article["meta"]["url"]]), article["path"]  # a link, or text if unsafe


def test_xml_files_are_well_formed(sites) -> None:
    hostile, _, _ = sites
    xml_files = [path for path in hostile if path.endswith((".xml", ".svg"))]
    assert "sitemap.xml" in xml_files
    for path in xml_files:
        ElementTree.fromstring(hostile[path])
