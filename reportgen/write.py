"""Write a rendered site: one guarded join, a temporary sibling folder, an atomic swap.

The site is built into ``.<name>.reportgen-tmp-*`` beside the output folder and renamed into
place only when every file is written, so a failed or interrupted build leaves the previous
site untouched and no half-written one anywhere. (``serve`` instead updates the site it serves
in place, one whole file at a time: ``Publisher``.)

A build holds a lock on its staging folder while it runs, and swaps under a lock on the parent
folder. So the next build can tell what a killed build left behind (a staging folder nobody
holds, a retired site) and clean it up, and put the old site back if a build died between the
two renames of a swap, without ever touching the folders of a build still running. (The locks
are POSIX ``flock``; elsewhere leftovers stay for the user to delete.)
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from reportgen.errors import ReportgenError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

MARKER = ".reportgen-site"
STAGING = ".reportgen-tmp-"  # .<output name><STAGING>*: a site being written
RETIRED = ".reportgen-old-"  # .<output name><RETIRED>*: the previous site, during a swap
MARKER_TEXT = "This folder is written by `reportgen build` and replaced on every build.\n"


class UnsafeOutputError(ReportgenError):
    """An output folder that must not be replaced, or a path that would leave it."""


class GuardedFolder:
    """An output folder that refuses paths leaving it and a second write to the same path.

    Paths are strings: a build writes or links thousands of files, and ``pathlib`` cost more
    than the system calls.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: set[str] = set()
        self.folders: set[str] = set()  # created already: thousands of files share a few folders

    def join(self, relative: str) -> str:
        """The file path for a site-relative POSIX path; refuses escapes and repeats."""
        path = self.path(relative)
        clean = posixpath.normpath(relative).casefold()
        if clean in self.written:
            raise UnsafeOutputError(f"{relative}: written twice in one build (two pages share this path)")
        self.written.add(clean)
        return path

    def path(self, relative: str) -> str:
        """The file path for a site-relative POSIX path; refuses escapes."""
        clean = posixpath.normpath(relative)
        if (not relative or relative.startswith("/") or "\\" in relative or "\0" in relative
                or clean != relative.rstrip("/") or clean.startswith("..") or clean == "."):
            raise UnsafeOutputError(f"{relative!r}: not a plain path inside the output folder")
        return os.path.join(self.root, *clean.split("/"))

    def write(self, relative: str, data: bytes) -> None:
        """Write one file at a site-relative path."""
        path = self.join(relative)
        self.make_parent(path)
        with open(path, "wb") as file:
            file.write(data)

    def make_parent(self, path: str) -> None:
        """Create the folder a file goes in (once per folder)."""
        parent = os.path.dirname(path)
        if parent not in self.folders:
            os.makedirs(parent, exist_ok=True)
            self.folders.add(parent)


def check_output_folder(output: Path, content: Path, project: Path) -> None:
    """Refuse an output folder whose replacement would destroy sources or more than a site."""
    out = output.resolve()
    shown = str(output)
    if out == Path(out.anchor):
        raise UnsafeOutputError(f"{shown}: refusing to use the filesystem root as the output folder")
    if out == project.resolve():
        raise UnsafeOutputError(f"{shown}: refusing to replace the project folder itself; use e.g. --output site")
    if out in project.resolve().parents:
        raise UnsafeOutputError(f"{shown}: refusing to replace a folder that contains the project")
    source = content.resolve()
    if out == source or out in source.parents:
        raise UnsafeOutputError(f"{shown}: refusing to replace the content folder or a folder containing it")
    if out.exists() and not out.is_dir():
        raise UnsafeOutputError(f"{shown}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UnsafeOutputError(
            f"{shown}: exists and was not written by reportgen build (no {MARKER} file); "
            "move it away or choose another --output"
        )


def write_site(files: Mapping[str, bytes], output: Path) -> None:
    """Write every file into a temporary sibling of output, then swap it into place."""
    with Staging(output) as staging:
        for relative in sorted(files):
            staging.write(relative, files[relative])


