"""Phrases standing for countries named before them: "the three countries", "the two sides"
(extract.references)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import builders
from timeline.extract.references import find_countries_in_context

PUBLISHED = dt.date(2025, 3, 19)


def standing_for(text: str, phrase: str) -> list[str]:
    return builders.standing_for(text, phrase, PUBLISHED)


@pytest.mark.parametrize(
    ("text", "phrase", "countries"),
    [
        # a count: the last list of that many, not the last countries named
        ("The ministers of Albania, Croatia and Kosovo signed, angering Serbia. The three "
         "countries pledged to work together.", "The three countries", ["ALB", "HRV", "XKX"]),
        # partners in a venture: "the three partners ran the mines"
        ("Britain, Australia and New Zealand ran the mines. The three partners sold them to "
         "Nauru.", "The three partners", ["GBR", "AUS", "NZL"]),
        # a group counts as named together
        ("He met the leaders of the three Baltic states and Poland's president. Grid operators "
         "in the three countries cut their links.", "the three countries",
         ["EST", "LVA", "LTU"]),
        ("The Baltic governments agreed on a plan with the EU, which the three countries "
         "joined in 2004.", "the three countries", ["EST", "LVA", "LTU"]),
        # the sentence before names just two: they are "the two sides", not the headline's
        # list of three
        ("Albania, Croatia and Kosovo sign pact\n\nThe pact angered Belgrade. Kosovo declared "
         "independence from Serbia in 2008. The two sides accepted a plan in Ohrid.",
         "The two sides", ["XKX", "SRB"]),
        # but the headline's pair comes before an aside in the sentence before
        ("Australia and Papua New Guinea sign treaty\n\nAustralia and Papua New Guinea "
         "signed. China signed a pact with Solomon Islands in 2022. The two countries last "
         "signed one in 2023.", "The two countries", ["AUS", "PNG"]),
        # the story's pair, both named in the sentence before, comes before a pair listed
        # there in passing
        ("Li visits Canberra\n\nChina and Australia agreed on trade. Canberra remains wary "
         "of Beijing and builds submarines with the United States and Britain. The two "
         "countries established relations in 1972.", "The two countries", ["AUS", "CHN"]),
        # states stand for countries when counted
        ("The Caspian states met. The leaders of the five states first met in Ashgabat.",
         "the five states", ["AZE", "IRN", "KAZ", "RUS", "TKM"]),
        # … with a name before the noun, and juntas (counted) as well
        ("Greece, Turkey and Yugoslavia met in Athens. A year later the three Balkan states "
         "signed a treaty.", "the three Balkan states", ["GRC", "TUR", "YUG"]),
        ("Mali, Burkina Faso and Niger left the bloc. The three Sahel juntas met in Niamey.",
         "The three Sahel juntas", ["MLI", "BFA", "NER"]),
        ("Mali, Burkina Faso and Niger left the bloc. The juntas met in Niamey.",
         "The juntas", []),
        # … not when the countries are named right after the phrase
        ("Qatar and Kuwait met. The four boycotting states - Saudi Arabia, the UAE, Bahrain "
         "and Egypt - agreed.", "The four boycotting states", []),
        ("Iceland and Finland met. In May 2008, the five countries with Arctic coastlines, "
         "Canada, Denmark, Norway, Russia and the United States, met in Greenland.",
         "the five countries", []),
        # a state's armed forces stand for it
        ("India and Pakistan fought in 1999. The two armies agreed to a truce in 2003.",
         "The two armies", ["IND", "PAK"]),
        # "They" opening a sentence with a verb of what governments do together
        ("Venezuela and Guyana met in Argyle on Thursday. They also agreed to set up a commission.",
         "They", ["VEN", "GUY"]),
        ("Starmer and Merz signed a treaty. On May 10, they travelled to Kyiv.", "they",
         ["GBR", "DEU"]),
        ("Norway and Sweden opened talks in August. After weeks of bargaining, they reached "
         "agreement.", "they", ["NOR", "SWE"]),
        # … or after the date that opens it
        ("Peru and Bolivia met. In March last year they signed a border pact.", "they",
         ["PER", "BOL"]),
        ("Rwanda backs the rebels, Congo says. They took Bukavu in February.", "They", []),
        # people counted stand for the countries they speak for
        ("Ghana and Togo named mediators in May. The two envoys met in Lome in June.",
         "The two envoys", ["GHA", "TGO"]),
        ("Chile's president flew to Lima to see Peru's leader. The two men agreed on a "
         "border commission.", "The two men", ["CHL", "PER"]),
        ("Oslo and Helsinki appointed negotiators. Both negotiators reported progress.",
         "Both negotiators", ["NOR", "FIN"]),
        ("Ankara and Baku named their envoys in 2021, and in 2022 the pair agreed to meet.",
         "the pair", ["TUR", "AZE"]),
        # powers counted stand for countries; "the major powers" are any number
        ("Spain and Portugal split the world in 1494, a line the two powers moved later.",
         "the two powers", ["ESP", "PRT"]),
        ("Spain and Portugal met. The major powers objected.", "The major powers", []),
        # "the pair of" is something else
        ("Ankara and Baku met. The pair of treaties was signed.", "The pair", []),
        # fewer countries named before than counted: nothing
        ("Iran recalled its envoys to the three countries.", "the three countries", []),
    ],
)
def test_a_counted_phrase_stands_for_that_many_countries(text, phrase, countries):
    assert standing_for(text, phrase) == countries


def test_a_group_replaces_nothing_and_is_no_reference():
    found = find_countries_in_context("The Baltic states met Poland.", PUBLISHED)
    assert [(m.country, m.kind) for m in found] == [
        ("EST", "group"), ("LVA", "group"), ("LTU", "group"), ("POL", "name")]
