"""The curation page ("Edit events"): add, edit and delete curated events, see each event's
history and undo any change, a delete included.

UI glue only: the form's values become a record for :func:`timeline.core.model.parse_event` (the one
place events are validated), and every change goes through :class:`timeline.store.Store`'s
``save_event`` / ``delete_event`` / ``undo``, which record who did what. An edit remembers the
version it started from, so a save over someone else's newer change is refused and both
versions are shown side by side.

An action (save, delete, undo) runs when its button reports the click, stores what to show in
session state and reruns: the next run loads the event into the form before the widgets exist
and shows each problem beside its field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from app_pages.shared import escape, page_store
from timeline.core.countries import all_countries, country_name
from timeline.core.dates import PartialDate, parse_written
from timeline.core.event_types import EVENT_TYPES_BY_CODE, event_type
from timeline.core.filters import CURATED, EventFilter
from timeline.core.model import MAX_SUMMARY, MAX_TITLE, InvalidEvent, changed_fields, parse_event
from timeline.core.wording import counted
from timeline.files.formats import write_events_file
from timeline.store import CURATED_FILE, ChangeRefused, EditConflict, Store

NEW = ""  # the event chooser's option for a new event
RECENT_CHANGES = 50
# Form fields: record field → (session state key, label shown and named in messages).
FIELDS = {"id": ("ed_id", "Id"), "date": ("ed_date", "Date"),
          "end_date": ("ed_end_date", "End date"), "title": ("ed_title", "Title"),
          "summary": ("ed_summary", "Summary"), "countries": ("ed_countries", "Countries"),
          "actor": ("ed_actor", "Actor"), "target": ("ed_target", "Target"),
          "type": ("ed_type", "Type"), "sources": ("ed_sources", "Sources"),
          "tags": ("ed_tags", "Tags")}
SOURCE_COLUMNS = ["url", "publisher", "published", "quote"]
DATE_HELP = ("Write only what you know: `1949` (a year), `2024-06` (a month: June 2024) or "
             "`1949-10-06` (a day).")


def main() -> None:
    st.title("Edit events", anchor=False)
    author = _author()
    try:
        database = page_store()
    except Exception as error:  # a broken or newer database: say so, never a traceback
        st.error(f"The events database could not be opened: {escape(str(error))}",
                 icon=":material/error:")
        return
    with database:
        try:
            _page(database, author)
        except Exception as error:
            st.error(f"This page could not be drawn: {escape(str(error))}",
                     icon=":material/error:")


def _author() -> str:
    """The name every change is recorded with: asked once, kept for the whole session."""
    if "author_field" not in st.session_state:  # the widget's state goes with the page
        st.session_state.author_field = st.session_state.get("author", "")
    with st.sidebar:
        name = st.text_input("Your name", key="author_field", max_chars=100,
                             help="Recorded with every change you make, in each event's "
                                  "history.").strip()
        if not name:
            st.caption("Enter your name to save changes.")
    st.session_state.author = name
    return name


def _page(database: Store, author: str) -> None:
    curated = database.query(EventFilter(datasets=(CURATED,)))
    event_id = _choose(database, curated)
    state = st.session_state
    if state.get("loaded", (None,))[0] != event_id or "ed_date" not in state:
        _load(database, event_id)
    if "flash" in state:  # an action ran: the undo choices start again from the newest
        for key in ("undo_choice_event", "undo_choice_recent"):
            state.pop(key, None)
    for kind, text in state.pop("flash", []):
        getattr(st, kind)(text)
    if state.get("conflict"):
        _conflict(state.conflict, author)
    tags = sorted({tag for row in curated["tags"] for tag in row} | set(state.ed_tags))
    _form(author, tags)
    if event_id:
        _delete(database, author, event_id)
        st.subheader("History of this event", anchor=False)
        _changes(database, author, database.history(event_id), key="event")
    st.subheader("Recent changes", anchor=False)
    st.caption("Every event, deleted ones included: undo a delete here.")
    _changes(database, author, database.history().head(RECENT_CHANGES), key="recent")
    _write_back(database)


def _write_back(database: Store) -> None:
    """Write the curated events to the project's shared data file."""
    st.subheader("Save to the shared data file", anchor=False)
    # A code span shows its text as is: the file's name needs no Markdown escaping there.
    shown = f"`data/{CURATED_FILE.name}`"
    st.caption(f"Writes every curated event to {shown}, the file the project shares, one "
               "event a line and always in the same order, so that a review of the file "
               "shows only the events you changed.")
    if st.button("Write the curated events to the data file", icon=":material/save_as:",
                 key="write_back"):
        count = write_events_file(database.events(EventFilter(datasets=(CURATED,))),
                                  CURATED_FILE, "jsonl")
        st.success(f"{counted(count, 'event')} written to {shown}.", icon=":material/check:")


