"""The web server of ``career-fit serve``: the page, its static files, downloads, one app per visitor.

Routes: ``/`` the page (``page.html``), ``/static/…`` textual-serve's terminal script, stylesheet and
fonts, ``/ws/<token>`` the websocket that drives one visitor's app, ``/download/<key>`` an export the app
delivers. The page's Content-Security-Policy lets the browser load and connect to this server only.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import secrets
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.download_manager import DownloadManager

from questions.schema import Bank, Lang
from quiz.i18n import t
from quiz.serve.process import VisitorApp, child_argv
from quiz.serve.visitors import KEEP_DAYS, clean_up, folder_name, valid_token, visitor_folder

log = logging.getLogger("career-fit.serve")

MAX_VISITORS = 24
"""Apps running at once (each is a Python process); a visitor beyond this is turned away until one ends."""

CLEAN_EVERY = 3600.0
"""Seconds between clean-ups of expired visitor folders while serving."""

_STATIC = Path(str(resources.files("textual_serve"))) / "static"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_HOST = re.compile(r"[A-Za-z0-9.\[\]:-]+")
"""A Host header that can go into the page's Content-Security-Policy as it is."""


@dataclass(frozen=True)
class Options:
    """What ``career-fit serve`` was asked for."""

    bank: Bank
    bank_file: Path | None
    """The bank's file as given to every visitor's app (None: the shipped bank)."""
    lang: Lang | None
    """Every visitor's language; None: each visitor's browser language (zh for zh-*, else en)."""
    root: Path
    """The folder that holds one private folder per visitor."""


def browser_lang(header: str) -> Lang:
    """zh when the browser's preferred language (``Accept-Language``) is Chinese, else en."""
    best: tuple[float, Lang] = (-1.0, "en")
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip().lower()
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag.startswith(("zh", "en")) and quality > best[0]:
            best = (quality, "zh" if tag.startswith("zh") else "en")
    return best[1]


