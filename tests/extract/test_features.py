"""A sea, gulf, strait … named after a country names no country; a canal is a place of its
country (extract.features, through extract.mentions)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.extract.mentions import find_countries

DAY = dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Three islands in the Gulf of Guinea were disputed.",
        "Storms crossed the Gulf of Mexico.",
        "Missiles fell into the Sea of Japan.",
        "Ships sailed the Korea Strait.",
        "The Congo Basin forests shrank.",
        "Ferries cross the Irish Sea.",
        "The Niger Delta produces the oil.",
        "Lake Chad has shrunk.",
        "Patrols in the Gulf of Oman rose.",
    ],
)
def test_a_feature_named_after_a_country_names_no_country(text):
    assert find_countries(text, DAY) == []


def test_the_country_next_to_a_feature_is_still_named():
    found = find_countries("Guinea and Mexico signed a pact in the Gulf of Mexico.", DAY)
    assert [(m.country, m.text) for m in found] == [("GIN", "Guinea"), ("MEX", "Mexico")]


def test_a_canal_is_a_place_of_its_country_not_an_actor():
    found = find_countries("China's hold over the Panama Canal was unacceptable.", DAY)
    assert [(m.country, m.kind) for m in found] == [("CHN", "name"), ("PAN", "region")]


def test_a_lowercase_gulf_is_no_feature():
    found = find_countries("The gulf between Mexico and Canada widened.", DAY)
    assert [m.country for m in found] == ["MEX", "CAN"]
