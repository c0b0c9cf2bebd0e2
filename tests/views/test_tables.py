import csv
import io

from tests.builders import event_record, query_frame
from timeline.files.formats import read_events
from timeline.views import tables


def test_the_table_sorts_by_date_and_reads_as_written(sample_frame):
    table = tables.events_table(sample_frame)
    assert list(table.columns) == ["Date", "When", "Event", "Countries", "Type", "Source",
                                   "Link"]
    war = table[table["Event"] == "Korean War"].iloc[0]
    assert str(war["Date"]) == "1950-06-25"
    assert war["When"] == "25 June 1950 – 27 July 1953"
    assert war["Countries"] == "North Korea, South Korea, China, United States, USSR"
    assert war["Type"] == "Attack, clash or war"
    assert war["Source"] == "Test Encyclopedia"
    assert war["Link"] == "https://encyclopedia.example.org/korean-war"
    assert list(table["When"][[0, 3]]) == ["1689", "June 2024"]


def test_a_long_list_of_countries_is_counted_not_cut():
    helsinki = ["FIN", "USA", "SUN", "GBR", "FRA", "DDR", "DEU", "POL", "SWE", "CHE", "ITA"]
    frame = query_frame([event_record(countries=helsinki)])
    listed = tables.events_table(frame)["Countries"][0]
    assert listed.startswith("Finland, United States, USSR, ") and listed.endswith(" more")
    shown = listed.rsplit(" and ", 1)[0].split(", ")
    assert listed.endswith(f" and {len(helsinki) - len(shown)} more")
    assert len(listed) <= tables.COUNTRIES_CHARS


def test_a_source_without_an_address_shows_its_publisher():
    frame = query_frame([event_record(sources=[{"publisher": "BBC Monitoring"}])])
    table = tables.events_table(frame)
    assert table["Source"][0] == "BBC Monitoring" and table["Link"][0] is None


def test_the_spreadsheet_csv_is_flat_and_names_countries(sample_frame, tmp_path):
    rows = list(csv.DictReader(io.StringIO(tables.spreadsheet_csv(sample_frame))))
    assert list(rows[0]) == list(tables.SPREADSHEET_COLUMNS)
    war = next(row for row in rows if row["id"] == "korean-war")
    assert war["countries"] == "PRK; KOR; CHN; USA; SUN"
    assert war["country_names"] == "North Korea; South Korea; China; United States; USSR"
    assert war["source_publisher"] == "Test Encyclopedia"
    assert war["source_url"] == "https://encyclopedia.example.org/korean-war"
    assert war["type_label"] == "Attack, clash or war"
    assert "{" not in "".join(war.values())  # no JSON anywhere
    path = tmp_path / "events.csv"
    path.write_text(tables.spreadsheet_csv(sample_frame), encoding="utf-8")
    assert [event.id for event in read_events(path).events] == list(sample_frame["id"])


def test_formula_like_cells_are_neutralised():
    frame = query_frame([event_record(title="=HYPERLINK(1)")])
    (row,) = csv.DictReader(io.StringIO(tables.spreadsheet_csv(frame)))
    assert row["title"] == "'=HYPERLINK(1)"
