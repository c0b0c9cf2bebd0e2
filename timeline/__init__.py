"""Diplomatic timeline explorer: dated diplomatic events, stored, filtered and drawn.

The pieces, each in its own module: :mod:`timeline.model` (the event and its validation),
:mod:`timeline.dates` (dates known to a day, month or year), :mod:`timeline.countries`
(ISO codes and names), :mod:`timeline.event_types` (the type vocabulary and CAMEO),
:mod:`timeline.filters` (the filter as data), :mod:`timeline.store` (the database),
:mod:`timeline.formats` (event files) and :mod:`timeline.cli` (the command line).
"""
