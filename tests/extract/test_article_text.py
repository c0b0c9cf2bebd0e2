"""An article's text from an upload, a sentence in its context, and the review table's way
back to events (timeline/article_text.py)."""

from __future__ import annotations

import codecs
import datetime as dt
import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.core.dates import PartialDate
from timeline.extract.article_text import (
    Article,
    UnreadableArticle,
    html_to_text,
    passage,
    read_article,
)
from timeline.extract.candidates import Candidate
from timeline.extract.review import ReviewProblem, review_rows, reviewed_events

URL = "https://news.example.org/2025/03/15/talks"

# -- HTML to text ------------------------------------------------------------------------------


@pytest.mark.parametrize(("html", "text"), [
    pytest.param("<p>Seoul <b>protested</b> on Friday.</p>", "Seoul protested on Friday.\n",
                 id="inline tags join their text"),
    pytest.param("<p>One.</p><p>Two.</p><div>Three.</div><h2>Four</h2><li>Five</li>",
                 "One.\n\nTwo.\n\nThree.\n\nFour\n\nFive\n", id="blocks are paragraphs"),
    pytest.param("<p>Line one<br>line two<br/>line three</p>",
                 "Line one\nline two\nline three\n", id="a break is a new line"),
    pytest.param("<p>Spread\n   over\tlines  and   spaces</p>",
                 "Spread over lines and spaces\n", id="spaces collapse as in a browser"),
    pytest.param("<pre>kept  as\n  written</pre>", "kept  as\n  written\n", id="pre kept"),
    pytest.param("<p>Kim &amp; Xi &ndash; &#x7FD2;&#36817;&#24179; &lt;b&gt;</p>",
                 "Kim & Xi – 習近平 <b>\n", id="entities decoded, tags in text stay text"),
    pytest.param("<script>var s = '</p><p>Kim met Xi yesterday';</script><p>Shown.</p>",
                 "Shown.\n", id="script dropped even holding tags"),
    pytest.param("<style>p { color: red }</style><noscript>Enable JS</noscript><p>Shown.</p>",
                 "Shown.\n", id="styles and noscript dropped"),
    pytest.param("<nav><a href='/'>Home</a> World</nav><p>Shown.</p><!-- a comment -->",
                 "Shown.\n", id="navigation and comments dropped"),
    pytest.param("<html><head><title>Page title</title><meta charset='utf-8'></head>"
                 "<body><p>Shown.</p></body></html>", "Shown.\n", id="head dropped"),
    pytest.param("<head><title>Page title</title><p>Shown without closing the head.",
                 "Shown without closing the head.\n", id="an unclosed head ends at the body"),
    pytest.param("<p>Before</p><svg/><svg><text>drawn</text></svg><p>after.</p>",
                 "Before\n\nafter.\n", id="drawings dropped, self-closed or not"),
    pytest.param("<script>never closed <p>hidden", "", id="an unclosed script hides the rest"),
    pytest.param("", "", id="empty"),
])
def test_html_becomes_the_text_a_reader_sees(html, text):
    assert html_to_text(html) == text


