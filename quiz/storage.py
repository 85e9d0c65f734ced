"""Files on disk: the data folder, the one writer (whole or streamed), keeping unusable files aside.

Nothing the person answered is ever lost: every write to a regular file goes to a temporary file in the
same folder, is flushed and fsynced, then renamed over the target (atomic on POSIX). A target that is not
a regular file (a FIFO, a device, a socket) is never renamed over: it is written directly when the person
named it on purpose (``special=True``: ``-o /dev/stdout --force``), and refused otherwise. A file that
cannot be used is renamed to ``<name>.corrupt-<time>`` before anything new is written in its place.
Folders created on the way to the data folder are private (0700), whatever the umask.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, BinaryIO

from quiz.clock import utcnow

APP_NAME = "career-fit"

FILE_MODE = 0o600
DIR_MODE = 0o700

PRIVATE = -1
"""``mode`` for exports of results: 0600 narrowed by the umask (results are personal)."""
SHARED = -2
"""``mode`` for files with nothing personal in them (a blank template): 0666 narrowed by the umask."""

# Tests set this to simulate a crash between writing the temporary file and renaming it.
_before_rename: Callable[[Path, Path], None] | None = None

_UMASK_LOCK = threading.Lock()

READER_WAIT = 2.0
"""Seconds a FIFO named on purpose is given to get a reader before writing into it is refused."""


def current_umask() -> int:
    """The process's umask (read without changing it where the system says, else set and restored)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def _file_mode(mode: int) -> int:
    if mode == PRIVATE:
        return 0o600 & ~current_umask()
    if mode == SHARED:
        return 0o666 & ~current_umask()
    return mode


