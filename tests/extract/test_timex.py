"""TIMEX3 date values read back as periods (extract.timex)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.extract.timex import TimexPrecision as P
from timeline.extract.timex import value_period


@pytest.mark.parametrize(("value", "first", "last", "precision"), [
    ("2024-03-05", "2024-03-05", "2024-03-05", P.DAY),
    ("2024-W10", "2024-03-04", "2024-03-10", P.WEEK),
    ("2024-W10-WE", "2024-03-09", "2024-03-10", P.WEEK),
    ("2024-02", "2024-02-01", "2024-02-29", P.MONTH),
    ("2024-Q2", "2024-04-01", "2024-06-30", P.QUARTER),
    ("2024-H2", "2024-07-01", "2024-12-31", P.HALF),
    # winter runs from December into the next year
    ("2024-WI", "2024-12-01", "2025-02-28", P.SEASON),
    ("2024", "2024-01-01", "2024-12-31", P.YEAR),
    ("197X", "1970-01-01", "1979-12-31", P.DECADE),
    ("19XX", "1900-01-01", "1999-12-31", P.CENTURY),
])
def test_a_value_is_the_period_it_names(value, first, last, precision):
    assert value_period(value) == (dt.date.fromisoformat(first), dt.date.fromisoformat(last),
                                   precision)


@pytest.mark.parametrize("value", ["PRESENT_REF", "2024-02-30", "XXXX-WI", "2024-W60", ""])
def test_a_value_that_names_no_date_is_refused(value):
    with pytest.raises(ValueError):
        value_period(value)


@given(st.dates(dt.date(1600, 1, 1), dt.date(2100, 12, 31)))
def test_every_value_written_for_a_day_holds_that_day(day):
    year, week, _ = day.isocalendar()
    written = {  # the TIMEX3 value of the day at each precision, as TimeML writes it
        P.DAY: day.isoformat(), P.WEEK: f"{year:04d}-W{week:02d}",
        P.MONTH: f"{day.year:04d}-{day.month:02d}",
        P.QUARTER: f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}",
        P.HALF: f"{day.year:04d}-H{(day.month - 1) // 6 + 1}", P.YEAR: f"{day.year:04d}",
        P.DECADE: f"{str(day.year)[:3]}X", P.CENTURY: f"{str(day.year)[:2]}XX",
    }
    for precision, value in written.items():
        first, last, got = value_period(value)
        assert first <= day <= last and got is precision, value
