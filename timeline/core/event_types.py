"""The vocabulary of diplomatic event types and how each maps onto CAMEO.

Every type names the CAMEO codes it covers and its quad class (GDELT's four-way split:
1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict), so
events imported from GDELT or ICEWS land in the same types as hand-curated ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class QuadClass(IntEnum):
    """GDELT's quad class: whether an event is cooperation or conflict, in words or deeds."""

    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4

    @property
    def cooperative(self) -> bool:
        return self <= QuadClass.MATERIAL_COOPERATION


@dataclass(frozen=True)
class EventType:
    """One type of the vocabulary: ``code`` is what files and URLs hold."""

    code: str
    label: str
    description: str
    cameo: tuple[str, ...]
    quad_class: QuadClass


EVENT_TYPES: tuple[EventType, ...] = (
    EventType("ties_established", "Ties established", "Diplomatic relations established,"
              " restored or recognition granted.", ("054",), QuadClass.VERBAL_COOPERATION),
    EventType("ties_cut", "Ties reduced or cut", "Relations downgraded or broken, aid"
              " stopped, negotiations halted, diplomats expelled.",
              ("16",), QuadClass.MATERIAL_CONFLICT),
    EventType("treaty", "Treaty or agreement", "A treaty, pact or formal agreement signed.",
              ("057",), QuadClass.VERBAL_COOPERATION),
    EventType("summit", "Summit or visit", "A summit, state visit or meeting of leaders or"
              " ministers.", ("042", "043", "044"), QuadClass.VERBAL_COOPERATION),
    EventType("talks", "Talks", "Talks, negotiations, mediation or a phone call.",
              ("04",), QuadClass.VERBAL_COOPERATION),
    EventType("statement", "Message or statement", "A message, statement, appeal, praise or"
              " declared intent.", ("01", "02", "03", "05"), QuadClass.VERBAL_COOPERATION),
    EventType("cooperation", "Cooperation or aid", "Economic, military or humanitarian"
              " cooperation or aid; sanctions eased, prisoners released.",
              ("06", "07", "08"), QuadClass.MATERIAL_COOPERATION),
    # CAMEO has no root for laws, rulings or constitutions; "investigate" (09) is the nearest,
    # and GDELT counts it as material cooperation.
    EventType("domestic_legal", "Domestic or legal step", "A law, court ruling, constitution,"
              " election, inauguration or investigation with a foreign effect.",
              ("09",), QuadClass.MATERIAL_COOPERATION),
    EventType("criticism", "Demand, criticism or protest", "A demand, condemnation,"
              " rejection or protest.", ("10", "11", "12", "14"), QuadClass.VERBAL_CONFLICT),
    EventType("threat", "Threat", "A threat or ultimatum.", ("13",), QuadClass.VERBAL_CONFLICT),
    EventType("military_posture", "Military drill or test", "A military drill, missile or"
              " nuclear test, mobilisation or show of force.", ("15",),
              QuadClass.MATERIAL_CONFLICT),
    EventType("sanctions", "Sanctions or coercion", "Sanctions, embargoes, seizures,"
              " arrests or expulsions imposed.", ("163", "17"), QuadClass.MATERIAL_CONFLICT),
    EventType("armed_conflict", "Attack, clash or war", "An attack, armed clash or war.",
              ("18", "19", "20"), QuadClass.MATERIAL_CONFLICT),
)

EVENT_TYPES_BY_CODE: dict[str, EventType] = {t.code: t for t in EVENT_TYPES}


def event_type(code: str) -> EventType:
    """The type with this code; ``KeyError`` naming the valid codes otherwise."""
    try:
        return EVENT_TYPES_BY_CODE[code]
    except KeyError:
        valid = ", ".join(EVENT_TYPES_BY_CODE)
        raise KeyError(f"{code!r} is not an event type (one of: {valid})") from None


def type_for_cameo(cameo_code: str) -> EventType:
    """The type covering a CAMEO event code, the most specific match winning.

    ``type_for_cameo("163")`` is sanctions (not ties_cut); ``type_for_cameo("0874")`` is
    cooperation. Raises ``KeyError`` for a code no type covers.
    """
    matches = [(len(prefix), t) for t in EVENT_TYPES for prefix in t.cameo
               if cameo_code.startswith(prefix)]
    if not matches:
        raise KeyError(f"{cameo_code!r} is not a CAMEO event code")
    return max(matches, key=lambda match: match[0])[1]
