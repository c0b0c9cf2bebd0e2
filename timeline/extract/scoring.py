"""How believable a candidate is: the event word that types it, and its confidence.

:func:`event_word` picks the strongest event word of a clause (the one nearest a date among
equals; first one outside a relative clause that a comma closes before the dates); an event
word in quoted speech or in a setting ("ahead of Trump's inauguration", "during a meeting",
"at a summit") counts as strength 0. :func:`confidence` adds up what makes
a candidate believable, each part spelled out in the reasons: the date found (+0.15, or +0.1
read from an anaphor), the event word's strength (+0.35, +0.2 or +0.05), a subject country
(+0.15), the event word within 60 characters of the date (+0.1), on top of 0.2 for having all
three. Before the event word, future or hedged wording ("would", "expected to", "reportedly")
takes 0.15 off and a negation ("did not", "refused to") or a condition ("if", "unless")
0.5; a date given coarser than written takes 0.05 off, and so does a clause of more than 60
words; a date after "by", "before" or "until" that has not passed ("by the end of the
month") takes 0.5 off, a deadline; "this year" after a present perfect ("has killed
thousands this year", or "had grown" as reported speech has it) takes 0.35 off: a state so
far, not an event. A date written in a clause
of its own that the event word is not in ("condemned the strikes, which began in early
September") takes 0.5 off: it dates that clause's verb; so does a leader's taking office told in
such a clause ("Abiy, who took office in April, …"), a date before "'s" that is not
the event word's ("denounced the accord ahead of Tuesday's election"), and a conflict word that
says what a natural disaster did ("an earthquake struck … killing 2,000").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from timeline.core.countries import country_name
from timeline.core.event_types import EVENT_TYPES_BY_CODE

from .cameo_verbs import cameo_keywords
from .clauses import PHRASE_END, Clause, own_clause
from .event_dates import When
from .keywords import (
    BACK_REFERENCE,
    CONDITION,
    HEDGE,
    INAUGURATION,
    INDEPENDENCE,
    KEYWORDS,
    NEGATION,
    Keyword,
)
from .open_verbs import open_verb

__all__ = ["REVIEW_ONLY", "back_reference", "confidence", "distance", "event_word"]

# A candidate whose country is a guess, a step at home or a plan not yet due stays below the
# default threshold of 0.5: listed for review, never stored without a person ticking it.
REVIEW_ONLY = 0.45


def confidence(text: str, clause: Clause, when: When, keyword: Keyword,
                word: tuple[int, int], countries: list[str], subjects: list[str],
                actor: str | None, target: str | None,
                notes: list[str], published: dt.date | None = None) -> tuple[float, list[str]]:
    """The confidence score (0–1, two decimals) and the reasons, each part spelled out."""
    reasons = [f"dated by “{when.text}” → {when.date.iso()}"
               + (f" to {when.end_date.iso()}" if when.end_date else "")
               + f" ({when.date.precision.value})", *when.notes]
    score = 0.2 + (0.1 if when.anaphoric else 0.15) - (0.05 if when.coarser else 0)
    others = [w for w in clause.whens if w is not when]
    if others:
        reasons.append("also dated in the clause: " + ", ".join(f"“{w.text}”" for w in others)
                       + "; the date nearest the event word is used")
    strength = _strength(text, clause.start, keyword, word[0]) if word[1] > word[0] else 2
    score += {3: 0.35, 2: 0.2, 1: 0.05, 0: 0.0}[strength]
    label = EVENT_TYPES_BY_CODE[keyword.type].label.lower()
    wording = f"“{text[word[0] : word[1]]}”" if word[1] > word[0] else "the clause before"
    reasons.append(f"type {keyword.type} ({label}) from {wording}"
                   + {3: "", 2: " (a word that often goes with it)",
                      1: " (only a reporting verb)",
                      0: " (in quoted words or after “ahead of”, “during”…: perhaps the "
                         "setting, not the event)",
                      }[strength])
    reasons.extend(notes)
    reasons.append("countries: " + ", ".join(country_name(code) for code in countries))
    if subjects:
        score += 0.15
        if actor:
            reasons.append(f"actor {country_name(actor)}: named before the event word"
                           + (f"; target {country_name(target)} after it" if target else ""))
        else:
            reasons.append("several countries act together: no single actor")
    else:
        reasons.append("no country is named before the event word: no actor")
    if word[1] > word[0] and distance((when.start, when.end), word) <= 60:
        score += 0.1
        reasons.append("the date is near the event word")
    # Hedges and negations count before the event word: "would convene", "did not sign".
    # … but not in a relative clause between commas: "Erdogan, who had said he would come
    # only if success was assured, landed in Tehran" reports a landing
    clause_text = _RELATIVE_ASIDE.sub(",", text[clause.start : max(word[1], clause.start)])
    if hedge := HEDGE.search(clause_text):
        score -= 0.15
        reasons.append(f"future or hedged: “{hedge.group(0)}”")
    if negation := NEGATION.search(clause_text):
        score -= 0.5
        reasons.append(f"negated: “{negation.group(0)}”")
    elif condition := CONDITION.search(clause_text):
        score -= 0.5  # "help would end if his party lost this month's elections"
        reasons.append(f"a condition, not a report: “{condition.group(0)}”")
    if published is not None and when.date.first_day > published and not hedge:
        # a future date told without "will" or "expected to": a target ("by 2035"), not an
        # event; a plan worded as one is only hedged, above
        score -= 0.5
        reasons.append(f"dated after publication ({published.isoformat()}) with no word of "
                       "a plan: a target or deadline, not an event")
    elif published is not None and when.date.first_day > published:
        # "is due to hold talks … on Wednesday": a plan, which may yet fall through
        score = min(score, REVIEW_ONLY)
        reasons.append(f"a plan for after publication ({published.isoformat()}): not yet "
                       "happened")
    elif (published is not None and when.date.last_day >= published
          and _DEADLINE.search(text, max(0, when.start - 24), when.start)):
        # "threatened to act by the end of the month": a deadline that has not passed never
        # dates the event, which happened before it (below the default threshold, as a negation)
        score -= 0.5
        reasons.append(f"“by {when.text}” is a deadline not yet passed, not an event's date")
    if (_THIS_PERIOD.fullmatch(when.text)
            and _PERFECT.search(text, clause.start, when.start)):
        # "fighting that has killed thousands this year": a state so far, not an event
        score -= 0.35
        reasons.append(f"“{when.text}” after a present perfect: what has gone on so far, "
                       "not an event on a date")
    own_word = word[1] > word[0]  # not the event word of the clause before
    if own_word and (disaster := (
            _DISASTER.search(text, max(clause.start, word[0] - 80), word[0])
            if keyword.type == "armed_conflict"
            # the disaster the verb's subject: "the Sahel drought that devastated herds"
            else _DISASTER_DID.search(text, max(clause.start, word[0] - 40), word[0]))):
        # "an earthquake struck eastern Afghanistan on August 31, killing 2,000": no country
        # did it
        score -= 0.5
        reasons.append(f"“{text[word[0]:word[1]]}” is what the {disaster.group(0)} did, "
                       "not a country")
    if (strength <= 2 and published is not None
            and abs(when.date.first_day - published).days <= 7
            and (mark := _ANNIVERSARY.search(text, clause.start, clause.end))
            and mark.start() <= word[1]  # not "agreed to …, as they mark a century of ties"
            and (mark.group("verb").lower().startswith(("mark", "reach")) or len(subjects) < 2)):
        # "The Philippines and China reach 50 years of diplomatic relations on Monday, a
        # milestone that finds the two locked in a quarrel": the news is a day remembered,
        # not an act ("… in 1963", told in passing, is the act remembered); celebrating is
        # one when two states do it together ("Hanoi and Washington celebrated the 30th
        # anniversary with a reception"), not when one does at home
        score -= 0.5
        reasons.append(f"“{mark.group(0)}”: an anniversary marked, not an act between states")
    if (published is not None and abs(when.date.first_day - published).days <= 7
            and _REMEMBERED.search(text, max(clause.start, word[0] - 60), word[0])):
        # "joined local officials on Friday to mark 120 years since the signing of the
        # Treaty of Portsmouth": the signing is the act remembered, long before Friday
        score -= 0.5
        reasons.append(f"“{text[word[0]:word[1]]}” is the act an anniversary remembers, not "
                       f"one of {when.text}")
    if _STATISTIC.search(text, max(clause.start, when.start - 60), when.start):
        # "more than 145,000 arrivals this year, compared with about 105,000 in 2022": the
        # year of a figure, not of an event
        score -= 0.5
        reasons.append(f"“{when.text}” is the time of a figure, not of an event")
    if (own_word and _POSSESSIVE.match(text, when.end)
            and not when.end <= word[0] <= when.end + 30):
        # "denounced the accord … after Tuesday's election": the date is the election's
        score -= 0.5
        reasons.append(f"“{when.text}’s” dates the words after it, not "
                       f"“{text[word[0]:word[1]]}”")
    inner = own_clause(text, clause.start, clause.end, when) if own_word else None
    if inner is not None and not inner[0] <= word[0] < inner[1]:
        # "condemned the strikes, which began in early September": the date is the strikes'
        score -= 0.5
        reasons.append(f"“{when.text}” is written in a clause of its own "
                       f"(“{text[inner[0]:inner[1]].strip(' .')}”): it dates that clause's "
                       f"verb, not “{text[word[0]:word[1]]}”")
    elif inner is not None and keyword.pattern == INAUGURATION:
        # "Abiy, who took office in April, has moved quickly", "since Petro took office in
        # 2022": who the person is, or when a span began, told in passing
        score -= 0.5
        reasons.append(f"taking office told in passing "
                       f"(“{text[inner[0]:inner[1]].strip(' .')}”): who the person is, "
                       "not the news")
    if len(text[clause.start : clause.end].split()) > 60:
        score -= 0.05
        reasons.append("a very long clause (a headline run into the text?)")
    return round(min(1.0, max(0.0, score)), 2), reasons


_COMMA_BEFORE = re.compile(r",\s+$")


def event_word(text: str, start: int, end: int,
                whens: Iterable[When]) -> tuple[Keyword, int, int] | None:
    """The strongest event word of ``text[start:end]`` and its offsets, nearest a date among
    equals, one outside a relative clause closed before the dates first; ``None`` when there
    is none."""
    spans = [(w.start, w.end) for w in whens]
    # (rank, keyword, start, end, strength): the lowest rank wins
    best: tuple[tuple[bool, int, bool, bool, int, int], Keyword, int, int, int] | None = None
    for keyword in (*KEYWORDS, *cameo_keywords()):
        for match in keyword.regex.finditer(text, start, end):
            if any(a <= match.start() and match.end() <= b for a, b in spans):
                continue  # part of the date ("Election Day")
            if _ILLNESS.search(text, max(start, match.start() - 8), match.start()):
                continue  # "died of a heart attack": no attack by anyone
            if (keyword.pattern == INDEPENDENCE
                    and _RECOGNISED.search(text, max(start, match.start() - 40), match.start())):
                continue  # "the first to recognise Azerbaijan's independence": a recognition
            strength = _strength(text, start, keyword, match.start(), spans)
            gap = min(distance(match.span(), span) for span in spans)
            # among equals, not a word of a relative clause after the date ("struck a compound
            # on September 9 where officials had gathered": what struck, not who gathered)
            described = any(_RELATIVE_AFTER.search(text, b, match.start())
                            for a, b in spans if b <= match.start())
            # among equals, not a participle after a comma ("severed ties in December,
            # accusing Kenya of meddling"): the reason given, not the act
            aside = (match.group(0).lower().endswith("ing")
                     and _COMMA_BEFORE.search(text, max(start, match.start() - 3), match.start())
                     is not None)
            rank = (_enclosed(text, start, match, spans), -strength, described, aside, gap,
                    match.start())
            if best is None or rank < best[0]:
                best = (rank, keyword, match.start(), match.end(), strength)
    if best is None or best[4] <= 1:
        # no event word of the tables, or only a reporting verb or a word of the setting: a
        # verb in the simple past heading the clause before it ("Assad fled to Moscow in
        # December 2024, … said")
        found = open_verb(text, start, best[2] if best else end, spans)
        if found is not None and _strength(text, start, found[0], found[1]):
            return found
    if best is None:
        return None
    return best[1], best[2], best[3]


def _enclosed(text: str, start: int, match: re.Match[str],
              spans: list[tuple[int, int]]) -> bool:
    """True when ``match`` lies in a relative clause that a comma closes before every date
    ("Estonia, a country that regained independence as the Soviet Union collapsed, joined
    NATO in 2004": the date is the verb's after the comma, not the relative clause's)."""
    opened = _RELATIVE_OPEN.search(text, max(start, match.start() - 120), match.start())
    closing = text.find(",", match.end())
    return (opened is not None and closing != -1
            and all(closing < date_start for date_start, _ in spans))


def back_reference(text: str, clause: Clause, word: tuple[int, int],
                   kind: str = "") -> str | None:
    """The definite back-reference that is the clause's event ("discuss the amendment",
    "signed the deal", "ratified it"), or ``None``: it must contain the event word or follow
    it directly, or open the clause with a word of the same event type ``kind`` ("The
    clashes broke out on Thursday, and shelling …")."""
    if word[1] <= word[0]:
        return None  # the event word is the clause before's
    for match in BACK_REFERENCE.finditer(text, clause.start, clause.end):
        inside = match.start() < word[1] and word[0] < match.end()
        opening = (not text[clause.start : match.start()].strip() and any(
            k.type == kind and k.strength >= 2 and k.regex.search(match.group(0))
            for k in KEYWORDS))
        if inside or opening or (match.start() >= word[1]
                                 and not text[word[1] : match.start()].strip()):
            return match.group(0)
    return None


# a word of illness before an event word: "a heart attack", "a panic attack"
_ILLNESS = re.compile(r"\b(?:heart|panic|asthma)\s+$", re.IGNORECASE)
# what a country recognised: "recognised Kuwait's independence", "recognise Estonia's restored
# independence" (not "refused to recognise Belize when it won independence")
_RECOGNISED = re.compile(r"\brecogni[sz](?:e|es|ed|ing)\s+(?:\S+\s+)?\S+['\u2019]s\s+(?:\w+\s+)?$",
                         re.IGNORECASE)
_STATISTIC = re.compile(r"\b(?:compared\s+with|against|up\s+from|down\s+from)\s+"
                        r"(?:about\s+|around\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|fewer\s+than\s+)?"
                        r"[$\u20ac\u00a3]?[0-9][0-9,.]*(?:\s*(?:%|percent|per\s+cent|million|billion))?"
                        r"(?:\s+\w+)?\s+(?:in|during|over)\s+$", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:by|before|until)\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)
