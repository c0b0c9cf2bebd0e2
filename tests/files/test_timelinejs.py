"""TimelineJS JSON both ways: written against its documented fields (escaped, dates with
only their known parts), read back as events (slides from elsewhere mapped onto the model)."""

from __future__ import annotations

import json

import pytest

from tests.builders import IMG, JS_LINK, SCRIPT, Markup, write
from timeline.files import timelinejs
from timeline.files.formats import read_events, read_events_file

# The TimelineJS3 JSON format (timeline.knightlab.com/docs/json-format.html).
TIMELINE_FIELDS = {"events", "title", "eras", "scale"}
SLIDE_FIELDS = {"start_date", "end_date", "text", "media", "group", "display_date",
                "background", "autolink", "unique_id"}
DATE_FIELDS = {"year", "month", "day", "hour", "minute", "second", "millisecond",
               "display_date", "format"}
TEXT_FIELDS = {"headline", "text"}
MEDIA_FIELDS = {"url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"}


def strings(value):
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def by_id(slides):
    return {slide["unique_id"]: slide for slide in slides}


# -- TimelineJS ----------------------------------------------------------------------------


def test_timelinejs_uses_only_documented_fields(sample_events):
    timeline = json.loads(json.dumps(timelinejs.timeline(sample_events, title="Test events")))
    assert set(timeline) <= TIMELINE_FIELDS
    assert timeline["title"]["text"]["headline"] == "Test events"
    assert len(timeline["events"]) == len(sample_events)
    for slide in timeline["events"]:
        assert set(slide) <= SLIDE_FIELDS
        assert set(slide["text"]) <= TEXT_FIELDS
        assert set(slide["media"]) <= MEDIA_FIELDS
        for date in (slide["start_date"], slide.get("end_date", {"year": 1})):
            assert set(date) <= DATE_FIELDS
            assert all(isinstance(date[part], int) for part in ("year", "month", "day")
                       if part in date)


def test_timelinejs_dates_carry_only_the_known_parts(sample_events):
    slides = by_id(timelinejs.timeline(sample_events)["events"])
    assert slides["nerchinsk-1689"]["start_date"] == {"year": 1689, "display_date": "1689"}
    assert slides["prk-rus-pact-2024"]["start_date"] == {
        "year": 2024, "month": 6, "display_date": "June 2024"}  # no invented day
    assert slides["prk-chn-ties-1949"]["start_date"] == {
        "year": 1949, "month": 10, "day": 6, "display_date": "6 October 1949"}
    war = slides["korean-war"]
    assert war["end_date"] == {"year": 1953, "month": 7, "day": 27,
                               "display_date": "27 July 1953"}
    assert war["display_date"] == "25 June 1950 – 27 July 1953"
    assert "end_date" not in slides["prk-chn-ties-1949"]


def test_timelinejs_slides_hold_titles_ids_types_and_sources(sample_events):
    slides = timelinejs.timeline(sample_events)["events"]
    assert [s["unique_id"] for s in slides] == [e.id for e in sample_events]
    assert len({s["unique_id"] for s in slides}) == len(slides)
    pact = by_id(slides)["prk-rus-pact-2024"]
    assert pact["text"]["headline"] == "North Korea and Russia sign a mutual defence pact"
    assert pact["group"] == "Treaty or agreement"
    assert by_id(slides)["korean-war"]["group"] == "Attack, clash or war"
    assert pact["media"] == {"url": "https://news.example.org/2024/06/pact",
                             "caption": "Test Wire"}
    text = Markup(pact["text"]["text"])
    assert "Leaders in Pyongyang and Moscow pledge military help if either is attacked." in (
        text.text)
    assert text.links() == ["https://news.example.org/2024/06/pact"]
    messages = by_id(slides)["prk-chn-messages-2024"]
    assert "習近平 wrote of a new era" in "".join(Markup(messages["text"]["text"]).text)


