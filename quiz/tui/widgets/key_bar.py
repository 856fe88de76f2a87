"""KeyBar: a one-line footer of the screen's active bindings, drawn as text.

Textual's Footer rebuilds a widget per key whenever bindings change (~35 ms here); the review screen
changes its keys twice per card, so it uses this single Static instead and stays well under the
30 ms next-card budget. Keys hidden by `check_action` are left out, disabled ones are dimmed.
"""

from __future__ import annotations

from textual.content import Content
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    """Shows `key description` for every visible binding of its screen."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._show_keys)

    def on_unmount(self) -> None:
        screen = self._parent_screen()
        if screen is not None:
            screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self._parent_screen():
            # Deferred like Footer's: bindings may change several times in one message.
            self.call_after_refresh(self._show_keys)

    def _parent_screen(self) -> Screen[object] | None:
        try:
            return self.screen
        except NoScreen:
            return None

    def _show_keys(self) -> None:
        if not self.is_attached:
            return
        try:
            screen = self.screen
        except NoScreen:  # the screen went away before this ran
            return
        if not screen.is_current:
            return  # a covered screen's keys are redrawn when it is current again
        parts: list[Content] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            b = active.binding
            if not b.show or b.action in seen:
                continue
            seen.add(b.action)
            key = b.key_display or self.app.get_key_display(b)
            part = Content.from_markup("[b $footer-key-foreground]$k[/] $d", k=key, d=b.description)
            parts.append(part if active.enabled else part.stylize("dim"))
        self.update(Content("  ").join(parts))
