"""Never lose the last good site: `reportgen build` killed mid-build, and two builds at once.

The builds run as subprocesses on a corpus big enough (200 articles) that a build takes a few
seconds: one is killed (SIGKILL, no chance to clean up) while it analyses, one while it writes
its staging folder. The previous site must stay byte for byte, and the next build must give
the same site as a clean one. Two builds started together into the same output must leave one
complete site.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hostile import all_bytes, leftovers, run_reportgen

MARKER = ".reportgen-site"  # the manifest differs between a cached and a clean build; the pages may not
WORDS = ("officials said the bridge may close according to analysts suggest council mayor Ana Ortiz repairs "
         "could cost approximately million many observers believe residents").split()


def write_corpus(content: Path, edition: str, count: int = 200) -> None:
    """count articles of four paragraphs, different for each edition."""
    rng = random.Random(edition)
    content.mkdir(exist_ok=True)
    for number in range(count):
        paragraphs = [". ".join(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() for _ in range(5)) + "."
                      for _ in range(4)]
        (content / f"story-{number:03d}.md").write_text(
            f"---\ntitle: Story {number} ({edition})\n---\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def start_build(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "reportgen", "build", "--jobs", "1"], cwd=root, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill_when(process: subprocess.Popen[str], ready, what: str) -> None:
    """SIGKILL the build as soon as ready() is true; fail if it finished first."""
    deadline = time.monotonic() + 60
    while not ready():
        assert process.poll() is None, f"the build finished before {what}: make the corpus bigger"
        assert time.monotonic() < deadline, f"no {what} within 60 s"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def pages(site: Path) -> dict[str, bytes]:
    return {path: data for path, data in all_bytes(site).items() if path != MARKER}


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A site, two builds of a new edition killed mid-way, then a build to the end; what each step left."""
    root = tmp_path_factory.mktemp("killed")
    write_corpus(root / "content", "first")
    assert run_reportgen(root, "build", "--jobs", "1").returncode == 0
    record: dict[str, object] = {"before": all_bytes(root / "site")}
    write_corpus(root / "content", "second")

    build = start_build(root)
    assert build.stderr is not None
    kill_when(build, lambda: "analyzed" in build.stderr.readline(), "progress line")
    record["after analysing kill"] = all_bytes(root / "site")

    build = start_build(root)
    staging = lambda: [p for p in root.glob(".site.reportgen-tmp-*") if (p / "data").is_dir()]  # noqa: E731
    kill_when(build, lambda: bool(staging()) and len(list(staging()[0].joinpath("articles").glob("*"))) > 20,
              "staging folder with pages")
    record["after writing kill"] = all_bytes(root / "site")
    record["left by the kills"] = leftovers(root)

    finished = run_reportgen(root, "build", "--jobs", "1")
    record["next build"] = (finished.returncode, finished.stderr)
    record["after next build"] = pages(root / "site")
    record["left after next build"] = leftovers(root)
    assert run_reportgen(root, "build", "--jobs", "1", "--no-cache", "--output", "reference").returncode == 0
    record["reference"] = pages(root / "reference")
    return record


def test_a_killed_build_leaves_the_previous_site_byte_identical(killed) -> None:
    assert killed["after analysing kill"] == killed["before"]
    assert killed["after writing kill"] == killed["before"]
    assert killed["left by the kills"], "the kill came too late to test an interrupted write"


def test_the_next_build_after_a_kill_is_complete_and_right(killed) -> None:
    code, err = killed["next build"]
    assert code == 0 and "Traceback" not in err, err
    assert killed["after next build"] == killed["reference"]
    assert b"Story 7 (second)" in killed["after next build"]["articles/story-007.html"]


def test_the_next_build_removes_the_staging_folders_of_killed_builds(killed) -> None:
    assert killed["left after next build"] == []


def test_two_builds_at_once_leave_one_complete_site(tmp_path: Path) -> None:
    for edition in ("first", "second"):  # into no site, then over one
        write_corpus(tmp_path / "content", edition, count=60)
        builds = [start_build(tmp_path) for _ in range(2)]
        results = [(build.wait(timeout=120), build.stderr.read()) for build in builds]  # type: ignore[union-attr]
        for code, err in results:
            assert "Traceback" not in err, err
            assert code == 0 or err.strip().splitlines()[-1].startswith("Error: "), err
        assert any(code == 0 for code, _ in results), results
        assert run_reportgen(tmp_path, "build", "--jobs", "1", "--no-cache", "--output", "reference").returncode == 0
        assert pages(tmp_path / "site") == pages(tmp_path / "reference")
        assert leftovers(tmp_path) == []
