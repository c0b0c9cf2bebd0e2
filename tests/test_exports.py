"""Exports read back as their readers would: TimelineJS JSON against its documented fields,
iCalendar through the icalendar parser, the HTML page through an HTML parser (and, in
tests/browser/test_export_html.py, in the browser). Hostile text must come out as text."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import icalendar
import pytest

from tests.conftest import event_record
from timeline import exports
from timeline.charts import event_timeline
from timeline.cli import main
from timeline.model import Event, Source, parse_event

# The TimelineJS3 JSON format (timeline.knightlab.com/docs/json-format.html).
TIMELINE_FIELDS = {"events", "title", "eras", "scale"}
SLIDE_FIELDS = {"start_date", "end_date", "text", "media", "group", "display_date",
                "background", "autolink", "unique_id"}
DATE_FIELDS = {"year", "month", "day", "hour", "minute", "second", "millisecond",
               "display_date", "format"}
TEXT_FIELDS = {"headline", "text"}
MEDIA_FIELDS = {"url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"}

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
JS_LINK = "[click](javascript:alert(3))"


@pytest.fixture
def hostile_events() -> list[Event]:
    """Events whose every text field holds HTML or script, and one whose source address is
    ``javascript:`` (the model refuses it; built around validation to test the last line)."""
    valid = parse_event(event_record(
        id="hostile", title=IMG, summary=f"{SCRIPT} {JS_LINK}",
        sources=[{"publisher": SCRIPT, "url": 'https://evil.example.org/"><script>x</script>',
                  "quote": IMG}]))
    smuggled = Event.model_construct(**{
        **parse_event(event_record(id="smuggled", title="javascript:alert(4)")).__dict__,
        "sources": (Source.model_construct(publisher="<b>Bold</b>", url="javascript:alert(5)",
                                           published=None, quote=""),)})
    return [valid, smuggled]


class Markup(HTMLParser):
    """Every element of an HTML text (with its attributes) and its text, as a browser's
    parser sees them; script contents are not elements."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in = ""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in = tag

    def handle_endtag(self, tag):
        self._in = ""

    def handle_data(self, data):
        if self._in == "style":
            self.styles.append(data)
        elif self._in != "script":
            self.text.append(data)

    def tags(self) -> set[str]:
        return {tag for tag, _ in self.elements}

    def links(self) -> list[str]:
        return [attrs.get("href") or "" for tag, attrs in self.elements if tag == "a"]


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


def test_timelinejs_uses_only_documented_fields(test_events):
    timeline = json.loads(json.dumps(exports.timelinejs(test_events, title="Test events")))
    assert set(timeline) <= TIMELINE_FIELDS
    assert timeline["title"]["text"]["headline"] == "Test events"
    assert len(timeline["events"]) == len(test_events)
    for slide in timeline["events"]:
        assert set(slide) <= SLIDE_FIELDS
        assert set(slide["text"]) <= TEXT_FIELDS
        assert set(slide["media"]) <= MEDIA_FIELDS
        for date in (slide["start_date"], slide.get("end_date", {"year": 1})):
            assert set(date) <= DATE_FIELDS
            assert all(isinstance(date[part], int) for part in ("year", "month", "day")
                       if part in date)


def test_timelinejs_dates_carry_only_the_known_parts(test_events):
    slides = by_id(exports.timelinejs(test_events)["events"])
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


def test_timelinejs_slides_hold_titles_ids_types_and_sources(test_events):
    slides = exports.timelinejs(test_events)["events"]
    assert [s["unique_id"] for s in slides] == [e.id for e in test_events]
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
    timeline = exports.timelinejs(hostile_events, title=SCRIPT)
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


# -- iCalendar -----------------------------------------------------------------------------


def read_calendar(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(entry["UID"]): entry for entry in calendar.walk("VEVENT")}


def span(entry: icalendar.Event) -> tuple[dt.date, dt.date]:
    start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
    assert type(start) is dt.date and type(end) is dt.date  # all-day: dates, not times
    return start, end


def test_icalendar_has_one_all_day_event_per_event(test_events):
    entries = read_calendar(exports.icalendar_text(test_events))
    assert sorted(entries) == sorted(f"{e.id}@diplomatic-timeline" for e in test_events)
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


def test_icalendar_round_trips_cjk_and_hostile_text(test_events, hostile_events):
    title = "朝鲜与俄罗斯签署《全面战略伙伴关系条约》双方承诺在一方遭受攻击时相互提供军事援助" * 2
    cjk = parse_event(event_record(id="cjk", title=title, summary="平壤 — 모스크바"))
    text = exports.icalendar_text([*test_events, cjk, hostile_events[0]])
    assert max(len(line.encode()) for line in text.split("\r\n")) <= 75  # folded by octets
    entries = read_calendar(text)
    assert str(entries["cjk@diplomatic-timeline"]["SUMMARY"]) == title
    assert str(entries["cjk@diplomatic-timeline"]["DESCRIPTION"]).startswith("平壤 — 모스크바")
    assert "習近平 wrote of a new era" in str(
        entries["prk-chn-messages-2024@diplomatic-timeline"]["DESCRIPTION"])
    assert str(entries["hostile@diplomatic-timeline"]["SUMMARY"]) == IMG  # plain text, kept


def test_icalendar_adds_round_anniversaries_in_the_window(test_events):
    plain = read_calendar(exports.icalendar_text(test_events))
    entries = read_calendar(exports.icalendar_text(
        test_events, anniversaries_window=(dt.date(2034, 1, 1), dt.date(2034, 12, 31))))
    extra = {uid: entry for uid, entry in entries.items() if uid not in plain}
    assert sorted(str(entry["SUMMARY"]) for entry in extra.values()) == [
        "10 years since “Kim and Xi trade messages on 75 years of ties”",
        "10 years since “North Korea and Russia sign a mutual defence pact”"]
    pact = next(e for e in extra.values() if "defence pact" in str(e["SUMMARY"]))
    assert span(pact) == (dt.date(2034, 6, 1), dt.date(2034, 7, 1))  # June, not 1 June
    assert str(pact["RELATED-TO"]) == "prk-rus-pact-2024@diplomatic-timeline"

    ties = read_calendar(exports.icalendar_text(
        test_events, anniversaries_window=(dt.date(2024, 10, 1), dt.date(2024, 10, 31))))
    [anniversary] = [e for uid, e in ties.items() if uid not in plain]
    assert str(anniversary["SUMMARY"]) == (
        "75 years since North Korea and China established diplomatic relations")
    assert span(anniversary) == (dt.date(2024, 10, 6), dt.date(2024, 10, 7))


# -- the standalone HTML page --------------------------------------------------------------


@pytest.fixture
def page_html(test_store, hostile_events) -> str:
    test_store.add_events(hostile_events[:1])
    events = [*test_store.events(), hostile_events[1]]
    return exports.standalone_html(events, event_timeline(test_store.query()),
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


def test_cli_refuses_an_unknown_export_format(db_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(db_path), "export", "--format", "pdf"])
    assert exit_.value.code == 2
    assert "timelinejs" in capsys.readouterr().err
