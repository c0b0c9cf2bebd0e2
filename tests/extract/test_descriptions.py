"""One country named without its name: "his country", "its people", "the former Portuguese
colony" (extract.descriptions, through extract.references)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import builders
from timeline.extract.candidates import extract_candidates
from timeline.extract.fits import fits
from timeline.extract.references import find_countries_in_context

PUBLISHED = dt.date(2025, 10, 27)


def standing_for(text: str, phrase: str) -> list[str]:
    return builders.standing_for(text, phrase, PUBLISHED)


@pytest.mark.parametrize(
    ("text", "phrase", "countries"),
    [
        # "his": the leader named before it in the sentence, not the last country
        ("Anthony Albanese said in Tokyo that his country would not pay more.", "his country",
         ["AUS"]),
        # else the last country named before it in the sentence
        ("Mexico asked Lima to let her leave the country safely.", "the country", ["PER"]),
        # else what the sentence before is about: its first country, not its dateline
        ("KUALA LUMPUR (Test Wire) - Timor-Leste was admitted, hosted by Malaysia.\n\nIts "
         "leader watched as his country's flag was raised.", "his country", ["TLS"]),
        # a description read in turn, and a pronoun after it
        ("Timor-Leste joined ASEAN. The former Portuguese colony was invaded by Indonesia in "
         "1975. Its people voted for independence in 1999.", "Its people", ["TLS"]),
        ("Timor-Leste joined ASEAN. The former Portuguese colony was invaded by Indonesia in "
         "1975.", "The former Portuguese colony", ["TLS"]),
        # what the country has, after "of", is no name: "the country of about 1.4 million"
        ("Timor-Leste applied in 2011. On Sunday the country of about 1.4 million people "
         "joined.", "the country", ["TLS"]),
        # … but a name after "of" is the country's own: no reference
        ("Russia warned Tbilisi. The country of Georgia voted.", "The country", []),
        # nothing named before: nothing
        ("The country voted.", "The country", []),
    ],
)
def test_a_description_stands_for_one_country(text, phrase, countries):
    assert standing_for(text, phrase) == countries


@pytest.mark.parametrize(
    ("text", "phrase", "countries"),
    [
        # the one country named before that fits: an island state (no land border) …
        ("Tuvalu cut ties with Taiwan. Taipei withdrew its envoy from the island the same "
         "day.", "the island", ["TUV"]),
        ("Vanuatu signed a pact with Beijing. The archipelago has 83 islands.",
         "The archipelago", ["VUT"]),
        # … a region's adjective, from countryinfo's regions or our groups
        ("Brazil sent police to Haiti. Lula visited the Caribbean nation in May.",
         "the Caribbean nation", ["HTI"]),
        ("Japan hosted Kazakhstan's leader. The Central Asian republic sells uranium.",
         "The Central Asian republic", ["KAZ"]),
        ("Germany and Montenegro met. The Balkan country hopes to join the EU.",
         "The Balkan country", ["MNE"]),
        ("Egypt and Oman mediated. The Gulf state hosted the talks.", "The Gulf state",
         ["OMN"]),
        ("Chile ruled nothing, but Spain ruled Peru until the South American country won "
         "independence.", "the South American country", ["PER"]),
        ("Samoa and China signed a deal. The tiny Pacific nation needs roads.",
         "The tiny Pacific nation", ["WSM"]),
        # several fit: not the clause's other party, and else the one the text names most
        ("Fiji asked Japan for aid. Fiji and Japan met. Tokyo said the island nation would "
         "get ships.", "the island nation", ["FJI"]),
        # … but a country after a preposition is an object a description may take up again
        ("Fiji hosted Modi. Ties with Papua New Guinea date back to the Pacific nation's "
         "independence.", "the Pacific nation", ["PNG"]),
        # an apposition describes the country right before it, whatever the tables say
        ("Fiji signed first. Papua New Guinea, the most populous Pacific island nation, "
         "signed later.", "the most populous Pacific island nation", ["PNG"]),
        # none fits, or no region by that name: nothing
        ("Germany and France met. The island nation voted.", "The island nation", []),
        ("Germany and France met. The Islamic Republic voted.", "The Islamic Republic", []),
        ("Japan and China met. The island of Hokkaido was cold.", "The island", []),
    ],
)
def test_a_description_stands_for_the_country_it_fits(text, phrase, countries):
    assert standing_for(text, phrase) == countries


@pytest.mark.parametrize(("code", "region", "island", "expected"), [
    ("NRU", "", True, True), ("HTI", "", True, False),  # Haiti shares its island
    ("HTI", "Caribbean", False, True), ("MEX", "Caribbean", False, False),
    ("KGZ", "Central Asian", False, True), ("VNM", "Southeast Asian", False, True),
    ("KEN", "East African", False, True), ("QAT", "Gulf", False, True),
    ("FJI", "Pacific", True, True), ("CHN", "Pacific", False, False),
])
def test_what_a_description_fits_comes_from_countryinfo_and_the_groups(code, region, island,
                                                                      expected):
    assert fits(code, region, island) is expected


def test_a_former_ruler_in_apposition_with_a_is_named_but_acts_last():
    # "Guyana, a former British colony,": Guyana acts, Britain is only named ("a country"
    # alone is no reference)
    text = "Guyana, a former British colony, says its border with Venezuela was fixed in 1899."
    found = find_countries_in_context(text, PUBLISHED)
    assert [(m.country, m.kind) for m in found if m.text == "British"] == [
        ("GBR", "former ruler")]
    (candidate,) = extract_candidates(text, published=PUBLISHED)
    assert candidate.countries == ("GUY", "VEN", "GBR"), candidate.reasons


def test_a_former_ruler_is_named_but_never_acts():
    text = ("Timor-Leste joined ASEAN on Sunday.\n\nThe former Portuguese colony was invaded by "
            "Indonesia in December 1975.")
    found = find_countries_in_context(text, PUBLISHED)
    assert [(m.country, m.kind) for m in found if m.text == "Portuguese"] == [
        ("PRT", "former ruler")]
    invaded = [c for c in extract_candidates(text, published=PUBLISHED)
               if c.date.iso() == "1975-12"]
    assert [set(c.countries[:2]) for c in invaded] == [{"TLS", "IDN"}]
    assert invaded[0].countries[2:] == ("PRT",)


@pytest.mark.parametrize(("text", "phrase", "countries"), [
    # a breakaway region described: the region named last before it, as its country
    ("Troops stayed in Abkhazia. The breakaway region voted in May.", "The breakaway region",
     ["GEO"]),
    ("Gas to Transnistria stopped. The enclave had no heating.", "The enclave", ["MDA"]),
    # no region named before it: nothing
    ("Georgia protested. The breakaway region voted in May.", "The breakaway region", []),
    # the name after it is the region itself
    ("Troops stayed in the breakaway region of Abkhazia.", "the breakaway region", []),
])
def test_a_breakaway_region_described_is_the_region_named_before(text, phrase, countries):
    found = [m.country for m in find_countries_in_context(text, PUBLISHED)
             if m.text == phrase and m.kind == "region"]
    assert found == countries


@pytest.mark.parametrize(("text", "countries"), [
    # a region is a place of its country, not who acts
    ("Abkhazia accused Russia of meddling on October 3, 2025.", ("RUS", "GEO")),
    # after the event word it is what the act is done to
    ("Russia annexed Crimea on March 18, 2014.", ("RUS", "UKR")),
])
def test_a_region_is_where_its_country_is_not_who_acts(text, countries):
    (candidate,) = extract_candidates(text, published=PUBLISHED)
    assert candidate.countries == countries
    assert candidate.actor != "GEO"


@pytest.mark.parametrize(
    ("text", "phrase", "countries"),
    [
        # "the islands" fits a country with a plural name, not any island state
        ("New Zealand paused aid to the Cook Islands. New Zealand said so. A Chinese "
         "spokesman said that the cooperation with the islands targets nobody.", "the islands",
         ["COK"]),
    ],
)
def test_a_plural_description_fits_a_country_with_a_plural_name(text, phrase, countries):
    assert standing_for(text, phrase) == countries


def test_a_plural_description_fits_plural_names_only():
    assert fits("COK", island=True, plural=True) and fits("MDV", island=True, plural=True)
    assert not fits("NZL", island=True, plural=True)
