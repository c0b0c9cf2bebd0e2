"""The import page: upload an events file, see what it holds and what is wrong, then import.

UI glue only: the checks and the import are :func:`timeline.importers.import_file`, first as a
dry run (the preview), then for real. Nothing is written until the user presses a button.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages.shared import escape, store
from timeline.formats import rejected_rows_csv
from timeline.importers import UnrecognisedFile, detect_format, import_file
from timeline.store import ImportSummary

FORMAT_NAMES = {"csv": "the project's CSV", "jsonl": "the project's JSON Lines",
                "json": "the project's JSON", "gdelt": "GDELT events", "icews": "ICEWS events"}


def main() -> None:
    st.title("Import events", anchor=False)
    st.markdown("Upload the project's own CSV, JSON Lines or JSON (as `timeline export` writes "
                "them), a GDELT 1.0 or 2.0 event file, or an ICEWS `.tab` file — plain or "
                "zipped. You see what the file holds and what is wrong with it before anything "
                "is stored.")
    upload = st.file_uploader("Events file", key="upload",
                              help="The size limit is set by server.maxUploadSize in "
                                   ".streamlit/config.toml; import larger files with "
                                   "`timeline import`.")
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
    with store().cursor() as database, st.spinner("Checking the file…"):
        try:
            preview = import_file(database, path, dataset=dataset.strip(), dry_run=True,
                                  skip_invalid=True, name=name)
        except (ValueError, OSError) as error:
            st.error(escape(str(error)), icon=":material/error:")
            return
    st.markdown(f"**{escape(name)}** — {FORMAT_NAMES.get(fmt, 'a zip archive')}: "
                f"{preview.rows:,} row(s), {preview.imported:,} can be imported.")
    for reason, count in preview.skipped.items():
        st.caption(f"{count:,} row(s) {escape(reason)}")
    for warning in preview.warnings:
        st.warning(escape(str(warning)), icon=":material/warning:")
    problems = _problems_table(preview)
    if not problems.empty:
        st.warning(f"{len(set(problems['line'])):,} row(s) are not valid events; each "
                   "problem names its line and field.", icon=":material/rule:")
        st.dataframe(problems, hide_index=True, width="stretch")
        st.download_button("Download the rejected rows (CSV)", rejected_rows_csv(preview),
                           file_name=f"{Path(name).stem}-rejected.csv", mime="text/csv",
                           icon=":material/download:", on_click="ignore")
    if preview.imported == 0:
        st.info("Nothing in this file can be imported.", icon=":material/block:")
        return
    whole = st.button("Import all", type="primary", disabled=not problems.empty and not bulk,
                      help="All or nothing: available when every row is valid.")
    valid_only = not problems.empty and st.button(
        f"Import the {preview.imported:,} valid row(s) only")
    if whole or valid_only:
        bar = st.progress(0.0, text="Importing…")
        with store().cursor() as database:
            summary = import_file(database, path, dataset=dataset.strip(),
                                  skip_invalid=bool(valid_only or bulk), name=name,
                                  progress=lambda done: bar.progress(done, text="Importing…"))
        bar.empty()
        st.success(escape(str(summary)), icon=":material/check:")


def _problems_table(summary: ImportSummary) -> pd.DataFrame:
    """One row per problem: file (as uploaded), line, field and message."""
    rows = [(p.file, p.line, p.problem.field, p.problem.message) for p in summary.problems]
    return pd.DataFrame(rows, columns=["file", "line", "field", "message"])


main()
