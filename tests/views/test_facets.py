import datetime as dt

import pytest

from timeline.core.filters import EventFilter
from timeline.views.facets import country_facet_narrows, narrowed, relaxations


@pytest.mark.parametrize(("before", "facet", "value", "after"), [
    (EventFilter(), "country", "CHN", EventFilter(countries=("CHN",))),
    (EventFilter(countries=("PRK",)), "country", "CHN",
     EventFilter(countries=("PRK", "CHN"), match="all")),
    (EventFilter(types=("treaty", "talks")), "type", "talks", EventFilter(types=("talks",))),
    (EventFilter(), "decade", "1950",
     EventFilter(start=dt.date(1950, 1, 1), end=dt.date(1959, 12, 31))),
    (EventFilter(start=dt.date(1953, 7, 27)), "decade", "1950",
     EventFilter(start=dt.date(1953, 7, 27), end=dt.date(1959, 12, 31))),
])
def test_a_facet_value_narrows_the_filter(before, facet, value, after):
    assert narrowed(before, facet, value) == after


def test_a_country_would_widen_any_of_two_countries():
    assert country_facet_narrows(EventFilter(countries=("PRK",)))
    assert country_facet_narrows(EventFilter(countries=("PRK", "CHN"), match="all"))
    assert not country_facet_narrows(EventFilter(countries=("PRK", "CHN")))


def test_relaxations_drop_one_part_at_a_time():
    f = EventFilter(countries=("PRK", "CHN"), match="all", start=dt.date(1949, 1, 1),
                    types=("treaty",), text="pact")
    found = dict(relaxations(f))
    assert list(found) == ["without North Korea", "without China", "involving any of them",
                           "at any date", "of any type", "without “pact”"]
    assert found["without “pact”"] == EventFilter(countries=("PRK", "CHN"), match="all",
                                                  start=dt.date(1949, 1, 1), types=("treaty",))
    assert found["without China"].countries == ("PRK",)
    assert relaxations(EventFilter()) == []
