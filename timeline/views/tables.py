"""The events as tables: on screen, and as a CSV file for spreadsheets.

Both take the events as ``Store.query`` returns them. The screen table sorts by a real date
and shows the date as written beside it; the spreadsheet has one flat column per value
(country names beside codes, the first source's publisher and address in their own columns),
where the project's own CSV keeps sources as JSON for ``timeline import``.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pandas as pd

from timeline.core.countries import country_name
from timeline.core.display import source_name, when_written
from timeline.core.event_types import event_type
from timeline.files.formats import neutralised

SPREADSHEET_COLUMNS = ("id", "date", "end_date", "precision", "title", "summary", "countries",
                       "country_names", "type", "type_label", "actor", "target", "tags",
                       "source_publisher", "source_url", "source_published", "source_quote",
                       "other_sources", "dataset")


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The events as a person reads them. One row becomes one row with ``Date`` (its first
    day, for sorting), ``When`` (the date as written at its precision: "June 2024", "25 June
    1950 – 27 July 1953"), ``Event`` (the title), ``Countries`` (names), ``Type`` (its
    label), ``Source`` (the first source's publisher, or its web address's host) and ``Link``
    (the first source's web address, empty when it has none)."""
    firsts = [sources[0] if len(sources) else {} for sources in events["sources"]]
    return pd.DataFrame({
        "Date": pd.to_datetime(events["first_day"]).dt.date,
        "When": [when_written(row.date, row.end_date) for row in events.itertuples(index=False)],
        "Event": events["title"].tolist(),
        "Countries": [_listed(list(map(country_name, codes))) for codes in events["countries"]],
        "Type": [event_type(code).label for code in events["type"]],
        "Source": [source_name(first) for first in firsts],
        "Link": [first.get("url") or None for first in firsts],
    })


# What a table cell holds of a list of countries: about three lines of its column.
COUNTRIES_CHARS = 60


def _listed(names: list[str]) -> str:
    """Names joined by commas, as many as fit :data:`COUNTRIES_CHARS`, the rest counted:
    "Finland, France, … Sweden and 29 more" (the details, CSV and JSON have every one)."""
    shown = ", ".join(names)
    for count in range(len(names) - 1, 0, -1):
        if len(shown) <= COUNTRIES_CHARS:
            break
        shown = f"{', '.join(names[:count])} and {len(names) - count} more"
    return shown


def spreadsheet_csv(events: pd.DataFrame) -> str:
    """The events as CSV for a spreadsheet: one row per event, one value per cell (columns
    :data:`SPREADSHEET_COLUMNS`), lists joined by "; ", sources after the first as
    "publisher <address>" lines. Cells a spreadsheet would run as formulas start with ``'``.
    ``timeline import`` reads it back with the first source only."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SPREADSHEET_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in events.itertuples(index=False):
        writer.writerow({name: neutralised(value) if isinstance(value, str) else value
                         for name, value in _spreadsheet_row(row).items()})
    return buffer.getvalue()


def _spreadsheet_row(row: Any) -> dict[str, Any]:
    sources = list(row.sources)
    first = sources[0] if sources else {}
    published = first.get("published")
    return {
        "id": row.id, "date": row.date, "end_date": _text(row.end_date),
        "precision": row.precision, "title": row.title, "summary": row.summary,
        "countries": "; ".join(row.countries),
        "country_names": "; ".join(map(country_name, row.countries)),
        "type": row.type, "type_label": event_type(row.type).label,
        "actor": _text(row.actor), "target": _text(row.target), "tags": "; ".join(row.tags),
        "source_publisher": first.get("publisher") or "", "source_url": first.get("url") or "",
        "source_published": "" if published is None or pd.isna(published)
        else pd.Timestamp(published).date().isoformat(),
        "source_quote": first.get("quote") or "",
        "other_sources": "\n".join(f"{source_name(s)} <{s['url']}>" if s.get("url")
                                   else source_name(s) for s in sources[1:]),
        "dataset": row.dataset,
    }


def _text(value: Any) -> str:
    return "" if value is None or pd.isna(value) else str(value)
