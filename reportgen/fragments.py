"""HTML built in Python for the parts of a scorecard that repeat: per finding, source, metric or formula.

Everything else is in the templates. As Jinja loops and macros, the highlighted text (a marker
and a tooltip per finding), the numbered notes, the sources table, the metric cards and the
readability formulas took most of a build's rendering time, every value costing a ``Markup``
object and several calls; here they are plain string building. Every value is escaped exactly
as the templates' autoescape does it (``escape_text`` is ``markupsafe.escape`` without the
``Markup`` object), and what is the same for every finding of a rule is made once (``rule_labels``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, Sequence

from markupsafe import Markup

from reportgen.corpus import MetricCard, Plot
from reportgen.scorecard import FormulaRow, Note, Piece, SourceRow

if TYPE_CHECKING:
    from reportgen.model import Meta
    from reportgen.render import IndexRow

IN_QUOTATION = " (Inside a quotation: the speaker's words, not the reporter's.)"
_FICTIONAL_BADGE = '<span class="fictional" title="Written for teaching; the people, places and outlet are invented">Fictional</span>'


def escape_replacing(text: str) -> str:
    """Text escaped for HTML exactly as ``markupsafe.escape`` escapes it, as a plain string.

    Wrapping each of a page's hundreds of values in ``Markup`` cost more than escaping them.
    """
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


try:  # MarkupSafe 3's C escaping without the Markup object: about 4 x faster (~400 values a page)
    from markupsafe._speedups import _escape_inner as escape_text
except ImportError:  # another MarkupSafe, or no compiled speedups: the same result in Python
    escape_text = escape_replacing


class RuleLabels(NamedTuple):
    """The escaped HTML of a note that depends only on its rule, and on the page's folder."""

    letter: str  # the marker's letter: A, H or G
    marker_open: str  # the marker's opening tag, up to its id's number
    tip_head: str  # the tooltip's first line: rule, name, category
    about: str  # the tooltip's link to the rule on the methodology page, and its closing tags
    rule_link: str  # the note's link to the rule on the methodology page


@lru_cache(maxsize=1024)
def rule_labels(rule_id: str, name: str, category: str, letter: str, methodology: str) -> RuleLabels:
    """The labels of a rule, made once per rule and methodology URL (``methodology``: as seen from the page)."""
    rule, category, href = escape_text(rule_id), escape_text(category), escape_text(methodology)
    return RuleLabels(
        letter=escape_text(letter),
        marker_open=f'<span class="fn fn-{category}"><a class="mk" id="f',
        tip_head=f'<span class="tip-head">{rule} · {escape_text(name)} · {category}</span> ',
        about=f' <a href="{href}#rule-{rule}">About {rule}</a></span></span>',
        rule_link=f'<a class="rule-id" href="{href}#rule-{rule}">{rule}</a>',
    )


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
                numbers = " ".join(map(str, piece.numbers))
                html.append(f'<span class="{_highlight_class(piece.categories)}" data-f="{numbers}">'
                            f'{escape_text(piece.text)}</span>')
            else:
                html.append(escape_text(piece.text))
        html.append("</p>\n")
    return Markup("".join(html))


@lru_cache(maxsize=64)
def _highlight_class(categories: tuple[str, ...]) -> str:
    """The class of a highlight covered by findings of these categories."""
    return escape_text("hl" + "".join(f" hl-{c}" for c in categories))


def marker(note: Note, methodology: str) -> str:
    """A marker where a finding ends: a link to its numbered note (the fallback without script or
    hover), with the rule and the explanation as a tooltip on hover, focus and tap."""
    f, n = note.finding, note.number
    rule = rule_labels(f.rule, note.rule_name, f.category, note.letter, methodology)
    quoted = IN_QUOTATION if f.voice == "quoted" else ""
    return (f'{rule.marker_open}{n}" href="#n{n}" aria-describedby="tip{n}">{rule.letter}{n}</a>'
            f'<span class="tip" role="tooltip" id="tip{n}">{rule.tip_head}{escape_text(f.explanation)}{quoted}'
            f'{rule.about}')


def numbered_notes(notes: Sequence[Note], methodology: str) -> Markup:
    """The ``<li>`` items of a list of numbered findings: marker link, rule link, matched words, explanation."""
    html = []
    for note in notes:
        f, n = note.finding, note.number
        rule = rule_labels(f.rule, note.rule_name, f.category, note.letter, methodology)
        words = "" if f.text in f.explanation else f"<q>{escape_text(f.text)}</q>: "
        quoted = " <em>(inside a quotation)</em>" if f.voice == "quoted" else ""
        html.append(f'      <li id="n{n}"><a class="note-ref" href="#f{n}">{rule.letter}{n}</a>\n'
                    f"        {rule.rule_link}\n{words}{escape_text(f.explanation)}{quoted}</li>\n")
    return Markup("".join(html))


