"""Where a job is: the places a location names ("Denver, CO or remote in the US"), as a city,
an ISO 3166-2 region ("US-CO", "CA-BC") and an ISO 3166-1 country ("US", "DE"; "EU" for the
Union). The names come from jdwizard/data/places.toml. Pure: the pay rules and the JSON-LD of
an exported post (addressLocality, addressRegion, addressCountry) both read places through it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "places.toml"
_LONGEST = 4  # words in the longest name ("United States of America")
# Between places: ";", "/", "|", "•", "·", "&", a new line, and " or " / " and " in lower case
# ("Portland, OR" is a state code, not a choice).
_BETWEEN = re.compile(r"[;/|\n•·&+]|\s(?:or|and)\s")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʻ][^\W\d_]+)?")
_DOTTED = ((re.compile(r"\bD\.\s?C\.?"), "DC"), (re.compile(r"\bU\.S\.A\b\.?"), "USA"),
           (re.compile(r"\bU\.S\b\.?"), "US"), (re.compile(r"\bU\.K\b\.?"), "UK"),
           (re.compile(r"\bSt\.\s"), "St "))
_REMOTE = re.compile(r"(?<!\bno )(?<!\bnot )\b(?:remote|work from home|wfh)\b", re.IGNORECASE)
# Prose that makes a capitalised name a place of the job: "in Chicago", "our Chicago office".
_PROSE_RUN = re.compile(
    r"[A-Z][^\W\d_]*(?:['’][^\W\d_]+)?(?:[ \t]+(?:of[ \t]+)?[A-Z][^\W\d_]*){0,3}")
_BEFORE_PLACE = frozenset({"in", "at", "from", "near", "around", "across", "throughout", "our",
                           "outside", "based", "downtown", "within"})
_AFTER_PLACE = frozenset({"office", "offices", "hq", "headquarters", "studio", "campus", "hub",
                          "site", "warehouse", "store", "clinic", "branch", "area", "metro",
                          "location", "facility", "plant", "team", "based"})
_CODE_AFTER = re.compile(r",[ \t]*(?:[A-Z]{2}\b|[A-Z][^\W\d_]+(?:[ \t][A-Z][^\W\d_]+)?)")
_THE = re.compile(r"^The\s+")
_WINDOW = 40  # characters read either side of a name for the words around it
_JOINED = re.compile(r"\s*(?:,|,?\s*(?:and|or|&))\s*")
# Words around a place that are not part of it ("CO (Hybrid)", "Remote in the US").
_NOT_PLACE = frozenset({"remote", "hybrid", "onsite", "on", "site", "office", "in", "the",
                        "only", "fully", "based", "first", "from", "home", "work", "or", "and",
                        "within", "anywhere", "full", "time", "wfh", "of", "near"})


@dataclass(frozen=True)
class Place:
    """One place a location names; `text` is the part of the location it was read from."""

    city: str | None
    region: str | None  # ISO 3166-2, e.g. "US-CO"
    country: str | None  # ISO 3166-1 alpha-2, e.g. "US"; "EU" for the European Union
    remote: bool
    text: str


@dataclass(frozen=True)
class _Tables:
    capitals: dict[str, tuple[str, str]]  # short names matched only in capitals: "US", "NYC"
    names: dict[str, tuple[str, str]]  # lower-case name -> (kind, code or city)
    codes: dict[str, str]  # postal code -> ISO 3166-2: "CO" -> "US-CO"
    countries: frozenset[str]
    homes: dict[str, str]  # city -> its region or country
    region_names: dict[str, str]  # ISO 3166-2 -> its name: "US-CO" -> "Colorado"
    with_region: dict[str, str]  # "new york" -> "New York City" when "NY" follows
    eu: frozenset[str]


def _key(name: str) -> str:
    return " ".join(_WORD.findall(name)).lower()


@cache
def _tables() -> _Tables:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    capitals: dict[str, tuple[str, str]] = {}
    names: dict[str, tuple[str, str]] = {}

    def add(name: str, kind: str, value: str) -> None:
        if len(name) <= 3 and name.isupper():
            capitals[name] = (kind, value)
        else:
            names.setdefault(_key(name), (kind, value))

    # regions first: a name that is both ("Washington", "Georgia") is the region
    for code, (_, *region_names) in data["regions"].items():
        for name in region_names:
            add(name, "region", code)
    for code, country_names in data["countries"].items():
        for name in country_names:
            add(name, "country", code)
    for city, (_, *aliases) in data["cities"].items():
        for name in (city, *aliases):
            add(name, "city", city)
    return _Tables(
        capitals, names,
        {postal: code for code, (postal, *_) in data["regions"].items()},
        frozenset(data["countries"]),
        {city: home for city, (home, *_) in data["cities"].items()},
        {code: names[0] for code, (_, *names) in data["regions"].items() if names},
        {_key(name): city for name, city in data["with_region"].items()},
        frozenset(data["eu"]["members"]),
    )


def country_of(code: str) -> str:
    """The country of a region or country code: "US-CO" -> "US"."""
    return code.split("-", 1)[0]


def city_home(city: str) -> str | None:
    """The region of a city the data knows ("Columbus" -> "US-OH"); None when it is known by
    its country only, or not known."""
    home = _tables().homes.get(city)
    return home if home is not None and "-" in home else None


def region_name(code: str) -> str | None:
    """The name of a region: "US-CO" -> "Colorado" (None for a code the data does not know)."""
    return _tables().region_names.get(code)


def eu_members() -> frozenset[str]:
    """The ISO codes of the EU's member states."""
    return _tables().eu


