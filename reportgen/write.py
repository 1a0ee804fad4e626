"""Write a rendered site: one guarded join, a temporary sibling folder, an atomic swap.

The site is built into ``.<name>.reportgen-tmp-*`` beside the output folder and renamed into
place only when every file is written, so a failed or interrupted build leaves the previous
site untouched and no half-written one anywhere.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
from pathlib import Path
from typing import Mapping

from reportgen.errors import ReportgenError

MARKER = ".reportgen-site"
MARKER_TEXT = "This folder is written by `reportgen build` and replaced on every build.\n"


class UnsafeOutputError(ReportgenError):
    """An output folder that must not be replaced, or a path that would leave it."""


class GuardedFolder:
    """An output folder that refuses paths leaving it and a second write to the same path."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: set[str] = set()

    def join(self, relative: str) -> Path:
        """The file path for a site-relative POSIX path; refuses escapes and repeats."""
        clean = posixpath.normpath(relative)
        if (not relative or relative.startswith("/") or "\\" in relative or "\0" in relative
                or clean != relative.rstrip("/") or clean.startswith("..") or clean == "."):
            raise UnsafeOutputError(f"{relative!r}: not a plain path inside the output folder")
        if clean.casefold() in self.written:
            raise UnsafeOutputError(f"{relative}: written twice in one build (two pages share this path)")
        self.written.add(clean.casefold())
        return self.root.joinpath(*clean.split("/"))

    def write(self, relative: str, data: bytes) -> None:
        """Write one file at a site-relative path."""
        path = self.join(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


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
    output = Path(os.path.abspath(output))
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.reportgen-tmp-", dir=output.parent))
    try:
        folder = GuardedFolder(staging)
        for relative in sorted(files):
            folder.write(relative, files[relative])
        folder.write(MARKER, MARKER_TEXT.encode())
        staging.chmod(0o755)  # mkdtemp makes it private; a published site must be readable
        swap_in(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(staging: Path, output: Path) -> None:
    """Replace output by staging with renames; the old site is restored if the swap fails."""
    if not output.exists():
        staging.rename(output)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.reportgen-old-", dir=output.parent))
    retired.rmdir()
    output.rename(retired)
    try:
        staging.rename(output)
    except BaseException:
        retired.rename(output)
        raise
    shutil.rmtree(retired, ignore_errors=True)
