import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.core.dates import PartialDate, Precision, date_bound, parse_written


@pytest.mark.parametrize(
    ("text", "precision", "first", "last", "human"),
    [
        ("1949-10-06", "day", dt.date(1949, 10, 6), dt.date(1949, 10, 6), "6 October 1949"),
        ("2024-06", "month", dt.date(2024, 6, 1), dt.date(2024, 6, 30), "June 2024"),
        ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "February 2024"),
        ("1689", "year", dt.date(1689, 1, 1), dt.date(1689, 12, 31), "1689"),
        (" 1600 ", "year", dt.date(1600, 1, 1), dt.date(1600, 12, 31), "1600"),
        ("2100-12-31", "day", dt.date(2100, 12, 31), dt.date(2100, 12, 31), "31 December 2100"),
    ],
)
def test_parse_keeps_precision_and_span(text, precision, first, last, human):
    date = PartialDate.parse(text)
    assert date.precision == Precision(precision)
    assert (date.first_day, date.last_day) == (first, last)
    assert date.iso() == text.strip()
    assert date.human() == human


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("2024-02-30", "not a real date"),
        ("2023-13", "not a real date"),
        ("1599-12-31", "outside the years 1600–2100"),
        ("2101", "outside the years 1600–2100"),
        ("03/04/2020", "not a date written YYYY"),
        ("24", "not a date written YYYY"),
        ("June 2024", "not a date written YYYY"),
        ("", "not a date written YYYY"),
    ],
)
def test_parse_rejects_with_the_value_named(text, complaint):
    with pytest.raises(ValueError, match=complaint) as error:
        PartialDate.parse(text)
    assert repr(text) in str(error.value)


def test_month_never_shows_as_its_first_day():
    assert "06-01" not in PartialDate.parse("2024-06").iso()
    assert "1" not in PartialDate.parse("2024-06").human().replace("2024", "")


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [("2024", False, dt.date(2024, 1, 1)), ("2024", True, dt.date(2024, 12, 31)),
     ("2024-02", True, dt.date(2024, 2, 29)), ("2024-06-10", True, dt.date(2024, 6, 10))],
)
def test_range_bounds_cover_the_whole_period(text, end, expected):
    assert date_bound(text, end=end) == expected


@given(st.dates(dt.date(1600, 1, 1), dt.date(2100, 12, 31)), st.sampled_from(list(Precision)))
def test_written_date_parses_back_to_itself(day, precision):
    date = PartialDate.of(day, precision)
    assert PartialDate.parse(date.iso()) == date
    assert date.first_day <= day <= date.last_day


@pytest.mark.parametrize(
    ("text", "written"),
    [("June 2024", "2024-06"), ("6 October 1949", "1949-10-06"), ("Oct. 6, 1949", "1949-10-06"),
     ("Jun 2024", "2024-06"), ("6th of October 1949", "1949-10-06"),
     ("1689", "1689"), ("2024-06", "2024-06"), (" June 2024 ", "2024-06")],
)
def test_dates_written_in_words_keep_their_precision(text, written):
    assert parse_written(text).iso() == written


@pytest.mark.parametrize(
    ("text", "complaint"),
    [("03/04/2020", "not a date written YYYY"), ("yesterday", "as words such as"),
     ("June", "as words such as"), ("Monday", "as words such as"),
     ("6 June 2024 10:00", "as words such as"), ("June 1500", "outside the years"),
     ("last June", "as words such as"), ("spring 2024", "as words such as"),
     ("June 2024 and July 2024", "as words such as"), ("2024-02-30", "not a real date"),
     ("1500", "outside the years")],
)
def test_relative_ambiguous_or_several_dates_are_refused(text, complaint):
    with pytest.raises(ValueError, match=complaint):
        parse_written(text)
