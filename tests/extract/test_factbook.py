"""Leaders from the CIA World Factbook in the names news uses (extract.factbook)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.extract.factbook import factbook_date, factbook_leaders, news_names
from timeline.extract.mentions import find_countries, known_leaders, leaders


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("President Gustavo Francisco PETRO Urrego (since 7 August 2022)",
         ("President", "Gustavo Francisco Petro",
          ("Gustavo Petro", "Francisco Petro", "Gustavo Francisco Petro Urrego"), ("Petro",))),
        # the last given name may be the one used
        ("President Iris Xiomara CASTRO de Zelaya (since 27 January 2022)",
         ("President", "Iris Xiomara Castro",
          ("Iris Castro", "Xiomara Castro", "Iris Xiomara Castro de Zelaya"), ("Castro",))),
        ("President Mohamed MUIZZU (since 17 November 2023)",
         ("President", "Mohamed Muizzu", (), ("Muizzu",))),
        # the surname first, as Chinese names are written: no shorter full name
        ("Premier LI Qiang (since 11 March 2023)", ("Premier", "Li Qiang", (), ("Li",))),
        # the surname first and two names after it: the first of them with it too; a month
        # with no day is its first day
        ("Prime Minister ABIY Ahmed Ali (since April 2018)",
         ("Prime Minister", "Abiy Ahmed Ali", ("Abiy Ahmed",), ("Abiy",))),
        # a qualifier is not the office; a particle is kept and also left off
        ("Interim Prime Minister Muhammad YUNUS (since 8 August 2024)",
         ("Prime Minister", "Muhammad Yunus", (), ("Yunus",))),
        ("Prime Minister Muhammad al-BASHIR (since 8 December 2024)",
         ("Prime Minister", "Muhammad al-Bashir", (), ("al-Bashir", "Bashir"))),
        # two surnames: the first with the given name is what news writes
        ("President of the Government of Spain (prime minister-equivalent) Pedro SANCHEZ "
         "PEREZ-CASTEJON (since 2 June 2018)",
         ("President of the Government of Spain", "Pedro Sanchez Perez-Castejon",
          ("Pedro Sanchez",), ("Sanchez Perez-Castejon",))),
        # a regnal name has no bare short name; who represents the king is left out
        ("King CHARLES III (since 8 September 2022); represented by Governor General Samantha "
         "MOSTYN (since 1 July 2024)", ("King", "Charles III", (), ())),
        # one word names nobody without its title: "Philippe" alone is a short name
        ("King PHILIPPE (since 21 July 2013)", ("King", "King Philippe", (), ("Philippe",))),
        ("President&nbsp;Jos&eacute; Ra&uacute;l MULINO Quintero (since 1 July 2024)",
         ("President", "José Raúl Mulino",
          ("José Mulino", "Raúl Mulino", "José Raúl Mulino Quintero"), ("Mulino",))),
    ],
)
def test_factbook_entries_give_the_names_news_uses(entry, expected):
    assert news_names(entry) == expected


def test_an_entry_without_a_title_or_a_surname_in_capitals_gives_nothing():
    assert news_names("(Ulu o Tokelau) Esera Fofo") is None
    assert news_names("President Someone Lowercase (since 1 May 2020)") is None


def test_the_factbook_adds_leaders_the_file_lacks_and_the_file_wins_where_both_know_them():
    rows = known_leaders()
    names = {(row["name"], row["country"]) for row in rows}
    assert {("Mohamed Muizzu", "MDV"), ("Abdelmadjid Tebboune", "DZA"),
            ("Rodrigo Paz", "BOL")} <= names
    file_rows = leaders()
    assert rows[: len(file_rows)] == tuple(
        {**row, "short_names": rows[i]["short_names"]} for i, row in enumerate(file_rows))
    # Sheinbaum is in data/leaders.csv: not added again from the Factbook
    assert sum(row["country"] == "MEX" and "Sheinbaum" in row["name"] for row in rows) == 1
    # a person listed for several countries (a realm's king, France's president for its
    # territories) is left out
    assert not any(row["name"] == "Charles III" for row in factbook_leaders())


def test_a_factbook_leader_is_named_in_full_and_by_surname_after_it():
    day = dt.date(2025, 7, 26)
    text = "President Mohamed Muizzu welcomed Modi. Muizzu said the visit mattered."
    assert [(m.text, m.country) for m in find_countries(text, day)] == [
        ("Mohamed Muizzu", "MDV"), ("Modi", "IND"), ("Muizzu", "MDV")]
    # the file's row with no short name takes the Factbook's surname
    text = "Premier Li Qiang met the delegates. Li said trade would grow."
    assert [(m.text, m.country) for m in find_countries(text, day)] == [
        ("Li Qiang", "CHN"), ("Li", "CHN")]


def test_after_its_last_entry_the_factbook_names_no_office_holder():
    # a title and a full name in a story filed in Honduras: before the Factbook's day it knows
    # Castro holds the office (someone else: of the other country), after it knows nobody
    text = ("TEGUCIGALPA (Test Wire) - Honduras and Taiwan talked. Honduras said so. "
            "President Nasry Asfura spoke.")
    later = factbook_date() + dt.timedelta(days=30)
    assert ("Nasry Asfura", "HND") in [(m.text, m.country) for m in find_countries(text, later)]
    assert ("Nasry Asfura", "TWN") in [(m.text, m.country)
                                       for m in find_countries(text, dt.date(2025, 6, 1))]


@pytest.mark.parametrize("name", [
    # the Factbook's and news' spellings differ: data/leaders.csv lists news'
    "Alexander Lukashenko", "Kassym-Jomart Tokayev", "Nikos Christodoulides", "Mahmoud Abbas",
    # the Factbook's own, as news writes them
    "Abiy Ahmed", "Gustavo Petro", "Xiomara Castro", "Cyril Ramaphosa", "Mohamed Muizzu",
])
def test_leaders_news_names_are_known(name):
    found = find_countries(f"The leader {name} spoke on Monday.", dt.date(2025, 11, 20))
    assert [m.text for m in found if m.kind == "leader"] == [name]