# -- choosing the event ------------------------------------------------------------------


def _choose(database: Store, curated: pd.DataFrame) -> str:
    """The event the form is for (``NEW`` for a new one): picked by title and date, or asked
    for by the address (``?event=<id>``), which follows the choice."""
    labels = {row.id: f"{PartialDate.parse(row.date).human()} · {row.title}"
              for row in curated.sort_values("first_day", ascending=False).itertuples()}
    wanted = st.query_params.get("event", NEW)
    if "pending_choice" in st.session_state:  # an action chose the event to show next
        st.session_state.ed_choice = st.session_state.pop("pending_choice")
        st.session_state.pop("loaded", None)
    elif wanted != st.session_state.get("url_event") or "ed_choice" not in st.session_state:
        # a link or the address bar asks (or the page is opened again)
        st.session_state.url_event = wanted
        st.session_state.ed_choice = wanted
        if wanted and wanted not in labels and database.get(wanted) is None:
            st.warning(f"There is no event with the id “{escape(wanted)}”: add a new one, "
                       "or pick one below.", icon=":material/link_off:")
            st.session_state.ed_choice = NEW
    current = st.session_state.get("ed_choice", NEW)
    if current and current not in labels:  # another dataset's event, or one deleted meanwhile
        stored = database.get(current)
        if stored:
            labels[current] = f"{stored.date.human()} · {stored.title}"
        elif st.session_state.get("loaded", (None,))[0] == current:  # saving will say so
            labels[current] = f"{current} (deleted since you opened it)"
        else:
            st.session_state.ed_choice = NEW
    choice = st.selectbox(
        "Event", [NEW, *labels], key="ed_choice",
        format_func=lambda event_id: labels.get(event_id, "New event"),
        help="Type words of the title or the date to find an event.")
    if choice != st.session_state.get("url_event"):
        if choice:
            st.query_params["event"] = choice
        else:
            st.query_params.pop("event", None)
        st.session_state.url_event = choice
    return choice


def _load(database: Store, event_id: str) -> None:
    """Fill the form with the stored event (or empty it for a new one) and remember the
    version it was opened at."""
    event = database.get(event_id) if event_id else None
    record = event.to_record() if event else {}
    version = database.version_of(event_id) if event else None
    sources = record.get("sources") or [{}]
    st.session_state.update({
        "loaded": (event_id, version),
        "base_record": record,
        "ed_id": "",
        "ed_date": record.get("date", ""),
        "ed_end_date": record.get("end_date") or "",
        "ed_title": record.get("title", ""),
        "ed_summary": record.get("summary", ""),
        "ed_countries": list(record.get("countries", [])),
        "ed_actor": record.get("actor"),
        "ed_target": record.get("target"),
        "ed_type": record.get("type"),
        "ed_tags": list(record.get("tags", [])),
        "sources_frame": pd.DataFrame({
            "url": [s.get("url", "") for s in sources],
            "publisher": [s.get("publisher", "") for s in sources],
            "published": [dt.date.fromisoformat(s["published"]) if s.get("published") else None
                          for s in sources],
            "quote": [s.get("quote", "") for s in sources]}, columns=SOURCE_COLUMNS),
        "loads": st.session_state.get("loads", 0) + 1,  # a fresh sources editor per load
        "confirm_delete": False,
        "problems": {},
        "conflict": None,
    })


# -- the form ----------------------------------------------------------------------------


