"""Every screen's actions, written once: each drives a key binding, its Footer entry, its
command palette entry and its line in the help screen.

The order of a table is the Footer's order (Quit, then what matters most): a narrow terminal
shows the first ones and the palette, which reaches all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Action:
    """One thing the user can do on a screen."""

    action: str  # the action's name ("save" runs action_save; "app.quit" the app's)
    keys: str  # Textual key names, comma-separated ("enter,ctrl+j"); "" for the palette only
    label: str = ""  # the Footer's word for it ("" keeps it out of the Footer)
    title: str = ""  # the palette's name for it ("" keeps it out of the palette)
    help: str = ""  # one line on what it does, in the palette and the help screen
    priority: bool = False  # runs before the focused widget sees the key (see the wizard)

    @property
    def key_names(self) -> str:
        """The keys as the help and the palette show them: "ctrl+s", "enter / pgdn"."""
        return " / ".join(key.replace("pagedown", "pgdn").replace("pageup", "pgup")
                          for key in self.keys.split(",") if key)


def bindings(actions: Iterable[Action]) -> list[BindingType]:
    """The key bindings of a table (the palette-only actions have none)."""
    return [
        Binding(action.keys, action.action, action.label, show=bool(action.label),
                priority=action.priority, id=action.action.replace("_", "-"))
        for action in actions if action.keys
    ]


def in_palette(actions: Iterable[Action]) -> Iterator[Action]:
    """The actions of a table that the command palette lists."""
    return (action for action in actions if action.title)


QUIT = Action("app.quit", "ctrl+q", "Quit", "Quit", "Save the draft and quit", priority=True)
HELP_KEY = "f1"

# A key that leads to another screen or a dialog is a priority binding whose action the app
# awaits until that screen is up, so that keys typed straight after it reach it. Saving is not:
# it comes after the keys typed before it, in their turn.
WIZARD = (
    QUIT,
    Action("toggle_preview", "f2", "Preview", "Toggle preview", "Show or hide the live preview",
           priority=True),
    Action("help", HELP_KEY, "Help", "Help",
           "When to use this template, how to personalise it, FAQ", priority=True),
    Action("review", "ctrl+r", "Review", "Review and copy",
           "The whole document, what is left to do, Copy and Save", priority=True),
    # Next and Back are said beside the progress, not in the Footer: a multi-line answer box
    # binds the same keys, which would put them first there.
    Action("next_field", "pagedown", title="Next field", help="Go to the next question",
           priority=True),
    Action("previous_field", "pageup", title="Previous field", help="Go back one question",
           priority=True),
    Action("save", "ctrl+s", "Save", "Save draft",
           "Save the answers (TOML) and the document (Markdown)"),
    Action("save_as", "f3", "Save as", "Save draft as…",
           "Save the draft under another name or folder", priority=True),
    Action("close_draft", "f4", "Drafts", "Close draft",
           "Save it and go back to the templates and drafts", priority=True),
    # Enter in a one-line answer is "next" (in the fields list, the field highlighted); a
    # newline typed ahead while jdwizard starts (the terminal is still in its line mode, and
    # sends Enter as Ctrl+J) is Enter too.
    Action("submit_field", "enter,ctrl+j", priority=True),
    # Tab, at once: Enter typed straight after it acts where Tab went (the field list).
    Action("app.focus_next", "tab", priority=True),
    Action("app.focus_previous", "shift+tab", priority=True),
    Action("copy", "", title="Copy document", help="Copy the whole job description"),
    Action("reset_answer", "f5", title="Template's default",
           help="Put the template's text back in this answer (it follows your answers again)"),
    Action("focus_fields", "", title="Field list",
           help="Move to the list of fields (or press Tab)"),
)

# Every start screen key is a priority binding whose action the app awaits (the screen or the
# dialog it opens is up when it returns): keys typed straight after one act where it went.
# A letter is a command only on the lists (in the filter it is typed): see StartScreen.
START = (
    QUIT,
    # Open and Switch list are said in the headings: the lists bind Enter and the screen Tab,
    # which would put them before Quit in the Footer.
    Action("open", "enter,ctrl+j", help="Start a draft, or resume one", priority=True),
    Action("switch_list", "tab,shift+tab", help="Between templates and drafts", priority=True),
    Action("filter", "slash", "Filter", "Filter the list",
           "Type to narrow the templates (the drafts when their list has the focus)",
           priority=True),
    Action("duplicate_draft", "d", "Duplicate", "Duplicate draft",
           "A new draft from the highlighted one (the same role in another city)",
           priority=True),
    Action("rename_draft", "r", "Rename", "Rename draft", "Rename the highlighted draft",
           priority=True),
    Action("delete_draft", "x,delete", "Delete", "Delete draft", "Delete the highlighted draft",
           priority=True),
    Action("choose_profile", "p", "Profile", "Choose company profile",
           "The company answers new drafts start with", priority=True),
    Action("import_template", "i", "Import", "Import a template",
           "From a text or Markdown file in the {{placeholder}} / [note] notation",
           priority=True),
    Action("help", HELP_KEY, "Help", "Help", "The highlighted template's guidance and FAQ",
           priority=True),
)

REVIEW = (
    QUIT,
    Action("back", "escape", "Back", "Back to the fields", "Return to the field you were on",
           priority=True),
    Action("copy", "c", "Copy", "Copy document", "Copy the whole job description",
           priority=True),
    Action("save_document", "e", "Save doc", "Save document as…",
           "Save the draft and the document as Markdown, text or HTML", priority=True),
    Action("save_to_profile", "p", "To profile", "Save to company profile",
           "Keep the company answers for the next drafts", priority=True),
    Action("save", "ctrl+s", "Save", "Save draft",
           "Save the answers (TOML) and the document (Markdown)"),
    Action("save_as", "f3", "Save as", "Save draft as…",
           "Save the draft under another name or folder", priority=True),
    Action("help", HELP_KEY, "Help", "Help",
           "When to use this template, how to personalise it, FAQ", priority=True),
    Action("close_draft", "f4", "Drafts", "Close draft",
           "Save it and go back to the templates and drafts", priority=True),
    Action("jump", "enter,ctrl+j", help="Go to the finding highlighted", priority=True),
    Action("dismiss_finding", "d", "Dismiss", "Dismiss finding",
           "Dismiss the highlighted finding for this draft (d again brings it back)",
           priority=True),
)
