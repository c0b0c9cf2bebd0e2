"""The curated events in ``data/events.jsonl``: valid, sourced, complete and in our own words.

Three groups of checks:

* every dated event of the seed articles (the table in ``shared/seed/README.md``, beside the
  clone) is present with its date, precision and countries;
* the whole file is well formed: one valid event per line, unique ids, no duplicate events,
  sound source URLs, sorted by date then id, and broad enough (150+ further events, 1689–2025);
* it covers what users start from: 500+ events, every decade since the 1680s, 40+ events for
  each of the eight starting countries and 5+ for each pair of them; at most a tenth of the
  events rest on a broad overview article alone; Korea before 1948 has its own code (XKR);
* no title or summary repeats an eight-word run of the seed articles' text.

The seed folder lives outside the repository. When it is missing these tests fail with a
message saying where they looked: they never skip, so a broken checkout cannot pass silently.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from timeline.core.countries import country_name
from timeline.core.model import Event, InvalidEvent, parse_event

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


_FINER = {"year": {"year", "month", "day"}, "month": {"month", "day"}, "day": {"day"}}


def _matches_seed(event: Event, seed_key: SeedKey) -> bool:
    """The event has the seed row's countries and a date inside the seed's date, at the seed's
    precision or finer: the seed article's "in June" is met by the documented 19 June."""
    if frozenset(event.countries) != seed_key.countries:
        return False
    if event.date.precision.value not in _FINER[seed_key.precision]:
        return False
    return event.date.iso().startswith(seed_key.date)


@pytest.mark.parametrize(("seed_key", "rows"), _SEED_PARAMS)
def test_seed_event_present(seed_key: SeedKey | None, rows: int, events: list[Event]) -> None:
    if seed_key is None:
        pytest.fail(_missing_seed_message(SEED_README))
    matching = sorted(event.id for event in events if _matches_seed(event, seed_key))
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


def test_seed_match_accepts_a_finer_date_inside_the_seed_date_only() -> None:
    def event(date: str) -> Event:
        return parse_event({"id": "x", "date": date, "title": "t", "countries": ["PRK", "RUS"],
                            "type": "treaty", "sources": [{"publisher": "p"}]})
    june = SeedKey("2024-06", "month", frozenset({"PRK", "RUS"}))
    assert _matches_seed(event("2024-06-19"), june)
    assert _matches_seed(event("2024-06"), june)
    assert not _matches_seed(event("2024-07-01"), june)
    assert not _matches_seed(event("2024"), june)
    assert not _matches_seed(event("2024-06-19"), SeedKey("2024-06", "month", frozenset({"PRK"})))


def test_enough_further_events(events: list[Event], seed_key_counts: Counter[SeedKey]) -> None:
    further = [event for event in events
               if not any(_matches_seed(event, key) for key in seed_key_counts)]
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


# --- (c) coverage: what a user starting from one of eight countries finds --------------------

MIN_EVENTS = 500
FIRST_DECADE = 1680
STARTING_COUNTRIES = ("PRK", "CHN", "RUS", "USA", "TWN", "PRY", "KOR", "JPN")
MIN_PER_COUNTRY, MIN_PER_PAIR = 40, 5
# The Soviet Union counts for Russia: a user starting from Russia expects its Soviet past.
COUNTS_AS = {"SUN": "RUS"}


def _starting_countries(event: Event) -> set[str]:
    return {COUNTS_AS.get(code, code) for code in event.countries} & set(STARTING_COUNTRIES)


def test_at_least_500_events(events: list[Event]) -> None:
    assert len(events) >= MIN_EVENTS, f"{len(events)} events, at least {MIN_EVENTS} wanted"