def _form(author: str, tags: list[str]) -> None:
    event_id, version = st.session_state.loaded
    with st.form("event_form"):
        if event_id:
            st.caption(f"Editing `{event_id}`, version {version}" if version else
                       f"Editing `{event_id}`, which is no longer stored")
        else:
            st.text_input("Id (optional)", key="ed_id", max_chars=128,
                          placeholder="prk-rus-pact-2024",
                          help="A short stable name; left empty, one is made from the date, "
                               "type, countries and title.")
            _problems("id")
        left, right = st.columns(2)
        with left:
            st.text_input("Date", key="ed_date", placeholder="2024-06", help=DATE_HELP)
            _precision("ed_date")
            _problems("date")
        with right:
            st.text_input("End date (optional)", key="ed_end_date", placeholder="1953-07-27",
                          help="For events that lasted. " + DATE_HELP)
            _precision("ed_end_date")
            _problems("end_date")
        st.text_input("Title", key="ed_title", max_chars=MAX_TITLE)
        _problems("title")
        st.text_area("Summary", key="ed_summary", max_chars=MAX_SUMMARY,
                     help="In our own words.")
        _problems("summary")
        countries = all_countries()
        st.multiselect("Countries", countries, key="ed_countries", format_func=country_name,
                       placeholder="Type a name to search")
        _problems("countries")
        left, right = st.columns(2)
        for column, field, text in ((left, "actor", "the country that acted"),
                                    (right, "target", "the country acted on")):
            with column:
                st.selectbox(f"{FIELDS[field][1]} (optional)", countries, index=None,
                             key=FIELDS[field][0], format_func=country_name,
                             placeholder="Not known",
                             help=f"When known, {text}: one of the countries above.")
                _problems(field)
        st.selectbox("Type", list(EVENT_TYPES_BY_CODE), index=None, key="ed_type",
                     format_func=lambda code: event_type(code).label,
                     placeholder="Choose a type")
        _problems("type")
        st.markdown("**Sources**")
        st.caption("One row per source: its web address or publisher, publication date and a "
                   "short quote. Add rows at the bottom; delete one by selecting it.")
        edited = st.data_editor(
            st.session_state.sources_frame, key=f"ed_sources_{st.session_state.loads}",
            num_rows="dynamic", hide_index=True, width="stretch",
            column_config={
                "url": st.column_config.TextColumn("URL", width="medium"),
                "publisher": st.column_config.TextColumn("Publisher"),
                "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
                "quote": st.column_config.TextColumn("Quote", width="large"),
            })
        _problems("sources")
        st.multiselect("Tags", tags, key="ed_tags", accept_new_options=True,
                       placeholder="Free words; type a new one and press Enter")
        _problems("tags")
        _problems("event")
        saved = st.form_submit_button("Save changes" if event_id else "Add event",
                                      type="primary", icon=":material/save:")
    if saved:
        _save(author, _record(edited))
        st.rerun()


def _precision(key: str) -> None:
    """The date as the form holds it, read back with its precision."""
    text = st.session_state.get(key, "").strip()
    try:
        date = parse_written(text) if text else None
    except ValueError:
        return  # saying why is the save's job, beside the field
    if date:
        st.caption(f"{date.human()} — known to the {date.precision.value}")


def _problems(field: str) -> None:
    for message in st.session_state.problems.get(field, []):
        st.error(message, icon=":material/error:")


def _record(sources: pd.DataFrame) -> dict[str, Any]:
    """The event record the form describes, for :func:`parse_event`."""
    event_id, _ = st.session_state.loaded
    state = st.session_state
    record = {**state.base_record,
              "id": event_id or state.ed_id.strip(),
              "date": state.ed_date.strip(),
              "end_date": state.ed_end_date.strip() or None,
              "title": state.ed_title,
              "summary": state.ed_summary,
              "countries": list(state.ed_countries),
              "actor": state.ed_actor,
              "target": state.ed_target,
              "type": state.ed_type,
              "sources": [source for row in sources.to_dict("records")
                          if (source := _source(row))],
              "tags": list(state.ed_tags)}
    record.pop("precision", None)  # follows the date as now written
    return record


def _source(row: dict[str, Any]) -> dict[str, str]:
    """A source from a row of the sources editor; empty when the row is blank."""
    source = {}
    for column in SOURCE_COLUMNS:
        value = row.get(column)
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            continue
        if column == "published":
            value = pd.Timestamp(value).date().isoformat()
        if str(value).strip():
            source[column] = str(value).strip()
    return source


