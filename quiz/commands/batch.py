"""``career-fit score --batch FILE.jsonl``: one answers object per line, one output row per line, in order.

The input is streamed in chunks of whole lines (:mod:`quiz.commands.batch_input`). Each chunk is scored
on its own (:mod:`quiz.commands.batch_rows`: its people are fitted together by the same code that scores
one person) — in worker processes over the available cores when the input is more than one chunk, with
at most two chunks per worker in flight, so memory stays flat and rows come out in line order. Bad lines
are reported on stderr as ``FILE:LINE: …`` (one short line each, made safe for the terminal), get an
error row, and make the exit code 2; every other line is still scored.

``CAREER_FIT_BATCH_WORKERS`` (a count; 0 or 1: no worker processes) and ``CAREER_FIT_BATCH_CHUNK`` (bytes
per chunk) override the defaults, for tests and benchmarks.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from itertools import chain
from pathlib import Path
from typing import IO, Any

from questions.loader import load_bank
from questions.safe_text import shown
from quiz.commands.batch_input import CHUNK_BYTES, Chunk, chunks, open_input
from quiz.commands.batch_rows import Context, score_chunk
from quiz.errors import EXIT_OK, EXIT_USAGE, UsageError
from quiz.output import stdout_failed
from quiz.storage import PRIVATE, atomic_open

MAX_WORKERS = 8

_CONTEXT: Context | None = None
"""The chunk scorer's context in a worker process (inherited when the pool forks)."""


def _env_int(name: str, default: int) -> int:
    try:
        return max(0, int(os.environ.get(name, "")))
    except ValueError:
        return default


def _workers() -> int:
    """How many worker processes: the cores this process may use (at most 8), or the environment's count."""
    affinity = getattr(os, "sched_getaffinity", None)
    cores = len(affinity(0)) if affinity is not None else os.cpu_count() or 1
    return _env_int("CAREER_FIT_BATCH_WORKERS", min(cores, MAX_WORKERS))


def _work(chunk: Chunk) -> tuple[str, list[str]]:
    assert _CONTEXT is not None
    return score_chunk(chunk, _CONTEXT)


def results(ctx: Context, source: Iterator[Chunk]) -> Generator[tuple[str, list[str]], None, None]:
    """The output text and error lines of each chunk of ``source``, in order."""
    global _CONTEXT
    first, second = next(source, None), next(source, None)
    workers = _workers()
    # Worker processes inherit the loaded bank and modules by forking; where fork is not the safe default
    # (macOS, Windows) or the input is one chunk, scoring stays in this process.
    if first is None:
        return
    if second is None or workers < 2 or not sys.platform.startswith("linux"):
        for chunk in chain((first,) if second is None else (first, second), source):
            yield score_chunk(chunk, ctx)
        return
    import multiprocessing

    import scoring.laplace  # noqa: F401 - loaded once here, shared by the forked workers
    import scoring.model  # noqa: F401

    if ctx.adaptive:
        import scoring.curtailment  # noqa: F401 - the short form's look-ahead, shared the same way
        import scoring.lookahead  # noqa: F401

    _CONTEXT = ctx
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        pending: deque[Any] = deque()
        for chunk in chain((first, second), source):
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
    finally:
        pool.terminate()
        pool.join()
        _CONTEXT = None


def _write_rows(out: IO[str], ctx: Context, source: Iterator[Chunk]) -> int:
    """Write the header (CSV) and every chunk's rows; report bad lines on stderr; how many there were."""
    failed = 0
    if ctx.fmt == "csv":
        csv.writer(out, lineterminator="\n").writerow(ctx.header)
    with closing(results(ctx, source)) as scored:  # on any error the worker pool is stopped at once
        for text, errors in scored:
            for error in errors:
                sys.stderr.write(f"career-fit: {error}\n")
            failed += len(errors)
            out.write(text)
    return failed


def batch(args: argparse.Namespace, fmt: str, exists: Callable[[str], str]) -> int:
    """Score one answers object per line; bad lines are reported on stderr and the rest still scored.

    ``exists(name)`` is the message for an output file that exists without ``--force``.
    """
    bank = load_bank(getattr(args, "bank", None))
    target = _output_path(args.output) if args.output else None
    fd = open_input(args.batch)  # before any output: a missing input prints nothing on stdout
    ctx = Context.of(bank, args.batch, fmt, adaptive=bool(getattr(args, "adaptive", False)))
    with os.fdopen(fd, "rb", buffering=0) as fh:
        source = chunks(fh, _env_int("CAREER_FIT_BATCH_CHUNK", CHUNK_BYTES) or CHUNK_BYTES)
        if target is not None:
            failed = _to_file(target, bool(args.force), exists, ctx, source)
        else:
            failed = _to_stdout(ctx, source)
    return EXIT_USAGE if failed else EXIT_OK


def _output_path(name: str) -> Path:
    try:
        return Path(name).expanduser()
    except RuntimeError:  # ~user that does not exist
        raise UsageError(f"{shown(name, None)}: cannot write: no such user's home folder") from None


def _to_stdout(ctx: Context, source: Iterator[Chunk]) -> int:
    try:
        failed = _write_rows(sys.stdout, ctx, source)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise stdout_failed(exc) from None
    return failed


def _to_file(target: Path, force: bool, exists: Callable[[str], str], ctx: Context, source: Iterator[Chunk]) -> int:
    """Write to ``target`` through the one atomic writer: a new file (temporary file, then link or rename,
    0600: the rows are people's results), or a FIFO or device named with --force, written directly."""
    name = shown(str(target), None)
    try:
        with atomic_open(target, mode=PRIVATE, overwrite=force, newline="", special=True) as out:
            return _write_rows(out, ctx, source)
    except IsADirectoryError:
        raise UsageError(f"{name}: is a directory; give a file name for the output") from None
    except FileExistsError:
        raise UsageError(exists(name)) from None
    except OSError as exc:
        raise UsageError(f"{name}: cannot write: {exc.strerror or exc}") from None
