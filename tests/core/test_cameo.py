import csv
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from timeline.core import cameo
from timeline.core.cameo import (
    actor_country,
    actor_label,
    cameo_countries,
    cameo_events,
    event_label,
    icews_country,
    read_table,
)
from timeline.core.countries import UnknownCountry, is_country, resolve_country
from timeline.core.event_types import EVENT_TYPES_BY_CODE

# CAMEO's region codes: never a country.
REGIONS = [
    "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM",
    "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST",
]
CAMEO_CODE = re.compile(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}")


# --- event labels ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("01", "make public statement"), ("013", "make optimistic comment"),
        ("0874", "retreat or surrender militarily"), ("190", "use conventional military force"),
        ("042", "make a visit"), ("057", "sign formal agreement"),
        ("163", "impose embargo, boycott or sanctions"), ("2042", "detonate nuclear weapons"),
        ("106", "demand meeting, negotiation"), (" 013 ", "make optimistic comment"),
        # unknown codes: the longest known prefix
        ("0875", "de-escalate military engagement"), ("1999", "fight"),
        ("0449", "meet at a third location"),
        # nothing known
        ("99", "CAMEO 99"), ("0", "CAMEO 0"), ("---", "CAMEO ---"), ("", "CAMEO "),
    ],
)
def test_event_labels(code, label):
    assert event_label(code) == label


def test_event_file_holds_every_code_once_under_its_parent():
    rows = read_table(cameo.EVENTS_FILE)
    codes = [row["code"] for row in rows]
    assert len(codes) >= 300
    assert len(set(codes)) == len(codes), "duplicate codes"
    assert [c for c in codes if not CAMEO_CODE.fullmatch(c)] == []
    assert {f"{root:02d}" for root in range(1, 21)} <= set(codes)
    orphans = [c for c in codes if len(c) > 2 and c[:-1] not in codes]  # "0874" needs "087"
    assert orphans == []


def test_event_labels_are_short_lower_case_and_distinct_within_a_root():
    rows = read_table(cameo.EVENTS_FILE)
    bad = [r for r in rows if r["label"] != r["label"].lower() or "not specified" in r["label"]
           or not 3 <= len(r["label"]) <= 70]
    assert bad == []
    # "010" may repeat its root's label; other codes must say something of their own.
    labels = [(r["code"][:2], r["label"]) for r in rows
              if len(r["code"]) > 2 and r["code"][2:] != "0"]
    assert len(set(labels)) == len(labels)


def test_cameo_events_table_has_a_type_for_every_code():
    events = cameo_events()
    assert list(events.columns) == ["code", "label", "type"]
    assert len(events) == len(read_table(cameo.EVENTS_FILE))
    assert set(events["type"]) <= set(EVENT_TYPES_BY_CODE)
    by_code = events.set_index("code")["type"]
    assert (by_code["163"], by_code["0874"], by_code["190"], by_code["043"]) == (
        "sanctions", "cooperation", "armed_conflict", "summit")


# --- actor country codes -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("code", "iso3"),
    [
        ("ROM", "ROU"), ("TMP", "TLS"), ("MTN", "MNE"), ("IMY", "IMN"), ("GZS", "PSE"),
        ("WSB", "PSE"), ("USA", "USA"), ("PRK", "PRK"), ("CHN", "CHN"), ("SUN", "SUN"),
        ("usa", "USA"), (" GBR ", "GBR"), ("KSV", "XKX"), ("AFR", None), ("WST", None),
        ("", None), (" ", None), ("XYZ", None), ("US", None), (None, None), (float("nan"), None),
    ],
)
def test_actor_country(code, iso3):
    assert actor_country(code) == iso3


@pytest.mark.parametrize("code", REGIONS)
def test_regions_have_no_country_but_a_name(code):
    assert actor_country(code) is None
    assert actor_label(code)


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("USA", "United States"), ("PRK", "North Korea"), ("ROM", "Romania"),
        ("TMP", "Timor-Leste"), ("GZS", "Gaza Strip"), ("AFR", "Africa"), ("MEA", "Middle East"),
        ("KSV", "Kosovo"), ("SUN", "USSR"), ("", None), (" ", None), ("XYZ", None),
    ],
)
def test_actor_labels(code, label):
    assert actor_label(code) == label


def test_actor_country_is_memoised():
    actor_country("ROM")
    hits = actor_country.cache_info().hits
    actor_country("ROM")
    assert actor_country.cache_info().hits == hits + 1


def test_actor_crosswalk_rows_are_needed_and_valid():
    rows = read_table(cameo.ACTORS_FILE)
    codes = [row["code"] for row in rows]
    assert len(set(codes)) == len(codes), "duplicate codes"
    assert [c for c in codes if not re.fullmatch(r"[A-Z]{3}", c)] == []
    assert [r for r in rows if r["iso3"] and not is_country(r["iso3"])] == []
    # A row that only repeats ISO, or a region hiding a current ISO code, would be a mistake.
    assert [r for r in rows if r["iso3"] == r["code"]] == []
    assert [r for r in rows if not r["iso3"] and is_country(r["code"])] == []
    assert all(row["name"] for row in rows)
    assert set(REGIONS) <= {r["code"] for r in rows if not r["iso3"]}


def test_cameo_countries_table():
    table = cameo_countries()
    assert list(table.columns) == ["code", "iso3", "label"]
    assert table["code"].is_unique
    rows = table.set_index("code")
    assert rows.loc["ROM", "iso3"] == rows.loc["ROU", "iso3"] == "ROU"
    assert rows.loc["TMP", "iso3"] == "TLS"
    assert rows.loc["USA", "label"] == "United States"
    assert pd.isna(rows.loc["AFR", "iso3"]) and rows.loc["AFR", "label"] == "Africa"
    assert set(REGIONS) <= set(table.loc[table["iso3"].isna(), "code"])
    assert all(is_country(code) for code in table["iso3"].dropna())
    assert table["label"].notna().all()
    assert len(table) > 250


