"""Files on disk: the data folder, the one atomic writer (whole or streamed), keeping unusable files aside.

Nothing the person answered is ever lost: every write goes to a temporary file in the same folder, is
flushed and fsynced, then renamed over the target (atomic on POSIX). A file that cannot be used is
renamed to ``<name>.corrupt-<time>`` before anything new is written in its place.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import IO, BinaryIO

from quiz.clock import utcnow

APP_NAME = "career-fit"

FILE_MODE = 0o600
DIR_MODE = 0o700

# Tests set this to simulate a crash between writing the temporary file and renaming it.
_before_rename: Callable[[Path, Path], None] | None = None


def data_dir() -> Path:
    """The user data folder (platformdirs; honours ``XDG_DATA_HOME``). Not created here."""
    from platformdirs import user_data_path  # only when a path is asked for: `--help` and `--version` skip it

    return Path(user_data_path(APP_NAME, appauthor=False))


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (mode 0700) if needed and return it; raises OSError if impossible.

    ``path`` and the folders between it and the data folder (created on the way, or left readable by
    others by an older version or another tool) are made private (0700). Folders outside the data
    folder are never touched.
    """
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
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


def atomic_write(path: Path, data: str | bytes, *, mode: int = FILE_MODE, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` atomically with permissions ``mode``.

    With ``overwrite=False`` an existing file raises ``FileExistsError`` (checked again at rename time
    with a hard link, so a file that appears meanwhile is not clobbered either).
    """
    with _replacing(path, mode=mode, overwrite=overwrite) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def atomic_open(
    path: Path, *, mode: int = FILE_MODE, overwrite: bool = True, newline: str | None = None
) -> Iterator[IO[str]]:
    """A UTF-8 text file to stream into; it replaces ``path`` only if the ``with`` block ends cleanly.

    The same guarantees as :func:`atomic_write` (temporary file in the same folder, fsync, rename): an
    exception inside the block leaves ``path`` as it was and removes the temporary file.
    """
    with _replacing(path, mode=mode, overwrite=overwrite) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
        try:
            yield text
            text.flush()
        finally:
            text.detach()  # the raw file stays open for the fsync and rename below


@contextmanager
def _replacing(path: Path, *, mode: int, overwrite: bool) -> Iterator[BinaryIO]:
    """The one atomic writer: a temporary file beside ``path``, renamed over it when the block succeeds."""
    folder = path.parent if str(path.parent) else Path(".")
    if not overwrite and path.exists():
        raise FileExistsError(str(path))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), mode)
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if _before_rename is not None:
            _before_rename(tmp, path)
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails with FileExistsError if the target appeared
            tmp.unlink()
        _fsync_dir(folder)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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


def keep_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename an unusable file to ``<name>.corrupt-<UTC time>`` and return the new path."""
    stamp = (now or utcnow()).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    return target
