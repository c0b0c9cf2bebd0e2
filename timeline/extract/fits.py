"""Which countries a description fits: "island" (and "archipelago"), and a region's adjective
("Caribbean", "Central Asian", "Balkan", "Gulf", "Pacific").

``fits(code, region="Caribbean", island=False)`` is true when the country ``code`` fits. What
fits comes from maintained data, never from a list of countries made for it:

- an island state is one ``countryinfo`` gives no land border (Nauru, Cuba, Japan; so also
  Australia; not Haiti or Ireland, which share their island);
- a region's adjective fits a country whose ``countryinfo`` region, subregion or intermediate
  region it names ("Caribbean", "Central Asian" for "Central Asia", "Southeast Asian" for
  "South-eastern Asia", "East African", "Latin American" for "Latin America and the
  Caribbean"), or whose group in ``data/country_groups.csv`` it names, or ends ("Gulf",
  "Balkan" for "Western Balkan"). "Pacific" is the one word with no region of its name: it is
  taken as ``countryinfo``'s Oceania.
"""

from __future__ import annotations

import re
from functools import cache

import pycountry
from countryinfo import CountryInfo
from countryinfo.exceptions import CountryNotFoundError

from timeline.core.countries import country_name

from .groups import country_groups

__all__ = ["fits", "is_region_word"]

# the one region word that is not a form of its region's name in countryinfo
_OTHER_NAMES = {"pacific": "oceania"}


def _squeezed(words: str) -> str:
    """``words`` lower-cased without spaces and hyphens: "South-eastern Asia" →
    "southeasternasia"."""
    return re.sub(r"[\s-]+", "", words.lower())


def _adjectives(place: str) -> set[str]:
    """The squeezed forms a region's name takes as an adjective: "Central Asia" →
    "centralasian"; "Eastern Africa" → "eastafrican", "easternafrican"; "Europe" →
    "european"; "Latin America and the Caribbean" → also "latinamerican"."""
    found = set()
    for part in (place, place.split(" and ")[0]):
        for name in {_squeezed(part), _squeezed(re.sub(r"ern\b", "", part))}:
            found |= {name, name + "n", name + "an"}
    return found


@cache
def _regions(code: str) -> frozenset[str]:
    """The adjectives of the regions ``countryinfo`` puts ``code`` in, and of its groups."""
    try:
        info = CountryInfo(code).info()
    except CountryNotFoundError:
        info = {}
    places = [info.get(key) or "" for key in ("region", "subregion", "intermediateregion")]
    found = set().union(*(_adjectives(place) for place in places if place))
    for name, members in country_groups().items():
        if code in members:
            found |= {_squeezed(name), _squeezed(name.split()[-1])}
    return frozenset(found)


@cache
def _island(code: str) -> bool:
    try:
        return not CountryInfo(code).borders()
    except CountryNotFoundError:
        return False


def fits(code: str, region: str = "", island: bool = False, plural: bool = False) -> bool:
    """Whether the country ``code`` fits a description by ``region`` (its adjective, "" for
    none) and, with ``island``, as an island state; with ``plural`` ("the islands"), only one
    whose short name is plural too ("Cook Islands", "Maldives"; not "New Zealand")."""
    if island and not _island(code):
        return False
    if plural and not country_name(code).endswith("s"):
        return False
    return not region or _region_key(region) in _regions(code)


@cache
def is_region_word(words: str) -> bool:
    """Whether ``words`` ("Caribbean", "Central Asian") is a region's adjective some current
    country fits."""
    wanted = _region_key(words)
    return any(wanted in _regions(country.alpha_3) for country in pycountry.countries)


def _region_key(words: str) -> str:
    """``words`` as :func:`_regions` holds them: squeezed, "Pacific" as Oceania's."""
    wanted = _squeezed(words)
    return _OTHER_NAMES.get(wanted, wanted)
