"""CAMEO codes for the GDELT and ICEWS importers: event labels and actor countries as ISO alpha-3.

Event labels come from ``data/cameo_events.csv`` (the CAMEO 1.1b3 codebook). Actor country codes
are ISO 3166-1 alpha-3 except a few (``ROM`` Romania, ``TMP`` Timor-Leste, ``GZS`` Gaza …) and
the regions (``AFR``, ``EUR``, ``WST`` …), listed in ``data/cameo_actors.csv``; everything else is
checked against pycountry through :mod:`timeline.core.countries`. ICEWS writes countries as
names, resolved by :func:`timeline.core.countries.resolve_country` and, for the few it misses
or gets wrong, by ``data/icews_countries.csv``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from timeline.core.countries import (
    UnknownCountry,
    all_countries,
    country_name,
    is_country,
    resolve_country,
)
from timeline.core.event_types import type_for_cameo

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
EVENTS_FILE = DATA_DIR / "cameo_events.csv"
ACTORS_FILE = DATA_DIR / "cameo_actors.csv"
ICEWS_FILE = DATA_DIR / "icews_countries.csv"

# How ICEWS files (re-written by R) mark a missing country; "NA" would otherwise resolve to Namibia.
ICEWS_MISSING = frozenset({"", "NA"})


class CameoActor(NamedTuple):
    """One row of ``data/cameo_actors.csv``: ``iso3`` is None for regions and non-ISO entities."""

    iso3: str | None
    name: str


def read_table(path: Path) -> list[dict[str, str]]:
    """The rows of a data file as dicts of text, skipping its ``#`` comment lines."""
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(line for line in file if not line.startswith("#")))


@cache
def _event_labels() -> dict[str, str]:
    return {row["code"]: row["label"] for row in read_table(EVENTS_FILE)}


@cache
def _actor_crosswalk() -> dict[str, CameoActor]:
    return {row["code"]: CameoActor(row["iso3"] or None, row["name"])
            for row in read_table(ACTORS_FILE)}


@cache
def _icews_crosswalk() -> dict[str, str | None]:
    return {row["name"].casefold(): row["iso3"] or None for row in read_table(ICEWS_FILE)}


def _clean(text: object) -> str:
    """Text without surrounding space; anything that is not text (NaN, None) becomes ""."""
    return text.strip() if isinstance(text, str) else ""


@cache
def event_label(code: str) -> str:
    """A short lower-case label for a CAMEO event code: ``"013"`` → "make optimistic comment".

    An unknown code gets the label of its longest known prefix (``"0875"`` → the label of
    ``"087"``); with no known prefix the result is ``f"CAMEO {code}"``.
    """
    cleaned = _clean(code)
    labels = _event_labels()
    for end in range(len(cleaned), 1, -1):
        label = labels.get(cleaned[:end])
        if label is not None:
            return label
    return f"CAMEO {code}"


@cache
def actor_country(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code for a CAMEO actor country code (``"ROM"`` → ``"ROU"``).

    None for regions (``"AFR"``, ``"WST"`` …), blanks and codes we do not know; Kosovo
    (``"KSV"``) is ``"XKX"`` (no ISO code: see :mod:`timeline.core.countries`). Memoised:
    GDELT files repeat the same few hundred codes.
    """
    cleaned = _clean(code).upper()
    actor = _actor_crosswalk().get(cleaned)
    if actor is not None:
        return actor.iso3
    return cleaned if len(cleaned) == 3 and is_country(cleaned) else None


@cache
def actor_label(code: str) -> str | None:
    """A readable name for a CAMEO actor country code, or None for a blank or unknown code.

    ``"USA"`` → "United States" (the name :func:`timeline.core.countries.country_name` gives),
    ``"AFR"`` → "Africa", ``"GZS"`` → "Gaza Strip" (codes of ``data/cameo_actors.csv`` carry
    their own names).
    """
    cleaned = _clean(code).upper()
    actor = _actor_crosswalk().get(cleaned)
    if actor is not None:
        return actor.name
    iso3 = actor_country(cleaned)
    return country_name(iso3) if iso3 else None


@cache
def icews_country(name: str) -> str | None:
    """The ISO 3166-1 alpha-3 code for an ICEWS country name (``"Russian Federation"`` → ``"RUS"``).

    None for a missing value (``"NA"``, blank) and for unknown names; Kosovo is ``"XKX"``.
    Names in ``data/icews_countries.csv`` come first, as they are there because
    :func:`timeline.core.countries.resolve_country` misses them or gets them wrong ("East Timor" is
    today's TLS, not the withdrawn TMP); every other name goes to ``resolve_country``.
    """
    cleaned = _clean(name)
    if cleaned in ICEWS_MISSING:
        return None
    crosswalk = _icews_crosswalk()
    if cleaned.casefold() in crosswalk:
        return crosswalk[cleaned.casefold()]
    try:
        return resolve_country(cleaned)
    except UnknownCountry:
        return None


def unknown_icews_names(names: Iterable[str]) -> list[str]:
    """The ICEWS country names that no table knows, sorted: neither missing values, nor in
    ``data/icews_countries.csv``, nor a name
    :func:`timeline.core.countries.resolve_country` resolves. Each is a name to add to that
    file, so an import can say so rather than drop the country silently."""
    crosswalk = _icews_crosswalk()
    return sorted(name for name in {_clean(name) for name in names}
                  if name not in ICEWS_MISSING and name.casefold() not in crosswalk
                  and icews_country(name) is None)


def cameo_countries() -> pd.DataFrame:
    """Every CAMEO actor country code we know, as a lookup table sorted by code.

    Columns ``code``, ``iso3`` (missing, ``pd.isna``, for regions) and ``label``
    (:func:`actor_label`): the rows of ``data/cameo_actors.csv`` plus every current and historic
    ISO alpha-3 code from pycountry (``ROM`` and ``ROU`` both give ``ROU``).
    """
    codes = set(_actor_crosswalk()) | set(all_countries())
    rows = [(code, actor_country(code), actor_label(code)) for code in sorted(codes)]
    return pd.DataFrame(rows, columns=["code", "iso3", "label"])


def cameo_events() -> pd.DataFrame:
    """Every CAMEO event code in ``data/cameo_events.csv``, in file order.

    Columns ``code``, ``label`` and ``type``: the code of the event type covering it
    (:func:`timeline.core.event_types.type_for_cameo`), e.g. ``"163"`` → ``"sanctions"``.
    """
    rows = [(code, label, type_for_cameo(code).code) for code, label in _event_labels().items()]
    return pd.DataFrame(rows, columns=["code", "label", "type"])
