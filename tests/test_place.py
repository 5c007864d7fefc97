"""The place resolver: cities, ISO 3166-2 regions and ISO 3166-1 countries from a location."""

from __future__ import annotations

import pytest

from jdwizard.place import Place, city_home, resolve


def places(location: str) -> list[tuple[str | None, str | None, str | None, bool]]:
    return [(p.city, p.region, p.country, p.remote) for p in resolve(location)]


NYC = ("New York City", "US-NY", "US", False)


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("Denver, CO", [("Denver", "US-CO", "US", False)]),
        ("based in Denver, Colorado", [("Denver", "US-CO", "US", False)]),
        ("Denver, CO or remote in the US",
         [("Denver", "US-CO", "US", False), (None, None, "US", True)]),
        ("Berlin / Munich", [("Berlin", None, "DE", False), ("Munich", None, "DE", False)]),
        ("NYC; London", [NYC, ("London", None, "GB", False)]),
        ("Portland, OR / Seattle, WA",
         [("Portland", "US-OR", "US", False), ("Seattle", "US-WA", "US", False)]),
        ("New York, NY", [NYC]),
        ("Manhattan", [NYC]),
        ("Brooklyn, New York", [NYC]),
        ("Queens, NY", [NYC]),
        ("The Bronx", [NYC]),
        ("Staten Island", [NYC]),
        ("New York City", [NYC]),
        ("New York", [(None, "US-NY", "US", False)]),  # the state
        ("Washington, DC", [("Washington", "US-DC", "US", False)]),
        ("Washington, D.C.", [("Washington", "US-DC", "US", False)]),
        ("Washington DC", [(None, "US-DC", "US", False)]),
        ("Washington", [(None, "US-WA", "US", False)]),
        ("Seattle, Washington", [("Seattle", "US-WA", "US", False)]),
        ("Vancouver, BC", [("Vancouver", "CA-BC", "CA", False)]),
        ("Toronto, Ontario", [("Toronto", "CA-ON", "CA", False)]),
        ("Toronto, Canada", [("Toronto", "CA-ON", "CA", False)]),
        ("Charlottetown, PE", [("Charlottetown", "CA-PE", "CA", False)]),
        ("St. Paul, MN", [("Saint Paul", "US-MN", "US", False)]),
        ("Anytown, CO (Hybrid)", [("Anytown", "US-CO", "US", False)]),  # a town we do not know
        ("Denver, CO 80202", [("Denver", "US-CO", "US", False)]),
        ("Washington, DC near the Mall", [("Washington", "US-DC", "US", False)]),
        ("Columbus, OH", [("Columbus", "US-OH", "US", False)]),
        ("Columbus, GA", [("Columbus", "US-GA", "US", False)]),
        ("London, Canada", [("London", None, "CA", False)]),
        ("Berlin, Germany", [("Berlin", None, "DE", False)]),
        ("Berlin, DE", [("Berlin", None, "DE", False)]),  # Germany, not Delaware
        ("Remote", [(None, None, None, True)]),
        ("Remote (US only)", [(None, None, "US", True)]),
        ("fully remote (EU)", [(None, None, "EU", True)]),
        ("Hybrid, Denver", [("Denver", "US-CO", "US", False)]),  # hybrid is not remote
        ("On-site only, no remote", []),
        ("Anywhere in the US", [(None, None, "US", False)]),
        ("Cocoa Beach", []),  # "co" in a word is not Colorado
        ("Join us in building things", []),  # "us" in lower case is not the US
        ("", []),
    ],
)
def test_places_a_location_names(location, expected):
    assert places(location) == expected


@pytest.mark.parametrize(
    ("town", "eu_country", "region"),
    [("Vienna", "AT", "US-VA"), ("Dublin", "IE", "US-OH"), ("Paris", "FR", "US-TX"),
     ("Athens", "GR", "US-GA"), ("Berlin", "DE", "US-NH")],
)
def test_an_eu_city_name_with_a_us_state_after_it_is_the_us_town(town, eu_country, region):
    assert places(town) == [(town, None, eu_country, False)]
    code = region.split("-")[1]
    assert places(f"{town}, {code}") == [(town, region, "US", False)]
    assert places(f"{town} {code}") == [(town, region, "US", False)]


def test_a_place_keeps_the_text_it_came_from():
    assert resolve("Denver, CO or remote in the US") == [
        Place("Denver", "US-CO", "US", False, "Denver, CO"),
        Place(None, None, "US", True, "remote in the US"),
    ]


def test_each_place_once_and_city_homes():
    assert places("NYC / Manhattan / Brooklyn, NY") == [NYC]
    assert city_home("Columbus") == "US-OH" and city_home("Vienna") is None
    assert city_home("Nowhere") is None


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        ("You'll work from our Chicago office.", ["Chicago"]),
        ("Our Chicago office is next to the river.", ["Chicago"]),
        ("Teams in Berlin and Lisbon, and London.", ["Berlin", "Lisbon", "London"]),
        ("Our office in Portland, OR is new.", ["Portland, OR"]),  # a town the data lacks
        ("In Denver, CO we build freight software.", ["Denver, CO"]),
        ("We moved to a bigger space in Washington, D.C. last year.", ["Washington, DC"]),
        ("The Denver team ships every day.", ["Denver"]),
        # A name alone is not a place of the job.
        ("Victoria leads the team.", []),
        ("You will report to Austin, our CTO.", []),
        ("We read the Washington Post.", []),
        ("Acme is a Delaware corporation.", []),
        ("Join us in building things.", []),
        ("Hybrid (3 days a week in our LoDo office)", []),
    ],
)
def test_places_mentioned_in_prose(text, mentioned):
    from jdwizard.place import mentioned_in_prose

    assert mentioned_in_prose(text) == mentioned


@pytest.mark.parametrize("unit", ["In Denver and ", "our Chicago office, ", "A B C D E F ",
                                  "Denver, CO " * 3 + "\n"])
def test_prose_places_are_read_in_time_that_grows_with_the_text(unit):
    import time

    from jdwizard.place import mentioned_in_prose

    def fastest(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            mentioned_in_prose(text)
            best = min(best, time.process_time() - start)
        return best

    small, large = unit * (2_000 // len(unit)), unit * (40_000 // len(unit))
    ratio = min(fastest(large) / max(fastest(small), 1e-6) for _ in range(2))
    assert ratio < 60  # linear: about 20 for 20 times the text; quadratic: about 400
