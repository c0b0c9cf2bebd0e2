"""Rows ↔ events: what each table holds for an :class:`~timeline.core.model.Event`, and the event a
row read back describes. Written once here for every path that writes events one by one
(imports of the project's files, edits); the bulk path writes the same columns in SQL.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Any

import pandas as pd

from timeline.core.dates import PartialDate
from timeline.core.model import Event, Source

EVENT_COLUMNS = ("key", "id", "dataset", "first_day", "precision", "end_day", "end_precision",
                 "last_day", "title", "summary", "actor", "target", "type", "tags", "cameo",
                 "goldstein", "weight", "search_text", "countries", "batch")
COUNTRY_COLUMNS = ("key", "country", "position", "dataset", "first_day", "last_day", "type",
                   "members", "earlier")
SOURCE_COLUMNS = ("key", "position", "publisher", "url", "published", "quote")
TABLES_BY_KEY = ("events", "event_countries", "sources")


def tables_for(events: list[Event], keys: list[int], dataset: str,
               batch: int | None = None) -> dict[str, pd.DataFrame]:
    """The rows of each table for these events, as DataFrames ready to insert."""
    event_rows, country_rows, source_rows = [], [], []
    for key, event in zip(keys, events, strict=True):
        end = event.end_date
        event_rows.append((
            key, event.id, dataset, event.first_day, event.date.precision.value,
            end.first_day if end else None, end.precision.value if end else None,
            event.last_day, event.title, event.summary, event.actor, event.target, event.type,
            list(event.tags), event.cameo, event.goldstein, event.weight, search_text(event),
            list(event.countries), batch))
        members = delimited(event.countries)
        country_rows += [(key, code, n, dataset, event.first_day, event.last_day, event.type,
                          members, delimited(event.countries[:n]))
                         for n, code in enumerate(event.countries)]
        source_rows += [(key, n, s.publisher, s.url, s.published, s.quote)
                        for n, s in enumerate(event.sources)]
    # Dates stay Python dates (object columns): DuckDB stores them as DATE, 1689 included.
    # The batch is typed: a column of None alone would reach the database with no type.
    return {
        "events": pd.DataFrame(event_rows, columns=list(EVENT_COLUMNS)).astype(
            {"batch": "Int64"}),
        "event_countries": pd.DataFrame(country_rows, columns=list(COUNTRY_COLUMNS)),
        "sources": pd.DataFrame(source_rows, columns=list(SOURCE_COLUMNS)),
    }


def delimited(codes: Iterable[str]) -> str:
    """Country codes as stored in ``event_countries.members``: ("PRK", "CHN") → "|PRK|CHN|"."""
    return "|" + "|".join(codes) + "|"


def search_text(event: Event) -> str:
    """Title, summary and quotes, :func:`normalized`: what text search looks in."""
    quotes = (source.quote for source in event.sources if source.quote)
    return normalized("\n".join((event.title, *filter(None, (event.summary, *quotes)))))


def normalized(text: str) -> str:
    """``text`` as text search compares it: lower-cased, accents taken off ("Défense" →
    "defense", "İstanbul" → "istanbul"). DuckDB's ``strip_accents(lower(…))`` gives the same
    (:func:`timeline.store.words.normalized_sql`), which bulk imports use."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M")))


def written(day: Any, precision: str) -> str:
    """A stored first day at its precision, as people write it: ``"2024-06"``."""
    return PartialDate.of(pd.Timestamp(day).date(), precision).iso()


def finish_page(frame: pd.DataFrame) -> pd.DataFrame:
    """A page of stored events as :meth:`Store.query` gives it: the dates as written
    (``date``, ``end_date``) added, list columns as Python lists."""
    frame["date"] = [written(day, precision) for day, precision
                     in zip(frame["first_day"], frame["precision"], strict=True)]
    # An object column: pandas would store a text column's missing values as NaN, which
    # reads as true (`timeline list` printed "..nan" for events with no end date).
    frame["end_date"] = pd.Series(
        [None if pd.isna(day) else written(day, precision) for day, precision
         in zip(frame["end_day"], frame["end_precision"], strict=True)],
        index=frame.index, dtype=object)
    for column in ("countries", "tags", "sources"):
        frame[column] = frame[column].map(list)
    return frame


def event_from_row(row: Any) -> Event:
    """The event a row of :meth:`Store.query`'s frame describes."""
    return Event(
        id=row.id,
        date=row.date,
        end_date=None if pd.isna(row.end_date) else row.end_date,
        title=row.title,
        summary=row.summary,
        countries=tuple(row.countries),
        actor=or_none(row.actor),
        target=or_none(row.target),
        type=row.type,
        sources=tuple(Source(publisher=s["publisher"], url=s["url"], quote=s["quote"],
                             published=or_none(s["published"])) for s in row.sources),
        tags=tuple(row.tags),
        cameo=or_none(row.cameo),
        goldstein=or_none(row.goldstein),
        weight=or_none(row.weight),
    )


def or_none(value: Any) -> Any:
    """``None`` for SQL NULL (NaN, NaT, ``pd.NA``); dates as ``datetime.date``."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return pd.Timestamp(value).date()
    return value.item() if hasattr(value, "item") else value
