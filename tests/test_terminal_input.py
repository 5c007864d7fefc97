"""Bytes from the terminal that are not UTF-8 (a Latin-1 terminal's "é", pasted binary): the
real `python -m jdwizard` in a pseudo-terminal (tests/pty_app.py) reads each as U+FFFD and goes
on, and a UTF-8 character split between two reads still arrives whole."""

from __future__ import annotations

from pathlib import Path

from jdwizard.draft.file import load_draft
from pty_app import CTRL_Q, START_TIMEOUT, PtyApp

FIRST_QUESTION = "What is your company called?"


def test_a_byte_that_is_not_utf8_is_typed_as_a_replacement_and_typing_goes_on(tmp_path: Path):
    path = tmp_path / "d.toml"
    with PtyApp(["new", "backend-engineer", "--draft", str(path)]) as app:
        app.wait_for(FIRST_QUESTION, timeout=START_TIMEOUT)
        mark = app.mark()
        app.send(b"Acme\xc3")  # "é" in UTF-8: its first byte here...
        app.wait_for("Acme", since=mark)  # (read: the decoder holds the half character)
        app.send(b"\xa9\xe9 Robotics")  # ...its second in the next read; then Latin-1 "é"
        app.wait_for("Robotics", since=mark)
        app.send(CTRL_Q)
        assert app.wait_exit() == 0
        assert "Traceback" not in app.text() and f"Draft saved: {path}" in app.text()
    assert load_draft(path).answers == {"company": "Acme\u00e9\ufffd Robotics"}
