"""The demo site in a real browser: Debian's Chromium driven by Playwright, over http:// and file://.

The site is built once per session from the repository's ``content/`` into a temporary folder,
served on 127.0.0.1 by a threaded ``http.server`` on a free port, and opened both there and by
``file://``. Every page a test opens is watched: a console error, an uncaught exception or a
request that leaves the site fails the test at teardown.

Without Playwright or Chromium these tests skip, except in CI (``CI=true``), where they fail:
CI must run them.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from collections.abc import Iterator
from typing import Any

import pytest

from .support import (ACTION_MS, CHROMIUM, CHROMIUM_VARIABLE, DESKTOP, LAUNCH_ARGS, REPO, TEST_SECONDS, DemoSite,
                      unavailable)


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.hasplugin("timeout"):  # pytest-timeout comes with the e2e extra
        config.addinivalue_line("markers", "timeout(seconds): per-test time limit (needs pytest-timeout)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(TEST_SECONDS))


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> DemoSite:
    """``reportgen build`` of the repository's content/, once per session, into a temporary folder."""
    work = tmp_path_factory.mktemp("e2e")
    command = [sys.executable, "-m", "reportgen", "build", "--content", str(REPO / "content"),
               "--output", "site", "--jobs", "1", "--strict"]
    subprocess.run(command, cwd=work, check=True, capture_output=True, timeout=120)
    data = json.loads((work / "site" / "data" / "articles.json").read_text(encoding="utf-8"))
    return DemoSite(work / "site", tuple(data["articles"]))


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site folder without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def http_url(demo_site: DemoSite) -> Iterator[str]:
    """The site served on 127.0.0.1 at a free port, for the session; stopped at teardown."""
    handler = functools.partial(QuietHandler, directory=str(demo_site.root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def file_url(demo_site: DemoSite) -> str:
    """The site's folder as a ``file://`` URL."""
    return demo_site.root.as_uri() + "/"


@pytest.fixture(params=["http", "file"])
def site_url(request: pytest.FixtureRequest) -> str:
    """The site's base URL, once served over http and once opened from disk."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, with background networking off, for the session."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed")
    executable = os.environ.get(CHROMIUM_VARIABLE) or (CHROMIUM if os.access(CHROMIUM, os.X_OK)
                                                        else shutil.which("chromium"))
    if not executable or not os.access(executable, os.X_OK):
        unavailable(f"Chromium is not installed ({executable or CHROMIUM}; or set {CHROMIUM_VARIABLE})")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
    except Error as error:
        playwright.stop()
        unavailable(f"Chromium at {executable} did not start: {error.message.splitlines()[0]}")
    yield chromium
    chromium.close()
    playwright.stop()


@dataclass
class Watch:
    """Everything a page did that a visitor should never see: errors, and requests leaving the site."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside(self, allowed: tuple[str, ...]) -> list[str]:
        """Requested URLs that are neither the served site nor the site's folder on disk."""
        return [url for url in self.requests if not url.startswith(allowed)]


@dataclass
class Browse:
    """Opens pages in fresh browser contexts and checks, at the end of the test, what they did."""

    browser: Any
    allowed: tuple[str, ...]
    contexts: list[Any] = field(default_factory=list)
    watch: Watch = field(default_factory=Watch)

    def open(self, url: str, viewport: dict[str, int] = DESKTOP, javascript: bool = True) -> Any:
        """A new page at url, in its own context (its own hover, focus and storage), fully loaded."""
        context = self.browser.new_context(viewport=viewport, java_script_enabled=javascript,
                                           reduced_motion="reduce", service_workers="block")
        context.set_default_timeout(ACTION_MS)
        context.set_default_navigation_timeout(2 * ACTION_MS)
        self.contexts.append(context)
        context.on("request", lambda request: self.watch.requests.append(request.url))
        # Recorded above, then stopped here: a test never sends traffic anywhere but the site.
        context.route(re.compile("^(?!" + "|".join(map(re.escape, self.allowed)) + ")"), lambda route: route.abort())
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and self.watch.errors.append(
            f"console error on {page.url}: {message.text}"))
        page.on("pageerror", lambda error: self.watch.errors.append(f"uncaught exception on {page.url}: {error}"))
        page.goto(url)
        return page

    def close(self) -> None:
        """Close every context this test opened."""
        for context in self.contexts:
            context.close()


@pytest.fixture
def browse(browser: Any, http_url: str, file_url: str) -> Iterator[Browse]:
    """Opens pages for one test; fails the test if any page logged an error or left the site."""
    session = Browse(browser, (http_url, file_url))
    yield session
    session.close()
    assert session.watch.errors == [], "pages logged errors"
    assert session.watch.outside(session.allowed) == [], "pages requested URLs outside the site"
