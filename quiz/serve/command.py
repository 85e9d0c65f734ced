"""``career-fit serve``: the command. Loads the bank, binds the port, runs until Ctrl+C or SIGTERM.

Loopback (127.0.0.1) unless ``--host`` says otherwise, with a warning then. Each visitor's browser keeps a
random token that names a private folder under ``<data folder>/served/`` (see :mod:`quiz.serve.visitors`);
their app runs with that folder as its data folder, so a reload resumes their own quiz and nobody else's,
and the server user's own progress is never reached. Ctrl+C or SIGTERM ends every visitor's app and
then the server. Port in use, bad host, unreadable bank: one line, exit 2.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import os
import signal
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.i18n import t

if TYPE_CHECKING:
    from aiohttp import web

    from questions.schema import Lang
    from quiz.serve.server import Options

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    """The address to open in a browser."""
    bare = host.strip("[]")
    return f"http://[{bare}]:{port}/" if ":" in bare else f"http://{bare}:{port}/"


def serve(args: argparse.Namespace) -> int:
    """Run the server until Ctrl+C or SIGTERM; returns the exit code (2 for bad input or a busy port)."""
    from questions.loader import load_bank
    from quiz.errors import UsageError
    from quiz.serve.visitors import served_root
    from quiz.storage import ensure_dir

    lang: Lang = args.lang
    port: int = args.port
    if not 0 <= port <= 65535:
        raise UsageError(t("cli.serve.bad_port", lang, port=port))
    bank_file = Path(args.bank).resolve() if args.bank else None
    bank = load_bank(bank_file)  # LoadError: one line, exit 2
    root = served_root()
    try:
        ensure_dir(root)
    except OSError as exc:
        raise UsageError(t("cli.serve.no_folder", lang, folder=str(root), reason=exc.strerror or str(exc))) from None
    from quiz.serve.server import Options

    options = Options(bank=bank, bank_file=bank_file, lang=lang if args.lang_explicit else None, root=root)
    return asyncio.run(_run(options, args.host, port, lang))


async def _run(options: Options, host: str, port: int, lang: Lang) -> int:
    from aiohttp import web

    from quiz.errors import UsageError
    from quiz.serve.server import QuizServer

    logging.basicConfig(level=logging.WARNING, format="career-fit: %(message)s")
    logging.getLogger("career-fit.serve").setLevel(logging.INFO)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    server = QuizServer(options)
    runner = web.AppRunner(server.make_app(), handle_signals=False, access_log=None, shutdown_timeout=5.0)
    await runner.setup()
    site = web.TCPSite(runner, host.strip("[]"), port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        reason = _reason(exc)
        raise UsageError(t("cli.serve.cannot_listen", lang, host=host, port=port, reason=reason)) from None
    bound = _bound_port(runner, port)
    if not is_loopback(host):
        sys.stderr.write(f"career-fit: {t('cli.serve.public_warning', lang, host=host)}\n")
    sys.stdout.write(t("cli.serve.listening", lang, url=url_for(host, bound), folder=str(options.root)) + "\n")
    sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
    sys.stdout.write(t("cli.serve.stopped", lang) + "\n")
    return 0


def _reason(exc: OSError) -> str:
    """Why binding failed, in one short line ("Address already in use", "Name or service not known")."""
    if not isinstance(exc, socket.gaierror) and exc.errno and exc.errno > 0:
        return os.strerror(exc.errno)
    return " ".join((exc.strerror or str(exc)).split())


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    """The port actually bound (differs from ``asked`` when it was 0: any free port)."""
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked
