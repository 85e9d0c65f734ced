"""The one bounded reader for every file a person or the disk can hand us: banks, answers files, results,
history, saves and batch inputs.

- Regular files only, unless the caller says the person named this file on purpose (``special=True``:
  ``score <(…)``, ``--bank /dev/stdin``); a FIFO, device or socket found on disk is refused before it is
  opened, so it can neither hang start-up nor stream forever.
- Opened without blocking (a FIFO nobody writes to cannot hang) and without taking a controlling terminal.
- At most ``limit`` bytes are read; a bigger file is refused, never loaded.
- Text that is not UTF-8 is refused naming the file and the line of the first bad byte.

Every problem is a :class:`~questions.errors.LoadError` (an OS refusal is its subclass
:class:`~questions.errors.UnreadableFile`), one line naming the file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from questions.errors import LoadError, UnreadableFile

MAX_BYTES = 2_000_000
"""Largest file read by default (banks and answers files are tens of kilobytes)."""

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class FileData:
    """The bytes of a file and its status when it was read (to tell later whether it changed)."""

    data: bytes
    status: os.stat_result


def _kind(mode: int) -> str | None:
    """Why a file of this mode is not read as a regular file, or None when it is one."""
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, device or socket)"
    return None


def open_file(path: Path | str, *, special: bool = False) -> int:
    """A descriptor open for reading ``path`` (blocking reads), or a :class:`LoadError`.

    ``special``: the person named this file on purpose, so a FIFO or a device is read too (a directory never).
    """
    name = str(path)
    try:
        if not special:
            problem = _kind(os.stat(path).st_mode)  # before opening: opening a FIFO or a tty has effects
            if problem is not None:
                raise LoadError(name, problem)
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise UnreadableFile(name, exc.strerror or str(exc)) from None
    except ValueError as exc:  # a NUL byte in the name
        raise LoadError(name, f"cannot read: {exc}") from None
    try:
        mode = os.fstat(fd).st_mode
        problem = "is a directory, not a file" if stat.S_ISDIR(mode) else None if special else _kind(mode)
        if problem is not None:  # it changed between the look and the open
            raise LoadError(name, problem)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_file(path: Path | str, *, limit: int = MAX_BYTES, special: bool = False) -> FileData:
    """The bytes of ``path`` (at most ``limit``) and its status; see :func:`open_file` for ``special``."""
    name = str(path)
    fd = open_file(path, special=special)
    try:
        status = os.fstat(fd)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise UnreadableFile(name, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        size = f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} kB"
        raise LoadError(name, f"file is larger than {size}; refusing to read it")
    return FileData(data, status)


def decode(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text (a leading byte-order mark dropped); bad bytes are a :class:`LoadError` naming
    the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError(name, f"not UTF-8 text (bad byte 0x{data[exc.start]:02x})", line) from None


def read_text(path: Path | str, limit: int = MAX_BYTES, *, special: bool = False) -> str:
    """The UTF-8 text of ``path``, bounded and checked as described above."""
    return decode(read_file(path, limit=limit, special=special).data, str(path))


__all__ = ["MAX_BYTES", "FileData", "decode", "open_file", "read_file", "read_text"]