_THIS_PERIOD = re.compile(r"(?:so\s+far\s+)?this\s+(?:year|month|week)", re.IGNORECASE)
# "had" too: reported speech moves the tense back ("said trade had grown 16 percent this year")
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|ght|lt|t)\b",
                      re.IGNORECASE)

_POSSESSIVE = re.compile(r"['\u2019]s\b")
_RELATIVE_AFTER = re.compile(r"\b(?:where|who|whom|whose|which)\b")
# a relative clause between commas: ", who had said he would come only if …,"
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|which|whose)\b[^,;]*,")
# a relative clause still open at the end: "a country … that regained independence"
_RELATIVE_OPEN = re.compile(r"\b(?:that|which|who|whose)\b[^,;:.]*$")

# Natural disasters: what they strike or kill is no act between countries.
_DISASTER = re.compile(r"\b(?:earthquake|quake|tsunami|cyclone|hurricane|typhoon|flood|storm|"
                       r"wildfire|landslide|drought|eruption|avalanche)s?\b", re.IGNORECASE)
_DISASTER_DID = re.compile(rf"{_DISASTER.pattern}\s+(?:(?:that|which)\s+)?(?:\w+ly\s+)?$",
                           re.IGNORECASE)

# A clause that marks an anniversary: "celebrates 60 years of independence", "marks its 40th
# anniversary", "marks 120 years since …", "marked Transfer Day, the anniversary of …";
# not a purpose ("gathered ministers to mark two years of war")
_ANNIVERSARY = re.compile(r"(?<!\bto\s)\b(?P<verb>(?:mark|celebrat|commemorat|reach)\w*)\s+"
                          r"(?:(?:its|their|the)\s+)?(?:[\w-]+,?\s+){0,3}?"
                          r"(?:anniversary|years?|decades?|century)\b"
                          r"(?!\s+(?:ago|later|after|before|earlier)\b)", re.IGNORECASE)

