"""Layer 5, views: what the dashboard and the exports make of stored events — the timeline
and density charts, tables and spreadsheet CSV, relations between countries, facets,
anniversaries, the chart's viewport, the URL state, documents for people (TimelineJS,
iCalendar, an offline HTML page), and a slow engine's reads answered in the background
(:mod:`~timeline.views.background`).

May import: :mod:`timeline.core`, :mod:`timeline.extract`, :mod:`timeline.files` and
:mod:`timeline.store`. Never Streamlit: the pages in ``app_pages/`` call these.
"""
