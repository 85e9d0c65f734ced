"""The export dialog: choose a format and a path, then write the result there.

It opens with the format list focused: ↑/↓ choose a format at once, 1–4 choose one from anywhere but the
path field, and Enter saves from anywhere (the path field, the list, the Save button). The path starts as
a timestamped name in the current folder (``career-fit-2026-11-23-1430.md``) and follows the chosen
format's extension until the person edits it. An existing file is overwritten only after a yes in
:class:`~quiz.dialogs.confirm.ConfirmDialog`; a path that cannot be used (a folder that cannot be entered,
a name too long, ``~nosuchuser``) or written shows the reason in the dialog, which stays open so another
place can be tried. A path pasted with a line break inside is refused with a message (Textual's field would
keep its first line only). Dismisses with the written path, or None when cancelled.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from questions.schema import Bank, Lang
from quiz.export import EXTENSIONS, FORMATS, default_name, expand, render, write_export
from quiz.i18n import t
from quiz.serve.download import browser_download
from scoring.result import ResultDocument


class FormatButton(RadioButton):
    """A radio button whose mark tells its state by shape (● chosen, ○ not), not by colour alone."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's constant of that name
        return "●" if self.value else "○"


class FormatList(RadioSet, inherit_bindings=False):
    """The format list: ↑/↓ move the choice itself (no separate confirm step); Enter is left to the dialog."""

    BINDINGS = [
        Binding("down,right", "step(1)", show=False),
        Binding("up,left", "step(-1)", show=False),
    ]

    def action_step(self, delta: int) -> None:
        """Choose the next (``delta`` 1) or previous (-1) format."""
        buttons = list(self.query(RadioButton))
        current = next((n for n, b in enumerate(buttons) if b.value), 0)
        buttons[(current + delta) % len(buttons)].value = True


class PathInput(Input):
    """The path field: a pasted path is taken whole (surrounding white space and line breaks dropped), and
    one that still spans several lines is refused with a message, not silently cut to its first line."""

    class PastedLines(Message):
        """A paste held more than one line; nothing was inserted."""

    def on_paste(self, event: events.Paste) -> None:
        """Insert the pasted path (Textual's own handler would keep its first line only)."""
        event.prevent_default()
        event.stop()
        text = event.text.strip()
        if "\n" in text or "\r" in text:
            self.post_message(self.PastedLines())
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)


