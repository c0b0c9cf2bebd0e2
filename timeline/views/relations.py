"""Relations between pairs of countries: events per year, cooperative or conflictual.

An event belongs to a pair when both countries are among its countries; a five-country war
counts for each of its ten pairs. Whether it is cooperative or conflictual comes from its
type's quad class (:class:`timeline.core.event_types.QuadClass`), so imported GDELT events and
curated ones are split the same way. Functions take the events as ``Store.query`` returns them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations

import pandas as pd

from timeline.core.countries import country_name
from timeline.core.event_types import event_type

Pair = tuple[str, str]
DEFAULT_PAIRS: tuple[Pair, ...] = (("PRK", "CHN"), ("PRK", "RUS"))
_COUNT_COLUMNS = ["events", "cooperative", "conflictual"]


def pair_label(pair: Pair) -> str:
    """The pair by name: ``("PRK", "CHN")`` → "North Korea–China"."""
    return "–".join(country_name(code) for code in pair)


def yearly_relations(events: pd.DataFrame, pairs: Sequence[Pair]) -> pd.DataFrame:
    """Events per year for each pair, split cooperative / conflictual.

    One row per pair and year in which the pair shares at least one event (an event counts in
    the year it starts). Columns: ``pair`` (its label), ``year``, ``cooperative``,
    ``conflictual``; rows in the order of ``pairs``, then by year.
    """
    rows = []
    cooperative = _cooperative(events)
    years = events["first_day"].dt.year
    for pair in pairs:
        mask = events["countries"].map(lambda codes, pair=pair: set(pair) <= set(codes))
        for year, flags in cooperative[mask].groupby(years[mask]):
            rows.append((pair_label(pair), int(year), int(flags.sum()), int((~flags).sum())))
    return pd.DataFrame(rows, columns=["pair", "year", "cooperative", "conflictual"])


def pair_counts(events: pd.DataFrame) -> pd.DataFrame:
    """How many events each pair of countries shares, most first.

    One row per pair with at least one shared event. Columns: ``a`` and ``b`` (alpha-3 codes,
    ``a`` < ``b``), ``events``, ``cooperative`` and ``conflictual``; ties ordered by code.
    """
    counts: Counter[tuple[str, str, bool]] = Counter()
    for codes, cooperative in zip(events["countries"], _cooperative(events), strict=True):
        for a, b in _pairs(codes):
            counts[a, b, bool(cooperative)] += 1
    table = pd.DataFrame([(a, b, n if co else 0, 0 if co else n)
                          for (a, b, co), n in counts.items()],
                         columns=["a", "b", "cooperative", "conflictual"])
    table = table.groupby(["a", "b"], as_index=False).sum()
    table["events"] = table["cooperative"] + table["conflictual"]
    return (table[["a", "b", *_COUNT_COLUMNS]]
            .sort_values(["events", "a", "b"], ascending=[False, True, True])
            .reset_index(drop=True))


def _pairs(codes: Iterable[str]) -> Iterable[Pair]:
    return combinations(sorted(set(codes)), 2)


def _cooperative(events: pd.DataFrame) -> pd.Series:
    """True for each event whose type is cooperation (quad class 1 or 2)."""
    return events["type"].map(lambda code: event_type(code).quad_class.cooperative).astype(bool)
