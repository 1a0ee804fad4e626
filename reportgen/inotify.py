"""Wake ``serve``'s watcher as soon as a file is saved: Linux's inotify, through ctypes.

Only a hint: the watcher still compares snapshots of the files, and still polls, so where inotify
is missing (other systems, no watches left) it just polls, and a missed wake-up costs one poll.
It listens for files closed after writing, deleted, moved or touched, not for each write nor
for a file's creation, so it does not wake in the middle of a save.
"""

from __future__ import annotations

import ctypes
import os
import select
import sys
import time
from typing import Iterable

CLOSE_WRITE, ATTRIB, MOVED_FROM, MOVED_TO, DELETE = 0x8, 0x4, 0x40, 0x80, 0x200
EVENTS = CLOSE_WRITE | ATTRIB | MOVED_FROM | MOVED_TO | DELETE


class Wakeup:
    """Sleeps until a file in the watched folders changes, or a timeout passes."""

    def __init__(self) -> None:
        self._libc, self.fd = _open()

    def __enter__(self) -> "Wakeup":
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def watch(self, folders: Iterable[str]) -> None:
        """Watch these folders (not their subfolders; again is harmless); any that cannot be watched are polled."""
        if self._libc is not None and self.fd is not None:
            for folder in sorted(set(folders)):
                self._libc.inotify_add_watch(self.fd, os.fsencode(folder), EVENTS)

    def wait(self, timeout: float) -> None:
        """Return when a watched folder changes, or after timeout seconds."""
        if self.fd is None:
            time.sleep(timeout)
            return
        if select.select([self.fd], [], [], timeout)[0]:
            try:
                while os.read(self.fd, 65536):  # drain: one snapshot answers for every event so far
                    pass
            except BlockingIOError:
                pass


def _open() -> tuple[ctypes.CDLL | None, int | None]:
    """The C library and a non-blocking inotify descriptor, or (None, None) where there is none."""
    if not sys.platform.startswith("linux"):
        return None, None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, AttributeError):
        return None, None
    return (libc, fd) if fd >= 0 else (None, None)
