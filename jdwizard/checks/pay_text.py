"""Find the pay statement of a plain job post on any line, with or without a pay word.

A statement is an amount or a range ("$70,000 - $79,000 a year", "€60.000–75.000",
"$25-$26+ per hour", "$0.65 per mile"), with its own period only. On a line with a pay word
("Salary:", "Pay", "base", "OTE", ...) or under a pay heading any such amount counts; elsewhere
only a currency amount that is a range or has a period. Not pay: times, dates, percentages,
phone numbers, durations ("40 hours", "3-5 years"), counts ("$8T industry", "4,000 shops") and
amounts that name a benefit ("$2,000 a year learning budget", "a bonus of up to $10,000").
On-target earnings: the base is the pay ("$80k base + $40k variable, OTE $120k" reads $80k);
an OTE alone is read as the pay. Each line is read once, in one pass of tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jdwizard.checks.salary import SalaryError, parse_salary

_UNITS = (r"(?:years?|yrs?|annum|months?|mos?|weeks?|wks?|days?|hours?|hrs?|h|miles?|km"
          r"|pieces?|shifts?|deliver(?:y|ies)|visits?|sessions?|loads?|lessons?)")
_TOKEN = re.compile(
    r"(?P<phone>(?<![\d$€£¥₹])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
    r"(?!\d))"
    r"|(?P<time>\d{1,2}(?::\d{2})?\s?[ap]\.?m\b\.?|\d{1,2}:\d{2})"
    r"|(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?!\d))"
    r"|(?P<cur>(?<![^\W\d_])(?:(?:us|ca|c|au|a|nz|sg|s|hk|mx|r)\$|(?:rs|kr)(?![^\W\d_])\.?"
    r"|(?:usd|eur|gbp|cad|aud|nzd|chf|sek|nok|dkk|pln|czk|inr|jpy|cny|sgd|hkd|brl|mxn|zar"
    r"|aed|ils|krw)(?![^\W\d_]))|[$€£¥₹])"
    r"|(?P<num>\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"(?P<suffix>\s?(?:k|thousand|mn|m|million|lakhs?|lacs?|l|crores?|cr)(?![^\W\d_]))?"
    r"(?P<glued>[^\W\d_]+)?(?P<pct>\s?%)?"
    r"|(?P<per>(?:per|an?|each|every)\s+" + _UNITS + r"(?![^\W\d_])|/\s?" + _UNITS
    + r"(?![^\W\d_])|/\s?[ymwdh](?![^\W\d_])|per\s+annum\b)"
    r"|(?P<adv>(?:annually|annual|yearly|hourly|monthly|weekly|daily|p\.a\.|p\.h\.|pa|ph"
    r"|yr|hr)(?![^\W\d_]))"
    r"|(?P<dash>[-\u2010-\u2015\u2212~]+|\b(?:to|and)\b)"
    r"|(?P<plus>\+)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<punct>[^\w\s])",
    re.IGNORECASE,
)
_PAY_WORD = re.compile(
    r"\b(?:salary|salaries|pay|paid|compensation|wages?|remuneration|earnings|ote|base"
    r"|on[- ]target|(?:hourly|daily|day|pay)\s+rate|rate\s+of\s+pay)\b",
    re.IGNORECASE,
)
# A pay scale or grade named for the pay: a civil-service grade ("GS-11"), a collective
# agreement's group ("Entgeltgruppe 9", "TVöD E13"), a named band ("NHS Band 5", "pay grade 7").
_SCALE = re.compile(
    r"\bGS-?\d{1,2}(?:\s*(?:-|\u2013|to|/)\s*(?:GS-?)?\d{1,2})?\b"
    r"|\b(?:Entgelt|Tarif|Besoldungs|Gehalts|Lohn|Vergütungs)gruppe\s*[A-Z]{0,2}\s?\d{1,2}[a-z]?\b"
    r"|\bTV(?:öD|oeD|-?L|-?H)\b(?:[\s-]*(?:EG|E)?\s?\d{1,2}\b)?"
    r"|\b(?:pay|salary|wage)\s+(?:band|grade|scale|level|group|step)\s*:?\s*[A-Z]{0,2}-?\d{1,2}[a-z]?\b"
    r"|\b(?:NHS\s+|AfC\s+)band\s*\d{1,2}[a-z]?\b|\bAgenda\s+for\s+Change\b"
    r"|\bcollective\s+(?:bargaining\s+|labou?r\s+)?agreement\b",
    re.IGNORECASE)
# On a pay line only: "Salary: Band 5", "Pay: Grade 7, step 2".
_SCALE_ON_PAY_LINE = re.compile(
    r"\b(?:band|grade|level|step|scale|group)\s*[A-Z]{0,2}-?\d{1,2}[a-z]?\b", re.IGNORECASE)
_LABEL_PERIOD = re.compile(r"\b(?:annual|yearly|hourly|monthly|weekly|daily)\b", re.IGNORECASE)
_DURATION_WORDS = frozenset((
    "hours", "hrs", "hour", "hr", "days", "day", "weeks", "wks", "week", "months", "month",
    "years", "yrs", "year", "minutes", "minute", "mins", "min", "experience", "old",
))
# Words next to an amount that make it something other than pay.
_NOT_PAY = frozenset((
    "bonus", "bonuses", "budget", "stipend", "stipends", "allowance", "allowances",
    "reimbursement", "credit", "credits", "match", "equity", "stock", "shares", "options",
    "funding", "raised", "raise", "revenue", "revenues", "valuation", "industry", "market", "arr",
    "gmv", "sales", "fund", "funds", "grant", "grants", "award", "prize", "investment",
    "investments", "signing", "relocation", "referral", "discount", "customers", "users",
    "transactions", "loan", "loans", "assets", "plans", "plan", "price", "prices",
    "pricing", "cost", "costs", "subscription", "fee", "fees", "spend", "save", "saved", "savings",
    "worth", "variable", "commission", "commissions", "tips", "premium", "premiums",
    "differential", "differentials", "uplift", "supplement", "supplements", "overtime",
))
# Extras after "+": "+ super", "+ bonus" (an open-ended "+" is followed by none of these).
_EXTRA = frozenset((
    "super", "superannuation", "bonus", "bonuses", "commission", "commissions", "tips", "equity",
    "stock", "options", "shares", "rsus", "benefits", "overtime", "allowance", "allowances",
    "incentive", "incentives", "pension", "kiwisaver",
))
# Words between a pay statement and a period at the end of its line that leave the period its
# own: "$70k-$80k base + $70k-$80k variable (OTE $140k-$160k) per year".
_BETWEEN_EXTRAS = _EXTRA | frozenset(("base", "variable", "ote", "on", "target", "plus", "and",
                                      "with", "commission", "salary", "up", "to", "total"))
_PERIOD_WORDS = {"year": "yearly", "month": "monthly", "week": "weekly", "day": "daily",
                 "hour": "hourly"}
_OPEN_BEFORE = frozenset((
    "up", "to", "upto", "from", "starting", "starts", "at", "least", "over", "above", "min",
    "minimum",
))
_OPEN_WORDS = _OPEN_BEFORE - {"to", "at"}
# Words that may follow a bare amount (no currency) on a pay line: "150000 gross".
_AFTER_BARE = frozenset((
    "gross", "net", "base", "depending", "doe", "doq", "plus", "before", "pre", "and", "with",
))


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int
    amount: bool = False  # a number that may be an amount (not a count, time, % or date)
    period: bool = False  # an amount with its period glued on: "12.50ph"


@dataclass(frozen=True)
class _Statement:
    text: str
    period: bool  # whether it states its own period
    later: str | None = None  # the period at the end of its line, past extras: "yearly"


def _tokens(line: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(line):
        kind = match.lastgroup or "punct"
        if kind in ("suffix", "glued", "pct"):
            kind = "num"
        glued = (match["glued"] or "").lower()
        period = glued in ("ph", "pa", "hr", "yr")
        amount = kind == "num" and not match["pct"] and (not glued or period)
        tokens.append(_Token(kind, match.group(0), match.start(), match.end(), amount, period))
    return tokens


def _amount(tokens: list[_Token], at: int) -> tuple[int, bool, bool] | None:
    """Past an amount starting at `at` ("CAD $", "150k", "USD", "/yr"), and whether it has a
    currency and a period of its own."""
    currency = False
    for _ in range(2):  # "CAD $120k"
        if at < len(tokens) and tokens[at].kind == "cur":
            currency, at = True, at + 1
    if at >= len(tokens) or not tokens[at].amount:
        return None
    period = tokens[at].period  # "£12.50ph"
    at += 1
    if at < len(tokens) and tokens[at].kind == "cur" and (  # "60.000 EUR", "120.000 € -"
        tokens[at].text[0].isalpha() or at + 1 == len(tokens) or tokens[at + 1].kind != "num"
    ):
        currency, at = True, at + 1
    if at < len(tokens) and tokens[at].kind in ("per", "adv"):
        period, at = True, at + 1
    return at, currency, period


def _word(tokens: list[_Token], at: int) -> str:
    return tokens[at].text.lower() if at < len(tokens) else ""


def _statement(
    line: str, tokens: list[_Token], at: int, pay_line: bool, later: list[str | None]
) -> tuple[int, _Statement | None]:
    """The statement starting at token `at`, if any, and the token to go on from."""
    first = _amount(tokens, at)
    if first is None:
        return at + 1, None
    end, currency, period = first
    if not currency and end + 1 < len(tokens) and tokens[end].text == "-" and (
        tokens[end + 1].kind == "word" and tokens[end + 1].start == tokens[end].end
    ):
        return end + 1, None  # a count in a compound: "a paid 30-minute break"
    is_range = False
    if end < len(tokens) and tokens[end].kind == "dash":
        second = _amount(tokens, end + 1)
        if second is not None and not (
            _word(tokens, second[0]) in _DURATION_WORDS and not second[1]
        ):  # not "$60,000 per year - 40 hours per week"
            end, is_range = second[0], True
            currency, period = currency or second[1], period or second[2]
    last = end  # one past the last token of the statement
    if _word(tokens, last) == "+" and not (
        last + 1 < len(tokens)
        and (tokens[last + 1].kind in ("cur", "num") or _word(tokens, last + 1) in _EXTRA)
    ):
        last += 1  # "150k+", "$26+ per hour": open-ended; "+ super", "+ $40k": an extra
        if last < len(tokens) and tokens[last].kind in ("per", "adv"):
            period, last = True, last + 1
    if not currency and tokens[last:last + 1] and tokens[last].kind == "word" and (
        _word(tokens, last) not in _AFTER_BARE
    ):
        return end, None  # a count or a duration: "4,000 shops", "3-5 years of experience"
    if not (currency or is_range or period) and _year_like(tokens[at:end]):
        return end, None
    if _names_a_benefit(tokens, at, last):
        return last, None
    if not pay_line and not (currency and (is_range or period)):
        return last, None
    start = at
    while start > 0 and at - start < 2 and _word(tokens, start - 1) in _OPEN_BEFORE:
        start -= 1  # "up to $25/hour", "from $150k": open-ended, a problem to show
    if not _OPEN_WORDS & {_word(tokens, index) for index in range(start, at)}:
        start = at
    text = line[tokens[start].start:tokens[last - 1].end]
    return last, _Statement(text, period, None if period else later[last])


def _later_periods(tokens: list[_Token]) -> list[str | None]:
    """For each token, the period ending the line past extras only, as one word ("yearly"):
    the period of "$70k-$80k base + $70k-$80k variable (OTE $140k-$160k) per year". Read once,
    from the end of the line."""
    from jdwizard.checks.salary import period_of

    later: list[str | None] = [None] * (len(tokens) + 1)
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if token.kind in ("per", "adv"):
            later[index] = _PERIOD_WORDS.get(period_of(token.text) or "")
        elif not ((token.kind == "word" and token.text.lower() not in _BETWEEN_EXTRAS)
                  or (token.kind == "punct" and token.text in ".;:!?")):
            later[index] = later[index + 1]
    return later


def _year_like(tokens: list[_Token]) -> bool:
    return any(t.kind == "num" and re.fullmatch(r"(?:19|20)\d\d", t.text) for t in tokens)


def _names_a_benefit(tokens: list[_Token], first: int, last: int) -> bool:
    """Whether the words just before the amount (in its clause) or right after it name
    something other than pay: "bonus of up to $10,000", "$2,000 a year learning budget"."""
    for index in range(last, min(last + 3, len(tokens))):
        if tokens[index].kind != "word" or tokens[index].text.lower() in ("plus", "with"):
            break  # "plus commission": an extra after the pay, not what the amount is
        if tokens[index].text.lower() in _NOT_PAY:
            return True
    for index in range(first - 1, max(first - 5, -1), -1):
        if tokens[index].kind not in ("word", "dash"):
            break
        if tokens[index].text.lower() in _NOT_PAY:
            return True
    return False


def _statements(line: str, pay_line: bool) -> list[_Statement]:
    tokens = _tokens(line)
    later: list[str | None] = (_later_periods(tokens) if pay_line
                               else [None] * (len(tokens) + 1))
    found = []
    at = 0
    while at < len(tokens):
        at, statement = _statement(line, tokens, at, pay_line, later)
        if statement is not None:
            found.append(statement)
    return found


def _with_period(line: str, statement: _Statement) -> str:
    """"Hourly rate: $18.50" -> "$18.50 hourly": a period in the label belongs to the amount,
    and so does one ending the line past extras only."""
    if statement.period:
        return statement.text
    label = line[:line.find(statement.text)]
    periods = {word.lower() for word in _LABEL_PERIOD.findall(label)}
    if len(periods) == 1:
        return f"{statement.text} {periods.pop()}"
    return f"{statement.text} {statement.later}" if statement.later else statement.text


def _reads(text: str) -> bool:
    try:
        parse_salary(text)
    except SalaryError:
        return False
    return True


def pay_scale(text: str, pay_line: bool) -> str | None:
    """The pay scale or grade `text` names ("GS-11", "Entgeltgruppe 9", "NHS Band 5"); on a pay
    line (`pay_line`) a bare "Band 5" or "Grade 7" too. None when it names none."""
    match = _SCALE.search(text) or (_SCALE_ON_PAY_LINE.search(text) if pay_line else None)
    return " ".join(match.group(0).split()) if match else None


def without_scale(text: str, pay_line: bool = True) -> str:
    """`text` with the pay scale or grade it names blanked out ("GS-11" is not 11 dollars)."""
    for pattern in (_SCALE, _SCALE_ON_PAY_LINE) if pay_line else (_SCALE,):
        text = pattern.sub(lambda match: " " * len(match.group()), text)
    return text


def pay_scale_in_text(text: str) -> str | None:
    """The first pay scale or grade a plain post names, as `pay_scale` reads each line (a pay
    line: one with a pay word, or the line under a pay heading)."""
    under_heading = False
    for line in text.splitlines():
        if not line.strip():
            continue
        has_pay_word = bool(_PAY_WORD.search(line))
        found = pay_scale(line, under_heading or has_pay_word)
        if found:
            return found
        under_heading = has_pay_word and len(line.split()) <= 4
    return None


def salary_in_text(text: str) -> str | None:
    """The pay statement of a plain job post, as a string `parse_salary` reads: the first one
    on a pay line (a pay word, or the line under a pay heading) that reads, else the first one
    elsewhere that reads, else the first one found (so that its problem can be shown)."""
    on_pay_lines: list[str] = []
    elsewhere: list[str] = []
    under_heading = False
    for line in text.splitlines():
        if not line.strip():
            continue
        has_pay_word = bool(_PAY_WORD.search(line))
        pay_line = under_heading or has_pay_word
        line = without_scale(line, pay_line)
        statements = _statements(line, pay_line)
        under_heading = has_pay_word and not statements
        found = [_with_period(line, s) if pay_line else s.text for s in statements]
        (on_pay_lines if pay_line else elsewhere).extend(found)
    for candidate in (*on_pay_lines, *elsewhere):
        if _reads(candidate):
            return candidate
    first = on_pay_lines or elsewhere
    return first[0] if first else None
