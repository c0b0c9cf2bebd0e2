"""The event model: one diplomatic event, its sources, and the one place it is validated.

``Event.model_validate(record)`` accepts what files and forms hold (dates as ``"2024-06"``,
countries as codes or names) and gives back a normalised event, or raises
:class:`InvalidEvent` whose problems each name the field and the value.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from timeline.core.countries import resolve_country
from timeline.core.dates import (
    MAX_YEAR as MAX_YEAR,  # the date rule's years, part of the model's rules
)
from timeline.core.dates import MIN_YEAR as MIN_YEAR
from timeline.core.dates import PartialDate, parse_written
from timeline.core.event_types import EVENT_TYPES_BY_CODE

MAX_TITLE = 200
MAX_SUMMARY = 5_000
MAX_QUOTE = 1_000
MAX_PUBLISHER = 200
MAX_TAG = 100
MIN_GOLDSTEIN, MAX_GOLDSTEIN = -10.0, 10.0  # most conflictual .. most cooperative
# The database's column limits, so that what the model accepts is what a table can hold:
# events.weight is a 32-bit INTEGER, sources.position a SMALLINT.
MAX_WEIGHT = 2 ** 31 - 1
MAX_SOURCES = 1_000

# The rules that are patterns, each matching a whole value. The bulk import applies these very
# patterns in SQL (timeline/store/bulk_rules.py), so they are written in what Python's ``re``
# and the databases' RE2 read alike: classes of literal characters and \xhh escapes, no \s,
# \w or \d (whose meaning differs between them beyond ASCII).
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}"
CAMEO_PATTERN = r"(0[1-9]|1[0-9]|20)[0-9]{0,2}"
# Unicode's control characters (category Cc) but tab, line feed and carriage return.
CONTROL_CHARACTER = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
# What str.strip() takes off the ends of a text (str.isspace; none lies past U+3000).
SPACES = "".join(filter(str.isspace, map(chr, range(0x3001))))
# An http(s) address: a host part of RFC 3986's characters (no spaces, brackets or
# backslashes, which urlsplit refuses or reads otherwise), then anything but spaces and
# control characters.
WEB_ADDRESS = r"(?i:https?)://[A-Za-z0-9._~%!$&'()*+,;=:@-]+([/?#][^\x00-\x20\x7f-\x9f]*)?"

_CONTROL = re.compile(CONTROL_CHARACTER)
_WEB = re.compile(WEB_ADDRESS)


def is_web_address(text: str) -> bool:
    """Whether ``text`` is an http(s) web address (:data:`WEB_ADDRESS`) a link may point at."""
    return _WEB.fullmatch(text) is not None


def _parse_partial_date(value: Any) -> Any:
    return parse_written(value) if isinstance(value, str) else value


EventDate = Annotated[
    PartialDate,
    BeforeValidator(_parse_partial_date),
    PlainSerializer(lambda d: d.iso(), return_type=str),
]


def _clean_text(value: Any) -> Any:
    """Strip the ends and refuse control characters (tabs and newlines stay in summaries)."""
    if not isinstance(value, str):
        return value
    bad = _CONTROL.search(value)
    if bad is not None:
        raise ValueError(f"contains the control character {bad[0]!r}")
    return value.strip()


Text = Annotated[str, BeforeValidator(_clean_text)]


def _text(min_length: int = 0, max_length: int | None = None) -> Any:
    # Constraints first: pydantic then reports "String should have at least 1 character".
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length),
                     BeforeValidator(_clean_text)]


Country = Annotated[str, BeforeValidator(lambda v: resolve_country(v) if isinstance(v, str) else v)]


class Source(BaseModel):
    """Where an event is reported: a publisher, a web address, when, and what it said."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    publisher: _text(max_length=MAX_PUBLISHER) = ""
    url: Text = ""
    published: dt.date | None = None
    quote: _text(max_length=MAX_QUOTE) = ""

    @field_validator("url")
    @classmethod
    def _web_address(cls, url: str) -> str:
        if url and not is_web_address(url):
            raise ValueError(f"{url!r} is not an http(s) web address")
        return url

    @model_validator(mode="after")
    def _named(self) -> Source:
        if not self.publisher and not self.url:
            raise ValueError("a source needs a publisher or a url")
        return self


