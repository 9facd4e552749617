"""Watchlist matching: decide, per article and topic, whether to alert and why.

A simple case-insensitive phrase matcher; the interface is what the pipeline relies on:
``compile_topics(topics) -> Matcher`` once per config load, ``Matcher.match(article)`` per article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.models import Article, Entity, EntityMatch, Topic, TopicMatch

__all__ = ["Matcher", "compile_topics"]


def _pattern(entity: Entity) -> re.Pattern[str]:
    names = [entity.name, *entity.aliases]
    if entity.kind == "person" and entity.surname:
        names.append(entity.name.split()[-1])
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


class Matcher:
    def __init__(self, topics: Sequence[Topic]) -> None:
        self._topics = [(t, [(e, _pattern(e)) for e in t.entities]) for t in topics]

    def match(self, article: Article) -> tuple[TopicMatch, ...]:
        """Return the topics that alert for this article, each with its evidence."""
        text = f"{article.title}\n{article.text}"
        result = []
        for topic, patterns in self._topics:
            if any(re.search(rf"\b{re.escape(x)}\b", text, re.IGNORECASE) for x in topic.exclude):
                continue
            found = []
            for entity, pattern in patterns:
                hits = pattern.findall(text)
                if hits:
                    in_title = bool(pattern.search(article.title))
                    evidence = tuple(dict.fromkeys(hits))
                    found.append(EntityMatch(entity.kind, entity.name, len(hits), evidence, in_title))
            has_event = any(m.kind == "event" for m in found)
            has_actor = any(m.kind != "event" for m in found)
            if found and (not topic.require_event or (has_event and has_actor)):
                result.append(TopicMatch(topic.id, tuple(found)))
        return tuple(result)


def compile_topics(topics: Sequence[Topic]) -> Matcher:
    return Matcher(topics)
