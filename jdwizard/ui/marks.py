"""How the UI marks a finding by severity: a symbol and a Rich style."""

from __future__ import annotations

from jdwizard.checks.finding import Severity

MARKS = {
    Severity.ERROR: ("✗ ", "bold red"),
    Severity.WARNING: ("! ", "bold yellow"),
    Severity.INFO: ("i ", "bold blue"),
}

PROBLEM = "bold red"  # a message in place of the document, when the template cannot render it
