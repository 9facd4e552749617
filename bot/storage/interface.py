"""The store as the rest of the bot sees it: what the app, the commands, the poller and the
outbox ask of it, whatever database is behind it.

Callers pass the clock in (``now`` is seconds since the epoch) and get plain values back
(``bot.storage.records``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from bot.models import Alert, Entry
from bot.storage.records import Delivery, FeedState, PollRecord, StoryPolicy
from bot.stories import StoryMark

__all__ = ["Store"]


class Store(Protocol):
    shared: bool
    """Whether other processes use the same database at the same time (PostgreSQL): feeds and
    posts are then claimed before they are worked on."""

    @property
    def schema_version(self) -> int: ...

    def close(self) -> None: ...

    def hold_commands(self, platform: str) -> bool:
        """Whether this process holds, or now takes, the one connection that receives the
        platform's commands (always, alone on an SQLite file). Asked again from time to time:
        a holder that died lets another take over."""
        ...

    # feeds
    def feed_state(self, feed_id: str) -> FeedState: ...

    def feed_states(self) -> dict[str, FeedState]: ...

    def due_feeds(self, feed_ids: Iterable[str], now: float | None = None) -> list[str]: ...

    def claim_feeds(self, feed_ids: Iterable[str], now: float, limit: int) -> list[str]: ...

    def record_poll(self, feed_id: str, now: float, next_poll: float, *, etag: str | None = None,
                    last_modified: str | None = None, error: str | None = None) -> int: ...

    def save_polls(self, records: Sequence[PollRecord], now: float,
                   policy: StoryPolicy | None = None) -> list[list[int]]: ...

    # entries and alerts
    def unseen(self, feed_id: str, entries: Sequence[Entry]) -> list[Entry]: ...

    def commit_entries(self, feed_id: str, entries: Sequence[Entry],
                       alerts: Sequence[tuple[Alert, Sequence[str]]], now: float, *,
                       marks: Mapping[str, StoryMark] | None = None,
                       policy: StoryPolicy | None = None) -> list[int]: ...

    # digests
    def release_digests(self, channels: Iterable[str], now: float) -> int: ...

    def held_digests(self) -> dict[str, float]: ...

    # subscriptions
    def subscribe(self, channel: str, topic: str, by: str, now: float) -> bool: ...

    def unsubscribe(self, channel: str, topic: str) -> bool: ...

    def subscriptions(self) -> list[tuple[str, str]]: ...

    # outbox
    def due_deliveries(self, now: float, platforms: Iterable[str], limit: int = 100
                       ) -> list[Delivery]: ...

    def pending_for_channel(self, channel: str, limit: int = 1000) -> list[Delivery]: ...

    def mark_sending(self, delivery_id: int, now: float) -> None: ...

    def mark_sent(self, delivery_id: int, message_ref: str | None, now: float) -> None: ...

    def mark_retry(self, delivery_id: int, error: str, next_attempt: float) -> None: ...

    def mark_failed(self, delivery_id: int, error: str) -> None: ...

    def mark_uncertain(self, delivery_id: int, error: str, next_attempt: float) -> None: ...

    def expire_deliveries(self, created_before: float, reason: str
                          ) -> list[dict[str, Any]]: ...

    def channel_stats(self) -> dict[str, dict[str, int]]: ...

    def channel_errors(self) -> dict[str, str]: ...

    def sent_since(self, since: float) -> int: ...

    def last_error(self, delivery_id: int) -> str | None: ...