def data_dir() -> Path:
    """The user data folder (platformdirs; honours ``XDG_DATA_HOME``). Not created here."""
    from platformdirs import user_data_path  # only when a path is asked for: `--help` and `--version` skip it

    return Path(user_data_path(APP_NAME, appauthor=False))


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (mode 0700) if needed and return it; raises OSError if impossible.

    Every folder created on the way is made 0700 whatever the umask (the XDG rule for a missing data
    folder), so no other user can rename or replace anything in it. ``path`` and the folders between it
    and the data folder (left readable by others by an older version or another tool) are made private
    too. Existing folders outside the data folder are never touched.
    """
    missing: list[Path] = []
    folder = path
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for created in reversed(missing):
        try:
            created.mkdir(mode=DIR_MODE)
        except FileExistsError:
            if not created.is_dir():  # a file where a folder belongs: say that, not "File exists"
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(created)) from None
            continue
        _make_private(created)
    root = data_dir().resolve()
    target = path.resolve()
    private = [target]
    if target.is_relative_to(root):
        private += [p for p in target.parents if p.is_relative_to(root)]
    for folder in private:
        _make_private(folder)
    return path


def _make_private(folder: Path) -> None:
    try:
        st = folder.stat()
        mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
        if st.st_mode & 0o077 and mine:
            folder.chmod(DIR_MODE)
    except OSError:
        pass  # a folder we cannot tighten still works; saving goes on


def atomic_write(
    path: Path, data: str | bytes, *, mode: int = FILE_MODE, overwrite: bool = True, special: bool = False
) -> os.stat_result:
    """Write ``data`` to ``path`` atomically with permissions ``mode``; returns the written file's status.

    ``mode`` is a file mode, or :data:`PRIVATE` / :data:`SHARED` (narrowed by the umask). With
    ``overwrite=False`` an existing file raises ``FileExistsError`` (checked again at rename time with a
    hard link, so a file that appears meanwhile is not clobbered either). ``special``: an existing FIFO,
    device or socket may be written directly (it is never renamed over); otherwise it is refused.
    """
    with _replacing(path, mode=mode, overwrite=overwrite, special=special) as (fh, written):
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return written[0]


@contextmanager
def atomic_open(
    path: Path, *, mode: int = FILE_MODE, overwrite: bool = True, newline: str | None = None, special: bool = False
) -> Iterator[IO[str]]:
    """A UTF-8 text file to stream into; it replaces ``path`` only if the ``with`` block ends cleanly.

    The same guarantees as :func:`atomic_write` (temporary file in the same folder, fsync, rename; a FIFO or
    device named on purpose is written directly): an exception inside the block leaves ``path`` as it was
    and removes the temporary file.
    """
    with _replacing(path, mode=mode, overwrite=overwrite, special=special) as (raw, _):
        text = io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
        try:
            yield text
            text.flush()
        finally:
            text.detach()  # the raw file stays open for the fsync and rename below


@contextmanager
def _replacing(
    path: Path, *, mode: int, overwrite: bool, special: bool
) -> Iterator[tuple[BinaryIO, list[os.stat_result]]]:
    """The one writer: a temporary file beside ``path``, renamed over it when the block succeeds (or a
    special file named on purpose, written directly). The list it yields receives the written file's
    status when the block has succeeded."""
    written: list[os.stat_result] = []
    try:
        existing = os.stat(path).st_mode
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if existing is not None and not overwrite:
        raise FileExistsError(errno.EEXIST, "already exists", str(path))
    if existing is not None and stat.S_ISREG(existing) and path.is_symlink():
        path = _through_link(path)  # write the file the link names, never replace the link itself
    if existing is not None and not stat.S_ISREG(existing):
        if not special:
            raise FileExistsError(errno.EEXIST, "not a regular file; left as it is", str(path))
        with _direct(path, existing) as fh:
            yield fh, written
            fh.flush()
            written.append(os.fstat(fh.fileno()))
        return
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), _file_mode(mode))
            yield fh, written
            fh.flush()
            os.fsync(fh.fileno())
            status = os.fstat(fh.fileno())
        if _before_rename is not None:
            _before_rename(tmp, path)
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails with FileExistsError if the target appeared
            tmp.unlink()
        _fsync_dir(folder)
        written.append(status)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _through_link(link: Path) -> Path:
    """The regular file a symbolic link leads to (``-o /dev/stdout`` redirected to a file, a dotfile
    manager's link): the new file is renamed over it, so the link, and the folder it lives in, stay as
    they were. Refused when the path found is not that same file."""
    target = Path(os.path.realpath(link))
    try:
        same = os.path.samestat(os.stat(target), os.stat(link))
    except OSError:
        same = False
    if not same:
        raise FileExistsError(errno.EEXIST, "a link to a file that cannot be found by its name; left as it is",
                              str(link))
    return target


@contextmanager
def _direct(path: Path, mode: int) -> Iterator[BinaryIO]:
    """A FIFO, device or socket opened for writing (without blocking on a FIFO nobody reads)."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    deadline = time.monotonic() + (READER_WAIT if stat.S_ISFIFO(mode) else 0.0)
    while True:
        try:
            fd = os.open(path, flags)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise
            if time.monotonic() >= deadline:  # ENXIO: a socket, or a FIFO still without a reader
                fifo = stat.S_ISFIFO(mode)
                what = "nothing is reading from this FIFO" if fifo else "cannot write into this kind of file"
                raise OSError(errno.ENXIO, what, str(path)) from None
            time.sleep(0.02)  # a reader being started at the same moment (`cat fifo &`) gets a moment to open it
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as fh:
        yield fh


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def keep_aside(path: Path, now: datetime | None = None, label: str = "corrupt") -> Path:
    """Rename a file to ``<name>.<label>-<UTC time>`` (never over another) and return the new path."""
    target = free_name(path, label, now)
    os.replace(path, target)
    return target


def free_name(path: Path, label: str, now: datetime | None = None) -> Path:
    """``<name>.<label>-<UTC time>`` beside ``path``, with ``-2``, ``-3``… when that name is taken."""
    stamp = (now or utcnow()).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while os.path.lexists(target):
        n += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    return target
