"""Reading a ``score --batch`` input: a regular file (or standard input named on purpose), in chunks.

The file is opened by the one bounded reader (:func:`questions.files.open_file`: without blocking, regular
files only), so a FIFO or a device is refused at once instead of waited on or read forever; only standard
input, named as ``-`` or ``/dev/stdin``, may be a pipe. Chunks hold whole
lines and about :data:`CHUNK_BYTES` each; a line longer than :data:`MAX_LINE` is never held in memory:
it is skipped to its newline and reported by number. Memory stays flat whatever the input's size.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from questions.errors import LoadError
from questions.files import open_file
from questions.safe_text import shown
from quiz.errors import UsageError

MAX_LINE = 1_000_000
"""Longest line read, in bytes (an answers object for a 45-item bank is about 1 KB)."""

CHUNK_BYTES = 1 << 18
"""Input bytes per chunk: enough lines (about 500) to fit many people at once, few enough that a chunk's
arrays stay small (at 1 MiB, peak memory grew by 8 % from 10 000 to 100 000 lines; at 256 KiB by 2 %)."""

_STDIN = re.compile(r"^(-|/dev/stdin|/dev/fd/0|/proc/self/fd/0)$")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Chunk:
    """Whole lines of the input, numbered from ``first``."""

    first: int
    data: bytes
    """The lines, each ending with a newline (the file's last line may not)."""
    overlong: frozenset[int]
    """Numbers of lines longer than :data:`MAX_LINE`; each is an empty line in ``data``."""


def open_input(name: str) -> int:
    """A readable descriptor for ``name``, or :class:`UsageError` (one line) when it cannot or should not be read.

    A file is opened by the one bounded reader's :func:`~questions.files.open_file` (regular files only);
    standard input, named on purpose, may be a pipe but not a terminal.
    """
    if not _STDIN.match(name):
        try:
            return open_file(name)
        except LoadError as exc:
            raise UsageError(str(exc)) from None
    try:
        fd = os.dup(0) if name == "-" else os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(
            os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UsageError(f"{shown(name, None)}: cannot read: {exc.strerror or exc}") from None
    mode = os.fstat(fd).st_mode
    problem = None
    if stat.S_ISDIR(mode):
        problem = "is a directory, not a file"
    elif stat.S_ISCHR(mode):
        problem = "standard input is a terminal or a device; give a file, or pipe the lines in"
    if problem is not None:
        os.close(fd)
        raise UsageError(f"{shown(name, None)}: {problem}")
    os.set_blocking(fd, True)
    return fd


def chunks(fh: BinaryIO, size: int = CHUNK_BYTES) -> Iterator[Chunk]:
    """The lines of ``fh`` in chunks of about ``size`` bytes; a leading BOM is dropped."""
    reader = _Lines(size)
    block = fh.read(size)
    if block.startswith(_BOM):
        block = block[len(_BOM):]
    while block:
        ready = reader.feed(block)
        if ready is not None:
            yield ready
        block = fh.read(size)
    last = reader.finish()
    if last is not None:
        yield last


class _Lines:
    """Cuts blocks of bytes into chunks of whole lines, skipping the inside of overlong lines."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.next_line = 1
        self.first = 1
        self.parts: list[bytes] = []
        self.length = 0
        self.overlong: set[int] = set()
        self.partial = bytearray()
        self.skipping = False

    def feed(self, block: bytes) -> Chunk | None:
        if self.skipping:
            cut = block.find(b"\n")
            if cut < 0:
                return None
            block, self.skipping = block[cut + 1:], False
        cut = block.rfind(b"\n")
        if cut < 0:
            self.partial += block
        else:
            complete = bytes(self.partial) + block[: cut + 1] if self.partial else block[: cut + 1]
            self.partial = bytearray(block[cut + 1:])
            self.parts.append(complete)
            self.length += len(complete)
            self.next_line += complete.count(b"\n")
        if len(self.partial) > MAX_LINE:
            self.overlong.add(self.next_line)
            self.parts.append(b"\n")
            self.next_line += 1
            self.partial, self.skipping = bytearray(), True
        return self._take() if self.length >= self.size else None

    def _take(self) -> Chunk:
        chunk = Chunk(self.first, b"".join(self.parts), frozenset(self.overlong))
        self.first, self.parts, self.length, self.overlong = self.next_line, [], 0, set()
        return chunk

    def finish(self) -> Chunk | None:
        if self.partial:
            self.parts.append(bytes(self.partial))
            self.partial = bytearray()
        return self._take() if self.parts else None
