"""Who is what to one clause's event: the countries that act, those acted on, the brokers, the
topics and the places, each with the reason when word order alone did not say it.

:func:`cast` gives every country named in a clause its part by :func:`.clauses.role` (before
the event word the subject, after it an object, after "about" a topic, …) and then mends what
word order gets wrong, one step each, in this order:

- a host or broker: "Malaysia hosted talks between Thailand and Cambodia" (the parties act,
  the host follows them);
- a sentence opening on a place: "In Tehran, the foreign ministry summoned …";
- "the first country to join the bloc since Cambodia in 1999" (Cambodia did it then);
- who stands right before the verb: "Poland has objected to the checks Berlin introduced";
  whose act a noun is: "… said, at a time when Russia's invasion of Ukraine …";
- a clause of its own after ", and": "…, and the Greek minister flew to Cairo on Sunday";
- a relative clause or a "by" that names the doer: "the tariffs that President Donald Trump
  unveiled", "the visit to Peking by President Richard Nixon";
- "it" as a subordinate clause's subject: "since it relaxed a ban in 2014";
- a large city where an attack lands: "sank the ship in Auckland harbour" (New Zealand);
- what the clause before leaves: "the Emirates followed that August" (done to the same),
  "…, and Ankara retaliated in kind" (a reply, done back to the first's doer),
  "He announced …", "…, who retaliated two days later", "they", a clause going on in lower
  case;
- "the war between Iran and Iraq that had begun in 1980" (the war's pair did it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import takewhile

from timeline.core.countries import country_name

from .cities import cities_in
from .clauses import (
    IT_OPENS,
    PHRASE_END,
    REGULAR_PAST,
    RELATIVE,
    Carry,
    Clause,
    acting,
    agents,
    by_agents,
    example,
    listed,
    role,
    venue,
)
from .event_dates import When
from .keywords import KEYWORDS, Keyword
from .mentions import Mention

__all__ = ["Antecedent", "Roles", "cast"]


@dataclass(frozen=True)
class Antecedent:
    """What a back-reference ("the clashes", "the deal", "He") can point to: the sentences (or
    clauses) before it."""

    text: str
    mentions: list[Mention]
    spans: list[tuple[int, int]]

    def countries(self, kind: str) -> tuple[str, ...]:
        """The countries of the latest of the three spans before that has a word of the event
        type ``kind`` ("the clashes" → where the fighting was told), else of the span just
        before."""
        for span in reversed(self.spans[-3:]):
            if any(k.type == kind and k.strength >= 2 and k.regex.search(self.text, *span)
                   for k in KEYWORDS):
                return _countries_in(self.mentions, span)
        return _countries_in(self.mentions, self.spans[-1] if self.spans else None)

    def leader(self) -> str | None:
        """The country of the first leader named in the span just before: who "He" or
        "She" opening the next sentence is."""
        if not self.spans:
            return None
        start, end = self.spans[-1]
        return next((m.country for m in self.mentions
                     if start <= m.start and m.end <= end and m.kind == "leader"), None)


def _countries_in(mentions: list[Mention], span: tuple[int, int] | None) -> tuple[str, ...]:
    """The countries named in ``span`` (not its dateline), in reading order, each once."""
    if span is None:
        return ()
    return tuple(dict.fromkeys(m.country for m in mentions
                               if span[0] <= m.start and m.end <= span[1]
                               and m.kind != "dateline"))


@dataclass
class Roles:
    """The countries of one clause by their part in its event, each list in reading order
    (a country may stand in two), and the reasons for the parts word order did not give."""

    subjects: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    acted_on: list[str] = field(default_factory=list)  # by another word before the event word
    brokers: list[str] = field(default_factory=list)  # "brokered by China": after the parties
    topics: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)  # where it happened, by the place's country
    reasons: list[str] = field(default_factory=list)

    def parties(self) -> list[str]:
        """Every country but the venues, each once: subjects, objects, those acted on by
        another word, brokers, topics."""
        return list(dict.fromkeys([*self.subjects, *self.objects, *self.acted_on,
                                   *self.brokers, *self.topics]))

    def to_topics(self, others: list[str]) -> None:
        """``others`` first among the topics: countries found to act elsewhere."""
        self.topics = [*others, *(code for code in self.topics if code not in others)]


def cast(text: str, sentence: tuple[int, int], clause: Clause, carry: Carry | None,
         antecedent: Antecedent, keyword: Keyword, word: tuple[int, int], *,
         subjects: Iterable[str] = (), repeated: bool = False,
         reasons: Iterable[str] = ()) -> Roles:
    """The :class:`Roles` of the countries of ``clause`` in the event of ``keyword`` written
    at ``word`` (an empty span at the clause's start when the word is the clause before's);
    ``subjects`` borrowed from the clause before, ``repeated`` when the clause says it did
    the same ("followed"), ``reasons`` so far. See the module's notes for each step."""
    roles = Roles(subjects=list(subjects), reasons=list(reasons))
    _by_word_order(text, clause, keyword, word, roles)
    _brokered(text, clause, word, roles)
    _in_a_place(text, clause, word, roles)
    _first_since(text, clause, roles)
    actors = acting(text, clause.mentions, word[0]) if word[1] > word[0] else ()
    _right_before(text, word, actors, roles)
    if not actors:
        _possessor(text, clause, word, roles)
        _after_and(text, clause, word, roles)
        _named_doers(text, clause, word, roles)
    _it(text, clause, word, roles)
    _struck_city(text, clause, keyword, word, roles)
    _from_before(text, sentence, clause, carry, antecedent, word, repeated, roles)
    # where the story was filed comes after every other country named ("THE HAGUE - The
    # court ruled that the river, which rises in Bolivia, …")
    datelines = {m.country for m in clause.mentions if m.kind == "dateline"}
    filed = [code for code in roles.topics if code in datelines]
    roles.topics = [*(code for code in roles.topics if code not in filed), *filed]
    _between_that(text, sentence, clause, antecedent, word, roles)
    return roles


