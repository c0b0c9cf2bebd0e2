"""Counts as a reader reads them (timeline/wording.py)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.core.wording import counted, plural


@pytest.mark.parametrize(("noun", "expected"), [
    ("event", "events"),
    ("row", "rows"),
    ("anniversary", "anniversaries"),
    ("round anniversary", "round anniversaries"),
    ("day", "days"),  # a vowel before the y
    ("match", "matches"),
    ("address", "addresses"),
    ("box", "boxes"),
    ("person", "people"),
    ("criterion", "criteria"),
    ("candidate event", "candidate events"),
])
def test_plural_of_a_noun_or_of_a_phrase_s_last_word(noun, expected):
    assert plural(noun) == expected


@pytest.mark.parametrize(("count", "noun", "expected"), [
    (0, "event", "0 events"),
    (1, "event", "1 event"),
    (2, "event", "2 events"),
    (1, "valid row", "1 valid row"),
    (12_500, "row", "12,500 rows"),
    (1, "round anniversary", "1 round anniversary"),
    (3, "round anniversary", "3 round anniversaries"),
])
def test_counted_agrees_with_its_number(count, noun, expected):
    assert counted(count, noun) == expected


@given(st.integers(min_value=0, max_value=10**9),
       st.sampled_from(["event", "row", "anniversary", "match"]))
def test_counted_never_hedges_with_brackets(count, noun):
    text = counted(count, noun)
    assert "(" not in text
    assert text.endswith(noun) == (count == 1)
