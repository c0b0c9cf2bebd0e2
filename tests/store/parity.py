"""What the engine parity tests share: events made to probe every filter, the filters,
and how two engines' frames are compared."""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd

from tests.builders import event_record
from timeline.core.filters import EventFilter
from timeline.core.model import Event, parse_event

COUNTRIES = ("PRK", "CHN", "RUS", "USA", "KOR", "JPN", "TWN", "PRY", "SUN", "XKR")
TYPES = ("treaty", "summit", "talks", "sanctions", "statement")
WORDS = ("summit", "treaty", "50% tariff", "under_score", "Ünïcode talks", "back\\slash")
# Ids that sort differently by code point than in a dictionary ("ev-10" before "ev-9",
# capitals first), on days shared by several events: "by date then id" must agree exactly.
ID_FORMS = ("ev-{n}", "EV-{n}", "ev_{n}", "ev.{n}", "ev:{n}a", "Z{n}")


def made_events(count: int = 260, seed: int = 13) -> list[Event]:
    """Events on 30 shared days from 1600 to 2030, at day, month and year precision, some
    lasting, with one to three countries, tricky ids and words."""
    rng = random.Random(seed)
    days = sorted(dt.date(rng.randint(1600, 2030), rng.randint(1, 12), rng.randint(1, 28))
                  for _ in range(30))
    events = []
    for n in range(count):
        day = rng.choice(days)
        precision = rng.choice(("day", "day", "month", "year"))
        date = {"day": day.isoformat(), "month": day.isoformat()[:7],
                "year": str(day.year)}[precision]
        record = event_record(
            id=rng.choice(ID_FORMS).format(n=n), date=date,
            title=f"{rng.choice(WORDS)} number {n}",
            countries=rng.sample(COUNTRIES, rng.randint(1, 3)), type=rng.choice(TYPES),
            sources=[{"publisher": rng.choice(("Wire", "Gazette", "Radio 100%")),
                      "url": f"https://news{n % 7}.example.org/{n}"}])
        if rng.random() < 0.2:
            record["end_date"] = str(min(day.year + rng.randint(1, 3), 2100))
        events.append(parse_event(record))
    return events


FILTERS = [
    EventFilter(),
    EventFilter(countries=("PRK",)),
    EventFilter(countries=("PRK", "CHN"), match="any"),
    EventFilter(countries=("PRK", "CHN"), match="all"),
    EventFilter(countries=("USA", "RUS", "SUN"), match="all"),
    EventFilter(start=dt.date(1950, 1, 1)),
    EventFilter(start=dt.date(1700, 3, 15), end=dt.date(1999, 11, 10)),
    EventFilter(end=dt.date(1689, 6, 30)),
    EventFilter(types=("treaty", "summit")),
    EventFilter(text="TREATY"),
    EventFilter(text="50%"),
    EventFilter(text="under_"),
    EventFilter(text="back\\slash"),
    EventFilter(text="ünïcode"),
    EventFilter(text="UNICODE"),  # accents stored, none searched
    EventFilter(text="pact", countries=("PRK",), start=dt.date(2000, 1, 1)),
    EventFilter(source="radio 100%"),
    EventFilter(source="news3.example"),
    EventFilter(datasets=("wire",)),
    EventFilter(datasets=("curated", "wire"), countries=("KOR",), start=dt.date(1900, 1, 1)),
    EventFilter(countries=("CHN",), text="summit", types=("summit", "talks")),
    EventFilter(countries=("XKR",), match="all", start=dt.date(2100, 1, 1)),  # nothing
]


def same_frames(duck: pd.DataFrame, post: pd.DataFrame) -> None:
    """Equal values, row by row and column by column. Dates must be ``datetime64[us]`` on
    both; other dtypes may differ where DuckDB's depend on the data (an integer column with
    no missing value comes as int32, with one as Int32)."""
    pd.testing.assert_frame_equal(duck, post, check_dtype=False)
    for column in ("first_day", "last_day", "period"):
        if column in duck:
            assert duck[column].dtype == post[column].dtype == "datetime64[us]"


def as_records(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as plain values (missing ones as None), to compare across engines."""
    return [{key: None if not isinstance(value, list) and pd.isna(value) else value
             for key, value in row.items()} for row in frame.to_dict("records")]
