"""How the UI marks a finding by severity: a symbol and a Rich style."""

MARKS = {"error": ("✗ ", "bold red"), "warning": ("! ", "bold yellow"), "info": ("i ", "bold blue")}
