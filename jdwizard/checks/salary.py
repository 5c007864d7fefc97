"""Parse the salary range a hiring manager types, leniently, and normalise it.

Accepts what people actually write: "$150k–190k", "€60.000–€75.000 per year",
"£45k–55k pa", "$40-55/hr", "120 000 – 140 000 SEK per month", "between $150k and $190k",
and a single fixed rate ("$32/hour": minimum and maximum equal). Rates per mile, piece, shift or
the like keep that unit as their period; hours of work ("40 hours per week"), percentages and
extras after the pay ("+ super", "plus commission", "+ $40k variable, OTE $120k") are not amounts.
Amounts are `Decimal`s so hourly rates keep their cents ("$42.50"); whole amounts are
stored without a fractional part (Decimal("150000")), anything else rounded to cents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

EXAMPLE = '"$150k–190k per year"'

_SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f]")
_DASHES = re.compile(r"[-\u2010-\u2015\u2212]+")  # hyphens, en/em dashes, minus; "--" is one dash

_CODES = (
    "usd", "eur", "gbp", "cad", "aud", "nzd", "chf", "sek", "nok", "dkk", "pln", "czk",
    "inr", "jpy", "cny", "sgd", "hkd", "brl", "mxn", "zar", "aed", "ils", "krw",
)
_DOLLARS = ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN")
# Each mark's possible ISO codes, most likely first; None: stated, but not which one.
_MARKS: dict[str, tuple[str | None, ...]] = {
    "$": _DOLLARS, "us$": ("USD",), "ca$": ("CAD",), "c$": ("CAD",), "au$": ("AUD",),
    "a$": ("AUD",), "nz$": ("NZD",), "sg$": ("SGD",), "s$": ("SGD",), "hk$": ("HKD",),
    "mx$": ("MXN",), "r$": ("BRL",), "€": ("EUR",), "£": ("GBP",), "¥": ("JPY", "CNY"),
    "₹": ("INR",), "rs": ("INR",), "kr": (None, "SEK", "NOK", "DKK"),
}
_CURRENCY = re.compile(
    r"(?<![a-z])(?:(?:us|ca|c|au|a|nz|sg|s|hk|mx|r)\$|(?:rs|kr)(?![a-z])\.?"
    r"|(?:" + "|".join(_CODES) + r")(?![a-z]))|[$€£¥₹]"
)
# Units a rate is paid by, other than time; only after "per", "a", "an", "each" or "/".
PIECE_UNITS = ("mile", "km", "piece", "shift", "delivery", "visit", "session", "load", "lesson")
_PIECE = (r"(?:\bper\s+|(?<![a-z])an?\s+|\beach\s+|/\s*)(?:miles?|km|pieces?|shifts?"
          r"|deliver(?:y|ies)|visits?|sessions?|loads?|lessons?)(?![a-z])")
_PERIOD = re.compile(
    _PIECE + r"|(?<![a-z])(?:years?|yrs?|yearly|annum|annual(?:ly)?|p\.?a\.?|months?|monthly|mos?"
    r"|weeks?|weekly|wks?|days?|daily|hours?|hourly|hrs?|p\.?h\.?)(?![a-z])"
    r"|/\s*[ymwdh](?![a-z])"
)
_TIME_UNITS = r"(?:hours|hrs|days|weeks|wks|months|years|yrs|minutes|mins|hour|hr)"
# Time worked or asked for, not pay: "40 hours per week", "3-5 years", "a 38-hour week",
# "40 hours weekly", "hours: 40 per week": a yearly salary followed by weekly hours has one
# period.
_DURATION = re.compile(
    r"(?<![\d$€£¥₹.,])(?:\d+(?:[.,]\d+)?\s*(?:-|to)\s*)?\d+(?:[.,]\d+)?\s*\+?\s*-?\s*"
    r"(?:(?:hours|hrs|days|weeks|wks|months|years|yrs|minutes|mins)(?![a-z])"
    r"|(?:hour|hr|day|year)\s*(?:weeks?|shifts?|days?|months?|contracts?)(?![a-z]))"
    r"(?:(?:\s+of\s+work)?\s*(?:per|a|an|each|every|/)\s*(?:week|wk|day|month|fortnight|shift"
    r"|year)(?![a-z])|\s*(?:weekly|daily|monthly|fortnightly)(?![a-z]))?"
    # "hours: 40 per week", "hours: 37.5 a week"
    r"|\b(?:hours|hrs)\s*:\s*\d+(?:[.,]\d+)?(?:\s*(?:per|a|an|/)\s*(?:week|wk|day|month"
    r"|fortnight)(?![a-z])|\s*(?:weekly|daily))?"
)
_PERCENT = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?\s*%")
_EXTRA_WORDS = (
    r"(?:super|superannuation|bonus(?:es)?|commissions?|tips|gratuities|equity|stock|shares"
    r"|options|rsus?|benefits|overtime|allowances?|incentives?|variable|ote|on[- ]target"
    r"|penalty|penalties|pension|401\(?k\)?)(?![a-z])"
)
# Extras after the pay, to the end of their clause: "+ super", "plus commission",
# "+ $40k variable", ", OTE $120k", "and a yearly bonus"; only "+"/"plus" may skip an amount.
_EXTRAS = re.compile(
    r"(?:\+|\bplus\b)\s*(?:[^\s,;+()]+\s+){0,3}?" + _EXTRA_WORDS + r"[^,;)]*"
    r"|(?:\band\b|\bwith\b|[,;(&])\s*(?:[^\s\d,;+()]+\s+){0,3}?" + _EXTRA_WORDS + r"[^,;)]*"
)
_TOKEN = re.compile(
    r"(?P<number>\d{1,3}(?: \d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"(?:\s*(?P<suffix>k|thousand|mn|m|million|lakhs?|lacs?|l|crores?|cr)(?![a-z]))?"
    r"|(?P<word>[a-z]+)|[-+]"
)
_MULTIPLIERS = {
    "k": 1_000, "thousand": 1_000, "m": 10**6, "mn": 10**6, "million": 10**6,
    "l": 10**5, "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5,
    "cr": 10**7, "crore": 10**7, "crores": 10**7,
}
_BEFORE_SIGN = {"-", "to", "and", "from", "between"}  # a "-" after these is a minus sign
_OPEN_WORDS = {
    "from", "starting", "starts", "start", "up", "upto", "over", "above", "under", "below",
    "least", "most", "min", "minimum", "max", "maximum", "plus",
}


class SalaryError(ValueError):
    """One-line message telling the user what is wrong and what to type instead."""


@dataclass(frozen=True)
class SalaryRange:
    """A salary range as understood; amounts in whole units of currency (cents allowed)."""

    minimum: Decimal
    maximum: Decimal
    currency: str | None  # ISO 4217 code ("USD", "EUR", ...); None when not stated
    period: str | None  # "year" | "month" | "week" | "day" | "hour", or a PIECE_UNITS one
    #                     ("mile", "piece", "shift", ...); None when not stated

    def normalised(self) -> str:
        """The range written one way: "USD 150,000–190,000 per year"; a fixed rate as one
        amount: "USD 32 per hour"."""
        text = f"{format_amount(self.minimum)}–{format_amount(self.maximum)}"
        if self.minimum == self.maximum:
            text = format_amount(self.minimum)
        if self.currency:
            text = f"{self.currency} {text}"
        return f"{text} per {self.period}" if self.period else text


@dataclass(frozen=True)
class _Amount:
    """One number as typed, with its own multiplier ("k", "M", "L") if any."""

    number: Decimal
    multiplier: int | None
    negative: bool

    @property
    def value(self) -> Decimal:
        return self.number * (self.multiplier or 1)


def format_amount(amount: Decimal) -> str:
    """Comma thousands separators; two decimals only when not whole: "150,000", "42.50"."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    return f"{amount:,.2f}"


