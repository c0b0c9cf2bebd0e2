"""Facets and ways out of an empty result: filters one click away from the current one.

Facets narrow, as Datasette's do: a country facet adds the country (the events then involve
all the chosen countries), a type facet keeps that type, a decade facet keeps those ten years.
When nothing matches, :func:`relaxations` lists the filter without each of its parts, so the
dashboard can say which part to drop and how many events that gives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from timeline.core.countries import country_name
from timeline.core.filters import EventFilter

FACETS = ("country", "type", "decade")


def narrowed(event_filter: EventFilter, facet: str, value: str) -> EventFilter:
    """The filter narrowed to one facet value: ``("country", "CHN")``, ``("type",
    "treaty")`` or ``("decade", "1950")`` (1950-01-01..1959-12-31, within its dates)."""
    f = event_filter
    if facet == "country":
        chosen = (*f.countries, value) if value not in f.countries else f.countries
        return replace(f, countries=chosen, match="all" if len(chosen) > 1 else f.match)
    if facet == "type":
        return replace(f, types=(value,))
    if facet == "decade":
        first = int(value)
        start, end = dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
        return replace(f, start=max(start, f.start) if f.start else start,
                       end=min(end, f.end) if f.end else end)
    raise ValueError(f"{facet!r} is not a facet ({', '.join(FACETS)})")


def country_facet_narrows(event_filter: EventFilter) -> bool:
    """Whether adding a country narrows this filter to the events the facet counted: not for
    "any of" two or more countries, which a further country would widen."""
    return event_filter.match == "all" or len(event_filter.countries) < 2


def relaxations(event_filter: EventFilter) -> list[tuple[str, EventFilter]]:
    """The filter without each of its parts: ``(what was dropped, the wider filter)``, such as
    ``("without “pact”", …)``. Countries go one at a time when there are several."""
    f = event_filter
    found: list[tuple[str, EventFilter]] = []
    if len(f.countries) > 1:
        found += [(f"without {country_name(code)}",
                   replace(f, countries=tuple(c for c in f.countries if c != code)))
                  for code in f.countries]
        if f.match == "all":
            found.append(("involving any of them", replace(f, match="any")))
    elif f.countries:
        found.append((f"without {country_name(f.countries[0])}", replace(f, countries=())))
    if f.start or f.end:
        found.append(("at any date", replace(f, start=None, end=None)))
    if f.types:
        found.append(("of any type", replace(f, types=())))
    if f.text:
        found.append((f"without “{f.text}”", replace(f, text="")))
    return found