# --- ICEWS country names -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Russian Federation", "RUS"), ("North Korea", "PRK"), ("South Korea", "KOR"),
        ("Occupied Palestinian Territory", "PSE"), ("United States", "USA"),
        ("Congo, Democratic Republic of", "COD"), ("Republic of Congo", "COG"),
        ("Macedonia", "MKD"), ("Serbia and Montenegro", "SCG"), ("Czech Republic", "CZE"),
        ("Swaziland", "SWZ"), ("Burma", "MMR"), ("Myanmar", "MMR"), ("Ivory Coast", "CIV"),
        ("Hong Kong", "HKG"), ("East Timor", "TLS"), ("Timor-Leste", "TLS"),
        ("Libyan Arab Jamahiriya", "LBY"), ("Cook Island", "COK"), ("Gaza", "PSE"),
        ("Namibia", "NAM"), (" Taiwan ", "TWN"),
        ("NA", None), ("", None), ("  ", None), ("Kosovo", "XKX"), ("Narnia", None),
        (None, None), (float("nan"), None),
    ],
)
def test_icews_country(name, iso3):
    assert icews_country(name) == iso3


def test_icews_crosswalk_holds_only_names_resolve_country_cannot_do():
    rows = read_table(cameo.ICEWS_FILE)
    names = [row["name"] for row in rows]
    assert len({n.casefold() for n in names}) == len(names), "duplicate names"
    assert [r for r in rows if r["iso3"] and not is_country(r["iso3"])] == []

    def resolved(name):
        try:
            return resolve_country(name)
        except UnknownCountry:
            return None

    # A row without iso3 would say "no code, on purpose"; the others must change the answer.
    redundant = [r["name"] for r in rows if r["iso3"] and resolved(r["name"]) == r["iso3"]]
    assert redundant == []


# --- coverage of the real sample files (../shared/samples, or $TIMELINE_SAMPLES) ----------------

def sample_folder() -> Path:
    """The folder of real GDELT/ICEWS/CAMEO samples; the calling test fails when it is missing."""
    folder = Path(os.environ.get("TIMELINE_SAMPLES")
                  or Path(__file__).resolve().parents[3] / "shared" / "samples")
    if not (folder / "PROVENANCE.md").is_file():
        pytest.fail(f"sample files not found at {folder}: put the shared samples beside the "
                    "repository (../shared/samples) or set TIMELINE_SAMPLES to their folder")
    return folder


def tsv_rows(path: Path) -> list[list[str]]:
    """Tab-separated rows as text, no quoting (GDELT rows vary in width)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return [line.split("\t") for line in text.splitlines() if line]


def known_region(code: str) -> bool:
    """True when ``code`` is deliberately no country: a region or a non-ISO entity we name."""
    return actor_country(code) is None and actor_label(code) is not None


def test_every_code_of_gdelt_cameo_event_lookup_has_its_own_label():
    samples = sample_folder()
    rows = tsv_rows(samples / "cameo" / "gdelt_lookup_cameoEvent_aamend.tsv")[1:]
    codes = {row[0] for row in rows}
    assert len(codes) > 300
    missing = sorted(codes - set(cameo_events()["code"]))
    assert missing == [], f"CAMEO event codes without a label in data/cameo_events.csv: {missing}"


def test_every_event_code_in_gdelt_and_icews_samples_has_its_own_label():
    samples = sample_folder()
    codes = {row[i] for path in (samples / "gdelt").glob("*.tsv") for row in tsv_rows(path)
             for i in (26, 27, 28)}
    for path in (samples / "icews").glob("*.tab"):
        with path.open(encoding="utf-8", newline="") as file:
            codes |= {row["CAMEO Code"] for row in csv.DictReader(file, delimiter="\t")}
    assert len(codes) > 50
    missing = sorted(codes - set(cameo_events()["code"]))
    assert missing == [], f"event codes in the samples without a label: {missing}"


def test_every_gdelt_actor_country_code_is_a_country_or_a_known_region():
    samples = sample_folder()
    codes = {row[i] for path in (samples / "gdelt").glob("*.tsv") for row in tsv_rows(path)
             for i in (7, 17)} - {""}
    lookup = samples / "cameo" / "gdelt_lookup_cameoCountry_aamend.tsv"
    codes |= {row[0] for row in tsv_rows(lookup)[1:]}
    assert len(codes) > 250
    unknown = sorted(c for c in codes if actor_country(c) is None and not known_region(c))
    assert unknown == [], f"CAMEO actor codes neither ISO nor in data/cameo_actors.csv: {unknown}"


def test_every_icews_country_name_resolves():
    samples = sample_folder()
    names: set[str] = set()
    for path in (samples / "icews").glob("*.tab"):
        with path.open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file, delimiter="\t"):
                names |= {row["Source Country"], row["Target Country"], row["Country"]}
    table = samples / "country_codes" / "icews_countrynames_iso3_cow_schrodt.tsv"
    names |= {row[0] for row in tsv_rows(table) if row[1] != "---"}  # first row: NULL ---
    names -= cameo.ICEWS_MISSING
    assert len(names) > 200
    no_iso = {r["name"] for r in read_table(cameo.ICEWS_FILE) if not r["iso3"]}
    unresolved = sorted(n for n in names if icews_country(n) is None and n not in no_iso)
    assert unresolved == [], f"ICEWS names to add to data/icews_countries.csv: {unresolved}"
