"""jdwizard: a guided terminal wizard for drafting job descriptions from templates."""

__version__ = "0.1.0"
