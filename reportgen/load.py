"""Load article files into ``Article``s: decode, split off front matter, reduce to plain text.

Decisions a reader of the output should know about:

- Only UTF-8 is accepted (a BOM is stripped). UTF-16 files are refused with a clear message
  rather than decoded, because every later stage (and the linter positions) re-reads the
  source as UTF-8.
- Every problem is one line: the file, what is wrong, and how to fix it (see the README's
  Troubleshooting section, which lists them).
- Front-matter text is cleaned like the body: control characters become spaces and
  unpaired surrogates (which YAML escapes can make, and UTF-8 cannot encode) become U+FFFD.
- Slugs are ASCII (Cyrillic is transliterated) and never a name Windows reserves for a device
  (``con``, ``aux``, ``nul``, ...) or ``index``, which would shadow the articles folder's index.
- ``.txt`` files have no front matter; blank lines separate paragraphs, single newlines are spaces.
- Markdown is parsed with markdown-it-py's ``js-default`` preset, so raw HTML is never
  interpreted: ``<script>`` arrives as literal text (and any html tokens are dropped).
- Code blocks (fenced or indented) are kept as a paragraph of their text: an indented block
  in a news article is almost always a pasted paragraph, not code.
- The title is front matter ``title``, else a heading that opens the body, else the first
  sentence, else the file stem. A heading used as the title, or repeating the front-matter
  title, is removed from the analysed text because it is displayed as the title.
"""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reportgen.errors import ArticleError
from reportgen.find import ARTICLE_SUFFIXES, TEXT_SUFFIXES
from reportgen.model import Article, Meta, Span

MAX_BYTES = 10 * 1024 * 1024  # far beyond any news article; guards memory against stray dumps
TITLE_LENGTH = 80
SLUG_LENGTH = 80
MOVE_IT = "move it out of the content folder"
# Device names Windows refuses as file names, with any extension; and index, the folder's own page.
RESERVED_SLUGS = frozenset({"con", "prn", "aux", "nul", "index", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))})

_TEXT_KEYS = ("outlet", "author", "language", "url")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_UNENCODABLE = re.compile(r"[\ud800-\udfff]")  # lone surrogates: YAML's "\ud800" escape makes them
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMrs)(?<!\b(?:Mr|Ms|Dr|St))[.!?…]+[\"'”’)]*(?=\s|$)")
_MARKDOWN = MarkdownIt("js-default")  # raw HTML is never rendered: it stays text
# Any character that can start inline markup (a table cell, a link, an entity...), and anything but a
# newline below a space. A ">" inside a line is text: only "<" opens HTML and autolinks.
_INLINE_MARKUP = re.compile(r"[*_`\[\]<\\~|\x00-\x09\x0b-\x1f\x7f]|&(?=#|\w+;)")
# What can open a block other than a paragraph: indentation, heading, quote, list, rule, setext underline.
_BLOCK_START = re.compile(r"[ \t#>+=-]|\d{1,9}[.)]")
_HEADING = re.compile(r"#{1,6} +([^#\s](?:[^#\n]*[^#\s])?) *")  # "## Subhead" (no closing #s)
_MARKERS = ("> ", "- ")  # a quotation's lines, a list's items
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_SLUG_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
                               "þ": "th", "ı": "i", "'": None, "’": None,
                               # Cyrillic (Ukrainian national transliteration, then Russian's own letters)
                               **dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэёъ",
                                          ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i",
                                           "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch",
                                           "sh", "shch", "", "iu", "ia", "y", "e", "e", ""]))})


@dataclass(frozen=True)
class _Block:
    """One block of a Markdown body as plain text, remembering whether it was a heading."""

    text: str
    heading: bool = False


