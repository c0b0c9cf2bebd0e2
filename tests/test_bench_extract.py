"""The extraction benchmark runs on our own articles and its gold is consistent."""

import pytest

from benchmarks.bench_extract import HELDOUT, errors, report, run
from benchmarks.corpora import coded_sentences, fresh_articles


@pytest.mark.parametrize("folder", [None, HELDOUT], ids=["development", "heldout"])
def test_gold_phrases_are_in_the_articles_in_order(folder):
    articles = fresh_articles(*(folder,) if folder else ())  # ValueError names a lost phrase
    assert len(articles) >= 6
    assert sum(len(a.events) for a in articles) >= 23
    for article in articles:
        assert all(article.text[d.start : d.end] == d.text for d in article.dates)
    assert all(s["countries"] for s in coded_sentences())


def test_development_articles_meet_the_date_and_country_targets():
    results = run(None, parts=("development",))  # without ../shared: our articles only
    assert "heldout" not in results
    got = results["development"]
    dates, countries, events = got["dates"], got["countries"], got["events"]
    assert dates["value_accuracy"] >= 0.85 and dates["span_precision"] >= 0.90, dates["errors"]
    assert countries["recall"] >= 0.95 and countries["precision"] >= 0.95, countries["errors"]
    assert events["found"] / events["events"] >= 0.90, events["missed"]
    assert events["most_false_in_an_article"] <= 1, events["articles"]
    table = report(results)
    assert "| development | events found" in table and "| heldout |" not in table
    assert any("events missed" in line for line in errors(results))
