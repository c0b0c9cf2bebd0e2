import datetime as dt

import pandas as pd
import pytest

from timeline.core.filters import EventFilter
from timeline.views.viewport import View, around, read_view, view_id

PRK = EventFilter(countries=("PRK",))


def report(**fields):
    return {"range": ["1949-01-01 06:00:00.1234", "1960-03-01"], "width": 840,
            "view_id": view_id(PRK), **fields}


def test_a_view_reported_for_this_filter_is_read():
    view = read_view(report(), view_id(PRK))
    assert view == View(pd.Timestamp("1949-01-01 06:00:00.1234"), pd.Timestamp("1960-03-01"),
                        840)


@pytest.mark.parametrize("reported", [
    None, {}, report(view_id=view_id(EventFilter())), report(range=["x", "y"]),
    report(range=["1960-01-01", "1950-01-01"]), report(width=0), report(range=None)])
def test_a_stale_or_unreadable_view_is_none(reported):
    assert read_view(reported, view_id(PRK)) is None


def test_views_outside_the_calendar_are_clipped_to_it():
    view = read_view(report(range=["1500-01-01", "2300-01-01"]), view_id(PRK))
    assert view.start.year == 1600 and view.end.year == 2100


def test_around_a_view_reads_one_view_width_either_side_within_the_filter():
    view = View(pd.Timestamp("2000-01-01"), pd.Timestamp("2010-01-01"), 800)
    # Ten years (3,653 days) either side.
    assert around(view, PRK) == EventFilter(countries=("PRK",), start=dt.date(1989, 12, 31),
                                            end=dt.date(2020, 1, 2))
    bounded = EventFilter(start=dt.date(1995, 6, 1), end=dt.date(2012, 12, 31))
    narrowed = around(view, bounded)
    assert (narrowed.start, narrowed.end) == (dt.date(1995, 6, 1), dt.date(2012, 12, 31))


def test_a_view_keeps_the_token_of_its_report():
    assert read_view(report(seq="1733-4"), view_id(PRK)).seq == "1733-4"
    assert read_view(report(seq=5), view_id(PRK)).seq is None
    assert read_view(report(screen=390), view_id(PRK)).screen == 390
