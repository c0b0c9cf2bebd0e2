"""The "From an article" page: paste or upload a news article, review the events it reports,
add the accepted ones.

UI glue only: the file is read by :func:`timeline.extract.article_text.read_article`, the
candidates found by :func:`timeline.extract.candidates.extract_candidates`, the corrected table
turned back into validated events by :func:`timeline.extract.review.reviewed_events`, and each
event stored with its history by :meth:`timeline.store.Store.save_event`. Nothing is written
until the user presses "Add the accepted events".
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import streamlit as st

from app_pages.shared import escape, page_store
from timeline.core.dates import MIN_YEAR
from timeline.core.event_types import EVENT_TYPES_BY_CODE
from timeline.core.filters import CURATED
from timeline.core.model import MAX_TITLE
from timeline.core.wording import counted
from timeline.extract.article_text import UnreadableArticle, passage, read_article
from timeline.extract.candidates import Candidate, extract_candidates
from timeline.extract.review import (
    ACCEPT_THRESHOLD,
    REVIEW_COLUMNS,
    ReviewProblem,
    review_rows,
    reviewed_events,
)

FIRST_DAY = dt.date(MIN_YEAR, 1, 1)  # the earliest publication date the page takes


def _last_day() -> dt.date:
    """The latest publication date: tomorrow, for a time zone ahead of the server's."""
    return dt.date.today() + dt.timedelta(days=1)


@dataclasses.dataclass(frozen=True)
class Found:
    """What "Find events" found, and in what: the table is reviewed against this text."""

    text: str
    published: dt.date
    candidates: tuple[Candidate, ...]
    run: int  # one per press, so a new table starts without the last one's edits


def main() -> None:
    st.title("From an article", anchor=False)
    st.markdown("Paste a news article or upload it as a `.txt` or `.html` file, say when it "
                "was published and where, and press **Find events**. Each sentence that dates "
                "something happening between countries becomes a row to check: fix its date, "
                "countries and type, uncheck what is not an event, then add the rest. Nothing "
                "is stored until you press **Add the accepted events**.")
    st.file_uploader("Upload an article (.txt or .html)", type=["txt", "html", "htm"],
                     key="upload", on_change=_read_upload,
                     help="Its text replaces what is in the box below; from a web page, "
                          "scripts, styles and menus are left out.")
    if note := st.session_state.get("upload_note"):
        kind, message = note
        if kind == "error":
            st.error(escape(message), icon=":material/error:")
        else:
            st.caption(escape(message))
    text = st.text_area("Article text", key="article", height=260,
                        placeholder="Paste the article here…")
    left, middle, right = st.columns([1, 2, 2])
    published = left.date_input("Published on", value=None, key="published", required=True,
                                min_value=FIRST_DAY, max_value=_last_day(),
                                help="“Yesterday”, “on Friday” and “last week” are read from "
                                     "this date.")
    url = middle.text_input("Article URL", key="source_url",
                            placeholder="https://…", help="Stored as each event's source.")
    publisher = right.text_input("Publisher", key="publisher",
                                 help="Stored with the URL; one of the two is needed.")
    if st.button("Find events", type="primary", key="find"):
        _find(text, published, url, publisher)
    found: Found | None = st.session_state.get("found")
    if found is not None:
        _review(found, text, published, url, publisher)


def _read_upload() -> None:
    """The uploaded file's text into the text box; its page's date and source into theirs
    when those are still empty."""
    upload = st.session_state.get("upload")
    if upload is None:  # the file was removed: its text stays in the box
        st.session_state.pop("upload_note", None)
        return
    try:
        article = read_article(upload.name, upload.getvalue())
    except UnreadableArticle as error:
        st.session_state.upload_note = ("error", str(error))
        return
    st.session_state.article = article.text
    if article.published and not FIRST_DAY <= article.published <= _last_day():
        article = dataclasses.replace(article, published=None)  # not a date the input takes
    filled = []
    for value, key, what in ((article.published, "published", "the publication date"),
                             (article.url, "source_url", "the URL"),
                             (article.publisher, "publisher", "the publisher")):
        if value and not st.session_state.get(key):
            st.session_state[key] = value
            filled.append(what)
    note = f"Read {len(article.text):,} characters of text from {upload.name}"
    if filled:
        listed = ", ".join(filled[:-1]) + " and " + filled[-1] if len(filled) > 1 else filled[0]
        note += f"; {listed} from its metadata: check them"
    st.session_state.upload_note = ("note", note + ".")


def _find(text: str, published: dt.date | None, url: str, publisher: str) -> None:
    if not text.strip():
        st.warning("Paste an article or upload one first.", icon=":material/article:")
        return
    if published is None:
        st.warning("Set the publication date: relative dates such as “yesterday” are read "
                   "from it.", icon=":material/event:")
        return
    with st.spinner("Reading the article…"):
        try:
            candidates = extract_candidates(text, published=published, source_url=url.strip(),
                                            publisher=publisher.strip())
        except Exception as error:  # never a traceback on the page
            st.error(f"The article could not be read: {escape(str(error))}",
                     icon=":material/error:")
            return
    previous = st.session_state.get("found")
    st.session_state.found = Found(text, published, tuple(candidates),
                                   previous.run + 1 if previous else 1)


