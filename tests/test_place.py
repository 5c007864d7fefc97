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
