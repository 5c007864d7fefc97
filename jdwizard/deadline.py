"""The application deadline as typed ("15 January 2030", "Jan 15", "open until filled"), read
leniently into a day, "ongoing", or a one-line problem that says what to write instead.

Pure. The engine inserts an `apply_by` answer as `sentence()`, the field screen shows the reading
(`check_answer`), and the JSON-LD's validThrough is the day read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_MONTH_WORDS = {name.lower(): number for number, name in enumerate(MONTHS, 1)} | {
    name[:3].lower(): number for number, name in enumerate(MONTHS, 1)} | {"sept": 9}
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
                       "sat", "sun"})
# Words around a date that say nothing more: "by the 15th of January", "apply before 1 May".
_FILLER = frozenset({"by", "before", "on", "the", "of", "until", "till", "apply", "deadline",
                     "closes", "closing", "close", "date", "no", "later", "than", "is", "open",
                     "applications", "are"})
_ONGOING = re.compile(
    r"\b(?:ongoing|rolling|open|until\s+(?:the\s+)?(?:role|position|job|post|vacancy)?\s*"
    r"(?:is\s+|has\s+been\s+)?filled|no\s+deadline)\b", re.IGNORECASE)
_ONGOING_WORDS = frozenset({"ongoing", "rolling", "open", "until", "the", "role", "position",
                            "job", "post", "vacancy", "is", "has", "been", "filled", "no",
                            "deadline", "basis", "applications", "are", "on", "a", "we", "accept",
                            "continuously", "always"})
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{2,4})")
_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)?|[^\W\d_]+")
EXAMPLE = "15 January 2030"
ONGOING_TEXT = "open until filled"


@dataclass(frozen=True)
class Deadline:
    """A deadline as read: a day, or ongoing; `problem` says what is wrong (the day is kept
    when it was read but will not do, e.g. a past date)."""

    day: date | None
    ongoing: bool = False
    problem: str | None = None


def read_deadline(text: str, today: date) -> Deadline | None:
    """The deadline `text` states, read against `today`; None when it is blank."""
    typed = " ".join(text.split())
    if not typed:
        return None
    clean = typed.lower().strip(" .!")
    words = _TOKEN.findall(clean)
    if _ONGOING.search(clean) and all(word in _ONGOING_WORDS for word in words):
        return Deadline(None, ongoing=True)
    found = _iso(clean) or _numeric(typed, clean) or _named(words, today)
    if found is None:
        return Deadline(None, problem=f"cannot read {typed!r} as a date; write it like "
                        f"{EXAMPLE}, or '{ONGOING_TEXT}'")
    if isinstance(found, str):
        return Deadline(None, problem=found)
    if found < today:
        return Deadline(found, problem=f"{describe_day(found)} is in the past; give a later "
                        f"date, or '{ONGOING_TEXT}'")
    return Deadline(found)


def describe_day(day: date) -> str:
    """`15 January 2030`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def describe(deadline: Deadline) -> str:
    """The deadline as the post says it: "15 January 2030", "open until filled" ("" when it
    was not read)."""
    if deadline.ongoing:
        return ONGOING_TEXT
    return describe_day(deadline.day) if deadline.day is not None else ""


def reading(deadline: Deadline) -> str:
    """The deadline shown back to the user: "Friday 15 January 2027", "open until filled"."""
    if deadline.day is not None:
        return f"{deadline.day:%A} {describe_day(deadline.day)}"
    return describe(deadline)


def sentence(text: str, today: date) -> str:
    """What the post says for the answer `text`: "Apply by 15 January 2030.", "Applications
    are open until the role is filled.", or, for what cannot be read, "Apply by <as typed>."
    ("" for a blank answer)."""
    deadline = read_deadline(text, today)
    if deadline is None:
        return ""
    if deadline.ongoing:
        return "Applications are open until the role is filled."
    if deadline.day is not None:
        return f"Apply by {describe_day(deadline.day)}."
    return f"Apply by {' '.join(text.split()).rstrip('.')}."


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _invalid(typed: str) -> str:
    return f"{typed} is not a day of the calendar; write it like {EXAMPLE}"


def _iso(clean: str) -> date | str | None:
    """`2030-01-15` (the whole answer)."""
    match = _ISO.fullmatch(clean)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return _day(year, month, day) or _invalid(match.group(0))


def _numeric(typed: str, clean: str) -> date | str | None:
    """`15/01/2030`, `1.2.2030`, `15-01-2030`, `2030/01/15`: a day and a month in either order
    when only one reading is a date; the user is asked to write the month when both are."""
    match = _NUMERIC.fullmatch(clean)
    if match is None:
        return None
    first, second, third = match.groups()
    if len(first) == 4:  # year first: always year, month, day
        return _day(int(first), int(second), int(third)) or _invalid(match.group(0))
    if len(first) == 3 or len(third) == 3:
        return None
    year = int(third) + (2000 if len(third) == 2 else 0)
    one, two = int(first), int(second)
    readings = {d for d in (_day(year, two, one), _day(year, one, two)) if d is not None}
    if not readings:
        return _invalid(match.group(0))
    if len(readings) > 1:
        a, b = sorted(readings, key=lambda d: (d.month != two, d))
        return (f"{match.group(0)} could be {a.day} {MONTHS[a.month - 1]} or "
                f"{b.day} {MONTHS[b.month - 1]}; write the month, e.g. {describe_day(a)}")
    return readings.pop()


def _named(words: list[str], today: date) -> date | str | None:
    """A month by name with a day, and a year or not: "15 January 2030", "January 15, 2030",
    "15th of Jan", "Friday 15 January 2027". Without a year: the next such day on or after
    `today`."""
    months = [_MONTH_WORDS[w] for w in words if w in _MONTH_WORDS]
    numbers = [w for w in words if w[0].isdigit()]
    others = [w for w in words if not w[0].isdigit() and w not in _MONTH_WORDS
              and w not in _WEEKDAYS and w not in _FILLER]
    if len(months) != 1 or others or not 1 <= len(numbers) <= 2:
        return None
    days = [int(w.rstrip("stndrh")) for w in numbers if len(w.rstrip("stndrh")) <= 2]
    years = [int(w) for w in numbers if len(w) == 4 and w.isdigit()]
    if len(days) != 1 or len(years) != len(numbers) - 1:
        return None
    month, day = months[0], days[0]
    if years:
        return _day(years[0], month, day) or _invalid(f"{day} {MONTHS[month - 1]} {years[0]}")
    for year in range(today.year, today.year + 9):  # 29 February: the next leap year
        found = _day(year, month, day)
        if found is not None and found >= today:
            return found
    return _invalid(f"{day} {MONTHS[month - 1]}")