def source_table_rows(rows: Sequence[SourceRow]) -> Markup:
    """The ``<tr>`` rows of the sources table: name, kind, claims, who relayed it, links to its claims."""
    html = []
    for row in rows:
        kind = ("<strong>anonymous</strong>: " if row.anonymous else "") + escape_text(row.kind)
        via = ">" + ", ".join(map(escape_text, row.via)) if row.via else ' class="empty">—'
        where = " ".join(f'<a href="#f{n}">A{n}</a>' for n in row.numbers)
        html.append(f'      <tr class="{"anonymous" if row.anonymous else "named"}">\n'
                    f'        <td data-label="Source" class="source-name">{escape_text(row.name)}</td>\n'
                    f'        <td data-label="Kind">{kind}</td>\n'
                    f'        <td data-label="Claims" class="num">{row.claims}</td>\n'
                    f'        <td data-label="Relayed by"{via}</td>\n'
                    f'        <td data-label="Where">{where}</td>\n'
                    "      </tr>\n")
    return Markup("".join(html))


def fictional_badge(meta: Meta) -> Markup:
    """The "Fictional" label of a teaching article (nothing for a real one)."""
    return Markup(_FICTIONAL_BADGE if meta.fictional else "")


def tag_list(tags: Sequence[str]) -> Markup:
    """An article's tags as a list (nothing when it has none)."""
    items = "".join(f"<li>{escape_text(tag)}</li>" for tag in tags)
    return Markup(f'<ul class="tags" aria-label="Tags">{items}</ul>' if tags else "")


def index_row(row: IndexRow, href: str) -> Markup:
    """One article's ``<tr>`` in the index table (href: its scorecard, as seen from the index)."""
    meta, title = row.article.meta, escape_text(row.article.title)
    search = f' data-search="{escape_text(meta.author)}"' if meta.author else ""
    outlet, date = escape_text(meta.outlet), escape_text(meta.date)
    cells = "".join(
        f'      <td data-label="{escape_text(c.spec.label)}" data-sort="{escape_text(c.sort)}" class="num band-cell '
        f'band-cell-{escape_text(c.band)}">{escape_text(c.shown)} <span class="band-word">'
        f'{"" if c.band == "none" else escape_text(c.band)}</span></td>\n' for c in row.cells)
    return Markup(
        f'    <tr data-tags="{"|".join(map(escape_text, meta.tags))}"{search}>\n'
        f'      <td data-label="Article" data-sort="{title}"><a href="{escape_text(href)}">{title}</a> '
        f"{fictional_badge(meta)}{tag_list(meta.tags)}</td>\n"
        f'      <td data-label="Outlet" data-sort="{outlet}">{outlet or "—"}</td>\n'
        f'      <td data-label="Date" data-sort="{date}" class="nowrap">{date or "—"}</td>\n'
        f"{cells}    </tr>")


def formula_rows(rows: Sequence[FormulaRow]) -> Markup:
    """The ``<tr>`` rows of the readability table: score, value, formula, the formula with the counts, meaning."""
    return Markup("".join(
        "      <tr>\n"
        f'        <th scope="row" data-label="Score">{escape_text(row.name)}</th>\n'
        f'        <td data-label="Value" class="num">{row.value:.1f}</td>\n'
        f'        <td data-label="Formula"><code>{escape_text(row.formula)}</code><br><code class="worked">= '
        f'{escape_text(row.worked)}</code><br><span class="meaning">{escape_text(row.meaning)}</span></td>\n'
        "      </tr>\n" for row in rows))


def metric_card(card: MetricCard, others: str) -> str:
    """A metric card: the value and its band, what it means, and a strip plot of where the article stands.

    ``others`` is the URL of the picture of every article's dot, as seen from the page being rendered.
    """
    key, band = escape_text(card.key), escape_text(card.band)
    return (f'<section class="card card-{band}" aria-labelledby="card-{key}">\n'
            f'  <h3 id="card-{key}"><span>{escape_text(card.label)}</span> '
            f'<span class="band band-{band}">{"no value" if card.band == "none" else band}</span></h3>\n'
            f'  <p class="card-value"><span class="value">{escape_text(card.value)}</span> '
            f'<span class="unit">{escape_text(card.unit)}</span></p>\n'
            f'  <p class="card-meaning">{escape_text(card.meaning)}</p>\n'
            f"  {strip_plot(card.plot, others)}\n"
            f'  <p class="card-median">Site median {escape_text(card.median)}. Bands: {escape_text(card.band_rule)}.</p>\n'
            "</section>")


def strip_plot(plot: Plot, others: str) -> str:
    """A one-line dot plot as SVG: axis, band thresholds, every article's dots (``others``), median, this article."""
    size, label = f'width="{plot.width}" height="{plot.height}"', escape_text(plot.label)
    thresholds = "".join(f'<line class="plot-threshold" x1="{x}" y1="9" x2="{x}" y2="19"/>' for x in plot.thresholds)
    median = "" if plot.median is None else f'<line class="plot-median" x1="{plot.median}" y1="3" x2="{plot.median}" y2="25"/>'
    this = "" if plot.this is None else f'<circle class="plot-this" cx="{plot.this}" cy="14" r="6"/>'
    return (f'<svg class="plot" viewBox="0 0 {plot.width} {plot.height}" {size} role="img" aria-label="{label}">\n'
            f"<title>{label}</title>\n"
            f'<line class="plot-axis" x1="{plot.axis[0]}" y1="14" x2="{plot.axis[1]}" y2="14"/>\n'
            f'{thresholds}<image class="plot-others" href="{escape_text(others)}" x="0" y="0" {size}/>\n'
            f"{median}{this}</svg>")
