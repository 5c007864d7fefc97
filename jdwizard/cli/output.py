"""Printing for the command line: JSON for scripts."""

from __future__ import annotations

import json


def as_json(data: object) -> str:
    """`data` as indented JSON, non-ASCII text kept readable."""
    return json.dumps(data, indent=2, ensure_ascii=False)