def _save(author: str, record: dict[str, Any]) -> None:
    """Validate and save the form's record; what happened is shown by the next run."""
    state = st.session_state
    state.problems, state.conflict = {}, None
    problems: dict[str, list[str]] = {}
    if not author:
        problems["event"] = ["Your name: enter it in the sidebar first. Every change is "
                             "recorded with it."]
    try:
        event = parse_event(record)
    except InvalidEvent as error:
        for problem in error.problems:
            field, message = _placed(problem.field, problem.message)
            problems.setdefault(field, []).append(message)
        event = None
    # Nothing picked, nothing entered: the model's messages ("not a valid string", "at least
    # 1 item") say less than this.
    if record.get("type") is None:
        problems["type"] = ["Type: choose one."]
    if not record.get("sources"):
        problems["sources"] = ["Sources: add at least one, with its web address or publisher."]
    if problems or event is None:
        state.problems = problems
        return
    loaded_id, version = state.loaded
    with page_store() as database:
        try:
            new_version = database.save_event(
                event, author=author, expected_version=version if loaded_id else None,
                new=not loaded_id)
        except ChangeRefused as refused:  # a new event whose id is taken: the store's rule
            state.problems = {"id": [f"Id: {escape(str(refused))}."]}
            return
        except EditConflict as conflict:
            state.conflict = {"id": event.id, "opened": version, "version": conflict.version,
                              "stored": conflict.stored.to_record() if conflict.stored else None,
                              "yours": event.to_record()}
            return
        except Exception as error:
            state.flash = [("error", f"Nothing was saved: {escape(str(error))}")]
            return
    verb = "Added" if not loaded_id else "Saved"
    state.flash = [("success", f"{verb} “{escape(event.title)}” ({event.date.human()}, "
                               f"known to the {event.date.precision.value}) as version "
                               f"{new_version}.")]
    state.pending_choice = event.id


def _placed(field: str, message: str) -> tuple[str, str]:
    """Which form field a problem belongs beside, and the message naming it."""
    parts = field.split(".")
    name = parts[0]
    if name == "event" and message.split(" ", 1)[0] in FIELDS:  # "actor RUS is not among …"
        name = message.split(" ", 1)[0]
    if name not in FIELDS:
        return "event", escape(message)
    label = FIELDS[name][1]
    if name == "sources" and len(parts) > 1:
        label = f"Source {int(parts[1]) + 1}" + (f", {parts[2]}" if len(parts) > 2 else "")
    elif name in ("countries", "tags") and len(parts) > 1:
        label = f"{label} ({int(parts[1]) + 1})"
    return name, f"{label}: {escape(message)}"


# -- an edit based on an old version -----------------------------------------------------


def _conflict(conflict: dict[str, Any], author: str) -> None:
    """Both versions side by side, and what to do: keep the stored one or save over it."""
    stored, yours = conflict["stored"], conflict["yours"]
    now = ("has been deleted since" if stored is None
           else f"is now at version {conflict['version']}")
    with st.container(border=True, key="conflict"):
        st.error(f"Not saved: this event changed since you opened it at version "
                 f"{conflict['opened']}; it {now}. Compare the two below, then keep the "
                 "stored one (your changes are dropped) or save yours over it.",
                 icon=":material/sync_problem:")
        fields = [name for name in ("date", "end_date", "title", "summary", "countries",
                                    "actor", "target", "type", "sources", "tags")
                  if name in (stored or {}) or name in yours]
        st.dataframe(pd.DataFrame({
            "Field": [FIELDS[name][1] for name in fields],
            f"Stored now (version {conflict['version']})" if stored else "Stored now (deleted)":
                [_shown((stored or {}).get(name)) for name in fields],
            "Yours": [_shown(yours.get(name)) for name in fields],
            "Differs": ["≠" if (stored or {}).get(name) != yours.get(name) else ""
                        for name in fields],
        }), hide_index=True, width="stretch")
        keep, overwrite = st.columns(2)
        if keep.button("Keep the stored version" if stored else "Leave it deleted",
                       key="conflict_keep", icon=":material/undo:", width="stretch"):
            st.session_state.pending_choice = conflict["id"] if stored else NEW
            st.rerun()
        if overwrite.button("Save mine over it", key="conflict_overwrite",
                            icon=":material/save:", width="stretch"):
            st.session_state.loaded = (conflict["id"], conflict["version"])
            _save(author, dict(yours))
            st.rerun()


