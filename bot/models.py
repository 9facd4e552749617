"""The values that flow through newsalert.

Everything here is a frozen dataclass: the core passes these between pure functions, the store
serializes them, and the adapters render them. Nothing in this module does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

__all__ = [
    "Alert",
    "Analysis",
    "Article",
    "Entity",
    "EntityKind",
    "EntityMatch",
    "Entry",
    "Extraction",
    "Figure",
    "PROMINENCE_LEVELS",
    "Prominence",
    "Quote",
    "TextForm",
    "Topic",
    "TopicMatch",
]

EntityKind = Literal["person", "organization", "event"]
TextForm = Literal["raw", "stemmed"]
Prominence = Literal["passing", "body", "lead", "headline"]
PROMINENCE_LEVELS: tuple[Prominence, ...] = ("passing", "body", "lead", "headline")
"""From least to most prominent: how prominent a match is, and the minimum a topic asks for."""


@dataclass(frozen=True)
class Entity:
    """One watched name: a person, an organization or a legal event, with its aliases."""

    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    surname: bool = True
    """People only: whether the last word of the name alone ("Netanyahu") is enough to match."""
    min_prominence: Prominence | None = None
    """This name's own minimum prominence, in place of its topic's: a desk that wants every
    mention of one company but not an article that names another once in passing."""
    not_as: tuple[str, ...] = ()
    """Events only: forms of the event's word that do not count, as written ("fired" and
    "firing" for "fire"): the word's other senses a desk does not follow."""


@dataclass(frozen=True)
class Topic:
    """A watchlist: the entities one channel cares about, and the rules for alerting."""

    id: str
    title: str
    people: tuple[Entity, ...] = ()
    organizations: tuple[Entity, ...] = ()
    events: tuple[Entity, ...] = ()
    exclude: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    """Phrases inside which a mention of the topic's names or events does not count ("Volvo
    Women's Open", "taxes and fines"); its other mentions in the article still do."""
    require_event: bool = False
    context: tuple[str, ...] = ()
    """Words or phrases that show the article is about this topic's sense of an ambiguous name
    ("retailer" for a company called Next)."""
    min_prominence: Prominence = "passing"
    commentators: bool = True
    """Whether an organization named only as the employer of an analyst, economist or
    strategist the article quotes or cites ("said Jane Doe, economist at UBS") counts."""

    @property
    def entities(self) -> tuple[Entity, ...]:
        return self.people + self.organizations + self.events


@dataclass(frozen=True)
class Entry:
    """One normalized feed item, as the watchers hand it to the pipeline."""

    feed_id: str
    entry_id: str
    title: str
    link: str | None
    published: datetime | None
    text: str
    guid: str | None = None
    cut: tuple[str, ...] = ()
    """The fields cut to their limits ("title", "text"; see ``bot.fieldlimits``)."""


@dataclass(frozen=True)
class Article:
    """The text the pure pipeline works on: an entry, a local file or a /news preview."""

    title: str
    text: str
    url: str | None = None
    text_form: TextForm = "raw"


@dataclass(frozen=True)
class EntityMatch:
    """Why a topic fired: one entity, how often it was found, and the forms it was found in."""

    kind: EntityKind
    name: str
    count: int
    evidence: tuple[str, ...]
    in_title: bool = False
    prominence: Prominence = "body"
    resolved: tuple[str, ...] = ()
    """Mentions that name the entity only once resolved in the article's context, as
    "mention -> name" ("Mr Brown -> Gordon Brown")."""
    cited: bool = False
    """An organization every mention of which names the employer of an analyst, economist or
    strategist quoted or cited ("said Jane Doe, economist at UBS"): no news of it."""


@dataclass(frozen=True)
class TopicMatch:
    topic: str
    matches: tuple[EntityMatch, ...]


@dataclass(frozen=True)
class Figure:
    """A number that carries the story, with the words that make it stand alone."""

    text: str
    value: float | int
    unit: str | None = None
    currency: str | None = None
    upper: float | int | None = None
    """The top of a range ("10 to 20 people"), whose bottom is ``value``."""


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Extraction:
    summary: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """The result of the pure pipeline for one article: matching plus extraction."""

    article: Article
    topics: tuple[TopicMatch, ...]
    extraction: Extraction = field(default_factory=Extraction)


@dataclass(frozen=True)
class Alert:
    """What gets posted: an analysed article plus where it came from."""

    feed_id: str
    entry_id: str
    source: str
    title: str
    url: str | None
    published: datetime | None
    text_form: TextForm
    topics: tuple[TopicMatch, ...]
    extraction: Extraction
    cut: tuple[str, ...] = ()
    """The entry's fields that were cut to their limits, which the alert notes."""
