"""The key bar at the foot of every screen, with key descriptions in the current language.

Bindings carry a translation key (``app.key.back``) as their description. :class:`KeyBar` is Textual's
own :class:`~textual.widgets.Footer` (docking, colours, recomposing when the bindings change) with its
keys drawn by :class:`KeyLabel`, which looks each description up in the current language. Only public
Textual API is used: ``Screen.active_bindings``, ``App.get_key_display`` and ``App.simulate_key``.
"""

from __future__ import annotations

from typing import Any, cast

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from quiz.i18n import LanguageSource, t


class KeyLabel(Widget):
    """One key and what it does; clicking it presses the key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-label--key", "key-label--description"}

    DEFAULT_CSS = """
    KeyLabel {
        width: auto;
        height: 1;
        text-wrap: nowrap;
        margin-right: 1;
        background: $footer-item-background;
        .key-label--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
            padding: 0;
        }
        .key-label--description {
            padding: 0 0 0 1;
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        &:hover {
            pointer: pointer;
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        &.-disabled {
            text-style: dim;
        }
        &.-command-palette {
            dock: right;
            padding-right: 0;
            border-left: vkey $foreground 20%;
        }
    }
    """

    def __init__(
        self, key: str, key_display: str, description: str, *, enabled: bool = True, tooltip: str = "",
        classes: str = "",
    ) -> None:
        super().__init__(classes=classes if enabled else f"{classes} -disabled")
        self.key = key
        self.key_display = key_display
        self.description = description
        self.enabled = enabled
        self.shrink = False
        if tooltip:
            self.tooltip = tooltip

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """The key, then the padded description: measured from the strings, without rendering the label.

        Textual would render the label to measure it; a question screen lays out its key bar for the first
        time in the frame that follows the key press starting the quiz, so this counts towards that frame.
        """
        width = cell_len(self.key_display)
        if self.description:
            padding = self.get_component_styles("key-label--description").padding
            width += padding.left + cell_len(self.description) + padding.right
        return width

    def render(self) -> Text:
        """The key in the key style, then its description."""
        key_style = self.get_component_rich_style("key-label--key")
        description_style = self.get_component_rich_style("key-label--description")
        label = Text.assemble((self.key_display, key_style))
        if self.description:
            padding = self.get_component_styles("key-label--description").padding
            label.append(" " * padding.left + self.description + " " * padding.right, description_style)
        label.stylize_before(self.rich_style)
        return label

    def on_mouse_down(self) -> None:
        """Press the key (or ring the bell if it does nothing here)."""
        if self.enabled:
            self.app.simulate_key(self.key)
        else:
            self.app.bell()


class KeyBar(Footer):
    """A footer that translates binding descriptions (one key per action, in binding order).

    The command-palette key is shown last, docked right, as Textual's own footer does.

    With ``keys_when_told=True`` the bar stays empty until the screen first reports its bindings (as
    Textual's own footer always does), which it does as soon as it is shown: for the app's first screen,
    whose first frame should not wait for the keys (they follow a frame later, and the bar is composed once
    instead of twice).
    """

    def __init__(self, *, compact: bool = False, keys_when_told: bool = False) -> None:
        super().__init__(compact=compact)
        self._told = not keys_when_told
        self._shown: tuple[object, ...] | None = None
        """What the labels on screen say (language, and key, text and state of each); None before any."""

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's bindings changed (or are known for the first time): recompose, but only if what the
        bar shows changes. A focus change that leaves the keys as they were must not rebuild the labels: a
        click landing while they are being replaced would be lost."""
        self._told = True
        if self._shown is not None and self.is_attached and self._keys(self.screen) == self._shown:
            return
        super().bindings_changed(screen)

    def _keys(self, screen: Screen[Any]) -> tuple[object, ...]:
        lang = cast(LanguageSource, self.app).lang
        shown: list[object] = [lang]
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding.key, binding.description, enabled, tooltip))
        palette = screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        shown.append(None if palette is None else palette.enabled)
        return tuple(shown)

    def compose(self) -> ComposeResult:
        """One :class:`KeyLabel` per shown action, then the command-palette key."""
        if not self._told:
            return
        self._shown = self._keys(self.screen)
        lang = cast(LanguageSource, self.app).lang
        bindings = self.screen.active_bindings
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            description = t(binding.description, lang) if binding.description else ""
            yield KeyLabel(binding.key, self.app.get_key_display(binding), description, enabled=enabled,
                           tooltip=tooltip)
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if self.app.ENABLE_COMMAND_PALETTE and palette is not None:
            yield KeyLabel(palette.binding.key, self.app.get_key_display(palette.binding), t("app.key.palette", lang),
                           enabled=palette.enabled, classes="-command-palette")


__all__ = ["KeyBar", "KeyLabel"]