@dataclass(frozen=True)
class _Hit:
    kind: str  # "city" | "region" | "country"
    value: str  # a city's name, or a code
    written: str  # as the text has it
    piece: int  # which comma-separated piece of the part


def _scan(words: list[str], piece: int, tables: _Tables) -> list[_Hit]:
    """The known names in `words`, longest first, left to right."""
    hits: list[_Hit] = []
    start = 0
    while start < len(words):
        for length in range(min(_LONGEST, len(words) - start), 0, -1):
            written = " ".join(words[start:start + length])
            found = tables.capitals.get(written) or tables.names.get(written.lower())
            if found:
                hits.append(_Hit(found[0], found[1], written, piece))
                start += length
                break
        else:
            start += 1
    return hits


def _code(words: list[str], piece: int, hits: list[_Hit], tables: _Tables) -> _Hit | None:
    """A state or province code starting a piece after a comma ("Denver, CO (Hybrid)"), or the
    last word of the first piece ("Denver CO"); a country code after a city of that country
    ("Berlin, DE") is the country."""
    kept = [word for word in words if word.isupper() or word.lower() not in _NOT_PLACE]
    if not kept or (piece == 0 and len(kept) < 2):
        return None
    code = kept[0] if piece else kept[-1]  # "Washington, DC near the Mall"
    if code not in tables.codes:
        return None
    if code in tables.countries and any(
            hit.kind == "city" and country_of(tables.homes[hit.value]) == code for hit in hits):
        return _Hit("country", code, code, piece)
    return _Hit("region", tables.codes[code], code, piece)


def _part(text: str, tables: _Tables) -> list[Place]:
    """The places of one part of a location (no "or", ";" or "/" in it)."""
    hits: list[_Hit] = []
    pieces = [_WORD.findall(piece) for piece in text.split(",")]
    for index, words in enumerate(pieces):
        if index == 0 and len(pieces) > 1 and _key(" ".join(words)) in tables.with_region:
            city = tables.with_region[_key(" ".join(words))]
            after = [_code(w, i, [], tables) or next(iter(_scan(w, i, tables)), None)
                     for i, w in enumerate(pieces[1:], 1)]
            if any(hit and hit.value == tables.homes[city] for hit in after):
                hits.append(_Hit("city", city, " ".join(words), 0))
                continue
        hits += _scan(words, index, tables)  # codes are not names: "CO" is left for _code
        code = _code(words, index, hits, tables)
        if code:
            hits.append(code)
    remote = bool(_REMOTE.search(text))
    return [Place(city, region, country, remote, text.strip())
            for city, region, country in _combine(hits, pieces, tables)]


