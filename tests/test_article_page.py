"""The dashboard's "From an article" page (app_pages/article.py) through AppTest.

The article is the project's own, written for these tests in the style of wire copy: relative
dates ("yesterday", "on Wednesday", "in January"), leaders named instead of countries, a
Japanese name in brackets. Published on Saturday 15 March 2025, it reports:

1. 2025-03-14 (day), JPN and CHN, talks: Ishiba and Wang Yi in Tokyo "yesterday";
2. 2025-03-12 (day), JPN and AUS, talks: a phone call "on Wednesday";
3. 2025-01 (month), CHN and CAN, sanctions: tariffs "in January";
4. 2025-03-13 (day), KOR and JPN, treaty, negated ("declined to sign"): below the confidence
   at which a row starts accepted; Japan, the country the story is about, is the other side.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.builders import open_as_the_app, plain
from timeline.core.filters import EventFilter

PAGE = str(Path(__file__).parents[1] / "app_pages" / "article.py")
PUBLISHED = dt.date(2025, 3, 15)
URL = "https://news.example.org/2025/03/15/ishiba-wang-talks"

ARTICLE = """\
TALKS: Japanese Prime Minister Shigeru Ishiba (石破茂) and Chinese Foreign Minister Wang Yi \
discussed seafood imports and export controls in Tokyo yesterday, the ministry said.

Ishiba also held a phone call with Australian Prime Minister Anthony Albanese on Wednesday, \
his office said.

Beijing slapped new tariffs on Canadian canola in January. South Korea's acting President \
Choi Sang-mok declined to sign a fisheries accord on Thursday.
"""

EXPECTED = [  # accept, date, end date, countries, type
    (True, "2025-03-14", "", "JPN, CHN", "talks"),
    (True, "2025-03-12", "", "JPN, AUS", "talks"),
    (True, "2025-01", "", "CHN, CAN", "sanctions"),
    (False, "2025-03-13", "", "KOR, JPN", "treaty"),
]


UNDO_HINT = "Recent changes on the Edit events page can undo it."


def stored_events(path: Path) -> dict[str, object]:
    """Every stored event by id (the page holds the file open: same settings to share it)."""
    with open_as_the_app(path) as store:
        return {event.id: event for event in store.events(EventFilter(datasets=None))}


def history(path: Path):
    """The changes recorded, newest first."""
    with open_as_the_app(path) as store:
        return store.history()


def found(text: str = ARTICLE, *, url: str = URL, author: str = "") -> AppTest:
    page = AppTest.from_file(PAGE, default_timeout=30)
    page.run()
    page.text_area(key="article").input(text)
    page.date_input(key="published").set_value(PUBLISHED)
    page.text_input(key="source_url").input(url)
    page.text_input(key="publisher").input("Harbour Wire")
    page.button(key="find").click().run()
    if author:
        page.text_input(key="author").input(author)
    assert not page.exception
    return page


def edit(page: AppTest, rows: dict[int, dict[str, object]]) -> AppTest:
    """Cell edits, as the browser sends them: ``{row (0 for the first): {column: value}}``."""
    editor = page.data_editor[0]
    page.session_state[editor.key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    page.run()
    assert not page.exception
    return page


def add(page: AppTest) -> AppTest:
    page.button(key="add").click().run()
    assert not page.exception
    return page


def test_the_article_s_events_are_listed_for_review_and_nothing_is_stored(database_file):
    before = set(stored_events(database_file))
    page = found()
    table = page.data_editor[0].value
    assert [(row["accept"], row["date"], row["end date"], row["countries"], row["type"])
            for row in table.to_dict("records")] == EXPECTED
    assert table["sentence"].iloc[0].startswith("Japanese Prime Minister Shigeru Ishiba (石破茂)")
    assert list(table.index) == [1, 2, 3, 4]  # the row numbers problems refer to
    assert (table["confidence"] < 0.5).tolist() == [False, False, False, True]
    # The first row's sentence is highlighted in its paragraph; the rest of the text is not.
    highlight = plain(page.markdown[1].value)
    assert ":orange-background[Japanese Prime Minister Shigeru Ishiba (石破茂)" in highlight
    assert "Ishiba also held" not in highlight  # the next paragraph
    page.selectbox(key="shown-1").set_value(3).run()  # row 4
    highlight = plain(page.markdown[1].value)
    assert highlight.startswith("Beijing slapped new tariffs on Canadian canola in January. "
                                ":orange-background[South Korea's acting President")
    assert page.caption[-1].value == "3 of 4 rows accepted."
    assert set(stored_events(database_file)) == before


def test_the_accepted_rows_are_stored_as_edited_with_the_article_as_source(database_file):
    before = set(stored_events(database_file))
    page = found()
    # Row 2 was a visit, not only a call, earlier than written; row 3 is background.
    edit(page, {1: {"type": "summit", "date": "2025-03-11"}, 2: {"accept": False}})
    assert page.caption[-1].value == "2 of 4 rows accepted."
    add(page)
    assert "Give your name" in page.warning[0].value  # history needs an author
    assert set(stored_events(database_file)) == before
    page.text_input(key="author").input("A. Analyst")
    add(page)
    assert plain(page.success[0].value) == (
        f"Added 2 events to 'curated' as one change. {UNDO_HINT}")
    events = stored_events(database_file)
    new = sorted((events[i] for i in set(events) - before), key=lambda e: e.date.iso())
    assert [(e.date.iso(), e.countries, e.type) for e in new] == [
        ("2025-03-11", ("JPN", "AUS"), "summit"),
        ("2025-03-14", ("JPN", "CHN"), "talks"),
    ]
    for event in new:
        (source,) = event.sources
        assert (source.url, source.publisher, source.published) == (URL, "Harbour Wire",
                                                                     PUBLISHED)
        assert source.quote in ARTICLE
    assert new[0].title == "Japan holds a phone call with Australia"
    latest = history(database_file).iloc[0]  # both events in one change, undone as one
    assert (latest["author"], latest["action"], latest["what"]) == (
        "A. Analyst", "import", f"import of {URL} into 'curated': 2 added, 0 replaced")
    with open_as_the_app(database_file) as store:
        store.undo(int(latest["id"]), author="A. Analyst")
    assert set(stored_events(database_file)) == before
    assert page.button(key="add").disabled  # added once: no second copy by a second press


def test_an_invalid_edit_is_named_by_row_and_column_and_nothing_is_stored(database_file):
    before = set(stored_events(database_file))
    page = found(author="A. Analyst")
    edit(page, {0: {"date": "2024-02-30"}, 2: {"countries": "China, Narnia"}})
    add(page)
    message = plain(page.error[0].value)
    assert message.startswith("Nothing was stored")
    assert "row 1, date: '2024-02-30' is not a real date" in message
    assert "row 3, countries: 'Narnia' is not a country code or name we know" in message
    assert "row 2" not in message
    assert set(stored_events(database_file)) == before
    # Fixed (and "Canada" written as a name), the same rows go in.
    edit(page, {0: {"date": "2025-03-14"}, 2: {"countries": "China, Canada"}})
    add(page)
    assert plain(page.success[0].value) == (
        f"Added 3 events to 'curated' as one change. {UNDO_HINT}")
    assert len(stored_events(database_file)) == len(before) + 3


def test_a_changed_article_must_be_read_again_before_adding(database_file):
    page = found(author="A. Analyst")
    page.text_area(key="article").input(ARTICLE + "\nMore text.").run()
    assert "changed since you pressed" in page.warning[0].value
    assert page.button(key="add").disabled


HTML = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Ishiba and Wang talk | Harbour Wire</title>
<meta property="article:published_time" content="2025-03-15T09:30:00+09:00">
<meta property="og:site_name" content="Harbour Wire">
<link rel="canonical" href="{URL}">
<style>p {{ font-family: serif; }}</style>
<script>window.tracker = "Putin visited Pyongyang yesterday";</script></head>
<body><nav><a href="/">Home</a> <a href="/asia">Asia</a></nav>
<article><h1>Seafood on the table</h1>
<p>Japanese Prime Minister Shigeru Ishiba (石破茂) and Chinese Foreign Minister Wang Yi
discussed seafood imports and export controls in Tokyo <em>yesterday</em>, the ministry
said.</p>
<script>document.write("Kim met Xi on Friday");</script>
<p>Ishiba also held a phone call with Australian Prime Minister Anthony Albanese on
Wednesday, his office said.</p></article></body></html>
"""


