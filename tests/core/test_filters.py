import datetime as dt

import pytest

from timeline.core.filters import EventFilter


@pytest.mark.parametrize(
    ("event_filter", "sentence"),
    [
        (EventFilter(), "All events"),
        (EventFilter(countries=("PRK",)), "Events involving North Korea"),
        (EventFilter(countries=("PRK", "CHN"), match="all", start=dt.date(1949, 1, 1),
                     end=dt.date(2025, 12, 31)),
         "Events involving both North Korea and China, 1949–2025"),
        (EventFilter(countries=("PRK", "CHN")), "Events involving North Korea or China"),
        (EventFilter(countries=("PRK", "CHN", "RUS"), match="all"),
         "Events involving all of North Korea, China and Russia"),
        (EventFilter(countries=("PRK", "CHN", "SUN")),
         "Events involving any of North Korea, China or USSR"),
        (EventFilter(start=dt.date(2024, 6, 10), end=dt.date(2024, 6, 30)),
         "All events, 10 Jun 2024–30 Jun 2024"),
        (EventFilter(start=dt.date(2000, 1, 1)), "All events, from 2000"),
        (EventFilter(end=dt.date(1991, 12, 31)), "All events, up to 1991"),
        (EventFilter(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)), "All events, 2024"),
        (EventFilter(types=("treaty", "summit")),
         "All events, type: treaty or agreement; summit or visit"),
        (EventFilter(text="習近平"), "All events, mentioning “習近平”"),
        (EventFilter(source="reuters"), "All events, from sources matching “reuters”"),
    ],
)
def test_filter_reads_as_a_sentence(event_filter, sentence):
    assert event_filter.describe() == sentence


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"match": "some"}, "match must be 'any' or 'all'"),
        ({"start": dt.date(2025, 1, 1), "end": dt.date(2024, 1, 1)}, "starts .* after it ends"),
        ({"types": ("parade",)}, "'parade' is not an event type"),
    ],
)
def test_impossible_filters_are_refused(fields, words):
    with pytest.raises((ValueError, KeyError), match=words):
        EventFilter(**fields)
