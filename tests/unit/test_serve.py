"""``career-fit serve`` without a browser: visitor folders and their clean-up, names, languages, downloads."""

from __future__ import annotations

import asyncio
import io
import os
import time
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.reactive import reactive
from textual.widgets import Input, Static

from questions.schema import Lang
from quiz.dialogs.export import ExportDialog
from quiz.serve.command import is_loopback, url_for
from quiz.serve.download import browser_download, download_name
from quiz.serve.server import browser_lang
from quiz.serve.visitors import KEEP_DAYS, clean_up, folder_name, valid_token, visitor_folder
from tests.golden.sample import sample_bank, sample_document

TOKEN = "AbCdEfGhIjKlMnOpQrStUv"  # 22 characters, the length the page sends


def test_tokens_of_the_wrong_shape_are_refused(tmp_path: Path) -> None:
    assert valid_token(TOKEN)
    for bad in ("", "short", "../../../../etc/passwd12345", "a" * 65, "with space in it 123456", "é" * 22):
        assert not valid_token(bad)
        with pytest.raises(ValueError):
            visitor_folder(tmp_path, bad)
    assert list(tmp_path.iterdir()) == []


def test_a_visitor_folder_is_private_and_named_by_a_hash(tmp_path: Path) -> None:
    root = tmp_path / "served"
    folder = visitor_folder(root, TOKEN)
    assert folder == root / folder_name(TOKEN) and TOKEN not in str(folder)
    assert len(folder.name) == 32 and folder_name(TOKEN) != folder_name(TOKEN[:-1] + "w")
    assert root.stat().st_mode & 0o777 == 0o700 and folder.stat().st_mode & 0o777 == 0o700
    folder.chmod(0o755)
    assert visitor_folder(root, TOKEN) == folder and folder.stat().st_mode & 0o777 == 0o700


def _age(path: Path, days: float) -> None:
    stamp = time.time() - days * 86400
    for base, dirs, files in os.walk(path):
        for name in (*dirs, *files):
            os.utime(os.path.join(base, name), (stamp, stamp))
    os.utime(path, (stamp, stamp))


def test_clean_up_deletes_only_folders_unused_for_the_kept_days(tmp_path: Path) -> None:
    root = tmp_path / "served"
    old = visitor_folder(root, "o" * 22)
    (old / "career-fit").mkdir()
    (old / "career-fit" / "session.json").write_text("{}")
    _age(old, KEEP_DAYS + 1)
    recent = visitor_folder(root, "r" * 22)
    (recent / "career-fit").mkdir()
    (recent / "career-fit" / "session.json").write_text("{}")
    _age(recent, KEEP_DAYS + 1)
    os.utime(recent / "career-fit" / "session.json")  # answered a question just now
    live = visitor_folder(root, "l" * 22)
    _age(live, KEEP_DAYS + 1)
    stranger = root / "not-a-visitor-folder"
    stranger.mkdir()
    _age(stranger, KEEP_DAYS + 10)
    assert clean_up(root, keep=frozenset({live.name})) == 1
    assert not old.exists() and recent.exists() and live.exists() and stranger.exists()
    assert clean_up(tmp_path / "missing") == 0


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("en-US,en;q=0.9,zh-CN;q=0.8", "en"),
        ("fr-FR,fr;q=0.9,zh-TW;q=0.5,en;q=0.4", "zh"),
        ("de-DE", "en"),
        ("", "en"),
        ("zh;q=bad, en", "en"),
    ],
)
def test_a_visitor_gets_their_browser_language(header: str, lang: Lang) -> None:
    assert browser_lang(header) == lang


def test_only_loopback_addresses_count_as_private() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "", "192.168.1.5", "example.org"))
    assert url_for("::1", 8000) == "http://[::1]:8000/" and url_for("127.0.0.1", 80) == "http://127.0.0.1:80/"


def test_download_names_are_bare_and_header_safe() -> None:
    assert download_name("career-fit-2026-11-23-1430.md") == "career-fit-2026-11-23-1430.md"
    assert download_name("/srv/../../visitor/.ssh/keys.json") == "keys.json"
    assert download_name("..\\..\\win\\x.txt") == "x.txt"
    assert download_name('我的 结果"; x=1.html') == "x-1.html"
    assert download_name("...") == "career-fit-export.txt"


class _Delivering:
    """Records what :func:`browser_download` hands to Textual."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def deliver_text(self, file: io.StringIO, **options: Any) -> str:
        self.calls.append((file.getvalue(), options))
        return "key"


def test_browser_download_delivers_the_text_with_its_type() -> None:
    app = _Delivering()
    assert browser_download(app, "/srv/secret/result.json", '{"a": 1}') == Path("result.json")  # type: ignore[arg-type]
    text, options = app.calls[0]
    assert text == '{"a": 1}'
    assert options["save_filename"] == "result.json" and options["mime_type"] == "application/json"
    assert options["open_method"] == "download" and options["encoding"] == "utf-8"


class WebHost(App[None]):
    """A bare app, pretending to run in a browser, that opens the export dialog."""

    lang: reactive[Lang] = reactive[Lang]("en")

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.results: list[Path | None] = []
        self.delivered: list[tuple[str, str | None]] = []

    @property
    def is_web(self) -> bool:
        return True

    def deliver_text(self, path_or_file: Any, **options: Any) -> str:
        self.delivered.append((path_or_file.getvalue(), options.get("save_filename")))
        return "key"

    def compose(self) -> ComposeResult:
        yield Static("results")

    def on_mount(self) -> None:
        self.push_screen(ExportDialog(sample_document(), sample_bank(), "en", folder=self.folder), self.results.append)


def test_in_a_browser_the_export_dialog_downloads_and_writes_nothing(tmp_path: Path) -> None:
    async def run() -> WebHost:
        app = WebHost(tmp_path)
        async with app.run_test(size=(100, 40)) as pilot:
            box = app.screen.query_one("#export-path", Input)
            assert "/" not in box.value and box.value.endswith(".md")  # a name, no server path
            box.value = str(tmp_path / "elsewhere" / "mine.md")
            await pilot.press("enter")
            await pilot.pause()
        return app

    app = asyncio.run(run())
    assert app.results == [Path("mine.md")]
    assert len(app.delivered) == 1 and app.delivered[0][1] == "mine.md"
    assert app.delivered[0][0].startswith("# ")
    assert list(tmp_path.iterdir()) == []
