"""Built-in event vocabularies a topic can include by name (``event_sets = ["legal"]``).

Events are matched on Porter stems, so one phrase covers its inflections ("arrest warrant" finds
"arrest warrants", "indictment" finds "indicted", "convicted" finds "conviction"). The aliases add
the wordings stems cannot reach ("warrant for the arrest", "sued"). "Appeal" and "trial" have other
senses in the news ("Tsunami Earthquake Appeal", "appeal to voters", "a free trial", "clinical
trials"): alone, they count only near a legal word (``CONTEXT_WORDS``); in a legal phrase
("lodged an appeal", "court of appeal", "went on trial", "stand trial") always.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.models import Entity

__all__ = ["ALIAS_MARKS", "COMMENTATOR_WORDS", "COMMON_EVENT_SENSES", "CONTEXT_SPAN",
           "CONTEXT_WORDS", "EVENT_FRAME_WORDS", "EVENT_SETS",
           "FOLLOWER_NOUNS", "INTENT_WORDS", "LISTING_WORDS", "MEDIUM_NOUNS", "OTHER_SENSE_BEFORE",
           "POSTING_WORDS", "THREATENED_WORDINGS", "Sense", "builtin_aliases", "builtin_not_as",
           "event_set"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OWNERS = ("an", "the", "his", "her", "its", "their")

_APPEAL = ("appeals court", "court of appeal", "court of appeals", "on appeal", "right of appeal",
           "right to appeal", "permission to appeal", "leave to appeal",
           *(f"{verb} {owner} appeal" for verb in ("lodge", "file", "win", "won", "lose", "lost")
             for owner in _OWNERS))
_TRIAL = ("on trial", "stand trial", "face trial", "await trial", "without trial", "retrial",
          "fair trial", "criminal trial", "murder trial", "trial judge")

_LEGAL_WORDS = _words("""
    court judge jury juror verdict ruling ruled judgment judgement sentence sentenced conviction
    convicted guilty acquittal acquitted charge charged prosecutor prosecution lawyer barrister
    counsel defence defendant accused legal lodge lodged tribunal testimony testify hearing fraud
    murder bail lawsuit
    """)

_NOT_LEGAL_BEFORE = _words("""
    free clinical drug field pilot indoor national european british world tsunami disaster
    earthquake charity aid emotional personal direct mass broad wide wider widespread popular
    """)
_NOT_LEGAL_AFTER = _words("version period run scheme basis")



class Sense(NamedTuple):
    """What gives an event word with other senses its sense, and what takes it away."""

    giving: frozenset[str]
    """One of these within ``CONTEXT_SPAN`` words in its sentence gives the word its sense; when
    empty, the word has its sense wherever no word next to it takes it away."""
    not_before: frozenset[str]
    """Right before the word, one of these (a word, or up to three: "free of") takes the sense
    away ("a free trial")."""
    not_after: frozenset[str]
    """Right after the word, one of these (a word, or up to three: "a fee") takes the sense away
    ("trial version")."""
    followers: frozenset[str] | None = None
    """When given: a lowercase word right after the word that is not one of these takes the
    sense away, as an adjective before its noun does ("fine weather", "a fine example")."""
    verb: bool = False
    """Whether the verb's own forms have only the event's sense ("fined" is always a penalty,
    while "appealed for calm" is no legal appeal)."""
    generic: frozenset[str] = frozenset()
    """In raw text, one of these in the word's sentence, within ``CONTEXT_SPAN`` words, makes a
    form that is not the verb's a general mention, not an event: "penalties such as fines",
    "could face huge fines under a new law", "powers to hand out fines"."""


_PENALTY_WORDS = _words("""
    pay paid paying pays ordered order face faces faced facing impose imposed imposes levy levied
    handed hit penalty penalties tax taxes jail jailed prison sentence sentenced ban banned
    court judge magistrate magistrates regulator watchdog breach breaching guilty charged
    reprimanded suspended disciplinary misconduct offence offences £ $ € euros dollars pounds
    yuan rs
    """)
_NOT_PENALTY_BEFORE = _words("""
    very so too quite perfectly pretty just really look looks looked seem seems seemed feel
    feels felt sound sounds fine
    """)
_HYPOTHETICAL = _words("such including proposed proposal proposals powers legislation law laws")
_NOUN_FOLLOWERS = _words("""
    of for and or but was is has had have will would could may might against on from after
    which that to by in with under over levied imposed handed
    """)

_CLEARED_OF = _words("offence offences offense allegation allegations wrongdoing misconduct doping")

_NOT_ACCUSED_BEFORE = _words("""
    in take took taking takes battery batteries wireless fast rapid inductive qi single per
    emotionally politically racially sexually highly service call data roaming congestion
    admission delivery subscription usage
    """) | {"free of"}
_NOT_ACCUSED_AFTER = _words("""
    station stations point points port ports cable cables pad pads up ahead
    """)

_PRICE_BEFORE = _words("""
    booking handling parking fuel cover nominal flat fixed monthly annual standing small
    """) | {"no extra", "no additional"}
_PRICES = ("£", "$", "€", "a £", "a $", "a €", "fee", "fees", "rent", "per", "a fee", "a premium",
           "a markup", "a flat", "a fixed", "a monthly", "a subscription", "a small", "a nominal",
           "an annual", "more for", "less for", "extra for")
_PAYERS = ("customers", "consumers", "users", "subscribers", "shoppers", "passengers", "clients")
_PRICE_AFTER = frozenset(_PRICES) | frozenset(_PAYERS) | {"of £", "of $", "of €"} | frozenset(
    f"{payer} {price}" for payer in (*_PAYERS, "you", "us", "them", "people")
    for price in ("£", "$", "€", "a fee", "fees", "for", "more", "extra", "rent"))
"""What makes "charge" a price, right before it ("a booking charge", "at no extra charge") or
right after it, a payer and a price in up to three words ("charged customers", "charged £5",
"charges a monthly fee", "charging users for", "a charge of $10")."""

CONTEXT_WORDS: dict[str, Sense] = {
    **{word: Sense(_LEGAL_WORDS, _NOT_LEGAL_BEFORE, _NOT_LEGAL_AFTER)
       for word in ("appeal", "trial")},
    "fine": Sense(_PENALTY_WORDS, _NOT_PENALTY_BEFORE, _words("art arts"), _NOUN_FOLLOWERS,
                  verb=True, generic=_HYPOTHETICAL),
    "cleared of": Sense(_LEGAL_WORDS | _CLEARED_OF, frozenset(), frozenset()),
    "charged": Sense(frozenset(), _NOT_ACCUSED_BEFORE | _PRICE_BEFORE,
                     _NOT_ACCUSED_AFTER | _PRICE_AFTER),
}
"""Event words with other senses in the news ("Tsunami Earthquake Appeal", "a free trial", "fine
weather", a lake "cleared of silt"): the word (or phrase) alone counts as an event only in its
sense (see ``Sense``). "Charged" counts wherever no word next to it gives it another sense: the
minister "in charge" (or "in-charge"), "free of charge", a "wireless charging" pad, "charging
points", an "emotionally charged" film, a price ("charged £5", "charges a fee", "charging users
for", "a service charge", "a charge of $10"). Phrases that
contain it ("lodged an appeal", "on trial") count as usual,
and so do forms of the word that can only have the event's sense: "fined" and "fining" are
always the penalty, "fine" and "fines" need a penalty word nearby ("a fine of £5m", "ordered to
pay fines") and, in raw text, no word of a general mention ("penalties such as fines", "fines
under a new law"); "finely" and "finest" never count. The matcher compares stems, and reads the
forms (``lemminflect``) in raw text."""

# Event words a desk often watches whose other senses fill the news: a footballer's "strike",
# a "striking" design, "strikes a deal"; "fired" from a job, "opened fire", "under fire"; a market
# "crash", a program that crashed, a team that "crashed out"; journalists as "hacks"; an
# "explosion" of growth; a "blaze" of publicity; a "collision course"; talks or a recovery
# "derailed". Each counts only near a
# word of its news senses, both of them where it has two (a strike by workers or from the air).
_CASUALTY_WORDS = _words("""
    killed kill kills killing dead death deaths died die dies injured injuries injuring hurt
    wounded victim victims fatal survivor survivors rescued trapped missing toll
    """)
_STRIKE_WORDS = _words("""
    union unions unionist worker workers staff employee employees pay wage wages salary pension
    pensions walkout walkouts industrial ballot balloted picket pickets picketing dispute
    action teacher teachers nurse nurses doctor doctors driver drivers pilot pilots miner miners
    civil servant servants postal porters crew crews rail railway tube underground transport
    general indefinite notice called calls call strikers stoppage protest protests protesting
    industry industries sector factory factories plant docks dockers
    air airstrike airstrikes missile missiles drone drones military army troops forces bomb
    bombs bombing bombers target targets targeted targeting nuclear coalition retaliatory
    retaliation jets warplanes casualties civilians
    """) | (_CASUALTY_WORDS - _words("injured injuries injuring hurt"))  # "injury blow strikes"
_VEHICLE_WORDS = _words("""
    car cars vehicle vehicles lorry lorries truck trucks bus buses coach van taxi motorbike
    motorcycle motorcyclist bike cyclist pedestrian train trains tram rail railway derailed
    derailment plane planes aircraft jet airliner helicopter flight pilot passenger passengers
    driver drivers motorist road roads motorway highway junction ship boat ferry vessel
    collision collided wreckage ambulance accident accidents investigators
    """) | _CASUALTY_WORDS

COMMON_EVENT_SENSES: dict[str, Sense] = {
    "strike": Sense(_STRIKE_WORDS, _words("lightning bird counter mobile hunger"),
                    _words("deal balance chord out rate partner zone price gold me back up pose")
                    | {"a deal", "a balance", "a chord", "a pose", "lucky"}),
    "crash": Sense(_VEHICLE_WORDS, _words("market stock share price computer system server "
                                         "software app browser program kernel sugar"),
                   # "England crashed over in the dying minutes": a try in rugby
                   _words("out course diet pad helmet report reports log dump")
                   | {"over in", "over for", "over from", "over the line", "over to score"}),
    "collision": Sense(_VEHICLE_WORDS - _words("collision"), _words("particle"),
                       _words("course")),
    "fire": Sense(frozenset(), _words("open opened opening opens under return returned gun guns "
                                      "sniper rocket artillery mortar friendly heavy hold held "
                                      "cease drew draw draws drawing enemy cannon laser covering "
                                      "quick-fire")
                  | {"hire and", "quick -"},
                  _words("up off back sale shots away questions warning missiles rockets danger "
                         "hazard hazards drill drills risk both a an")),
    "blaze": Sense(frozenset(), frozenset(), _words("of")),
    # rail words only: "injuries that derailed his season" is no accident
    "derailment": Sense(_words("""
        train trains tram trams rail rails railway railways track tracks carriage carriages
        wagon wagons freight locomotive locomotives line station signal signals tanker tankers
        express passenger passengers commuter
        """), frozenset(), frozenset()),
    "explosion": Sense(frozenset(), _words("population data price gadget traffic media cambrian "
                                           "combinatorial absolute"),
                       {f"{joint} {what}" for joint in ("of", "in") for what in (
                           "interest", "growth", "popularity", "demand", "colour", "color",
                           "creativity", "sales", "the number", "numbers", "activity",
                           "innovation", "gambling", "use", "consumer", "portable")}
                       | _words("growth runners clash start pace power performance")),
    "hack": Sense(frozenset(), _words("life quick party political tabloid old growth ultimate "
                                      "total clever"),
                  _words("to away off at around through")),
}
"""Common event words with other senses that a topic may watch by name: see the notes above.
Phrases that always mean the event count as usual (``_COMMON_EVENT_ALIASES``), and in raw text
some forms never do (``builtin_not_as``)."""

_COMMON_EVENT_NOT_AS = {
    "fire": ("fired", "firing"),  # sacked, or a gun fired
    "blaze": ("blazed", "blazing"),  # "blazed over the bar", "a blazing row"
    "hack": ("hacks",),  # journalists, a coder's tricks
}

OTHER_SENSE_BEFORE: dict[str, frozenset[str]] = {
    "arrest": _words("cardiac heart respiratory cardiopulmonary cardiorespiratory"),
    "jail": _words("in from"),
}
"""Event words that one word right before gives another sense, always: a "cardiac arrest" is no
arrest, and someone "in jail" or "released from jail" is not being sentenced (the stem of
"jailed" is "jail"). Unlike
``CONTEXT_WORDS`` the word needs nothing near it otherwise."""

CONTEXT_SPAN = 10

_LEGAL: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("arrest warrant", ("warrant for the arrest", "warrant for arrest", "warrant for his arrest",
                        "warrant for her arrest", "warrant for their arrest")),
    ("arrested", ("under arrest", "taken into custody")),
    ("indictment", ("indicted on", "grand jury")),
    ("charged with", ("charges against", "faces charges", "facing charges", "pressed charges")),
    ("prosecution", ("prosecuted", "prosecutors said")),
    ("convicted", ("found guilty", "pleaded guilty", "pleads guilty", "guilty plea")),
    ("sentenced", ("jailed", "imprisonment", "prison sentence", "life sentence",
                   "death sentence")),
    ("acquitted", ("acquittal", "found not guilty", "cleared of")),
    ("extradition", ()),
    ("sanctions", ("asset freeze", "travel ban", "blacklisted")),
    ("lawsuit", ("sue", "sued", "class action", "legal action", "filed suit")),
    ("subpoena", ()),
    ("injunction", ("restraining order",)),
    ("verdict", ()),
    ("appeal", _APPEAL),
    ("trial", _TRIAL),
    ("impeachment", ()),
    ("deportation", ()),
    ("contempt of court", ()),
    ("war crimes", ("war crime", "war criminal")),
    ("crimes against humanity", ("crime against humanity",)),
    ("genocide", ()),
)

EVENT_SETS: dict[str, tuple[Entity, ...]] = {
    "legal": tuple(Entity("event", name, aliases) for name, aliases in _LEGAL),
}


THREATENED_WORDINGS = frozenset(["sue", "legal action"])
"""Wordings of an event that are often only threatened or supposed: after a word of intent
(``INTENT_WORDS``) shortly before them in the sentence ("she will take legal action", "we can
sue them", "threatened to sue") no one has gone to court yet."""

INTENT_WORDS = _words("""
    will would could can may might shall should threaten threatens threatened threatening
    consider considers considered considering plan plans planned planning
    """)

EVENT_FRAME_WORDS = _words("""
    take takes took taken taking bring brings brought bringing file files filed filing launch
    launches launched launching face faces faced facing pay pays paid paying settle settles
    settled settling pursue pursues pursued pursuing win wins won winning lose loses lost
    losing drop drops dropped dropping issue issues issued issuing new fresh
    """)
"""Words that only frame an event's mention, as likely in the news a desk wants as in the
alert it marked: "took legal action", "launched lawsuits", "faces a fine", "issued an arrest
warrant". A phrase of these around the event's word tells no other sense of it."""

MEDIUM_NOUNS = _words("""
    post posts video videos page pages live livestream account accounts feed group groups message
    messages status update updates story stories channel profile photo photos clip clips
    """)
"""Words that, right after an organization's name, make it the medium something was posted on
("a Facebook video", "his Twitter account"): the company is named in passing."""

COMMENTATOR_WORDS = _words("""
    analyst analysts economist economists strategist strategists forecaster forecasters
    """)
"""Jobs of the people a story quotes or cites on its subject: an organization named only as
their employer ("said Jane Doe, economist at UBS", "UBS economist Jane Doe", "analysts at
Goldman Sachs") gives no news of it."""

POSTING_WORDS = _words("""
    post posted posting posts share shared sharing shares wrote write writes writing upload
    uploaded uploading stream streamed streaming broadcast tweeted published publishes download
    downloaded downloading downloads install installed installing available
    """)
"""Words that, shortly before "on (his, her...) <name>", make the name the medium: "posted on
Facebook", "wrote on his Twitter account", "can be downloaded from Google Play Store",
"available on Amazon"."""

FOLLOWER_NOUNS = _words("""
    ally allies antagonist antagonists critic critics supporter supporters loyalist loyalists
    appointee appointees aide aides adviser advisers advisor advisors confidant confidante
    confidants donor donors backer backers voter voters opponent opponents rival rivals
    """)
"""Nouns that, right after a person's name, make the name describe someone else: "Adam
Kinzinger, a Trump antagonist", "a Biden aide", "Obama appointees". The person is named in
passing."""

ALIAS_MARKS = frozenset(["alias", "aka", "a . k . a .", "a . k . a", "known as", "nicknamed",
                         "codenamed", "code named"])
"""Words (as tokens) right before which a name is the alias or nickname someone else goes by:
"Athram Shobhan alias Charles", "Lawrence Tureaud, better known as Mr T". "Called", "named" and
"dubbed" are left out: their object is often the person ("Blair named Brown as his heir")."""

LISTING_WORDS = _words("trade traded trading list listed listing float floated quoted shares")
"""Words that, shortly before "on (the) <name>", make the name the market where shares are
traded: "shares traded on the London Stock Exchange" mentions the exchange in passing."""

_COMMON_EVENT_ALIASES = {
    "strike": ("on strike", "strike action", "general strike", "strike ballot", "strike notice",
               "air strike", "air strikes", "airstrike", "airstrikes", "drone strike",
               "missile strike", "missile strikes"),
    "fire": ("caught fire", "set fire", "set on fire", "wildfire", "wildfires", "fire broke out",
             "house fire", "forest fire", "bush fire", "bushfire"),
    "crash": ("car crash", "plane crash", "air crash", "train crash", "road crash",
              "helicopter crash", "bus crash", "crash landing"),
}
_BUILTIN_ALIASES = {name: aliases for name, aliases in _LEGAL} | _COMMON_EVENT_ALIASES


def builtin_not_as(name: str) -> tuple[str, ...]:
    """The forms of a common event word that never have its sense, for a topic's own event of
    that name: they count as if the topic listed them in ``not_as``."""
    return _COMMON_EVENT_NOT_AS.get(" ".join(name.lower().split()), ())


def builtin_aliases(name: str) -> tuple[str, ...]:
    """The built-in aliases of a topic's own event that has a built-in's name: a topic that
    lists "lawsuit" also finds "sued" (its wordings are those of the same event)."""
    return _BUILTIN_ALIASES.get(" ".join(name.lower().split()), ())


def event_set(name: str) -> tuple[Entity, ...]:
    """The events of the built-in vocabulary ``name``; KeyError names the known ones."""
    try:
        return EVENT_SETS[name]
    except KeyError:
        known = ", ".join(sorted(EVENT_SETS))
        raise KeyError(f"unknown event set {name!r}; known: {known}") from None
