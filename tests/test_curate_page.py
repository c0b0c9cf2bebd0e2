"""The "Edit events" page (app_pages/curate.py) through AppTest: the form's validation beside
each field, history and undo for add, edit and delete, and a stale edit refused."""

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.builders import open_as_the_app
from timeline.core.dates import Precision
from timeline.core.model import Event

PAGE = str(Path(__file__).parents[1] / "app_pages" / "curate.py")
PACT = "prk-rus-pact-2024"
PACT_TITLE = "North Korea and Russia sign a mutual defence pact"
WIDGETS = {"text_input", "text_area", "multiselect", "selectbox", "dataframe", "button",
           "checkbox"}


def opened(event_id: str | None = None, author: str = "Ana") -> AppTest:
    """The page run once at ``?event=<event_id>``, by someone who gave their name earlier in
    the session."""
    page = AppTest.from_file(PAGE, default_timeout=30)
    if event_id:
        page.query_params["event"] = event_id
    page.session_state["author"] = author
    page.run()
    assert not page.exception
    assert page.text_input(key="author_field").value == author
    return page


def fill(page: AppTest, **fields: object) -> AppTest:
    """Stage form fields (by their record name), e.g. ``fill(page, date="2024-06")``."""
    for name, value in fields.items():
        key = f"ed_{name}"
        if name == "summary":
            page.text_area(key=key).set_value(value)
        elif name in ("countries", "tags"):
            page.multiselect(key=key).set_value(value)
        elif name in ("type", "actor", "target"):
            page.selectbox(key=key).set_value(value)
        else:
            page.text_input(key=key).set_value(value)
    return page


def set_sources(page: AppTest, *rows: dict[str, str]) -> None:
    """Replace the sources editor's rows, as a person typing into it would."""
    editor = page.data_editor[0]
    page.session_state[editor.key] = {
        "edited_rows": {0: rows[0]} if rows else {},
        "added_rows": list(rows[1:]),
        "deleted_rows": [] if rows else list(range(len(editor.value))),
    }


def submit(page: AppTest) -> AppTest:
    page.form_submit_button[0].click().run()
    assert not page.exception
    return page


def a_new_event(page: AppTest, **fields: object) -> AppTest:
    """Fill the form with a valid new event (``fields`` replacing values) and submit it."""
    values = {"date": "2031-03-04", "title": "Test envoys meet in Ulaanbaatar",
              "countries": ["PRK", "MNG"], "type": "talks", **fields}
    set_sources(page, {"url": "https://news.example.org/2031/envoys", "publisher": "Wire"})
    return submit(fill(page, **values))


def plain(markdown: str) -> str:
    """Markdown text as a reader sees it: the escaping backslashes gone."""
    return re.sub(r"\\(.)", r"\1", markdown)


def beside(page: AppTest, key: str) -> list[str]:
    """The error messages shown right after the widget ``key``, before the next widget."""
    nodes = list(page.get("form")[0])
    start = next(n for n, node in enumerate(nodes) if getattr(node, "key", None) == key)
    messages = []
    for node in nodes[start + 1:]:
        if node.type in WIDGETS:
            break
        if node.type == "error":
            messages.append(plain(node.value))
    return messages


def stored(path: Path, event_id: str) -> Event | None:
    # The page holds the file open in this process: DuckDB shares it only with the same settings.
    with open_as_the_app(path) as store:
        return store.get(event_id)


def history_rows(page: AppTest, which: str = "event") -> list[dict[str, object]]:
    return page.get_by_key(f"changes_{which}").dataframe[0].value.to_dict("records")


# -- validation ----------------------------------------------------------------------------


def test_an_impossible_date_is_named_beside_the_date_and_nothing_is_saved(database_file):
    page = a_new_event(opened(), date="2024-02-30")
    assert beside(page, "ed_date") == [
        "Date: '2024-02-30' is not a real date (day is out of range for month)"]
    assert not page.success
    assert page.query_params.get("event") is None  # still a new event
    assert nothing_changed(database_file)


def test_a_missing_type_and_a_script_address_are_named_beside_their_fields(database_file):
    page = opened()
    set_sources(page, {"url": "javascript:alert(1)", "publisher": "Wire"})
    submit(fill(page, date="2031", title="No type", countries=["PRK"]))
    assert beside(page, "ed_type") == ["Type: choose one."]
    assert beside(page, page.data_editor[0].key) == [
        "Source 1, url: 'javascript:alert(1)' is not an http(s) web address"]
    assert beside(page, "ed_date") == []
    assert nothing_changed(database_file)


