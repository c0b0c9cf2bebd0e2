"""Layer 2, reading news articles: the dates, countries and events they report, for a
person to review.

One module per step, in the order an article goes through them:

- :mod:`~timeline.extract.article_text` — an uploaded ``.txt``/``.html`` file as text, and the
  passage around a sentence (imports nothing else of this package: file import uses it);
- :mod:`~timeline.extract.sentences` — where each sentence starts and ends;
- :mod:`~timeline.extract.timex` — what the date tagger gives back (:class:`Timex`), and the
  words for months and numbers its modules share;
- :mod:`~timeline.extract.temporal` — date expressions resolved against the publication day
  (TIMEX3 values), and, through :mod:`~timeline.extract.anchored`, those told against another
  date in the text ("that September", "the following month", "two years later");
- :mod:`~timeline.extract.mentions` — countries named by names, demonyms, capitals, seats of
  power, state media and leaders (the gazetteer is built from maintained packages and
  ``data/``);
- :mod:`~timeline.extract.features` — "the Gulf of Guinea", "the Korea Strait": a country word
  in a feature's name, no mention; "the Panama Canal", a place of its country;
- :mod:`~timeline.extract.groups` — "the Baltic states": the members of a group in
  ``data/country_groups.csv``;
- :mod:`~timeline.extract.unions` — "the five former Soviet republics": the members of a
  former union (``data/former_unions.csv``) the text names, not the union;
- :mod:`~timeline.extract.fits` — which countries a description fits: an island state, a
  region's adjective ("Caribbean", "Central Asian"), a group's ("Gulf");
- :mod:`~timeline.extract.descriptions` — "his country", "its people", "the former Portuguese
  colony", "the island", "the Caribbean nation": the one country they stand for;
- :mod:`~timeline.extract.references` — "the two countries", "the three countries", "both
  sides", "the neighbours": the countries they stand for, from the sentences before (with
  groups and descriptions: every country mention the candidates use);
- :mod:`~timeline.extract.keywords` — the event wordings and their types, and the words that
  hedge or negate a report;
- :mod:`~timeline.extract.cameo_verbs` — event words beyond that table: the verbs of CAMEO's
  event labels in every inflected form;
- :mod:`~timeline.extract.open_verbs` — and beyond both: the verb in the simple past that
  heads a clause ("fled", "took", "began");
- :mod:`~timeline.extract.independence` — "since the archipelago won independence from
  Britain": the new state and its former ruler, the candidate's countries;
- :mod:`~timeline.extract.event_dates` — the date (and end date) an event in a sentence can
  have, at day, month or year precision;
- :mod:`~timeline.extract.clauses` — a sentence with two dates cut into clauses, and what each
  country is to the event word by word order (subject, object, topic);
- :mod:`~timeline.extract.parties` — who is what to one clause's event once word order is
  mended (a host or broker, "the checks Berlin introduced", "who", "He", "they", what the
  clause before leaves), with the reasons;
- :mod:`~timeline.extract.scoring` — the event word that types a clause and the confidence;
- :mod:`~timeline.extract.candidates` — the candidates themselves (:func:`extract_candidates`);
- :mod:`~timeline.extract.review` — the review table a person corrects, back to events
  (the ``dates``, ``countries`` and ``extract`` commands are :mod:`timeline.cli.extract`).

May import: :mod:`timeline.core` (the model and vocabularies) only: never the files, the
store or the views. Nothing here imports Streamlit. This ``__init__`` imports nothing, so
reading HTML (``article_text``) or dates in words (``temporal``) does not load the rest.
"""
