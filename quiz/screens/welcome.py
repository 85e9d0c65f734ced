"""The first screen: what the quiz measures, how long it takes, where answers stay, and Start/Resume."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from quiz.serve.visitors import KEEP_DAYS
from quiz.widgets.keybar import KeyBar
from quiz.widgets.localized import Localized


class WelcomeScreen(Localized):
    """Start a new quiz, or resume the saved one (the default when there is one)."""

    BINDINGS = [
        Binding("q", "app.quit", "app.key.quit"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-body"):
            yield Static(id="welcome-title", markup=False)
            yield Static(id="welcome-intro", markup=False)
            with Vertical(id="welcome-roles"):
                for role in self.quiz.bank.roles:
                    yield Static(id=f"role-{role.id}", classes="role-line", markup=False)
            yield Static(id="welcome-facts", markup=False)
            yield Static(id="welcome-notice", markup=False)
            with Horizontal(id="welcome-buttons"):
                if self.quiz.saved is not None:
                    yield Button(id="resume", variant="primary")
                    yield Button(id="start-over")
                else:
                    yield Button(id="start", variant="primary")
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        default = "#resume" if self.quiz.saved is not None else "#start"
        self.query_one(default, Button).focus()

    def refresh_text(self) -> None:
        quiz = self.quiz
        bank = quiz.bank
        lang = self.lang
        self.query_one("#welcome-title", Static).update(Text(bank.title.get(lang), style="bold"))
        self.query_one("#welcome-intro", Static).update(self.t("welcome.intro"))
        for role in bank.roles:
            name = role.name.get(lang)
            line = Text(self.t("welcome.role_line", name=name, summary=role.summary.get(lang)))
            at = line.plain.find(name)
            if at >= 0:
                line.stylize("bold", at, at + len(name))
            self.query_one(f"#role-{role.id}", Static).update(line)
        low, high = bank.minutes
        facts = [
            self.t("welcome.length", count=len(bank.items), low=low, high=high),
            self.t("welcome.private_served", days=KEEP_DAYS) if self.app.is_web else self.t("welcome.private"),
            self.t("welcome.language", other=self.t("app.lang_other")),
        ]
        self.query_one("#welcome-facts", Static).update("\n".join(facts))
        notice = self.query_one("#welcome-notice", Static)
        if quiz.load_notice is not None:
            notice.update("⚠ " + self.t(quiz.load_notice.key, **quiz.load_notice.values))
            notice.display = True
        else:
            notice.display = False
        if quiz.saved is not None:
            self.query_one("#resume", Button).label = self.t(
                "welcome.resume", n=len(quiz.saved.answers), total=len(bank.items)
            )
            self.query_one("#start-over", Button).label = self.t("welcome.start_over")
        else:
            self.query_one("#start", Button).label = self.t("welcome.start")

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        self.quiz.start_new()

    @on(Button.Pressed, "#resume")
    def _resume(self) -> None:
        self.quiz.resume()

    @on(Button.Pressed, "#start-over")
    def _start_over(self) -> None:
        from quiz.dialogs.confirm import ConfirmDialog

        def done(yes: bool | None) -> None:
            if yes:
                self.quiz.start_new()

        self.app.push_screen(ConfirmDialog("confirm.start_over"), done)