def _by_word_order(text: str, clause: Clause, keyword: Keyword, word: tuple[int, int],
                   roles: Roles) -> None:
    """Each country of the clause in its list by :func:`.clauses.role`, and the places."""
    word_start, word_end = word
    for mention in clause.mentions:
        # where the story was filed is a place, never who acts; nor is the past ruler of
        # "the former Portuguese colony"; a breakaway region ("Transnistria") is a place of
        # its country: where things happen or what they are done to, not the country acting
        part = ("topic" if mention.kind in ("dateline", "former ruler", "people")
                else role(text, clause.start, mention, word_start))
        if part == "other" and (keyword.strength <= 1 or any(
                mention.end <= w.start and w.end <= word_start for w in clause.whens)):
            # what a reporting verb reports is before it, its countries the report's; a date
            # between the country and the event word dates the verb the country goes with
            # ("sailed with Filipino ships in September, drawing a rebuke from Beijing")
            part = "object"
        if part == "subject" and (mention.kind == "region" or example(
                text, clause.start, mention, clause.mentions)):
            part = "topic"  # "… barred its partners, including the US and China, from …"
        in_place = venue(text, mention)  # "in the Turkish resort of Antalya": a place
        if (in_place or part == "topic") and (
                keyword.type == "armed_conflict" and mention.start >= word_end
                and _IN.search(text, max(0, mention.start - 12), mention.start)):
            # "struck a compound in Doha", "sank the ship in the New Zealand port of
            # Auckland": where an attack lands is its target
            part = "object"
        elif in_place:
            part = "venue"  # listed last
        if part in ("object", "subject") and (
                _described_after(text, word_end, clause.whens, mention.start)
                or _ASIDE.search(text, word_end, mention.start)):
            # "struck … on September 9 where officials had gathered to weigh an American
            # proposal": what the relative clause tells of the place, not a party; "hosted
            # the five presidents on Thursday, as Washington seeks a foothold in a region
            # long dominated by Russia": what the aside tells, not a party
            part = "topic"
        codes = {"subject": roles.subjects, "object": roles.objects, "other": roles.acted_on,
                 "broker": roles.brokers, "topic": roles.topics, "venue": roles.venues}[part]
        if mention.country not in codes:
            codes.append(mention.country)


