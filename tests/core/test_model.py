import pytest

from tests.builders import event_record
from timeline.core.dates import Precision
from timeline.core.model import InvalidEvent, parse_event


@pytest.mark.parametrize(
    ("fields", "check"),
    [
        ({"date": "2024-06"}, lambda e: e.date.precision == Precision.MONTH),
        ({"date": "1689"}, lambda e: e.date.iso() == "1689"),
        ({"date": "June 2024"}, lambda e: (e.date.iso(), e.date.precision) == (
            "2024-06", Precision.MONTH)),
        ({"countries": ["DPRK", "Soviet Union"]}, lambda e: e.countries == ("PRK", "SUN")),
        ({"countries": ["PRK", "prk", "North Korea"]}, lambda e: e.countries == ("PRK",)),
        ({"countries": ["DDR", "CSK", "YUG"]}, lambda e: e.countries == ("DDR", "CSK", "YUG")),
        ({"actor": "North Korea", "target": "RUS"},
         lambda e: (e.actor, e.target) == ("PRK", "RUS")),
        ({"date": "1950-06-25", "end_date": "1953"},
         lambda e: e.last_day.isoformat() == "1953-12-31"),
        ({"title": "  Pact signed  "}, lambda e: e.title == "Pact signed"),
        ({"summary": "Line one\nline two"}, lambda e: "\n" in e.summary),
        ({"title": "習近平 meets 김정은"}, lambda e: e.title.startswith("習近平")),
        ({"tags": ["nuclear", "nuclear", "un"]}, lambda e: e.tags == ("nuclear", "un")),
        ({"precision": "month"}, lambda e: e.date.precision == Precision.MONTH),
        ({"id": None}, lambda e: e.id.startswith("evt-")),
        ({"sources": [{"publisher": "BBC Monitoring"}]}, lambda e: e.sources[0].url == ""),
        ({"sources": [{"url": "https://a.example/x", "published": "2024-06-20", "quote": "q"}]},
         lambda e: e.sources[0].published.isoformat() == "2024-06-20"),
        ({"countries": []}, lambda e: e.countries == ()),
        ({"weight": 2 ** 31 - 1, "goldstein": -10}, lambda e: e.weight == 2 ** 31 - 1),
        ({"sources": [{"url": f"https://a.example/{n}"} for n in range(1000)]},
         lambda e: len(e.sources) == 1000),
        ({"sources": [{"url": "HTTPS://a.example/x?q=中#f"}]},
         lambda e: e.sources[0].url == "HTTPS://a.example/x?q=中#f"),
        ({"title": "\u3000Pact\xa0"}, lambda e: e.title == "Pact"),
    ],
)
def test_valid_values_are_normalised(fields, check):
    assert check(parse_event(event_record(**fields)))


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"date": "2024-02-30"}, "date", "'2024-02-30' is not a real date"),
        ({"date": "03/04/2020"}, "date", "'03/04/2020'"),
        ({"date": "1500"}, "date", "outside the years 1600–2100"),
        ({"date": "2024-06", "end_date": "2023"}, "event", "end_date 2023 is before date 2024-06"),
        ({"countries": ["Narnia"]}, "countries.0", "'Narnia' is not a country"),
        ({"countries": ["PRK", "XXX"]}, "countries.1", "'XXX'"),
        ({"actor": "USA"}, "event", "actor USA is not among the countries PRK, RUS"),
        ({"type": "parade"}, "type", "'parade' is not an event type"),
        ({"title": ""}, "title", "at least 1 character"),
        ({"title": "x" * 100_000}, "title", "at most 200 characters"),
        ({"title": "bell\x07"}, "title", "control character"),
        ({"sources": []}, "sources", "at least 1 item"),
        ({"sources": [{"url": "javascript:alert(1)"}]}, "sources.0.url",
         "'javascript:alert(1)' is not an http(s) web address"),
        ({"sources": [{"url": "data:text/html,<b>x</b>", "publisher": "x"}]}, "sources.0.url",
         "not an http(s) web address"),
        ({"sources": [{"quote": "no publisher or url"}]}, "sources.0", "publisher or a url"),
        ({"precision": "day"}, "precision", "'day' does not match the date 2024-06"),
        ({"tags": ["a;b"]}, "tags.0", "'a;b'"),
        ({"id": "has space"}, "id", "'has space'"),
        ({"id": "gdelt-12/34"}, "id", "'gdelt-12/34'"),
        # What a database column cannot hold: weight is a 32-bit INTEGER, a source's
        # position a SMALLINT.
        ({"weight": 2 ** 40}, "weight", "less than or equal to 2147483647"),
        ({"weight": -5}, "weight", "greater than or equal to 0"),
        ({"sources": [{"url": "https://a.example/x"}] * 40_000}, "sources",
         "at most 1000 items"),
        ({"goldstein": 11}, "goldstein", "less than or equal to 10"),
        ({"goldstein": float("nan")}, "goldstein", "(got nan)"),
        ({"cameo": "21"}, "cameo", "'21'"),
        ({"sources": [{"url": "http://[not-an-address]/x"}]}, "sources.0.url",
         "not an http(s) web address"),
        ({"sources": [{"url": "https://a.example/a b"}]}, "sources.0.url",
         "not an http(s) web address"),
        ({"sources": [{"url": "https://a.example/\x85"}]}, "sources.0.url", "control character"),
        ({"sources": [{"publisher": "x" * 201}]}, "sources.0.publisher", "at most 200"),
        ({"colour": "red"}, "colour", "Extra inputs are not permitted"),
    ],
)
def test_invalid_values_name_the_field_and_value(fields, field, words):
    with pytest.raises(InvalidEvent) as error:
        parse_event(event_record(**fields))
    assert any(p.field == field and words in p.message for p in error.value.problems), (
        error.value.problems)


def test_every_problem_of_a_record_is_reported_at_once():
    with pytest.raises(InvalidEvent) as error:
        parse_event(event_record(date="2024-13", countries=["Narnia"], type="parade"))
    assert {p.field for p in error.value.problems} == {"date", "countries.0", "type"}


def test_content_id_is_stable_for_the_same_event():
    record = event_record(id=None)
    assert parse_event(record).id == parse_event(dict(record)).id
    assert parse_event(record).id != parse_event({**record, "title": "Another"}).id


def test_record_writes_dates_at_their_precision():
    record = parse_event(event_record(date="2024-06")).to_record()
    assert (record["date"], record["precision"], record["end_date"]) == ("2024-06", "month", None)
    assert record["countries"] == ["PRK", "RUS"]
