"""Per-topic precision as the desk sees it: of a topic's alerts posted in the last days, how
many someone marked not relevant and how many stories were muted.

The counts come from the store (``Store.sent_per_topic`` and ``Store.feedback_marks``, read by
``read_precision``); the rest is pure, and ``/news status`` and the status page show what comes
out. An alert counts once per
channel it was posted in, and a mark once per alert, channel and topic (the store keeps no
second one), so the share of alerts nobody marked is the topic's precision as far as the
people who read it said.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.render import count

if TYPE_CHECKING:
    from bot.storage import Store
    from bot.storage.records import FeedbackMark

__all__ = ["PRECISION_DAYS", "TopicPrecision", "precision_line", "read_precision",
           "topic_precision"]

PRECISION_DAYS = 7


@dataclass(frozen=True)
class TopicPrecision:
    topic: str
    sent: int
    """Alerts of the topic posted, one per alert and channel."""
    not_relevant: int
    """Of those channels' readers' marks, "not relevant"."""
    muted: int
    """Stories muted from one of the topic's alerts (each muted story, once per channel)."""

    @property
    def precision(self) -> float | None:
        """The share of the posted alerts nobody marked not relevant; None when none were
        posted. A mark on an alert posted before the window still counts against it."""
        if not self.sent:
            return None
        return max(0, self.sent - self.not_relevant) / self.sent


def topic_precision(topics: Sequence[str], sent: Mapping[str, int],
                    marks: Iterable[FeedbackMark]) -> list[TopicPrecision]:
    """One row per topic of ``topics``, in that order, from the alerts ``sent`` per topic and
    the ``marks`` made in the same window."""
    counted: dict[tuple[str, str], int] = {}
    for mark in marks:
        key = (mark.topic, mark.kind)
        counted[key] = counted.get(key, 0) + 1
    return [TopicPrecision(topic, sent.get(topic, 0), counted.get((topic, "not_relevant"), 0),
                           counted.get((topic, "mute"), 0)) for topic in topics]


def precision_line(row: TopicPrecision) -> str:
    """"icc: 12 alerts posted, 2 marked not relevant, 1 story muted; precision 83%"."""
    text = (f"{row.topic}: {count(row.sent, 'alert')} posted, {row.not_relevant} marked not "
            f"relevant, {count(row.muted, 'story')} muted")
    share = row.precision
    return text + (f"; precision {share:.0%}" if share is not None else "")


def read_precision(store: Store, topics: Sequence[str], now: float,
                   days: int = PRECISION_DAYS) -> list[TopicPrecision]:
    """``topic_precision`` of the last ``days`` days, read from the store."""
    since = now - days * 86400.0
    return topic_precision(topics, store.sent_per_topic(since), store.feedback_marks(since))