def _combine(hits: list[_Hit], pieces: list[list[str]],
             tables: _Tables) -> list[tuple[str | None, str | None, str | None]]:
    # the region or country that follows a city: after a comma, or a code ("Vienna VA")
    after = [hit for hit in hits if hit.piece > 0 or hit.written in tables.codes]
    region = next((hit.value for hit in after if hit.kind == "region"), None)
    country = next((hit.value for hit in after if hit.kind == "country"), None)
    found: list[tuple[str | None, str | None, str | None]] = []
    for hit in hits:
        if hit.kind != "city":
            continue
        home = tables.homes[hit.value]
        if region and home != region:  # "Vienna, VA": the town in Virginia
            found.append((hit.written, region, country_of(region)))
        elif country and country not in ("EU", country_of(home)):  # "London, Canada"
            found.append((hit.written, None, country))
        else:
            found.append((hit.value, home if "-" in home else None, country_of(home)))
    head = [word for word in pieces[0] if word.lower() not in _NOT_PLACE] if pieces else []
    if (not found and (region or country) and head and len(head) <= _LONGEST
            and not any(hit.piece == 0 for hit in hits) and all(w[0].isupper() for w in head)):
        where = region or country
        assert where is not None
        found.append((" ".join(head), region, country_of(where)))  # "Anytown, CO"
    for hit in hits:
        if hit.kind == "region" and not any(place[1] == hit.value for place in found):
            found.append((None, hit.value, country_of(hit.value)))
    countries = {place[2] for place in found}
    for hit in hits:
        covered = hit.value in countries or (hit.value == "EU" and countries & tables.eu)
        if hit.kind == "country" and not covered:
            found.append((None, None, hit.value))
            countries.add(hit.value)
    if not found:
        found.append((None, None, None))
    return found


def resolve(location: str) -> list[Place]:
    """The places `location` names, in order, each once; a remote part with no place named is a
    Place with no city, region or country. Parts naming nothing known are left out."""
    tables = _tables()
    for pattern, replacement in _DOTTED:
        location = pattern.sub(replacement, location)
    places: list[Place] = []
    seen: set[tuple[str | None, str | None, str | None, bool]] = set()
    for part in _BETWEEN.split(location):
        for place in _part(part, tables):
            identity = (place.city, place.region, place.country, place.remote)
            if identity in seen or identity == (None, None, None, False):
                continue
            seen.add(identity)
            places.append(place)
    return places


def mentioned_in_prose(text: str) -> list[str]:
    """Places a text names in its prose as where work happens ("our Chicago office", "teams in
    Berlin and Lisbon"), each with the region after it if any ("Portland, OR"): a capitalised
    known name after "in", "at", "from", "our", ... or before "office", "HQ", "area", ...;
    after "and", "or" or a comma when the name before it counted. Names alone ("Victoria
    leads the team", "Washington Post") are not places here."""
    tables = _tables()
    found: list[str] = []
    for pattern, replacement in _DOTTED:
        text = pattern.sub(replacement, text)
    for line in text.splitlines():
        counted_end = -1
        for match in _PROSE_RUN.finditer(line):
            name = _THE.sub("", match.group())
            first, _, rest = name.partition(" ")
            opens = first.lower() in _BEFORE_PLACE and bool(rest)  # "In Denver", "Our Denver"
            name = rest if opens else name
            region = _CODE_AFTER.match(line, match.end())
            known = any(hit.written not in tables.codes
                        for hit in _scan(name.split(), 0, tables))
            if not known and not (region and region.group().strip(", \t") in tables.codes):
                continue
            # a word either side, read in a window: each match costs the same on a long line
            before = line[max(0, match.start() - _WINDOW):match.start()].split()
            after = line[match.end():match.end() + _WINDOW].split()
            previous = before[-1].lower().strip(",") if before else ""
            following = after[0].lower().strip(".,;:!?)") if after else ""
            joined = (0 <= match.start() - counted_end <= _WINDOW
                      and _JOINED.fullmatch(line, counted_end, match.start()))
            if opens or previous in _BEFORE_PLACE or following in _AFTER_PLACE or joined:
                found.append(name + (region.group() if region else ""))
                counted_end = region.end() if region else match.end()
    return list(dict.fromkeys(found))