def _brokered(text: str, clause: Clause, word: tuple[int, int], roles: Roles) -> None:
    """"Malaysia hosted talks between Thailand and Cambodia": the parties act, the host or
    broker takes part after them, as "talks hosted by Malaysia" has it."""
    parties = [m.country for m in clause.mentions if m.start >= word[1]
               and _BETWEEN.search(text, word[1], m.start) and m.country in roles.objects]
    brokering = _BROKERING_VERB.search(text, clause.start, word[1])
    if roles.subjects and parties and brokering:
        roles.brokers = [*roles.subjects,
                         *(code for code in roles.brokers if code not in roles.subjects)]
        roles.subjects = parties
        roles.objects = [code for code in roles.objects if code not in parties]
        roles.reasons.append(f"{', '.join(map(country_name, roles.brokers))} "
                             f"“{brokering.group(0)}”: the parties come first")


def _in_a_place(text: str, clause: Clause, word: tuple[int, int], roles: Roles) -> None:
    """"In Tehran, the foreign ministry summoned …": who acts is of the place named first."""
    setting = next((m for m in clause.mentions[:1] if m.kind in _ACTING_KINDS
                    and _IN_PLACE.fullmatch(text, clause.start, m.start)
                    and text.startswith(",", m.end)), None)
    if setting is not None and not roles.subjects and setting.start < word[0]:
        roles.subjects = [setting.country]
        roles.topics = [code for code in roles.topics if code != setting.country]
        roles.reasons.append(f"“In {setting.text},” then who acts there: "
                             f"{country_name(setting.country)}")


def _first_since(text: str, clause: Clause, roles: Roles) -> None:
    """"becoming the first country to join the bloc since Cambodia in 1999": who did it then
    is the clause's subject, not the one who does it now."""
    since = [m.country for m in clause.mentions
             if _FIRST_SINCE.search(text, clause.start, m.start)
             and any(w.start >= m.end for w in clause.whens)]
    if since:
        roles.subjects = since[:1]
        roles.objects = [code for code in roles.objects if code not in roles.subjects]
        roles.reasons.append(f"the first … since {country_name(roles.subjects[0])}: "
                             "who did it then")


def _right_before(text: str, word: tuple[int, int], actors: tuple[str, ...],
                  roles: Roles) -> None:
    """"Poland has objected to the checks Berlin introduced": who introduced them is who
    stands right before the verb (``actors``); the others are another verb's subjects."""
    if actors and any(code not in actors for code in roles.subjects):
        others = [code for code in roles.subjects if code not in actors]
        roles.subjects = [code for code in roles.subjects if code in actors]
        roles.to_topics(others)
        roles.reasons.append(f"{', '.join(map(country_name, actors))} right before "
                             f"“{text[word[0]:word[1]]}”: "
                             f"{', '.join(map(country_name, others))} named earlier act "
                             "elsewhere")


def _possessor(text: str, clause: Clause, word: tuple[int, int], roles: Roles) -> None:
    """"Joly said the deal sent a message at a time when Russia's invasion of Ukraine in
    February …": the event word is a noun whose possessor did it; the others named before
    act elsewhere."""
    owner = next((m for m in clause.mentions
                  if _POSSESSIVE.fullmatch(text, m.end, word[0])), None)
    if owner is None or owner.country not in roles.subjects or REGULAR_PAST.match(text, word[0]):
        return  # "a step Israel's government condemned": a verb, its subject the noun
    if others := [code for code in roles.subjects if code != owner.country]:
        roles.subjects = [owner.country]
        roles.to_topics(others)
        roles.reasons.append(f"“{text[owner.start:word[1]]}”: {country_name(owner.country)}'s "
                             f"act; {', '.join(map(country_name, others))} named before act "
                             "elsewhere")


def _after_and(text: str, clause: Clause, word: tuple[int, int], roles: Roles) -> None:
    """"Egypt and Cyprus rejected the accord, and the Greek minister flew to Cairo on Sunday":
    the verb's subject is in its own clause, after ", and"."""
    joined = [m.end() for m in _AND_CLAUSE.finditer(text, clause.start, word[0])]
    if not (joined and roles.subjects and all(w.start >= joined[-1] for w in clause.whens)):
        return
    own = [m.country for m in clause.mentions if joined[-1] <= m.start < word[0]
           and m.country in roles.subjects]
    if own and (others := [code for code in roles.subjects if code not in own]):
        roles.subjects = own
        roles.to_topics(others)
        roles.reasons.append(f"{', '.join(map(country_name, own))} after “, and”: the subject "
                             f"of “{text[word[0]:word[1]]}”; "
                             f"{', '.join(map(country_name, others))} act in the clause before")


