import pytest

from timeline.core.event_types import EVENT_TYPES, QuadClass, event_type, type_for_cameo

# GDELT's quad classes by CAMEO root: 01–05 verbal cooperation, 06–09 material cooperation,
# 10–14 verbal conflict, 15–20 material conflict.
GDELT_QUAD = {f"{root:02d}": QuadClass(1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14
                                       else 4) for root in range(1, 21)}


@pytest.mark.parametrize("root", sorted(GDELT_QUAD))
def test_every_cameo_root_has_a_type_in_its_gdelt_quad_class(root):
    assert type_for_cameo(root).quad_class == GDELT_QUAD[root]
    assert type_for_cameo(root + "0").quad_class == GDELT_QUAD[root]


@pytest.mark.parametrize(
    ("cameo", "code"),
    [("054", "ties_established"), ("057", "treaty"), ("042", "summit"), ("043", "summit"),
     ("041", "talks"), ("046", "talks"), ("013", "statement"), ("051", "statement"),
     ("161", "ties_cut"), ("163", "sanctions"), ("172", "sanctions"), ("138", "threat"),
     ("152", "military_posture"), ("190", "armed_conflict"), ("0874", "cooperation"),
     ("111", "criticism")],
)
def test_most_specific_cameo_code_wins(cameo, code):
    assert type_for_cameo(cameo).code == code


def test_unknown_codes_are_named():
    with pytest.raises(KeyError, match="'21'"):
        type_for_cameo("21")
    with pytest.raises(KeyError, match=r"'parade'.*treaty"):
        event_type("parade")


def test_vocabulary_is_small_documented_and_unique():
    codes = [t.code for t in EVENT_TYPES]
    assert len(codes) == len(set(codes)) <= 15
    assert all(t.label and t.description.endswith(".") for t in EVENT_TYPES)