def _shown(value: Any) -> str:
    """A field's value as plain text, for the side-by-side comparison."""
    if value is None:
        return ""
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return "\n".join(" · ".join(str(v) for v in source.values()) for source in value)
        return ", ".join(map(str, value))
    return str(value)


# -- delete ------------------------------------------------------------------------------


def _delete(database: Store, author: str, event_id: str) -> None:
    _, version = st.session_state.loaded
    with st.container(border=True, key="delete_box"):
        confirmed = st.checkbox("Yes, delete this event", key="confirm_delete",
                                help="It stays in the history and can be undone.")
        if st.button("Delete event", key="delete", disabled=not confirmed,
                     icon=":material/delete:"):
            st.session_state.problems, st.session_state.conflict = {}, None
            title = st.session_state.base_record.get("title", event_id)
            if not author:
                st.session_state.flash = [("error", "Nothing was deleted: enter your name in "
                                                    "the sidebar first.")]
                st.rerun()
            try:
                database.delete_event(event_id, author=author, expected_version=version)
            except EditConflict as conflict:  # the form now shows the stored version
                st.session_state.flash = [
                    ("error", f"Nothing was deleted: {escape(str(conflict))}")]
                st.session_state.pending_choice = event_id
            except KeyError:
                st.session_state.flash = [("info", "Someone deleted this event already.")]
                st.session_state.pending_choice = NEW
            else:
                st.session_state.flash = [("success", f"Deleted “{escape(title)}”. Undo it "
                                                      "from the recent changes below.")]
                st.session_state.pending_choice = NEW
            st.rerun()


# -- history and undo --------------------------------------------------------------------


def _changes(database: Store, author: str, changes: pd.DataFrame, *, key: str) -> None:
    """Changes as a table (when, who, what) and a choice of one to undo."""
    if changes.empty:
        st.info("No change recorded yet.", icon=":material/history:")
        return
    rows = list(changes.itertuples(index=False))
    st.container(key=f"changes_{key}").dataframe(pd.DataFrame({
        "#": [int(row.id) for row in rows],
        "When": [f"{row.changed_at:%Y-%m-%d %H:%M}" for row in rows],
        "Who": [row.author for row in rows],
        "Action": [_action(row) for row in rows],
        "Event": [row.title for row in rows],
        "Fields changed": [changed_fields(row.before, row.after) for row in rows],
    }), hide_index=True, width="stretch")
    labels = {int(row.id): f"#{int(row.id)} · {_action(row)} · {row.title} · {row.author}"
              for row in rows}
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    change = left.selectbox("Change to undo", list(labels), key=f"undo_choice_{key}",
                            format_func=labels.get,
                            help="Puts the event back as it was before that change: an added "
                                 "event goes, a deleted one comes back, an import's events go "
                                 "and a removed dataset comes back. The undo is recorded too.")
    if right.button("Undo", key=f"undo_{key}", icon=":material/undo:", width="stretch"):
        if not author:
            st.session_state.flash = [("error", "Nothing was undone: enter your name in the "
                                                "sidebar first.")]
            st.rerun()
        row = next(row for row in rows if int(row.id) == change)
        try:
            recorded = database.undo(change, author=author)
        except Exception as error:
            st.session_state.flash = [("error", f"Nothing was undone: {escape(str(error))}")]
        else:
            present = bool(row.event_id) and database.get(row.event_id) is not None
            outcome = ("is back as it was before it" if present
                       else "is gone again, as before it was added")
            done = (f"“{escape(row.title)}” {outcome}" if row.event_id
                    else f"the {escape(row.what)} is undone")
            st.session_state.flash = [("success", f"Change #{change} undone (recorded as "
                                                  f"#{recorded}): {done}.")]
            if present:
                st.session_state.pending_choice = row.event_id
            elif row.event_id == st.session_state.loaded[0]:
                st.session_state.pending_choice = NEW
        st.rerun()


def _action(row: Any) -> str:
    return f"undo of #{int(row.undoes)}" if row.action == "undo" else row.action


main()
