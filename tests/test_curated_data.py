"""The curated events in ``data/events.jsonl``: valid, sourced, complete and in our own words.

Three groups of checks:

* every dated event of the seed articles (the table in ``shared/seed/README.md``, beside the
  clone) is present with its date, precision and countries;
* the whole file is well formed: one valid event per line, unique ids, no duplicate events,
  sound source URLs, sorted by date then id, and broad enough (150+ further events, 1689–2025);
* no title or summary repeats an eight-word run of the seed articles' text.

The seed folder lives outside the repository. When it is missing these tests fail with a
message saying where they looked: they never skip, so a broken checkout cannot pass silently.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from timeline.model import Event, InvalidEvent, parse_event

REPO_ROOT = Path(__file__).resolve().parents[1]
EVENTS_FILE = REPO_ROOT / "data" / "events.jsonl"
SEED_DIR = REPO_ROOT.parent / "shared" / "seed"
SEED_README = SEED_DIR / "README.md"
SEED_ARTICLES = SEED_DIR / "original.txt"

MIN_FURTHER_EVENTS = 150
FIRST_YEAR, LAST_YEAR = 1689, 2025
COPY_WINDOW = 8  # words in a row shared with the seed articles that count as copying


# --- the seed table ----------------------------------------------------------------------


@dataclass(frozen=True)
class SeedKey:
    """What a seed row pins down: the date as written, its precision and the country set."""

    date: str
    precision: str
    countries: frozenset[str]

    def __str__(self) -> str:
        return f"{self.date} ({self.precision}) {'+'.join(sorted(self.countries))}"


def _table_rows(markdown: str, *required: str) -> list[dict[str, str]]:
    """The rows of the first Markdown table whose header has all ``required`` columns."""
    lines = [line.strip() for line in markdown.splitlines()]
    for index, line in enumerate(lines):
        if not line.startswith("|"):
            continue
        header = [cell.strip().lower() for cell in line.strip("|").split("|")]
        if not all(column in header for column in required):
            continue
        rows = []
        for row in lines[index + 2:]:  # skip the |---|---| rule under the header
            if not row.startswith("|"):
                break
            cells = [cell.strip() for cell in row.strip("|").split("|")]
            rows.append(dict(zip(header, cells, strict=False)))
        return rows
    return []


def _seed_key(row: dict[str, str]) -> SeedKey:
    # "day (week in the text)": the article only says "last week", but the day is known.
    precision = row["precision"].split("(")[0].strip().lower()
    codes = (code.strip().upper() for code in row["countries"].split(","))
    countries = frozenset(code for code in codes if code)
    return SeedKey(row["date"].strip(), precision, countries)


def _seed_keys_or_none() -> Counter[SeedKey] | None:
    """How many seed rows each key has, or None when the seed README is not there."""
    if not SEED_README.is_file():
        return None
    rows = _table_rows(SEED_README.read_text(encoding="utf-8"), "date", "precision", "countries")
    return Counter(_seed_key(row) for row in rows)


def _missing_seed_message(path: Path) -> str:
    return (f"{path} is missing: the curated-data tests need the shared seed folder beside "
            f"the repository ({SEED_DIR}); check out shared/ next to the clone")


_SEED_KEYS = _seed_keys_or_none()
_SEED_PARAMS = (
    [pytest.param(key, count, id=str(key).replace(" ", "_")) for key, count in _SEED_KEYS.items()]
    if _SEED_KEYS else [pytest.param(None, 0, id="seed-table-unavailable")]
)


@pytest.fixture(scope="module")
def seed_key_counts() -> Counter[SeedKey]:
    """Each (date, precision, countries) key of the seed table and how many rows share it."""
    if _SEED_KEYS is None:
        pytest.fail(_missing_seed_message(SEED_README))
    if not _SEED_KEYS:
        pytest.fail(f"found no table with date, precision and countries columns in {SEED_README}")
    return _SEED_KEYS


@pytest.fixture(scope="module")
def seed_article_text() -> str:
    """The seed articles as one text."""
    if not SEED_ARTICLES.is_file():
        pytest.fail(_missing_seed_message(SEED_ARTICLES))
    return SEED_ARTICLES.read_text(encoding="utf-8")


# --- the curated file ------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    number: int
    text: str

    @property
    def where(self) -> str:
        return f"{EVENTS_FILE.relative_to(REPO_ROOT)}:{self.number}"


@pytest.fixture(scope="module")
def event_lines() -> list[Line]:
    """Every line of data/events.jsonl with its 1-based number."""
    assert EVENTS_FILE.is_file(), f"{EVENTS_FILE} is missing"
    return [Line(number, text)
            for number, text in enumerate(EVENTS_FILE.read_text(encoding="utf-8").splitlines(), 1)]


def _line_problems(line: Line) -> tuple[Event | None, list[str]]:
    if not line.text.strip():
        return None, [f"{line.where}: line: blank lines are not allowed"]
    try:
        record = json.loads(line.text)
    except json.JSONDecodeError as error:
        return None, [f"{line.where}: json: {error}"]
    if not isinstance(record, dict):
        return None, [f"{line.where}: json: expected an object, got {type(record).__name__}"]
    try:
        return parse_event(record), []
    except InvalidEvent as error:
        return None, [f"{line.where}: {problem}" for problem in error.problems]


@pytest.fixture(scope="module")
def events_by_line(event_lines: list[Line]) -> list[tuple[Line, Event]]:
    """The lines that hold a valid event, each with its parsed event."""
    parsed = [(line, _line_problems(line)[0]) for line in event_lines]
    return [(line, event) for line, event in parsed if event is not None]


@pytest.fixture(scope="module")
def events(events_by_line: list[tuple[Line, Event]]) -> list[Event]:
    """The parsed events, in file order."""
    return [event for _, event in events_by_line]


def _key(event: Event) -> SeedKey:
    return SeedKey(event.date.iso(), event.date.precision.value, frozenset(event.countries))


# --- (a) every seed event is present ---------------------------------------------------------


@pytest.mark.parametrize(("seed_key", "rows"), _SEED_PARAMS)
def test_seed_event_present(seed_key: SeedKey | None, rows: int, events: list[Event]) -> None:
    if seed_key is None:
        pytest.fail(_missing_seed_message(SEED_README))
    matching = sorted(event.id for event in events if _key(event) == seed_key)
    assert len(matching) >= rows, (
        f"the seed table has {rows} event(s) dated {seed_key}, data/events.jsonl has "
        f"{len(matching)}: {matching or 'none'}")


def test_seed_table_was_read(seed_key_counts: Counter[SeedKey]) -> None:
    assert sum(seed_key_counts.values()) >= 14, "the seed table lost rows: check the parser"


# --- (b) the whole file ----------------------------------------------------------------------


def test_every_line_is_a_valid_event(event_lines: list[Line]) -> None:
    problems = [problem for line in event_lines for problem in _line_problems(line)[1]]
    assert not problems, "invalid lines:\n" + "\n".join(problems)


def test_ids_are_unique(events: list[Event]) -> None:
    repeated = [id_ for id_, count in Counter(event.id for event in events).items() if count > 1]
    assert not repeated, f"ids used more than once: {repeated}"


def test_no_duplicate_events(events_by_line: list[tuple[Line, Event]]) -> None:
    seen: dict[tuple[str, str, frozenset[str]], Line] = {}
    duplicates = []
    for line, event in events_by_line:
        key = (event.date.iso(), event.type, frozenset(event.countries))
        if key in seen:
            duplicates.append(f"{line.where} repeats {seen[key].where}: {key[0]} {key[1]} "
                              f"{'+'.join(sorted(key[2]))}")
        seen.setdefault(key, line)
    assert not duplicates, "same date, type and countries:\n" + "\n".join(duplicates)


def _url_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "is not http(s)"
    if re.search(r"\s", url):
        return "contains white space"
    host = parts.hostname or ""
    if "." not in host.strip("."):
        return "has no host with a dot"
    return None


@pytest.mark.parametrize(("url", "expected"), [
    ("https://en.wikipedia.org/wiki/Treaty_of_Nerchinsk", None),
    ("https://undocs.org/S/RES/1718(2006)", None),
    ("ftp://example.org/file", "is not http(s)"),
    ("https://en.wikipedia.org/wiki/Korean War", "contains white space"),
    ("https://localhost/page", "has no host with a dot"),
    ("https:///path-only", "has no host with a dot"),
])
def test_url_check(url: str, expected: str | None) -> None:
    assert _url_problem(url) == expected


def test_source_urls_are_well_formed(events_by_line: list[tuple[Line, Event]]) -> None:
    problems = [f"{line.where}: sources.{index}.url: {source.url!r} {problem}"
                for line, event in events_by_line
                for index, source in enumerate(event.sources)
                if source.url and (problem := _url_problem(source.url))]
    assert not problems, "\n".join(problems)


REQUIRED_FIELDS: list[tuple[str, Callable[[Event], bool]]] = [
    ("a source with a url", lambda event: any(source.url for source in event.sources)),
    ("at least one country", lambda event: bool(event.countries)),
    ("a summary", lambda event: bool(event.summary.strip())),
]


@pytest.mark.parametrize(("what", "present"), REQUIRED_FIELDS, ids=[w for w, _ in REQUIRED_FIELDS])
def test_every_event_has(what: str, present: Callable[[Event], bool],
                         events_by_line: list[tuple[Line, Event]]) -> None:
    lacking = [f"{line.where} ({event.id})" for line, event in events_by_line if not present(event)]
    assert not lacking, f"events without {what}:\n" + "\n".join(lacking)


def _sort_key(event: Event) -> tuple[Any, str]:
    return (event.date.first_day, event.id)


def test_file_is_sorted_by_date_then_id(events_by_line: list[tuple[Line, Event]]) -> None:
    out_of_order = [f"{line.where} ({event.id}, {event.date}) comes after "
                    f"{previous.id} ({previous.date})"
                    for (_, previous), (line, event) in itertools.pairwise(events_by_line)
                    if _sort_key(event) < _sort_key(previous)]
    assert not out_of_order, "\n".join(out_of_order)


def test_enough_further_events(events: list[Event], seed_key_counts: Counter[SeedKey]) -> None:
    further = [event for event in events if _key(event) not in seed_key_counts]
    assert len(further) >= MIN_FURTHER_EVENTS, (
        f"{len(further)} events beyond the seed table, at least {MIN_FURTHER_EVENTS} wanted")


def test_events_span_the_years(events: list[Event]) -> None:
    years = [event.first_day.year for event in events]
    assert min(years) == FIRST_YEAR, f"the earliest event is from {min(years)}, not {FIRST_YEAR}"
    assert max(years) >= LAST_YEAR, f"the latest event is from {max(years)}, not {LAST_YEAR}"


COVERAGE: list[tuple[str, Callable[[Event], bool]]] = [
    ("the USSR (SUN) as a party", lambda event: "SUN" in event.countries),
    ("an end date", lambda event: event.end_date is not None),
    ("month precision", lambda event: event.date.precision.value == "month"),
    ("year precision", lambda event: event.date.precision.value == "year"),
]


@pytest.mark.parametrize(("what", "matches"), COVERAGE, ids=[w for w, _ in COVERAGE])
def test_some_event_has(what: str, matches: Callable[[Event], bool], events: list[Event]) -> None:
    assert any(matches(event) for event in events), f"no curated event has {what}"


# --- (c) our own words -----------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """Lower-case words, punctuation stripped: "Korea's" gives "koreas", "Suk-yeol" two words."""
    return re.findall(r"\w+", re.sub("['`\u2018\u2019]", "", text.lower()))


def _runs(words: list[str], size: int = COPY_WINDOW) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def test_copy_check_finds_a_copied_run() -> None:
    source = _runs(_words("The leaders of North Korea and China yesterday marked the day."))
    assert _runs(_words("Leaders of North Korea and China yesterday marked it")) & source
    assert not _runs(_words("Kim and Xi exchanged messages on the 75th anniversary")) & source


@pytest.mark.parametrize("field", ["title", "summary"])
def test_no_text_copied_from_the_seed_articles(field: str, seed_article_text: str,
                                               events_by_line: list[tuple[Line, Event]]) -> None:
    article_runs = _runs(_words(seed_article_text))
    copied = [f"{line.where} ({event.id}): {field}: \"{' '.join(sorted(shared)[0])}\""
              for line, event in events_by_line
              if (shared := _runs(_words(getattr(event, field))) & article_runs)]
    assert not copied, (f"{COPY_WINDOW}-word runs copied from {SEED_ARTICLES.name}:\n"
                        + "\n".join(copied))
