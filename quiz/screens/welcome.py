"""The first screen: what the quiz measures (purpose, the three roles), how to answer, how long each form
takes, where answers stay, and the choice: the full quiz or the short form (or resume the saved one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Static

from quiz.dialogs.confirm import ConfirmDialog
from quiz.screens.base import QuizScreen
from quiz.serve.visitors import KEEP_DAYS
from quiz.views import WelcomeView
from quiz.widgets.keybar import KeyBar

if TYPE_CHECKING:  # the welcome draws before pydantic is needed: the session model stays unloaded
    from quiz.session import FormMode


class WelcomeScreen(QuizScreen[None]):
    """Start the full quiz or the short form, or resume the saved one (the default when there is one)."""

    BINDINGS = [
        Binding("f", "start('full')", "app.key.full"),
        Binding("s", "start('adaptive')", "app.key.short"),
        Binding("q", "app.quit", "app.key.quit"),
    ]

    class StartChosen(Message):
        """Begin a new quiz of the ``mode`` form (after confirming, when saved progress would be replaced)."""

        def __init__(self, mode: FormMode = "full") -> None:
            super().__init__()
            self.mode: FormMode = mode

    class ResumeChosen(Message):
        """Continue the saved quiz."""

    def __init__(self, view: WelcomeView) -> None:
        super().__init__()
        self.view = view
        """What is on screen."""

    @property
    def _can_resume(self) -> bool:
        return self.view.resume_answered is not None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-body"):
            yield Static(id="welcome-title", markup=False)
            yield Static(id="welcome-intro", markup=False)
            with Vertical(id="welcome-roles"):
                for role in self.view.roles:
                    yield Static(id=f"role-{role.id}", classes="role-line", markup=False)
            yield Static(id="welcome-howto", markup=False)
            yield Static(id="welcome-facts", markup=False)
            yield Static(id="welcome-notice", markup=False)
            with Horizontal(id="welcome-buttons"):
                if self._can_resume:
                    yield Button(id="resume", variant="primary", compact=True)
                    yield Button(id="start-over", compact=True)
                    yield Button(id="short-over", compact=True)
                else:
                    short = self.view.short_first
                    yield Button(id="start", variant="default" if short else "primary", compact=True)
                    yield Button(id="short", variant="primary" if short else "default", compact=True)
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        """Focus the default button (the base class then draws the text)."""
        default = "#resume" if self._can_resume else "#short" if self.view.short_first else "#start"
        self.query_one(default, Button).focus()

    def refresh_text(self) -> None:
        """Title, roles, facts, notice and buttons in the current language."""
        view, lang = self.view, self.lang
        self.query_one("#welcome-title", Static).update(Text(view.title.get(lang), style="bold"))
        self.query_one("#welcome-intro", Static).update(self.t("welcome.intro"))
        self.query_one("#welcome-howto", Static).update(self.t("welcome.howto"))
        for role in view.roles:
            name = role.name.get(lang)
            line = Text(self.t("welcome.role_line", name=name, summary=role.summary.get(lang)))
            at = line.plain.find(name)
            if at >= 0:
                line.stylize("bold", at, at + len(name))
            self.query_one(f"#role-{role.id}", Static).update(line)
        low, high = view.minutes
        private = self.t("welcome.private_served", days=KEEP_DAYS) if self.app.is_web else self.t("welcome.private")
        facts = [
            self.t("welcome.forms", count=view.items, low=low, high=high, short=view.short_items),
            ("" if lang == "zh" else " ").join((private, self.t("welcome.language", other=self.t("app.lang_other")))),
        ]
        self.query_one("#welcome-facts", Static).update("\n".join(facts))
        notice = self.query_one("#welcome-notice", Static)
        notice.display = view.notice is not None
        if view.notice is not None:
            notice.update("⚠ " + self.t(view.notice.key, **view.notice.values))
        if view.resume_answered is not None:
            resume = (self.t("welcome.resume_short", n=view.resume_answered) if view.resume_form == "adaptive"
                      else self.t("welcome.resume", n=view.resume_answered, total=view.items))
            self.query_one("#resume", Button).label = resume
            self.query_one("#start-over", Button).label = self.t("welcome.start_over")
            self.query_one("#short-over", Button).label = self.t("welcome.start_over_short")
        else:
            self.query_one("#start", Button).label = self.t("welcome.start", count=view.items)
            self.query_one("#short", Button).label = self.t("welcome.start_short", short=view.short_items)

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        self.action_start("full")

    @on(Button.Pressed, "#short")
    def _start_short(self) -> None:
        self.action_start("adaptive")

    @on(Button.Pressed, "#resume")
    def _resume(self) -> None:
        self.post_message(self.ResumeChosen())

    @on(Button.Pressed, "#start-over")
    def _start_over(self) -> None:
        self.action_start("full")

    @on(Button.Pressed, "#short-over")
    def _short_over(self) -> None:
        self.action_start("adaptive")

    def action_start(self, mode: FormMode) -> None:
        """Start the ``mode`` form; when saved progress would be replaced, after confirming."""
        if not self._can_resume:
            self.post_message(self.StartChosen(mode))
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.post_message(self.StartChosen(mode))

        self.app.push_screen(ConfirmDialog("confirm.start_over"), done)
