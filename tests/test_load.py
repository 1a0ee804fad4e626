"""Loading articles: text, paragraphs, front matter, titles, slugs, errors and folder walks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.errors import ArticleError
from reportgen.find import find_articles
from reportgen.load import load_article, markdown_to_text, slugify
from reportgen.model import Meta

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_16c65a2de27f6a53.txt"
ARTICLES = Path(__file__).resolve().parent / "data" / "articles"

BRIDGE_PARAGRAPHS = [
    "Officials said the bridge may close for approximately six weeks, according to the city.",
    "What changes",
    "Buses use the Route 9 detour.",
    "Cyclists dismount.",
    "“We are doing what we can,” the mayor said.",
    "A closed bridge",
    "<script>alert(1)</script>",
    "fenced code",
]
MARKDOWNISH = st.lists(st.sampled_from([
    "---", "\n", "\r\n", "\n\n", "# ", "- ", "> ", "    ", "```", "*", "**", "[a](b)", "![x](y)", "`", "|", "<b>",
    "&amp;", "\\", "title: ", "tags: ", "[a, b]", "{a: 1}", "date: 2024-05-01", "words here.", "é", "\ufeff", "\x0b",
]), max_size=30).map("".join)


@pytest.fixture
def write(project):
    """Write one file (str as UTF-8, bytes as they are) in a temporary folder and return its path."""
    return lambda name, content: project({name: content}) / name


def paragraphs(article) -> list[str]:
    return [article.text[a:b] for a, b in article.paragraphs]


def problem(path: Path) -> str:
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert caught.value.path == str(path)
    assert "\n" not in caught.value.problem
    return caught.value.problem


# The seed and plain text


def test_seed_is_one_paragraph_of_its_lines_joined_by_spaces() -> None:
    article = load_article(SEED)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 22 and sum(line.count(". ") for line in lines) == 1  # 23 sentences, 22 lines
    assert article.text == " ".join(lines)
    assert article.paragraphs == ((0, len(article.text)),)
    assert article.title.startswith("Russian military activity has surged") and len(article.title) <= 81
    assert article.slug == "000-16c65a2de27f6a53" and article.meta == Meta()


def test_txt_blank_lines_separate_paragraphs_and_title_is_first_sentence(write) -> None:
    path = write("note.txt", "  First  sentence here. Then more\ntext.\n\n\n \nSecond   paragraph.\n")
    article = load_article(path)
    assert paragraphs(article) == ["First sentence here. Then more text.", "Second paragraph."]
    assert article.text == "First sentence here. Then more text.\n\nSecond paragraph."
    assert article.title == "First sentence here" and article.slug == "note"


def test_txt_ignores_front_matter_syntax(write) -> None:
    article = load_article(write("a.txt", "---\ntitle: x\n---\nBody."))
    assert article.text == "--- title: x --- Body." and article.meta == Meta()


def test_long_first_sentence_title_is_cut_at_a_word(write) -> None:
    article = load_article(write("a.txt", "word " * 40))
    assert article.title.endswith("word…") and len(article.title) <= 81


def test_abbreviations_do_not_end_the_title(write) -> None:
    article = load_article(write("a.txt", "Mr. Smith met U.S. officials. Then left."))
    assert article.title == "Mr. Smith met U.S. officials"


# Markdown


def test_markdown_fixture() -> None:
    article = load_article(ARTICLES / "bridge.md", root=ARTICLES)
    assert article.path == "bridge.md"
    assert article.title == "Bridge closes for repairs"  # from front matter; the repeated h1 is dropped
    assert article.slug == "bridge-closes"
    assert paragraphs(article) == BRIDGE_PARAGRAPHS
    assert article.text == "\n\n".join(BRIDGE_PARAGRAPHS)
    assert article.meta == Meta(
        outlet="The Ledger", author="Ana Writer", date="2024-05-01", url="https://example.org/bridge",
        tags=("bridge", "local"), language="en", notes="Fixture for load tests.", fictional=True,
    )


def test_raw_html_is_literal_text_never_markup() -> None:
    text, _ = markdown_to_text("<script>alert(1)</script>\n\nHi <b>there</b> <!-- c -->\n")
    assert text == "<script>alert(1)</script>\n\nHi <b>there</b> <!-- c -->"


@pytest.mark.parametrize(("markdown", "expected"), [
    ("Some *em* and **strong** and ~~gone~~ and `code`.", ["Some em and strong and gone and code."]),
    ("A [link](http://x.org 'title') and <http://y.org>.", ["A link and http://y.org."]),
    ("![alt *with* em](a.png) caption", ["alt with em caption"]),
    ("soft\nbreak and hard  \nbreak", ["soft break and hard break"]),
    ("Tom &amp; Jerry \\*not em\\*", ["Tom & Jerry *not em*"]),
    ("1. one\n2. two\n   - nested", ["one", "two", "nested"]),
    ("> quoted\n> line\n>\n> second", ["quoted line", "second"]),
    ("| h1 | h2 |\n|----|----|\n| c1 |    |", ["h1", "h2", "c1"]),
    ("    indented   code\n    kept", ["indented code kept"]),
    ("Title\n=====\n\n---\n\n***", ["Title"]),
    ("", []),
])
def test_markdown_to_text(markdown: str, expected: list[str]) -> None:
    text, spans = markdown_to_text(markdown)
    assert [text[a:b] for a, b in spans] == expected
    assert text == "\n\n".join(expected)


def test_leading_heading_is_title_and_leaves_the_text(write) -> None:
    article = load_article(write("a.md", "## The *Title*\n\nBody text.\n\n# Later\n\nMore."))
    assert article.title == "The Title"
    assert paragraphs(article) == ["Body text.", "Later", "More."]


def test_heading_differing_from_front_matter_title_stays(write) -> None:
    article = load_article(write("a.md", "---\ntitle: Real\n---\n# Section\n\nBody."))
    assert article.title == "Real" and paragraphs(article) == ["Section", "Body."]


def test_heading_later_in_the_body_is_not_the_title(write) -> None:
    article = load_article(write("a.md", "Opening line. More.\n\n# Background\n\nBody."))
    assert article.title == "Opening line" and paragraphs(article)[1] == "Background"


def test_title_falls_back_to_stem_when_text_has_no_words(write) -> None:
    assert load_article(write("fallback.md", "...")).title == "fallback"


def test_crlf_and_cr_line_endings(write) -> None:
    crlf = load_article(write("a.md", b"---\r\ntitle: T\r\n---\r\nOne\r\ntwo\r\n\r\nThree\r\n"))
    mac = load_article(write("b.md", b"---\rtitle: T\r---\rOne\rtwo\r\rThree\r"))
    assert crlf.text == mac.text == "One two\n\nThree" and crlf.title == mac.title == "T"


def test_utf8_bom_is_stripped(write) -> None:
    article = load_article(write("a.md", "\ufeff---\ntitle: T\n---\nBody.".encode()))
    assert article.title == "T" and article.text == "Body."


def test_stray_control_characters_become_spaces(write) -> None:
    assert load_article(write("a.txt", "One\x0btwo\x1bthree words here.")).text == "One two three words here."


def test_path_is_relative_posix_under_root(tmp_path: Path, write) -> None:
    path = write("content/2024/a.md", "Body.")
    assert load_article(path, root=tmp_path).path == "content/2024/a.md"
    assert load_article(path).path == str(path)


def test_path_is_relative_when_root_is_reached_through_a_link(tmp_path: Path, write) -> None:
    path = write("real/2024/a.md", "Body.")
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    assert load_article(path, root=tmp_path / "alias").path == "2024/a.md"  # the file by its real path
    assert load_article(tmp_path / "alias/2024/a.md", root=tmp_path / "real").path == "2024/a.md"


def test_path_outside_root_is_refused(tmp_path: Path, write) -> None:
    path = write("elsewhere/a.md", "Body.")
    with pytest.raises(ArticleError) as caught:
        load_article(path, root=tmp_path / "content")
    assert not os.path.isabs(caught.value.path)


# Front matter


def test_date_as_yaml_date_and_datetime(write) -> None:
    assert load_article(write("a.md", "---\ndate: 2024-05-01\n---\nBody.")).meta.date == "2024-05-01"
    assert load_article(write("b.md", "---\ndate: 2024-05-01T23:00:00+02:00\n---\nB.")).meta.date == "2024-05-01"
    assert load_article(write("c.md", "---\ndate: May 2024\n---\nBody.")).meta.date == "May 2024"


def test_tags_as_comma_separated_string(write) -> None:
    article = load_article(write("a.md", "---\ntags: ' war, Ukraine ,, war '\n---\nBody."))
    assert article.meta.tags == ("war", "Ukraine")


def test_unknown_keys_ignored_and_numbers_become_text(write) -> None:
    article = load_article(write("a.md", "---\nTitle: no\nextra: {a: 1}\ntitle: 1984\nslug: 42\n---\nBody."))
    assert article.title == "1984" and article.slug == "42" and article.meta == Meta()


def test_empty_front_matter(write) -> None:
    article = load_article(write("a.md", "---\n---\nBody."))
    assert article.text == "Body." and article.meta == Meta()


@pytest.mark.parametrize(("front", "expected"), [
    ("tags: {a: 1}", "'tags' must be a list or a comma-separated string, not a mapping"),
    ("tags: [[a]]", "'tags' must be a list"),
    ("title: [a, b]", "'title' must be text, not a list"),
    ("author: yes", "'author' must be text, not a true/false value (put it in quotes)"),
    ("notes: 2024-05-01", "'notes' must be text, not a date (put it in quotes)"),
    ("fictional: 'yes'", "'fictional' must be true or false"),
    ("url: javascript:alert(1)", "'url' must start with http:// or https://"),
    ("- a\n- b", "malformed front matter: expected 'key: value' lines, got a list"),
    ("just a sentence", "malformed front matter: expected 'key: value' lines, got a str"),
    ("title: [unclosed", "malformed front matter: "),
    ("a: *nowhere", "malformed front matter: found undefined alias"),
    ("date: 2024-13-45", "malformed front matter: month must be in 1..12"),
    ("[" * 5000, "malformed front matter"),
])
def test_bad_front_matter(write, front: str, expected: str) -> None:
    assert expected in problem(write("a.md", f"---\n{front}\n---\nBody."))


def test_yaml_error_names_the_file_line(write) -> None:
    assert problem(write("a.md", "---\ntitle: ok\nbad: [x\n---\nBody.")).endswith("(line 3)")


def test_unclosed_front_matter(write) -> None:
    assert "unclosed front matter" in problem(write("a.md", "---\ntitle: T\n\nBody."))


# Unloadable files


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("latin1.txt", "Café au lait.".encode("latin-1"), "not UTF-8 text (save it as UTF-8)"),
    ("utf16.md", "Hello there.".encode("utf-16"), "UTF-16 text, not UTF-8 (save it as UTF-8)"),
    ("utf16be.md", b"\xfe\xff" + "Hi.".encode("utf-16-be"), "UTF-16"),
    ("nul.txt", b"text\x00more", "a binary file"),
    ("controls.md", bytes(range(1, 9)) * 20 + b"abc", "a binary file"),
    ("empty.txt", b"", "no article text (the body is empty)"),
    ("blank.md", b" \n\n\t\n", "no article text (the body is empty)"),
    ("only-front.md", b"---\ntitle: T\n---\n", "no article text (the body is empty)"),
    ("only-heading.md", b"# Just a title\n", "no article text (the body is only a heading)"),
    ("rules.md", b"***\n\n___\n", "no article text (the body is empty)"),
    ("page.html", b"<p>Hi</p>", "not an article file"),
])
def test_unloadable(write, name: str, content: bytes, expected: str) -> None:
    assert expected in problem(write(name, content))


def test_missing_file(tmp_path: Path) -> None:
    assert problem(tmp_path / "gone.md").startswith("cannot read the file")


# Slugs


@pytest.mark.parametrize(("value", "expected"), [
    ("Hello, World!", "hello-world"),
    ("Café Zürich — Straße", "cafe-zurich-strasse"),
    ("Putin’s visit", "putins-visit"),
    ("東京", "article"),
    ("../../etc/passwd", "etc-passwd"),
    ("", "article"),
    ("---", "article"),
    ("a\x00b", "a-b"),
    ("x" * 200, "x" * 80),
])
def test_slugify(value: str, expected: str) -> None:
    assert slugify(value) == expected


def test_long_slug_ends_on_a_word() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 80 and slug.endswith("word") and not slug.endswith("-")


# Finding articles


def test_find_articles(tmp_path: Path, write) -> None:
    root = tmp_path / "content"
    for name in ("b.md", "a.txt", "z/deep/c.markdown", "B.MD", ".hidden.md", ".drafts/d.md", "notes.html"):
        write(f"content/{name}", "Body.")
    outside = write("secret.md", "Outside.")
    (root / "escape.md").symlink_to(outside)
    (root / "escape-dir").symlink_to(tmp_path, target_is_directory=True)
    (root / "alias.md").symlink_to(root / "b.md")
    (root / "dangling.md").symlink_to(tmp_path / "missing.md")
    found = [p.relative_to(root).as_posix() for p in find_articles(root)]
    assert found == ["B.MD", "a.txt", "alias.md", "b.md", "z/deep/c.markdown"]


def test_find_articles_fixture_folder() -> None:
    assert find_articles(ARTICLES) == [ARTICLES / "bridge.md", ARTICLES / "nested" / "plain.txt"]
    article = load_article(ARTICLES / "nested" / "plain.txt", root=ARTICLES)
    assert article.path == "nested/plain.txt"
    assert paragraphs(article) == ["Plain first line. Second line of the same paragraph.", "A second paragraph."]


def test_loading_is_deterministic() -> None:
    assert load_article(ARTICLES / "bridge.md") == load_article(ARTICLES / "bridge.md")


# Any input


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode), MARKDOWNISH.map(str.encode)),
       suffix=st.sampled_from([".md", ".txt"]))
def test_any_bytes_load_or_raise_article_error(tmp_path: Path, content: bytes, suffix: str) -> None:
    path = tmp_path / f"any{suffix}"
    path.write_bytes(content)
    try:
        article = load_article(path, root=tmp_path)
    except ArticleError as exc:
        assert exc.problem and "\n" not in exc.problem
        return
    assert article.text and article.title and article.slug
    assert article.text == "\n\n".join(paragraphs(article))
    assert all(p and p == " ".join(p.split()) for p in paragraphs(article))


# Simple bodies (paragraphs, one-line headings, "> " quotations, "- " lists, no inline markup) skip the
# Markdown parser. Generated bodies, made of those blocks and of near misses, must give the same blocks
# (text and heading flag) both ways.
PLAIN_CHARS = list("abcXY19 .,;:'\"?!()%$#=+-/>&\n\n\n\u00a0é—“”‘’…")
PROSE = st.text(alphabet=st.sampled_from(PLAIN_CHARS), max_size=160) | st.text(
    alphabet=st.sampled_from(PLAIN_CHARS + list("*_`[]<>&\\~|\t\r")), max_size=80)
WORDS = st.tuples(st.sampled_from(list("abcXYé“‘9")), st.text(alphabet=st.sampled_from(
    list("abcXY19 .,;'\"?!%$()é—“’…&>#-")), max_size=30)).map("".join) | st.text(alphabet=st.sampled_from(list("ab #-")), max_size=5)
SIMPLE_STARTS = ["", "", "", "> ", "- ", "# ", "## ", "###### "]
NEAR_MISSES = ["####### ", "#", "-", ">", "  ", "1. ", "2) ", "= ", "+ ", "> > ", "- - ", ">  ", "-  "]


def _chunk(starts: list[str]) -> st.SearchStrategy[str]:
    """Lines that all open with one of starts (the same one, mostly)."""
    same = st.tuples(st.sampled_from(starts), st.lists(WORDS, min_size=1, max_size=3)).map(
        lambda c: "\n".join(c[0] + words for words in c[1]))
    mixed = st.lists(st.tuples(st.sampled_from(starts), WORDS).map("".join), min_size=1, max_size=3).map("\n".join)
    return same | same | mixed


def _bodies(starts: list[str]) -> st.SearchStrategy[str]:
    gaps = st.sampled_from(["\n\n", "\n\n", "\n", "\n \n", "\n\n\n"])
    return st.lists(st.tuples(_chunk(starts), gaps).map("".join), min_size=1, max_size=6).map("".join)


BODIES = _bodies(SIMPLE_STARTS) | _bodies(SIMPLE_STARTS + NEAR_MISSES)


def _both_ways(text: str) -> tuple[list, list, bool]:
    from reportgen import load

    simple = load._simple_blocks(text)
    return simple if simple is not None else [], list(load._parsed_blocks(text)), simple is not None


@settings(max_examples=1000, deadline=None)
@given(PROSE | BODIES)
def test_simple_bodies_give_the_blocks_the_markdown_parser_gives(text: str) -> None:
    simple, parsed, taken = _both_ways(text)
    if taken:
        assert simple == parsed


def test_the_fast_way_takes_simple_bodies_and_leaves_markup_to_the_parser() -> None:
    from reportgen.load import _Block, _simple_blocks

    body = ("Mayor Ana Ortiz said the bridge would reopen.\n\n## What comes next\n\n> “We will reopen,” she said,\n"
            "> and 50% > 40%.\n\n- the toll & the fees\n- the timetable\n\nAT&T said so.")
    expected = [_Block("Mayor Ana Ortiz said the bridge would reopen."), _Block("What comes next", heading=True),
                _Block("“We will reopen,” she said, and 50% > 40%."), _Block("the toll & the fees"),
                _Block("the timetable"), _Block("AT&T said so.")]
    assert _simple_blocks(body) == expected == _both_ways(body)[1]
    for markup in ("*soft*", "a_b", "[link](x)", "1. item", "    code", "a &amp; b", "a &#38; b", "a\\*b",
                   "Title\n===", "a | b", "<b>x</b>", "# Heading #", "#Heading", "- item\n  more", "> quote\nlazy",
                   "> > nested", "- - -", "---", "Text\n- item", "# Heading\ntext", "####### Seven"):
        assert _simple_blocks(markup) is None, markup


def test_generated_bodies_mostly_take_the_fast_way() -> None:
    # the generator must exercise the fast way, not only its refusals
    from hypothesis import find

    find(BODIES, lambda text: _both_ways(text)[2] and any(b.heading for b in _both_ways(text)[0]))
    find(BODIES, lambda text: _both_ways(text)[2] and text.startswith("> ") and len(_both_ways(text)[0]) >= 1)
    find(BODIES, lambda text: _both_ways(text)[2] and text.startswith("- ") and len(_both_ways(text)[0]) >= 2)
