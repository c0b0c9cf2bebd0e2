"""Exports read back as their readers would (TimelineJS JSON: tests/test_timelinejs.py):
iCalendar through the icalendar parser, the HTML page through an HTML parser (and, in
tests/browser/test_export_html.py, in the browser). Hostile text must come out as text."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import icalendar
import pytest

from tests.builders import IMG, JS_LINK, SCRIPT, Markup, event_record
from timeline.cli.main import main
from timeline.core.filters import EventFilter
from timeline.core.model import parse_event
from timeline.views import exports
from timeline.views.charts import event_timeline

# -- iCalendar -----------------------------------------------------------------------------


def read_calendar(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(entry["UID"]): entry for entry in calendar.walk("VEVENT")}


def span(entry: icalendar.Event) -> tuple[dt.date, dt.date]:
    start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
    assert type(start) is dt.date and type(end) is dt.date  # all-day: dates, not times
    return start, end


def test_icalendar_has_one_all_day_event_per_event(sample_events):
    entries = read_calendar(exports.icalendar_text(sample_events))
    assert sorted(entries) == sorted(f"{e.id}@diplomatic-timeline" for e in sample_events)
    uid = "{}@diplomatic-timeline".format
    assert span(entries[uid("prk-chn-ties-1949")]) == (dt.date(1949, 10, 6), dt.date(1949, 10, 7))
    # A month is the whole month, a year the whole year (DTEND is the day after).
    assert span(entries[uid("prk-rus-pact-2024")]) == (dt.date(2024, 6, 1), dt.date(2024, 7, 1))
    assert span(entries[uid("nerchinsk-1689")]) == (dt.date(1689, 1, 1), dt.date(1690, 1, 1))
    assert span(entries[uid("korean-war")]) == (dt.date(1950, 6, 25), dt.date(1953, 7, 28))
    pact = entries[uid("prk-rus-pact-2024")]
    assert str(pact["SUMMARY"]) == "North Korea and Russia sign a mutual defence pact"
    assert str(pact["URL"]) == "https://news.example.org/2024/06/pact"
    description = str(pact["DESCRIPTION"])
    assert description.startswith("Leaders in Pyongyang and Moscow pledge military help")
    assert "Test Wire, 2024-06-20, https://news.example.org/2024/06/pact" in description


def test_icalendar_round_trips_cjk_and_hostile_text(sample_events, hostile_events):
    title = "朝鲜与俄罗斯签署《全面战略伙伴关系条约》双方承诺在一方遭受攻击时相互提供军事援助" * 2
    cjk = parse_event(event_record(id="cjk", title=title, summary="平壤 — 모스크바"))
    text = exports.icalendar_text([*sample_events, cjk, hostile_events[0]])
    assert max(len(line.encode()) for line in text.split("\r\n")) <= 75  # folded by octets
    entries = read_calendar(text)
    assert str(entries["cjk@diplomatic-timeline"]["SUMMARY"]) == title
    assert str(entries["cjk@diplomatic-timeline"]["DESCRIPTION"]).startswith("平壤 — 모스크바")
    assert "習近平 wrote of a new era" in str(
        entries["prk-chn-messages-2024@diplomatic-timeline"]["DESCRIPTION"])
    assert str(entries["hostile@diplomatic-timeline"]["SUMMARY"]) == IMG  # plain text, kept


def test_icalendar_adds_round_anniversaries_in_the_window(sample_events):
    plain = read_calendar(exports.icalendar_text(sample_events))
    entries = read_calendar(exports.icalendar_text(
        sample_events, anniversaries_window=(dt.date(2034, 1, 1), dt.date(2034, 12, 31))))
    extra = {uid: entry for uid, entry in entries.items() if uid not in plain}
    assert sorted(str(entry["SUMMARY"]) for entry in extra.values()) == [
        "10 years since “Kim and Xi trade messages on 75 years of ties”",
        "10 years since “North Korea and Russia sign a mutual defence pact”"]
    pact = next(e for e in extra.values() if "defence pact" in str(e["SUMMARY"]))
    assert span(pact) == (dt.date(2034, 6, 1), dt.date(2034, 7, 1))  # June, not 1 June
    assert str(pact["RELATED-TO"]) == "prk-rus-pact-2024@diplomatic-timeline"

    ties = read_calendar(exports.icalendar_text(
        sample_events, anniversaries_window=(dt.date(2024, 10, 1), dt.date(2024, 10, 31))))
    [anniversary] = [e for uid, e in ties.items() if uid not in plain]
    assert str(anniversary["SUMMARY"]) == (
        "75 years since North Korea and China established diplomatic relations")
    assert span(anniversary) == (dt.date(2024, 10, 6), dt.date(2024, 10, 7))


# -- the standalone HTML page --------------------------------------------------------------


@pytest.fixture
def page_html(sample_store, hostile_events) -> str:
    sample_store.add_events(hostile_events[:1])
    events = [*sample_store.events(), hostile_events[1]]
    return exports.standalone_html(events, event_timeline(sample_store.query()),
                                   title="Test <events>")


def test_html_page_loads_nothing_from_outside(page_html):
    markup = Markup(page_html)
    assert "link" not in markup.tags() and "iframe" not in markup.tags()
    loaded = [(tag, name, value) for tag, attrs in markup.elements if tag != "a"
              for name, value in attrs.items()
              if name in ("src", "href", "srcset", "action", "poster", "data", "xlink:href")]
    assert loaded == []
    for style in markup.styles:
        assert "url(" not in style and "@import" not in style
    # plotly.js itself is in the page, not fetched.
    scripts = [attrs for tag, attrs in markup.elements if tag == "script"]
    assert scripts and all("src" not in attrs for attrs in scripts)
    assert "plotly.js v" in page_html and "Plotly.newPlot" in page_html
    [policy] = [attrs["content"] for tag, attrs in markup.elements
                if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    assert policy.startswith("default-src 'none'; script-src 'sha256-")


def table_rows(page: str) -> dict[str, list[str]]:
    """The table's rows by event id: the text of each cell."""
    rows: dict[str, list[str]] = {}

    class Table(HTMLParser):
        row, cell = None, None

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.row = dict(attrs).get("id")
                rows.setdefault(self.row, [])
            elif tag == "td":
                rows[self.row].append("")

        def handle_data(self, data):
            if self.row and rows[self.row]:
                rows[self.row][-1] += data

    Table(convert_charrefs=True).feed(page[page.index("<table"):])
    rows.pop(None, None)
    return {key: [cell.strip() for cell in cells] for key, cells in rows.items()}


