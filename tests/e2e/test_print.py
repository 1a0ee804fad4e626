"""Print: a scorecard on paper is a clean handout, checked in print media and in Chromium's own PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from .support import PRINTS, SCORECARD, DemoSite, expect, save_path, scorecard_path, unavailable

LETTERS = {"attribution": "A", "hedge": "H", "generalization": "G"}
MM = 96 / 25.4  # CSS pixels per millimetre
PAGE_MARGINS_MM = (16, 14)  # @page margin in style.css: top and bottom, left and right


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext), whitespace folded."""
    if not shutil.which("pdftotext"):
        unavailable("pdftotext is not installed (Debian package poppler-utils)")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          text=True, timeout=60).stdout
    return [words(page) for page in text.split("\f")[:-1]]


def test_print_media_hides_the_chrome_and_shows_numbered_notes(browse, http_url: str, demo_site: DemoSite) -> None:
    page = browse.open(http_url + scorecard_path(SCORECARD))
    page.locator("#f3").focus()  # an explanation open on screen must not reach the paper
    page.emulate_media(media="print")
    for chrome in (".site-header", ".skip", ".legend input", ".howto", ".tip", ".data-links"):
        expect(page.locator(chrome).filter(visible=True)).to_have_count(0)
    findings = demo_site.article(SCORECARD)["findings"]
    notes = page.evaluate("""() => [...document.querySelectorAll('.notes-list li')]
        .filter(li => li.getClientRects().length).map(li => [li.id, li.innerText])""")
    assert [note_id for note_id, _ in notes] == [f"n{n}" for c in LETTERS for n, f in enumerate(findings, 1)
                                                 if f["category"] == c]
    for note_id, text in notes:
        finding = findings[int(note_id[1:]) - 1]
        assert text.startswith(f"{LETTERS[finding['category']]}{note_id[1:]} {finding['rule']}")
        assert finding["explanation"] in text
    assert page.locator(".article-text .mk").filter(visible=True).count() == len(findings)
    styles = page.evaluate("""() => ({
        cards: [...document.querySelectorAll('.card')].map(c => getComputedStyle(c).breakInside),
        ink: [...document.querySelectorAll('.article-text .hl')].flatMap(el => {
            const s = getComputedStyle(el);
            return [s.textDecorationColor, s.borderBottomColor, s.borderTopColor, s.backgroundColor];
        }),
    })""")
    assert styles["cards"] and set(styles["cards"]) == {"avoid"}
    greys = {tuple(map(float, re.findall(r"[\d.]+", colour)[:3])) for colour in styles["ink"]}
    assert all(r == g == b for r, g, b in greys), greys  # black, greys and transparent: fine in black and white


def test_printed_pdf_is_a_handout(browse, http_url: str, demo_site: DemoSite) -> None:
    """Writes test-output/print/scorecard.pdf and its first page as scorecard-page1.png."""
    page = browse.open(http_url + scorecard_path(SCORECARD))
    pdf = save_path(PRINTS, "scorecard.pdf")
    page.pdf(path=str(pdf), format="A4")  # print media, Chromium's own PDF output
    pages = pdf_pages(pdf)
    everything = " ".join(pages)
    assert len(pages) >= 2
    assert "Skip to content" not in everything and "Show or hide" not in everything
    assert "Articles Methodology Data" not in everything  # the site's navigation
    assert demo_site.article(SCORECARD)["title"] in pages[0]
    for number, finding in enumerate(demo_site.article(SCORECARD)["findings"], 1):
        assert f"{LETTERS[finding['category']]}{number} {finding['rule']}" in everything, number
    png = PRINTS / "scorecard-page1.png"
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(png.with_suffix(""))], check=True, capture_output=True, timeout=60)
    else:  # the print-emulated page instead of the paper
        page.emulate_media(media="print")
        page.screenshot(path=str(png))
    assert png.stat().st_size > 10_000


def test_a_page_break_moves_metric_cards_whole(browse, http_url: str) -> None:
    """A paper just long enough to cut through the middle of the cards: they go whole to the next page."""
    top_bottom, sides = (m * MM for m in PAGE_MARGINS_MM)
    paper_width = 800
    page = browse.open(http_url + scorecard_path(SCORECARD),
                       viewport={"width": round(paper_width - 2 * sides), "height": 900})
    page.emulate_media(media="print")
    cards: list[dict[str, Any]] = page.locator(".card").evaluate_all("""cards => cards.map(c => {
        const box = c.getBoundingClientRect();
        return {top: box.top + scrollY, bottom: box.bottom + scrollY,
                value: c.querySelector('.card-value').innerText, median: c.querySelector('.card-median').innerText};
    })""")
    middle = (min(c["top"] for c in cards) + max(c["bottom"] for c in cards)) / 2
    pdf = save_path(PRINTS, "scorecard-cut-through-cards.pdf")
    page.pdf(path=str(pdf), width=f"{paper_width}px", height=f"{round(middle + 2 * top_bottom)}px")
    pages = pdf_pages(pdf)
    # Each card's top (its value and the first word of the unit) and its bottom (the median line): the
    # cut would leave the tops on the first page and the bottoms on the second; all must be on the second.
    squashed = [re.sub(r"\s", "", text) for text in pages]  # a line may break after a dash: "Flesch–\nKincaid"
    for card in cards:
        top = re.sub(r"\s", "", " ".join(card["value"].split()[:2]))
        bottom = re.sub(r"\s", "", card["median"])
        assert top in squashed[1] and bottom in squashed[1], (card, pages[:2])
        assert top not in squashed[0] and bottom not in squashed[0], (card, pages[0])
