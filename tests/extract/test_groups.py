"""Countries named together by their group's name: "the Baltic states" (extract.groups)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.core.countries import is_country
from timeline.extract.groups import country_groups, find_groups
from timeline.extract.mentions import find_countries

BALTIC = ["EST", "LVA", "LTU"]


@pytest.mark.parametrize(
    ("text", "phrase", "countries"),
    [
        # a group's word and a plural noun, with or without "the" and a count
        ("Baltic states unplug from Russian grid", "Baltic states", BALTIC),
        ("He joined the leaders of the three Baltic states.", "the three Baltic states",
         BALTIC),
        ("The Baltic governments agreed in June 2018.", "The Baltic governments", BALTIC),
        ("Officials in the Baltics warned.", "the Baltics", BALTIC),
        ("The three Sahel neighbours formed an alliance.", "The three Sahel neighbours",
         ["MLI", "BFA", "NER"]),
        ("The Gulf Arab states met.", "The Gulf Arab states",
         ["BHR", "KWT", "OMN", "QAT", "SAU", "ARE"]),
        # ministers of a group's states are its members, as its leaders are
        ("A meeting of Gulf Cooperation Council foreign ministers ended.",
         "Gulf Cooperation Council foreign ministers", ["BHR", "KWT", "OMN", "QAT", "SAU", "ARE"]),
        ("Nordic defence ministers met in Oslo.", "Nordic defence ministers",
         ["DNK", "FIN", "ISL", "NOR", "SWE"]),
        ("GCC states agreed.", "GCC states", ["BHR", "KWT", "OMN", "QAT", "SAU", "ARE"]),
        ("The five Caspian states met in Aktau.", "The five Caspian states",
         ["AZE", "IRN", "KAZ", "RUS", "TKM"]),
    ],
)
def test_a_group_names_each_of_its_members(text, phrase, countries):
    found = find_groups(text)
    assert [m.country for m in found] == countries
    assert {(m.text, m.kind) for m in found} == {(phrase, "group")}
    assert all(text[m.start : m.end] == phrase for m in found)


@pytest.mark.parametrize(
    "text",
    [
        "Cables in the Baltic Sea were damaged.",  # the word alone is no group
        "Caspian Sea oil flowed.",
        "Nordic skiing is popular.",
        "Two Nordic countries objected.",  # a count that is not the group's size
        "The two Baltic states disagreed.",
        "The GCC said it would meet.",  # the organisation, not its members
    ],
)
def test_no_group_without_its_noun_or_with_another_count(text):
    assert find_groups(text) == []


@pytest.mark.parametrize(("text", "countries"), [
    # a count short of the group stands for its members named last before it
    ("Bahrain and the UAE met Israel. Both Gulf states signed accords.", ["BHR", "ARE"]),
    ("Oman, Bahrain and the UAE met Israel. The two Gulf states signed.", ["BHR", "ARE"]),
    ("Only Oman met Israel. Both Gulf states signed.", []),  # which two is not said
])
def test_a_count_short_of_the_group_is_its_members_named_before(text, countries):
    named = find_countries(text, dt.date(2025, 1, 1), joint=True)
    assert [m.country for m in find_groups(text, named)] == countries


def test_every_group_row_lists_countries_and_a_source():
    for name, members in country_groups().items():
        assert len(members) >= 2 and all(map(is_country, members)), name
