import datetime as dt

import pandas as pd
import pytest

from tests.builders import event_record, query_frame
from timeline.views.anniversaries import ROUND_YEARS, anniversaries


def sentences(frame: pd.DataFrame, start: str, end: str) -> list[str]:
    found = anniversaries(frame, dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    return [anniversary.sentence for anniversary in found]


def test_the_75th_anniversary_of_north_korea_china_ties(sample_frame):
    assert sentences(sample_frame, "2024-10-01", "2024-10-31") == [
        "6 October 2024: 75 years since North Korea and China established diplomatic relations"]


def test_a_window_lists_every_round_anniversary_in_date_order(sample_frame):
    assert sentences(sample_frame, "2023-01-01", "2025-12-31") == [
        "27 July 2023: 70 years since the end of “Korean War”",
        "6 October 2024: 75 years since North Korea and China established diplomatic relations",
        "25 June 2025: 75 years since the start of “Korean War”",
    ]


@pytest.mark.parametrize(
    ("record", "start", "end", "expected"),
    [
        # Known to the month: the anniversary is a month, caught by a window touching it.
        ({"date": "2024-06", "title": "North Korea and Russia sign a pact"},
         "2034-06-30", "2034-07-31", ["June 2034: 10 years since “North Korea and Russia sign "
                                      "a pact”"]),
        # Known to the year: 1689 → 1789; a century is the longest round number.
        ({"date": "1689", "title": "Treaty of Nerchinsk."}, "1780-01-01", "1950-12-31",
         ["1789: 100 years since “Treaty of Nerchinsk”"]),
        # 29 February falls on the 28th in a common year.
        ({"date": "2016-02-29", "title": "Leap-day talks", "type": "talks"}, "2026-02-01",
         "2026-03-31", ["28 February 2026: 10 years since “Leap-day talks”"]),
        # Ties between more than two countries keep the title.
        ({"date": "1990-09-12", "title": "Four powers restore ties", "type": "ties_established",
          "countries": ["USA", "SUN", "GBR", "FRA"]}, "2015-01-01", "2015-12-31",
         ["12 September 2015: 25 years since “Four powers restore ties”"]),
        # Not a round number of years: nothing.
        ({"date": "2001-05-05"}, "2012-01-01", "2020-12-31", []),
        # Past 2100: nothing, rather than an error.
        ({"date": "2095-01-01"}, "2095-01-01", "2100-12-31", []),
    ],
)
def test_anniversaries_keep_the_events_precision(record, start, end, expected):
    assert sentences(query_frame([event_record(**record)]), start, end) == expected


def test_every_round_number_is_remembered():
    frame = query_frame([event_record(date="1900-01-01")])
    found = anniversaries(frame, dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    assert [anniversary.years for anniversary in found] == list(ROUND_YEARS)


def test_the_window_bounds_are_inclusive(sample_frame):
    day = "2024-10-06"
    assert len(sentences(sample_frame, day, day)) == 1
    assert sentences(sample_frame, "2024-10-07", "2024-12-31") == []
