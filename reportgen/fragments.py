"""HTML built in Python for the loops that run for every finding of every article.

Everything else is in the templates. The scorecard's highlighted text (a marker and a tooltip
per finding) and its numbered notes took most of a build's rendering time as Jinja loops; here
they are plain string building. Every value is escaped (``markupsafe.escape``, as the templates do).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from markupsafe import Markup, escape

from reportgen.scorecard import Note, Piece

IN_QUOTATION = " (Inside a quotation: the speaker's words, not the reporter's.)"


@lru_cache(maxsize=1024)
def label(text: str) -> str:
    """An escaped value that recurs on every page (rule ids and names, categories, letters, URLs)."""
    return str(escape(text))


def highlighted_text(paragraphs: Sequence[Sequence[Piece]], methodology: str) -> Markup:
    """Paragraphs of pieces as ``<p>`` elements: each finding's words in a highlight, a marker where it ends.

    ``methodology`` is the URL of the methodology page as seen from the page being rendered.
    """
    html = []
    for paragraph in paragraphs:
        html.append("    <p>")
        for piece in paragraph:
            if isinstance(piece, Note):
                html.append(marker(piece, methodology))
            elif piece.numbers:
                classes = "".join(f" hl-{c}" for c in piece.categories)
                numbers = " ".join(map(str, piece.numbers))
                html.append(f'<span class="hl{label(classes)}" data-f="{numbers}">{escape(piece.text)}</span>')
            else:
                html.append(escape(piece.text))
        html.append("</p>\n")
    return Markup("".join(html))


def marker(note: Note, methodology: str) -> str:
    """A marker where a finding ends: a link to its numbered note (the fallback without script or
    hover), with the rule and the explanation as a tooltip on hover, focus and tap."""
    f, n = note.finding, note.number
    rule, category = label(f.rule), label(f.category)
    quoted = IN_QUOTATION if f.voice == "quoted" else ""
    return (f'<span class="fn fn-{category}"><a class="mk" id="f{n}" href="#n{n}" aria-describedby="tip{n}">'
            f'{label(note.letter)}{n}</a><span class="tip" role="tooltip" id="tip{n}"><span class="tip-head">'
            f'{rule} · {label(note.rule_name)} · {category}</span> {escape(f.explanation)}{quoted} '
            f'<a href="{label(methodology)}#rule-{rule}">About {rule}</a></span></span>')


def numbered_notes(notes: Sequence[Note], methodology: str) -> Markup:
    """The ``<li>`` items of a list of numbered findings: marker link, rule link, matched words, explanation."""
    html = []
    for note in notes:
        f, n = note.finding, note.number
        rule = label(f.rule)
        words = "" if f.text in f.explanation else f"<q>{escape(f.text)}</q>: "
        quoted = " <em>(inside a quotation)</em>" if f.voice == "quoted" else ""
        html.append(f'      <li id="n{n}"><a class="note-ref" href="#f{n}">{label(note.letter)}{n}</a>\n'
                    f'        <a class="rule-id" href="{label(methodology)}#rule-{rule}">{rule}</a>\n'
                    f"{words}{escape(f.explanation)}{quoted}</li>\n")
    return Markup("".join(html))
