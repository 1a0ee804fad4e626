"""``reportgen serve``: build into a temporary folder, serve it on 127.0.0.1, rebuild on change.

Pages built for serve include ``static/reload.js``, which asks ``/__reportgen_version?after=N``
and reloads when the number changes; the server holds that request until a rebuild has put the
changed pages in place (or a timeout), so the page reloads at once. The site is updated in place,
one whole file at a time, by a long-lived ``LiveSite`` (``reportgen.live``). The version does not
change when the config is broken, nor when an edit only breaks articles: the last good pages stay
on screen while the error or warning is printed. A page that is not in the site (an article that
does not load) is answered with one that reloads when the site changes.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import tempfile
import threading
from dataclasses import replace
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs
from typing import Any, Callable, Iterable

from reportgen.build import BuildOptions, Log
from reportgen.errors import ReportgenError
from reportgen.inotify import Wakeup
from reportgen.live import Interrupted, LiveSite
from reportgen.theme import theme_dir

VERSION_PATH = "/__reportgen_version"
POLL_SECONDS = 0.1  # how often the files are checked for changes (a stat of each) when no wake-up came first
WAIT_SECONDS = 20.0  # how long a page's version request is held before it is answered unchanged
SETTLE_SECONDS = 1.0  # how long a rebuild leaves the processor to the pages it reloaded before it goes on

Snapshot = dict[str, tuple[int, int]]
ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>%(code)d %(message)s</title>
<script src="/static/reload.js" defer></script></head>
<body><h1>%(code)d %(message)s</h1><p>%(explain)s</p>
<p>reportgen serve: if this is an article you are editing, the terminal says what is wrong with it.
This page reloads when the site is rebuilt.</p></body></html>
"""


class SiteState:
    """The build counter the pages ask for; bumped when a rebuild has put changed pages in place."""

    def __init__(self) -> None:
        self.version = 0
        self.waiting = 0  # pages holding a request for the next version
        self.asked = 0  # such requests so far
        self.expected = 0  # the count of requests once every page the last bump answered has reloaded
        self.changed = threading.Condition()

    def bump(self) -> None:
        """Mark new pages in place, and answer every page waiting for them."""
        with self.changed:
            self.version += 1
            self.expected = self.asked + self.waiting
            self.changed.notify_all()

    def wait_after(self, version: int, timeout: float) -> int:
        """The version, once it differs from the given one (or the timeout passed)."""
        with self.changed:
            self.asked += 1
            self.waiting += 1
            self.changed.notify_all()
            try:
                self.changed.wait_for(lambda: self.version != version, timeout)
                return self.version
            finally:
                self.waiting -= 1

    def settle(self, timeout: float) -> None:
        """Wait until the pages the last bump answered have reloaded and asked again (or the timeout passed)."""
        with self.changed:
            self.changed.wait_for(lambda: self.asked >= self.expected, timeout)


class Handler(SimpleHTTPRequestHandler):
    """Static files from the site folder, plus the version endpoint; quiet logging."""

    state: SiteState
    error_message_format = ERROR_PAGE  # a page that is not (or no longer) there comes back by itself

    def __init__(self, *args: Any, state: SiteState, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        """Answer the version endpoint, or serve a file."""
        path, _, query = self.path.partition("?")
        if path != VERSION_PATH:
            super().do_GET()
            return
        after = parse_qs(query).get("after", [""])[0]
        version = self.state.wait_after(int(after), WAIT_SECONDS) if after.isdigit() else self.state.version
        body = str(version).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        """Never let the browser cache a page that is about to be rebuilt."""
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server signature)
        """Stay quiet: requests are not interesting while editing."""


def start_server(site: Path, port: int, state: SiteState) -> ThreadingHTTPServer:
    """A threaded HTTP server on 127.0.0.1 serving the site folder, running in a daemon thread."""
    handler = functools.partial(Handler, directory=str(site), state=state)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, name="reportgen-serve", daemon=True).start()
    return server


