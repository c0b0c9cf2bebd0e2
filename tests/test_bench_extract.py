"""The extraction benchmark runs on our own articles and its gold is consistent."""

import pytest

from benchmarks.bench_extract import HELDOUT, article_sets, errors, pair_events, report, run
from benchmarks.corpora import coded_sentences, fresh_articles, timeml_documents
from timeline.core.dates import PartialDate
from timeline.extract.candidates import Candidate


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


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["81-a", "86-b", "91-c"], {"81-86": ["81-a", "86-b"], "91-91": ["91-c"]}),
        (["96-z", "91-a"], {"91-96": ["91-a", "96-z"]}),
        ([], {}),
    ],
)
def test_held_out_articles_are_grouped_by_the_set_they_were_written_in(names, expected):
    assert article_sets(names) == expected


def _candidate(date: str, countries: tuple[str, ...], confidence: float) -> Candidate:
    return Candidate(date=PartialDate.parse(date), countries=countries, type="summit",
                     title="t", quote="q", start=0, end=1, confidence=confidence,
                     reasons=(), date_text=date)


def _event(date: str, countries: list[str]) -> dict:
    precision = {4: "year", 7: "month", 10: "day"}[len(date)]
    return {"date": date, "precision": precision, "countries": countries, "what": "w"}


@pytest.mark.parametrize(
    ("events", "candidates", "expected"),
    [
        # the first event fits both candidates, the second only the first: both are found
        ([_event("2025-06-16", ["USA"]), _event("2025-06-16", ["USA", "GBR"])],
         [_candidate("2025-06-16", ("USA", "GBR"), 0.95),
          _candidate("2025-06-16", ("USA", "ISR"), 0.8)],
         {0: 1, 1: 0}),
        # of two fitting candidates the ticked one is paired, the unticked one left over
        ([_event("2025-10", ["USA", "ARG"])],
         [_candidate("2025-10", ("USA", "ARG"), 0.4), _candidate("2025-10", ("USA", "ARG"), 0.75)],
         {0: 1}),
        # a candidate at another date or precision fits no event
        ([_event("2025-10", ["USA"])], [_candidate("2025-10-14", ("USA",), 0.9)], {}),
        ([], [], {}),
    ],
)
def test_each_event_gets_its_own_candidate_the_most_confident_first(events, candidates,
                                                                     expected):
    assert pair_events(events, candidates) == expected


# A TimeML document of our own, shaped like TempEval-3's platinum files: an EVENT around a
# word, a DATE and a DURATION inside the text, the creation time in DCT.
TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>harbour_talks</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>
<TITLE>Harbour talks end</TITLE>
<TEXT>
The envoys <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE" \
value="2013-03-21">Thursday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" \
value="P3M">three months</TIMEX3> of silence, and will meet again in \
<TIMEX3 tid="t3" type="DATE" value="2013-05">May</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def timeml_folder(tmp_path):
    """A folder holding one TimeML file, ``harbour_talks.tml``."""
    (tmp_path / "harbour_talks.tml").write_text(TIMEML, encoding="utf-8")
    return tmp_path


def test_a_timeml_file_reads_as_text_with_its_timexes_at_their_offsets(timeml_folder):
    [document] = timeml_documents(timeml_folder)
    assert document["doc_id"] == "harbour_talks" and document["dct"] == "2013-03-22"
    assert document["text"] == ("\nThe envoys met Thursday after three months of silence, and "
                                "will meet again in May.\n")
    assert [(t["text"], t["type"], t["value"]) for t in document["timexes"]] == [
        ("Thursday", "DATE", "2013-03-21"), ("three months", "DURATION", "P3M"),
        ("May", "DATE", "2013-05")]
    assert all(document["text"][t["start"]:t["end"]] == t["text"] for t in document["timexes"])


@pytest.fixture
def one_heldout_article(tmp_path, monkeypatch):
    """The held-out part narrowed to one of its articles (124, text and gold), so a test of
    what the part reports beside its articles does not read all of them."""
    folder = tmp_path / "heldout"
    folder.mkdir()
    for source in HELDOUT.glob("124-*"):
        (folder / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr("benchmarks.bench_extract.HELDOUT", folder)
    return folder


def test_a_timeml_folder_is_scored_as_held_out_dates_both_ways(timeml_folder,
                                                               one_heldout_article):
    results = run(None, parts=("heldout",), timeml=timeml_folder)
    assert results["heldout"]["articles"] == ["124-algeria-france-expulsions"]
    dates = results["heldout"]["dates_timeml"]
    assert dates["documents"] == 1 and dates["gold_date_expressions"] == 2
    assert dates["exact"]["span_recall"] == 1.0 and dates["exact"]["value_accuracy"] == 1.0
    table = report(results)
    assert f"exact spans | {timeml_folder.name}, 1 docs | 1.000" in table
    assert f"overlapping spans | {timeml_folder.name}, 1 docs | 1.000" in table
