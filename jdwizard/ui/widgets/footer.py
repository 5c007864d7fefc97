"""The key bar at the bottom of every screen: Textual's Footer (with the fix of its key leak),
drawn compact (one space between keys) where its keys would not fit otherwise."""

from __future__ import annotations

from textual.events import Resize

from jdwizard.ui import textual_fixes

# Below this width the keys close up: at 80 columns the field screen's seven keys and the
# palette then fit ("f4 Drafts" was cut to "f4 Dr"); wider, the roomier style is kept.
COMPACT_BELOW = 100


class Footer(textual_fixes.Footer):
    """The Footer, compact on a narrow terminal."""

    def on_resize(self, event: Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
