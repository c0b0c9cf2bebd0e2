"""Layer 3, event files: reading and writing the project's CSV, JSON Lines and JSON, and
TimelineJS JSON, safely (:mod:`.textfiles`: only regular UTF-8 files, sizes capped).

May import: :mod:`timeline.core` and :mod:`timeline.extract` (a TimelineJS slide's countries
are the ones its text names). Never the database.
"""
