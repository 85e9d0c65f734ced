"""The footer of every screen, with key descriptions in the current language.

Bindings carry a translation key (``key.back``) as their description; this footer looks each one up
when it is drawn, so a language change only has to refresh the bindings.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from quiz.i18n import t


class KeyBar(Footer):
    """A footer that translates binding descriptions (one key per action, in binding order).

    The command-palette key is shown last, docked right, as Textual's own footer does.
    """

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        lang: Any = getattr(self.app, "lang", "en")
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            description = t(binding.description, lang) if binding.description else ""
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if self.app.ENABLE_COMMAND_PALETTE and palette is not None:
            yield FooterKey(
                palette.binding.key,
                self.app.get_key_display(palette.binding),
                t("app.key.palette", lang),
                palette.binding.action,
                disabled=not palette.enabled,
                classes="-command-palette",
            ).data_bind(compact=Footer.compact)
