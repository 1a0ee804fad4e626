"""Every page: loads cleanly and stays inside the site, fits a phone, and is photographed for people to see."""

from __future__ import annotations

from .support import (DESKTOP, PHONE, SCORECARD, SCREENSHOTS, DemoSite, expect, scroll_widths, save_path,
                      scorecard_path)


def site_pages(demo_site: DemoSite) -> list[str]:
    return ["index.html", "methodology.html", *(scorecard_path(a["slug"]) for a in demo_site.articles)]


def test_every_page_loads_without_errors_or_outside_requests(browse, site_url: str, demo_site: DemoSite) -> None:
    page = browse.open(site_url + "index.html")
    for path in site_pages(demo_site):
        page.goto(site_url + path)
        expect(page.locator("h1")).to_be_visible()
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")  # CSS loaded
        if path.startswith("articles/"):
            page.locator("#f1").hover()
            expect(page.locator("#tip1")).to_be_visible()
    page.goto(site_url + "index.html")
    page.locator("#articles thead button").first.click()
    page.get_by_label("Filter").fill("bridge")
    assert browse.watch.errors == []
    assert browse.watch.requests and browse.watch.outside(browse.allowed) == []
    assert any(url.endswith("/static/site.js") for url in browse.watch.requests)


def test_no_horizontal_scroll_on_a_phone(browse, http_url: str, demo_site: DemoSite) -> None:
    page = browse.open(http_url + "index.html", viewport=PHONE)
    for path in site_pages(demo_site):
        page.goto(http_url + path)
        scroll_width, client_width = scroll_widths(page)
        assert scroll_width <= client_width == PHONE["width"], path
        if path.startswith("articles/"):
            page.locator("#f1").click()  # an open explanation must fit too
            expect(page.locator("#tip1")).to_be_in_viewport(ratio=1)
            assert scroll_widths(page)[0] <= client_width, path


def test_screenshots_at_desktop_and_phone_widths(browse, http_url: str) -> None:
    """Writes test-output/screenshots/: {index,scorecard}-{desktop,phone}.png (full pages) and an open explanation."""
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = browse.open(http_url + "index.html", viewport=viewport)
        for page_name, path in (("index", "index.html"), ("scorecard", scorecard_path(SCORECARD))):
            page.goto(http_url + path)
            target = save_path(SCREENSHOTS, f"{page_name}-{name}.png")
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
        page.locator("#f3").focus()  # the article text with one explanation open, as a reader sees it
        expect(page.locator("#tip3")).to_be_visible()
        page.screenshot(path=str(save_path(SCREENSHOTS, f"scorecard-explanation-{name}.png")))
