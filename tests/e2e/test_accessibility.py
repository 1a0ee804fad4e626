"""Accessibility: axe-core finds nothing serious, highlights differ without colour, everything works by keyboard."""

from __future__ import annotations

from typing import Any

import pytest

from .support import DESKTOP, PHONE, SCORECARD, expect, scorecard_path, unavailable

SERIOUS = ("serious", "critical")
CATEGORIES = ("attribution", "hedge", "generalization")


def axe(page: Any) -> dict[str, Any]:
    """axe-core's results for the page as it is now (axe reads the page; it fetches nothing)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        unavailable("axe-playwright-python is not installed")
    # preload off: axe would fetch the stylesheets again, which the pages' Content-Security-Policy forbids.
    options = {"preload": False, "resultTypes": ["violations", "passes"]}
    return Axe().run(page, options=options).response


def serious_violations(results: dict[str, Any]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
            for v in results["violations"] if v["impact"] in SERIOUS]


@pytest.mark.parametrize("path, viewport", [
    ("index.html", "desktop"), ("index.html", "phone"),  # a table, then stacked cards
    (scorecard_path(SCORECARD), "desktop"), (scorecard_path(SCORECARD), "phone"),  # a tip, then a bottom sheet
    ("methodology.html", "desktop"),
])
def test_axe_finds_no_serious_or_critical_violations(browse, http_url: str, path: str, viewport: str) -> None:
    page = browse.open(http_url + path, viewport=PHONE if viewport == "phone" else DESKTOP)
    if path == "index.html":
        page.locator("#articles thead button").nth(3).click()  # the sorted state too
    if path.startswith("articles/"):
        page.locator("#f3").focus()  # with an explanation open, so its contrast is checked as well
        expect(page.locator("#tip3")).to_be_visible()
    results = axe(page)
    assert serious_violations(results) == []
    assert [v["id"] for v in results["violations"] if v["id"] == "color-contrast"] == []  # WCAG AA, any impact
    assert "color-contrast" in {p["id"] for p in results["passes"]}  # the contrast rule did run


def shapes(page: Any) -> dict[str, str]:
    """How a highlight of each category alone is drawn, colour left out: its lines, their styles, a tint or not."""
    return page.evaluate("""categories => Object.fromEntries(categories.map(c => {
        const el = [...document.querySelectorAll('.article-text .hl-' + c)].find(e => e.classList.length === 2);
        const s = getComputedStyle(el);
        return [c, [s.textDecorationLine, s.textDecorationStyle, 'under ' + s.borderBottomStyle,
                    'over ' + s.borderTopStyle, s.backgroundColor === 'rgba(0, 0, 0, 0)' ? 'clear' : 'tint'].join(' ')];
    }))""", list(CATEGORIES))


def test_highlight_categories_differ_without_colour(browse, http_url: str) -> None:
    page = browse.open(http_url + scorecard_path(SCORECARD))
    drawn = shapes(page)
    assert len(set(drawn.values())) == len(CATEGORIES), drawn
    markers = {c: page.locator(f".fn-{c} .mk").first.evaluate("el => getComputedStyle(el).borderTopStyle")
               for c in CATEGORIES}
    assert len(set(markers.values())) == len(CATEGORIES), markers  # and the markers' frames differ, besides A/H/G
    page.emulate_media(media="print")
    assert len(set(shapes(page).values())) == len(CATEGORIES)


def tab_until(page: Any, stop: str, limit: int = 80) -> list[dict[str, Any]]:
    """Press Tab from the top of the page until the element matching stop has focus; what got focus on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => { const el = document.activeElement, s = getComputedStyle(el);
            return {id: el.id, tag: el.tagName.toLowerCase(), text: el.textContent.trim().slice(0, 40),
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }"""))
        if page.evaluate("stop => document.activeElement.matches(stop)", stop):
            return seen
    raise AssertionError(f"Tab never reached {stop}: {seen}")


def test_index_controls_work_by_keyboard(browse, http_url: str) -> None:
    page = browse.open(http_url + "index.html")
    seen = tab_until(page, "#articles tbody a")
    assert seen[0]["text"] == "Skip to content"
    ids = [s["id"] for s in seen]
    assert ids.index("filter-text") < ids.index("filter-tag")
    buttons = [s for s in seen if s["tag"] == "button"]
    assert len(buttons) == page.locator("#articles thead th").count() == 7
    assert all(s["outline"] for s in seen), [s for s in seen if not s["outline"]]  # focus is always visible
    page.locator("#filter-text").focus()
    page.keyboard.type("kramatorsk")
    expect(page.locator("#articles tbody tr:visible")).to_have_count(1)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")
    expect(page.locator("#filter-tag")).to_be_focused()
    page.keyboard.press("ArrowDown")  # a closed select changes its value with the arrow keys
    expect(page.locator("#filter-tag")).not_to_have_value("")
    page.locator("#filter-tag").select_option("")
    header = page.locator("#articles thead th").nth(4)
    header.get_by_role("button").focus()
    page.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "ascending")
    page.keyboard.press("Space")
    expect(header).to_have_attribute("aria-sort", "descending")


def test_scorecard_controls_work_by_keyboard(browse, http_url: str) -> None:
    page = browse.open(http_url + scorecard_path(SCORECARD))
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    seen = tab_until(page, "#show-generalization")
    ids = [s["id"] for s in seen]
    assert ids.index("show-attribution") < ids.index("show-hedge") < ids.index("show-generalization")
    assert all(s["outline"] for s in seen), [s for s in seen if not s["outline"]]
    page.keyboard.press("Space")
    expect(page.locator("#show-generalization")).not_to_be_checked()
    expect(page.locator(".article-text .fn-generalization .mk:visible")).to_have_count(0)
    page.keyboard.press("Space")
    expect(page.locator("#show-generalization")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator(".article-text .mk").first).to_be_focused()
    page.keyboard.press("Enter")  # Enter on a marker opens its explanation, as a tap does
    expect(page.locator(".fn.open .tip")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".tip:visible")).to_have_count(0)