def watched_paths(options: BuildOptions) -> list[Path]:
    """What a rebuild depends on: content, config, the project's templates and the theme."""
    project = options.config.parent if options.config is not None else Path.cwd()
    config = options.config if options.config is not None else Path("reportgen.toml")
    return [options.content, config, project / "templates", theme_dir()]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Size and modification time of every file under the paths (missing paths count as empty)."""
    seen: Snapshot = {}
    for root in paths:
        if root.is_file():
            stat = root.stat()
            seen[str(root)] = (stat.st_mtime_ns, stat.st_size)
        elif root.is_dir():
            _scan(str(root), seen)
    return seen


def _scan(folder: str, seen: Snapshot) -> None:
    # os.scandir rather than Path.rglob: this runs every POLL_SECONDS over thousands of files.
    try:
        entries = list(os.scandir(folder))
    except OSError:  # deleted while we looked: the next poll sees it gone
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                _scan(entry.path, seen)
            elif entry.is_file():
                stat = entry.stat()
                seen[entry.path] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            continue


def announce(state: SiteState) -> None:
    """Answer the waiting pages; then let them reload before the rest of the rebuild competes for the processor."""
    state.bump()
    state.settle(SETTLE_SECONDS)


def rebuild(site: LiveSite, state: SiteState, log: Log, interrupted: Interrupted = lambda: False) -> bool:
    """Bring the site up to date, bumping the version when pages changed; on a user error print it, keep the site."""
    try:
        result = site.rebuild(log, announce=lambda: announce(state), interrupted=interrupted)
    except ReportgenError as exc:
        log(f"error: {exc.format_message()}")
        return False
    if result is not None:  # else a newer change interrupted it: the next rebuild goes on
        log(result.summary())
    return True


def watch(site: LiveSite, state: SiteState, log: Log, stop: threading.Event) -> None:
    """Watch the files until stop is set; rebuild whenever any of them changes."""
    paths = watched_paths(site.options)
    last = snapshot(paths)
    with Wakeup() as wakeup:
        wakeup.watch(folders(paths, last))
        while not stop.is_set():
            wakeup.wait(POLL_SECONDS)  # at once when a file is saved (where the system says so), else one poll
            current = snapshot(paths)
            if current != last and not stop.is_set():
                last = current
                wakeup.watch(folders(paths, current))
                log("change detected, rebuilding…")
                rebuild(site, state, log, lambda: stop.is_set() or snapshot(paths) != current)


def folders(paths: Iterable[Path], seen: Snapshot) -> set[str]:
    """The folders to watch for the paths: the folder of every file seen, the watched folders, a file's folder."""
    found = {os.path.dirname(path) for path in seen}
    for root in paths:
        found.add(str(root if root.is_dir() else root.parent))
    return found


def _stop_on_sigterm(stop: threading.Event) -> None:
    """Let ``kill`` end serve as cleanly as Ctrl-C (only the main thread may set handlers)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())


def serve(options: BuildOptions, port: int = 8000, log: Log = print,
          ready: Callable[[str], None] | None = None, stop: threading.Event | None = None) -> None:
    """Build, serve on 127.0.0.1 and rebuild on change until interrupted (or stop is set)."""
    workdir = Path(tempfile.mkdtemp(prefix="reportgen-serve-"))
    options = replace(options, output=workdir / "site", live_reload=True)
    state = SiteState()
    stop = stop or threading.Event()
    _stop_on_sigterm(stop)
    site = LiveSite(options)
    try:
        if not rebuild(site, state, log):
            raise ReportgenError("the first build failed; fix the error above and run serve again")
        server = start_server(options.output, port, state)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        log(f"serving {url} (Ctrl-C to stop)")
        if ready is not None:
            ready(url)
        site.warm_up()
        try:
            watch(site, state, log, stop)
        except KeyboardInterrupt:
            log("stopped")
        finally:
            server.shutdown()
            server.server_close()
    finally:
        site.close()
        shutil.rmtree(workdir, ignore_errors=True)
