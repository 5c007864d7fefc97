"""benchmarks/skeleton.py draws jdwizard's first screens with Textual alone, as the reference of
benchmarks/figures.py: its widgets must stay those of the real screens."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.widget import Widget

from jdwizard.draft.opening import new_session
from jdwizard.ui.app import JDWizardApp

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def textual_class(widget: Widget) -> str:
    """The Textual class a widget is (an answer box is a TextArea, the fields list an
    OptionList): the first of its classes that is Textual's own."""
    return next(cls.__name__ for cls in type(widget).__mro__
                if cls.__module__.startswith("textual."))


def shape(app: App[None]) -> list[tuple[int, str, str]]:
    """Each widget of the screen: its depth, Textual class and id (answer boxes by kind)."""
    rows = []

    def walk(node: Widget, depth: int) -> None:
        for child in node.children:
            name = child.id or ""
            if name.startswith("answer-"):
                name = "answer-box"
            rows.append((depth, textual_class(child), name))
            walk(child, depth + 1)

    walk(app.screen, 0)
    return rows


@pytest.fixture
def skeleton():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import figures
        import skeleton

        yield skeleton, figures.screens_spec()
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.mark.parametrize("which", ["field", "start"])
async def test_the_skeleton_draws_the_widgets_of_the_real_screen(skeleton, which, backend,
                                                                 drafts_folder):
    module, spec = skeleton
    session = new_session(backend, None, {}) if which == "field" else None
    real = JDWizardApp(session, drafts_folder)
    async with real.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        expected = shape(real)
        expected_classes = sorted(real.screen.classes)
    alone = module.skeleton_app(spec, which, report=False)
    async with alone.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        assert shape(alone) == expected
        assert sorted(alone.screen.classes) == expected_classes
