import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.core.countries import UnknownCountry, all_countries, country_name, resolve_country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("PRK", "PRK"), ("prk", "PRK"), ("North Korea", "PRK"), ("DPRK", "PRK"),
        ("North Korean", "PRK"), ("South Korea", "KOR"), ("China", "CHN"), ("PRC", "CHN"),
        ("Taiwan", "TWN"), ("U.S.", "USA"), ("United States", "USA"), ("Russia", "RUS"),
        ("Paraguay", "PRY"), ("Soviet Union", "SUN"), ("USSR", "SUN"), ("SUN", "SUN"),
        ("East Germany", "DDR"), ("DDR", "DDR"), ("Yugoslavia", "YUG"),
        ("Czechoslovakia", "CSK"), ("  Japan ", "JPN"),
        ("Joseon", "XKR"), ("Korean Empire", "XKR"), ("xkr", "XKR"), ("Korea", "KOR"),
        # no ISO code: the user-assigned one the EU, the IMF and CLDR use
        ("Kosovo", "XKX"), ("Republic of Kosovo", "XKX"), ("xkx", "XKX"),
    ],
)
def test_names_codes_and_aliases_resolve(text, code):
    assert resolve_country(text) == code


@pytest.mark.parametrize("text", ["Narnia", "XXX", "", "   ", "Korea, Middle"])
def test_unknown_country_is_named_in_the_error(text):
    with pytest.raises(UnknownCountry, match="not a country code or name") as error:
        resolve_country(text)
    assert repr(text) in str(error.value)


@pytest.mark.parametrize(
    ("code", "name"),
    [("PRK", "North Korea"), ("KOR", "South Korea"), ("TWN", "Taiwan"), ("SUN", "USSR"),
     ("YUG", "Yugoslavia"), ("CSK", "Czechoslovakia"), ("CHN", "China"),
     ("XKR", "Korea (before 1948)"), ("XKX", "Kosovo")],
)
def test_names_are_the_ones_readers_use(code, name):
    assert country_name(code) == name


def test_every_listed_country_resolves_from_its_own_name():
    codes = all_countries()
    assert {"PRK", "SUN", "DDR", "TWN", "XKR", "XKX"} <= set(codes)
    mismatched = [code for code in codes if resolve_country(code) != code]
    assert mismatched == []


@given(st.text(max_size=40))
def test_any_text_resolves_to_a_known_code_or_is_refused_by_name(text):
    try:
        code = resolve_country(text)
    except UnknownCountry as error:
        assert repr(text) in str(error)
    else:
        assert code in set(all_countries()) and resolve_country(code) == code


@given(st.sampled_from(all_countries()))
def test_every_code_round_trips_through_its_display_name_or_code(code):
    assert resolve_country(code.lower()) == code
    assert country_name(code)  # never empty


def test_historic_korea_has_its_own_code_apart_from_both_koreas():
    """Joseon and the Korean Empire are not South Korea: a user picking "South Korea" must not
    get the 1876 Ganghwa treaty, and the picker names the old state plainly."""
    assert resolve_country("Korean Empire") not in {"KOR", "PRK"}
    assert resolve_country(country_name("XKR")) == "XKR"
    names = [country_name(code) for code in all_countries()]
    assert names.count("Korea (before 1948)") == 1
