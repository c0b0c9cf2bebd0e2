"""Independence told in passing: the new state and its former ruler, with the date
(extract.independence, through extract.candidates)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.extract.candidates import extract_candidates

DAY = dt.date(2025, 7, 25)


def _dated(text, value):
    return [c.countries for c in extract_candidates(text, published=DAY)
            if str(c.date) == value]


@pytest.mark.parametrize(
    ("text", "value", "countries"),
    [
        ("Modi will be guest of honour on Saturday at celebrations marking 60 years since the "
         "Maldives won independence from Britain, in July 1965.", "1965-07", ("MDV", "GBR")),
        ("Washington backed rebels during the civil war that followed Angola's independence "
         "from Portugal in 1975.", "1975", ("AGO", "PRT")),
        ("Tuvalu, a chain of coral atolls, won independence from Britain in 1978.", "1978",
         ("TUV", "GBR")),
        ("Kosovo declared independence from Serbia in February 2008.", "2008-02",
         ("XKX", "SRB")),
        # the past ruler an apposition names is not the new state
        ("Namibia, a former German colony, won independence from South Africa in 1990.",
         "1990", ("NAM", "ZAF")),
        # proclaimed, and the state named after "of"; "the following day" is a date
        ("Talks failed on March 25. The following day rebel leaders proclaimed the "
         "independence of Eritrea from Ethiopia.", "2025-03-26", ("ERI", "ETH")),
        # "it" in "when it won" is the state named just before, whoever recognised it
        ("Argentina hesitated to recognise Uruguay when it won independence from Brazil in "
         "1828.", "1828", ("URY", "BRA")),
        # "from" unsaid: the past ruler of "a former Belgian colony that won independence"
        ("Rwanda, a former Belgian colony that won independence in 1962, courted Britain.",
         "1962", ("RWA", "BEL")),
        # a sovereign state become, the date opening the clause, the ruler in
        # "-administered"; the king's envoy from elsewhere is no party
        ("Papua New Guinea marked 50 years. On 16 September 1975, the Australian-administered "
         "territory became a sovereign state, with Prince Charles representing Queen "
         "Elizabeth II.", "1975-09-16", ("PNG", "AUS")),
        # a rule "until independence" names the ruler and the state
        ("Britain ruled Cyprus from 1878 until independence on August 16, 1960, after a "
         "campaign by Greek Cypriots seeking union with Greece.", "1960-08-16", ("CYP", "GBR")),
    ],
)
def test_independence_is_the_state_and_its_former_ruler(text, value, countries):
    assert _dated(text, value) == [countries]


def test_without_a_ruler_the_sentence_keeps_its_countries():
    text = ("France ruled Algeria for 132 years until the North African country won "
            "independence in 1962.")
    assert _dated(text, "1962") == [("FRA", "DZA")]
