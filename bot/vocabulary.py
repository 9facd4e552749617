"""Built-in event vocabularies a topic can include by name (``event_sets = ["legal"]``).

Events are matched on Porter stems, so one phrase covers its inflections ("arrest warrant" finds
"arrest warrants", "indictment" finds "indicted", "convicted" finds "conviction"). The aliases add
the wordings stems cannot reach ("warrant for the arrest", "sued").
"""

from __future__ import annotations

from bot.models import Entity

__all__ = ["EVENT_SETS", "event_set"]

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
    ("appeal", ("appeals court", "court of appeal")),
    ("trial", ("stand trial", "on trial")),
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
