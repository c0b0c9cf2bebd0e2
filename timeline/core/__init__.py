"""Layer 1, the model and its vocabularies: what an event is and the words it is made of.

:mod:`.model` (the event and its validation), :mod:`.dates` (dates known to a day, month or
year), :mod:`.countries` (ISO codes, names, historic states), :mod:`.event_types` (the type
vocabulary), :mod:`.cameo` (CAMEO codes onto types), :mod:`.filters` (the filter as data, read
from named values) and :mod:`.display` (how an event's pieces read to a person).

May import: the standard library and third-party packages only, nothing else of ``timeline``.
"""
