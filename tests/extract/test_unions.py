""""The five former Soviet republics": the members of a former union the text names, not the
union (extract.unions, through extract.references)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.extract.references import find_countries_in_context
from timeline.extract.unions import former_unions

DAY = dt.date(2025, 6, 17)
FIVE = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
TEXT = ("Xi met the leaders of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and "
        "Uzbekistan. Russian President Vladimir Putin was not there. ")


def _in(found, phrase):
    return [m.country for m in found if m.text == phrase]


def test_a_counted_phrase_is_the_members_named_before():
    text = TEXT + "China established relations with the five former Soviet republics in 1992."
    found = find_countries_in_context(text, DAY)
    assert _in(found, "the five former Soviet republics") == FIVE
    assert "SUN" not in [m.country for m in found]


def test_an_uncounted_phrase_is_every_member_named_but_its_own_sentences():
    text = TEXT + "Moscow regards the former Soviet republics as its sphere."
    assert _in(find_countries_in_context(text, DAY), "the former Soviet republics") == FIVE


def test_a_phrase_without_the_names_no_member_and_not_the_union():
    text = TEXT + "They met at a summit of former Soviet states."
    found = find_countries_in_context(text, DAY)
    assert _in(found, "former Soviet states") == []
    assert "SUN" not in [m.country for m in found]


def test_too_few_members_named_gives_nothing():
    text = "Kazakhstan hosted the three former Soviet republics."
    assert _in(find_countries_in_context(text, DAY), "the three former Soviet republics") == []


@pytest.mark.parametrize(("text", "countries"), [
    ("Greece signed a pact with the former Soviet republic of Georgia.", ["GRC", "GEO"]),
    ("Skopje joined the UN as the Former Yugoslav Republic of Macedonia.", ["MKD", "MKD"]),
    # the union's adjective alone is the union
    ("Yugoslav leaders met Czechoslovak envoys.", ["YUG", "CSK"]),
])
def test_a_phrase_for_one_former_member_describes_it_and_names_no_union(text, countries):
    assert [m.country for m in find_countries_in_context(text, DAY)] == countries


def test_the_soviet_union_itself_is_still_the_union():
    found = find_countries_in_context("The Soviet Union collapsed in 1991.", DAY)
    assert [m.country for m in found] == ["SUN"]


def test_every_union_member_is_a_code():
    assert len(former_unions()["Soviet"]) == 15
    assert all(len(code) == 3 for members in former_unions().values() for code in members)
