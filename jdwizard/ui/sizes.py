"""The terminal sizes at which the screens change their layout, as Textual breakpoints: a
screen carries `-narrow` or `-wide`, `-short` or `-tall`, and its stylesheet does the rest."""

from __future__ import annotations

NARROW = 80  # below this width the preview gives way to the form (F2 toggles it)
SHORT = 20  # below this height the form is compact (and scrolls to keep the answer in view)

HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]
VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-tall")]
