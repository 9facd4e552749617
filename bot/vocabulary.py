"""Built-in event vocabularies a topic can include by name (``event_sets = ["legal"]``).

Events are matched on Porter stems, so one phrase covers its inflections ("arrest warrant" finds
"arrest warrants", "indictment" finds "indicted", "convicted" finds "conviction"). The aliases add
the wordings stems cannot reach ("warrant for the arrest", "sued"). "Appeal" and "trial" have other
senses in the news ("Tsunami Earthquake Appeal", "appeal to voters", "a free trial", "clinical
trials"): alone, they count only near a legal word (``CONTEXT_WORDS``); in a legal phrase
("lodged an appeal", "court of appeal", "went on trial", "stand trial") always.
"""

from __future__ import annotations

from bot.models import Entity

__all__ = ["CONTEXT_SPAN", "CONTEXT_WORDS", "EVENT_SETS", "event_set"]


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

CONTEXT_WORDS: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]] = {
    word: (_LEGAL_WORDS, _NOT_LEGAL_BEFORE, _NOT_LEGAL_AFTER) for word in ("appeal", "trial")}
"""Event words with other senses in the news ("Tsunami Earthquake Appeal", "a free trial"): the
word alone counts as an event only with one of the first words within ``CONTEXT_SPAN`` words in
its sentence, and never right after one of the second or right before one of the third. Phrases
that contain it ("lodged an appeal", "on trial") count as usual. The matcher compares stems."""

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
    ("lawsuit", ("sued", "class action", "legal action", "filed suit")),
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


def event_set(name: str) -> tuple[Entity, ...]:
    """The events of the built-in vocabulary ``name``; KeyError names the known ones."""
    try:
        return EVENT_SETS[name]
    except KeyError:
        known = ", ".join(sorted(EVENT_SETS))
        raise KeyError(f"unknown event set {name!r}; known: {known}") from None