def test_every_decade_since_1680_has_an_event(events: list[Event]) -> None:
    decades = Counter(event.first_day.year // 10 * 10 for event in events)
    empty = [f"{decade}s" for decade in range(FIRST_DECADE, dt.date.today().year + 1, 10)
             if not decades[decade]]
    assert not empty, f"decades without an event: {', '.join(empty)}"


@pytest.mark.parametrize("code", STARTING_COUNTRIES)
def test_each_starting_country_has_40_events(code: str, events: list[Event]) -> None:
    count = sum(code in _starting_countries(event) for event in events)
    assert count >= MIN_PER_COUNTRY, (
        f"{country_name(code)} ({code}) has {count} events, at least {MIN_PER_COUNTRY} wanted")


def test_each_pair_of_starting_countries_has_5_events(events: list[Event]) -> None:
    pairs = Counter(pair for event in events
                    for pair in itertools.combinations(sorted(_starting_countries(event)), 2))
    short = [f"{a}–{b}: {pairs[a, b]}"
             for a, b in itertools.combinations(sorted(STARTING_COUNTRIES), 2)
             if pairs[a, b] < MIN_PER_PAIR]
    assert not short, f"pairs with fewer than {MIN_PER_PAIR} events: {', '.join(short)}"


# --- (d) sourcing: a source about the event itself ------------------------------------------

MAX_OVERVIEW_ONLY_SHARE = 0.10
# Encyclopaedia articles about a whole relationship, programme or dispute rather than one
# event: "China–North Korea relations", "Foreign relations of Taiwan", "North Korea and
# weapons of mass destruction", the generic "Korean Central News Agency". See data/README.md.
OVERVIEW_TITLE = re.compile(
    r"(_relations$|^Foreign_relations_of_|_and_weapons_of_mass_destruction$|_dispute$"
    r"|^Korean_Central_News_Agency$|^Division_of_Korea$|_trade_war$|^Six-party_talks$"
    r"|^Sino-Soviet_split$|^2017–2018_North_Korea_crisis$)")


def _is_overview(url: str) -> bool:
    """True for a Wikipedia article (any mirror of en.wikipedia.org/wiki/) whose title is a
    broad overview."""
    match = re.match(r"https?://en\.(?:m\.)?wikipedia\.org/wiki/([^?#]+)", url)
    return bool(match and OVERVIEW_TITLE.search(unquote(match.group(1))))


@pytest.mark.parametrize(("url", "overview"), [
    ("https://en.wikipedia.org/wiki/China%E2%80%93North_Korea_relations", True),
    ("https://en.wikipedia.org/wiki/Foreign_relations_of_Taiwan", True),
    ("https://en.wikipedia.org/wiki/Korean_Central_News_Agency", True),
    ("https://en.wikipedia.org/wiki/Kuril_Islands_dispute", True),
    ("https://en.wikipedia.org/wiki/Treaty_of_Nerchinsk", False),
    ("https://undocs.org/S/RES/1718(2006)", False),
    ("https://www.taiwannews.com.tw/en/news/4454752", False),
])
def test_overview_check(url: str, overview: bool) -> None:
    assert _is_overview(url) is overview


def test_at_most_a_tenth_of_events_rest_on_an_overview_alone(events: list[Event]) -> None:
    overview_only = sorted(event.id for event in events
                           if all(_is_overview(source.url) for source in event.sources))
    share = len(overview_only) / len(events)
    assert share <= MAX_OVERVIEW_ONLY_SHARE, (
        f"{len(overview_only)} of {len(events)} events ({share:.0%}) cite only an overview "
        f"article, at most {MAX_OVERVIEW_ONLY_SHARE:.0%} allowed: {overview_only}")


# --- (e) historic Korea ---------------------------------------------------------------------

HISTORIC_KOREA = "XKR"
# The day each Korean state was proclaimed: before it, Korea is the historic XKR.
FOUNDED = {"KOR": dt.date(1948, 8, 15), "PRK": dt.date(1948, 9, 9)}


def test_korea_before_1948_uses_the_historic_code(events: list[Event]) -> None:
    wrong = [f"{event.id} ({event.date}): {code} before {FOUNDED[code]}"
             for event in events for code in event.countries
             if code in FOUNDED and event.first_day < FOUNDED[code]]
    assert not wrong, f"use {HISTORIC_KOREA} for Korea before 1948:\n" + "\n".join(wrong)


def test_historic_korea_ends_when_both_koreas_exist(events: list[Event]) -> None:
    late = [f"{event.id} ({event.date})" for event in events
            if HISTORIC_KOREA in event.countries and event.first_day >= FOUNDED["PRK"]]
    assert not late, "XKR after the two Korean states were founded:\n" + "\n".join(late)
    assert any(HISTORIC_KOREA in event.countries for event in events)


# --- (f) our own words -----------------------------------------------------------------------


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
