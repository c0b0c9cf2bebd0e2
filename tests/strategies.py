"""Hypothesis strategies: valid events (shared by the round-trip property tests), and rows of
GDELT and ICEWS files, plausible or hostile field by field (the bulk path's tests)."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import strategies as st

from timeline.core.dates import PartialDate, Precision
from timeline.core.event_types import EVENT_TYPES_BY_CODE
from timeline.core.model import MAX_WEIGHT, Event
from timeline.store.importers import GDELT2_COLUMNS, ICEWS_HEADER

# Letters, digits, punctuation, spaces, CJK and right-to-left text; no control characters.
_CHARACTERS = st.characters(exclude_categories=("Cc", "Cs"))
_CODES = ("PRK", "CHN", "RUS", "KOR", "USA", "JPN", "TWN", "PRY", "SUN", "DDR", "YUG", "CSK")


def _text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(_CHARACTERS, min_size=min_size, max_size=max_size).map(str.strip).filter(
        lambda text: len(text) >= min_size)


sources = st.fixed_dictionaries(
    {"url": st.sampled_from(["https://en.wikipedia.org/wiki/Korean_War",
                             "http://news.example.org/a?b=c&d=%E2%80%93"])},
    optional={"publisher": _text(1, 40), "quote": _text(0, 80),
              "published": st.dates(dt.date(1900, 1, 1), dt.date(2030, 1, 1))},
)


def dates_between(first: dt.date, last: dt.date) -> st.SearchStrategy[PartialDate]:
    """Dates at any precision whose first day lies in ``first``..``last``."""
    return st.builds(PartialDate.of, st.dates(first, last), st.sampled_from(list(Precision)))


partial_dates = dates_between(dt.date(1600, 1, 1), dt.date(2100, 12, 31))


@st.composite
def events(draw: st.DrawFn, dates: st.SearchStrategy[PartialDate] = partial_dates) -> Event:
    """Any valid event: any date 1600–2100 (or from ``dates``) at any precision, any text,
    0–4 countries."""
    date = draw(dates)
    countries = draw(st.lists(st.sampled_from(_CODES), max_size=4, unique=True))
    end = draw(st.none() | dates.filter(lambda d: d.first_day >= date.first_day))
    return Event(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9._:-]{0,20}", fullmatch=True)),
        date=date,
        end_date=end,
        title=draw(_text(1, 60)),
        summary=draw(_text(0, 200)),
        countries=countries,
        actor=draw(st.none() | st.sampled_from(countries)) if countries else None,
        type=draw(st.sampled_from(list(EVENT_TYPES_BY_CODE))),
        sources=draw(st.lists(sources, min_size=1, max_size=3)),
        tags=draw(st.lists(_text(1, 12).filter(lambda t: ";" not in t), max_size=3,
                           unique=True)),
        # What event datasets carry, up to the model's limits.
        cameo=draw(st.none() | st.from_regex(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}", fullmatch=True)),
        goldstein=draw(st.none() | st.floats(-10, 10)),
        weight=draw(st.none() | st.integers(0, MAX_WEIGHT)),
    )


# -- rows of GDELT and ICEWS files ------------------------------------------------------------

_row_ids = itertools.count(1)
_HOSTILE = st.sampled_from(["", " ", "\u3000", "\xa0", "\x01", "\x85", "\x7f", "é", "中", "/",
                            "\\", ":", ".", "-", "_", "'", '"', "@", "[", "]", "?", "#",
                            "\u2028", "x" * 130])


def field_text(*likely: str) -> st.SearchStrategy[str]:
    """A field's text: a value it plausibly holds, a hostile one, or both run together."""
    return st.one_of(st.sampled_from(likely), _HOSTILE,
                     st.tuples(st.sampled_from(likely), _HOSTILE, _HOSTILE).map("".join),
                     st.tuples(_HOSTILE, st.sampled_from(likely)).map("".join))


NUMBERS = ("8", "-10", "10", "10.0", "-10.0001", "11", "0", "-0", "+3", ".5", "5.", "1e1",
           "1e400", "nan", "inf", "1_0", "0x10", "-5", "007", "2147483647", "2147483648",
           str(2 ** 40), "1.5", "")
_EVENT_CODES = st.sampled_from(["057", "0874", "190", "20", "21", "999", "", "57", " 043"])


def _unique_id(draw: st.DrawFn) -> str:
    """An id no other example uses (a repeated id is a rule of its own), with spaces or
    hostile characters around it."""
    return draw(st.sampled_from(["", " ", "\u3000"])) + str(next(_row_ids)) + draw(
        _HOSTILE | st.just(""))


@st.composite
def gdelt_rows(draw: st.DrawFn) -> dict[str, str]:
    """The mapped fields of one GDELT 2.0 row (see :func:`gdelt_line`)."""
    return {
        "GLOBALEVENTID": _unique_id(draw),
        "SQLDATE": draw(st.sampled_from(["20240619", "16000101", "21001231", "15991231",
                                         "21010101", "20240230", "2024061", "", " 20240619"])),
        "Actor1CountryCode": draw(st.sampled_from(["PRK", "ROM", "AFR", "", "XXX", "SUN"])),
        "Actor2CountryCode": draw(st.sampled_from(["RUS", "", "TMP", "PRK"])),
        "Actor1Name": draw(field_text("KIM", "NORTH KOREA", "")),
        "Actor2Name": draw(field_text("PUTIN", "")),
        "EventCode": draw(_EVENT_CODES),
        "GoldsteinScale": draw(field_text(*NUMBERS)),
        "NumMentions": draw(field_text(*NUMBERS)),
        "SOURCEURL": draw(field_text("https://news.example.org/a", "http://a.example",
                                     "HTTP://a.example/b?c#d", "BBC Monitoring",
                                     "https://a.example/a b", "http://[x]/", "javascript:x",
                                     "")),
    }


def gdelt_line(fields: dict[str, str]) -> str:
    """A GDELT 2.0 row (61 tab-separated fields) holding ``fields``, the others blank."""
    values = dict.fromkeys(GDELT2_COLUMNS, "")
    values.update(fields, DATEADDED="20240620")
    return "\t".join(values[name] for name in GDELT2_COLUMNS)


@st.composite
def icews_rows(draw: st.DrawFn) -> dict[str, str]:
    """The mapped fields of one ICEWS row (see :func:`icews_line`)."""
    return {
        "Event ID": _unique_id(draw),
        "Event Date": draw(st.sampled_from(["2018-06-12", "1995-01-01", "2018-02-30", "NA"])),
        "Source Name": draw(field_text("Kim Jong-Un", "Citizen (North Korea)", "NA")),
        "Source Country": draw(st.sampled_from(["North Korea", "Russian Federation",
                                                "Occupied Palestinian Territory", "Narnia",
                                                "NA"])),
        "Target Name": draw(field_text("Donald Trump", "NA")),
        "Target Country": draw(st.sampled_from(["United States", "China", "NA"])),
        "CAMEO Code": draw(_EVENT_CODES),
        "Intensity": draw(field_text(*NUMBERS)),
        "Publisher": draw(field_text("Test Agency", "BBC Monitoring", "NA")),
    }


def icews_line(fields: dict[str, str]) -> str:
    """An ICEWS row (20 tab-separated fields) holding ``fields``, the others NA."""
    return "\t".join(fields.get(name, "NA") for name in ICEWS_HEADER)