def parse_salary(text: str) -> SalaryRange:
    """Read `text` as a salary range; raise SalaryError when it isn't a usable one."""
    try:
        return _parse(text)
    except ArithmeticError:  # e.g. a pasted 30-digit number overflows Decimal quantize
        raise SalaryError(
            f"Those numbers are too large to be a salary; try e.g. {EXAMPLE}."
        ) from None


def _parse(text: str) -> SalaryRange:
    clean = _DASHES.sub("-", _SPACES.sub(" ", text.strip().lower()))
    if not clean:
        raise SalaryError(f"No salary range given; type a minimum and a maximum, e.g. {EXAMPLE}.")
    clean = _EXTRAS.sub(" ", _PERCENT.sub(" ", _DURATION.sub(" ", clean)))
    marks, clean = _pull(_CURRENCY, clean)
    units, clean = _pull(_PERIOD, clean)
    low, high = _pair(*_scan(clean))
    currency, period = _currency(marks), _period(units)
    if low > high:
        swapped = SalaryRange(high, low, currency, period).normalised()
        raise SalaryError(
            f"The minimum ({format_amount(low)}) is above the maximum ({format_amount(high)});"
            f' swap them: "{swapped}".'
        )
    return SalaryRange(low, high, currency, period)


def _pull(pattern: re.Pattern[str], text: str) -> tuple[list[str], str]:
    """The matches of `pattern` in `text`, and `text` with each of them blanked out."""
    return [m.group(0) for m in pattern.finditer(text)], pattern.sub(" ", text)


