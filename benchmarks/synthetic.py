"""Synthetic GDELT 1.0 event files for the scale benchmark, written in the real format.

Each row has one or two actor countries, skewed toward the frequent ones (about one actor in
six is blank or a region, as in GDELT), a CAMEO code from across the codebook, and a date from
1979 to 2025, denser in recent years. GDELT rows name at most two actor countries, so an event
has one or two countries, never three.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from timeline.store.importers import GDELT1_COLUMNS

# Frequent countries first; "" is a blank actor, AFR and EUR are regions.
COUNTRIES = ["USA", "CHN", "RUS", "GBR", "ISR", "IRN", "IND", "FRA", "DEU", "JPN", "KOR", "PRK",
             "UKR", "TUR", "PAK", "SYR", "AFG", "IRQ", "SAU", "EGY", "BRA", "MEX", "CAN", "AUS",
             "TWN", "VNM", "PHL", "IDN", "ZAF", "NGA", "PRY", "ROM", "AFR", "EUR", ""]
CAMEO = ["010", "013", "020", "036", "040", "041", "042", "043", "046", "051", "054", "057",
         "061", "071", "0874", "090", "112", "120", "130", "138", "141", "150", "161", "163",
         "172", "190", "193", "020"]
HOSTS = ["news.example.org", "daily.example.com", "wire.example.net", "times.example.org"]


def write_gdelt(path: Path, rows: int, *, seed: int = 0, chunk: int = 1_000_000,
                first_id: int = 0) -> Path:
    """Write ``rows`` synthetic GDELT 1.0 daily rows (58 columns, tab-separated) to ``path``,
    their GLOBALEVENTIDs counting from ``first_id`` (files of one run do not share IDs)."""
    rng = np.random.default_rng(seed)
    weights = 1 / np.arange(1, len(COUNTRIES) + 1) ** 1.1
    weights[-1] = weights[0] * 0.5  # blank actors are common
    weights /= weights.sum()
    first = np.datetime64("1979-01-01")
    span = (np.datetime64("2025-12-31") - first).astype(int)
    options = pcsv.WriteOptions(include_header=False, delimiter="\t", quoting_style="none")
    with pcsv.CSVWriter(path, _schema(), write_options=options) as writer:
        for start in range(0, rows, chunk):
            size = min(chunk, rows - start)
            # Recent years denser: days before the end of 2025, exponentially distributed.
            back = np.minimum(rng.exponential(span / 5, size), span).astype(int)
            days = (first + span - back).astype("datetime64[D]")
            actor = rng.choice(COUNTRIES, size, p=weights)
            target = rng.choice(COUNTRIES, size, p=weights)
            target[actor == target] = ""
            actor[(actor == "") & (target == "")] = "USA"  # every event names a country
            ids = np.arange(first_id + start, first_id + start + size)
            columns = dict.fromkeys(GDELT1_COLUMNS, pa.nulls(size, pa.string()))
            sqldate = pc.strftime(pa.array(days), format="%Y%m%d")
            columns.update(
                GLOBALEVENTID=pc.cast(pa.array(ids), pa.string()), SQLDATE=sqldate,
                Actor1CountryCode=pa.array(actor), Actor2CountryCode=pa.array(target),
                EventCode=pa.array(rng.choice(CAMEO, size)),
                GoldsteinScale=pc.cast(pa.array(rng.integers(-100, 101, size) / 10), pa.string()),
                NumMentions=pc.cast(pa.array(rng.integers(1, 50, size)), pa.string()),
                DATEADDED=sqldate,
                SOURCEURL=pc.binary_join_element_wise(
                    pa.array(rng.choice(HOSTS, size)), pc.cast(pa.array(ids), pa.string()),
                    "/story/"),
            )
            columns["SOURCEURL"] = pc.binary_join_element_wise("https://",
                                                               columns["SOURCEURL"], "")
            writer.write_table(pa.table(columns, schema=_schema()))
    return path


def _schema() -> pa.Schema:
    return pa.schema([(name, pa.string()) for name in GDELT1_COLUMNS])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("rows", type=int)
    args = parser.parse_args()
    write_gdelt(args.path, args.rows)