def _review(found: Found, text: str, published: dt.date | None, url: str,
            publisher: str) -> None:
    stale = (found.text, found.published) != (text, published)
    if stale:
        st.warning("The article or its date changed since you pressed **Find events**: press "
                   "it again to review the events of what is entered now.",
                   icon=":material/sync_problem:")
    if not found.candidates:
        st.info("No events found: a sentence becomes a candidate when it gives a date, names a "
                "country and says what happened.", icon=":material/search_off:")
        return
    count = len(found.candidates)
    st.subheader(counted(count, "candidate event"), anchor=False)
    st.caption(f"Rows at confidence {ACCEPT_THRESHOLD:g} or more start accepted. Dates as "
               "written: YYYY, YYYY-MM or YYYY-MM-DD; countries as ISO codes or names, "
               "separated by commas.")
    table = pd.DataFrame(review_rows(found.candidates), columns=list(REVIEW_COLUMNS),
                         index=pd.RangeIndex(1, count + 1, name="row"))
    edited = st.data_editor(
        table, key=f"candidates-{found.run}", num_rows="fixed", hide_index=False,
        disabled=["confidence", "sentence"], width="stretch",
        column_config={
            "accept": st.column_config.CheckboxColumn("accept", help="Add this event"),
            "date": st.column_config.TextColumn("date", required=True,
                                                help="YYYY, YYYY-MM or YYYY-MM-DD"),
            "end date": st.column_config.TextColumn("end date", help="For a period; else empty"),
            "countries": st.column_config.TextColumn(
                "countries", help="ISO codes or names, separated by commas; actors first"),
            "type": st.column_config.SelectboxColumn(
                "type", options=list(EVENT_TYPES_BY_CODE), required=True,
                format_func=lambda code: EVENT_TYPES_BY_CODE[code].label),
            "title": st.column_config.TextColumn("title", required=True, max_chars=MAX_TITLE),
            "confidence": st.column_config.ProgressColumn(
                "confidence", min_value=0.0, max_value=1.0, format="%.2f",
                help="How believable the candidate is; the reasons are shown below the table"),
            "sentence": st.column_config.TextColumn("sentence", width="large"),
        })
    rows = edited.to_dict("records")
    _show_in_article(found, rows)
    _add(found, rows, url, publisher, stale)


def _show_in_article(found: Found, rows: list[dict]) -> None:
    """The chosen candidate's sentence highlighted in its paragraph, and in the article."""
    shown = st.selectbox("Show in the article", range(len(found.candidates)),
                         key=f"shown-{found.run}",
                         format_func=lambda i: f"row {i + 1}: {rows[i]['title']}")
    candidate = found.candidates[shown]
    st.markdown(_highlighted(*passage(found.text, candidate.start, candidate.end)))
    st.caption(escape(f"Dated by “{candidate.date_text}”. Why: "
                      + "; ".join(candidate.reasons) + "."))
    with st.expander("The whole article"):
        st.markdown(_highlighted(*passage(found.text, candidate.start, candidate.end,
                                          context=None)))


def _highlighted(before: str, sentence: str, after: str) -> str:
    """Markdown of the text with the sentence on a highlight; every character escaped."""
    return (escape(before) + ":orange-background[" + escape(" ".join(sentence.split()))
            + "]" + escape(after))


def _add(found: Found, rows: list[dict], url: str, publisher: str, stale: bool) -> None:
    accepted = sum(bool(row["accept"]) for row in rows if not pd.isna(row["accept"]))
    author = st.text_input("Your name", key="author",
                           help="Recorded in each added event's history.")
    try:
        with page_store() as database:
            datasets = database.datasets()["name"].tolist()
    except Exception as error:  # a broken or newer database: say so, never a traceback
        st.error(f"The events database could not be opened: {escape(str(error))}",
                 icon=":material/error:")
        return
    datasets = datasets if CURATED in datasets else [CURATED, *datasets]
    dataset = st.selectbox("Dataset", datasets, index=datasets.index(CURATED), key="dataset",
                           help="New events go into this dataset; the explorer shows the "
                                "curated one unless you pick others.")
    done = st.session_state.get(f"added-{found.run}")
    pressed = st.button("Add the accepted events", key="add", type="primary",
                        disabled=stale or accepted == 0 or done is not None,
                        help="Each accepted row is checked first: nothing is stored while one "
                             "is invalid.")
    st.caption(f"{accepted:,} of {counted(len(rows), 'row')} accepted.")
    if done is not None:
        st.success(escape(done), icon=":material/check:")
        return
    if not pressed:
        return
    if not author.strip():
        st.warning("Give your name: it is recorded with each event.", icon=":material/person:")
        return
    events, problems = reviewed_events(found.candidates, rows, url=url, publisher=publisher)
    if problems:
        _show_problems(problems)
        return
    try:  # one change, in one transaction: all of them or none, undone as one
        with page_store() as database:
            result = database.add_events(events, dataset=dataset, author=author.strip(),
                                         label=url or publisher or "an article")
    except Exception as error:
        st.error(f"Nothing was stored: {escape(str(error))}", icon=":material/error:")
        return
    message = f"Added {counted(result.added, 'event')} to '{dataset}' as one change."
    if result.replaced:
        message += (f" {counted(result.replaced, 'row')} matched a stored event with the same "
                    "date, type, countries and title: "
                    + ("it was" if result.replaced == 1 else "those were")
                    + " updated.")
    if result.conflicts:
        message += (f" {counted(len(result.conflicts), 'row')} not added: the same id is an "
                    "event of another dataset.")
    message += " Recent changes on the Edit events page can undo it."
    st.session_state[f"added-{found.run}"] = message
    st.rerun()  # shows the message, with the button disabled: no second copy


def _show_problems(problems: list[ReviewProblem]) -> None:
    lines = "\n".join(f"- {escape(str(problem))}" for problem in problems)
    st.error(f"Nothing was stored: fix these and press the button again.\n\n{lines}",
             icon=":material/rule:")


main()
