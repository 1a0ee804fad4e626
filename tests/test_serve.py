"""`reportgen serve`: serves the built site on 127.0.0.1, rebuilds on change, pages reload."""

from __future__ import annotations

import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import serve as serve_module
from reportgen.build import BuildOptions
from reportgen.cli import main
from reportgen.inotify import Wakeup
from reportgen.serve import serve, snapshot

ARTICLE = "---\ntitle: First title\n---\n\nOfficials said the bridge may close.\n"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local test server)
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_serve_builds_serves_and_rebuilds_on_change(project, monkeypatch) -> None:
    root = project({"content/a.md": ARTICLE})
    monkeypatch.chdir(root)
    monkeypatch.setattr(serve_module, "POLL_SECONDS", 0.05)
    urls: list[str] = []
    stop = threading.Event()
    logs: list[str] = []
    thread = threading.Thread(target=serve, args=(BuildOptions(jobs=1),),
                              kwargs={"port": 0, "log": logs.append, "ready": urls.append, "stop": stop}, daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: bool(urls)), logs
        base = urls[0]
        assert base.startswith("http://127.0.0.1:")
        page = fetch(base + "articles/a.html")
        assert "First title" in page and 'src="../static/reload.js"' in page
        assert "__reportgen_version" in fetch(base + "static/reload.js")
        with pytest.raises(urllib.error.HTTPError) as missing:
            fetch(base + "articles/not-yet.html")
        assert missing.value.code == 404 and '<script src="/static/reload.js"' in missing.value.read().decode()
        assert fetch(base + "__reportgen_version") == fetch(base + "__reportgen_version?t=1") == "1"
        time.sleep(0.05)  # a distinct modification time on coarse file systems
        (root / "content" / "a.md").write_text(ARTICLE.replace("First", "Second"))
        assert wait_for(lambda: fetch(base + "__reportgen_version") == "2"), logs
        assert "Second title" in fetch(base + "articles/a.html")
        (root / "reportgen.toml").write_text("[site]\ncolour = 'red'\n")  # first: serve may rebuild between saves
        (root / "content" / "a.md").write_text("---\ntitle: [broken\n---\n\nText.\n")
        assert wait_for(lambda: any(line.startswith("error: site.colour") for line in logs)), logs
        assert fetch(base + "__reportgen_version") == "2" and "Second title" in fetch(base + "articles/a.html")
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert not (root / "site").exists()  # serve builds into a temporary folder, not the project's site/


def test_serve_refuses_to_start_when_the_first_build_fails(project, monkeypatch) -> None:
    monkeypatch.chdir(project({"notes.txt": "no content folder"}))
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 2 and "content folder not found" in result.stderr


def test_snapshot_sees_new_changed_and_deleted_files(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("one")
    first = snapshot([tmp_path, tmp_path / "missing.toml"])
    (tmp_path / "a.md").write_text("three")
    second = snapshot([tmp_path])
    (tmp_path / "b.md").write_text("new")
    third = snapshot([tmp_path])
    assert first != second != third and len(third) == 2
    (tmp_path / "a.md").unlink()
    assert len(snapshot([tmp_path])) == 1


def test_serve_command_defaults(monkeypatch) -> None:
    seen: list[tuple[BuildOptions, int]] = []
    monkeypatch.setattr("reportgen.serve.serve", lambda options, port, log: seen.append((options, port)))
    assert CliRunner().invoke(main, ["serve"]).exit_code == 0
    assert seen[0] == (BuildOptions(content=Path("content"), config=None, jobs=None), 8000)
    CliRunner().invoke(main, ["serve", "--port", "9001", "--content", "texts"])
    assert seen[1][1] == 9001 and seen[1][0].content == Path("texts")
    assert CliRunner().invoke(main, ["serve", "--port", "70000"]).exit_code == 2



def test_a_page_asking_after_a_version_is_answered_at_the_next_rebuild(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "index.html").write_text("hello")
    state = serve_module.SiteState()
    state.bump()
    server = serve_module.start_server(tmp_path, 0, state)
    base = f"http://127.0.0.1:{server.server_address[1]}/__reportgen_version"
    try:
        assert fetch(base + "?after=7") == "1"  # already different: at once
        answers: list[str] = []
        waiting = threading.Thread(target=lambda: answers.append(fetch(base + "?after=1")))
        waiting.start()
        time.sleep(0.3)
        assert answers == []  # held until the next rebuild
        state.bump()
        waiting.join(timeout=5)
        assert answers == ["2"]
        monkeypatch.setattr(serve_module, "WAIT_SECONDS", 0.1)
        assert fetch(base + "?after=2") == "2"  # no rebuild: answered unchanged after the wait
    finally:
        server.shutdown()
        server.server_close()


def test_settle_waits_for_the_answered_pages_to_ask_again(tmp_path: Path) -> None:
    state = serve_module.SiteState()
    state.settle(5)  # nobody was answered: at once
    waiting = threading.Thread(target=state.wait_after, args=(0, 5))
    waiting.start()
    assert wait_for(lambda: state.waiting == 1)
    state.bump()
    waiting.join(timeout=5)
    settled: list[float] = []
    settling = threading.Thread(target=lambda: (state.settle(5), settled.append(time.monotonic())))
    settling.start()
    time.sleep(0.3)
    assert settled == []  # the answered page has not asked again yet
    asked = time.monotonic()
    again = threading.Thread(target=state.wait_after, args=(1, 0.1))  # the reloaded page asks
    again.start()
    settling.join(timeout=5)
    again.join(timeout=5)
    assert settled and settled[0] >= asked
    state.bump()
    started = time.monotonic()
    state.settle(0.2)  # the page that was answered went away: the wait ends anyway
    assert time.monotonic() - started < 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_a_save_wakes_the_watcher_before_the_poll(tmp_path: Path) -> None:
    with Wakeup() as wakeup:
        assert wakeup.fd is not None
        wakeup.watch([str(tmp_path)])
        started = time.monotonic()
        threading.Timer(0.2, lambda: (tmp_path / "a.md").write_text("saved")).start()
        wakeup.wait(30)
        assert 0.15 < time.monotonic() - started < 10
        started = time.monotonic()
        wakeup.wait(0.2)  # the events were read: nothing new, so the whole timeout
        assert time.monotonic() - started >= 0.19
