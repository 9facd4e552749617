"""Built-in event vocabularies a topic can include by name (``event_sets = ["legal"]``)."""

from __future__ import annotations

from bot.models import Entity

__all__ = ["EVENT_SETS", "event_set"]

_LEGAL = (
    "arrest warrant", "indictment", "charged with", "convicted", "sentenced", "acquitted",
    "extradition", "sanctions", "lawsuit", "subpoena", "injunction", "verdict", "appeal",
    "war crimes", "crimes against humanity", "genocide",
)

EVENT_SETS: dict[str, tuple[Entity, ...]] = {
    "legal": tuple(Entity("event", name) for name in _LEGAL),
}


def event_set(name: str) -> tuple[Entity, ...]:
    """The events of the built-in vocabulary ``name``; KeyError names the known ones."""
    try:
        return EVENT_SETS[name]
    except KeyError:
        raise KeyError(f"unknown event set {name!r}; known: {', '.join(sorted(EVENT_SETS))}") from None