class QuizServer:
    """Serves the quiz: one private app process per visitor token, at most one per token at a time."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.downloads = DownloadManager()
        self.live: dict[str, VisitorApp] = {}
        """The app of each connected visitor, by token."""
        self._locks: dict[str, asyncio.Lock] = {}
        self._page = resources.files("quiz.serve").joinpath("page.html").read_text(encoding="utf-8")
        self._cleaner: asyncio.Task[None] | None = None

    def make_app(self) -> web.Application:
        """The aiohttp application."""
        app = web.Application()
        app.add_routes(
            [
                web.get("/", self.page),
                web.get("/ws/{token}", self.websocket),
                web.get("/download/{key}", self.download),
                web.get("/favicon.ico", _no_icon),
                web.static("/static", _STATIC),
            ]
        )
        app.on_startup.append(self._start_cleaner)
        app.on_shutdown.append(self._end_all)
        return app

    def lang_for(self, request: web.Request) -> Lang:
        """The language of a visitor: ``--lang`` if given, else their browser's."""
        return self.options.lang or browser_lang(request.headers.get("Accept-Language", ""))

    # ------------------------------------------------------------------ the page and downloads

    async def page(self, request: web.Request) -> web.Response:
        """The page: the quiz's name, a terminal, and the scripts that connect it."""
        lang = self.lang_for(request)
        nonce = secrets.token_urlsafe(16)
        values = {
            "html_lang": "zh-CN" if lang == "zh" else "en",
            "title": self.options.bank.title.get(lang),
            "connecting": t("app.page.connecting", lang),
            "start": t("app.page.start", lang),
            "ended": t("app.page.ended", lang),
            "reconnect": t("app.page.reconnect", lang),
            "font_size": "16",
        }
        body = self._page.replace("<script>", f'<script nonce="{nonce}">')
        body = body.replace("<script src=", f'<script nonce="{nonce}" src=')
        for key, value in values.items():
            body = body.replace("{{" + key + "}}", html.escape(value))
        host = request.host if _HOST.fullmatch(request.host) else ""
        sockets = f" ws://{host} wss://{host}" if host else ""
        policy = (
            "default-src 'none'; "
            f"script-src 'self' 'nonce-{nonce}'; "
            "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
            f"connect-src 'self'{sockets}; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        )
        headers = {
            "Content-Security-Policy": policy,
            "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        }
        return web.Response(text=body, content_type="text/html", charset="utf-8", headers=headers)

    async def download(self, request: web.Request) -> web.StreamResponse:
        """Stream an export that a visitor's app delivers (single use; the key is a random UUID)."""
        key = request.match_info["key"]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound() from None
        name = _SAFE_NAME.sub("-", meta.file_name).strip(".-") or "career-fit-export"
        content_type = meta.mime_type + (f"; charset={meta.encoding}" if meta.encoding else "")
        response = web.StreamResponse(
            headers={
                "Content-Type": content_type,
                "Content-Disposition": f'attachment; filename="{name}"',
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "no-store",
            }
        )
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # ------------------------------------------------------------------ visitors' apps

    def _same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        return origin is None or origin in (f"http://{request.host}", f"https://{request.host}")

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        """Run one visitor's app for as long as their page is connected."""
        token = request.match_info["token"]
        if not valid_token(token):
            raise web.HTTPBadRequest(text="bad visitor token")
        if not self._same_origin(request):
            raise web.HTTPForbidden(text="cross-origin connection refused")
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 20)
        lock = self._locks.setdefault(token, asyncio.Lock())
        async with lock:  # one switch-over at a time for a browser that connects twice at once
            try:
                service = await self._take_over(token, request, socket)
            except OSError as exc:  # the app could not be started (e.g. no processes left)
                log.error("cannot start a visitor's quiz: %s", exc.strerror or exc)
                self.live.pop(token, None)
                await socket.close()
                return socket
        try:
            await self._relay(socket, service)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            if self.live.get(token) is service:
                del self.live[token]
            if not lock.locked():
                self._locks.pop(token, None)
            await service.end()
            await socket.close()
        return socket

    async def _take_over(self, token: str, request: web.Request, socket: web.WebSocketResponse) -> VisitorApp:
        """End this browser's previous app, if any (one app per folder), and start its new one."""
        previous = self.live.pop(token, None)
        if previous is not None:  # a reload or a second tab of the same browser
            await previous.end()
        if len(self.live) >= MAX_VISITORS:
            log.warning("turned a visitor away: %d apps are running (the most at once)", MAX_VISITORS)
            raise web.HTTPServiceUnavailable(text="too many visitors at once; try again later")
        try:
            folder = await asyncio.to_thread(visitor_folder, self.options.root, token)
        except OSError as exc:
            log.error("cannot make a visitor folder in %s: %s", self.options.root, exc.strerror or exc)
            raise web.HTTPServiceUnavailable(text="the quiz cannot save progress on this server") from None
        await socket.prepare(request)
        service = VisitorApp(
            child_argv(self.lang_for(request), self.options.bank_file),
            folder,
            write_bytes=socket.send_bytes,
            write_str=socket.send_str,
            close=socket.close,
            download_manager=self.downloads,
        )
        self.live[token] = service
        await service.start(_int(request.query.get("width"), 80), _int(request.query.get("height"), 24))
        return service

    async def _relay(self, socket: web.WebSocketResponse, service: VisitorApp) -> None:
        """Pass what the page sends (keys, mouse, size, focus) to the app, until either side goes."""
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, *rest = message.json()
            except ValueError:
                continue
            data: Any = rest[0] if rest else None
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(_int(data.get("width"), 80), _int(data.get("height"), 24))
            elif kind == "ping" and isinstance(data, str):
                await socket.send_json(["pong", data])
            elif kind == "focus":
                await service.focus()
            elif kind == "blur":
                await service.blur()
            if not service.running and service.process is not None:
                break

    async def _end_all(self, _app: web.Application) -> None:
        """On shutdown: end every visitor's app (their pages show that the session ended)."""
        if self._cleaner is not None:
            self._cleaner.cancel()
        running = list(self.live.values())
        self.live.clear()
        await asyncio.gather(*(service.end() for service in running), return_exceptions=True)

    async def _start_cleaner(self, _app: web.Application) -> None:
        self._cleaner = asyncio.create_task(self._clean_periodically())

    async def _clean_periodically(self) -> None:
        while True:
            keep = frozenset(folder_name(token) for token in self.live)
            removed = await asyncio.to_thread(clean_up, self.options.root, KEEP_DAYS, keep)
            if removed:
                log.info("deleted %d visitor folder(s) unused for %d days", removed, KEEP_DAYS)
            await asyncio.sleep(CLEAN_EVERY)


async def _no_icon(_request: web.Request) -> web.Response:
    """No icon (browsers ask for one; an answer keeps their console free of 404s)."""
    return web.Response(status=204)


def _int(value: Any, default: int, low: int = 1, high: int = 1000) -> int:
    """``value`` as an int within ``low..high``, or ``default``."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default
