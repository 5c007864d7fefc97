"""What jdwizard's screens share: their actions come from one table (ui/actions.py), which gives
their key bindings and their command palette entries, and they reach the app by its type."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual.app import SystemCommand
from textual.message_pump import MessagePump
from textual.screen import ModalScreen, Screen

from jdwizard.ui.actions import Action, in_palette

if TYPE_CHECKING:
    from jdwizard.ui.app import JDWizardApp

ResultType = TypeVar("ResultType")


async def handled(node: MessagePump) -> None:
    """Return once `node` has handled the messages queued on it so far (the keys typed into a
    widget, say): a callback queued after them is the sign."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def mark() -> None:
        if not done.done():
            done.set_result(None)

    if node.call_later(mark):
        await done


class ActionScreen(Screen[ResultType]):
    """A screen whose ACTIONS table drives its bindings and its palette entries."""

    ACTIONS: ClassVar[tuple[Action, ...]] = ()

    @property
    def jdwizard(self) -> JDWizardApp:
        """The app, as jdwizard's own."""
        return cast("JDWizardApp", self.app)

    def commands(self) -> Iterable[SystemCommand]:
        """The screen's actions for the command palette, each with its key."""
        for action in in_palette(self.ACTIONS):
            keys = f"  {action.key_names}" if action.keys else ""
            yield SystemCommand(action.title, f"{action.help}{keys}",
                                lambda name=action.action: self.run_action(name))


class Dialog(ModalScreen[ResultType]):
    """A small dialog over the current screen."""

    @property
    def jdwizard(self) -> JDWizardApp:
        return cast("JDWizardApp", self.app)
