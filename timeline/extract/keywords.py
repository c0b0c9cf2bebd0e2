"""The words that say an event happened, and the words that make a report uncertain.

:data:`KEYWORDS` is the table of event wordings: a pattern, the event type it signals (from
:mod:`timeline.core.event_types`), a strength (3 the act itself: "signed … a pact", "phone call",
"test-fired"; 2 a word that usually goes with it: "meeting", "court", "message"; 1 a reporting
verb: "said") and a title template. :data:`BACK_REFERENCE` finds a definite back-reference to
an event reported before ("the deal", "this move", "ratified it"); :data:`HEDGE` and
:data:`NEGATION` the wording that makes a report future, hedged or negated; :data:`CONDITION`
a condition ("if", "unless").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .timex import CALENDAR_NAMES

__all__ = ["BACK_REFERENCE", "CONDITION", "HEDGE", "INAUGURATION", "INDEPENDENCE", "KEYWORDS",
           "NEGATION", "REPEATS", "Keyword"]


@dataclass(frozen=True)
class Keyword:
    """One way an event is worded: a pattern, the event type it signals and how strongly.

    ``title`` is a template: ``{who}`` the subject countries, ``[s]``/``[es]`` the verb ending
    used with one country; ``title_with_target`` (``{actor}``, ``{target}``) is used when the
    candidate has both.
    """

    pattern: str
    type: str
    strength: int
    title: str
    title_with_target: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Word endings, written once: "sign(?:ed|s|ing)?" is r"sign" + _VERB.
_VERB = r"(?:ed|s|ing)?"
_E_VERB = r"(?:e|ed|es|ing)"  # "restore", "restored", "restores", "restoring" from "restor"

# independence won or declared, "Angola's independence from Portugal"
INDEPENDENCE = (
    r"\b(?:won|wins|win|winning|gained|gains|gain|gaining|declared|declares|declare|"
    r"declaring|proclaimed|proclaims|proclaim|proclaiming|achieved|achieves|regained|became|"
    r"becomes|become|becoming)\s+"
    r"(?:its\s+|their\s+|full\s+|the\s+)?independen(?:ce|t)\b"
    r"|\bindependen(?:ce|t)\s+from\b"
    # a rule told until independence: "ruled Cyprus from 1878 until independence on August 16,
    # 1960"
    r"|(?:(?<=\buntil\s)|(?<=\buntil\sits\s)|(?<=\buntil\stheir\s))independence(?=\s+(?:on|in)\b)"
    # "became a sovereign state", "became an independent nation"
    r"|\b(?:became|becomes|become|becoming)\s+an?\s+(?:fully\s+)?(?:independent|sovereign)\s+"
    r"(?:state|nation|country|republic)\b"
)

# taking office, and the other ways news tells a change of power at home
# (not "taking office": "his first visit since taking office last year" is about the visit)
INAUGURATION = (r"\b(?:inaugurat(?:ed|ion)|sworn\s+in|(?:took|takes)\s+office"
                r"|(?:seized|seizing|took|takes)\s+power|came\s+to\s+power"
                r"|return(?:ed)?\s+to\s+(?:office|power)|assumed\s+(?:office|power|the\s+presidency))\b")

# "ruled" with a land after it governs it ("Britain ruled Cyprus from 1878", "ruled the
# island", "ruled over"): no court ruling; a court "ruled Monday that …"
_GOVERNED = r"(?:country|island|islands|peninsula|capital|territory|colony|region|kingdom|nation)"
_CALENDAR_WORD = "(?:" + "|".join(sorted(CALENDAR_NAMES)) + ")"

KEYWORDS: tuple[Keyword, ...] = (
    # -- ties established / cut
    Keyword(rf"\b(?:establish{_VERB}|normali[sz]{_E_VERB}|restor{_E_VERB}|resum{_E_VERB}|"
            rf"forg{_E_VERB})\s+(?:full\s+|their\s+|its\s+)?(?:formal\s+|official\s+)?"
            r"(?:diplomatic\s+)?(?:ties|relations)\b"
            r"|\b(?:diplomatic\s+)?(?:ties|relations)\s+(?:were\s+|was\s+)?"
            r"(?:established|restored|normali[sz]ed)\b"
            r"|\bnormali[sz]ation\b"
            # "the two have had diplomatic relations since 1961": the year they began
            r"|\b(?:have|has)\s+had\s+(?:full\s+|formal\s+)?(?:diplomatic\s+)?"
            r"(?:ties|relations)\s+since\b"
            # "switched diplomatic recognition from Taipei to Beijing in August 2018"
            r"|\bswitch(?:ed|es|ing)?\s+(?:its\s+|their\s+)?(?:diplomatic\s+)?recognition\b",
            "ties_established", 3, "{who} establish[es] diplomatic ties",
            "{actor} establish[es] diplomatic ties with {target}"),
    # "became the first country to formally recognise …" (the base form: what hedges it,
    # "refused to", "would", is read as for any event word)
    Keyword(r"\brecogni[sz](?:ed|es|ing|e)\s+(?:the\s+)?(?:independence|sovereignty|government)\b"
            # "recognised Palestine", "recognised a Palestinian state": a name follows
            r"|\brecogni[sz](?:ed|es|ing|e)\s+(?:(?:a|an|the)\s+)?(?-i:[A-Z])"
            r"|\brecogni[sz](?:ed|es|ing|e)\s+(?:it|them)\b(?!\s+as\b)"
            # "recognise the restored state", "recognising all three Baltic states"
            r"|\brecogni[sz](?:ed|es|ing|e)\s+(?:(?:a|an|the|all|both)\s+)?(?:[a-z]+\s+){0,2}"
            r"(?:states?|republics?)\b",
            "ties_established", 2, "{who} recognise[s] a government",
            "{actor} recognise[s] {target}"),
    Keyword(rf"\b(?:cut|cuts|cutting|sever{_VERB}|broke\s+off|break(?:s|ing)?\s+off|"
            rf"suspend{_VERB}|downgrad{_E_VERB})\s+(?:all\s+)?"
            # "cut diplomatic and trade ties"
            r"(?:diplomatic\s+(?:and\s+(?:trade|economic|consular)\s+)?)?"
            r"(?:ties|relations)\b"
            # not "ended its relations with Taipei and recognised China": that is the switch
            r"|\bend(?:ed|s|ing)\s+(?:all\s+)?(?:diplomatic\s+)?(?:ties|relations)\b"
            # "have had no diplomatic relations (with Russia) since 1980": the year they
            # were cut
            r"|\b(?:have|has)\s+had\s+no\s+(?:formal\s+)?(?:diplomatic\s+)?"
            r"(?:ties|relations)\s+(?:with\s+(?:[\w'\u2019-]+\s+){1,3}?)?since\b",
            "ties_cut", 3, "{who} cut[s] ties", "{actor} cut[s] ties with {target}"),
    Keyword(r"\bexpel(?:led|s|ling)?\b[^.;]{0,40}?\b(?:diplomats?|ambassadors?|envoys?)\b"
            # "gave U.S. Ambassador Patrick Duddy 72 hours to leave", "ordered the envoy, …, to
            # leave Washington" (the dot after a capital letter, "U.S.", is no sentence end)
            r"|\b(?:gave|gives|giving|given)\b(?:[^.;]|(?<=\b[A-Z])\.){0,60}?\b(?:hours|days)\s+"
            r"to\s+leave\b"
            r"|\border(?:ed|s|ing)?\b(?:[^.;]|(?<=\b[A-Z])\.){0,60}?\b(?:diplomats?|ambassadors?|"
            r"envoys?|consuls?|high\s+commissioners?)\b(?:[^.;]|(?<=\b[A-Z])\.){0,40}?\bto\s+leave\b"
            r"|\brecall(?:ed|s|ing)?\s+(?:its\s+|their\s+|his\s+|her\s+|the\s+)?"
            r"(?:ambassadors?|envoys?|diplomats)\b",
            "ties_cut", 3, "{who} expel[s] or recall[s] diplomats",
            "{actor} expel[s] or recall[s] diplomats over {target}"),
    Keyword(r"\bpull(?:ed|s|ing)?\s+out\b|\bwithdr(?:ew|aws|awn|aw|awing)\s+from\b",
            "ties_cut", 2, "{who} pull[s] out", "{actor} pull[s] out of a tie with {target}"),
    # -- treaties
    Keyword(rf"\b(?:sign|initial+){_VERB}\b[^.;]{{0,60}}?\b(?:treaty|pact|agreement|accord|deal|"
            r"memorandum|protocol|declaration)\b"
            r"|\b(?:treaty|pact|agreement|accord|deal)\s+(?:was\s+|were\s+)?signed\b"
            r"|\b(?:struck|strikes?|striking)\s+(?:an?|the|their|its)\s+(?:[\w-]+\s+){0,2}?"
            r"(?:deal|agreement|accord|pact)\b"
            r"|\bratif(?:ied|ies|y|ying)\b",
            "treaty", 3, "{who} sign[s] an agreement",
            "{actor} sign[s] an agreement with {target}"),
    Keyword(r"\b(?:truce|ceasefire|cease-fire|armistice|deal|agreement|accord)\b[^.;]{0,40}?"
            r"\b(?:took|takes|taking)\s+(?:effect|hold)\b",
            "treaty", 3, "{who} put[s] an agreement into effect",
            "{actor} put[s] an agreement with {target} into effect"),
    # "joined the East African Community", "the Arab League" (not "joined the international
    # community in condemning …")
    Keyword(r"\bjoin(?:ed|s|ing)?\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:group|bloc|alliance|"
            r"accords?|treaty|organi[sz]ation|union|pact|coalition|league|association|"
            r"commonwealth|federation|(?<!international\s)community)\b"
            r"|\bjoin(?:ed|s|ing)?\s+(?:the\s+)?(?-i:[A-Z][A-Z0-9]+)\b"  # "joined NATO", "the G20"
            # "Rwanda and Burundi became members in 2007", "became the first Dutch-speaking
            # member", "the alliance's 29th member" (not "a member of parliament", nor "the
            # first EU member to stop importing Russian gas": the act is the verb's); "was founded
            # by Kenya, Tanzania and Uganda in 1967"
            r"|\bbec(?:ame|omes?|oming)\s+(?:(?:a|an|the|its)\s+)?(?:[\w-]+['\u2019]s\s+)?"
            r"(?:[\w-]+\s+){0,2}?members?\b(?!\s+of\s+(?:the\s+)?(?:parliament|congress|"
            r"cabinet|government|house|senate|assembly|family)\b)"
            r"(?!\s+(?:states?\s+)?to\s)"
            r"|\b(?:co-?)?founded\s+(?:by|the)\b|\bco-?founded\b"
            # "was admitted to the United Nations", "admitted into NATO" (not "to hospital")
            r"|\badmitted\s+(?:as\s+(?:a|an|its)\s+(?:[\w-]+\s+){0,2}?member\s+)?(?:in)?to\s+"
            r"(?:the\s+)?(?-i:[A-Z])",
            "treaty", 2, "{who} join[s] a group or treaty", "{actor} join[s] {target}"),
    # "Egypt made peace with Israel in 1979"
    Keyword(r"\bma(?:de|kes?|king)\s+(?:a\s+(?:lasting\s+|formal\s+)?|their\s+)?peace\b",
            "treaty", 3, "{who} make[s] peace", "{actor} make[s] peace with {target}"),
    Keyword(r"\b(?:agreed|agree|agrees)\s+(?:to|on)\b"
            # "reached a deal", "reached the 2015 nuclear agreement"
            r"|\breach(?:ed|es)?\s+(?:an?\s+|the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,3}?"
            r"(?:deal|agreement|accord|truce|ceasefire|understanding)\b"
            # "under a tripartite agreement reached with Britain in 1947"
            r"|\b(?:deal|agreement|accord|truce|ceasefire)\s+(?:was\s+|were\s+)?"
            r"(?:reached|concluded)\b"
            r"|\b(?:peace|trade|security|defen[cs]e|free\s+trade|friendship)\s+(?:agreement|deal|"
            r"accord|treaty|pact)\b|\btreaty\s+of\s+(?:friendship|peace|alliance)\b"
            # "ties have deepened since a joint declaration in March 2007"
            r"|\bjoint\s+(?:declaration|communiqu[eé])\b"
            # "the two armies recommitted in February 2021 to a ceasefire"
            r"|\b(?:re-?)?commit(?:ted|s)?\b[^.;]{0,40}?\bto\s+(?:an?\s+|the\s+|their\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:ceasefire|cease-fire|truce|deal|agreement|accord)\b",
            "treaty", 2, "{who} reach[es] an agreement",
            "{actor} reach[es] an agreement with {target}"),
    # -- military posture
    Keyword(rf"\btest[- ]fir{_E_VERB}\b"
            rf"|\b(?:fir{_E_VERB}|launch{_VERB}|launches)\b[^.;]{{0,40}}?\b(?:missiles?|"
            r"rockets?|projectiles?|satellites?)\b"
            r"|\b(?:missile|nuclear|weapons?)\s+tests?\b",
            "military_posture", 3, "{who} fire[s] or test[s] missiles",
            "{actor} fire[s] or test[s] missiles near {target}"),
    Keyword(r"\b(?:drills?|military\s+exercises?|joint\s+exercises?|war\s+games|live[- ]fire|"
            r"artillery|military\s+parades?)\b",
            "military_posture", 3, "{who} hold[s] a military drill",
            "{actor} hold[s] a military drill near {target}"),
    Keyword(r"\b(?:deployed|deploys|mobili[sz]ed|troops\s+massed)\b",
            "military_posture", 2, "{who} deploy[s] forces",
            "{actor} deploy[s] forces near {target}"),
    # -- sanctions
    Keyword(rf"\b(?:impos{_E_VERB}|slapp(?:ed|ing)|announc{_E_VERB}|expand{_VERB}|"
            rf"tighten{_VERB})\s+(?:new\s+|fresh\s+|further\s+|additional\s+|more\s+)?"
            r"(?:sanctions|tariffs|an?\s+embargo|export\s+controls)\b",
            "sanctions", 3, "{who} impose[s] sanctions", "{actor} impose[s] sanctions on {target}"),
    Keyword(r"\b(?:sanction(?:ed|s|ing)?|tariffs?|embargo|blacklisted)\b",
            "sanctions", 2, "{who} impose[s] sanctions", "{actor} impose[s] sanctions on {target}"),
    # a trade cut between states: "suspended all imports of seafood from Japan", "stop
    # importing Russian gas", "an import ban"
    Keyword(r"\b(?:ban|bann|halt|suspend|stopp?)(?:ed|s|ing)?\s+(?:all\s+|the\s+)?"
            r"(?:imports?|importing|exports?|exporting)\b|\b(?:import|export)\s+bans?\b",
            "sanctions", 2, "{who} restrict[s] trade", "{actor} restrict[s] trade with {target}"),
    # a border or airspace closed to a state: "shut its border with Belarus", "closed its
    # airspace to Mali"
    Keyword(r"\b(?:clos(?:ed|es|e|ing)|shut(?:s|ting)?)\s+(?:its|their|the)\s+"
            r"(?:[\w-]+\s+)?(?:borders?|frontiers?|airspace)\b",
            "sanctions", 3, "{who} close[s] a border",
            "{actor} close[s] its border to {target}"),
    # -- talks
    Keyword(r"\b(?:phone|telephone|video)\s+(?:call|talks|conversation)\b"
            r"|\bspoke\s+(?:by|on\s+the)\s+(?:tele)?phone\b",
            "talks", 3, "{who} hold[s] a phone call", "{actor} hold[s] a phone call with {target}"),
    Keyword(r"\b(?:held|hold|holds|holding)\s+talks\b|\btalks\b|\bnegotiat(?:ed|es|ing|ions?)\b"
            r"|\bdiscuss(?:ed|es|ing)\b|\bspok(?:e|en)\s+with\b|\bmediat(?:ed|es|ing|ion)\b"
            r"|\bbroker(?:ed|s|ing)\b",
            "talks", 2, "{who} hold[s] talks", "{actor} hold[s] talks with {target}"),
    # -- summits and visits
    Keyword(r"\b(?:state\s+|official\s+)?visit(?:ed|s|ing)?\b|\btrip\s+to\b"
            r"|\barriv(?:ed|es|ing)\b(?!\s+at\s+(?:a|an|the)\s+(?:decision|conclusion|agreement))"
            r"|\b(?:travel(?:l?ed|s|l?ing)|flew|flies|flown)\s+(?:on\s+)?to\b",
            "summit", 3, "{who} make[s] a visit", "{actor} visit[s] {target}"),
    # (not "told a news conference": a leader speaking to reporters meets no one)
    Keyword(r"\b(?:summit|met|meets|meeting|hosted|hosts|(?<!news\s)(?<!press\s)conferences?"
            r"|co-?chair(?:ed|s|ing)?)\b"
            # "was received by Pope Francis for a private audience"
            r"|\b(?:was|were)\s+received\s+by\b|\baudience\s+with\b",
            "summit", 2, "{who} hold[s] a meeting", "{actor} meet[s] {target}"),
    # -- messages and statements
    Keyword(rf"\bexchang{_E_VERB}\s+(?:congratulatory\s+|New\s+Year\s+)?(?:messages|letters|"
            r"greetings|congratulations)\b",
            "statement", 3, "{who} exchange[s] messages",
            "{actor} exchange[s] messages with {target}"),
    Keyword(r"\bcongratulat(?:ed|es|ing|e)\b|\bcondolences\b|\bmessages?\b|\bletters?\s+to\b"
            r"|\bgreetings\b",
            "statement", 2, "{who} send[s] a message", "{actor} send[s] a message to {target}"),
    Keyword(r"\b(?:called\s+for|calls\s+for|urged|urges|appealed|pledged|vowed|proposed|"
            r"praised|welcomed)\b",
            "statement", 2, "{who} make[s] an appeal", "{actor} make[s] an appeal to {target}"),
    Keyword(r"\b(?:marked|marks|commemorated|celebrated)\b",
            "statement", 2, "{who} mark[s] an occasion",
            "{actor} mark[s] an occasion with {target}"),
    Keyword(r"\b(?:said|says|told|stated|announced|declared|reported|confirmed|statement)\b",
            "statement", 1, "{who} make[s] a statement", "{actor} make[s] a statement on {target}"),
    # -- domestic and legal steps
    # independence won or declared (extract.independence says whose and from whom)
    Keyword(INDEPENDENCE, "domestic_legal", 3, "Independence: {who}"),
    # self-government short of independence: "gained home rule in May 1979", "Self-government
    # had come on December 1, 1973" (not "became self-governing": "the compact took effect in
    # 1986, when the trust territory became self-governing" tells the compact's date)
    Keyword(r"\b(?:gain|gained|gains|gaining|won|wins|achieved|obtained|received)\s+"
            r"(?:full\s+|internal\s+|wider\s+|broad\s+)?(?:home\s+rule|self-government|"
            r"self-rule|autonomy)\b|\bself-government\s+(?:had\s+)?c[ao]me\b",
            "domestic_legal", 3, "Self-government for {who}"),
    Keyword(rf"\barrest{_VERB}\b|\bdetained\b|\bindicted\b|\btaken\s+into\s+custody\b",
            "domestic_legal", 3, "Arrest in {who}"),
    Keyword(r"\bextradit(?:ed|es|ing|ion)\b",
            "domestic_legal", 3, "Extradition by {who}",
            "{actor} extradite[s] someone to {target}"),
    Keyword(r"\b(?:(?:Supreme|Constitutional|High|Appeals?|District|Federal)\s+)?Court\b"
            r"[^.;]{0,80}?\b(?:ruled|upheld|backed|struck|rejected|blocked|approved|extended|"
            r"ordered|dismissed|sentenced|convicted|acquitted)\b"
            rf"|\bruled\b(?!\s+(?:over\b|the\s+{_GOVERNED}\b|(?!{_CALENDAR_WORD}\b)(?-i:[A-Z])))"
            r"|\b(?:upheld|struck\s+down)\b",
            "domestic_legal", 3, "Court ruling in {who}"),
    Keyword(INAUGURATION, "domestic_legal", 3, "Inauguration in {who}"),
    Keyword(r"\bexecutive\s+orders?\b|\bdecrees?\b",
            "domestic_legal", 3, "Executive order in {who}"),
    # "ruling" the noun, not the verb of governing ("after ruling for 25 years", "the ruling
    # party")
    Keyword(r"\b(?:Supreme|Constitutional|High)\s+Court\b|\bcourts?\b|\bjudges?\b"
            r"|(?<!\bafter\s)(?<!\bwhile\s)(?<!\bbefore\s)(?<!\bbeen\s)\bruling\b"
            r"(?!\s+(?:for|over|since|party|parties|coalition|junta|family|elite|class|"
            r"military|council)\b)"
            r"|\bverdict\b|\bsentenced\b|\bdetention\b|\bimpeach(?:ed|es|ing|ment)\b",
            "domestic_legal", 2, "Court case in {who}"),
    Keyword(r"\b(?:constitution(?:al)?|amendment)\b",
            "domestic_legal", 2, "Constitutional change in {who}"),
    Keyword(r"\b(?:passed|passes|enacted|enacts|adopted|adopts|approved|approves|signed|signs)\s+"
            r"(?:a\s+|an\s+|the\s+)?(?:new\s+)?(?:[\w-]+\s+)?(?:law|bill|legislation)\b",
            "domestic_legal", 3, "New law in {who}"),
    Keyword(r"\b(?:parliament(?:ary)?|legislat(?:ion|ure|ive)|national\s+assembly|(?-i:bill))\b",
            "domestic_legal", 2, "Legislation in {who}"),
    Keyword(r"\b(?:elections?|elected|referendum|martial\s+law)\b",
            "domestic_legal", 2, "Political step in {who}"),
    Keyword(rf"\b(?:ordered|directed|revok{_E_VERB}|rescind{_VERB}|repeal{_VERB}|"
            rf"abolish{_VERB}|scrapp(?:ed|ing)|dismantl{_E_VERB}|moved\s+to\s+end)\b",
            "domestic_legal", 2, "Government order in {who}"),
    # -- criticism and protest
    Keyword(rf"\bstorm{_VERB}\b|\briot(?:s|ed|ing)?\b",
            "criticism", 3, "Unrest in {who}"),
    Keyword(rf"\b(?:condemn{_VERB}|denounc{_E_VERB}|criticis{_E_VERB}|criticiz{_E_VERB}|"
            rf"accus{_E_VERB}|"
            rf"rebuk{_E_VERB}|lodged\s+a\s+protest)\b"
            r"|\bsummoned\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:ambassadors?|envoys?)\b",
            "criticism", 3, "{who} voice[s] criticism", "{actor} criticise[s] {target}"),
    # not the reason given for another act: "cut ties … in protest at", "despite protests"
    Keyword(r"(?<!\bin\s)(?<!\bdespite\s)(?<!\bamid\s)"
            r"\b(?:protest(?:ed|s|ers|ing)?|rall(?:y|ied|ies)|demonstrat(?:ed|ions?|ors)|"
            r"marched)\b",
            "criticism", 3, "Protest in {who}"),
    Keyword(rf"\b(?:demand{_VERB}|gathered)\b",
            "criticism", 2, "{who} make[s] demands", "{actor} make[s] demands of {target}"),
    # -- threats
    Keyword(r"\bthreat(?:en|ened|ens|ening)\b|\bultimatum\b",
            "threat", 3, "{who} issue[s] a threat", "{actor} threaten[s] {target}"),
    Keyword(rf"\bwarn{_VERB}\b",
            "threat", 2, "{who} issue[s] a warning", "{actor} warn[s] {target}"),
    # -- armed conflict
    Keyword(r"\b(?:declared\s+war|went\s+to\s+war|invaded|invasion)\b",
            "armed_conflict", 3, "{who} go[es] to war", "{actor} attack[s] {target}"),
    # "planted two bombs that sank the ship", "torpedoed a corvette"; not "relations sank"
    Keyword(r"\b(?:planted|detonated|set\s+off|dropped)\s+(?:[\w-]+\s+){0,2}?bombs?\b"
            r"|\b(?:sank|torpedoed)\s+(?:the|an?|its|their|two|three|several)\b",
            "armed_conflict", 3, "{who} attack[s]", "{actor} attack[s] {target}"),
    Keyword(r"\b(?:traded|trading|exchanged|exchanging)\s+(?:\w+\s+)?fire\b"
            r"|\bexchanges?\s+of\s+fire\b",
            "armed_conflict", 3, "{who} exchange[s] fire",
            "{actor} exchange[s] fire with {target}"),
    Keyword(rf"\b(?:attack{_VERB}|fought|shell(?:ed|ing)|(?:air|drone|missile)\s*strikes?|"
            r"strikes?\s+(?:on|against)|offensive|(?:re)?captur(?:ed|es|ing)|"
            r"bomb(?:s|ed|ing|ings)?|sunk|clash(?:ed|es)?|fighting|killed|"
            # "seized it from Germany", "seized the tanker"; not "seized power"
            r"seiz(?:ed|es|ing)(?!\s+power\b)|"
            # "bombers struck the plants", not "struck a deal"
            # nor "an agreement, struck with France in 2016"
            r"struck(?!\s+(?:an?|the|their|its)\s+(?:[\w-]+\s+){0,2}?(?:deal|agreement|accord|pact|"
            r"bargain|balance|note|tone|chord)|\s+with\b))\b",
            "armed_conflict", 2, "Fighting involving {who}", "{actor} attack[s] {target}"),
    # -- cooperation
    Keyword(r"\b(?:lifted|eased)\s+(?:\w+\s+)?sanctions\b"
            r"|\b(?:released|freed|exchang(?:e|ed|es|ing)|swapp(?:ed|ing))\s+(?:[\w,-]+\s+){0,4}?"
            r"(?:prisoners|detainees|hostages|captives)\b"
            r"|\bprisoner\s+(?:swap|exchange)s?\b"
            # "freed an Iranian diplomat on Friday in exchange for a Belgian aid worker"
            r"|\b(?:released|freed|handed\s+over)\b[^.;]{0,60}?\bin\s+exchange\s+for\b",
            "cooperation", 3, "{who} ease[s] pressure", "{actor} ease[s] pressure on {target}"),
    # "aid worker", "aid groups": people and bodies, not aid given
    Keyword(r"\b(?:aid(?!\s+(?:workers?|groups?|agenc(?:y|ies)|organi[sz]ations?|officials?))"
            r"|assistance|loans?|donat(?:ed|ion)|supplied|shipments?|cooperation)\b",
            "cooperation", 2, "{who} provide[s] aid or cooperation",
            "{actor} provide[s] aid or cooperation to {target}"),
)

# Nouns that a definite back-reference ("the amendment", "this move") uses for a reported step.
_BACK_NOUNS = (
    "amendments?", "revisions?", "changes?", "moves?", "steps?", "decisions?", "plans?",
    "proposals?", "measures?", "deals?", "agreements?", "accords?", "pacts?", "treat(?:y|ies)",
    "talks", "sessions?", "meetings?", "summits?", "visits?", "trips?", "calls?", "votes?",
    "bills?", "laws?", "orders?", "bans?", "rulings?", "sanctions", "drills?", "exercises?",
    "tests?", "launch(?:es)?", "attacks?", "strikes?", "protests?", "rall(?:y|ies)",
    "messages?", "normali[sz]ations?", "clash(?:es)?", "truces?", "ceasefires?",
    "cases?", "conferences?", "negotiations", "hearings?", "proceedings", "disputes?",
    "invasions?", "raids?", "expulsions?",
)  # fmt: skip
# Case-sensitive: a capitalised modifier names the thing ("the Paris agreement").
BACK_REFERENCE = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Tt]his|[Tt]hese)\s+"
    r"(?:(?!(?:first|second|third|next|annual)\b)[a-z][\w-]*\s+){0,2}?"
    rf"(?:{'|'.join(_BACK_NOUNS)})(?![\w-])"
    r"(?!\s+(?:of|between|among|with|to|against|by|over|for)\b)"
    r"|(?<![\w-])it\b(?=\s*(?:[,.;:!?\u201d\"]|$)|\s+(?:on|in|at|last|this|earlier|yesterday|"
    r"today)\b)"
)

# Words that say a clause repeats the event of the clause before ("Norway and Spain followed in
# May 2024", "Japan did the same in March").
REPEATS = re.compile(r"\b(?:followed(?:\s+suit)?|did\s+(?:the\s+same|so|likewise))\b",
                     re.IGNORECASE)

# Words that make what a clause reports uncertain or not yet real, and negations.
HEDGE = re.compile(
    # "may" in lower case: "May 10" is a date
    r"\b(?:will|would|could|(?-i:may)|might|shall|expected\s+to|plans?\s+to|planning\s+to|"
    r"is\s+to|are\s+to|set\s+to|due\s+to|reportedly|allegedly|suspected|likely"
    # "with results due in June", "a vote scheduled for March": not yet
    r"|due\s+(?:in|on|by|next|later|this)|scheduled\s+(?:for|to))\b",
    re.IGNORECASE,
)
# A condition before the event word: what follows "if" or "unless" has not happened.
CONDITION = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)
NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|refused\s+to|declined\s+to|failed\s+to|denied"
    # a plan told in the past perfect did not come about: "had planned to sign … in September"
    r"|had\s+(?:planned|hoped|intended|wanted)\s+to)\b", re.IGNORECASE
)
