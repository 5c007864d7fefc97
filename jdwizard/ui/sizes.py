"""The terminal sizes at which the screens change their layout (shared by every screen)."""

NARROW = 80  # below this width the preview gives way to the form (F2 toggles it)
SHORT = 20  # below this height the form is compact (and scrolls to keep the answer in view)


def terminal_size() -> tuple[int, int] | None:
    """The running app's terminal (width, height), or None outside an app.

    A screen takes its size classes (narrow, short) from this when it is created: a class
    added once a screen is mounted restyles every widget on it (several milliseconds)."""
    from textual._context import NoActiveAppError, active_app

    try:
        size = active_app.get().size
    except (LookupError, NoActiveAppError):
        return None
    return size.width, size.height
