"""Shared by the browser tests: where things are, how Chromium is started, and small page helpers."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or, in CI, fails) every test that would need it
    expect = None

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output"
SCREENSHOTS = OUTPUT / "screenshots"
PRINTS = OUTPUT / "print"

CHROMIUM = "/usr/bin/chromium"  # Debian's package; never a browser downloaded by a tool
CHROMIUM_VARIABLE = "REPORTGEN_CHROMIUM"  # another Chromium executable to use instead
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
ACTION_MS = 5_000  # Playwright waits this long for an element before failing an action
TEST_SECONDS = 45  # per-test limit (pytest-timeout)
SCORECARD = "harlow-bridge-4-thin"  # fictional, short, and has findings of every category


def in_ci() -> bool:
    """Whether this run is CI's, where a browser test may never be skipped."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> None:
    """Skip the browser tests on a developer's machine; fail them loudly in CI."""
    if in_ci():
        pytest.fail(f"{reason}; CI must run the browser tests (see .ci/run)", pytrace=False)
    pytest.skip(f"{reason}; install with: pip install -e '.[test,e2e]' and apt-get install chromium poppler-utils")


@dataclass(frozen=True)
class DemoSite:
    """The built demo site: its folder and the data every page was made from."""

    root: Path
    articles: tuple[dict[str, Any], ...]

    def article(self, slug: str) -> dict[str, Any]:
        """One article of ``data/articles.json`` by slug."""
        return next(a for a in self.articles if a["slug"] == slug)


def save_path(folder: Path, name: str) -> Path:
    """A file in test-output/, its folder made if needed."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name



def scorecard_path(slug: str) -> str:
    """A scorecard's site-relative path."""
    return f"articles/{slug}.html"


def visible_row_slugs(page: Any) -> list[str]:
    """The slugs of the index rows a reader sees, top to bottom."""
    return page.locator("#articles tbody tr:visible td:first-child a").evaluate_all(
        "links => links.map(a => a.getAttribute('href').replace(/^articles\\//, '').replace(/\\.html$/, ''))")


def scroll_widths(page: Any) -> tuple[int, int]:
    """The page's scroll width and client width (equal when nothing sticks out sideways)."""
    return tuple(page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"))


def covered_by(page: Any, selector: str) -> str:
    """What sits on top at the centre of an element: '' if the element itself (or its child) does."""
    return page.evaluate("""selector => {
        const el = document.querySelector(selector);
        const box = el.getBoundingClientRect();
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return top && (el === top || el.contains(top)) ? '' : (top ? top.outerHTML.slice(0, 120) : 'nothing');
    }""", selector)