# What an anniversary remembers comes right after it: "120 years since the signing of",
# "the 60th anniversary of the founding of"
_REMEMBERED = re.compile(r"\b(?:anniversary|years?|decades?|century|centuries)\s+(?:since|of)"
                         r"\s+(?:the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)

# An event word right after these is the background of the reported event, not the event.
# ("the following day" is a date, no setting: "The following day Bengali leaders proclaimed …")
_SETTING = re.compile(
    r"\b(?:ahead\s+of|before|after|during|(?<!the\s)following|amid|at|sidelines\s+of)\s+"
    r"(?:[\w'\u2019-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _strength(text: str, clause_start: int, keyword: Keyword, position: int,
              dates: Iterable[tuple[int, int]] = ()) -> int:
    """The keyword's strength, 0 inside quoted words or a setting ("ahead of …", "during …"),
    unless a date of ``dates`` follows it in the setting's own words ("shortly after Kenya
    won independence from Britain in 1963": what the date dates)."""
    before = text[clause_start:position]
    quoted = before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1
    if quoted:
        return 0
    if _SETTING.search(text, max(clause_start, position - 60), position) and not any(
            # a date past the setting's punctuation is no longer the setting's
            position < start and not PHRASE_END.search(text, position, start)
            and start - position <= 60 for start, _ in dates):
        return 0
    return keyword.strength


def distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))
