"""Event words beyond the tables: a verb in the simple past heading a clause (open_verbs)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.extract.open_verbs import is_past_tense, open_verb

# (word, whether it tells that something happened in the past)
WORDS = [
    ("fled", True), ("took", True), ("annexed", True), ("began", True), ("shot", True),
    ("reversed", True), ("left", True),
    # reporting, being, measures: no event by themselves
    ("said", False), ("was", False), ("had", False), ("reached", False), ("fell", False),
    # not a past tense at all
    ("flee", False), ("red", False), ("hundred", False), ("Bukavu", False),
]


@pytest.mark.parametrize(("word", "expected"), WORDS)
def test_past_tense_words(word, expected):
    assert is_past_tense(word) is expected


# (clause, the open verb found, or None)
CLAUSES = [
    ("Assad fled to Moscow in December 2024.", "fled"),
    ("Ethiopia began building the dam in April 2011.", "began"),
    ("They took Bukavu, the second city, in February.", "took"),
    # a participle after an auxiliary, or with its agent, heads nothing
    ("Forces were backed by Kigali in 2020.", None),
    # the past perfect tells an earlier event
    ("Brussels had raised duties in October 2024.", "raised"),
    ("Beijing had already taken the island in 2012.", "taken"),
    ("Forces led by the group entered the city in 2024.", "entered"),
    # a capitalised word is a name, not a verb
    ("The United Nations met in May.", "met"),
    ("Relations were tense in May.", None),
    # what befell or was brought about is no step taken
    ("The invasion brought war back to Europe in February.", None),
    ("The talks failed in March, and the envoy survived an attack in May.", None),
    # a modal in the past is no verb of its own; succeeding a father is a life's step
    ("He said on Tuesday he would make a statement.", None),
    ("The king, who succeeded his father in July 1999, was ill.", None),
    ("", None),
]


@pytest.mark.parametrize(("clause", "expected"), CLAUSES)
def test_open_verb_of_a_clause(clause, expected):
    found = open_verb(clause, 0, len(clause))
    assert (clause[found[1]:found[2]] if found else None) == expected


def test_a_verb_inside_a_date_is_not_the_event():
    clause = "Relations thawed in 1972."
    assert open_verb(clause, 0, len(clause), [(10, 24)]) is None


@given(st.text(max_size=200))
def test_an_open_verb_is_a_lower_case_past_tense_word_of_the_clause(text):
    found = open_verb(text, 0, len(text))
    if found is not None:
        keyword, start, end = found
        word = text[start:end]
        assert word.islower() and 0 <= start < end <= len(text)
        assert keyword.regex.fullmatch(word)