def _named_doers(text: str, clause: Clause, word: tuple[int, int], roles: Roles) -> None:
    """"hit with the tariffs that President Donald Trump unveiled on April 2": the relative
    clause says who acted, the others named are what the act concerns; "Tokyo's move follows
    the visit to Peking by President Richard Nixon": "by" names who visited, "to" where."""
    if word[1] <= word[0]:
        return
    doers = agents(text, clause.mentions, word[1])
    goals: tuple[str, ...] = ()
    if not doers:
        doers, goals = by_agents(text, clause.mentions, word[0], word[1])
    if not doers:
        return
    others = [code for code in roles.subjects if code not in (*doers, *goals)]
    roles.subjects = list(doers)
    roles.objects = [*goals, *(code for code in roles.objects if code not in (*doers, *goals))]
    roles.to_topics(others)
    roles.reasons.append(f"“{text[word[0]:word[1]]}” that {', '.join(map(country_name, doers))} "
                         "did: " + (f"{', '.join(map(country_name, others))} named before are "
                                    "what it concerns" if others else "theirs"))


def _it(text: str, clause: Clause, word: tuple[int, int], roles: Roles) -> None:
    """"handing Tokyo its biggest export deal since it relaxed a ban in 2014": "it" is the
    country named last before it; the others named act elsewhere."""
    it = _IT.search(text, clause.start, word[0]) if word[1] > word[0] else None
    if it and (named := [m.country for m in clause.mentions if m.end <= it.start()]):
        others = [code for code in roles.subjects if code != named[-1]]
        roles.subjects = named[-1:]
        roles.objects = [code for code in roles.objects if code not in roles.subjects]
        roles.to_topics(others)
        roles.reasons.append(f"“it” is {country_name(roles.subjects[0])}, named last before it")


def _struck_city(text: str, clause: Clause, keyword: Keyword, word: tuple[int, int],
                 roles: Roles) -> None:
    """"French agents sank the ship in Auckland harbour": the country of the first large
    city after an attack's word is what the attack landed on, when no country names it."""
    if keyword.type != "armed_conflict" or word[1] <= word[0]:
        return
    struck = next(iter(cities_in(text, word[1], clause.end)), None)
    if struck is not None and (country := struck[2]) not in roles.parties():
        roles.objects.append(country)
        roles.reasons.append(f"{country_name(country)}: where the attack landed, “{struck[1]}”")


