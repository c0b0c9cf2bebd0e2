"""BigQuery, where GDELT is published: the dashboard's queries compiled to BigQuery's SQL, and
GDELT's own table mapped to the event model. Compiled only: no connection is made here (a
live project could not be tested, see README "When one machine is not enough").

GDELT 2.0's events are the public table ``gdelt-bq.gdeltv2.events`` (one row per event,
about a billion; ``gdelt-bq.gdeltv2.events_partitioned`` is the same partitioned by the day
it was added, ``_PARTITIONTIME``). :func:`views` gives the ``CREATE VIEW`` statements that
present it as the store's tables in a dataset of yours, mapped as ``timeline import`` maps a
GDELT file (:mod:`timeline.store.bulk`):

====================================  ======================================================
GDELT column                          event model
====================================  ======================================================
``GLOBALEVENTID``                     ``key``; ``id`` = ``gdelt-<GLOBALEVENTID>``
``SQLDATE`` (``YYYYMMDD``)            ``first_day`` = ``last_day``, precision ``day``
``Actor1CountryCode``                 ``actor`` (CAMEO country → ISO alpha-3 through the
                                      ``cameo_countries`` table; regions such as ``AFR``
                                      map to none), first of ``countries``
``Actor2CountryCode``                 ``target``, second of ``countries`` (unless the same)
``Actor1Name``, ``Actor2Name``        the title's names where the country has none
``EventCode``                         ``cameo``; ``type`` and the title's verb through
                                      ``cameo_events`` ("United States → China: make
                                      optimistic comment")
``GoldsteinScale``                    ``goldstein``
``NumMentions``                       ``weight``
``SOURCEURL``                         the event's one source (its host as publisher)
====================================  ======================================================

Every event lands in the dataset ``gdelt``; ``summary`` and ``tags`` are empty and
``version`` is 1. The two code tables are the project's own
(:func:`timeline.core.cameo.cameo_events` and :func:`timeline.core.cameo.cameo_countries`),
loaded once into the same dataset (``bq load`` from their CSV). ``country_months`` is a
view that counts ``event_countries`` by month: a materialized view or a scheduled table
would keep that cheap.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from timeline.core.filters import EventFilter

from . import portable

DIALECT = "bigquery"
#: The columns of GDELT 2.0's event table that the mapping reads.
GDELT_COLUMNS = {
    "GLOBALEVENTID": "int64", "SQLDATE": "int64", "Actor1Name": "string",
    "Actor1CountryCode": "string", "Actor2Name": "string", "Actor2CountryCode": "string",
    "EventCode": "string", "GoldsteinScale": "float64", "NumMentions": "int64",
    "SOURCEURL": "string"}
GDELT_EVENTS = ibis.table(GDELT_COLUMNS, name="events", catalog="gdelt-bq",
                           database="gdeltv2")


def code_tables(project: str, dataset: str) -> tuple[ir.Table, ir.Table]:
    """The CAMEO event codes (``code``, ``label``, ``type``) and country codes (``code``,
    ``iso3``, ``label``) as loaded into ``project.dataset``."""
    return (ibis.table({"code": "string", "label": "string", "type": "string"},
                       name="cameo_events", catalog=project, database=dataset),
            ibis.table({"code": "string", "iso3": "string", "label": "string"},
                       name="cameo_countries", catalog=project, database=dataset))


def gdelt_events(project: str, dataset: str, gdelt: ir.Table = GDELT_EVENTS) -> ir.Table:
    """GDELT's events as the store's ``events`` table (the columns of
    :data:`timeline.store.portable.EVENTS`), rows with an unknown event code left out."""
    kinds, countries = code_tables(project, dataset)
    kinds = kinds.select(event_code=kinds.code, verb=kinds.label, type=kinds.type)
    actor = countries.select(actor_code=countries.code, actor=countries.iso3,
                             actor_label=countries.label)
    target = countries.select(target_code=countries.code, target=countries.iso3,
                              target_label=countries.label)
    joined = (gdelt.join(kinds, gdelt.EventCode == kinds.event_code)
              .left_join(actor, gdelt.Actor1CountryCode == actor.actor_code)
              .left_join(target, gdelt.Actor2CountryCode == target.target_code))
    day = joined.SQLDATE.cast("string").as_date("%Y%m%d")
    actor_code, target_code = joined.actor, joined.target
    other = ibis.ifelse(target_code == actor_code, ibis.null("string"), target_code)
    title = (joined.actor_label.coalesce(joined.Actor1Name, "Unknown actor")
             + (ibis.literal(" → ") + joined.target_label.coalesce(joined.Actor2Name))
             .coalesce("")
             + ": " + joined.verb).substr(0, 300)
    listed = ibis.array([actor_code, other]).filter(lambda code: code.notnull())
    return joined.select(
        key=joined.GLOBALEVENTID, id="gdelt-" + joined.GLOBALEVENTID.cast("string"),
        dataset=ibis.literal("gdelt"), first_day=day, precision=ibis.literal("day"),
        end_day=ibis.null("date"), end_precision=ibis.null("string"), last_day=day,
        title=title, summary=ibis.literal(""), actor=actor_code, target=target_code,
        type=joined.type, tags=ibis.literal([], "array<string>"), cameo=joined.EventCode,
        goldstein=joined.GoldsteinScale, weight=joined.NumMentions.cast("int32"),
        search_text=title.lower(), version=ibis.literal(1, "int32"), countries=listed,
        batch=ibis.null("int64"))


def views(project: str, dataset: str) -> dict[str, str]:
    """``CREATE OR REPLACE VIEW`` statements presenting GDELT as the store's tables
    (``events``, ``event_countries``, ``sources``, ``country_months``) in
    ``project.dataset``, in BigQuery's SQL."""
    events = gdelt_events(project, dataset)
    rows = events.select("key", "dataset", "first_day", "last_day", "type", "countries",
                         code=events.countries.unnest())
    countries = rows.select("key", "dataset", "first_day", "last_day", "type",
                            country=rows.code, position=ibis.literal(0, "int16"),
                            members=ibis.literal(""), earlier=ibis.literal(""))
    gdelt = GDELT_EVENTS
    host = gdelt.SOURCEURL.re_extract(r"^https?://([^/:?#]+)", 1)
    sources = gdelt.select(key=gdelt.GLOBALEVENTID, position=ibis.literal(0, "int16"),
                           publisher=host, url=gdelt.SOURCEURL, published=ibis.null("date"),
                           quote=ibis.literal(""))
    months = countries.group_by(
        "dataset", "country", "type",
        month=countries.first_day.truncate("M").cast("timestamp").cast("date")).aggregate(
        events=countries.count())
    return {name: f"CREATE OR REPLACE VIEW `{project}.{dataset}.{name}` AS\n"
                  f"{ibis.to_sql(expr, dialect=DIALECT)}"
            for name, expr in (("events", events), ("event_countries", countries),
                               ("sources", sources), ("country_months", months))}


def dashboard_queries(event_filter: EventFilter, *, period: str = "year",
                      lanes: list[str] | None = None, page_size: int = 100,
                      lane_limit: int = 8) -> dict[str, str]:
    """The SQL of each question the dashboard asks for a filter — the count, the first page,
    the busiest lanes, the counts per lane and period, the facets — compiled for BigQuery
    against the store's tables (the views of :func:`views`, in the default dataset)."""
    matched = portable.matched(event_filter)
    rows = portable.lane_rows(event_filter, matched, period, lanes)
    queries = {"count": matched.count(), "page": portable.page(matched, page_size),
               "lanes": portable.lanes_ranked(rows, lane_limit),
               "counts": portable.lane_counts(rows, lanes or []),
               **{f"facet_{name}": expr for name, expr in portable.facets(
                   matched.select("key", "first_day", "id", "countries", "type"),
                   lane_limit).items()}}
    return {name: ibis.to_sql(expr, dialect=DIALECT) for name, expr in queries.items()}
