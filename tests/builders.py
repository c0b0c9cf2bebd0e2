"""Builders the tests share: test events and records, hostile text, an HTML reader.

Fixtures live in conftest.py; what a test imports lives here, so no test imports another.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

from timeline.core.model import Event, Source, parse_event
from timeline.extract.references import find_countries_in_context
from timeline.store import Store, open_store
from timeline.store.importers import GDELT1_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures"
IMPORT_PAGE = str(Path(__file__).parents[1] / "app_pages" / "import_events.py")
TEST_EVENTS_FILE = FIXTURES / "events.jsonl"

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
JS_LINK = "[click](javascript:alert(3))"


def event_record(**fields: object) -> dict[str, object]:
    """A valid event record, with ``fields`` replacing its values."""
    record: dict[str, object] = {
        "id": "test-event",
        "date": "2024-06",
        "title": "A test event",
        "countries": ["PRK", "RUS"],
        "type": "treaty",
        "sources": [{"publisher": "Test Wire", "url": "https://news.example.org/a"}],
    }
    record.update(fields)
    return record


def query_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """The events these records describe, as ``Store.query`` returns them."""
    with open_store(":memory:") as store:
        store.add_events(parse_event(record) for record in records)
        return store.query()


def open_as_the_app(path: Path) -> Store:
    """The database a page holds open, opened again: DuckDB shares a file within one process
    only with the same settings."""
    from app_pages.shared import DATABASE_MEMORY

    return open_store(path, memory_limit=DATABASE_MEMORY)


def hostile() -> list[Event]:
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


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    """A file ``name`` in ``tmp_path`` holding ``text`` in ``encoding``."""
    path = tmp_path / name
    path.write_text(text, encoding=encoding, newline="")
    return path


def gdelt_row(event_id: int, date: str = "20240619", actor: str = "PRK", target: str = "RUS",
              code: str = "057", goldstein: str = "8.0", mentions: str = "12",
              url: str | None = "https://news.example.org/pact", columns=GDELT1_COLUMNS,
              actor_name: str = "", target_name: str = "") -> str:
    """One tab-separated GDELT row; ``url=None`` drops SOURCEURL as 1.0 backfile rows do."""
    values = dict.fromkeys(columns, "")
    values.update(GLOBALEVENTID=str(event_id), SQLDATE=date, Actor1CountryCode=actor,
                  Actor2CountryCode=target, Actor1Name=actor_name, Actor2Name=target_name,
                  EventCode=code, EventBaseCode=code[:3], EventRootCode=code[:2],
                  GoldsteinScale=goldstein, NumMentions=mentions, DATEADDED="20240620")
    row = [values[name] for name in columns]
    if url is None:
        return "\t".join(row[:-1])
    row[-1] = url
    return "\t".join(row)


def write_lines(path: Path, rows: list[str]) -> Path:
    path.write_text("".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def uploaded(name: str, content: bytes) -> AppTest:
    """The import page with ``content`` uploaded as a file called ``name``."""
    from streamlit.testing.v1 import AppTest  # only page tests load Streamlit

    page = AppTest.from_file(IMPORT_PAGE, default_timeout=30)
    page.run()
    page.file_uploader(key="upload").upload(name, content)
    page.run()
    assert not page.exception
    return page


def plain(markdown: str) -> str:
    """Markdown text as a reader sees it: the escaping backslashes gone."""
    return re.sub(r"\\(.)", r"\1", markdown)


def standing_for(text: str, phrase: str, published: dt.date) -> list[str]:
    """The countries ``phrase`` stands for in ``text`` (an article published that day), as
    the article reader's references."""
    return [m.country for m in find_countries_in_context(text, published)
            if m.text == phrase and m.kind == "reference"]