def _from_before(text: str, sentence: tuple[int, int], clause: Clause, carry: Carry | None,
                 antecedent: Antecedent, word: tuple[int, int], repeated: bool,
                 roles: Roles) -> None:
    """The parties the clause (or sentence) before leaves to this one: the country done to
    again, who "He" is, whom "who" or "which" follows, "they", the subject of a clause going
    on in lower case."""
    word_start, word_end = word
    if repeated and carry is not None and (
            done_to := [code for code in carry.countries
                        if code not in (*carry.subjects, *roles.subjects, *roles.objects)]):
        # "China accepted the credentials of a Taliban ambassador in January and the Emirates
        # followed that August": the new doer did it to the same country
        roles.objects = [*done_to, *(code for code in roles.objects if code not in done_to)]
        roles.reasons.append(f"done to the same as before: {', '.join(map(country_name, done_to))}")
    if clause.replies and carry is not None and (
            back := [code for code in carry.subjects if code not in roles.subjects]):
        # "Cairo expelled the Turkish ambassador, and Ankara retaliated in kind": done back to
        # who did the first
        roles.objects = [*back, *(code for code in roles.objects if code not in back)]
        roles.reasons.append(f"a reply to {', '.join(map(country_name, back))}")
    if carry is not None and word_end == clause.start and not clause.mentions:
        # "sent 29 to the United States in February and 26 more in August": the clause
        # repeats the event of the one before with another date, between the same countries
        roles.objects = [code for code in carry.countries if code not in roles.subjects]
    # "… and Moscow in June", "met Ishiba …"; not "before a ceasefire between Israel and
    # Iran took hold": the event word's noun, with the countries it names, is the subject
    elliptic = text[clause.start].islower() and not (
        _ARTICLE_END.search(text, clause.start, word_start)
        and any(word_start < m.start and m.end < word_end for m in clause.mentions))
    relative = RELATIVE.match(text, clause.start, clause.end)
    pronoun = (_PRONOUN.match(text, clause.start)
               if clause.start == sentence[0] and not roles.subjects else None)
    if pronoun and (leader := antecedent.leader()):
        roles.subjects = [leader]  # "Trump said on Thursday …. He announced …"
        roles.reasons.append(f"“{pronoun.group(0)}” is the leader named first in the sentence "
                             f"before: {country_name(leader)}")
    elif relative and carry is not None and carry.last_country and not roles.subjects:
        # "the leaders of France, Germany, Britain and Poland, who had travelled …": the
        # whole list the relative pronoun follows; but "which" after "a war over Kashmir" or
        # "its war against France" refers back to the war: what the countries just before
        # it did ("Algeria fought its own war of independence against France, which ended …")
        before = [m for m in antecedent.mentions
                  if max(sentence[0], clause.start - 80) <= m.start and m.end <= clause.start]
        thing = (relative.group(0).strip().lower() == "which" and before
                 and (not re.fullmatch(r"\s*,?\s*", text[before[-1].end : clause.start])
                      or _OF_A_THING.search(text, max(0, before[-1].start - 30),
                                            before[-1].start)))
        roles.subjects = (list(dict.fromkeys(m.country for m in before)) if thing else
                          _listed_before(text, antecedent.mentions, clause.start)
                          or [carry.last_country])
        roles.reasons.append(f"“{relative.group(0).strip()}” refers back to "
                             + ("what " if thing else "")
                             + f"{', '.join(map(country_name, roles.subjects))}"
                             + (" did" if thing else ""))
        if not clause.mentions and not roles.objects:
            # "Pakistani jets struck Kabul on October 9, according to Taliban officials, who
            # retaliated two days later": the story goes on between the same countries
            roles.objects = [code for code in carry.countries if code not in roles.subjects]
    elif carry is not None and carry.countries and _THEY.search(text, clause.start, word_start):
        roles.subjects = list(carry.countries)  # "…, their first talks since they spoke in April"
        roles.reasons.append("“they” are the countries of the clause before")
    elif carry is not None and carry.subjects and not roles.subjects and elliptic:
        roles.subjects = list(carry.subjects)  # "Lee, who took office on June 4, met Ishiba …"
        roles.reasons.append("the subject is that of the clause before")
        if not roles.objects and not roles.acted_on and all(
                m.country in roles.brokers or _ASIDE.search(text, word_end, m.start)
                for m in clause.mentions):
            # "… offered to lead a force in Haiti in July 2023, and the council authorised
            # the mission in October": naming no other party (one in an aside at most: "…
            # in September 2017, when it test-fired missiles amid threats traded with
            # Washington"), the story goes on between the same
            roles.objects = [code for code in carry.countries if code not in roles.subjects]
    elif not roles.subjects and elliptic and (
            opening := _opening(text, sentence[0], clause.start, antecedent.mentions)):
        # "Manele, who became prime minister in May 2024, | made his first visit to China
        # that July": the clause before gave no event, the sentence's subject is still its own
        roles.subjects = list(dict.fromkeys(m.country for m in opening))
        roles.reasons.append(f"the subject is the sentence's, "
                             f"“{text[opening[0].start : opening[-1].end]}”: "
                             f"{', '.join(map(country_name, roles.subjects))}")


_ARTICLE_END = re.compile(r"\b(?:a|an|the)\s+$")


def _between_that(text: str, sentence: tuple[int, int], clause: Clause,
                  antecedent: Antecedent, word: tuple[int, int], roles: Roles) -> None:
    """"… in the war between Iran and Iraq that had begun in 1980": the relative clause (which
    may be cut from the pair) tells of the war, and the war is theirs; the others named act
    elsewhere."""
    related = next((m for m in _BETWEEN_THAT.finditer(text, max(sentence[0], clause.start - 80),
                                                      clause.end)
                    if clause.start <= m.end() <= word[0]), None)
    pair = [x.country for x in antecedent.mentions
            if related and related.start("pair") <= x.start and x.end <= related.end("pair")]
    if len(set(pair)) >= 2 and all(w.start >= related.end() for w in clause.whens):
        others = [code for code in [*roles.subjects, *roles.objects] if code not in pair]
        roles.subjects, roles.objects = list(dict.fromkeys(pair)), []
        roles.to_topics(others)
        roles.reasons.append(f"“{text[related.start():related.end()].strip()}”: what is "
                             f"between {', '.join(map(country_name, roles.subjects))} did it")


