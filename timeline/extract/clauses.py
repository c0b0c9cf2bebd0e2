"""Clauses of a sentence with two dates, and what each country is to the event word.

A sentence with two different dates is cut into clauses at the strongest boundary between them
("; ", ", who", ", while", ", and", …), or else before "their first … since" a date: each
clause is a candidate. A date after a comma that tells the one before it more finely ("followed
four months later, on July 28") is no second date: the two stay one clause. :func:`role` tells
whether a country named in a clause is the subject (named before the event word, not after
"to", "with", "against", …), an object (after it; "arrived in Vietnam"), the object of another
word before it ("other": after such a preposition, a verb, "before Nauru,") or a topic (after
"discussed", "about", "over", or "on" after a word for a meeting or an accord: "a summit on
Ukraine"); :func:`venue` tells a country named as the place of a town ("in the Turkish resort
of Antalya", "in Ohrid, North Macedonia"), listed after the parties and left out when two are
named; :func:`example` tells a country listed as an example after another ("partners, including
the US and China,"), which is a topic, not who acts; :func:`acting` and :func:`agents` the
countries a clause of their own makes the doers ("the checks Berlin introduced", "the tariffs
that President Donald Trump unveiled").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import groupby

from lemminflect import getAllLemmas

from .event_dates import When
from .keywords import Keyword
from .mentions import Mention
from .open_verbs import is_past_tense
from .timex import CALENDAR_NAMES

__all__ = ["IT_OPENS", "PHRASE_END", "REGULAR_PAST", "RELATIVE", "Carry", "Clause", "acting",
           "agents", "by_agents", "clauses", "example", "listed", "own_clause", "role",
           "takes_object", "venue"]

# Where a sentence with two dates is cut, strongest first.
_BOUNDARIES = (
    re.compile(r";\s+|\s+[\u2014\u2013-]{1,2}\s+"),
    re.compile(r",\s+(?=(?:who|which|whereas|while|where)\b)"),
    re.compile(r",\s+(?=(?:and|but|yet|after|before|when|as|since|then|following)\b)"),
    re.compile(r"\s+(?=(?:after|before|while|whereas|then|following|but)\b)"),
    # what a reporting verb reports: "told Aliyev yesterday | that air defences downed …"
    re.compile(r"\s+(?=that\s+(?!(?:day|year|month|week|time)\b))"),
    re.compile(r",\s+|\s+(?=and\b)"),
)
RELATIVE = re.compile(r"\s*(?:who|which|where)\b", re.IGNORECASE)
# "it" opening a clause inside the sentence: "since it relaxed a ban in 2014", "when it won
# independence" (a pattern, for parties and independence to finish as each needs)
IT_OPENS = r"\b(?:since|after|when|because|before|until|once)\s+it\s+"


@dataclass(frozen=True)
class Clause:
    """Part of a sentence and the dates in it (several only when nothing separates them)."""

    start: int
    end: int
    whens: tuple[When, ...]
    mentions: tuple[Mention, ...]
    # a second country's own step on the date of the clause before, told after it: ", while
    # Bolivia severed ties" (see candidates._second_doers)
    parallel: bool = False
    # a country's reply to what the clause before tells, done back to its doer: ", and Ankara
    # retaliated in kind" (see candidates._reply)
    replies: bool = False
    # what the clause before says led to it, on its date: "…, after the Trump administration
    # recognised Guaido" (see candidates._cause); offered, not ticked
    cause: bool = False


@dataclass(frozen=True)
class Carry:
    """What a clause leaves to the next one of its sentence."""

    keyword: Keyword
    subjects: tuple[str, ...]
    last_country: str | None
    countries: tuple[str, ...] = ()  # all of the clause's, subjects first


def clauses(text: str, start: int, end: int, whens: list[When],
             mentions: list[Mention]) -> list[Clause]:
    """Cut ``text[start:end]`` into one clause per distinct date (see the module's notes)."""
    groups: list[list[When]] = []
    cuts = [start]
    lists = _list_gaps(text, mentions)
    for when in whens:
        if groups and not (when.anchored or when.anaphoric) and any(
                (w.date, w.end_date) == (when.date, when.end_date) for w in groups[-1]):
            # the same date written twice; told again against it ("… in November 2021, and
            # Blinken visited Abuja later that month"), a second event
            continue
        if groups and _told_more_finely(text, groups[-1][-1], when):
            groups[-1].append(when)  # "four months later, on July 28": one time, twice told
            continue
        cut = _boundary(text, groups[-1][-1].end, when.start, lists) if groups else None
        if cut is None and groups and when.first_since is not None:
            cut = when.first_since  # "met yesterday for | their first talks since March 2022"
        if groups and cut is None:
            groups[-1].append(when)  # no place to cut: the event word picks the date
            continue
        if groups:
            cuts.append(cut)
        groups.append([when])
    cuts.append(end)
    return [
        Clause(cuts[i], cuts[i + 1], tuple(group),
                tuple(m for m in mentions if cuts[i] <= m.start and m.end <= cuts[i + 1]))
        for i, group in enumerate(groups)
    ]


_APPOSITION = re.compile(r"\s*,\s*(?:on|in)?\s*")


def _told_more_finely(text: str, before: When, when: When) -> bool:
    """Whether ``when`` follows ``before`` after a comma alone and tells a time inside it
    more finely ("Madrid followed four months later, on July 28")."""
    return (_APPOSITION.fullmatch(text, before.end, when.start) is not None
            and before.end_date is None and when.end_date is None
            and when.date.precision != before.date.precision
            and before.date.first_day <= when.date.first_day <= before.date.last_day)


def _list_gaps(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """The gaps between the names of each list of countries: "France, Britain and the United
    States signed" is one subject, not cut between its names. Two names joined by ", and"
    are two clauses' ("… in Beijing, and Islamabad later raised …"), by "and" alone a list."""
    joined = [i for i in range(len(mentions) - 1)
              if _LIST_JOIN.fullmatch(text, mentions[i].end, mentions[i + 1].start)]
    gaps: list[tuple[int, int]] = []
    for _, run in groupby(enumerate(joined), key=lambda pair: pair[1] - pair[0]):
        chain = [(mentions[i].end, mentions[i + 1].start) for _, i in run]
        if len(chain) > 1 or "," not in text[chain[0][0] : chain[0][1]]:
            gaps += chain
    return gaps


# What opens a clause inside a clause: "the militants who attacked Israel on October 7",
# "strikes, which began in early September", "since the civil war began in 2011", "a crisis
# that toppled Suharto in 1998" ("since" and "that" only with a verb in the past after them:
# "since 2007" is a date, "that day" a time).
_OWN_CLAUSE = re.compile(r"\b(?:(?P<relative>who|which|whose|where)|since|that)\s+",
                          re.IGNORECASE)
# a finite verb after a relative clause's date: the sentence's own verb again
_MAIN_VERB_AFTER = re.compile(r"\s(?:was|were|is|are|has|have|had)\s+(?:been\s+)?[a-z]+\b")
# The punctuation that ends a phrase or a clause inside a clause.
PHRASE_END = re.compile(r"[,;:()\u2014\u2013]")


def own_clause(text: str, start: int, end: int, when: When) -> tuple[int, int] | None:
    """The clause of its own, within ``text[start:end]``, that the date ``when`` is written
    in, from the word that opens it to the punctuation that closes it; ``None`` when the date
    is in the clause itself. A date there dates that clause's verb: "condemned the strikes,
    which began in early September" tells when the strikes began, not when he condemned."""
    opener = None
    for match in _OWN_CLAUSE.finditer(text, start, when.start):
        if PHRASE_END.search(text, match.end(), when.start):
            continue  # closed before the date
        words = re.findall(r"[A-Za-z]+", text[match.end() : when.start])
        # "since taking office last year": a gerund after "since" opens a clause as a verb
        # in the past does
        gerund = (bool(words) and match.group(0).lower().startswith("since")
                  and words[0].endswith("ing"))
        if match.group("relative") or gerund or any(is_past_tense(word) for word in words):
            opener = match
    if opener is None:
        return None
    closing = PHRASE_END.search(text, when.end, end)
    if opener.group("relative"):
        # a relative clause with no comma ends where the main verb comes: "soldiers who had
        # guarded him since 1981 were withdrawn"
        main = _MAIN_VERB_AFTER.search(text, when.end, closing.start() if closing else end)
        closing = main or closing
    return opener.start(), closing.start() if closing else end


def _boundary(text: str, start: int, end: int,
              lists: Iterable[tuple[int, int]] = ()) -> int | None:
    """The offset where the clause after ``start`` ends, or ``None`` without a boundary; never
    inside one of the gaps ``lists`` (between two names of a list)."""
    for pattern in _BOUNDARIES:
        # "escalated on Monday, when the ministry sent a note": what the date was, no cut
        matches = [m for m in pattern.finditer(text, start, end)
                   if (m.start() > start or not _WHEN.match(text, m.end()))
                   and not any(gap[0] <= m.start() and m.end() <= gap[1] for gap in lists)
                   and not (pattern is _BOUNDARIES[1] and _CLOSED_BEFORE.fullmatch(
                       text, m.end(), end))]
        if matches:
            last = matches[-1]
            # "Egypt, which signed in 1979, | and Jordan, which followed in 1994": the relative
            # clause's own conjunct begins with its name
            conjunct = (_NAMED_CONJUNCT.search(text, start, last.start())
                        if pattern is _BOUNDARIES[1] else None)
            return conjunct.start("and") if conjunct else last.end()
    return None


# (but "the following year, when they also founded …" tells another event of that year)
_WHEN = re.compile(r"when\b(?![^,.;]{0,30}?\balso\b)")
# a relative clause closed before the date: "passed it to the Kingdom of Denmark, | which
# includes Greenland and the Faroe Islands, in May 2025" dates the verb before it
_CLOSED_BEFORE = re.compile(r"\w+\s+[^,;]*?\w,\s+(?:in|on|at)\s+")
# ", and Jordan" right before ", which …": the name the relative clause is about
_NAMED_CONJUNCT = re.compile(r",\s+(?P<and>and\s+(?:the\s+)?[A-Z][\w'\u2019-]*"
                             r"(?:\s+[A-Z][\w'\u2019-]*){0,3})$")


# The word before a country's noun phrase that makes it an object, a place or a topic.
_OBJECT_WORDS = frozenset({
    "to", "with", "against", "toward", "towards", "on", "at", "for", "into", "from",
    "near", "between", "upon", "outside", "inside", "across", "around", "off", "its", "their",
    "than",  # "recognise Taiwan rather than China": what is compared, no one acting
})  # fmt: skip
# "in" names where it happened ("a tribunal in The Hague ruled", "met Xi in Busan"): a place,
# listed after those who act and those acted on.
_TOPIC_WORDS = frozenset({"discussed", "discuss", "discussing", "about", "over", "regarding",
                          "concerning", "in"})
# "In" after these names where a visit goes: "arrived in Vietnam", "landed in Laos".
_ARRIVING = frozenset({"arrive", "arrives", "arrived", "arriving", "land", "lands", "landed",
                       "landing"})
# A place that sets the scene at the start of a clause: "From Madrid, …", "At the UN, …".
_SETTING_WORDS = frozenset({"from", "at", "near", "inside", "outside"})
# "On" after a word for a meeting or an accord names what it is about, not whom it is with:
# "hosted a summit on Ukraine, with Macron among the guests", "talks on Gaza", "a deal on …".
_ABOUT_NOUNS = frozenset({
    "summit", "summits", "talks", "meeting", "meetings", "conference", "conferences", "call",
    "deal", "deals", "agreement", "accord", "resolution", "statement", "vote", "debate",
    "negotiations", "dialogue", "consultations", "briefing", "report", "declaration",
})  # fmt: skip
# Words inside a country's noun phrase, skipped to find the word before it.
_PHRASE_WORDS = frozenset({
    "the", "of", "and", "leader", "president", "president-elect", "premier", "minister",
    "prime", "foreign", "defense", "defence", "chairman", "general", "secretary", "state",
    "supreme", "former", "impeached", "new", "then", "-based", "'s", "\u2019s",
})  # fmt: skip


# Words and the punctuation that ends a noun phrase (a comma, a colon, a quotation mark).
_TOKEN = re.compile(r"[\w'\u2019.-]+|[,;:(\u201c\u201d\"]")


def _in_name(token: str) -> bool:
    """Whether ``token`` can be part of a country's noun phrase ("the", "President",
    "Seoul-based"), so the word before the country lies further back; a month or a weekday
    is none ("In February Trump froze aid": Trump acts)."""
    return ((token[:1].isupper() and token not in CALENDAR_NAMES)
            or token.lower() in _PHRASE_WORDS or token.endswith("-based"))


# A subordinate clause between a country and the event word: the country is not its subject.
_SUBORDINATE = re.compile(r",\s+(?:when|after|before|while|as|because|but|although|though|"
                          r"until)\s", re.IGNORECASE)


# A country that brokers or hosts what others agree: "an agreement brokered by China", "a
# China-brokered deal", "talks hosted by Iraq and Oman". The parties act; the broker takes part.
_BROKERING = frozenset({"brokered", "mediated", "hosted", "co-hosted", "facilitated",
                        "sponsored", "convened", "mediation"})
_BROKER_AFTER = re.compile(r"-(?:brokered|mediated|hosted|facilitated|sponsored)\b"
                           # "a thaw the Vatican helped broker", "which Qatar helped mediate"
                           r"|\s+helped\s+(?:to\s+)?(?:broker|mediate|negotiate|facilitate)\b")
# A country that qualifies someone else: "the Iran-aligned Houthis", "Russian-backed
# separatists", "a Dubai-based firm": what the clause is about, not who acts or is acted on.
_QUALIFYING = re.compile(r"-(?:aligned|backed|allied|funded|supported|armed|based|made|"
                         r"owned|friendly|leaning)\b"
                         # "relations between the two U.S. allies sank": whose allies they are
                         r"|\s+(?:allies|ally)\b")
# A city naming a process or a round of talks held there: "the Washington process", "the
# Minsk agreements", "the Doha talks" name a place, not a party
_NAMED_AFTER_A_PLACE = re.compile(r"\s+(?:process|talks|format|round|agreements?|accords?|"
                                  r"declaration|protocol|conference)\b")


def role(text: str, clause_start: int, mention: Mention, word_start: int) -> str:
    """"subject", "object", "other", "broker" or "topic": what a country mention is to the
    event word ("other": the object of another word before it, listed after the event's own
    objects; "broker": who brokered or hosted it, listed after those; "topic" also for a
    country that qualifies someone else, "Iran-aligned")."""
    window = max(clause_start, mention.start - 80)
    tokens = _TOKEN.findall(text, window, mention.start)
    previous_word = before_it = ""  # a comma, a colon or a quotation mark ends the phrase too
    opening = False
    index = 0
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        # "From Paris, Merz flew on …": a preposition opening the clause is no name
        opening = (index == 0 and window == clause_start
                   and token.lower() in _OBJECT_WORDS | _TOPIC_WORDS)
        if not opening and _in_name(token):
            continue
        previous_word = token.lower()
        before_it = tokens[index - 1].lower() if index else ""
        break
    near = {token.lower() for token in tokens[max(0, index - 4) : index]}
    if _BROKER_AFTER.match(text, mention.end) or (previous_word == "by" and _BROKERING & near):
        return "broker"  # "an agreement brokered by China", "talks hosted since 2021 by Oman"
    if _QUALIFYING.match(text, mention.end) or (
            mention.kind == "capital" and _NAMED_AFTER_A_PLACE.match(text, mention.end)):
        return "topic"
    if previous_word == "in" and before_it in _ARRIVING:
        return "object"  # "arrived in Vietnam on Monday": whom the visit is to, not a place
    if (previous_word in _TOPIC_WORDS or (previous_word == "on" and before_it in _ABOUT_NOUNS)
            or (opening and previous_word in _SETTING_WORDS)):
        return "topic"
    if mention.start < word_start:
        # "cut its ties with Taiwan and recognised Beijing", "the last to abandon Taiwan,
        # establishing relations with China": what another word acts on, before the event's
        acted_on = (previous_word in _OBJECT_WORDS
                    or (mention.kind != "demonym" and takes_object(previous_word, before_it))
                    or (previous_word in _TIME_WORDS and _PHRASE_END.match(text, mention.end)))
        if _SUBORDINATE.search(text, mention.end, word_start):
            # "Cairo mediated a truce that collapsed, when Israel resumed …": who acts in the
            # main clause is a topic; what it acts on stays the likelier other side ("the
            # fourth state to make peace with Israel, after Egypt signed a treaty in 1979")
            return "other" if acted_on else "topic"
        return "other" if acted_on else "subject"
    return "subject" if previous_word == "by" else "object"


# where an event happened, named by its country: "in the Turkish resort of Antalya", "at a
# summit in the Saudi desert town of Al-Ula", "in Antalya, Turkey", "met on the island of St
# Vincent" (a place, not "invaded the island of Grenada")
_VENUE_BEFORE = re.compile(r"\b(?:in|at|on)\s+the\s+(?:island|town|city|port)\s+of\s+$|"
                           r"\b(?:in|at)\s+the\s+$|\b(?:in|at)\s+(?:the\s+)?"
                           r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)?(?:\s+capital)?,\s+$")
_PLACE_END = re.compile(r"\s*(?:[,.;:)]|$)|\s+(?:on|in|at|last|this|earlier|later|during|"
                        r"where|when|after|before)\b")
_VENUE_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){0,2}(?:(?:resort|city|town|port|village|province|"
                          r"region|island)\s+of|capital,?)\s+[A-Z]")


# The Hague where a court sits: "took the case to The Hague", "the court in The Hague",
# "arbitration at The Hague", "after Hague ruling" (not "ambassadors back to The Hague")
_COURT_BEFORE = re.compile(r"\b(?:court|tribunal|arbitration|case|dispute|judges?)\b"
                           r"[^.;,]{0,25}$", re.IGNORECASE)
_COURT_AFTER = re.compile(r"\s+(?:court|tribunal|ruling|verdict|judges)\b", re.IGNORECASE)


def venue(text: str, mention: Mention) -> bool:
    """True when ``mention`` names the country of a place where the event happened ("in the
    Turkish resort of Antalya", "in Antalya, Turkey"), not who takes part: a town that is
    not named as the country's capital, or The Hague as the seat of the world's courts."""
    if mention.text.endswith("Hague") and (
            _COURT_BEFORE.search(text, max(0, mention.start - 40), mention.start)
            or _COURT_AFTER.match(text, mention.end)):
        return True
    before = _VENUE_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    if before is None:
        return False
    if before.group(0).rstrip().endswith("of"):
        return True
    if before.group(0).rstrip().endswith(","):
        # "in Antalya, Turkey," but not "after talks in Moscow, Iran and Russia signed …"
        return _PLACE_END.match(text, mention.end) is not None
    return _VENUE_AFTER.match(text, mention.end) is not None


# "before", "after" … ending their phrase with the country are prepositions ("the last to
# abandon Taiwan before Nauru,"): the country is another word's (no subject of a clause
# "before Japan signed", which needs its verb)
_TIME_WORDS = frozenset({"before", "after", "since", "until"})
_PHRASE_END = re.compile(r"\s*[,;.:)]")
# Verbs after which a country is no direct object: being, having, saying and thinking
# (what follows is a clause of its own: "said Japan would …"), and participles that work as
# prepositions ("including Japan": :func:`example`).
_NOT_OBJECT_VERBS = frozenset({
    "be", "have", "do", "say", "tell", "think", "believe", "claim", "insist", "argue", "hope",
    "fear", "know", "expect", "announce", "confirm", "deny", "report", "add", "note", "suggest",
    "show", "mean", "ensure", "agree", "feel", "see", "hear", "let", "make", "help",
})  # fmt: skip
_PREPOSITION_PARTICIPLES = frozenset({
    "including", "excluding", "involving", "regarding", "concerning", "following", "according",
    "during", "barring", "considering", "given", "led", "backed", "based",
})  # fmt: skip


@cache
def takes_object(word: str, before: str = "") -> bool:
    """True when ``word`` is a form of a verb (by lemminflect's tables) whose next noun phrase
    is its direct object ("recognised", "abandoning"; "abandon" after "to"): a country right
    after it is acted on, not acting. A word that may also be a noun or an adjective counts
    only after "to" ("visit" may name the event itself: "a visit Japan hosted")."""
    if not word.isalpha() or not word.islower() or word in _PREPOSITION_PARTICIPLES:
        return False
    lemmas = getAllLemmas(word)
    verbs = lemmas.get("VERB", ())
    return (bool(verbs) and (before == "to" or not (lemmas.get("NOUN") or lemmas.get("ADJ")))
            and not any(verb in _NOT_OBJECT_VERBS for verb in verbs))


# A list of examples set off by a comma: "the bloc's partners, including the US and China,"
_EXAMPLES = re.compile(r",\s+(?:including|among\s+them|among\s+others|such\s+as|notably"
                       r"|especially|in\s+particular)\s+", re.IGNORECASE)
# what a list of countries is made of: names, "the", "and", "or", commas
_LIST = re.compile(r"(?:[A-Z][\w'\u2019.-]*|the|and|or|,|\s)*")


def example(text: str, clause_start: int, mention: Mention, mentions: Iterable[Mention]) -> bool:
    """True when ``mention`` is in a list of examples ("partners, including the US, China
    and Taiwan,") after another country named in its clause: the sentence is about that one,
    the examples are a topic, not who acts ("Manele barred the partners, among them the US …").
    """
    markers = list(_EXAMPLES.finditer(text, clause_start, mention.start))
    if not markers or not _LIST.fullmatch(text, markers[-1].end(), mention.start):
        return False
    return any(clause_start <= m.start and m.end <= markers[-1].start() for m in mentions)


# A regular past tense or participle: the event verb "introduced", "signed", "recognised".
REGULAR_PAST = re.compile(r"[a-z]+ed\b")


def acting(text: str, mentions: Iterable[Mention], word_start: int) -> tuple[str, ...]:
    """The countries that a past-tense event verb right after them has as its subject, when
    they stand in a clause of their own inside the sentence: the one named directly before
    the verb and those joined to it by "and" or commas ("Poland has objected to the checks
    Berlin introduced": Germany, not Poland); () otherwise."""
    if not REGULAR_PAST.match(text, word_start):
        return ()
    before = [m for m in mentions if m.end <= word_start]
    # "a similar step by Britain, which expelled an Israeli diplomat": the relative pronoun
    # makes the clause its own
    related = bool(before) and _WHICH.fullmatch(text, before[-1].end, word_start) is not None
    if not before or (text[before[-1].end : word_start].strip() and not related):
        return ()
    chain = [before[-1]]
    for mention in reversed(before[:-1]):
        gap = text[mention.end : chain[-1].start]
        words = re.findall(r"[\w'\u2019-]+", gap)
        if not re.fullmatch(r"[\s,\w'\u2019()-]*", gap) or not all(
                word.lower() in _GROUPING or _in_name(word) for word in words):
            break
        chain.append(mention)
    # Only inside a clause of its own: after a noun or "that" ("the checks Berlin introduced",
    # "treaties that Carter signed") or a verb ("said Berlin introduced"), not after "and"
    # joining the sentence's clauses, or at its start, where the country is the subject anyway.
    tokens = _TOKEN.findall(text, max(0, chain[-1].start - 80), chain[-1].start)
    previous = next((token for token in reversed(tokens)
                     if token == "and" or not _in_name(token)), "")
    if not related and (not previous.isalpha() or previous in _JOINING):
        return ()
    return tuple(dict.fromkeys(m.country for m in reversed(chain)))


_WHICH = re.compile(r",\s+(?:which|who)\s+(?:(?:had|has|have|also|then|later|first)\s+)*")


_JOINING = frozenset({"and", "or", "but", "then", "while", "as", "when", "after", "before"})
# Words that join countries into one subject: "Trump and the leaders of Egypt, Qatar and Turkey",
# "Anutin Charnvirakul and his Cambodian counterpart Hun Manet".
_GROUPING = frozenset({"and", "leaders", "heads", "presidents", "ministers", "premiers",
                       "governments", "delegations", "envoys", "officials", "counterparts",
                       "counterpart", "his", "her", "their"})


# between an event noun and the doer its relative clause names: "the tariffs that President …"
_RELATIVE_OPENING = re.compile(r"\s+(?:(?:that|which)\s+)?(?:[A-Z][\w'\u2019.-]*\s+)*")
# what joins the countries of a list: "Ankara and Yerevan", "Mali, Niger and Chad"
_LIST_JOIN = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


def listed(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions[0]`` and the mentions after it in ``mentions`` each joined to the one before
    by "and" or a comma: the list it opens ("France, Germany, Britain and Poland"), or, with
    ``mentions`` in reverse reading order, the list it closes."""
    chain = mentions[:1]
    for mention in mentions[1:]:
        first, second = sorted((chain[-1], mention), key=lambda m: m.start)
        if not _LIST_JOIN.fullmatch(text, first.end, second.start):
            break
        chain.append(mention)
    return chain


# an event told as a noun: "the visit", "Nixon's first visit", "a state visit"
_NOUN_OPENER = re.compile(r"\b(?:the|a|an|his|her|its|their|this|that|[\w-]+['\u2019]s)\s+"
                          r"(?:[\w-]+\s+){0,2}$")
# from the noun to who did it: at most where to ("to Peking"), then "by" and titles ("by
# President Richard ")
_BY_AGENT = re.compile(r"(?:\s+(?:to|of|in|at|from)\s+(?:the\s+)?(?:[A-Z][\w.'\u2019-]*\s*)+)?"
                       r"\s*by\s+(?:(?:the\s+)?[A-Z][\w.'\u2019-]*\s+){0,4}")


def by_agents(text: str, mentions: Iterable[Mention], word_start: int,
              word_end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who did an event told as a noun and where or to whom, when "by" names the doer after
    it: "the visit to Peking by President Richard Nixon" gives ((USA,), (CHN,)); ((), ())
    when the word is no noun so told, or no country follows "by" within its phrase."""
    if not _NOUN_OPENER.search(text, max(0, word_start - 40), word_start):
        return (), ()
    after = [m for m in mentions if word_end <= m.start <= word_end + 80]
    for index, mention in enumerate(after):
        if PHRASE_END.search(text, word_end, mention.start):
            break
        if _BY_AGENT.fullmatch(text, word_end, mention.start):
            chain = listed(text, after[index:])
            goals = dict.fromkeys(m.country for m in after[:index])
            return tuple(dict.fromkeys(m.country for m in chain)), tuple(goals)
    return (), ()


# between the doer and its verb: "that Trump had first unveiled"
_ADVERBS = re.compile(r"\s+(?:(?:had|have|has|also|first|then|later|just)\s+)*([a-z]+)\b")


def agents(text: str, mentions: Iterable[Mention], word_end: int) -> tuple[str, ...]:
    """The countries a relative clause right after an event noun gives as its doer: "the
    tariffs that President Donald Trump unveiled", "the sanctions Washington and London
    imposed" (the mentions right after the noun, with titles at most before them, joined by
    "and" or commas, then a verb in the past); () otherwise. Whoever else the sentence names
    is what the act concerns, not who did it."""
    after = [m for m in mentions if m.start >= word_end]
    if not after or not _RELATIVE_OPENING.fullmatch(text, word_end, after[0].start):
        return ()
    chain = listed(text, after)
    verb = _ADVERBS.match(text, chain[-1].end)
    if verb is None or not (REGULAR_PAST.fullmatch(verb.group(1))
                            or is_past_tense(verb.group(1))):
        return ()
    return tuple(dict.fromkeys(m.country for m in chain))