class Staging:
    """A new site written beside the old one: swapped in when the ``with`` block ends, removed on error.

    The marker file holds the build's manifest (what each page was made from), so the next build
    can tell which of this site's files it may keep.
    """

    def __init__(self, output: Path) -> None:
        self.output = Path(os.path.abspath(output))
        self.manifest: dict[str, Any] = {}
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.output.name}{STAGING}", dir=self.output.parent))
        self.lock = _try_lock(self.root)  # held until the build ends: this folder is in use
        self.folder = GuardedFolder(self.root)
        sweep_leftovers(self.output)

    def __enter__(self) -> "Staging":
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        try:
            if kind is not None:
                shutil.rmtree(self.root, ignore_errors=True)
                return
            try:
                self.write(MARKER, marker(self.manifest))
                self.root.chmod(0o755)  # mkdtemp makes it private; a published site must be readable
                swap_in(self.root, self.output)
            except BaseException:
                shutil.rmtree(self.root, ignore_errors=True)
                raise
        finally:
            if self.lock is not None:
                os.close(self.lock)

    def write(self, relative: str, data: bytes) -> None:
        """Write one file at a site-relative path."""
        self.folder.write(relative, data)

    def write_chunks(self, relative: str, chunks: Iterable[bytes]) -> None:
        """Write a file at a site-relative path from pieces, never holding all of it."""
        path = self.folder.join(relative)
        self.folder.make_parent(path)
        with open(path, "wb") as file:
            for chunk in chunks:
                file.write(chunk)

    def keep(self, *relatives: str) -> bool:
        """Take files over from the current site unchanged (hard links when possible); False if any is gone."""
        old = [os.path.join(self.output, *relative.split("/")) for relative in relatives]
        if not all(os.path.isfile(path) for path in old):
            return False
        for relative, path in zip(relatives, old):
            new = self.folder.join(relative)
            self.folder.make_parent(new)
            try:
                os.link(path, new)
            except OSError:
                shutil.copyfile(path, new)
        return True


class Publisher:
    """A served site updated in place, each file whole: written in a scratch folder, then renamed over the old one.

    Whoever reads the site sees each file either as it was or as it is now, never half written.
    The scratch folder must be on the site's file system (renames do not cross file systems).
    """

    def __init__(self, root: Path, scratch: Path) -> None:
        self.root = root
        self.scratch = scratch
        self.folder = GuardedFolder(root)  # refuses paths leaving the site, and a second write of one in a rebuild
        self.count = 0

    def write(self, relative: str, data: bytes) -> None:
        """Replace (or add) the file at a site-relative path."""
        self.write_chunks(relative, (data,))

    def write_chunks(self, relative: str, chunks: Iterable[bytes]) -> None:
        """Replace (or add) a file from pieces, never holding all of it."""
        self.count += 1
        temporary = os.path.join(self.scratch, f"publish-{self.count}")
        with open(temporary, "wb") as file:
            for chunk in chunks:
                file.write(chunk)
        self.move_in(relative, temporary)

    def move_in(self, relative: str, source: str | Path) -> None:
        """Move a finished file (from the scratch folder) to a site-relative path, replacing what was there."""
        target = self.folder.join(relative)
        self.folder.make_parent(target)
        os.replace(source, target)

    def remove(self, relative: str) -> None:
        """Delete the file at a site-relative path, if it is there."""
        try:
            os.remove(self.folder.path(relative))
        except FileNotFoundError:
            pass


def marker(manifest: Mapping[str, Any]) -> bytes:
    """The marker file of a site: what it is, and its build's manifest."""
    return (MARKER_TEXT + json.dumps(manifest, sort_keys=True) + "\n").encode()


def read_manifest(output: Path) -> dict[str, Any]:
    """The manifest of the site in output, as its build wrote it ({} when there is none)."""
    try:
        text = (output / MARKER).read_text(encoding="utf-8")
        found = json.loads(text[len(MARKER_TEXT):]) if text.startswith(MARKER_TEXT) else {}
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def swap_in(staging: Path, output: Path) -> None:
    """Replace output by staging with renames; the old site is restored if the swap fails."""
    with _locked(output.parent):
        if not output.exists():
            staging.rename(output)
            return
        retired = Path(tempfile.mkdtemp(prefix=f".{output.name}{RETIRED}", dir=output.parent))
        retired.rmdir()
        output.rename(retired)
        try:
            staging.rename(output)
        except BaseException:
            retired.rename(output)
            raise
    shutil.rmtree(retired, ignore_errors=True)


def sweep_leftovers(output: Path) -> None:
    """Remove what killed builds left beside output, and restore the site if one died mid-swap."""
    with _locked(output.parent):  # no swap is half done while we look
        for path in sorted(output.parent.iterdir()):
            if path.name.startswith(f".{output.name}{STAGING}"):
                lock = _try_lock(path)
                if lock is not None:  # nobody is writing it: its build is gone
                    shutil.rmtree(path, ignore_errors=True)
                    os.close(lock)
            elif path.name.startswith(f".{output.name}{RETIRED}") and fcntl is not None:
                if not output.exists():
                    path.rename(output)  # the build died between its two renames: the old site comes back
                else:
                    shutil.rmtree(path, ignore_errors=True)


def _try_lock(folder: Path, wait: bool = False) -> int | None:
    """An exclusive lock on a folder, held through its open descriptor (close it to release).

    None if another process holds it and wait is false, or on systems without ``flock``.
    """
    if fcntl is None:
        return None
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        os.close(descriptor)
        if wait:
            raise
        return None
    return descriptor


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a folder, waiting for it (nothing on systems without ``flock``)."""
    descriptor = _try_lock(folder, wait=True)
    try:
        yield
    finally:
        if descriptor is not None:
            os.close(descriptor)