class Event(BaseModel):
    """One dated diplomatic event between (or within) countries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=f"^{ID_PATTERN}$")]
    date: EventDate
    end_date: EventDate | None = None
    title: _text(min_length=1, max_length=MAX_TITLE)
    summary: _text(max_length=MAX_SUMMARY) = ""
    countries: tuple[Country, ...] = ()
    actor: Country | None = None
    target: Country | None = None
    type: str
    sources: Annotated[tuple[Source, ...], Field(min_length=1, max_length=MAX_SOURCES)]
    # What an event dataset (GDELT, ICEWS) said, kept as it was: the CAMEO event code, its
    # Goldstein value (-10 most conflictual to +10) and a weight (GDELT's mention count).
    cameo: Annotated[str, Field(pattern=f"^{CAMEO_PATTERN}$")] | None = None
    goldstein: Annotated[float, Field(ge=MIN_GOLDSTEIN, le=MAX_GOLDSTEIN)] | None = None
    weight: Annotated[int, Field(ge=0, le=MAX_WEIGHT)] | None = None
    # Tags are joined with ";" in CSV files, so a tag cannot hold one.
    tags: tuple[Annotated[_text(max_length=MAX_TAG), Field(pattern=r"^[^;]*$")], ...] = ()

    @field_validator("type")
    @classmethod
    def _known_type(cls, code: str) -> str:
        if code not in EVENT_TYPES_BY_CODE:
            raise ValueError(f"{code!r} is not an event type (one of: "
                             f"{', '.join(EVENT_TYPES_BY_CODE)})")
        return code

    @field_validator("countries", "tags")
    @classmethod
    def _unique(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for v in values if v))

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if self.end_date is not None and self.end_date.first_day < self.date.first_day:
            raise ValueError(f"end_date {self.end_date} is before date {self.date}")
        for role in ("actor", "target"):
            code = getattr(self, role)
            if code is not None and code not in self.countries:
                raise ValueError(f"{role} {code} is not among the countries "
                                 f"{', '.join(self.countries) or '(none)'}")
        return self

    @property
    def first_day(self) -> dt.date:
        """The first day the event could have happened on."""
        return self.date.first_day

    @property
    def last_day(self) -> dt.date:
        """The last day the event (or its end date) could fall on."""
        return (self.end_date or self.date).last_day

    def to_record(self) -> dict[str, Any]:
        """A plain JSON-ready dict, dates at their precision: what files and ``--format jsonl``
        hold. Empty optional fields are left out, except ``end_date`` (``None`` when absent).

        ``{"id": "prk-chn-ties-1949", "date": "1949-10-06", "precision": "day",
        "end_date": None, "title": …, "countries": ["PRK", "CHN"], "type": …, "sources": […]}``
        """
        dumped = self.model_dump(mode="json")
        dumped["precision"] = self.date.precision.value
        dumped["sources"] = [_without_empty(source) for source in dumped["sources"]]
        order = ("id", "date", "precision", "end_date", "title", "summary", "countries",
                 "actor", "target", "type", "sources", "tags", "cameo", "goldstein", "weight")
        return {key: dumped[key] for key in order
                if key == "end_date" or dumped[key] not in (None, "", [])}


def _without_empty(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value not in (None, "")}


class Problem(BaseModel):
    """One reason a record is not a valid event: which field, and what is wrong."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class InvalidEvent(ValueError):
    """Raised with every problem found in one record."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def parse_event(record: dict[str, Any]) -> Event:
    """Return the event a record describes, or raise :class:`InvalidEvent` naming each problem.

    A record without an ``id`` gets one derived from its content, so importing the same
    record twice gives the same event. A ``precision`` field, when present, must agree with
    how the date is written.
    """
    record = dict(record)
    precision = record.pop("precision", None)
    if not record.get("id"):
        record["id"] = content_id(record)
    try:
        event = Event.model_validate(record)
    except ValidationError as error:
        raise InvalidEvent(_problems(error)) from None
    if precision not in (None, "", event.date.precision.value):
        raise InvalidEvent([Problem(field="precision", message=(
            f"{precision!r} does not match the date {event.date} "
            f"(written at {event.date.precision.value} precision)"))])
    return event


def content_id(record: dict[str, Any]) -> str:
    """A stable id from what an event says: ``evt-`` and 12 hex digits."""
    key = "|".join(str(record.get(k, "")) for k in ("date", "type", "countries", "title"))
    return "evt-" + hashlib.sha1(key.encode()).hexdigest()[:12]


def _problems(error: ValidationError) -> list[Problem]:
    errors = error.errors()
    # A list whose items failed is also reported as too short: the items' errors say more.
    failed_inside = {e["loc"][:-1] for e in errors if len(e["loc"]) > 1}
    return [_problem(e) for e in errors
            if not (e["type"] == "too_short" and any(
                loc[: len(e["loc"])] == e["loc"] for loc in failed_inside))]


def _problem(error: dict[str, Any]) -> Problem:
    field = ".".join(str(part) for part in error["loc"]) or "event"
    message = re.sub(r"^Value error, ", "", error["msg"])
    value = error.get("input")
    if error["type"] != "value_error" and not isinstance(value, dict):
        message += f" (got {_short(value)})"
    return Problem(field=field, message=message)


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def changed_fields(before: Any, after: Any) -> str:
    """Which fields an edit changed, from the two records as JSON text (as the history keeps
    them): ``"title, date"``; empty for an add or a delete (one side missing)."""
    if not (isinstance(before, str) and isinstance(after, str)):
        return ""
    old, new = json.loads(before), json.loads(after)
    return ", ".join(key for key in dict.fromkeys([*old, *new]) if old.get(key) != new.get(key))