_IN = re.compile(r"\bin\s+(?:the\s+)?$")
# a possessive and at most one modifier before the event noun: "Russia's full-scale invasion"
_POSSESSIVE = re.compile(r"['\u2019]s\s+(?:[a-z-]+\s+)?")
# a sentence opening on where it happens, then who acts there: "In Tehran, the ministry …"
_IN_PLACE = re.compile(r"In\s+")
_ACTING_KINDS = ("name", "capital", "seat of power")
_RELATIVE_WORD = re.compile(r"\b(?:where|who|whom|whose|which)\b")
# where a coordinated clause with a subject of its own starts: "…, and the Greek minister flew"
_AND_CLAUSE = re.compile(r",\s+(?:and|but)\s+")
# after the event word, a clause that says why or against what background it happened
_ASIDE = re.compile(r",\s+(?:as(?!\s+well\b|\s+part\b)|while|whereas)\s|\bamid\b|\baimed\s+at\b")
_THEY = re.compile(r"\b(?:they|their|both)\b")
# a host or broker's verb, and the parties it brought together
_BROKERING_VERB = re.compile(r"\b(?:co-?)?(?:host|broker|mediat|facilitat)(?:e|es|ed|s|ing)?\b")
_BETWEEN = re.compile(r"\bbetween\b[^.;:]*$")
# a country after a noun and a preposition: "a war over Kashmir", "its war against France"
_OF_A_THING = re.compile(r"\b[a-z]+\s+(?:over|against|with|from|in|on|for)\s+(?:the\s+)?$")
# "the war between Iran and Iraq that had begun in 1980": what is between them did it
_BETWEEN_THAT = re.compile(r"\bbetween\s+(?P<pair>[^.;:,]{2,60}?)\s+(?:that|which)\s+")
# "the first country to join the bloc since Cambodia in 1999": Cambodia joined in 1999
_FIRST_SINCE = re.compile(r"\bfirst\b[^.;,]{0,60}\bsince\s+(?:the\s+)?$")
_PRONOUN = re.compile(r"(?:He|She)\b")
# "it" as the subject of a clause inside the sentence, doing something: "since it relaxed a
# ban in 2014"
_IT = re.compile(IT_OPENS + r"(?!is\b|was\b|would\b|will\b|could\b|may\b|might\b)")


def _described_after(text: str, word_end: int, whens: Iterable[When], position: int) -> bool:
    """True when ``position`` is in a relative clause opened after both the event word (ending
    at ``word_end``) and a date of the clause: it describes something, no party acts in it."""
    for when in whens:
        if word_end <= when.end <= position:
            opened = [m.end() for m in _RELATIVE_WORD.finditer(text, when.end, position)]
            # still open: no comma or dash closes it before ``position``
            if opened and not PHRASE_END.search(text, opened[-1], position):
                return True
    return False


def _listed_before(text: str, mentions: list[Mention], position: int) -> list[str]:
    """The countries of the list that ends right before ``position`` ("France, Germany,
    Britain and Poland, who …"), in its order; [] when no country ends there."""
    before = [m for m in mentions if m.end <= position]
    if not before or not re.fullmatch(r"\s*,?\s*", text[before[-1].end : position]):
        return []
    return list(dict.fromkeys(m.country for m in reversed(listed(text, before[::-1]))))


# titles and names before the person or country that opens a sentence
_OPENING_WORDS = re.compile(r"(?:(?:[Tt]he|[A-Z][\w'\u2019.-]*)\s+)*")


def _opening(text: str, start: int, clause_start: int,
             mentions: list[Mention]) -> list[Mention]:
    """The country mentions that open the sentence at ``start`` (after titles at most: "Prime
    Minister Jeremiah Manele, who …"), the first and those listed with it ("Ankara and
    Yerevan named …"), when they stand before ``clause_start``; [] otherwise."""
    inside = [m for m in mentions if start <= m.start and m.end <= clause_start]
    # a place, not who acts, ends the list
    actors = list(takewhile(lambda m: m.kind not in ("dateline", "former ruler", "region"),
                            inside))
    if not actors or not _OPENING_WORDS.fullmatch(text, start, actors[0].start):
        return []  # a place first, or not what opens the sentence
    return listed(text, actors)
