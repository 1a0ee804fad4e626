"""The output folder is a guarded place: no escapes, no double writes, an atomic swap, safe targets."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

from reportgen.write import MARKER, GuardedFolder, Publisher, UnsafeOutputError, check_output_folder, write_site


def leftovers(parent: Path) -> list[str]:
    """Temporary folders a build left beside its output."""
    return sorted(p.name for p in parent.iterdir() if ".reportgen-" in p.name)


@pytest.mark.parametrize("bad", ["../x.html", "/etc/passwd", "a/../../b", "a//b", "./a", "", ".", "a\\b", "a/\0"])
def test_join_refuses_paths_leaving_the_folder(tmp_path: Path, bad: str) -> None:
    with pytest.raises(UnsafeOutputError):
        GuardedFolder(tmp_path).join(bad)


def test_join_refuses_a_second_write_to_the_same_path(tmp_path: Path) -> None:
    folder = GuardedFolder(tmp_path)
    assert folder.join("articles/a.html") == str(tmp_path / "articles" / "a.html")
    with pytest.raises(UnsafeOutputError, match="written twice"):
        folder.join("articles/a.html")
    with pytest.raises(UnsafeOutputError, match="written twice"):  # same file on a case-insensitive disk
        folder.join("Articles/A.html")


def test_write_site_replaces_the_whole_folder(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"one", "old.html": b"gone soon"}, out)
    write_site({"index.html": b"two", "data/a.json": b"{}"}, out)
    assert (out / "index.html").read_bytes() == b"two"
    assert not (out / "old.html").exists()
    assert (out / MARKER).is_file()
    assert leftovers(tmp_path) == []
    assert oct(out.stat().st_mode & 0o777) == oct(0o755)


def test_failure_while_writing_keeps_the_old_site_and_no_temp_folder(tmp_path: Path, fail_write_number) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    calls = fail_write_number(2)
    with pytest.raises(OSError, match="disk full"):
        write_site({"a.html": b"new", "b.html": b"new", "index.html": b"new"}, out)
    assert calls == ["a.html", "b.html"]  # the second file failed
    assert (out / "index.html").read_bytes() == b"old"
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.html"]
    assert leftovers(tmp_path) == []


def test_interrupted_swap_restores_the_old_site(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if Path(target) == out and ".reportgen-tmp-" in self.name:
            raise KeyboardInterrupt
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        write_site({"index.html": b"new"}, out)
    assert (out / "index.html").read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_duplicate_paths_in_one_site_fail_before_anything_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_site({"index.html": b"old"}, out)
    with pytest.raises(UnsafeOutputError):
        write_site({"a.html": b"x", "A.html": b"y"}, out)
    assert (out / "index.html").read_bytes() == b"old"


@pytest.fixture
def layout(tmp_path: Path, monkeypatch) -> Path:
    """A project folder (the cwd) with content/ inside."""
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    monkeypatch.chdir(project)
    return project


@pytest.mark.parametrize("output, message", [
    ("/", "filesystem root"),
    (".", "project folder"),
    ("..", "contains the project"),
    ("content", "content folder"),
])
def test_unsafe_output_folders_are_refused(layout: Path, output: str, message: str) -> None:
    with pytest.raises(UnsafeOutputError, match=message):
        check_output_folder(Path(output), Path("content"), Path.cwd())


def test_a_folder_containing_the_content_is_refused(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "texts" / "content").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "work").mkdir()
    with pytest.raises(UnsafeOutputError, match="content folder"):
        check_output_folder(Path("texts"), Path("texts/content"), tmp_path / "work")


def test_a_foreign_folder_or_a_file_is_refused(layout: Path) -> None:
    (layout / "docs").mkdir()
    (layout / "docs" / "notes.txt").write_text("mine")
    with pytest.raises(UnsafeOutputError, match="not written by reportgen"):
        check_output_folder(Path("docs"), Path("content"), layout)
    (layout / "file").write_text("x")
    with pytest.raises(UnsafeOutputError, match="not a folder"):
        check_output_folder(Path("file"), Path("content"), layout)


def test_safe_output_folders_are_accepted(layout: Path) -> None:
    check_output_folder(Path("site"), Path("content"), layout)  # new
    (layout / "empty").mkdir()
    check_output_folder(Path("empty"), Path("content"), layout)
    write_site({"index.html": b"x"}, layout / "built")
    check_output_folder(Path("built"), Path("content"), layout)  # ours, with the marker


def test_symlinked_output_to_the_project_is_refused(layout: Path) -> None:
    os.symlink(layout, layout / "alias")
    with pytest.raises(UnsafeOutputError):
        check_output_folder(Path("alias"), Path("content"), layout)



def test_leftovers_of_killed_builds_are_swept_but_not_a_running_builds(tmp_path: Path) -> None:
    from reportgen.write import Staging, sweep_leftovers

    out = tmp_path / "site"
    dead = tmp_path / ".site.reportgen-tmp-dead"  # a killed build's staging folder: nobody holds it
    dead.mkdir()
    (dead / "index.html").write_text("half")
    retired = tmp_path / ".site.reportgen-old-dead"  # a build killed between the two renames of its swap
    retired.mkdir()
    (retired / "index.html").write_text("the last good site")
    with Staging(out) as running:
        assert not dead.exists()
        assert (out / "index.html").read_text() == "the last good site" and not retired.exists()
        sweep_leftovers(out)  # as another build starting now would
        assert running.root.is_dir()  # held: still being written
        running.write("index.html", b"new")
    assert (out / "index.html").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_publisher_replaces_a_file_whole(tmp_path: Path) -> None:
    site, scratch = tmp_path / "site", tmp_path / "scratch"
    scratch.mkdir()
    publisher = Publisher(site, scratch)
    publisher.write("data/a.json", b"old")
    seen_mid_write: list[bytes] = []

    def chunks() -> Iterator[bytes]:
        yield b"new "
        seen_mid_write.append((site / "data" / "a.json").read_bytes())
        yield b"file"

    Publisher(site, scratch).write_chunks("data/a.json", chunks())
    assert seen_mid_write == [b"old"]  # a reader never sees half of the new file
    assert (site / "data" / "a.json").read_bytes() == b"new file"
    assert os.listdir(scratch) == []
    publisher = Publisher(site, scratch)
    publisher.remove("data/a.json")
    publisher.remove("data/never-there.json")
    assert os.listdir(site / "data") == []
    with pytest.raises(UnsafeOutputError):
        publisher.write("../outside.html", b"x")
    with pytest.raises(UnsafeOutputError):
        publisher.remove("../outside.html")
