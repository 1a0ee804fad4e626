"""A scorecard in a browser: highlights, their explanations on hover, focus and tap, toggles, note links."""

from __future__ import annotations

import pytest

from .support import DESKTOP, PHONE, SCORECARD, DemoSite, covered_by, expect, scorecard_path

CATEGORIES = ("attribution", "hedge", "generalization")
LETTERS = {"attribution": "A", "hedge": "H", "generalization": "G"}


def highlight_report(page) -> dict[str, dict[str, object]]:
    """Per finding number: whether its marker and every one of its highlighted pieces are rendered, and their text."""
    return page.evaluate("""() => {
        const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
        const out = {};
        for (const mk of document.querySelectorAll('.article-text .mk')) {
            const n = mk.id.slice(1);
            const pieces = [...document.querySelectorAll('.article-text .hl')]
                .filter(hl => hl.dataset.f.split(' ').includes(n));
            out[n] = {marker: shown(mk), label: mk.textContent, pieces: pieces.length,
                      piecesShown: pieces.every(shown), text: pieces.map(p => p.textContent).join('')};
        }
        return out;
    }""")


def first_and_last_of_each_category(findings: list[dict]) -> list[int]:
    numbers = [[n for n, f in enumerate(findings, 1) if f["category"] == c] for c in CATEGORIES]
    return sorted({n for ns in numbers if ns for n in (ns[0], ns[-1])})


@pytest.mark.parametrize("slug", [SCORECARD, "kramatorsk-front-seed"])
def test_every_finding_is_highlighted_and_explained_on_hover(browse, http_url: str, demo_site: DemoSite,
                                                             slug: str) -> None:
    """Every marker of the short scorecard is hovered; on the long seed, the first and last of each category."""
    page = browse.open(http_url + scorecard_path(slug))
    findings = demo_site.article(slug)["findings"]
    report = highlight_report(page)
    assert sorted(map(int, report)) == list(range(1, len(findings) + 1))
    for number, finding in enumerate(findings, 1):
        seen = report[str(number)]
        assert seen["marker"] and seen["pieces"] and seen["piecesShown"], (number, seen)
        assert seen["label"] == f"{LETTERS[finding['category']]}{number}" and seen["text"] == finding["text"]
    hovered = range(1, len(findings) + 1) if slug == SCORECARD else first_and_last_of_each_category(findings)
    for number in hovered:
        finding = findings[number - 1]
        page.mouse.move(0, 0)  # away from the last marker, whose open tip may cover this one
        page.locator(f"#f{number}").hover()
        tip = page.locator(f"#tip{number}")
        expect(tip).to_be_visible()
        text = tip.inner_text()
        assert finding["rule"] in text and finding["explanation"] in text, number


def test_keyboard_focus_shows_each_explanation_in_view(browse, http_url: str, demo_site: DemoSite) -> None:
    page = browse.open(http_url + scorecard_path(SCORECARD))
    findings = demo_site.article(SCORECARD)["findings"]
    in_text_order = page.locator(".article-text .mk").evaluate_all("marks => marks.map(m => m.id)")
    assert sorted(in_text_order) == sorted(f"f{n}" for n in range(1, len(findings) + 1))
    page.locator("#show-generalization").focus()  # the last control before the text
    for marker_id in in_text_order:
        number = int(marker_id[1:])
        page.keyboard.press("Tab")
        expect(page.locator(f"#{marker_id}")).to_be_focused()
        tip = page.locator(f"#tip{number}")
        expect(tip).to_be_visible()
        assert findings[number - 1]["rule"] in tip.inner_text()
        expect(page.locator(f"#{marker_id}")).to_be_in_viewport()
        assert covered_by(page, f"#{marker_id}") == "", f"{marker_id} is hidden behind something when focused"
        page.keyboard.press("Tab")  # the tip's own link, to the rule on the methodology page
        expect(tip.get_by_role("link")).to_be_focused()
        expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".tip:visible")).to_have_count(0)


