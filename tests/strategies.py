"""Hypothesis strategies for valid events (shared by the round-trip property tests)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from timeline.core.dates import PartialDate, Precision
from timeline.core.event_types import EVENT_TYPES_BY_CODE
from timeline.core.model import Event

# Letters, digits, punctuation, spaces, CJK and right-to-left text; no control characters.
_CHARACTERS = st.characters(exclude_categories=("Cc", "Cs"))
_CODES = ("PRK", "CHN", "RUS", "KOR", "USA", "JPN", "TWN", "PRY", "SUN", "DDR", "YUG", "CSK")


def _text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(_CHARACTERS, min_size=min_size, max_size=max_size).map(str.strip).filter(
        lambda text: len(text) >= min_size)


sources = st.fixed_dictionaries(
    {"url": st.sampled_from(["https://en.wikipedia.org/wiki/Korean_War",
                             "http://news.example.org/a?b=c&d=%E2%80%93"])},
    optional={"publisher": _text(1, 40), "quote": _text(0, 80),
              "published": st.dates(dt.date(1900, 1, 1), dt.date(2030, 1, 1))},
)


def dates_between(first: dt.date, last: dt.date) -> st.SearchStrategy[PartialDate]:
    """Dates at any precision whose first day lies in ``first``..``last``."""
    return st.builds(PartialDate.of, st.dates(first, last), st.sampled_from(list(Precision)))


partial_dates = dates_between(dt.date(1600, 1, 1), dt.date(2100, 12, 31))


@st.composite
def events(draw: st.DrawFn, dates: st.SearchStrategy[PartialDate] = partial_dates) -> Event:
    """Any valid event: any date 1600–2100 (or from ``dates``) at any precision, any text,
    0–4 countries."""
    date = draw(dates)
    countries = draw(st.lists(st.sampled_from(_CODES), max_size=4, unique=True))
    end = draw(st.none() | dates.filter(lambda d: d.first_day >= date.first_day))
    return Event(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9._:-]{0,20}", fullmatch=True)),
        date=date,
        end_date=end,
        title=draw(_text(1, 60)),
        summary=draw(_text(0, 200)),
        countries=countries,
        actor=draw(st.none() | st.sampled_from(countries)) if countries else None,
        type=draw(st.sampled_from(list(EVENT_TYPES_BY_CODE))),
        sources=draw(st.lists(sources, min_size=1, max_size=3)),
        tags=draw(st.lists(_text(1, 12).filter(lambda t: ";" not in t), max_size=3,
                           unique=True)),
    )
