"""The save file's place on disk: its name per bank, the lock of the window that owns it, and what it was.

- **One save per bank id.** The shipped bank's progress lives in ``session.json`` (the name every earlier
  release used); another bank's in ``session.<bank id>.json`` beside it, so trying a custom bank never
  moves the main quiz's progress aside. A save of another bank found in ``session.json`` (written by a
  release that shared one file between banks) is moved to that bank's own file.
- **One writer per save.** A running quiz holds ``<save>.lock`` (an advisory ``flock``, released by the
  system whenever the process ends, even when killed); a second window finds it held and says so.
- **Nothing newer is ever replaced.** :class:`Seen` is what the file was when this window last read or
  wrote it (device, inode, size, modification time: every save is a new inode); before each write the
  store compares, so a writer that takes no lock (an older release, another program) is never overwritten.

Nothing here imports Textual.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from quiz import storage

MAIN_BANK_ID = "career_fit"
"""The shipped bank's id: its save keeps the name ``session.json``."""

SESSION_FILE = "session.json"

_BANK_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")
"""The temporary files of :func:`quiz.storage.atomic_write` (``mkstemp``: eight random characters)."""


def save_path(main: Path, bank_id: str) -> Path:
    """Where the save of bank ``bank_id`` lives, given the main save's path (``.../session.json``)."""
    if bank_id == MAIN_BANK_ID or not _BANK_ID.match(bank_id):
        return main
    return main.with_name(f"{main.stem}.{bank_id}{main.suffix}")


def valid_bank_id(bank_id: object) -> bool:
    """Whether ``bank_id`` (read from a file) has the shape of a bank id, so it can name a file."""
    return isinstance(bank_id, str) and _BANK_ID.match(bank_id) is not None


@dataclass(frozen=True)
class Seen:
    """What a save file was when this window last read or wrote it (every atomic save is a new inode)."""

    device: int
    inode: int
    size: int
    modified_ns: int

    @classmethod
    def of(cls, status: os.stat_result) -> Seen:
        """The file described by ``status``."""
        return cls(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)

    @classmethod
    def now(cls, path: Path) -> Seen | None:
        """What ``path`` is now (None when there is no file, or it cannot be looked at)."""
        try:
            return cls.of(os.lstat(path))
        except OSError:
            return None


class SaveLock:
    """The advisory lock a running quiz holds on its save (``<save>.lock``, holding the process id)."""

    def __init__(self, save: Path) -> None:
        self.path = save.with_name(save.name + ".lock")
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this window holds the lock."""
        return self._fd is not None

    def acquire(self) -> int | None:
        """Take the lock. Returns None when taken (or when locks cannot be used here: the store's check of
        what the file was still guards it), else the id of the process holding it (0 if unknown)."""
        try:
            import fcntl
        except ImportError:  # no advisory locks on this system
            return None
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), storage.FILE_MODE)
        except OSError:
            return None  # a folder we cannot write to: nothing will be saved there anyway
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            return holder
        except OSError:  # a file system without locks
            os.close(fd)
            return None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        except OSError:
            pass  # the lock holds even when the note of who holds it cannot be written
        self._fd = fd
        return None

    def release(self) -> None:
        """Let the lock go (the system does it anyway when the process ends)."""
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            pass
        os.close(self._fd)  # closing the descriptor releases the flock
        self._fd = None


def _holder(fd: int) -> int:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else 0
    except (OSError, ValueError):
        return 0


def remove_leftovers(save: Path) -> None:
    """Remove temporary files of ``save`` left by a process killed between writing and renaming.

    Called only by the window holding the save's lock: no other writer of this save can be mid-write.
    """
    try:
        entries = list(os.scandir(save.parent))
    except OSError:
        return
    for entry in entries:
        found = _TEMPORARY.match(entry.name)
        if found is None or found.group("name") != save.name:
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
        except OSError:
            pass


def copy_aside(save: Path, data: bytes, label: str, now: datetime) -> Path:
    """Keep ``data`` (the bytes read from ``save``) as ``<name>.<label>-<time>`` beside it; raises OSError."""
    target = storage.free_name(save, label, now)
    storage.atomic_write(target, data, overwrite=False)
    return target


__all__ = ["MAIN_BANK_ID", "SESSION_FILE", "SaveLock", "Seen", "copy_aside", "remove_leftovers", "save_path",
           "valid_bank_id"]
