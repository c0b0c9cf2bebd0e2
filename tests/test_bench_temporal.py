"""The date benchmark compares values at the expression's own precision, and says so."""

import pytest

from benchmarks.bench_temporal import ours, same_value, score


@pytest.mark.parametrize(("gold", "predicted", "same"), [
    ("2000-W6", "2000-W06", True),  # a week is written with two digits
    ("1948-XX", "1948", True),  # an unspecified month is below the year's precision
    ("1994-XX-XX", "1994", True),
    ("199X", "199X", True),
    ("199", "199X", True),  # a decade, written both ways in TimeBank
    ("19", "19XX", True),  # a century
    ("199", "1990", False),  # a decade is no year
    ("199", "198X", False),
    ("2000-W16", "2000-W06", False),
    ("1948-XX", "1949", False),
    ("1998-12-XX", "1998-W49", False),  # a month is no week
    ("2000-01-05TEV", "2000-01-05", False),  # an evening is finer than its day
    ("PRESENT_REF", "2000-01-07", False),
])
def test_values_are_the_same_only_when_written_alike_at_their_precision(gold, predicted,
                                                                         same):
    assert same_value(gold, predicted) is same


def test_a_year_marked_with_an_unspecified_month_counts_right_and_is_reported_as_written():
    text = "The alliance was founded in 1949."
    document = {"dct": "1999-03-12", "text": text, "timexes": [
        {"start": text.index("1949"), "end": text.index("1949") + 4, "text": "1949",
         "type": "DATE", "value": "1949-XX"}]}
    result = score([document], ours)
    assert result["exact"]["value_accuracy"] == result["overlap"]["value_accuracy"] == 1.0
    assert result["exact"]["value_accuracy_verbatim"] == 0.0