def test_html_table_shows_events_as_written_and_escaped(page_html):
    rows = table_rows(page_html)
    assert rows["nerchinsk-1689"][0] == "1689"
    assert rows["prk-rus-pact-2024"][0] == "June 2024"
    assert rows["korean-war"][0] == "25 June 1950 – 27 July 1953"
    assert rows["korean-war"][2] == "North Korea, South Korea, China, United States, USSR"
    assert rows["prk-chn-ties-1949"][3] == "Ties established"
    assert rows["prk-chn-ties-1949"][4] == "Test Wire: ties were formally set up"  # in <q>
    assert rows["hostile"][1] == f"{IMG}{SCRIPT} {JS_LINK}"
    assert rows["smuggled"][4] == "<b>Bold</b>"
    outside_scripts = Markup(page_html)
    assert outside_scripts.tags() <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "p", "main",
        "section", "div", "script", "table", "thead", "tbody", "tr", "th", "td", "strong",
        "ul", "li", "a", "q"}
    assert all(not name.startswith("on")
               for _, attrs in outside_scripts.elements for name in attrs)
    links = outside_scripts.links()
    assert "https://news.example.org/2024/06/pact" in links
    assert all(link.startswith("https://") for link in links)
    assert "https://evil.example.org/%22%3E%3Cscript%3Ex%3C/script%3E" in links


# -- the command line ----------------------------------------------------------------------


def test_cli_exports_timelinejs_of_the_filtered_events(db_path, capsys):
    code = main(["--db", str(db_path), "export", "--format", "timelinejs", "--country", "PRK",
                 "--country", "CHN", "--match", "all"])
    assert code == 0
    timeline = json.loads(capsys.readouterr().out)
    assert timeline["title"]["text"]["headline"] == "Events involving both North Korea and China"
    assert [s["unique_id"] for s in timeline["events"]] == [
        "prk-chn-ties-1949", "korean-war", "prk-chn-messages-2024"]


def test_cli_exports_icalendar_to_a_file(db_path, tmp_path, capsys):
    out = tmp_path / "events.ics"
    assert main(["--db", str(db_path), "export", "--format", "ics", "--from", "2024",
                 "-o", str(out)]) == 0
    assert f"{out}: 3 events written" in capsys.readouterr().err
    text = out.read_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert sorted(read_calendar(text)) == [
        "prk-chn-messages-2024@diplomatic-timeline", "prk-rus-pact-2024@diplomatic-timeline",
        "usa-chn-call-2025@diplomatic-timeline"]


def test_cli_exports_an_html_page(db_path, tmp_path):
    out = tmp_path / "events.html"
    assert main(["--db", str(db_path), "export", "--format", "html", "--type", "treaty",
                 "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert sorted(table_rows(page)) == ["nerchinsk-1689", "prk-rus-pact-2024"]
    assert "<h1>All events, type: treaty or agreement</h1>" in page
    assert 'class="plotly-graph-div"' in page


def test_the_html_page_draws_the_filtered_countries_as_lanes(sample_store):
    """The CLI and the dashboard's download both call exports.document: the page's timeline
    has one lane per country of the filter, as the dashboard's has."""
    event_filter = EventFilter(countries=("PRK", "RUS"))
    page, count = exports.document(sample_store, event_filter, "html")
    assert count == sample_store.count(event_filter)
    # The lanes as the page's own figure labels them: the filter's countries, no others.
    assert re.findall(r'"ticktext":\[[^\]]*\]', page) == ['"ticktext":["North Korea","Russia"]']


def test_cli_refuses_an_unknown_export_format(db_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(db_path), "export", "--format", "pdf"])
    assert exit_.value.code == 2
    assert "timelinejs" in capsys.readouterr().err
