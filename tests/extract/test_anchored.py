"""Dates told against another date in the text (extract.anchored, through tag_dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.extract.anchored import Anchored, find_anchored
from timeline.extract.temporal import tag_dates
from timeline.extract.timex import TimexPrecision

PUBLISHED = dt.date(2026, 2, 10)
D, W, M, S, Y = "day", "week", "month", "season", "year"

# (text, the expression, its value, precision, the anchor's words); sentences of our own
CASES = [
    # a named month in the anchor's year
    ("The envoys first met in March 2021. That September they signed a road deal.",
     "That September", "2021-09", M, "March 2021"),
    ("The envoys first met in 2019. Talks resumed in October that year.",
     "October that year", "2019-10", M, "2019"),
    ("The envoys first met on May 4, 2017, and again in April of that year.",
     "April of that year", "2017-04", M, "May 4, 2017"),
    # a day of a month told against the year before: "December 14 that year"
    ("The court ruled in April 2023. The leaders met on December 14 that year.",
     "December 14 that year", "2023-12-14", D, "April 2023"),
    ("The war began in 1998. On 3 March that year the talks failed.",
     "3 March that year", "1998-03-03", D, "1998"),
    # a month of the year after (before) the anchor's, whichever month that was
    ("A ceasefire held from September 1987, and ties were restored in October the following "
     "year.", "October the following year", "1988-10", M, "September 1987"),
    ("The pact was signed in June 2010, after talks in May of the previous year.",
     "May of the previous year", "2009-05", M, "June 2010"),
    ("The court ruled in 2011. On 2 March the next year the envoys met.",
     "2 March the next year", "2012-03-02", D, "2011"),
    ("The envoys first met in 2019 and again in July the same year.",
     "July the same year", "2019-07", M, "2019"),
    ("The border reopened in 2012. Late that November the guards left.",
     "Late that November", "2012-11", M, "2012"),
    # "the following March": the first after the anchor's month; the year after a year
    ("The pact was signed in October 2015 and ratified the following March.",
     "the following March", "2016-03", M, "October 2015"),
    ("The pact was signed in January 2015 and ratified the following March.",
     "the following March", "2015-03", M, "January 2015"),
    ("The pact was signed in 2015 and ratified the following March.",
     "the following March", "2016-03", M, "2015"),
    ("The pact was signed in May 2015 after talks the previous June.",
     "the previous June", "2014-06", M, "May 2015"),
    # the anchor at a unit: the anchor must be as precise as the unit
    ("The embassy closed in 1998. That year the two states also cut trade.",
     "That year", "1998", Y, "1998"),
    ("The embassy closed on June 2, 1998. Later that month the envoy left.",
     "Later that month", "1998-06", M, "June 2, 1998"),
    ("The embassy closed on June 2, 1998. Earlier that year talks had failed.",
     "Earlier that year", "1998", Y, "June 2, 1998"),
    ("The embassy closed on June 2, 1998, and the consulate the same day.",
     "the same day", "1998-06-02", D, "June 2, 1998"),
    ("The embassy closed in June 1998, and the consulate the same month.",
     "the same month", "1998-06", M, "June 1998"),
    ("The truce began in May 2003. That summer the refugees returned.",
     "That summer", "2003-SU", S, "May 2003"),
    # "the following spring": the first after the anchor's season; the year after a year
    ("The pact was signed in August 1954. The Soviet leader flew in the following spring.",
     "the following spring", "1955-SP", S, "August 1954"),
    ("Ties began in 1970, and the following autumn the vote went to Beijing.",
     "the following autumn", "1971-FA", S, "1970"),
    ("The talks failed in September 1979. The following winter the border closed.",
     "The following winter", "1979-WI", S, "September 1979"),
    ("The border closed in January 1980, after a quarrel the previous winter.",
     "the previous winter", "1978-WI", S, "January 1980"),
    # one unit on or back
    ("The truce began in May 2003. The following month the refugees returned.",
     "The following month", "2003-06", M, "May 2003"),
    ("The truce began in December 2003 and collapsed the next month.",
     "the next month", "2004-01", M, "December 2003"),
    ("The truce began in 2003 and collapsed the next year.",
     "the next year", "2004", Y, "2003"),
    # "in the following year" is told against the date before, as without "in"
    ("The treaty took effect on August 1, 1973, and Belize joined in the following year.",
     "the following year", "1974", Y, "August 1, 1973"),
    ("The truce began on March 9, 2003, after shelling the previous day.",
     "the previous day", "2003-03-08", D, "March 9, 2003"),
    ("The truce began on Friday, March 7, 2003, and collapsed the following week.",
     "the following week", "2003-W11", W, "Friday, March 7, 2003"),
    # a part of a day: the anchor's day, or the one after or before
    ("Troops crossed the river on October 3, 2011. That same night the envoy flew home.",
     "That same night", "2011-10-03", D, "October 3, 2011"),
    ("The talks opened on June 8, 2016, and that evening the ministers dined together.",
     "that evening", "2016-06-08", D, "June 8, 2016"),
    ("The talks opened on June 8, 2016. The next morning the ministers signed.",
     "The next morning", "2016-06-09", D, "June 8, 2016"),
    ("The border reopened on April 30, 2016, after envoys met the day before.",
     "the day before", "2016-04-29", D, "April 30, 2016"),
    ("The border reopened on April 30, 2016. The night after, shelling resumed.",
     "The night after", "2016-05-01", D, "April 30, 2016"),
    # a count, at the anchor's precision (TimeML)
    ("The truce began in 2003. Two years later the last troops left.",
     "Two years later", "2005", Y, "2003"),
    ("The truce began in May 2003. Three months later the last troops left.",
     "Three months later", "2003-08", M, "May 2003"),
    ("The truce began on May 30, 2003. Two days later the troops left.",
     "Two days later", "2003-06-01", D, "May 30, 2003"),
    ("The truce began on May 30, 2003. Some three weeks later the troops left.",
     "Some three weeks later", "2003-06-20", D, "May 30, 2003"),
    ("The truce began in 2003. A decade later the troops left.",
     "A decade later", "2013", Y, "2003"),
    # one counted from another: the story goes on
    ("Ties were cut in 2009. That September envoys met, and the following month they agreed.",
     "the following month", "2009-10", M, "That September"),
]


@pytest.mark.parametrize(("text", "expression", "value", "precision", "anchor"), CASES)
def test_a_date_told_against_the_one_before_takes_its_year_or_month(text, expression, value,
                                                                    precision, anchor):
    (timex,) = [t for t in tag_dates(text, PUBLISHED) if t.text == expression]
    assert (timex.value, timex.precision, timex.anchor) == (value, precision, anchor)
    assert text[timex.start : timex.end] == expression


@pytest.mark.parametrize(("text", "expected"), [
    # no date before it: the words are read as they would be alone, against publication
    ("That September the envoys met.", [("September", "2025-09")]),
    ("Two years later the envoys met.", []),
    # an anchor too coarse for the unit: nothing
    ("Ties were cut in 2009. Later that month the envoys met.", [("2009", "2009")]),
    ("Ties were cut in March 2009. A week later the envoys met.", [("March 2009", "2009-03")]),
    # a span from publication, not a date counted from another
    ("Ties were cut in 2009. Ties may be restored within the next year.",
     [("2009", "2009"), ("next year", "2027")]),
    # a day of its own after "that" (a paragraph on, so not the story's year either)
    ("Ties were cut in 2009.\n\nOfficials said that September 11 was chosen.",
     [("2009", "2009"), ("September 11", "2025-09-11")]),
    # "the day before" something told after it is counted from that, not the date before
    ("Ties were cut on May 2, 2009. Envoys met the day before the vote.",
     [("May 2, 2009", "2009-05-02")]),
    # a part of a day needs an anchor that gives a day
    ("Ties were cut in May 2009. That night the envoys left.", [("May 2009", "2009-05")]),
    # hours are a time, not a date
    ("Ties were cut on May 2, 2009. Hours later the envoys left.",
     [("May 2, 2009", "2009-05-02")]),
    # "a year earlier" compares figures in news: left alone
    ("Exports rose in 2009 from a year earlier.", [("2009", "2009")]),
])
def test_what_is_not_told_against_a_date_before_it(text, expected):
    assert [(t.text, t.value) for t in tag_dates(text, PUBLISHED)] == expected


def test_a_count_says_the_unit_it_counts_in():
    text = "The truce began on May 30, 2003. A year later the troops left."
    timex = tag_dates(text, PUBLISHED)[-1]
    assert (timex.value, timex.counted) == ("2004-05-30", TimexPrecision.YEAR)


@pytest.mark.parametrize(("anchor", "told", "expected"), [
    ("2019-Q3", Anchored(0, 1, unit=TimexPrecision.YEAR, step=1, counted=True),
     ("2020-Q3", "quarter")),
    ("2019-SU", Anchored(0, 1, unit=TimexPrecision.YEAR, step=1, counted=True),
     ("2020-SU", "season")),
    ("2019-W05", Anchored(0, 1, unit=TimexPrecision.MONTH), ("2019-01", "month")),
    ("201X", Anchored(0, 1, unit=TimexPrecision.YEAR), None),
    ("2019-Q3", Anchored(0, 1, unit=TimexPrecision.MONTH, step=3, counted=True), None),
    ("PRESENT_REF", Anchored(0, 1, month=9), None),
])
def test_resolve_against_any_timex_value(anchor, told, expected):
    assert told.resolve(anchor) == expected


def test_may_after_that_is_a_month_only_before_a_clause_ends():
    assert find_anchored("Fears grew that May would resign.") == []
    assert [a.month for a in find_anchored("Talks failed. That May, they met.")] == [5]
