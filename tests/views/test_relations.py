import pytest

from timeline.views.relations import DEFAULT_PAIRS, pair_counts, pair_label, yearly_relations


@pytest.mark.parametrize(
    ("pair", "label"),
    [(("PRK", "CHN"), "North Korea–China"), (("SUN", "USA"), "USSR–United States")],
)
def test_a_pair_reads_as_names(pair, label):
    assert pair_label(pair) == label


@pytest.mark.parametrize(
    ("pairs", "rows"),
    [
        # 1949 ties (cooperative), 1950 Korean War (conflictual), 2024 messages (cooperative).
        ([("PRK", "CHN")], [("North Korea–China", 1949, 1, 0), ("North Korea–China", 1950, 0, 1),
                            ("North Korea–China", 2024, 1, 0)]),
        # The order of a pair's countries does not matter; the label follows it.
        ([("CHN", "PRK")], [("China–North Korea", 1949, 1, 0), ("China–North Korea", 1950, 0, 1),
                            ("China–North Korea", 2024, 1, 0)]),
        # Nerchinsk (1689) is Qing China and Russia: an event from 1600 on counts.
        ([("PRK", "RUS"), ("CHN", "RUS")], [("North Korea–Russia", 2024, 1, 0),
                                            ("China–Russia", 1689, 1, 0)]),
        ([("PRK", "JPN")], []),
    ],
)
def test_events_per_year_per_pair_split_by_quad_class(sample_frame, pairs, rows):
    table = yearly_relations(sample_frame, pairs)
    assert list(table.columns) == ["pair", "year", "cooperative", "conflictual"]
    assert [tuple(row) for row in table.itertuples(index=False)] == rows


def test_the_default_pairs_are_north_korea_with_china_and_with_russia():
    assert [pair_label(pair) for pair in DEFAULT_PAIRS] == [
        "North Korea–China", "North Korea–Russia"]


def test_pairs_count_every_pair_of_an_event_most_shared_first(sample_frame):
    table = pair_counts(sample_frame)
    assert tuple(table.iloc[0]) == ("CHN", "PRK", 3, 2, 1)
    # The five-country Korean War makes ten pairs, each with one conflictual event.
    war_pairs = table[(table["events"] == 1) & (table["conflictual"] == 1)]
    assert len(war_pairs) == 8  # ten, less CHN–PRK (counted above) and CHN–USA (two events)
    assert (table["events"] == table["cooperative"] + table["conflictual"]).all()
    assert (table["a"] < table["b"]).all()


def test_no_events_give_empty_tables(sample_frame):
    none = sample_frame.iloc[0:0]
    assert yearly_relations(none, DEFAULT_PAIRS).empty
    assert pair_counts(none).empty
