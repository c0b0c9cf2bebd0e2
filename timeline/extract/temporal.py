"""Date expressions in English news text, resolved against the day the text was published.

``tag_dates("KCNA said yesterday ...", date(2024, 10, 7))`` finds "yesterday" at its character
offsets and resolves it to ``2024-10-06``. Values are TIMEX3-style strings, each with the
precision it is known to:

=========  ===================================  =====================================
precision  value                                written as
=========  ===================================  =====================================
day        ``1949-10-06``                       "Oct. 6, 1949", "yesterday", "on Friday"
week       ``2025-W03``, ``2025-W03-WE``        "last week", "this weekend"
month      ``2024-06``                          "in June", "last month", "October 1949"
quarter    ``1989-Q3``                          "the third quarter", "third-quarter"
half       ``1990-H1``                          "the first half of 1990"
season     ``2024-SU``                          "this summer", "last fall", "winter 1950"
year       ``1949``                             "1949", "last year", "earlier this year"
decade     ``196X``                             "the 1960s", "the '60s", "the sixties"
century    ``19XX``                             "the 20th century"
=========  ===================================  =====================================

Why rules of our own: measured on TimeBank/AQUAINT news (``benchmarks/bench_temporal.py``),
``dateparser.search_dates`` found 20% exact spans and resolved about half of what it found
right; it reads "We" as Wednesday and "may" as May, drops "last" ("last June" → this June),
splits "Oct. 6, 1949" and cannot be told the tense. The Microsoft Recognizers-Text Python port
was last released in 2019 (alpha) and breaks with current dependencies; HeidelTime and SUTime
need Java. So this module writes the finding; the calendar arithmetic (month and weekday
steps, Easter) is ``dateutil``'s.

Conventions, chosen for news and documented because each is a choice:

- A bare weekday, month or month-and-day is the most recent one at or before publication
  (news reports what happened), unless the clause speaks of the future ("will", "is to",
  "scheduled", "next", …): then it is the next one at or after publication.
- "last June" is the most recent June before the current month; "next June" the first after
  it; "this June" June of the publication year. "last Friday" is strictly before publication,
  "next Friday" strictly after, "this Friday" the Friday of the publication week.
- "the 75th anniversary" is valued as the year counted from: publication year minus 75.
- "Seventy years ago on Monday" and "Fifty years ago today" are one date, the day of the
  anniversary: that weekday at or before publication (or the day itself), so many years back.
- A range ("from 1950 to 1953", "between 1950 and 1953", "1950-53") gives two timexes, one
  per end, so each keeps its own offsets.
- Durations ("for three years", "the past three months") and vague references ("now",
  "recently", "a few years ago") are left alone. Dates told against another date in the text
  ("that September", "October that year", "the following month", "a year later") are
  resolved against the date expression just before them, by :mod:`.anchored`'s rules; without
  one they are left alone (or their month read as it would be alone).
- Winter is labelled with the year it starts in (January 2025 is in ``2024-WI``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from dateutil.easter import easter
from dateutil.relativedelta import TH, relativedelta

from .anchored import Anchored, find_anchored
from .timex import MONTH_NUMBER as _MONTH_NUMBER
from .timex import MONTHS as _MONTHS
from .timex import NUMBER_WORDS, Timex, TimexPrecision, season_of, season_year
from .timex import SEASONS as _SEASONS

__all__ = ["NUMBER_WORDS", "Timex", "TimexPrecision", "tag_dates"]


# ---------------------------------------------------------------------------------------------
# Vocabulary (English words, not calendar logic)

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
}  # fmt: skip
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Regular-expression pieces. Month and weekday names are case-sensitive ("may" is a verb);
# the words around them are not.

_WORD_START = r"(?<![\w'\u2019])"
_WORD_END = r"(?!\w)"
_MONTH_FULL = "|".join(_MONTHS)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\."
_MONTH_WITH_DAY = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?=\s+[0-9]))"  # noqa: E501
_WEEKDAY = "|".join(_WEEKDAYS)
_PART_OF_DAY = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9]|:[0-9])"
_YEAR = r"(?:1[6-9][0-9]{2}|20[0-9]{2}|2100)(?![0-9])"
_EDGE = (
    r"(?:(?P<edge>(?i:early|late|mid|(?:the\s+)?(?:middle|end|beginning|start)\s+of))[\s-]+)?"
)
_NUMBER = rf"(?:[0-9]{{1,3}}|(?i:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}))"
_ORDINAL = rf"(?:[0-9]{{1,2}}(?:st|nd|rd|th)|(?i:{'|'.join(sorted(_ORDINAL_WORDS, key=len, reverse=True))}))"  # noqa: E501

# Words that tell the tense of a clause. The cue nearest the date expression decides. After
# an article or a possessive a word is a noun or an adjective, and tells no tense ("Morocco's
# plan", "a proposed declaration"); nor does a participle after "be" ("will be raised").
_NOT_A_VERB = (r"(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)(?<!\bits\s)(?<!\bhis\s)(?<!\bher\s)"
               r"(?<!\btheir\s)(?<!['\u2019]s\s)")
_FUTURE_WORDS = (
    r"will|won['\u2019]t|shall|['\u2019]ll|going\s+to|(?:is|are|am|was|were)\s+(?:due\s+)?to"
    # "plan" tells the future as a verb ("plans to meet"), not as a noun ("a cooperation plan")
    rf"|to\s+be|{_NOT_A_VERB}plans?(?=\s+to\b)|planned|planning|scheduled|expected|expects?|intends?|set\s+to|due"
    # "next to" is a place ("the blasts next to the embassies on Friday"); "through" a
    # deadline only before a date ("valid through March", not "tore through the window"; the
    # text left of a date ends where the date starts); "ahead of", not after a span ("two
    # days ahead of the signing" compares two past days)
    r"|upcoming|would|next(?!\s+to\b)|this\s+coming|as\s+(?:early|soon)\s+as"
    r"|(?<!days\s)(?<!weeks\s)(?<!hours\s)(?<!months\s)(?<!\bday\s)(?<!week\s)ahead\s+of"
    rf"|effective|payable|deadline|until|till|through(?=\s*$|\s+(?:{_WEEKDAY}|{_MONTH_FULL}|[0-9]))"
    r"|expire|expires|starting|beginning|begins?"
    # what one faces is still ahead: "Clinton, who faces re-election in November"
    rf"|{_NOT_A_VERB}faces"
    # an infinitive of purpose points forward: "flying to Washington to meet Trump on Monday"
    # (not one after a verb in the past: "declined to sign … on Thursday"; but what was
    # agreed or promised is still ahead: "had agreed to hold a summit in late April")
    r"|(?:(?<!ed\s)|(?<=agreed\s)|(?<=pledged\s)|(?<=promised\s)|(?<=decided\s))"
    r"to\s+(?:meet|visit|attend|sign|hold|host|discuss|vote|decide)"
)
_PAST_WORDS = (
    r"(?<!\bbe\s)(?:ago|last|earlier|since|was|were|had|did|has|have|said|told|met|made|took"
    r"|gave|went|came|saw|left|held|began|fell|rose|won|lost|sold|bought|paid|spent|wrote"
    r"|spoke|struck|broke|ran|got|found|became|brought|led|fled|sent|shot|hit|set|put|cut"
    r"|quit|chose|drew|flew|fought|kept|knew|meant|read|sought|stood|taught|thought|threw"
    r"|understood|withdrew"
    rf"|{_NOT_A_VERB}\w+ed)"
)
# A verb after one of these words has a subject and tense of its own ("signed a deal on
# Monday that will scrap tariffs": last Monday).
_COORDINATOR = re.compile(r"\b(?:and|but|while|whereas|that|which)\b")
# a compound adjective tells no tense: "for EU-mediated talks", "the Saudi-led coalition"
_CUE = re.compile(rf"(?i)\b(?:(?P<future>{_FUTURE_WORDS})"
                  rf"|(?<![-\u2010\u2011])(?P<past>{_PAST_WORDS}))\b")
# Where a sentence ends, for the tense cues: ".", "!" or "?" after no abbreviation, ";", a line.
_SENTENCE_END = re.compile(r"(?P<word>[\w.]*)[.!?][\"\u201d\u2019']?\s+|[;\n]")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "ms",
        "mrs",
        "dr",
        "st",
        "jr",
        "sr",
        "no",
        "vs",
        "co",
        "gen",
        "col",
        "lt",
        "sgt",
        "rev",
        "gov",
        "sen",
        "rep",
        "inc",
        "ltd",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "a.m",
        "p.m",
        "u.s",
        "u.n",
        "u.k",
        "e.g",
        "i.e",
    ]
)


def _sentence_ends(text: str) -> Iterator[re.Match[str]]:
    for match in _SENTENCE_END.finditer(text):
        word = (match["word"] or "").lower()
        if word and (word in _ABBREVIATIONS or len(word) == 1 or "." in word):
            continue
        yield match


# Units and count nouns after a number that make it a quantity rather than a year.
_QUANTITY_AFTER = re.compile(
    r"\s*(?:%|(?i:percent|per\s+cent|pct|people|persons|troops|soldiers|men|women|children|"
    r"workers|jobs|employees|members|students|units|tons|tonnes|km|kilometers|kilometres|miles|"
    r"meters|metres|feet|barrels|dollars|euros|yuan|won|yen|rubles|pounds|votes|cases|deaths|"
    r"shares|points|hours|hrs|GMT|UTC|cc|horsepower|hp|calories)\b)"
)
_TITLE_WORD = re.compile(r"[A-Z][\w'\u2019.-]*")
_TEMPORAL_PREPOSITIONS = frozenset({
    "in", "since", "by", "until", "till", "through", "throughout", "during", "from", "to", "of",
    "before", "after", "between", "and", "or", "early", "late", "mid", "last", "next", "this",
    "that", "each", "every",
})  # fmt: skip


_DATELINE = re.compile(r"[ \t]*[A-Z][A-Z .'\u2019-]+,[ \t]*")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: str
    precision: TimexPrecision
    told: Anchored | None = None  # a date told against the one before: valued when chosen
    yearless: bool = False  # a month (and day) without a year: "on December 25", "in May"


class _Context:
    """The text, the publication date and helpers the resolvers share."""

    def __init__(self, text: str, published: dt.date) -> None:
        self.text = text
        self.published = published

    def previous_word(self, position: int) -> str:
        match = re.search(r"([\w'\u2019-]+)[^\w\n]*$", self.text[max(0, position - 40) : position])
        return match.group(1) if match else ""

    def next_word(self, position: int) -> str:
        match = re.match(r"[ \t]*([\w'\u2019-]+)", self.text[position : position + 40])
        return match.group(1) if match else ""

    def sentence_start(self, position: int) -> bool:
        """True when only spaces, quotes or brackets separate ``position`` from a sentence end."""
        before = self.text[max(0, position - 6) : position]
        return (
            re.search(r"(?:^|[.!?:;\n\"\u201c(])[\s\"\u201c\u2018'(]*$", before) is not None
            or position < 2
        )

    def preceded_by_name(self, start: int) -> bool:
        """True when a capitalised word that starts no sentence comes right before ``start``."""
        before = self.text[max(0, start - 40) : start]
        match = re.search(r"([A-Z][\w'\u2019.-]*)[ \t]+$", before)
        if match is None:
            return False
        word = match.group(1)
        if word.lower().rstrip(".") in _TEMPORAL_PREPOSITIONS:
            return False
        return not self.sentence_start(start - len(before) + match.start())

    def tense(self, start: int, end: int, reach: int = 1000) -> str | None:
        """``"future"``, ``"past"`` or None: what the clause around ``start:end`` speaks of.

        The tense cue ("will", "is to", "scheduled", "said", "-ed", …) nearest the expression
        within its sentence decides, if it is at most ``reach`` words away; None otherwise.
        """
        left = self.text[max(0, start - 160) : start]
        ends = list(_sentence_ends(left))
        if ends:
            left = left[ends[-1].end() :]
        right = self.text[end : end + 160]
        stop = next(_sentence_ends(right), None)
        if stop:
            right = right[: stop.start()]
        best: tuple[int, str] | None = None
        for match in _CUE.finditer(left):
            distance = len(left[match.end() :].split())
            kind = "future" if match["future"] else "past"
            if best is None or distance <= best[0]:
                best = (distance, kind)
        for match in _CUE.finditer(right):
            if best is not None and _COORDINATOR.search(right[: match.start()]):
                break  # "flew on Monday and is due to meet on Wednesday": another verb's tense
            distance = len(right[: match.start()].split()) + 1
            kind = "future" if match["future"] else "past"
            if best is None or distance < best[0]:
                best = (distance, kind)
            break
        return best[1] if best and best[0] <= reach else None

    def future(self, start: int, end: int) -> bool:
        """True when the clause around ``start:end`` speaks of the future."""
        return self.tense(start, end) == "future"


# ---------------------------------------------------------------------------------------------
# Calendar helpers (dateutil does the arithmetic)


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _valid_year(year: int) -> bool:
    return 1 <= year <= 9999


def _pick_occurrence(
    candidates: list[dt.date], published: dt.date, tense: str | None
) -> dt.date | None:
    """Of dates a year apart: the latest at/before publication for the past, the first at/after
    it for the future, and the nearest when the tense is unknown."""
    if tense == "future":
        later = [day for day in candidates if day >= published]
        return min(later) if later else None
    if tense == "past":
        earlier = [day for day in candidates if day <= published]
        return max(earlier) if earlier else None
    return min(candidates, key=lambda day: abs(day - published), default=None)


# A date this far after publication is news only when something says it is to come
_FAR_AHEAD = dt.timedelta(days=60)


def _yearless(
    ctx: _Context,
    start: int,
    end: int,
    make: Callable[[int], dt.date],
    *,
    middle: int = 0,
    reach: int = 3,
    weekday: int | None = None,
    whole_sentence: bool = False,
) -> dt.date | None:
    """Resolve a date written without its year (month-and-day, month, holiday).

    A tense cue at most ``reach`` words away picks the occurrence before or after
    publication; without one the nearest occurrence wins ("payable Dec. 7" in late October is
    this December). ``middle`` days are added before comparing, so a month is compared by its
    middle; a ``weekday`` given with the date ("Saturday, April 25") keeps only the years in
    which the date falls on it. With ``whole_sentence`` a cue further away in the sentence
    decides when none is near.
    """
    year = ctx.published.year
    candidates = {}
    for offset in (-1, 0, 1):
        try:
            day = make(year + offset)
            if weekday is None or day.weekday() == weekday:
                candidates[day + dt.timedelta(days=middle)] = day
        except (ValueError, OverflowError):
            continue
    # a deadline ("ordered the envoy to leave by February 7") or when a measure takes effect
    # ("barred the consulate from serving them from June 1") is close to when it was set,
    # whatever the tense of the report: the nearest occurrence
    tense = (None if ctx.previous_word(start).lower() in ("by", "from")
             else ctx.tense(start, end, reach))
    chosen = _pick_occurrence(list(candidates), ctx.published, tense)
    if tense is None and (whole_sentence or (chosen and chosen - ctx.published > _FAR_AHEAD)):
        # "… found that the Guards had used criminals to set fire to a synagogue in
        # Melbourne in December": the December before; so "his son flew to Nuuk on
        # January 7" in August, not the January to come
        chosen = _pick_occurrence(list(candidates), ctx.published, ctx.tense(start, end))
    return candidates[chosen] if chosen else None


# ---------------------------------------------------------------------------------------------
# Resolvers: each takes a match and returns the timexes it stands for (or none).

_Resolver = Callable[[re.Match[str], _Context], list[_Hit]]
_PATTERNS: list[tuple[re.Pattern[str], _Resolver]] = []


def _pattern(regex: str) -> Callable[[_Resolver], _Resolver]:
    def register(resolver: _Resolver) -> _Resolver:
        _PATTERNS.append((re.compile(_WORD_START + regex + _WORD_END), resolver))
        return resolver

    return register


# "last year" after a month and day, as part of the date; "this year's" is left alone
_RELATIVE_YEAR = r"\s+(?P<rel>(?i:this|last|next))\s+(?i:year)(?!['\u2019]s)"
_YEAR_STEP = {"this": 0, "last": -1, "next": 1}


def _month_of(name: str) -> int:
    return _MONTH_NUMBER[name.rstrip(".")[:4] if name.startswith("Sept") else name[:3]]


def _day_of(text: str) -> int:
    return int(re.match(r"[0-9]+", text).group(0))


def _weekday_index(name: str) -> int:
    return _WEEKDAYS.index(name)


def _weekday_at_or_before(day: dt.date, weekday: int) -> dt.date:
    """The latest date on ``weekday`` (0 for Monday) at or before ``day``."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