def test_tap_opens_one_explanation_and_escape_closes_it(browse, http_url: str) -> None:
    page = browse.open(http_url + scorecard_path(SCORECARD), viewport=PHONE)
    page.locator("#f3").click()
    expect(page.locator("#tip3")).to_be_visible()
    box, width = page.locator("#tip3").bounding_box(), PHONE["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= PHONE["height"]
    assert page.url.endswith(scorecard_path(SCORECARD))  # the tap opened the tip instead of jumping to the note
    page.locator("#f4").click()
    expect(page.locator("#tip3")).to_be_hidden()
    expect(page.locator("#tip4")).to_be_visible()
    page.locator("#text-title").click()
    expect(page.locator(".tip:visible")).to_have_count(0)
    page.locator("#f4").click()
    page.keyboard.press("Escape")
    expect(page.locator(".tip:visible")).to_have_count(0)


def decoration(page, category: str) -> str:
    """How the first highlight of that category alone is drawn: its lines and their colours."""
    return page.evaluate("""category => {
        const el = [...document.querySelectorAll('.article-text .hl-' + category)].find(e => e.classList.length === 2);
        const s = getComputedStyle(el);
        return [s.textDecorationLine, s.borderBottomColor, s.borderTopColor, s.backgroundColor].join(' ');
    }""", category)


def test_category_toggles_hide_and_show_highlights(browse, http_url: str, demo_site: DemoSite) -> None:
    page = browse.open(http_url + scorecard_path(SCORECARD))
    findings = demo_site.article(SCORECARD)["findings"]
    counts = {c: sum(f["category"] == c for f in findings) for c in CATEGORIES}
    assert all(counts.values())
    for category in CATEGORIES:
        markers = page.locator(f".article-text .fn-{category} .mk")
        drawn = decoration(page, category)
        toggle = page.locator(f"#show-{category}")
        toggle.focus()
        page.keyboard.press("Space")
        expect(toggle).not_to_be_checked()
        expect(markers.filter(visible=True)).to_have_count(0)
        assert decoration(page, category) != drawn
        for other in CATEGORIES:
            if other != category:
                expect(page.locator(f".article-text .fn-{other} .mk").filter(visible=True)).to_have_count(counts[other])
        page.locator("label.toggle").filter(has=toggle).click()  # the label works too
        expect(toggle).to_be_checked()
        expect(markers.filter(visible=True)).to_have_count(counts[category])
        assert decoration(page, category) == drawn


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_links_from_the_findings_list_scroll_to_the_highlight(browse, http_url: str, demo_site: DemoSite,
                                                              viewport: str) -> None:
    page = browse.open(http_url + scorecard_path(SCORECARD), viewport=PHONE if viewport == "phone" else DESKTOP)
    findings = demo_site.article(SCORECARD)["findings"]
    numbers = {c: [n for n, f in enumerate(findings, 1) if f["category"] == c] for c in CATEGORIES}
    for ns in numbers.values():
        for number in (ns[0], ns[len(ns) // 2], ns[-1]):
            page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
            page.locator(f"#n{number} .note-ref").click()
            marker = page.locator(f"#f{number}")
            expect(marker).to_be_in_viewport()
            assert page.url.endswith(f"#f{number}")
            assert covered_by(page, f"#f{number}") == "", f"f{number} is under something after the jump"
    hedge = numbers["hedge"][-1]
    page.locator("#show-hedge").uncheck()  # a hidden category comes back when a reader follows a link to it
    page.locator(f"#n{hedge} .note-ref").click()
    expect(page.locator("#show-hedge")).to_be_checked()
    expect(page.locator(f"#f{hedge}")).to_be_in_viewport()
    first_source = page.locator(".sources tbody tr").first.get_by_role("link").first
    target = first_source.get_attribute("href")
    first_source.click()
    expect(page.locator(target)).to_be_in_viewport()
