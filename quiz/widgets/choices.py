"""The list of answers on a question screen: numbered, clickable, the given answer marked.

The answer already given is shown with a filled marker and the word-free number, so it is visible
without colour (``NO_COLOR``) as well as highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

CHOSEN = "●"
NOT_CHOSEN = "○"


@dataclass(frozen=True)
class Choice:
    """One answer on screen: the key that picks it, the value it records, and its label."""

    key: int
    value: int | str
    label: str


class ChoiceList(OptionList):
    """Numbered choices; Enter, a click or the number key (handled by the screen) picks one."""

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 100%;
        border: none;
        padding: 0;
        background: transparent;
    }
    ChoiceList:focus {
        border: none;
    }
    """

    class Picked(Message):
        """A choice was picked with Enter or the mouse."""

        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's parameter name
        super().__init__(id=id)
        self._choices: list[Choice] = []

    def show(self, choices: list[Choice], chosen: int | str | None) -> None:
        """Replace the choices; highlight and mark the one equal to ``chosen``."""
        self._choices = list(choices)
        options = []
        for choice in choices:
            marked = choice.value == chosen
            style = "bold" if marked else ""
            prompt = Content.assemble(
                (f"{CHOSEN if marked else NOT_CHOSEN}\u00a0", style),
                (f"{choice.key}\u00a0\u00a0", "bold"),
                (choice.label, style),
            )
            options.append(Option(prompt, id=f"choice-{choice.key}"))
        self.set_options(options)
        index = next((n for n, c in enumerate(choices) if c.value == chosen), None)
        self.highlighted = index if index is not None else 0

    def choice_for_key(self, key: int) -> Choice | None:
        """The choice bound to number ``key``, if there is one."""
        return next((c for c in self._choices if c.key == key), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self._choices):
            self.post_message(self.Picked(self._choices[index]))