# two days of one month are one expression, valued at its first: "17-18 March 2025"
_TO_DAY = rf"(?:[-\u2013]{_DAY})?"


@_pattern(
    rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?P<day>{_DAY}){_TO_DAY}(?:\s+(?i:of))?\s+"
    rf"(?P<mon>{_MONTH_WITH_DAY})(?:,?\s+(?P<year>{_YEAR})|{_RELATIVE_YEAR})?"
)
@_pattern(
    rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH_WITH_DAY})\s+(?P<day>{_DAY}){_TO_DAY}"
    rf"(?:(?:,\s*|\s+)(?P<year>{_YEAR})|{_RELATIVE_YEAR})?"
)
def _month_day(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    line_start = ctx.text.rfind("\n", 0, match.start()) + 1
    if not match["year"] and _DATELINE.fullmatch(ctx.text, line_start, match.start()):
        return []  # "WASHINGTON, Aug. 11 (Xinhua) --": the dateline is the publication date
    month, day = _month_of(match["mon"]), _day_of(match["day"])
    if match["year"]:
        date = dt.date(int(match["year"]), month, day)
    elif match["rel"]:  # "November 30 last year": one date, the year told against publication
        date = dt.date(ctx.published.year + _YEAR_STEP[match["rel"].lower()], month, day)
    else:
        weekday = _weekday_index(match["wd"]) if match["wd"] else None
        make = lambda y: dt.date(y, month, day)  # noqa: E731
        date = _yearless(ctx, match.start(), match.end(), make, weekday=weekday)
        if date is None:
            return []
        return [_Hit(match.start(), match.end(), date.isoformat(), TimexPrecision.DAY,
                     yearless=weekday is None)]
    return [_Hit(match.start(), match.end(), date.isoformat(), TimexPrecision.DAY)]


@_pattern(rf"(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])")
def _iso_date(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    return [_Hit(match.start(), match.end(), date.isoformat(), TimexPrecision.DAY)]


@_pattern(
    rf"{_EDGE}(?P<mon>{_MONTH_FULL}|{_MONTH_ABBR})(?:,?\s+|\s+(?i:of)\s+)"
    r"(?:(?P<year>" + _YEAR + r")|(?P<rel>(?i:this|last|next))\s+(?i:year))"
)
def _month_year(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    if match["year"]:
        year = int(match["year"])
    else:
        year = ctx.published.year + _YEAR_STEP[match["rel"].lower()]
    value = _month_value(year, _month_of(match["mon"]))
    return [_Hit(match.start(), match.end(), value, TimexPrecision.MONTH)]


@_pattern(
    rf"(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming))\s+)?{_EDGE}"
    rf"(?P<mon>{_MONTH_FULL})(?!\s+[0-9])"
)
def _month_alone(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    month = _month_of(match["mon"])
    rel = (match["rel"] or "").lower().split()
    published = ctx.published
    if rel:
        if rel[0] == "this" and len(rel) == 1:
            year = published.year
        elif rel[0] == "last" or rel[-1] == "past":
            year = published.year if month < published.month else published.year - 1
        else:  # next, this coming
            year = published.year if month > published.month else published.year + 1
        value = _month_value(year, month)
        return [_Hit(match.start(), match.end(), value, TimexPrecision.MONTH)]
    start = match.start("mon") if not match["edge"] else match.start()
    word_before = ctx.previous_word(start).lower()
    has_preposition = word_before in _TEMPORAL_PREPOSITIONS
    if match["mon"] in ("May", "March") and not (has_preposition or match["edge"]):
        return []  # the verb, the noun, or a name: "May I", "the March on Rome", "Theresa May"
    if not has_preposition and ctx.preceded_by_name(start):
        return []
    follower = ctx.next_word(match.end())
    if not has_preposition and _TITLE_WORD.fullmatch(follower or "-"):
        return []  # a person: "June Carter"
    if re.match(r"\s*[-–]\s*[0-9]", ctx.text[match.end() : match.end() + 4]):
        return []
    make = lambda y: dt.date(y, month, 1)  # noqa: E731
    date = _yearless(ctx, match.start(), match.end(), make, middle=14, reach=8,
                     whole_sentence=True)
    if date is None:
        return []
    value = _month_value(date.year, month)
    return [_Hit(match.start(), match.end(), value, TimexPrecision.MONTH, yearless=True)]


@_pattern(
    r"(?:(?P<edge>(?i:early|late))\s+)?"
    rf"(?:(?P<rel>(?i:last|next|this|this\s+past|this\s+coming|coming|past))\s+)?"
    rf"(?P<wd>{_WEEKDAY}){_PART_OF_DAY}"
)
def _weekday(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    target = _weekday_index(match["wd"])
    rel = (match["rel"] or "").lower().split()
    published = ctx.published
    if not rel:
        before = ctx.previous_word(match.start())
        if before.lower() in ("good", "black", "super", "bloody", "ash", "easter", "palm"):
            return []  # Good Friday, Super Tuesday: named days, not the weekday
        if before.lower() in ("previous", "following", "that", "same"):
            return []  # "the previous Friday": counted from another date, not publication
        if ctx.preceded_by_name(match.start()):
            return []
        if before.lower() == "the" and _TITLE_WORD.fullmatch(ctx.next_word(match.end()) or "-"):
            return []  # "the Sunday Times"
    delta = target - published.weekday()
    if week := _WHICH_WEEK.match(ctx.text, match.end()):
        # "on Wednesday last week": that week's Wednesday, whatever the tense
        monday = published - dt.timedelta(days=published.weekday())
        step = -7 if week["which"].lower() == "last" else 7
        day = monday + dt.timedelta(days=step + target)
    elif (rel and rel[0] == "last") or rel[-1:] == ["past"]:
        day = published + dt.timedelta(days=delta - 7 if delta >= 0 else delta)
    elif (rel and rel[0] in ("next", "coming")) or rel[-1:] == ["coming"]:
        day = published + dt.timedelta(days=delta + 7 if delta <= 0 else delta)
    elif rel == ["this"]:
        day = published + dt.timedelta(days=delta)
    elif ctx.future(match.start(), match.end()) or (
            not rel and _DEADLINE_BY.search(ctx.text, max(0, match.start() - 60), match.start())):
        # "ordered the diplomats to leave the country by Saturday": a deadline is ahead (not
        # "had filed reports by Wednesday")
        day = published + dt.timedelta(days=delta % 7)
    else:
        day = _weekday_at_or_before(published, target)
    return [_Hit(match.start(), match.end(), day.isoformat(), TimexPrecision.DAY)]


_DEADLINE_BY = re.compile(r"\bto\s+[a-z]+\b[^.;]*\bby\s+$")
_WHICH_WEEK = re.compile(r"\s+(?:of\s+)?(?P<which>(?i:last|next))\s+week\b")

_DAY_OFFSETS = {
    "the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0,
    "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1,
    "the day after tomorrow": 2,
}  # fmt: skip


@_pattern(
    r"(?:(?P<edge>(?i:early|late|earlier|later))\s+(?=(?i:yesterday|tomorrow)))?"
    r"(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday"
    r"|today|tomorrow|tonight|last\s+night|this\s+morning|this\s+afternoon|this\s+evening))"
)
def _relative_day(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    if ctx.previous_word(match.start()).lower() == "of":
        return []  # "the world of tomorrow"
    if match["word"][0].isupper() and ctx.preceded_by_name(match.start()):
        return []  # a programme: "VOA Today"
    offset = _DAY_OFFSETS[" ".join(match["word"].lower().split())]
    day = ctx.published + dt.timedelta(days=offset)
    return [_Hit(match.start(), match.end(), day.isoformat(), TimexPrecision.DAY)]


@_pattern(
    r"(?:(?P<edge>(?i:early|late|mid|earlier|later|(?:the\s+)?(?:middle|end|beginning|start)"
    r"\s+of))[\s-]+)?(?P<rel>(?i:last|next|this|the\s+current|the\s+coming|the))\s+"
    r"(?P<unit>(?i:week|weekend|month|quarter|year|decade|century))(?![\w-])"
)
def _relative_unit(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    rel = match["rel"].lower().split()[-1]
    unit = match["unit"].lower()
    if rel == "the" and not (match["edge"] or "").lower().endswith(" of"):
        return []  # "the month" alone is no date; "the end of the month" is this one's
    if rel == "the" and unit not in ("week", "month", "year"):
        return []
    if rel == "last" and ctx.previous_word(match.start()).lower() in ("the", "its", "their"):
        return []  # "the last year" is a duration
    if match["unit"][0].isupper() and match["rel"][0].isupper() and not ctx.text.isupper():
        return []  # a title: ABC's "This Week"
    step = {"last": -1, "next": 1, "coming": 1}.get(rel, 0)
    published = ctx.published
    start, end = match.start(), match.end()
    if unit == "week":
        return [_Hit(start, end, _iso_week(published + dt.timedelta(weeks=step)), "week")]
    if unit == "weekend":
        saturday = published + dt.timedelta(days=5 - published.weekday())
        if published.weekday() < 5 and step == -1:
            saturday -= dt.timedelta(weeks=1)
        elif step == -1 or (step == 1 and published.weekday() >= 5):
            saturday += dt.timedelta(weeks=step)
        return [_Hit(start, end, _iso_week(saturday) + "-WE", TimexPrecision.WEEK)]
    if unit == "month":
        month = published + relativedelta(months=step)
        return [_Hit(start, end, _month_value(month.year, month.month), TimexPrecision.MONTH)]
    if unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + step
        return [_Hit(start, end, f"{index // 4:04d}-Q{index % 4 + 1}", TimexPrecision.QUARTER)]
    if unit == "year":
        year = published.year + step
        return [_Hit(start, end, f"{year:04d}", TimexPrecision.YEAR)] if year >= 0 else []
    if unit == "decade":
        decade = published.year // 10 + step
        return [_Hit(start, end, f"{decade:03d}X", TimexPrecision.DECADE)] if decade >= 0 else []
    century = published.year // 100 + step  # none before year 0 ("last century" in 99)
    return [_Hit(start, end, f"{century:02d}XX", TimexPrecision.CENTURY)] if century >= 0 else []


_AGO_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years", "decade": ""}


@_pattern(
    r"(?:(?i:about|almost|nearly|roughly|some|around|more\s+than|less\s+than|over|just|only"
    rf"|exactly|barely)\s+)?(?P<n>{_NUMBER})[\s-]+(?P<unit>(?i:days?|weeks?|months?|years?"
    r"|decades?))\s+(?P<ago>(?i:ago))"
    # an anniversary's day: "Seventy years ago on Monday", "Fifty years ago today"
    rf"(?:\s+(?:(?P<today>today)|on\s+(?P<wd>{_WEEKDAY})))?"
)
def _ago(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    number = match["n"].lower()
    count = int(number) if number.isdigit() else NUMBER_WORDS[number]
    unit = match["unit"].lower().rstrip("s")
    published, start, end = ctx.published, match.start(), match.end()
    if (match["today"] or match["wd"]) and unit in ("year", "decade"):
        # the day of the week at or before publication, as a bare weekday is, that many
        # years before: "Seventy years ago on Monday", published Monday 24 February 2025,
        # is 24 February 1955
        day = (_weekday_at_or_before(published, _weekday_index(match["wd"])) if match["wd"]
               else published)
        years = count * (10 if unit == "decade" else 1)
        if _valid_year(day.year - years):
            return [_Hit(start, end, (day - relativedelta(years=years)).isoformat(),
                         TimexPrecision.DAY)]
    end = match.end("ago")  # "three weeks ago on Monday": the weekday is a date of its own
    if unit == "day":
        day = published - dt.timedelta(days=count)
        return [_Hit(start, end, day.isoformat(), TimexPrecision.DAY)]
    if unit == "week":
        return [_Hit(start, end, _iso_week(published - dt.timedelta(weeks=count)), "week")]
    if unit == "month":
        month = published - relativedelta(months=count)
        return [_Hit(start, end, _month_value(month.year, month.month), TimexPrecision.MONTH)]
    years = count * (10 if unit == "decade" else 1)
    return [_Hit(start, end, f"{published.year - years:04d}", TimexPrecision.YEAR)]


@_pattern(
    # TimeML marks "the end of 1990" whole, valued as the year
    rf"(?:(?P<edge>(?i:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of))[\s-]+)?"
    rf"(?P<fiscal>(?i:fiscal)\s+)?(?P<year>{_YEAR})"
    r"(?![-–/][0-9]|[.,][0-9]|['\u2019]?s\b)"
)
def _year(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    start, end = match.start(), match.end()
    before = ctx.text[max(0, start - 2) : start]
    if re.search(r"[$€£¥#№]\s?$|[0-9][.,]?$|No\.\s?$", before):
        return []
    if not match["fiscal"] and not match["edge"]:
        word_before = ctx.previous_word(start).lower()
        if word_before in (
            "about",
            "some",
            "nearly",
            "over",
            "than",
            "around",
            "almost",
            "roughly",
            "approximately",
            "least",
            "only",
            "just",
            "number",
        ):
            return []  # a quantity: "some 2000 people"
        if _QUANTITY_AFTER.match(ctx.text, end):
            return []
        if ctx.preceded_by_name(start) and not _MONTH_NUMBER.get(ctx.previous_word(start)[:3]):
            return []  # a name: "Orion 1980", "Vision 2030"
        follower = ctx.next_word(end)
        if follower[:1].islower() and follower.endswith("s") and follower not in _YEAR_NOUNS:
            return []  # "2000 tanks"
    return [_Hit(start, end, match["year"], TimexPrecision.YEAR)]


_YEAR_NOUNS = frozenset(
    {
        "elections",
        "levels",
        "accords",
        "talks",
        "games",
        "olympics",
        "is",
        "was",
        "has",
        "as",
        "its",
        "this",
        "his",
        "across",
        "earnings",
        "results",
        "sales",
        "figures",
        "protests",
        "riots",
        "uprisings",
    }
)


@_pattern(rf"(?P<y1>{_YEAR})\s*[-–—]\s*(?P<y2>[0-9]{{4}}|[0-9]{{2}})(?![0-9])")
def _year_range(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    first, second = match["y1"], match["y2"]
    if len(second) == 2:
        second = first[:2] + second
    if int(second) <= int(first):
        return []
    return [
        _Hit(match.start("y1"), match.end("y1"), first, TimexPrecision.YEAR),
        _Hit(match.start("y2"), match.end("y2"), second, TimexPrecision.YEAR),
    ]


@_pattern(
    rf"(?:(?P<the>(?i:the))\s+)?{_EDGE}(?:(?P<dec>1[0-9]{{2}}0|20[0-9]0)['\u2019]?s"
    r"|['\u2019\u2018](?P<d2>[0-9]0)['\u2019]?s"
    rf"|(?P<word>(?i:{'|'.join(_DECADE_WORDS)})))"
)
def _decade(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    if match["dec"]:
        value = match["dec"][:3] + "X"
    elif match["d2"]:
        tens = int(match["d2"][0])
        century = 20 if 2000 + tens * 10 <= ctx.published.year else 19
        value = f"{century}{tens}X"
    else:
        if not match.group(0).lower().startswith("the"):
            return []  # "in her forties" is an age
        value = f"19{_DECADE_WORDS[match['word'].lower()]}X"
    # "the" stays outside, as TimeBank marks "in the 1960s"; it is kept for "the sixties"
    # and before an edge, as TimeBank marks "the late 1970s" and "the mid-1990s" whole.
    whole = match["word"] or match["edge"] or not match["the"]
    start = match.start() if whole else match.end("the") + 1
    start = start if ctx.text[start] != " " else start + 1
    return [_Hit(start, match.end(), value, TimexPrecision.DECADE)]


@_pattern(rf"(?:(?i:the)\s+)?{_EDGE}(?P<ord>{_ORDINAL})[\s-]+(?i:century)")
def _century(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    ordinal = match["ord"].lower()
    number = _ORDINAL_WORDS.get(ordinal) or int(re.match(r"[0-9]+", ordinal).group(0))
    if not 1 <= number <= 22:
        return []
    return [_Hit(match.start(), match.end(), f"{number - 1:02d}XX", TimexPrecision.CENTURY)]


@_pattern(
    rf"(?P<det>(?i:the|its|their|his|her|this\s+year['\u2019]s)\s+)?(?P<ord>{_ORDINAL})"
    r"\s+(?i:anniversary)"
)
def _anniversary(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    ordinal = match["ord"].lower()
    number = _ORDINAL_WORDS.get(ordinal) or int(re.match(r"[0-9]+", ordinal).group(0))
    year = ctx.published.year - number
    if number < 1 or not _valid_year(year):
        return []
    return [_Hit(match.start(), match.end(), f"{year:04d}", TimexPrecision.YEAR)]


@_pattern(
    rf"(?:(?P<rel>(?i:last|next|this|early|late|mid|the))[\s-]+)?(?:(?P<edge>(?i:early|late|mid))"
    r"[\s-]+)?(?P<season>(?i:spring|summer|autumn|fall|winter))"
    rf"(?:(?:\s+(?i:of))?,?\s+(?P<year>{_YEAR}))?"
)
def _season(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    season = _SEASONS[match["season"].lower()]
    rel = (match["rel"] or "").lower()
    start = match.start()
    if match["year"]:
        year = int(match["year"])
    elif rel in ("last", "next", "this"):
        current_year, current = season_of(ctx.published)
        if rel == "this":
            year = current_year if season == "WI" and current == "WI" else ctx.published.year
        else:
            year = season_year(current_year, current, season, -1 if rel == "last" else 1)
    else:
        return []  # "in the spring", "the fall of the wall": no year to fix it
    if rel == "the" and not match["year"]:
        return []
    return [_Hit(start, match.end(), f"{year:04d}-{season}", TimexPrecision.SEASON)]


@_pattern(
    rf"(?:(?P<the>(?i:the))\s+)?(?:(?P<y1>{_YEAR})\s+|(?P<rel>(?i:this|last|next))\s+(?i:year)['\u2019]s"
    r"\s+|(?P<ago>(?i:year-ago|year-earlier))\s+)?(?:(?i:fiscal)[\s-]+)?"
    r"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))(?P<sep>[\s-]+)"
    r"(?P<unit>(?i:quarter|half))"
    rf"(?:(?:\s+(?i:of)|,)?\s+(?:(?i:fiscal)\s+)?(?P<y2>{_YEAR}))?"
)
def _quarter(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    number = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(match["ord"].lower()) or int(
        match["ord"][0]
    )
    unit = match["unit"].lower()
    start = match.start()
    if match["the"] and "-" in match["sep"] and not (match["y1"] or match["rel"] or match["ago"]):
        start = match.start("ord")  # "the third-quarter loss": the adjective alone is the date
        if ctx.text[match.end("the") : start].strip().lower() == "fiscal":
            start = match.end("the") + 1
    year_text = match["y1"] or match["y2"]
    if match["rel"] or match["ago"]:
        step = -1 if match["ago"] else {"this": 0, "last": -1, "next": 1}[match["rel"].lower()]
        year_text = str(ctx.published.year + step)
    if unit == "half":
        if number > 2 or not year_text:
            return []  # "the first half" of what? a match, a speech, a year
        return [_Hit(start, match.end(), f"{year_text}-H{number}", TimexPrecision.HALF)]
    if year_text:
        year = int(year_text)
    else:
        published = ctx.published
        current = (published.month - 1) // 3 + 1
        if number <= current:
            year = published.year  # the quarter running or just reported
        else:
            year = published.year if ctx.future(match.start(), match.end()) else published.year - 1
    return [_Hit(start, match.end(), f"{year:04d}-Q{number}", TimexPrecision.QUARTER)]


@_pattern(r"(?P<q>Q[1-4])\s+(?P<year>(?:19|20)[0-9]{2})")
def _quarter_code(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    value = f"{match['year']}-{match['q']}"
    return [_Hit(match.start(), match.end(), value, TimexPrecision.QUARTER)]


def _thanksgiving(year: int) -> dt.date:
    return dt.date(year, 11, 1) + relativedelta(weekday=TH(+4))


_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda year: dt.date(year, 12, 24),
    "christmas day": lambda year: dt.date(year, 12, 25),
    "christmas": lambda year: dt.date(year, 12, 25),
    "new year's eve": lambda year: dt.date(year, 12, 31),
    "new year's day": lambda year: dt.date(year, 1, 1),
    "thanksgiving day": _thanksgiving,
    "thanksgiving": _thanksgiving,
    "easter sunday": easter,
    "easter": easter,
}


@_pattern(
    r"(?P<name>Christmas(?:\s+(?:Eve|Day))?|New\s+Year['\u2019]s\s+(?:Eve|Day)|Thanksgiving"
    rf"(?:\s+(?i:day))?|Easter(?:\s+Sunday)?)(?:,?\s+(?P<year>{_YEAR}))?"
)
def _holiday(match: re.Match[str], ctx: _Context) -> list[_Hit]:
    name = " ".join(match["name"].lower().replace("\u2019", "'").split())
    make = _HOLIDAYS[name]
    if match["year"]:
        date = make(int(match["year"]))
    else:
        if _TITLE_WORD.fullmatch(ctx.next_word(match.end()) or "-"):
            return []  # "Christmas Island", "Easter Island"
        date = _yearless(ctx, match.start(), match.end(), make)
        if date is None:
            return []
    return [_Hit(match.start(), match.end(), date.isoformat(), TimexPrecision.DAY)]


# ---------------------------------------------------------------------------------------------


def _candidates(ctx: _Context) -> Iterator[_Hit]:
    for pattern, resolver in _PATTERNS:
        for match in pattern.finditer(ctx.text):
            try:
                hits = resolver(match, ctx)
            except (ValueError, OverflowError, KeyError):
                continue  # an impossible date ("February 30") or one outside the calendar
            for hit in hits:
                if hit.start < hit.end:
                    yield replace(hit, precision=TimexPrecision(hit.precision))


def tag_dates(text: str, published: dt.date) -> list[Timex]:
    """Return the date expressions in ``text`` in reading order, resolved against ``published``.

    Each :class:`Timex` carries Python string offsets into ``text`` (``text[t.start:t.end] ==
    t.text``), a TIMEX3-style ``value`` and its :class:`TimexPrecision`. Where expressions
    overlap, the longest wins ("Friday, Oct. 23" over "Friday"). A date told against another
    ("that September", "a year later": :mod:`.anchored`) is resolved against the date
    expression just before it, named in its ``anchor``; without one that can give it, its
    words are read as they would be alone ("September"). Never raises on any text.
    """
    if not isinstance(published, dt.date):
        raise TypeError("published must be a datetime.date")
    if isinstance(published, dt.datetime):
        published = published.date()
    plain = list(_candidates(_Context(text, published)))
    told = [_Hit(a.start, a.end, "", TimexPrecision.YEAR, a) for a in find_anchored(text)]
    while True:
        found, unresolved = _resolved(text, _longest(plain + told), published)
        if not unresolved:
            return found
        told = [hit for hit in told if hit not in unresolved]


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """Of overlapping hits the longest (the first, among equals), in reading order."""
    chosen: list[_Hit] = []
    taken = [False] * (max((h.end for h in hits), default=0) + 1)
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if any(taken[hit.start : hit.end]):
            continue
        for index in range(hit.start, hit.end):
            taken[index] = True
        chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


# A day without a year this close to publication is the one near it, whatever the story told
# before ("… signed on June 22, 1965. Lee, who took office on June 4, …" on June 23, 2025).
_NEAR_PUBLICATION = dt.timedelta(days=45)


def _same_month_year(anchor: str, value: str, published: dt.date) -> str | None:
    """The year of ``anchor`` (a TIMEX3 value) when it names the month of the day ``value``
    in another year and ``value`` is not near ``published``; ``None`` otherwise."""
    if (len(value) == 10 and re.match(r"[0-9]{4}-[0-9]{2}", anchor) and anchor[5:7] == value[5:7]
            and anchor[:4] != value[:4]
            and abs(dt.date.fromisoformat(value) - published) > _NEAR_PUBLICATION):
        return _if_real(anchor[:4], value)
    return None


def _if_real(year: str, value: str) -> str | None:
    """``year`` when ``value``'s month or day exists in it (February 29 does not always)."""
    if len(value) < 10:
        return year
    try:
        dt.date.fromisoformat(year + value[4:])
    except ValueError:
        return None
    return year


_LONG_AGO_FOR_NO_YEAR = dt.timedelta(days=300)


def _story_year(text: str, anchor: Timex, hit: _Hit, published: dt.date) -> str | None:
    """The year a month (or day) without one is in when, read alone, it would be more than
    ten months before publication (news says "last December" then) and the same sentence has
    just told a date two or more years before: that date's year, or the next when the month
    comes before the date's own ("declared the award null in January 1978, and by December
    the two armies were massed", published November 1984: December 1978, not 1983)."""
    year = re.match(r"([0-9]{4})(?:-([0-9]{2}))?", anchor.value)
    alone = dt.date.fromisoformat(hit.value if len(hit.value) == 10 else f"{hit.value}-01")
    if (year is None or int(year[1]) > published.year - 2
            or published - alone <= _LONG_AGO_FOR_NO_YEAR
            or any(_sentence_ends(text[anchor.end : hit.start]))):
        return None
    story = int(year[1]) + (year[2] is not None and hit.value[5:7] < year[2])
    return _if_real(str(story), hit.value)


# "in May and El Salvador in August 2018", "between March and June 2019": a month without a
# year joined to a later month of the same sentence that has one
_JOINED = re.compile(r"[^.;!?]{0,60}?\b(?:and|or|to|until|through)\b[^.;!?]{0,40}")
_HAS_YEAR = re.compile(r"\b[0-9]{4}\b")


def _shared_year(text: str, hit: _Hit, following: _Hit) -> str | None:
    """The year of ``following`` when ``hit`` is a month told without one that comes, joined
    by "and", "or" or "to", before ``following``'s month of the same sentence and year."""
    if (hit.precision != TimexPrecision.MONTH or following.told is not None
            or following.precision != TimexPrecision.MONTH
            or _HAS_YEAR.search(text, hit.start, hit.end)
            or not _HAS_YEAR.search(text, following.start, following.end)
            or not _JOINED.fullmatch(text, hit.end, following.start)
            or hit.value[5:7] > following.value[5:7]):
        return None
    return following.value[:4]


def _continued_year(text: str, anchor: Timex, hit: _Hit, published: dt.date) -> str | None:
    """The year of ``anchor``, a month two or more years before ``published``, when ``hit``
    is a later month without a year joined to it by "and", "or" or "to" in the same
    sentence: "won independence in August 1971 and Qatar followed in September" is September
    1971 however recent a September is (not so a year before: "arrested in March 2023 and
    convicted in July", published August 2024, is this July)."""
    if (hit.precision != TimexPrecision.MONTH
            or not re.fullmatch(r"[0-9]{4}-[0-9]{2}", anchor.value)
            or int(anchor.value[:4]) > published.year - 2
            or not _JOINED.fullmatch(text, anchor.end, hit.start)
            or hit.value[5:7] <= anchor.value[5:7]):
        return None
    return anchor.value[:4]


_A_WEEK = dt.timedelta(days=7)


def _day_of_a_past_story(text: str, anchor: Timex, hit: _Hit, published: dt.date) -> str | None:
    """The year of ``anchor``, two or more years before ``published``, when ``hit`` is a day
    without a year that read alone would fall within a week of publication, told in the same
    paragraph or the next (news names such days by weekday, so "after the National Assembly
    declared on 15 December …", published on 20 December 2025 in a story of December 1989, is
    15 December 1989); or not near publication at all, told in the same paragraph ("joined
    the bloc on 1 May 2004 … after Greek Cypriots rejected the plan on April 24": 2004). A
    paragraph later, a day further off is more often the present the story has come back to."""
    year = re.match(r"[0-9]{4}", anchor.value)
    if hit.precision != TimexPrecision.DAY or year is None or int(year[0]) > published.year - 2:
        return None
    away = abs(dt.date.fromisoformat(hit.value) - published)
    paragraphs = text.count("\n\n", anchor.end, hit.start)
    if (away <= _A_WEEK and paragraphs <= 1) or (away > _NEAR_PUBLICATION and paragraphs == 0):
        return _if_real(year[0], hit.value)
    return None


def _resolved(text: str, hits: list[_Hit],
              published: dt.date) -> tuple[list[Timex], set[_Hit]]:
    """The timexes of ``hits`` in reading order, each told against another resolved against
    the timex before it; and the hits so told that it cannot give."""
    found: list[Timex] = []
    unresolved: set[_Hit] = set()
    for index, hit in enumerate(hits):
        words = text[hit.start : hit.end]
        if hit.told is None:
            anchor = found[-1] if found and hit.yearless else None
            following = hits[index + 1] if index + 1 < len(hits) else None
            if anchor and (year := _same_month_year(anchor.value, hit.value, published)
                           or _story_year(text, anchor, hit, published)
                           or _continued_year(text, anchor, hit, published)
                           or _day_of_a_past_story(text, anchor, hit, published)):
                # "last December … came down on December 25": the December the story is in;
                # "null in January 1978, and by December": the year the story is in
                found.append(Timex(hit.start, hit.end, words, year + hit.value[4:],
                                   hit.precision, anchor=anchor.text))
            elif following and (year := _shared_year(text, hit, following)):
                found.append(Timex(hit.start, hit.end, words, year + hit.value[4:],
                                   hit.precision, anchor=text[following.start : following.end]))
            else:
                found.append(Timex(hit.start, hit.end, words, hit.value, hit.precision))
            continue
        anchor = found[-1] if found else None
        resolved = hit.told.resolve(anchor.value) if anchor else None
        if resolved is None and anchor is not None:
            # "said on March 6 … to hold a summit in late April, and two days later Trump
            # accepted": late April gives no day, the sentence's March 6 does
            anchor, resolved = next(
                ((earlier, told) for earlier in reversed(found[:-1])
                 if not any(_sentence_ends(text[earlier.end : hit.start]))
                 and (told := hit.told.resolve(earlier.value))), (anchor, None))
        if resolved is None:
            unresolved.add(hit)
            continue
        counted = hit.told.unit if hit.told.counted else None
        found.append(Timex(hit.start, hit.end, words, resolved[0], resolved[1],
                           anchor=anchor.text, counted=counted))
    return found, unresolved
