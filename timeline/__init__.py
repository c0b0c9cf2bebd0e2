"""Diplomatic timeline explorer: dated diplomatic events, stored, filtered and drawn.

Six layers, one sub-package each, lowest first; each imports only itself and those below
(``tests/test_layers.py`` checks it):

1. :mod:`timeline.core` — the event model and its vocabularies (dates, countries, types,
   CAMEO), the filter as data, and how an event's pieces read;
2. :mod:`timeline.extract` — reading news articles: dates, countries, event candidates;
3. :mod:`timeline.files` — event files (CSV, JSON Lines, JSON, TimelineJS) read and written;
4. :mod:`timeline.store` — the database (DuckDB or PostgreSQL), bulk GDELT/ICEWS, imports;
5. :mod:`timeline.views` — charts, tables, relations, facets, anniversaries, URL state and
   documents for people (TimelineJS, iCalendar, an offline page);
6. ``timeline/cli/`` — the command line (:mod:`timeline.cli.main` and its commands).

The dashboard (``app.py``, ``app_pages/``) sits on top and is the only code using Streamlit.
"""
