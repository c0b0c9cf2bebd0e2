"""The dashboard: ``streamlit run app.py`` (or ``make run``).

Glue only: the pages live in ``app_pages/`` (Streamlit's convention); the logic in
:mod:`timeline`.
"""

import streamlit as st

# An emoji favicon is drawn in the page; without one, Streamlit fetches the page's Material
# icon from a font CDN, which fails offline.
st.set_page_config(page_title="Diplomatic timeline", page_icon="🌐", layout="wide")
st.navigation([
    st.Page("app_pages/explore.py", title="Explore", icon=":material/timeline:", default=True),
    st.Page("app_pages/import_events.py", title="Import", icon=":material/upload_file:",
            url_path="import"),
    st.Page("app_pages/article.py", title="From an article", icon=":material/article:",
            url_path="article"),
    st.Page("app_pages/curate.py", title="Edit events", icon=":material/edit:", url_path="edit"),
]).run()