def _scan(text: str) -> tuple[list[_Amount], bool]:
    """The amounts in `text`, and whether it reads as open-ended ("150k+", "up to 190k")."""
    amounts: list[_Amount] = []
    open_ended = False
    kinds: list[str] = []  # "#" for a number, else the word or the "-"/"+" sign
    for match in _TOKEN.finditer(text):
        if match["number"]:
            negative = kinds[-1:] == ["-"] and (len(kinds) == 1 or kinds[-2] in _BEFORE_SIGN)
            multiplier = _MULTIPLIERS.get(match["suffix"] or "")
            amounts.append(_Amount(_number(match["number"]), multiplier, negative))
            kinds.append("#")
        else:
            kind = match.group(0)
            open_ended |= kind in _OPEN_WORDS or (kind == "+" and kinds[-1:] == ["#"])
            kinds.append(kind)
    return amounts, open_ended


def _number(raw: str) -> Decimal:
    """A number as typed ("150,000", "60.000", "120 000", "42.50", "1.234,56", "1,5")."""
    digits = raw.replace(" ", "")
    separators = [c for c in digits if c in ",."]
    point: str | None = None  # the decimal separator, if any
    if len(set(separators)) == 2:
        point = separators[-1]
    elif len(separators) == 1 and len(digits.partition(separators[0])[2]) != 3:
        point = separators[0]
    whole, _, fraction = digits.rpartition(point) if point else (digits, "", "0")
    return Decimal(f"{whole.replace(',', '').replace('.', '')}.{fraction}")


def _pair(amounts: list[_Amount], open_ended: bool) -> tuple[Decimal, Decimal]:
    """The minimum and maximum, from two positive amounts, or one (a fixed rate) twice."""
    if not amounts:
        raise SalaryError(f"Couldn't read a salary range here; try e.g. {EXAMPLE}.")
    if len(amounts) == 1 and open_ended:
        raise SalaryError(
            f"The range is open-ended; give both a minimum and a maximum, e.g. {EXAMPLE}."
        )
    if len(amounts) == 1:
        amounts = amounts * 2
    if len(amounts) > 2:
        raise SalaryError(
            f"Found {len(amounts)} amounts; type just the minimum and the maximum, e.g. {EXAMPLE}."
        )
    low, high = (_tidy(value) for value in _share_multiplier(*amounts))
    if amounts[0].negative or amounts[1].negative or low <= 0 or high <= 0:
        raise SalaryError(f"Both amounts must be above zero; try e.g. {EXAMPLE}.")
    return low, high


def _share_multiplier(low: _Amount, high: _Amount) -> tuple[Decimal, Decimal]:
    """Both ends' values, a lone "k"/"M" applying to both when that is what was meant.

    "150-190k" -> 150,000..190,000 (the bare minimum is small); "150k-190" -> likewise.
    """
    low_value, high_value = low.value, high.value
    if high.multiplier and not low.multiplier and low.number * high.multiplier <= high_value:
        low_value = low.number * high.multiplier
    elif low.multiplier and not high.multiplier and high_value < low_value:
        widened = high.number * low.multiplier
        high_value = widened if widened >= low_value else high_value
    return low_value, high_value


def _tidy(value: Decimal) -> Decimal:
    """`value` rounded to cents, with no fractional part when whole."""
    cents = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return cents.quantize(Decimal(1)) if cents == cents.to_integral_value() else cents


def _currency(marks: list[str]) -> str | None:
    """The one ISO code all currency marks agree on ("$" + "CAD" is CAD); None if none."""
    options: list[str | None] | None = None
    for mark in marks:
        key = mark.rstrip(".")
        allowed = _MARKS.get(key, (key.upper(),))
        options = list(allowed) if options is None else [c for c in options if c in allowed]
        if not options:
            shown = " and ".join(dict.fromkeys(m.rstrip(".").upper() for m in marks))
            raise SalaryError(f"The range mixes currencies ({shown}); use one, e.g. {EXAMPLE}.")
    return options[0] if options else None


def _period(units: list[str]) -> str | None:
    """The one period the text states ("per year", "/hr", "pa"), or None."""
    periods = list(dict.fromkeys(_unit_period(unit) for unit in units))
    if len(periods) > 1:
        raise SalaryError(
            f"The range names more than one period ({' and '.join(periods)}); keep one,"
            f" e.g. {EXAMPLE}."
        )
    return periods[0] if periods else None


def period_of(unit: str) -> str | None:
    """The period a unit as typed names ("per year", "/hr", "annually", "a mile"), or None when
    it names none."""
    match = _PERIOD.search(_SPACES.sub(" ", unit.strip().lower()))
    return _unit_period(match.group(0)) if match else None


def _unit_period(unit: str) -> str:
    """The period a unit names: "yr" and "p.a." are "year", "/mo" is "month", "hourly" "hour";
    "per mile" is "mile", "/shift" "shift", "a delivery" "delivery"."""
    word = unit.lstrip("/ ").replace(".", "")
    last = word.split()[-1] if word.strip() else word
    for piece in PIECE_UNITS:
        if last.startswith(piece[:5]):  # "miles", "deliveries"
            return piece
    if word.startswith(("y", "an", "pa")):
        return "year"
    if word.startswith("m"):
        return "month"
    return {"w": "week", "d": "day"}.get(word[0], "hour")