# -- Reading an uploaded file -------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
<meta property="article:published_time" content="2025-03-15T09:30:00+09:00">
<meta property="og:site_name" content="Harbour Wire">
<meta property="og:url" content="https://news.example.org/og">
<link rel="canonical" href="{url}">
<script>track("Putin visited Pyongyang yesterday")</script>
</head><body><p>Wang Yi (王毅) arrived in Tokyo yesterday.</p></body></html>
"""


def test_a_web_page_gives_its_text_and_what_its_metadata_says():
    article = read_article("talks.html", PAGE.format(url=URL).encode())
    assert article == Article("Wang Yi (王毅) arrived in Tokyo yesterday.\n",
                              published=dt.date(2025, 3, 15), url=URL,
                              publisher="Harbour Wire")


def test_a_page_s_address_must_be_a_web_address():
    article = read_article("talks.html", PAGE.format(url="/relative/path").encode())
    assert article.url == "https://news.example.org/og"  # the next place it is given
    bare = read_article("bare.html", b"<p>Text only.</p>")
    assert (bare.published, bare.url, bare.publisher) == (None, "", "")


@pytest.mark.parametrize(("name", "data", "text"), [
    ("plain.txt", "Kim met Xi (習近平).\r\nOn Friday.".encode(),
     "Kim met Xi (習近平).\nOn Friday."),
    ("bom.txt", codecs.BOM_UTF8 + b"Text", "Text"),
    ("saved-as.txt", b"<!DOCTYPE html><p>Really a page.</p>", "Really a page.\n"),
    ("page.HTM", b"<p>Upper-case suffix.</p>", "Upper-case suffix.\n"),
    ("latin.html", '<meta charset="latin-1"><p>Café in Asunción</p>'.encode("latin-1"),
     "Café in Asunción\n"),
    ("plain.txt", b"1 < 2 & <p> stays", "1 < 2 & <p> stays"),
])
def test_uploads_are_read_as_text_or_html(name, data, text):
    assert read_article(name, data).text == text


@pytest.mark.parametrize(("name", "data", "message"), [
    ("scan.txt", b"\xff\xd8\xff\xe0 JFIF", "scan.txt is not UTF-8 text (byte 0"),
    ("odd.html", b'<meta charset="klingon"><p>x</p>', "odd.html declares the unknown encoding"),
    ("lying.html", b'<meta charset="ascii"><p>caf\xc3\xa9</p>', "lying.html is not ascii text"),
])
def test_unreadable_uploads_are_refused_naming_the_file(name, data, message):
    with pytest.raises(UnreadableArticle) as error:
        read_article(name, data)
    assert str(error.value).startswith(message)


# -- A sentence in its context ------------------------------------------------------------------

TEXT = ("Beijing, March 15. The first paragraph sets the scene.\n\n"
        "Trade came up first. Wang Yi met Ishiba in Tokyo yesterday. They spoke for an hour "
        "and agreed to meet again.\n\nA third paragraph.")
SENTENCE = "Wang Yi met Ishiba in Tokyo yesterday."


def test_a_sentence_comes_with_its_paragraph():
    start = TEXT.index(SENTENCE)
    assert passage(TEXT, start, start + len(SENTENCE)) == (
        "Trade came up first. ", SENTENCE, " They spoke for an hour and agreed to meet again.")


def test_a_long_paragraph_is_cut_at_a_space_and_says_so():
    start = TEXT.index(SENTENCE)
    assert passage(TEXT, start, start + len(SENTENCE), context=12) == (
        "…up first. ", SENTENCE, " They spoke…")


def test_the_whole_text_around_a_sentence():
    start = TEXT.index(SENTENCE)
    before, sentence, after = passage(TEXT, start, start + len(SENTENCE), context=None)
    assert before + sentence + after == TEXT


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 2), (0, len(TEXT) + 1)])
def test_offsets_outside_the_text_are_refused(start, end):
    with pytest.raises(ValueError, match="not within a text"):
        passage(TEXT, start, end)


@st.composite
def texts_with_spans(draw):
    text = draw(st.text(alphabet=st.sampled_from("ab 習\n\t.…"), max_size=80)
                | st.text(max_size=80))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@given(texts_with_spans(), st.integers(0, 40))
def test_a_passage_is_the_text_around_the_sentence_within_its_paragraph(case, context):
    text, start, end = case
    before, sentence, after = passage(text, start, end, context=context)
    assert sentence == text[start:end]
    cut_before = not text[:start].endswith(before)
    if cut_before:
        assert before.startswith("…") and text[:start].endswith(before[1:])
    cut_after = not text[end:].startswith(after)
    if cut_after:
        assert after.endswith("…") and text[end:].startswith(after[:-1])
    assert len(before) <= context + 1 and len(after) <= context + 1
    for piece in (before, after):
        assert not re.search(r"\n[ \t\r]*\n", piece)


# -- The review table ---------------------------------------------------------------------------


def candidate(**fields) -> Candidate:
    values = {"date": PartialDate.parse("2025-03-14"), "countries": ("JPN", "CHN"),
              "type": "talks", "title": "Japan and China hold talks",
              "quote": "Ishiba and Wang Yi (王毅) held talks in Tokyo yesterday.", "start": 10,
              "end": 64, "confidence": 0.8, "reasons": ("dated by “yesterday”",),
              "date_text": "yesterday", "actor": "JPN", "target": "CHN",
              "published": dt.date(2025, 3, 15), "source_url": URL,
              "publisher": "Harbour Wire"}
    return Candidate(**{**values, **fields})


def test_each_candidate_is_a_row_accepted_from_half_confidence():
    rows = review_rows([
        candidate(),
        candidate(date=PartialDate.parse("1950"), end_date=PartialDate.parse("1953"),
                  confidence=0.5, countries=("PRK", "KOR", "USA")),
        candidate(confidence=0.45),
    ])
    assert rows[0] == {"accept": True, "date": "2025-03-14", "end date": "", "countries":
                       "JPN, CHN", "type": "talks", "title": "Japan and China hold talks",
                       "confidence": 0.8, "sentence": candidate().quote}
    assert (rows[1]["date"], rows[1]["end date"], rows[1]["countries"]) == (
        "1950", "1953", "PRK, KOR, USA")
    assert [row["accept"] for row in rows] == [True, True, False]


def test_an_unedited_row_is_the_candidate_s_own_event():
    found = [candidate(), candidate(end_date=PartialDate.parse("2025-03-16"), type="summit",
                                    title="Wang visits Japan")]
    events, problems = reviewed_events(found, review_rows(found), url=URL,
                                       publisher="Harbour Wire")
    assert problems == []
    assert events == [c.to_event() for c in found]


def test_edits_are_taken_and_the_actor_kept_only_while_among_the_countries():
    row = {**review_rows([candidate()])[0], "date": " 2025-03 ", "type": "summit",
           "countries": "Japan, Australia;", "title": "Ishiba meets Albanese"}
    (event,), problems = reviewed_events([candidate()], [row], url=URL, publisher="")
    assert problems == []
    assert (event.date.iso(), event.type, event.countries, event.title) == (
        "2025-03", "summit", ("JPN", "AUS"), "Ishiba meets Albanese")
    assert (event.actor, event.target) == ("JPN", None)  # China is no longer named
    (source,) = event.sources
    assert (source.url, source.publisher, source.published, source.quote) == (
        URL, "", dt.date(2025, 3, 15), candidate().quote)


def test_only_accepted_rows_become_events_and_emptied_cells_are_empty():
    found = [candidate(), candidate(title="Rejected"), candidate(title="Unset")]
    rows = review_rows(found)
    rows[0]["end date"] = math.nan  # what an emptied cell gives back
    rows[1].update(accept=False, date="not even a date")
    rows[2]["accept"] = None
    events, problems = reviewed_events(found, rows, url=URL, publisher="")
    assert problems == []
    assert [(e.title, e.end_date) for e in events] == [("Japan and China hold talks", None)]


@pytest.mark.parametrize(("edit", "problem"), [
    ({"date": "2024-02-30"}, "row 2, date: '2024-02-30' is not a real date"),
    ({"date": "last March"}, "row 2, date: 'last March' is not a date written YYYY, YYYY-MM"),
    ({"date": None}, "row 2, date: '' is not a date written"),
    ({"end date": "2025-03"}, "row 2, end date: end_date 2025-03 is before date 2025-03-14"),
    ({"countries": "JPN, Narnia"}, "row 2, countries: 'Narnia' is not a country code or name"),
    ({"type": "visit"}, "row 2, type: 'visit' is not an event type"),
    ({"title": ""}, "row 2, title: String should have at least 1 character"),
])
def test_an_invalid_row_is_named_with_its_column_and_nothing_is_returned(edit, problem):
    found = [candidate(), candidate(title="Second")]
    rows = review_rows(found)
    rows[1].update(edit)
    events, problems = reviewed_events(found, rows, url=URL, publisher="")
    assert events == []
    assert len(problems) == 1
    assert str(problems[0]).startswith(problem)


@pytest.mark.parametrize(("url", "publisher", "problem"), [
    ("", "", ReviewProblem(None, "source", "a source needs a publisher or a url")),
    ("news.example.org/a", "Harbour Wire",
     ReviewProblem(None, "source URL", "'news.example.org/a' is not an http(s) web address")),
])
def test_a_bad_source_is_one_problem_however_many_rows(url, publisher, problem):
    found = [candidate(), candidate(title="Second"), candidate(title="Third")]
    rows = review_rows(found)
    rows[2]["date"] = "2024-02-30"
    events, problems = reviewed_events(found, rows, url=url, publisher=publisher)
    assert events == []
    assert problems[0] == problem
    assert [(p.row, p.column) for p in problems[1:]] == [(3, "date")]


def test_two_sentences_reporting_the_same_event_make_one_event_citing_both():
    other = "Japanese and Chinese officials confirmed yesterday's talks."
    found = [candidate(), candidate(quote=other, start=70, end=70 + len(other))]
    events, problems = reviewed_events(found, review_rows(found), url=URL, publisher="")
    assert problems == []
    (event,) = events
    assert [source.quote for source in event.sources] == [candidate().quote, other]


def test_rows_must_match_the_candidates():
    with pytest.raises(ValueError, match="1 rows for 2 candidates"):
        reviewed_events([candidate(), candidate()], review_rows([candidate()]), url=URL,
                        publisher="")