def test_timelinejs_escapes_every_text_field(hostile_events):
    timeline = timelinejs.timeline(hostile_events, title=SCRIPT)
    for text in strings(timeline):
        markup = Markup(text)
        # Only the elements the export itself writes; no event text became an element.
        assert markup.tags() <= {"p", "ul", "li", "a", "q"}, text
        assert all(not name.startswith("on") for _, attrs in markup.elements for name in attrs)
        assert all(link.startswith("https://") for link in markup.links()), text
    slides = by_id(timeline["events"])
    assert Markup(slides["hostile"]["text"]["headline"]).text == [IMG]
    assert Markup(timeline["title"]["text"]["headline"]).text == [SCRIPT]
    hostile_text = "".join(Markup(slides["hostile"]["text"]["text"]).text)
    assert f"{SCRIPT} {JS_LINK}" in hostile_text  # the summary, as text
    assert IMG in hostile_text  # the quote, as text
    assert SCRIPT in hostile_text  # the publisher, as text
    assert Markup(slides["hostile"]["media"]["caption"]).text == [SCRIPT]
    # The address's quote and brackets are encoded: it cannot end its attribute.
    assert slides["hostile"]["media"]["url"] == (
        "https://evil.example.org/%22%3E%3Cscript%3Ex%3C/script%3E")
    # A javascript: source is named as text, never linked, never media.
    assert "media" not in slides["smuggled"]
    smuggled = Markup(slides["smuggled"]["text"]["text"])
    assert smuggled.links() == []
    assert "<b>Bold</b>" in "".join(smuggled.text)
    assert not any("javascript:alert(5)" in text for text in strings(timeline))


# -- reading -------------------------------------------------------------------------------


def test_a_timelinejs_export_imports_back(tmp_path, sample_events):
    text = json.dumps(timelinejs.timeline(sample_events), indent=2)
    path = write(tmp_path, "timeline.json", text)
    back = read_events_file(path, "json")
    for event, read in zip(sample_events, back, strict=True):
        assert (read.id, read.date, read.end_date, read.title, read.summary, read.type) == (
            event.id, event.date, event.end_date, event.title, event.summary, event.type)
        assert read.sources[0].url == event.sources[0].url
        # TimelineJS has no countries: they come back from the names the slide lists.
        assert set(event.countries) <= set(read.countries)


@pytest.mark.parametrize(
    ("slide", "expected"),
    [
        ({"start_date": {"year": "1953", "month": "7", "day": "27"},
          "text": {"headline": "<b>Armistice</b> signed", "text": "<p>Fighting stops.</p>"},
          "group": "Treaty or agreement", "unique_id": "armistice",
          "media": {"url": "https://en.wikipedia.org/wiki/Korean_Armistice_Agreement",
                    "caption": "Wikipedia"}},
         {"id": "armistice", "date": "1953-07-27", "title": "Armistice signed",
          "summary": "Fighting stops.", "type": "treaty"}),
        ({"start_date": {"year": 2024, "month": 6}, "end_date": {"year": 2025},
          "text": {"headline": "Pact"}, "group": "treaty",
          "media": {"url": "https://news.example.org/p"}},
         {"date": "2024-06", "end_date": "2025", "title": "Pact", "type": "treaty"}),
    ],
)
def test_a_timelinejs_slide_from_elsewhere_maps_onto_the_model(tmp_path, slide, expected):
    path = write(tmp_path, "other.json", json.dumps({"title": {}, "events": [slide]}))
    [event] = read_events_file(path, "json")
    record = event.to_record()
    assert {key: record.get(key) for key in expected} == expected


def test_a_timelinejs_slide_that_does_not_fit_names_its_problems(tmp_path):
    slide = {"start_date": {"year": 1990}, "text": {"headline": "Cup"}, "group": "Sports"}
    path = write(tmp_path, "other.json", json.dumps({"events": [slide]}))
    problems = [str(p) for p in read_events(path, "json").problems]
    assert f"{path}:1: type: 'Sports' is not an event type" in problems[0]
    assert any(p.startswith(f"{path}:1: sources:") for p in problems)