class ExportDialog(ModalScreen[Path | None]):
    """Export ``document`` (scored with ``bank``) in ``lang``; dismisses with the written path or None."""

    BINDINGS = [
        Binding("escape", "cancel", "export.dialog.cancel"),
        Binding("enter", "save", "export.dialog.save", show=False),
        *(Binding(str(n), f"choose({n - 1})", show=False) for n in range(1, len(FORMATS) + 1)),
    ]

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    ExportDialog > VerticalScroll {
        width: 76;
        max-width: 98%;
        height: auto;
        max-height: 100%;
        padding: 0 2;
        border: thick $primary;
        background: $panel;
    }
    ExportDialog #export-title {
        text-style: bold;
        margin: 1 0;
    }
    ExportDialog .label {
        color: $text-muted;
    }
    ExportDialog RadioSet {
        width: 100%;
        margin-bottom: 1;
    }
    ExportDialog #export-error {
        color: $error;
        display: none;
    }
    ExportDialog #export-error.shown {
        display: block;
    }
    ExportDialog #export-hint {
        color: $text-muted;
        margin-top: 1;
    }
    ExportDialog Horizontal {
        height: auto;
        align: center middle;
        margin-top: 1;
    }
    ExportDialog Button {
        margin: 0 1;
    }
    """

    def __init__(
        self,
        document: ResultDocument,
        bank: Bank,
        lang: Lang,
        *,
        folder: Path | None = None,
        now: datetime | None = None,
    ) -> None:
        super().__init__()
        self.document = document
        self.bank = bank
        self.lang: Lang = lang
        self.fmt = FORMATS[0]
        self.folder = folder if folder is not None else Path.cwd()
        self._now = now
        self._suggested = str(self.folder / default_name(self.fmt, now))

    def compose(self) -> ComposeResult:
        with VerticalScroll():  # scrolls in small terminals so the focused field stays visible
            yield Static(id="export-title", markup=False)
            yield Static(id="export-format-label", classes="label", markup=False)
            with FormatList(id="export-format"):
                for n, fmt in enumerate(FORMATS):
                    yield FormatButton(fmt, value=n == 0, id=f"export-fmt-{fmt}")
            yield Static(id="export-path-label", classes="label", markup=False)
            yield PathInput(value=self._suggested, id="export-path")
            yield Static(id="export-error", markup=False)
            yield Static(id="export-hint", markup=False)
            with Horizontal():
                yield Button(id="export-save", variant="primary")
                yield Button(id="export-cancel")

    def on_mount(self) -> None:
        if hasattr(self.app, "lang"):
            self.watch(self.app, "lang", self._render_text, init=False)
        if self.app.is_web:  # a browser download: offer a file name, never a path on the server
            self.folder = Path()
            self.query_one("#export-path", Input).value = self._suggested = default_name(self.fmt, self._now)
        self._render_text(self.lang)
        self.query_one("#export-format", FormatList).focus()

    def _render_text(self, lang: Any) -> None:
        self.lang = lang
        self.query_one("#export-title", Static).update(t("export.dialog.title", lang))
        self.query_one("#export-format-label", Static).update(t("export.dialog.format", lang))
        for fmt in FORMATS:
            self.query_one(f"#export-fmt-{fmt}", RadioButton).label = t(f"export.dialog.format.{fmt}", lang)
        self.query_one("#export-path-label", Static).update(t("export.dialog.path", lang))
        self.query_one("#export-hint", Static).update(t("export.dialog.hint", lang))
        self.query_one("#export-save", Button).label = t("export.dialog.save", lang)
        self.query_one("#export-cancel", Button).label = t("export.dialog.cancel", lang)

    # ------------------------------------------------------------------ events

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self.fmt = FORMATS[event.index]
        box = self.query_one("#export-path", Input)
        current = box.value.strip()
        if current == self._suggested:
            self._suggested = str(self.folder / default_name(self.fmt, self._now))
            box.value = self._suggested
        else:
            # Keep an edited name but give it the new format's extension if it had one of ours.
            path = Path(current)
            if path.suffix.lstrip(".") in EXTENSIONS.values():
                box.value = str(path.with_suffix("." + EXTENSIONS[self.fmt]))
        self._clear_error()

    @on(Input.Changed, "#export-path")
    def _path_edited(self) -> None:
        self._clear_error()

    @on(PathInput.PastedLines)
    def _pasted_lines(self) -> None:
        self._show_error(t("export.dialog.pasted_lines", self.lang))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-save")
    def _save_pressed(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()  # handled here, not again by the dialog's own Enter binding
        self.save()

    @on(Button.Pressed, "#export-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without writing anything."""
        self.dismiss(None)

    def action_save(self) -> None:
        """Save (Enter anywhere in the dialog)."""
        self.save()

    def action_choose(self, index: int) -> None:
        """Choose the format ``index`` (keys 1–4)."""
        self.query_one(f"#export-fmt-{FORMATS[index]}", RadioButton).value = True

    # ------------------------------------------------------------------ writing

    def target(self) -> Path | None:
        """The path typed in the box (relative paths are in :attr:`folder`), or None when empty.

        Raises ``OSError`` when ``~`` names a user without a home folder.
        """
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            return None
        path = expand(raw)
        return path if path.is_absolute() else self.folder / path

    def save(self) -> None:
        """Write the export; ask first when the file exists, show why when the path cannot be used."""
        try:
            path = self.target()
            if path is None:
                self._show_error(t("export.dialog.empty_path", self.lang))
                return
            if self.app.is_web:  # in a browser the export is a download, never a file on the server's disk
                text = render(self.document, self.fmt, self.lang, self.bank)
                self.dismiss(browser_download(self.app, path.name, text))
                return
            if path.is_dir():
                self._show_error(t("export.dialog.is_folder", self.lang, path=str(path)))
                return
            exists = path.exists()
        except OSError as exc:  # a folder that cannot be entered, a name too long, ~nosuchuser
            self._show_error(t("export.dialog.unusable", self.lang, reason=exc.strerror or type(exc).__name__))
            return
        if exists:
            self._ask_overwrite(path)
            return
        self._write(path, force=False)

    def _ask_overwrite(self, path: Path) -> None:
        from quiz.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(path, force=True)

        self.app.push_screen(ConfirmDialog("export.dialog.exists", path=str(path)), answered)

    def _write(self, path: Path, force: bool) -> None:
        text = render(self.document, self.fmt, self.lang, self.bank)
        try:
            written = write_export(path, text, force)
        except FileExistsError:
            self._ask_overwrite(path)  # appeared since we looked
            return
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self._show_error(t("export.dialog.error", self.lang, path=str(path), reason=reason))
            return
        self.dismiss(written)

    def _show_error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(message)
        error.add_class("shown")

    def _clear_error(self) -> None:
        error = self.query_one("#export-error", Static)
        error.update("")
        error.remove_class("shown")
