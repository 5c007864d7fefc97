"""Shared fixtures: every test runs with its own data folder and a clean environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from jdwizard.template.bundle import Template
from jdwizard.template.library import get_template


def loads_jinja2(code: str, home: Path) -> bool:
    """Whether running `code` in a fresh Python (with its own data folder) imports Jinja2."""
    import subprocess
    import sys

    env = {"JDWIZARD_HOME": str(home), "PATH": "/usr/bin:/bin"}
    script = f"{code}\nimport sys\nprint('jinja2' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, env=env)
    return result.stdout.strip() == "True"


# Plain answers for every field of the built-in Backend Engineer template.
BACKEND_ANSWERS = {
    "company": "Acme Logistics",
    "what_you_do": "a logistics platform that helps 4,000 shops ship faster",
    "scale": "40M API requests a day",
    "work_focus": "platform work",
    "seniority": "Senior",
    "hiring_manager": "Priya Shah, Head of Platform",
    "work_type": "Hybrid",
    "location": "Berlin, Germany",
    "language": "Go",
    "datastore": "PostgreSQL",
    "on_call": "a one-week rotation every six weeks, paid",
    "framework": "gRPC",
    "domain": "payments",
    "salary_range": "€60.000–€75.000 per year",
    "extra_pay": "equity",
    "benefits": "Health insurance\nA yearly learning budget",
    "pto_policy": "30 days of paid vacation",
}


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point JDWIZARD_HOME (and HOME, XDG) at a temporary folder: no test touches the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("JDWIZARD_HOME", str(home / "jdwizard"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    return home / "jdwizard"


@pytest.fixture
def backend() -> Template:
    return get_template("backend-engineer")


@pytest.fixture
def drafts_folder(isolated_home: Path) -> Path:
    return isolated_home / "drafts"
