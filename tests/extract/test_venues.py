"""A third country's town where two parties met is a place, no party; with one party named,
its country is listed after it (extract.clauses.venue, through extract.candidates)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.extract.candidates import extract_candidates
from timeline.extract.clauses import venue
from timeline.extract.mentions import find_countries

DAY = dt.date(2025, 3, 5)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("They met in the Turkish resort of Antalya.", "Turkish", True),
        ("They met in the Saudi desert town of Al-Ula.", "Saudi", True),
        ("They met in Ohrid, North Macedonia.", "North Macedonia", True),
        ("They met in Ohrid, North Macedonia, on Friday.", "North Macedonia", True),
        ("They met in Turkey.", "Turkey", False),
        ("They met in the Turkish capital.", "Turkish", False),
        # the capital named by its name after the adjective: a place, both words
        ("They met in the Uruguayan capital, Montevideo, on Friday.", "Uruguayan", True),
        ("They met in the Uruguayan capital, Montevideo, on Friday.", "Montevideo", True),
        ("They met in the Uruguayan capital Montevideo.", "Uruguayan", True),
        ("Turkish troops met them.", "Turkish", False),
        ("After talks in Moscow, Iran and Russia signed.", "Iran", False),
        ("Speaking in Washington, China said so.", "China", False),
        # a state named as the island where they met is a place; not the island invaded
        ("Maduro and Ali met on the island of St Vincent on Friday.", "St Vincent", True),
        ("Marines invaded the island of Grenada on Friday.", "Grenada", False),
        # The Hague where the world's courts sit is a place; the Dutch government is not
        ("Qatar took the case to The Hague in 1991.", "The Hague", True),
        ("The court in The Hague ruled on Friday.", "The Hague", True),
        ("They sent ambassadors back to The Hague and Ankara.", "The Hague", False),
    ],
)
def test_a_place_named_by_its_country(text, word, expected):
    (mention,) = [m for m in find_countries(text, DAY) if m.text == word]
    assert venue(text, mention) is expected


def test_two_parties_meeting_in_a_third_countrys_town_leave_it_out():
    text = ("Slovak Foreign Minister Juraj Blanar met Russian Foreign Minister Sergei Lavrov "
            "on March 2, 2025 in the Turkish resort of Antalya.")
    (candidate,) = extract_candidates(text, published=DAY)
    assert candidate.countries == ("SVK", "RUS")
    assert any("where it happened" in reason for reason in candidate.reasons)


def test_with_one_party_the_place_comes_after_it():
    text = "Slovakia held talks on March 2, 2025 in the Turkish resort of Antalya."
    (candidate,) = extract_candidates(text, published=DAY)
    assert candidate.countries == ("SVK", "TUR")