def load_article(path: Path, root: Path | None = None) -> Article:
    """Load a Markdown (.md/.markdown) or plain-text (.txt) article; raise ArticleError on bad input."""
    shown = _shown_path(path, root)
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise ArticleError(shown, "not an article file (use .md, .markdown or .txt)")
    source = _decode(_read(path, shown), shown)
    if suffix in TEXT_SUFFIXES:
        front, blocks = {}, [_Block(p) for p in _text_paragraphs(source)]
    else:
        front, body = _split_front_matter(source, shown)
        blocks = _markdown_blocks(body)
    meta = _meta(front, shown)
    title = _text_value(front, "title", shown)
    if blocks and blocks[0].heading and (not title or _same(title, blocks[0].text)):
        title = title or blocks[0].text
        blocks = blocks[1:]
        if not blocks:
            raise ArticleError(shown, "no article text (the body is only a heading)")
    if not blocks:
        raise ArticleError(shown, "no article text (the body is empty)")
    text, spans = _join([b.text for b in blocks])
    title = title or _title_from_text(text[spans[0][0]:spans[0][1]]) or path.stem
    slug = slugify(_text_value(front, "slug", shown) or path.stem)
    return Article(path=shown, slug=slug, title=title, text=text, paragraphs=spans, meta=meta)


def slugify(value: str) -> str:
    """A safe, lowercase ASCII slug ([a-z0-9-], no leading/trailing '-', max 80 chars, never empty or reserved)."""
    letters = unicodedata.normalize("NFKD", value.lower().translate(_SLUG_LETTERS))
    slug = re.sub(r"[^a-z0-9]+", "-", letters.encode("ascii", "ignore").decode("ascii")).strip("-")
    if len(slug) > SLUG_LENGTH:
        cut = slug[:SLUG_LENGTH + 1]
        # Prefer ending on a whole word unless that would throw away most of the slug.
        slug = cut[:cut.rfind("-")] if cut.rfind("-") > SLUG_LENGTH // 2 else cut[:SLUG_LENGTH]
        slug = slug.rstrip("-")
    if slug in RESERVED_SLUGS:
        slug = f"{slug}-article"
    return slug or "article"


