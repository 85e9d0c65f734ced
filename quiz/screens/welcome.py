"""The first screen: what the quiz measures (purpose, the three roles), how to answer, how long each form
takes, where answers stay, and the choice: the full quiz or the short form (or resume the saved one).

The app first shows it without a view, before the bank has loaded: the intro alone, from the UI strings.
The parts that need the bank (title, roles, how-to, lengths, notice, buttons) come below the intro, so when the
complete welcome replaces it (or :meth:`WelcomeScreen.show` completes it in place) nothing already on
screen moves. Enter pressed before the buttons exist is kept (:attr:`WelcomeScreen.enter_waiting`) and
presses the default button as soon as there is one; so does ``f`` or ``s``, for its form.
"""

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
from quiz.widgets.keybar import KeyBar

if TYPE_CHECKING:  # the welcome draws before pydantic is loaded: the data layer stays unloaded
    from quiz.session import FormMode
    from quiz.views import WelcomeView


class WelcomeScreen(QuizScreen[None]):
    """Start the full quiz or the short form, or resume the saved one (the default when there is one)."""

    AUTO_FOCUS = ""
    """The default button takes the focus once it exists; before that nothing does (focusing the scrolling body
    would restyle the whole screen in the first frame for nothing)."""

    BINDINGS = [
        Binding("f", "start('full')", "app.key.full"),
        Binding("s", "start('adaptive')", "app.key.short"),
        Binding("q", "app.quit", "app.key.quit"),
        # Only reached while there is no button yet (a focused button takes Enter itself).
        Binding("enter", "start_when_ready", show=False),
    ]

    class StartChosen(Message):
        """Begin a new quiz of the ``mode`` form (after confirming, when saved progress would be replaced)."""

        def __init__(self, mode: FormMode = "full") -> None:
            super().__init__()
            self.mode: FormMode = mode

    class ResumeChosen(Message):
        """Continue the saved quiz."""

    def __init__(self, view: WelcomeView | None = None, *, enter_pressed: bool = False) -> None:
        super().__init__()
        self.view = view
        """What is on screen; None until the bank has loaded."""
        self.enter_waiting = enter_pressed
        """Enter was pressed before the buttons existed: the default one is pressed as soon as it exists."""
        self.form_waiting: FormMode | None = None
        """``f`` or ``s`` was pressed before the buttons existed: that form starts as soon as they exist."""

    @property
    def _can_resume(self) -> bool:
        return self.view is not None and self.view.resume_answered is not None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-body"):
            yield Static(id="welcome-title", markup=False)
            yield Static(id="welcome-intro", markup=False)
            with Vertical(id="welcome-roles"):
                yield from self._role_lines()
            yield Static(id="welcome-howto", markup=False)
            yield Static(id="welcome-facts", markup=False)
            yield Static(id="welcome-notice", markup=False)
            with Horizontal(id="welcome-buttons"):
                yield from self._buttons()
        yield KeyBar(compact=True, keys_when_told=self.view is None)  # before the data: the first frame

    def _role_lines(self) -> list[Static]:
        roles = () if self.view is None else self.view.roles
        return [Static(id=f"role-{role.id}", classes="role-line", markup=False) for role in roles]

    @property
    def _default_id(self) -> str:
        return "resume" if self._can_resume else "short" if self.view and self.view.short_first else "start"

    def _buttons(self) -> list[Button]:
        if self.view is None:
            return []
        ids = ("resume", "start-over", "short-over") if self._can_resume else ("start", "short")
        buttons = [Button(id=i, variant="primary" if i == self._default_id else "default", compact=True) for i in ids]
        for button in buttons:  # the screen a button leads to replaces this one at once: no press animation
            button.active_effect_duration = 0
        return buttons

    def on_mount(self) -> None:
        """Focus the default button, if there is one yet (the base class then draws the text)."""
        if self.view is not None:
            self._focus_default()

    def _focus_default(self) -> None:
        """Focus the default button, and press it if Enter is waiting (or start the form ``f``/``s`` asked for)."""
        default = self.query_one(f"#{self._default_id}", Button)
        default.focus()
        waiting, self.form_waiting = self.form_waiting, None
        if waiting is not None:
            self.action_start(waiting)
        elif self.enter_waiting:
            self.enter_waiting = False
            default.press()

    async def show(self, view: WelcomeView) -> None:
        """Add what needs the bank below what is already on screen, then focus the default button."""
        if self.view is not None:
            return
        self.view = view
        async with self.batch():  # one frame: the new lines, their text and the focus together
            await self.query_one("#welcome-roles", Vertical).mount_all(self._role_lines())
            await self.query_one("#welcome-buttons", Horizontal).mount_all(self._buttons())
            self.refresh_text()
        self._focus_default()

    def action_start_when_ready(self) -> None:
        """Enter before the buttons exist: remember it (the default button is pressed when it appears)."""
        if self.view is None:
            self.enter_waiting = True

    def refresh_text(self) -> None:
        """Title, roles, facts, notice and buttons in the current language (the intro alone before the bank)."""
        view, lang = self.view, self.lang
        self.query_one("#welcome-intro", Static).update(self.t("welcome.intro"))
        for part in ("#welcome-howto", "#welcome-facts", "#welcome-notice", "#welcome-roles", "#welcome-buttons"):
            self.query_one(part).display = view is not None
        if view is None:
            return
        self.query_one("#welcome-title", Static).update(Text(view.title.get(lang), style="bold"))
        self.query_one("#welcome-howto", Static).update(self.t("welcome.howto"))
        for role in view.roles:
            name = role.name.get(lang)
            line = Text(self.t("welcome.role_line", name=name, summary=role.summary.get(lang)))
            at = line.plain.find(name)
            if at >= 0:
                line.stylize("bold", at, at + len(name))
            self.query_one(f"#role-{role.id}", Static).update(line)
        low, high = view.minutes
        language = self.t("welcome.language", other=self.t("app.lang_other"))
        facts = [
            self.t("welcome.forms", count=view.items, low=low, high=high, short=view.short_items),
            ("" if lang == "zh" else " ").join((self._privacy(), language)),
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
        for button in self.query(Button):  # a label of another length (F2) needs its button's width recomputed
            button.refresh(layout=True)

    def _privacy(self) -> str:
        if not self.app.is_web:
            return self.t("welcome.private")
        from quiz.serve.visitors import KEEP_DAYS  # the server's module: only when served

        return self.t("welcome.private_served", days=KEEP_DAYS)

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
        """Start the ``mode`` form; when saved progress would be replaced, after confirming. Before the buttons
        exist, remember it for when they do."""
        if self.view is None:
            self.form_waiting = mode
            return
        if not self._can_resume:
            self.post_message(self.StartChosen(mode))
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.post_message(self.StartChosen(mode))

        self.app.push_screen(ConfirmDialog("confirm.start_over"), done)
