"""Country codes and names: ISO 3166-1 alpha-3, historic states included.

Names and codes come from maintained packages, never from a table of our own: ``pycountry``
knows the ISO codes, the historic states (USSR ``SUN``, East Germany ``DDR``, Yugoslavia ``YUG``,
Czechoslovakia ``CSK``) and common names ("North Korea"); ``countrynames`` knows what people
type ("DPRK", "Soviet Union", "North Korean"); Babel's copy of the Unicode CLDR gives the short
English names readers expect ("Russia", not pycountry's "Russian Federation").

Two states ISO never coded get codes from ISO's user-assigned range: Korea before its division
(``XKR``, ours, see ``UNCODED_HISTORIC``), so the Joseon kingdom and the Korean Empire do not
answer "South Korea"; and Kosovo (``XKX``, ``UNCODED_CURRENT``), as the European Union, the IMF,
CLDR and ``countrynames`` code it (``XK``), since GDELT (``KSV``) and ICEWS code its events too.
"""

from __future__ import annotations

from functools import cache

import countrynames
import pycountry
from babel import Locale


class UnknownCountry(ValueError):
    """Raised when a text names no country we know."""


# Historic states ISO 3166-3 has no code for, each under a code from ISO's user-assigned range
# (XAA-XZZ), which ISO will never give a country. Korea before 1948 (the Joseon kingdom, the
# Korean Empire of 1897-1910, Japanese rule, then the Soviet and US zones until the two
# republics were proclaimed in August and September 1948) is neither KOR nor PRK: coded KOR, a
# nineteenth-century treaty would show in every "South Korea" query.
UNCODED_HISTORIC = (
    pycountry.db.Country(alpha_3="XKR", name="Korea (before 1948)",
                         withdrawal_date="1948-08-15"),
)
_UNCODED_NAMES = {"joseon": "XKR", "korean empire": "XKR", "korea (before 1948)": "XKR"}
# Current states ISO 3166-1 has not coded, under the user-assigned codes in common use.
UNCODED_CURRENT = (pycountry.db.Country(alpha_2="XK", alpha_3="XKX", name="Kosovo"),)


@cache
def _by_alpha3() -> dict[str, object]:
    records = {c.alpha_3: c for c in UNCODED_HISTORIC}
    records.update({c.alpha_3: c for c in pycountry.historic_countries})
    records.update({c.alpha_3: c for c in UNCODED_CURRENT})
    records.update({c.alpha_3: c for c in pycountry.countries})  # current codes win
    return records


def current_alpha3(alpha2: str) -> str | None:
    """The alpha-3 code of a current state's alpha-2 code ("KP" → "PRK", "XK" → "XKX"), or
    None."""
    country = pycountry.countries.get(alpha_2=alpha2)
    if country is not None:
        return country.alpha_3
    return next((c.alpha_3 for c in UNCODED_CURRENT if c.alpha_2 == alpha2), None)


@cache
def _historic_by_code() -> dict[str, str]:
    """Alpha-2 and alpha-4 codes of historic states → alpha-3 ("SUHH" → "SUN")."""
    codes: dict[str, list[str]] = {}
    for state in pycountry.historic_countries:
        for code in (state.alpha_2, state.alpha_4):
            codes.setdefault(code, []).append(state.alpha_3)
    # "CS" was both Czechoslovakia and Serbia and Montenegro: ambiguous codes resolve to nothing.
    return {code: alpha3[0] for code, alpha3 in codes.items() if len(alpha3) == 1}


def is_country(code: str) -> bool:
    """True when ``code`` is a current or historic ISO 3166-1 alpha-3 code."""
    return code in _by_alpha3()


def country_name(code: str) -> str:
    """The short name a reader expects: ``PRK`` → "North Korea", ``RUS`` → "Russia",
    ``SUN`` → "USSR".

    CLDR's English name where it has one, else pycountry's common name or name (historic
    states: the short part before the comma). Unknown codes come back unchanged, so a display
    never fails on them.
    """
    record = _by_alpha3().get(code)
    if record is None:
        return code
    if not getattr(record, "withdrawal_date", None):
        cldr = _cldr_names().get(record.alpha_2)
        if cldr:
            return cldr
    name = getattr(record, "common_name", None) or record.name
    if getattr(record, "withdrawal_date", None):
        # Historic names read "USSR, Union of Soviet Socialist Republics": keep the short part.
        name = name.split(",")[0]
    return name


@cache
def _cldr_names() -> dict[str, str]:
    return dict(Locale("en").territories)


def resolve_country(text: str) -> str:
    """Return the alpha-3 code for a code, name or alias.

    ``"PRK"``, ``"North Korea"``, ``"DPRK"`` and ``"North Korean"`` all give ``"PRK"``;
    ``"Soviet Union"`` gives ``"SUN"``; ``"Joseon"`` and ``"Korean Empire"`` give ``"XKR"``.
    Raises :class:`UnknownCountry` otherwise.
    """
    cleaned = text.strip() if isinstance(text, str) else ""
    if is_country(cleaned.upper()) and len(cleaned) == 3:
        return cleaned.upper()
    code = _code_from_names(cleaned) or _code_from_names(cleaned.replace(".", ""))
    if code is None:
        raise UnknownCountry(f"{text!r} is not a country code or name we know")
    return code


def _code_from_names(text: str) -> str | None:
    if not text:
        return None
    if text.lower() in _UNCODED_NAMES:
        return _UNCODED_NAMES[text.lower()]
    for database in (pycountry.countries, pycountry.historic_countries):
        try:
            return database.lookup(text).alpha_3
        except LookupError:
            pass
    code = countrynames.to_code(text)
    if code is None:
        return None
    return current_alpha3(code) or _historic_by_code().get(code)


def all_countries() -> list[str]:
    """Every known alpha-3 code, current and historic, sorted by display name."""
    return sorted(_by_alpha3(), key=country_name)