def markdown_to_text(markdown: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain text of a Markdown body and its paragraph spans."""
    return _join([block.text for block in _markdown_blocks(markdown)])


def _shown_path(path: Path, root: Path | None) -> str:
    """The path as reported: relative to root (POSIX) when root is given, else as given."""
    if root is None:
        return str(path)
    # As given first; resolved (symbolic links followed: seven system calls) only when that fails.
    for base, target in _candidate_pairs(root, path):
        try:
            return Path(target).relative_to(base).as_posix()
        except ValueError:
            continue
    raise ArticleError(path.name, f"not inside the article folder {root.name or root}")


def _candidate_pairs(root: Path, path: Path) -> Iterator[tuple[str | Path, str | Path]]:
    yield os.path.abspath(root), os.path.abspath(path)
    yield root.resolve(), path.resolve()


def _read(path: Path, shown: str) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ArticleError(shown, f"too large for an article (over {MAX_BYTES // (1024 * 1024)} MB): "
                                      f"split it, or {MOVE_IT}")
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(shown, f"cannot read the file ({exc.strerror or exc}): check that it exists and "
                                  "that you may read it") from None


def _decode(raw: bytes, shown: str) -> str:
    """UTF-8 text with the BOM stripped, line endings as "\\n" and stray control characters as spaces."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        raise ArticleError(shown, "UTF-16 text, not UTF-8 (save it as UTF-8)")
    if b"\x00" in raw:
        raise ArticleError(shown, f"a binary file, not text ({MOVE_IT})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ArticleError(shown, f"not UTF-8 text (save it as UTF-8): bad byte on line {line}") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text))
    if controls * 10 > len(text):
        raise ArticleError(shown, f"a binary file, not text: mostly control characters ({MOVE_IT})")
    # Same length replacement keeps offsets; control characters are not text and break HTML.
    return _CONTROL.sub(" ", text) if controls else text


def _looks_utf16(raw: bytes) -> bool:
    """True for UTF-16 without a byte-order mark: NULs on one side of the byte pairs only, decoding to text."""
    sample = raw[:4096 - len(raw[:4096]) % 2]
    if b"\x00" not in sample:
        return False
    for odd, codec in ((True, "utf-16-le"), (False, "utf-16-be")):
        if b"\x00" not in sample[int(not odd)::2]:  # every NUL is the high byte of a character
            try:
                text = sample.decode(codec)
            except UnicodeDecodeError:
                text = ""
            if text and sum(c.isprintable() or c.isspace() for c in text) > 0.95 * len(text):
                return True
    return False


def _parse_yaml(text: str) -> Any:
    """YAML through libyaml when PyYAML has it (ten times faster), and errors always from the pure-Python
    parser, whose messages are the same on every machine."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)
        except yaml.YAMLError as exc:
            # The pure-Python parser would recurse for seconds before failing the same way.
            if "maximum nesting depth" in str(exc):
                raise ValueError("nested too deeply") from None
        except (ValueError, RecursionError):
            pass
    return yaml.load(text, Loader=yaml.SafeLoader)


def _split_front_matter(source: str, shown: str) -> tuple[dict[Any, Any], str]:
    """The front-matter mapping (empty if none) and the Markdown body after it."""
    lines = source.split("\n")
    if lines[0].rstrip() != "---":
        return {}, source
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), None)
    if closing is None:
        raise ArticleError(shown, "unclosed front matter (add a '---' line after it)")
    try:
        front = _parse_yaml("\n".join(lines[1:closing]))
    except yaml.MarkedYAMLError as exc:
        # The mark counts from the line after the opening '---'; report the line in the file.
        where = f" (line {exc.problem_mark.line + 2})" if exc.problem_mark else ""
        problem = _collapse(exc.problem or exc.context or str(exc))
        raise ArticleError(shown, f"malformed front matter: {problem}{where}") from None
    except RecursionError:
        raise ArticleError(shown, "malformed front matter: nested too deeply") from None
    except (yaml.YAMLError, ValueError) as exc:  # bad dates raise ValueError
        problem = _collapse(str(exc) or type(exc).__name__)
        raise ArticleError(shown, f"malformed front matter: {problem}") from None
    if front is None:
        front = {}
    if not isinstance(front, dict):
        raise ArticleError(shown, f"malformed front matter: expected 'key: value' lines, got a {_yaml_type(front)}")
    return front, "\n".join(lines[closing + 1:])


def _meta(front: dict[Any, Any], shown: str) -> Meta:
    """Meta from front matter: strings, an ISO date, a tag tuple; unknown keys are ignored."""
    fields: dict[str, Any] = {key: _text_value(front, key, shown) for key in _TEXT_KEYS}
    fields["language"] = fields["language"] or "en"
    fields["notes"] = _text_value(front, "notes", shown, collapse=False)
    fields["date"] = _date_value(front.get("date"), shown)
    if fields["url"] and not fields["url"].lower().startswith(("http://", "https://")):
        raise ArticleError(shown, "front matter 'url' must start with http:// or https://")
    fields["tags"] = _tags_value(front.get("tags"), shown)
    fictional = front.get("fictional", False)
    if fictional is not None and not isinstance(fictional, bool):
        raise ArticleError(shown, f"front matter 'fictional' must be true or false, not a {_yaml_type(fictional)}")
    return Meta(fictional=bool(fictional), **fields)


def _text_value(front: dict[Any, Any], key: str, shown: str, collapse: bool = True) -> str:
    """A front-matter value as a string ("" if absent); numbers are accepted, structures are not."""
    value = front.get(key)
    if value is None:
        return ""
    if isinstance(value, (bool, datetime.date)) or not isinstance(value, (str, int, float)):
        # YAML turns unquoted yes/no/on/off and dates into other types; quoting keeps the words.
        hint = " (put it in quotes)" if isinstance(value, (bool, datetime.date)) else ""
        raise ArticleError(shown, f"front matter '{key}' must be text, not a {_yaml_type(value)}{hint}")
    text = _clean(str(value))
    return _collapse(text) if collapse else text.strip()


def _date_value(value: Any, shown: str) -> str:
    """A YAML date or timestamp as YYYY-MM-DD; any other scalar as its text."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return _text_value({"date": value}, "date", shown)


def _tags_value(value: Any, shown: str) -> tuple[str, ...]:
    """Tags from a list or a comma-separated string, stripped, without empties or repeats."""
    if value is None:
        return ()
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, list) and all(_is_word(item) for item in value):
        items = value
    else:
        kind = _yaml_type(value)
        raise ArticleError(shown, f"front matter 'tags' must be a list or a comma-separated string, not a {kind}")
    tags = (_collapse(_clean(str(item))) for item in items)
    return tuple(dict.fromkeys(tag for tag in tags if tag))


def _text_paragraphs(source: str) -> list[str]:
    """Paragraphs of plain text: blank lines separate them, single newlines are spaces."""
    paragraphs = (_collapse(p) for p in _BLANK_LINES.split(source))
    return [p for p in paragraphs if p]


def _simple_blocks(markdown: str) -> list[_Block] | None:
    """The blocks of a body with no inline markup, made of simple blocks only; None for anything else.

    Most articles are paragraphs with a few subheadings, quotations and dash lists, and Markdown
    parsing cost more than analysing them. The blocks are the blank-line-separated chunks: a
    paragraph (no line opens another block), a one-line "## heading", a quotation whose every line
    starts with "> ", a list whose every line is an item "- ". Anything else, and any character
    that could be inline markup, goes to the parser; ``tests/test_load.py`` checks on generated
    texts that both ways give the same blocks.
    """
    if _INLINE_MARKUP.search(markdown):
        return None
    blocks = []
    for chunk in _BLANK_LINES.split(markdown):
        lines = [line for line in chunk.split("\n") if line]
        if not any(_BLOCK_START.match(line) for line in lines):
            blocks.append(_Block(_collapse(chunk)))
            continue
        heading = _HEADING.fullmatch(lines[0]) if len(lines) == 1 else None
        marker = lines[0][:2]
        if heading:
            blocks.append(_Block(_collapse(heading.group(1)), heading=True))
        elif marker in _MARKERS and all(line.startswith(marker) and _is_inner(line[2:]) for line in lines):
            inner = [line[2:] for line in lines]
            blocks.extend(map(_Block, map(_collapse, ["\n".join(inner)] if marker == "> " else inner)))
        else:
            return None
    return [block for block in blocks if block.text]


def _is_inner(line: str) -> bool:
    """A quotation's or list item's line that is plain text: it opens no block of its own."""
    return bool(line) and not _BLOCK_START.match(line)


def _markdown_blocks(markdown: str) -> list[_Block]:
    """Each Markdown block with text (heading, paragraph, list item, table cell, code) as plain text."""
    simple = _simple_blocks(markdown)
    return simple if simple is not None else list(_parsed_blocks(markdown))


def _parsed_blocks(markdown: str) -> Iterator[_Block]:
    """The blocks with text, as the Markdown parser finds them."""
    heading = False
    for token in _MARKDOWN.parse(markdown):
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type in ("inline", "fence", "code_block"):
            text = _collapse(_inline_text(token.children) if token.type == "inline" else token.content)
            if text:
                yield _Block(text, heading)
        # html_block never occurs with js-default; if it did it would be dropped, never interpreted.


def _inline_text(tokens: list[Token] | None) -> str:
    """The words of an inline token stream, markup removed (images give their alt text)."""
    parts = []
    for token in tokens or ():
        if token.type in ("text", "text_special", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(_inline_text(token.children))
    return "".join(parts)


def _join(paragraphs: list[str]) -> tuple[str, tuple[Span, ...]]:
    """Paragraphs joined by blank lines, with the span of each in the joined text."""
    spans, start = [], 0
    for paragraph in paragraphs:
        spans.append((start, start + len(paragraph)))
        start += len(paragraph) + 2
    return "\n\n".join(paragraphs), tuple(spans)


def _title_from_text(paragraph: str) -> str:
    """The first sentence of a paragraph, cut at a word boundary to about 80 characters."""
    end = _SENTENCE_END.search(paragraph)
    sentence = paragraph[:end.end()] if end else paragraph
    sentence = sentence.rstrip(".").strip()
    if not any(char.isalnum() for char in sentence):
        return ""
    if len(sentence) <= TITLE_LENGTH:
        return sentence
    cut = sentence[:TITLE_LENGTH]
    space = cut.rfind(" ")
    return (cut[:space] if space > TITLE_LENGTH // 2 else cut).rstrip(" ,;:-—") + "…"


def _is_word(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _clean(text: str) -> str:
    """Front-matter text without control characters (spaces instead) or lone surrogates (U+FFFD instead)."""
    return _UNENCODABLE.sub("\ufffd", _CONTROL.sub(" ", text))


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _same(a: str, b: str) -> bool:
    return _collapse(a).casefold() == _collapse(b).casefold()


def _yaml_type(value: Any) -> str:
    names = {dict: "mapping", list: "list", bool: "true/false value", datetime.date: "date", datetime.datetime: "date",
             str: "string", int: "number", float: "number", type(None): "empty value"}
    return names.get(type(value), type(value).__name__)
