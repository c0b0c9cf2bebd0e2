"""Who is what to one clause's event (timeline.extract.parties): each mending step of
:func:`cast` on a sentence of its own, read through the package's own sentence, date and
country finders, as the candidates read it."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.extract.clauses import clauses
from timeline.extract.event_dates import dates_in
from timeline.extract.parties import Antecedent, Roles, cast
from timeline.extract.references import find_countries_in_context
from timeline.extract.scoring import event_word
from timeline.extract.sentences import sentence_spans
from timeline.extract.temporal import tag_dates

PUBLISHED = dt.date(2025, 6, 20)


def roles_of_last_sentence(text: str, part: int = 0) -> Roles:
    """The roles in clause ``part`` of the last sentence of ``text``, whose earlier sentences
    are what a back-reference may point to."""
    spans = sentence_spans(text)
    start, end = spans[-1]
    mentions = find_countries_in_context(text, PUBLISHED)
    whens = dates_in(text, start, end, tag_dates(text, PUBLISHED), mentions, PUBLISHED, [])
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    clause = clauses(text, start, end, whens, inside)[part]
    found = event_word(text, clause.start, clause.end, clause.whens)
    assert found is not None, "no event word in the clause"
    keyword, word_start, word_end = found
    return cast(text, (start, end), clause, None, Antecedent(text, mentions, spans[:-1]),
                keyword, (word_start, word_end))


@pytest.mark.parametrize(("text", "subjects", "objects", "others", "reason"), [
    # word order alone: who stands before the verb acts, who comes after is acted on
    ("Japan and the Philippines signed a defence pact in July 2024.",
     ["JPN", "PHL"], [], {}, None),
    # a host or broker follows the parties it brought together
    ("Malaysia hosted talks between Thailand and Cambodia in March 2025.",
     ["THA", "KHM"], [], {"brokers": ["MYS"]}, "the parties come first"),
    # a sentence opening on a place: who acts is of that place
    ("In Tehran, the foreign ministry summoned the British envoy on Sunday.",
     ["IRN"], ["GBR"], {}, "then who acts there"),
    # the first to do it since someone: that one did it then
    ("Indonesia became the first country to join the bloc since Cambodia in 1999.",
     ["KHM"], [], {}, "who did it then"),
    # who stands right before the verb introduced the checks; Poland objects elsewhere
    ("Poland has objected to the border checks Berlin introduced in September 2024.",
     ["DEU"], [], {"topics": ["POL"]}, "right before"),
    # … and so does the country a relative pronoun follows
    ("Canberra's move follows a similar step by Britain, which expelled an Israeli diplomat "
     "on March 23.", ["GBR"], ["ISR"], {"topics": ["AUS"]}, "right before"),
    # a possessive before an event noun names whose act it is
    ("Ottawa said the deal mattered at a time when Russia's invasion of Ukraine in February "
     "shook Europe.", ["RUS"], ["UKR"], {"topics": ["CAN"]}, "Russia's act"),
    # … not before a verb: "a step Israel's government condemned"
    ("Britain and Canada recognised a Palestinian state yesterday, a step Israel's government "
     "condemned.", ["GBR", "CAN", "PSE", "ISR"], [], {}, None),
    # ", and" opens a clause with a subject of its own
    ("Egypt and Cyprus rejected the accord, and the Greek minister flew to Cairo on Sunday.",
     ["GRC"], ["EGY"], {"topics": ["EGY", "CYP"]}, "after “, and”"),
    # a relative clause names who did it
    ("Japan was hit with the tariffs that President Donald Trump unveiled on April 2.",
     ["USA"], [], {"topics": ["JPN"]}, "that United States did"),
    # "by" names who visited, "to" where
    ("Tokyo's move follows the visit to Peking by President Richard Nixon in February 1972.",
     ["USA"], ["CHN"], {"topics": ["JPN"]}, "that United States did"),
    # "it" in a clause inside the sentence is the country named last before it
    ("The deal hands Tokyo its biggest export order since it relaxed a ban in 2014.",
     ["JPN"], [], {}, "“it” is Japan"),
    # a large city after an attack's word is where it landed; before it, or after a word for
    # no attack, it is only a place
    ("French agents sank the ship Rainbow Warrior in Auckland harbour on July 10, 1985.",
     ["FRA"], ["NZL"], {}, "where the attack landed, “Auckland”"),
    ("In Auckland, French agents sank the ship Rainbow Warrior on July 10, 1985.",
     ["FRA"], [], {}, None),
    ("French and German ministers held talks in Auckland on July 10, 1985.",
     ["FRA", "DEU"], [], {}, None),
])
def test_each_step_mends_who_is_what(text, subjects, objects, others, reason):
    roles = roles_of_last_sentence(text)
    assert (roles.subjects, roles.objects) == (subjects, objects)
    for part, codes in others.items():
        assert getattr(roles, part)[: len(codes)] == codes, part
    if reason is None:
        assert roles.reasons == []
    else:
        assert any(reason in r for r in roles.reasons), roles.reasons


def test_a_relative_clause_cut_from_its_pair_tells_what_the_pair_did():
    roles = roles_of_last_sentence("Kuwait lent Baghdad billions in 1982, in the war between "
                                   "Iran and Iraq that had begun in 1980.", part=1)
    assert (roles.subjects, roles.objects, roles.topics) == (["IRN", "IRQ"], [], ["KWT"])
    assert "what is between Iran, Iraq did it" in roles.reasons[-1]


def test_he_opening_a_sentence_is_the_leader_named_in_the_sentence_before():
    roles = roles_of_last_sentence("Trump spoke to Carney on Thursday. "
                                   "He announced new tariffs on Canada on Friday.")
    assert roles.subjects == ["USA"]
    assert roles.reasons[0].startswith("“He” is the leader named first")


def test_a_place_of_filing_comes_after_every_other_country():
    roles = roles_of_last_sentence(
        "THE HAGUE (Test Wire) - Bolivia and Chile signed an accord on Monday.")
    assert roles.subjects == ["BOL", "CHL"]
    assert roles.topics[-1:] == ["NLD"]


def test_parties_lists_each_country_once_and_leaves_out_venues():
    roles = Roles(subjects=["THA", "KHM"], objects=["KHM"], brokers=["MYS"], topics=["USA"],
                  venues=["TUR"])
    assert roles.parties() == ["THA", "KHM", "MYS", "USA"]
    roles.to_topics(["CHN", "USA"])
    assert roles.topics == ["CHN", "USA"]
