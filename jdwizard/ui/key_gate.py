"""Keys typed while a screen gets ready wait for it, in order (the app's base class).

Enter on a template, then the company name typed straight away: the wizard is still being built
when those keys arrive, and they would be lost, or fail on its missing widgets. Enter typed
ahead while jdwizard was starting is Enter: the terminal is still in its line mode then and turns
Enter into a newline, which reaches the app as Ctrl+J.

A screen takes keys once mounted and, if it has a `settled` flag, once that is set (the start
and wizard screens set it when first painted). A screen may say that a key may open another
(`key_may_open_screen`): the keys after it wait a moment for that screen.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque

from textual import events
from textual.app import App
from textual.screen import Screen

KEY_HOLD_LIMIT = 3.0  # seconds a key waits for a screen to get ready before it goes anyway
OPENING_HOLD = 0.5  # seconds keys wait after one that may open a screen (Enter on a list)


class KeyGate(App[None]):
    """Holds keys while the screen they would reach is not ready; passes them on in order."""

    def _init_key_gate(self) -> None:
        self.first_painted_at = float("inf")  # when the first screen was painted (event clock)
        self.opening = False  # set while a draft is read, to replace the current screen
        self._held_keys: deque[events.Key] = deque()
        self._releasing_keys = False
        self._opened_by_key: tuple[Screen, float] | None = None  # screen, when a key there

    @property
    def quitting(self) -> bool:
        """Whether the app is on its way out: keys then go straight on, and a screen still
        mounting (the user quit at once) finds its widgets removed and must not touch them."""
        return bool(getattr(self, "_exit", False))  # set by App.exit()

    async def on_event(self, event: events.Event) -> None:
        """Keys: Ctrl+J read before the first paint is Enter; held while not ready."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if event.key == "ctrl+j" and event.time < self.first_painted_at:
                enter = events.Key("enter", "\r")
                enter.time = event.time
                event = enter
            if self._held_keys or not self._ready_for_keys():
                self._held_keys.append(event)
                if not self._releasing_keys:
                    self._releasing_keys = True
                    self.run_worker(self._release_held_keys, group="keys")
                return
            await self._pass_on(event)
            return
        await super().on_event(event)

    async def _pass_on(self, key: events.Key) -> None:
        """Handle `key`; if the screen says it may open another (Enter on a list of the start
        screen), the keys after it wait a moment for that screen."""
        screen = self.screen
        await super().on_event(key)
        may_open = getattr(screen, "key_may_open_screen", None)
        if may_open is not None and may_open(key):
            self._opened_by_key = (screen, time.monotonic())

    def _ready_for_keys(self) -> bool:
        """Whether the current screen can take keys: mounted, painted, not about to be
        replaced (a key there may be opening another, or a draft is being read)."""
        if self.quitting:
            return True
        screen = self.screen
        if self._opened_by_key is not None:
            opener, when = self._opened_by_key
            if opener is screen and time.monotonic() - when < OPENING_HOLD:
                return False
            self._opened_by_key = None
        return screen.is_mounted and getattr(screen, "settled", True) and not self.opening

    async def _release_held_keys(self) -> None:
        """Pass the held keys on, each once the screen it reaches is ready (a key may open
        another screen, which the next key waits for)."""
        waited_since = time.monotonic()
        try:
            while self._held_keys:
                if not self._ready_for_keys() and time.monotonic() - waited_since < KEY_HOLD_LIMIT:
                    await asyncio.sleep(0.005)
                    continue
                await self._pass_on(self._held_keys.popleft())
                waited_since = time.monotonic()
        finally:
            self._releasing_keys = False
