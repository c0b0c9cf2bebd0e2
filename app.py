"""The dashboard: ``streamlit run app.py`` (or ``make run``).

UI glue only: widgets → :mod:`timeline` calls → ``st.*``.
"""

import streamlit as st

from timeline.countries import country_name
from timeline.store import CURATED_FILE, Store, open_store


@st.cache_resource
def store() -> Store:
    """The database, created from data/ on first start."""
    return open_store(seed=CURATED_FILE)


st.set_page_config(page_title="Diplomatic timeline", layout="wide")
st.title("Diplomatic timeline")
events = store().query()
st.caption(f"{len(events)} events")
st.dataframe(
    events.assign(countries=events["countries"].map(
        lambda codes: ", ".join(country_name(code) for code in codes)))[
        ["date", "end_date", "title", "countries", "type", "summary"]],
    hide_index=True,
)
