"""Date expressions in news text, resolved against the publication date (extract.temporal)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpora import shared_dir
from timeline.extract.temporal import Timex, TimexPrecision, tag_dates

MON_2025_01_20 = dt.date(2025, 1, 20)  # a Monday: Trump's second inauguration
MON_2024_10_07 = dt.date(2024, 10, 7)  # a Monday
D, W, M, Q, S, Y = "day", "week", "month", "quarter", "season", "year"


def only(text: str, published: dt.date) -> Timex:
    """The single date expression in ``text``."""
    found = tag_dates(text, published)
    assert len(found) == 1, found
    return found[0]


# (sentence, published, the expression as found, value, precision)
CASES = [
    # absolute dates in their common forms
    ("Ties were set up on Oct. 6, 1949, in Beijing.", MON_2025_01_20, "Oct. 6, 1949",
     "1949-10-06", D),
    ("Ties were set up on 6 October 1949.", MON_2025_01_20, "6 October 1949", "1949-10-06", D),
    ("Ties were set up on October 6 1949.", MON_2025_01_20, "October 6 1949", "1949-10-06", D),
    ("Ties were set up on the 6th of October, 1949.", MON_2025_01_20, "the 6th of October, 1949",
     "1949-10-06", D),
    ("The order is dated 2025-01-20.", MON_2025_01_20, "2025-01-20", "2025-01-20", D),
    ("The talks began in October 1949.", MON_2025_01_20, "October 1949", "1949-10", M),
    ("The talks began in Sept. 1950.", MON_2025_01_20, "Sept. 1950", "1950-09", M),
    ("The republic was founded in 1949.", MON_2025_01_20, "1949", "1949", Y),
    ("The treaty lapsed in fiscal 1989.", MON_2025_01_20, "fiscal 1989", "1989", Y),
    ("Relations thawed in mid-1972.", MON_2025_01_20, "mid-1972", "1972", Y),
    ("Trade boomed in the 1990s.", MON_2025_01_20, "1990s", "199X", "decade"),
    # with an edge, "the" is part of the expression, as TimeML marks it
    ("Exports grew in the late 1970s.", MON_2025_01_20, "the late 1970s", "197X", "decade"),
    ("Growth slowed in the mid-1990s.", MON_2025_01_20, "the mid-1990s", "199X", "decade"),
    ("It was a fashion of the '60s.", MON_2025_01_20, "'60s", "196X", "decade"),
    # "the end of the month" is this month's end, as "the end of this month"
    ("Troops leave by the end of the month.", MON_2025_01_20, "the end of the month",
     "2025-01", M),
    ("Sales should recover by the end of the year.", MON_2025_01_20, "the end of the year",
     "2025", Y),
    ("It was a fashion of the sixties.", MON_2025_01_20, "the sixties", "196X", "decade"),
    ("Empires fell in the 20th century.", MON_2025_01_20, "the 20th century", "19XX", "century"),
    ("Sales in the third quarter of 2024 fell.", MON_2025_01_20, "the third quarter of 2024",
     "2024-Q3", Q),
    ("Friday, Jan. 17, was a busy day.", MON_2025_01_20, "Friday, Jan. 17", "2025-01-17", D),
    # the day as a word
    ("The court ruled yesterday.", MON_2025_01_20, "yesterday", "2025-01-19", D),
    ("The president is sworn in today.", MON_2025_01_20, "today", "2025-01-20", D),
    ("Congress meets tomorrow.", MON_2025_01_20, "tomorrow", "2025-01-21", D),
    ("Supporters rallied late yesterday.", MON_2025_01_20, "late yesterday", "2025-01-19", D),
    # weekdays: the most recent one in past-tense news, the next one when the clause is future
    ("Trump and Xi spoke by phone on Friday.", MON_2025_01_20, "Friday", "2025-01-17", D),
    ("The court extended his detention on Saturday.", MON_2025_01_20, "Saturday", "2025-01-18",
     D),
    ("The ministry said on Monday that talks had ended.", MON_2025_01_20, "Monday",
     "2025-01-20", D),
    ("The envoys will meet on Friday in Seoul.", MON_2025_01_20, "Friday", "2025-01-24", D),
    ("The vote is scheduled for Thursday.", MON_2025_01_20, "Thursday", "2025-01-23", D),
    # a noun or an adjective after an article or a possessive tells no tense, nor a participle
    # after "be": the verb does
    ("Japan backed Kenya's plan for the region on Sunday.", MON_2025_01_20, "Sunday",
     "2025-01-19", D),
    ("Colombia formally joined the new regional trade initiative on Wednesday, signing a "
     "cooperation plan in Beijing.",
     MON_2025_01_20, "Wednesday", "2025-01-15", D),
    ("They plan to meet on Friday.", MON_2025_01_20, "Friday", "2025-01-24", D),
    ("Ministers are expected to discuss a proposed accord before the talks end on Friday.",
     MON_2025_01_20, "Friday", "2025-01-24", D),
    ("The flag will be raised at the headquarters on Friday.", MON_2025_01_20, "Friday",
     "2025-01-24", D),
    ("They met last Friday.", MON_2025_01_20, "last Friday", "2025-01-17", D),
    ("They meet next Friday.", MON_2025_01_20, "next Friday", "2025-01-24", D),
    ("Protesters gathered Sunday night outside the court.", MON_2025_01_20, "Sunday night",
     "2025-01-19", D),
    # "next to" is a place and "through" a deadline only before a date: neither tells the
    # future
    ("Dozens were wounded in the blasts next to the embassy on Friday.", MON_2025_01_20,
     "Friday", "2025-01-17", D),
    ("A bullet tore through his window Friday night.", MON_2025_01_20, "Friday night",
     "2025-01-17", D),
    ("The ceasefire holds through Friday.", MON_2025_01_20, "Friday", "2025-01-24", D),
    # last / this / next + unit
    ("He was arrested last week.", MON_2025_01_20, "last week", "2025-W03", W),
    ("Talks resume this week.", MON_2025_01_20, "this week", "2025-W04", W),
    ("Talks resume next week.", MON_2025_01_20, "next week", "2025-W05", W),
    ("Fighting flared over the weekend and again this weekend.", MON_2025_01_20,
     "this weekend", "2025-W04-WE", W),
    ("Exports fell last month.", MON_2025_01_20, "last month", "2024-12", M),
    ("Exports may fall next month.", MON_2025_01_20, "next month", "2025-02", M),
    ("Elections are due this year.", MON_2025_01_20, "this year", "2025", Y),
    ("Elections were held last year.", MON_2025_01_20, "last year", "2024", Y),
    ("Elections are due early next year.", MON_2025_01_20, "early next year", "2026", Y),
    ("The two sides clashed earlier this year.", MON_2024_10_07, "earlier this year", "2024", Y),
    ("Profits rose in the current quarter.", MON_2024_10_07, "the current quarter", "2024-Q4",
     Q),
    # last / this / next + month: "last June" is the June before, never this coming one
    ("They signed a pact last June.", MON_2024_10_07, "last June", "2024-06", M),
    ("They signed a pact last June.", dt.date(2024, 6, 15), "last June", "2023-06", M),
    ("They signed a pact last October.", MON_2024_10_07, "last October", "2023-10", M),
    ("The summit is planned for next June.", MON_2024_10_07, "next June", "2025-06", M),
    ("The summit takes place this December.", MON_2024_10_07, "this December", "2024-12", M),
    ("He visited in June last year.", MON_2025_01_20, "June last year", "2024-06", M),
    # a month and day with a year told against publication: one date
    ("He visited on November 30 last year.", MON_2025_01_20, "November 30 last year",
     "2024-11-30", D),
    ("They met on 3 March this year.", MON_2025_01_20, "3 March this year", "2025-03-03", D),
    ("The treaty takes effect on Jan. 5 next year.", MON_2025_01_20, "Jan. 5 next year",
     "2026-01-05", D),
    # a month alone: the tense of its clause, else the nearest
    ("Kim and Putin signed a pact in Pyongyang in June.", MON_2024_10_07, "June", "2024-06", M),
    ("In January, Kim called for a new constitution.", MON_2024_10_07, "January", "2024-01", M),
    ("The talks will resume in March.", MON_2024_10_07, "March", "2025-03", M),
    ("Since May, the border has been closed.", MON_2024_10_07, "May", "2024-05", M),
    ("Prices rose sharply in late November.", MON_2025_01_20, "late November", "2024-11", M),
    # no tense cue near the month: the sentence's further away decides
    ("Investigators found that the group had paid local men to set fire to a large grain "
     "warehouse near the old port of the city in December.", MON_2024_10_07, "December",
     "2023-12", M),
    # a month and day without the year
    ("The deadline is Jan. 24.", MON_2025_01_20, "Jan. 24", "2025-01-24", D),
    # two days of one month: one expression, at its first day
    ("Riots on September 6-7, 1955 split the allies.", MON_2025_01_20, "September 6-7, 1955",
     "1955-09-06", D),
    ("Envoys met in Geneva on 17-18 March 2025.", MON_2025_01_20, "17-18 March 2025",
     "2025-03-17", D),
    # more than two months ahead only when something says it is to come
    ("His son flew to Nuuk for a brief visit on January 7.", dt.date(2025, 8, 28),
     "January 7", "2025-01-07", D),
    ("His son is expected in Nuuk for a brief visit on January 7.", dt.date(2025, 8, 28),
     "January 7", "2026-01-07", D),
    # a participle after "be" tells no tense: "will" does
    ("The higher dividend will be paid Dec. 14.", dt.date(1989, 10, 26), "Dec. 14",
     "1989-12-14", D),
    ("The ceasefire began on Dec. 28.", MON_2025_01_20, "Dec. 28", "2024-12-28", D),
    # a deadline is near when it was set, whatever the tense of the report
    ("The ministry told the envoy to leave by Feb. 7 and said ties were cut.", MON_2025_01_20,
     "Feb. 7", "2025-02-07", D),
    # N units ago
    ("The ship sank three days ago.", MON_2025_01_20, "three days ago", "2025-01-17", D),
    ("He resigned two weeks ago.", MON_2025_01_20, "two weeks ago", "2025-W02", W),
    ("The law passed six months ago.", MON_2025_01_20, "six months ago", "2024-07", M),
    ("The war ended almost 10 years ago.", MON_2025_01_20, "almost 10 years ago", "2015", Y),
    # an anniversary's day: that weekday (or today) so many years before
    ("Seventy years ago on Monday, Iraq and Turkey signed a pact.", dt.date(2025, 2, 26),
     "Seventy years ago on Monday", "1955-02-24", D),
    ("Fifty years ago today, the two states signed.", MON_2025_01_20,
     "Fifty years ago today", "1975-01-20", D),
    # an infinitive of purpose points forward: the coming Monday
    ("Lee flew to Washington to meet Trump on Monday.", dt.date(2025, 8, 24), "Monday",
     "2025-08-25", D),
    ("Seoul declined to sign the accord on Thursday.", dt.date(2025, 3, 16), "Thursday",
     "2025-03-13", D),
    # a compound adjective ("EU-mediated") tells no tense: "are due to meet" does
    ("Vucic and Hoti are due to meet in Brussels on Monday for EU-mediated talks.",
     dt.date(2020, 9, 5), "Monday", "2020-09-07", D),
    # a later verb with a subject of its own ("and is due to") tells its own tense, not this one's
    ("Modi flew on to Sydney later on Monday and is due to meet Albanese.", dt.date(2023, 5, 23),
     "Monday", "2023-05-22", D),
    ("Britain signed a trade deal on Monday that will scrap tariffs.", dt.date(2022, 3, 1),
     "Monday", "2022-02-28", D),
    # what was agreed to is ahead: the coming April, not the one past
    ("The two sides had agreed to hold a summit in late April.",
     dt.date(2018, 3, 28), "late April", "2018-04", M),
    # what one faces is ahead: the coming November, not the nearer one past
    ("The president, who faces re-election in November, is under pressure.",
     dt.date(1996, 2, 27), "November", "1996-11", M),
    # the end or start of a year is marked whole (TimeML), valued as the year
    ("Troops leave by the end of 2026.", MON_2025_01_20, "the end of 2026", "2026", Y),
    ("Talks began at the start of 2019.", MON_2025_01_20, "the start of 2019", "2019", Y),
    ("The treaty was signed a decade ago.", MON_2025_01_20, "a decade ago", "2015", Y),
    # anniversaries are valued as the year counted from
    ("Leaders marked the 75th anniversary of their ties.", MON_2024_10_07,
     "the 75th anniversary", "1949", Y),
    ("NATO celebrates its 50th anniversary.", dt.date(1999, 3, 12), "its 50th anniversary",
     "1949", Y),
    # seasons
    ("The pact was signed this summer.", MON_2024_10_07, "this summer", "2024-SU", S),
    ("Talks collapsed last winter.", MON_2024_10_07, "last winter", "2023-WI", S),
    ("Talks collapsed last fall.", MON_2024_10_07, "last fall", "2023-FA", S),
    ("Talks resume next spring.", MON_2024_10_07, "next spring", "2025-SP", S),
    ("The offensive began in spring 2023.", MON_2024_10_07, "spring 2023", "2023-SP", S),
    ("The armistice came in the summer of 1953.", MON_2024_10_07, "the summer of 1953",
     "1953-SU", S),
    # quarters, halves, holidays
    ("Third-quarter profit fell.", MON_2024_10_07, "Third-quarter", "2024-Q3", Q),
    ("Output rose in the first half of 2024.", MON_2024_10_07, "the first half of 2024",
     "2024-H1", "half"),
    ("The leaders will meet at Christmas.", dt.date(2024, 12, 20), "Christmas", "2024-12-25", D),
    ("The truce held over Easter 2024.", MON_2024_10_07, "Easter 2024", "2024-03-31", D),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "value", "precision"), CASES)
def test_expression_is_found_and_resolved(sentence, published, expression, value, precision):
    timex = only(sentence, published)
    assert (timex.text, timex.value, timex.precision) == (expression, value, precision)
    assert sentence[timex.start : timex.end] == expression


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The war lasted from 1950 to 1953.", [("1950", "1950"), ("1953", "1953")]),
        ("The war lasted between 1950 and 1953.", [("1950", "1950"), ("1953", "1953")]),
        ("The Korean War (1950-53) ended in a truce.", [("1950", "1950"), ("53", "1953")]),
        ("He served 1998–2003 as envoy.", [("1998", "1998"), ("2003", "2003")]),
    ],
)
def test_a_range_gives_one_timex_per_end(sentence, expected):
    found = tag_dates(sentence, MON_2025_01_20)
    assert [(t.text, t.value) for t in found] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The sanctions stayed in force for three years.",  # a duration
        "Fighting has raged for the past three months.",  # a duration
        "Inflation doubled in the last year.",  # a duration
        "We may see more talks soon.",  # "We" is no Wednesday, "may" no month
        "May I ask the minister a question?",  # the modal verb
        "Theresa May said the March was peaceful.",  # a name and a noun
        "Thousands march on the capital every week.",  # the verb
        "Some 2000 troops crossed the border.",  # a quantity
        "The deal was worth $1949 million.",  # an amount
        "Sales were 1,949 units.",  # a number
        "A year earlier, the ministry had said otherwise.",  # counted from another date
        "The Good Friday Agreement still holds.",  # a name
        "She entered politics in her forties.",  # an age
        "Prices rose recently and may rise now.",  # vague
        "The Sunday Times reported the talks.",  # a newspaper
        "George Washington crossed the Delaware.",  # nothing to date
        "The month was quiet at the end.",  # "the month" without an edge of it
    ],
)
def test_non_dates_are_left_alone(sentence):
    assert tag_dates(sentence, MON_2025_01_20) == []


# An article of our own, in the style of wire copy (not a real report).
ARTICLE = (
    "SEOUL — South Korean President Yoon Suk-yeol (尹錫悅) walked out of detention on Saturday, "
    "his lawyers said yesterday, after a Seoul court cancelled his arrest last week.\n"
    "North Korean state media last mentioned the case in January. The Constitutional Court will "
    "rule on his impeachment next month, and Chinese envoys are expected in Seoul on Friday.\n"
    "Seoul and Tokyo normalised relations on June 22, 1965, and will mark the 60th anniversary "
    "of the treaty this summer. Ties had been frozen for three years before the deal."
)
ARTICLE_PUBLISHED = dt.date(2025, 3, 10)  # a Monday
ARTICLE_DATES = [
    ("Saturday", "2025-03-08", D),
    ("yesterday", "2025-03-09", D),
    ("last week", "2025-W10", W),
    ("January", "2025-01", M),
    ("next month", "2025-04", M),
    ("Friday", "2025-03-14", D),
    ("June 22, 1965", "1965-06-22", D),
    ("the 60th anniversary", "1965", Y),
    ("this summer", "2025-SU", S),
]


def test_article_dates_come_out_in_reading_order():
    found = tag_dates(ARTICLE, ARTICLE_PUBLISHED)
    assert [(t.text, t.value, t.precision) for t in found] == ARTICLE_DATES
    assert all(ARTICLE[t.start : t.end] == t.text for t in found)


@pytest.mark.parametrize(("text", "published", "expected"), [
    # a day without a year in the month the story is in: that month's year, and what is told
    # against it follows
    ("The freighter sank last November. It went down off Oran on November 3. Two days later "
     "Algeria protested.", dt.date(2025, 9, 2),
     [("last November", "2024-11"), ("November 3", "2024-11-03"), ("Two days later",
                                                                 "2024-11-05")]),
    ("Talks broke down in March 2019. Envoys were recalled on March 20.", dt.date(2020, 6, 1),
     [("March 2019", "2019-03"), ("March 20", "2019-03-20")]),
    # another month: the day is read against publication, as alone
    ("Talks broke down in March 2019. Envoys were recalled on May 20.", dt.date(2020, 6, 1),
     [("March 2019", "2019-03"), ("May 20", "2020-05-20")]),
    # a day near publication is the one near it, whatever the story told before
    ("Ties began on June 22, 1965. Lee, who took office on June 4, marked them.",
     dt.date(2025, 6, 23), [("June 22, 1965", "1965-06-22"), ("June 4", "2025-06-04")]),
    # February 29 in a year without one stays as alone
    ("The rows began in February 2023. Envoys met on February 29.", dt.date(2024, 3, 10),
     [("February 2023", "2023-02"), ("February 29", "2024-02-29")]),
])
def test_a_day_without_a_year_takes_the_year_of_its_month_told_just_before(text, published,
                                                                          expected):
    assert [(t.text, t.value) for t in tag_dates(text, published)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Talks ran between March and June 2019.", ["2019-03", "2019-06"]),
    ("Panama switched in June 2017, followed by the Dominican Republic in May and El Salvador "
     "in August 2018.", ["2017-06", "2018-05", "2018-08"]),
    # not joined, or the month comes after: the year of its own
    ("Trade fell in May. In August 2018 it rose.", ["2024-05", "2018-08"]),
    ("Talks ran between September and June 2019.", ["2024-09", "2019-06"]),
])
def test_a_month_joined_to_a_later_month_with_a_year_shares_its_year(text, expected):
    assert [t.value for t in tag_dates(text, MON_2024_10_07)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a later month joined to a month of a past story is that story's, however recent
    ("Kuwait joined in January 1990 and Oman followed in March.", ["1990-01", "1990-03"]),
    ("The army struck in May 2021, and the rebels in July.", ["2021-05", "2021-07"]),
    # a year before publication, the later month is this year's; earlier months, not joined,
    # or a day are no continuation
    ("He was held in March 2023 and convicted in July.", ["2023-03", "2024-07"]),
    ("Kuwait joined in March 1990 and Oman followed in January.", ["1990-03", "2024-01"]),
    ("Kuwait joined in January 1990. Oman followed in March.", ["1990-01", "2024-03"]),
])
def test_a_later_month_joined_to_a_past_month_with_a_year_shares_its_year(text, expected):
    assert [t.value for t in tag_dates(text, MON_2024_10_07)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a day without a year within a week of publication, in a story years back, is the
    # story's: news would name this week's day by weekday
    ("Noriega annulled the vote in May 1989.\n\nThe assembly declared war on 15 December, "
     "and troops moved the following day.", ["1989-05", "1989-12-15", "1989-12-16"]),
    # not so in a story of last year, for a day further off, or paragraphs away
    ("Noriega annulled the vote in May 2024.\n\nThe assembly declared war on 15 December.",
     ["2024-05", "2025-12-15"]),
    ("Noriega annulled the vote in May 1989.\n\nThe assembly declared war on 1 December.",
     ["1989-05", "2025-12-01"]),
    ("Noriega annulled the vote in May 1989.\n\nOther news.\n\nMore.\n\nThe assembly "
     "declared war on 15 December.", ["1989-05", "2025-12-15"]),
    # in the same paragraph, a day not near publication is the story's too
    ("Noriega annulled the vote in May 1989. The canal treaty was signed on September 7.",
     ["1989-05", "1989-09-07"]),
    # but a day of the last weeks is the news's
    ("Noriega annulled the vote in May 1989. Troops crossed the border on December 1.",
     ["1989-05", "2025-12-01"]),
])
def test_a_day_without_a_year_beside_a_past_story_is_the_storys(text, expected):
    assert [t.value for t in tag_dates(text, dt.date(2025, 12, 20))] == expected



@pytest.mark.parametrize(("text", "published", "expected"), [
    # read alone, December would be eleven months before publication: the story's December
    ("The junta declared the award null in January 1978, and by December the two armies were "
     "massed on the frontier.", dt.date(1984, 11, 30), ["1978-01", "1978-12"]),
    # a month before the story's own month is the next year's
    ("Talks opened in November 1978 and collapsed in March.", dt.date(1984, 2, 10),
     ["1978-11", "1979-03"]),
    # a month read alone as recent stays recent, whatever the sentence told before
    ("Panama, which joined in 2017, said in February that it would leave.",
     dt.date(2025, 5, 15), ["2017", "2025-02"]),
    # the older date is in another sentence: read alone
    ("The junta declared the award null in January 1978. By December the talks had failed.",
     dt.date(1984, 11, 30), ["1978-01", "1983-12"]),
    # the sentence's date is recent: read alone
    ("Talks opened in January 2024, and by December they had failed.", dt.date(2025, 11, 30),
     ["2024-01", "2024-12"]),
])
def test_a_month_long_before_publication_is_in_the_year_its_sentence_just_told(
        text, published, expected):
    assert [t.value for t in tag_dates(text, published)] == expected


def test_a_relative_day_the_date_before_cannot_give_is_told_against_the_sentences_day():
    text = ("Envoys said on March 6 that the two sides would meet in late April, and two days "
            "later the president accepted.")
    assert [t.value for t in tag_dates(text, dt.date(2018, 3, 28))][-1] == "2018-03-08"


@pytest.mark.parametrize(("text", "day"), [
    ("On Wednesday last week, the council met.", "2021-08-18"),
    ("On Wednesday of last week, the council met.", "2021-08-18"),
    ("The council meets on Monday next week.", "2021-08-30"),
    ("The council met on Wednesday.", "2021-08-25"),
    # "ahead of" after a span compares two days, it tells no future
    ("Taiwan broke off relations with South Korea on Saturday, two days ahead of the "
     "signing.", "2021-08-21"),
    ("Leaders gather on Saturday ahead of the summit.", "2021-08-28"),
    # a deadline set in the past is ahead of the order; what was done by a day is not
    ("It ordered six diplomats to leave the country by Saturday.", "2021-08-28"),
    ("Most members had filed their reports by Wednesday.", "2021-08-25"),
])
def test_a_weekday_of_last_or_next_week_is_that_weeks(text, day):
    # published on Wednesday 25 August 2021
    assert tag_dates(text, dt.date(2021, 8, 25))[0].value == day


def test_offsets_count_python_characters_after_cjk_text():
    text = "習近平 said on Friday that 北朝鮮 would talk."  # 3 characters, not 9 UTF-8 bytes
    timex = only(text, MON_2025_01_20)
    assert (timex.start, timex.end, timex.value) == (12, 18, "2025-01-17")


def test_a_datetime_is_taken_as_its_day():
    assert only("They met yesterday.", dt.datetime(2025, 1, 20, 23, 59)).value == "2025-01-19"


def test_precision_is_a_string_enum_for_json():
    assert only("It ended in 1953.", MON_2025_01_20).precision == TimexPrecision.YEAR == "year"


# ---------------------------------------------------------------------------------------------
# Properties: never crash, offsets always slice to the reported text, no overlaps.

_VALUE = re.compile(
    r"\d{4}(-\d{2}(-\d{2})?|-W\d{2}(-WE)?|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?|\d{3}X|\d{2}XX"
)
_WORDS = st.sampled_from(
    [
        "Oct.",
        "6,",
        "1949",
        "the",
        "1990s",
        "last",
        "next",
        "this",
        "week",
        "weekend",
        "month",
        "year",
        "June",
        "May",
        "March",
        "We",
        "may",
        "Friday",
        "Monday",
        "yesterday",
        "today",
        "tomorrow",
        "ago",
        "three",
        "a",
        "two",
        "days",
        "weeks",
        "years",
        "early",
        "late",
        "mid-",
        "earlier",
        "this",
        "year",
        "75th",
        "anniversary",
        "of",
        "summer",
        "fall",
        "winter",
        "spring",
        "from",
        "to",
        "between",
        "and",
        "-",
        "Christmas",
        "Easter",
        "third-quarter",
        "first",
        "half",
        "quarter",
        "fiscal",
        "2024",
        "53",
        "'60s",
        "sixties",
        "20th",
        "century",
        "will",
        "said",
        "is",
        "to",
        "on",
        "in",
        "習近平",
        ",",
        ".",
        "\n",
        "(",
        ")",
        "$",
        "%",
        "—",
        "2000",
        "troops",
        # dates told against another: "that September", "the following month", "later"
        "that",
        "same",
        "following",
        "previous",
        "later",
        "September",
        "day",
    ]
)
_PUBLISHED = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


def _check(text: str, found: list[Timex]) -> None:
    previous_end = 0
    for timex in found:
        assert 0 <= previous_end <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        assert isinstance(timex.precision, TimexPrecision)
        assert _VALUE.fullmatch(timex.value), timex.value
        previous_end = timex.end


@settings(max_examples=150, deadline=None)
@given(text=st.text(), published=_PUBLISHED)
def test_never_crashes_on_arbitrary_unicode(text, published):
    _check(text, tag_dates(text, published))


@settings(max_examples=150, deadline=None)
@given(words=st.lists(_WORDS, max_size=25), published=_PUBLISHED)
def test_offsets_slice_to_the_text_on_date_like_word_salad(words, published):
    text = " ".join(words)
    _check(text, tag_dates(text, published))


# ---------------------------------------------------------------------------------------------
# The seed articles (read from ../shared/seed, never copied here): the dates their events need.

SEED = (shared_dir() or Path("/nonexistent")) / "seed"  # ../shared beside the repository
SEED_DATES = {
    "01-north-korea-china-75-years.txt": (
        dt.date(2024, 10, 7), {"1949-10-06", "2024-01", "2024-06", "2024-10-06", "2024-10-07"}),
    "02-paraguay-us.txt": (dt.date(2025, 1, 20), {"2025-01-20"}),
    "03-trump-xi-call.txt": (dt.date(2025, 1, 18), {"2025-01-17"}),
    "04-seoul-court.txt": (dt.date(2025, 1, 20), {"2025-W03", "2025-01-18", "2025-01-19"}),
    "05-us-dei.txt": (dt.date(2025, 1, 23), {"2025-01-21"}),
}


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed is not here")
@pytest.mark.parametrize("name", sorted(SEED_DATES))
def test_seed_article_dates_resolve_to_the_listed_events(name):
    published, expected = SEED_DATES[name]
    found = {t.value for t in tag_dates((SEED / name).read_text(encoding="utf-8"), published)}
    assert expected <= found
