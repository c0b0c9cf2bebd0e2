"""The import page: upload an events file, see what it holds and what is wrong, then import.

UI glue only: the checks and the import are :func:`timeline.store.importers.import_file`, first as a
dry run (the preview), then for real. Nothing is written until the user presses a button.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages.shared import escape, page_store
from timeline.core.wording import counted
from timeline.files.formats import rejected_rows_csv
from timeline.store import ImportSummary, StoreError
from timeline.store.importers import LOOK_ALIKES, UnrecognisedFile, detect_format, import_file

FORMAT_NAMES = {"csv": "the project's CSV", "jsonl": "the project's JSON Lines",
                "json": "the project's JSON", "gdelt": "GDELT events", "icews": "ICEWS events"}


def main() -> None:
    st.title("Import events", anchor=False)
    st.markdown("Upload the project's own CSV, JSON Lines or JSON (as `timeline export` writes "
                "them), a GDELT 1.0 or 2.0 event file, or an ICEWS `.tab` file — plain or "
                "zipped. You see what the file holds and what is wrong with it before anything "
                "is stored.")
    upload = st.file_uploader("Events file", key="upload",
                              help="The dashboard takes files up to its upload limit "
                                   "(shown below); larger files go in with the command line: "
                                   "`timeline import FILE`.")
    if "imported" in st.session_state:
        _last_import()
    if upload is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(upload.name).name
        path.write_bytes(upload.getbuffer())
        _preview_and_import(path, upload.name)


def _preview_and_import(path: Path, name: str) -> None:
    try:
        fmt = "zip" if zipfile.is_zipfile(path) else detect_format(path, name=name)
    except (UnrecognisedFile, OSError) as error:
        st.error(escape(str(error)), icon=":material/error:")
        return
    bulk = fmt in ("gdelt", "icews", "zip")
    dataset = st.text_input("Dataset", value=fmt if fmt in ("gdelt", "icews") else "curated",
                            key="dataset",
                            help="Imported events go into this dataset; the explorer shows "
                                 "the curated one unless you pick others.")
    if not dataset.strip():
        st.warning("Name the dataset to import into.")
        return
    author = st.text_input("Your name", key="author",
                           help="Recorded with the import in the history (Edit events, "
                                "Recent changes), where it can be undone.").strip()
    with st.spinner("Checking the file…"):
        try:
            # The very import, rolled back: what it says is what importing will do.
            preview = import_file(page_store(), path, dataset=dataset.strip(), dry_run=True,
                                  skip_invalid=True, name=name, author=author or "dashboard")
        except (ValueError, OSError, StoreError) as error:
            st.error(escape(str(error)), icon=":material/error:")
            return
    st.markdown(f"**{escape(name)}** — {FORMAT_NAMES.get(fmt, 'a zip archive')}: "
                f"{counted(preview.rows, 'row')}, {preview.imported:,} can be imported.")
    for reason, count in preview.skipped.items():
        st.caption(f"{counted(count, 'row')} {escape(reason)}")
    for warning in preview.warnings:
        st.warning(escape(str(warning)), icon=":material/warning:")
    alike = preview.skipped.get(LOOK_ALIKES, 0)
    allow_similar = alike > 0 and st.checkbox(
        f"Import the {counted(alike, 'event')} similar to stored ones too", key="allow_similar",
        help="Same countries, overlapping dates and an alike title: most often the same "
             "event told twice. Left out unless you tick this.")
    problems = _problems_table(preview)
    if not problems.empty:
        invalid = len(set(problems["line"]))
        st.warning(("1 row is not a valid event" if invalid == 1 else
                    f"{invalid:,} rows are not valid events")
                   + "; each problem names its line and field.", icon=":material/rule:")
        st.dataframe(problems, hide_index=True, width="stretch")
        st.download_button("Download the rejected rows (CSV)", rejected_rows_csv(preview),
                           file_name=f"{Path(name).stem}-rejected.csv", mime="text/csv",
                           icon=":material/download:", on_click="ignore")
    if preview.imported + (alike if allow_similar else 0) == 0:
        st.info("Nothing in this file can be imported.", icon=":material/block:")
        return
    whole = st.button("Import all", type="primary", disabled=not problems.empty and not bulk,
                      help="All or nothing: available when every row is valid.")
    valid_only = not problems.empty and st.button(
        f"Import the {counted(preview.imported, 'valid row')} only")
    if whole or valid_only:
        bar = st.progress(0.0, text="Importing…")
        try:
            summary = import_file(page_store(), path, dataset=dataset.strip(),
                                  skip_invalid=bool(valid_only or bulk), name=name,
                                  allow_similar=allow_similar, author=author or "dashboard",
                                  progress=lambda done: bar.progress(done, text="Importing…"))
        except (StoreError, OSError) as error:  # busy, a full disk, no memory: said as such
            bar.empty()
            st.error(f"Nothing was imported: {escape(str(error))}", icon=":material/error:")
            return
        bar.empty()
        st.session_state.imported = (summary.change, summary.sentence())
        st.rerun()


def _last_import() -> None:
    """What the last import of this session did, and a button that undoes it as a whole."""
    change, text = st.session_state.imported
    st.success(escape(text), icon=":material/check:")
    if change is None:
        return
    st.caption(f"Recorded as change #{change}: it is in Recent changes on the Edit events "
               "page, and can be undone there or here.")
    if st.button("Undo this import", key="undo_import", icon=":material/undo:"):
        try:
            author = st.session_state.get("author") or "dashboard"
            recorded = page_store().undo(change, author=author)
        except StoreError as error:
            st.error(f"Nothing was undone: {escape(str(error))}", icon=":material/error:")
            return
        st.session_state.imported = (None, f"Import undone (recorded as change #{recorded}).")
        st.rerun()


def _problems_table(summary: ImportSummary) -> pd.DataFrame:
    """One row per problem: file (as uploaded), line, field and message."""
    rows = [(p.file, p.line, p.problem.field, p.problem.message) for p in summary.problems]
    return pd.DataFrame(rows, columns=["file", "line", "field", "message"])


main()
