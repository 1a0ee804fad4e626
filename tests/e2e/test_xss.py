"""The XSS site of ``tests/test_hostile_content.py`` in Chromium: no payload runs on any page.

Every payload would set ``window.__pwned``, open a dialog or request attacker.invalid. Each page is
opened from disk, the first findings' explanations are opened (hover and keyboard focus), the index is
sorted and filtered with a payload, and then nothing may have run, opened or been requested.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .support import ACTION_MS, DESKTOP

from hostile import PAYLOADS, site_data
from test_hostile_content import build_site, hostile_project


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("xss-e2e")
    hostile_project(root, PAYLOADS)
    build_site(root)
    return root / "site"


def open_page(browser: Any, url: str, seen: dict[str, list[str]]) -> Any:
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    context.set_default_timeout(ACTION_MS)
    context.on("request", lambda request: seen["requests"].append(request.url))
    page = context.new_page()
    page.on("dialog", lambda dialog: (seen["dialogs"].append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: seen["errors"].append(f"{page.url}: {error}"))
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(f"{page.url}: {message.text}"))
    page.goto(url)
    return page


def test_no_payload_runs_on_any_page(browser: Any, xss_site: Path) -> None:
    seen: dict[str, list[str]] = {"requests": [], "dialogs": [], "errors": []}
    base = xss_site.as_uri() + "/"
    slugs = [a["slug"] for a in site_data(xss_site)["articles"]]
    paths = ["index.html", "methodology.html", *(f"articles/{slug}.html" for slug in slugs)]
    page = open_page(browser, base + "index.html", seen)
    for path in paths:
        page.goto(base + path)
        markers = page.locator("a.mk")
        for number in range(min(markers.count(), 6)):
            markers.nth(number).hover(force=True)  # an open explanation may cover the next marker
            markers.nth(number).focus()
        for toggle in page.locator("input[type=checkbox]").all():
            toggle.click()
        assert page.evaluate("window.__pwned") is None, path
        assert page.evaluate("parent.__pwned") is None, path
    page.goto(base + "index.html")
    page.locator("#articles thead button").first.click()
    page.get_by_label("Filter").fill(PAYLOADS[0])
    page.get_by_label("Filter").fill(PAYLOADS[4])
    assert page.locator("#articles tbody tr:visible").count() >= 1  # the filter still works on payload text
    assert page.evaluate("window.__pwned") is None
    assert len(paths) == len(slugs) + 2 > len(PAYLOADS)  # (404.html loads the published site's assets: not from disk)
    assert seen["dialogs"] == []
    assert [url for url in seen["requests"] if not url.startswith(base)] == []
    assert seen["errors"] == []