def test_an_actor_outside_the_countries_is_named_beside_the_actor(database_file):
    page = opened(PACT)
    submit(fill(page, actor="USA"))
    assert beside(page, "ed_actor") == [
        "Actor: actor USA is not among the countries PRK, RUS"]
    assert stored(database_file, PACT).actor == "RUS"


def test_saving_needs_a_name_in_the_sidebar(database_file):
    page = a_new_event(opened(author=""))
    assert any("Your name: enter it in the sidebar first" in plain(error.value)
               for error in page.error)
    assert nothing_changed(database_file)


# -- adding and editing --------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2031-06", "June 2031"])
def test_a_month_is_saved_at_month_precision_and_read_back(database_file, written):
    page = a_new_event(opened(), date=written, title="Envoys meet in June 2031")
    event_id = page.query_params["event"]  # the page now edits the event it added
    event = stored(database_file, event_id)
    assert (event.date.iso(), event.date.precision) == ("2031-06", Precision.MONTH)
    assert "June 2031 — known to the month" in [caption.value for caption in page.caption]
    assert plain(page.success[0].value) == (
        "Added “Envoys meet in June 2031” (June 2031, known to the month) as version 1.")


def test_an_added_event_shows_its_author_and_action_in_the_history(database_file):
    page = opened(author="")
    page.text_input(key="author_field").set_value("Ana").run()
    a_new_event(page, id="envoys-2031")
    assert stored(database_file, "envoys-2031").countries == ("PRK", "MNG")
    (row,) = history_rows(page)
    assert (row["Who"], row["Action"], row["Event"]) == ("Ana", "add",
                                                         "Test envoys meet in Ulaanbaatar")
    assert history_rows(page, "recent")[0]["Who"] == "Ana"
    assert page.text_input(key="ed_title").value == "Test envoys meet in Ulaanbaatar"


def test_an_event_id_taken_already_is_refused(database_file):
    page = a_new_event(opened(), id=PACT)
    assert beside(page, "ed_id")[0].startswith(
        f"Id: there is already an event '{PACT}' (“{PACT_TITLE}”, in dataset 'curated')")
    assert stored(database_file, PACT).title == PACT_TITLE


def test_an_edit_raises_the_version_and_lists_the_changed_fields(database_file):
    page = opened(PACT, author="Ben")
    assert page.text_input(key="ed_title").value == PACT_TITLE
    submit(fill(page, title="Pact signed in Pyongyang", date="2024-06-19"))
    event = stored(database_file, PACT)
    assert (event.title, event.date.precision) == ("Pact signed in Pyongyang", Precision.DAY)
    assert f"Editing `{PACT}`, version 2" in [caption.value for caption in page.caption]
    row = history_rows(page)[0]
    assert (row["Who"], row["Action"], row["Fields changed"]) == ("Ben", "edit",
                                                                   "date, precision, title")


def test_a_stale_edit_is_refused_and_both_versions_are_shown(database_file):
    page = opened(PACT, author="Ana")
    with open_as_the_app(database_file) as store:  # meanwhile
        store.save_event(store.get(PACT).model_copy(update={"title": "Their title"}),
                         author="Ben", expected_version=1)
    submit(fill(page, title="My title"))
    conflict = page.get_by_key("conflict")
    assert "changed since you opened it at version 1; it is now at version 2" in plain(
        conflict.error[0].value)
    versions = conflict.dataframe[0].value.set_index("Field")
    assert versions.loc["Title"].to_dict() == {"Stored now (version 2)": "Their title",
                                              "Yours": "My title", "Differs": "≠"}
    assert stored(database_file, PACT).title == "Their title"
    page.button(key="conflict_keep").click().run()
    assert page.text_input(key="ed_title").value == "Their title"
    assert f"Editing `{PACT}`, version 2" in [caption.value for caption in page.caption]


# -- delete and undo -----------------------------------------------------------------------