def test_an_uploaded_web_page_is_read_without_its_scripts(database_file):
    page = AppTest.from_file(PAGE, default_timeout=30)
    page.run()
    page.file_uploader(key="upload").upload("ishiba.html", HTML.encode())
    page.run()
    text = page.text_area(key="article").value
    assert text.startswith("Seafood on the table\n\nJapanese Prime Minister Shigeru Ishiba")
    for hidden in ("Putin", "Kim met Xi", "tracker", "font-family", "Home", "<em>"):
        assert hidden not in text
    # The page's metadata fills the date and the source, to be checked.
    assert plain(page.caption[0].value).endswith(
        "from ishiba.html; the publication date, the URL and the publisher from its "
        "metadata: check them.")
    assert page.date_input(key="published").value == PUBLISHED
    assert page.text_input(key="source_url").value == URL
    assert page.text_input(key="publisher").value == "Harbour Wire"
    page.button(key="find").click().run()
    assert not page.exception
    table = page.data_editor[0].value
    assert [(row["date"], row["countries"], row["type"]) for row in table.to_dict("records")] == [
        ("2025-03-14", "JPN, CHN", "talks"), ("2025-03-12", "JPN, AUS", "talks")]
    assert "Putin" not in plain(page.expander[0].markdown[0].value)


def test_a_file_that_is_not_text_is_refused_with_its_name(database_file):
    page = AppTest.from_file(PAGE, default_timeout=30)
    page.run()
    page.file_uploader(key="upload").upload("scan.txt", b"\xff\xd8\xff\xe0 JFIF")
    page.run()
    assert not page.exception
    assert plain(page.error[0].value).startswith("scan.txt is not UTF-8 text")
    assert page.text_area(key="article").value == ""
