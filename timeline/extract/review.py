"""The review table a person corrects before extracted events are stored.

:func:`review_rows` and :func:`reviewed_events` are its two ends: one row per candidate
(accept, date, end date, countries, type, title, confidence, sentence), and back from the
corrected rows to validated events, or the problems of each row naming the table's column.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from timeline.core.countries import UnknownCountry, resolve_country
from timeline.core.model import MAX_QUOTE, Event, InvalidEvent, parse_event

from .candidates import Candidate, merge_same_events

__all__ = ["ACCEPT_THRESHOLD", "REVIEW_COLUMNS", "ReviewProblem", "review_rows", "reviewed_events"]


# ---------------------------------------------------------------------------------------------
# The review table

REVIEW_COLUMNS = ("accept", "date", "end date", "countries", "type", "title", "confidence",
                  "sentence")
ACCEPT_THRESHOLD = 0.5  # candidates at this confidence or more start accepted


def review_rows(candidates: Iterable[Candidate]) -> list[dict[str, Any]]:
    """One row per candidate for a person to correct: dates as written, countries as codes
    joined by commas, ``accept`` on when the confidence is at least :data:`ACCEPT_THRESHOLD`."""
    return [{
        "accept": candidate.confidence >= ACCEPT_THRESHOLD,
        "date": candidate.date.iso(),
        "end date": candidate.end_date.iso() if candidate.end_date else "",
        "countries": ", ".join(candidate.countries),
        "type": candidate.type,
        "title": candidate.title,
        "confidence": candidate.confidence,
        "sentence": candidate.quote,
    } for candidate in candidates]


@dataclass(frozen=True)
class ReviewProblem:
    """Why a row of the review table is no valid event: the row (1 for the first; ``None`` for
    the article's source, shared by every row), the column and what is wrong."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, " if self.row is not None else ""
        return f"{where}{self.column}: {self.message}"


def reviewed_events(candidates: Sequence[Candidate], rows: Sequence[Mapping[str, Any]], *,
                    url: str, publisher: str) -> tuple[list[Event], list[ReviewProblem]]:
    """The events of the accepted rows, or the problems that stop them being stored.

    ``rows`` are :func:`review_rows` of ``candidates`` as the person corrected them, in the
    same order. Each accepted row becomes the candidate's event with the row's date, end date,
    countries (codes or names, separated by commas), type and title; its source is the
    article (``url``, ``publisher``, the candidate's publication date) quoting the candidate's
    sentence. The actor and target are kept while they are still among the countries. Rows
    that describe the same event (same date, type, countries and title) make one event citing
    each sentence. When any accepted row is invalid the events are ``[]``.
    """
    if len(rows) != len(candidates):
        raise ValueError(f"{len(rows)} rows for {len(candidates)} candidates")
    events: list[Event] = []
    problems: list[ReviewProblem] = []
    source_problems: dict[tuple[str, str], ReviewProblem] = {}
    for number, (candidate, row) in enumerate(zip(candidates, rows, strict=True), start=1):
        if not _accepted(row.get("accept")):
            continue
        try:
            event = parse_event(_record(candidate, row, url=url, publisher=publisher))
        except InvalidEvent as error:
            for problem in error.problems:
                column = _column(problem.field, problem.message)
                if problem.field.startswith("sources"):
                    source_problems.setdefault((column, problem.message),
                                               ReviewProblem(None, column, problem.message))
                else:
                    problems.append(ReviewProblem(number, column, problem.message))
            continue
        events.append(event)
    problems = [*source_problems.values(), *problems]
    return ([] if problems else merge_same_events(events)), problems


def _accepted(value: Any) -> bool:
    return False if value is None or pd.isna(value) else bool(value)


def _cell(value: Any) -> str:
    """A text cell as typed: ``""`` for an emptied one."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def _record(candidate: Candidate, row: Mapping[str, Any], *, url: str,
            publisher: str) -> dict[str, Any]:
    countries = [part.strip() for part in re.split(r"[,;]", _cell(row.get("countries")))
                 if part.strip()]
    codes = set()
    for country in countries:
        with contextlib.suppress(UnknownCountry):  # parse_event names it
            codes.add(resolve_country(country))
    quote = candidate.quote
    if len(quote) > MAX_QUOTE:
        quote = quote[: MAX_QUOTE - 1] + "…"
    return {
        "date": _cell(row.get("date")),
        "end_date": _cell(row.get("end date")) or None,
        "title": _cell(row.get("title")),
        "countries": countries,
        "actor": candidate.actor if candidate.actor in codes else None,
        "target": candidate.target if candidate.target in codes else None,
        "type": _cell(row.get("type")),
        "sources": [{"url": url.strip(), "publisher": publisher.strip(),
                     "published": candidate.published, "quote": quote}],
    }


_COLUMNS = {"date": "date", "end_date": "end date", "countries": "countries", "type": "type",
            "title": "title", "sources.0.url": "source URL", "sources.0.publisher": "publisher",
            "sources.0.quote": "sentence", "sources.0": "source", "sources": "source"}


def _column(field: str, message: str) -> str:
    """The review table's name for a field of the event model."""
    if field in _COLUMNS:
        return _COLUMNS[field]
    if field.startswith("countries."):
        return "countries"
    if field == "event" and message.startswith("end_date"):
        return "end date"
    return field.replace("_", " ")