def test_a_delete_needs_confirming_and_is_undone_from_recent_changes(database_file):
    page = opened(PACT)
    assert page.button(key="delete").disabled
    page.checkbox(key="confirm_delete").check().run()
    page.button(key="delete").click().run()
    assert stored(database_file, PACT) is None
    assert plain(page.success[0].value).startswith(f"Deleted “{PACT_TITLE}”")
    latest = history_rows(page, "recent")[0]
    assert (latest["Who"], latest["Action"], latest["Event"]) == ("Ana", "delete", PACT_TITLE)
    assert page.selectbox(key="undo_choice_recent").value == latest["#"]  # newest first
    page.button(key="undo_recent").click().run()
    assert not page.exception
    assert stored(database_file, PACT).title == PACT_TITLE
    assert page.text_input(key="ed_title").value == PACT_TITLE  # opened again


def test_undoing_an_edit_restores_the_old_title(database_file):
    page = opened(PACT)
    submit(fill(page, title="A wrong title"))
    assert stored(database_file, PACT).title == "A wrong title"
    page.button(key="undo_event").click().run()
    assert stored(database_file, PACT).title == PACT_TITLE
    assert page.text_input(key="ed_title").value == PACT_TITLE
    actions = [row["Action"] for row in history_rows(page)]
    assert actions == ["undo of #2", "edit"]  # change 1 imported the test events


def test_undoing_an_add_removes_the_event_again(database_file):
    page = a_new_event(opened(), id="envoys-2031")
    page.button(key="undo_event").click().run()
    assert not page.exception
    assert stored(database_file, "envoys-2031") is None
    assert plain(page.success[0].value) == (
        "Change #2 undone (recorded as #3): “Test envoys meet in Ulaanbaatar” is gone again, "
        "as before it was added.")
    assert page.selectbox(key="ed_choice").value == ""  # back to a new event


def test_a_link_to_an_unknown_event_says_so_and_offers_a_new_one(database_file):
    page = opened("no-such-event", author="")
    assert "There is no event with the id “no-such-event”" in plain(page.warning[0].value)
    assert page.selectbox(key="ed_choice").value == ""
    assert page.form_submit_button[0].label == "Add event"


def test_an_unreadable_database_is_a_readable_error(tmp_path, monkeypatch):
    broken = tmp_path / "broken.duckdb"
    broken.write_text("not a database")
    monkeypatch.setenv("TIMELINE_DB", str(broken))
    st.cache_resource.clear()
    page = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not page.exception
    assert "The events database could not be opened" in page.error[0].value
    st.cache_resource.clear()


def test_the_curated_events_are_written_back_to_the_shared_data_file(database_file, tmp_path,
                                                                     monkeypatch):
    import timeline.store

    data_file = tmp_path / "events.jsonl"
    monkeypatch.setattr(timeline.store, "CURATED_FILE", data_file)
    page = a_new_event(opened(), title="Envoys meet to be committed")
    # The file's name in a code span, where Markdown shows a backslash as written.
    assert any(caption.value.startswith("Writes every curated event to `data/events.jsonl`, ")
               for caption in page.caption)
    words = [*(c.value for c in page.caption), *(h.value for h in page.subheader),
             *(b.label for b in page.button)]
    assert not [text for text in words if re.search(r"\bgit\b", text)]  # for analysts
    page.button(key="write_back").click().run()
    assert page.success[-1].value == "7 events written to `data/events.jsonl`."
    lines = data_file.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 7
    assert any('"title": "Envoys meet to be committed"' in line for line in lines)


def test_two_sessions_editing_one_event_lose_no_update(database_file):
    """Two people open the same event in two dashboard sessions: the second save is refused."""
    ana, ben = opened(PACT, author="Ana"), opened(PACT, author="Ben")
    submit(fill(ben, title="Ben's title"))
    assert plain(ben.success[0].value).startswith("Saved")
    submit(fill(ana, title="Ana's title"))
    conflict = ana.get_by_key("conflict")
    assert "it is now at version 2" in plain(conflict.error[0].value)
    versions = conflict.dataframe[0].value.set_index("Field")
    assert versions.loc["Title"].to_dict() == {"Stored now (version 2)": "Ben's title",
                                              "Yours": "Ana's title", "Differs": "≠"}
    assert stored(database_file, PACT).title == "Ben's title"


def nothing_changed(path) -> bool:
    """True when the history holds only the import of the test events, which made the file."""
    with open_as_the_app(path) as store:
        return list(store.history()["action"]) == ["import"]
