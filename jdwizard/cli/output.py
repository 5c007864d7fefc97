"""What the command line prints goes through one gate: `safe_text` (JSON for scripts too)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

from jdwizard.safe_text import as_json, visible

__all__ = ["as_json", "gated_output"]


class VisibleStream:
    """A text stream that shows every control character it is given as a visible stand-in
    (a document printed by `render` holds none left, so it passes byte for byte)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding...
        return getattr(self.stream, name)


@contextmanager
def gated_output() -> Iterator[None]:
    """Standard output and error, for the length of a command, through `VisibleStream`."""
    stdout, stderr = sys.stdout, sys.stderr
    if isinstance(stdout, VisibleStream):  # already gated (main called from main)
        yield
        return
    sys.stdout = cast(TextIO, VisibleStream(stdout))
    sys.stderr = cast(TextIO, VisibleStream(stderr))
    try:
        yield
    finally:
        for gated in (sys.stdout, sys.stderr):
            if isinstance(gated, VisibleStream):
                gated.flush()
        sys.stdout, sys.stderr = stdout, stderr
