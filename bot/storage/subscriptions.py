"""Subscriptions: the channel-topic pairs added at run time with /news subscribe."""

from __future__ import annotations

from bot.storage.base import StoreBase

__all__ = ["SubscriptionQueries"]


class SubscriptionQueries(StoreBase):
    def subscribe(self, channel: str, topic: str, by: str, now: float) -> bool:
        """Add a run-time subscription; False when the channel already had it."""
        with self._atomic():
            cursor = self._execute(
                "INSERT INTO subscriptions (channel, topic, created_by, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", [channel, topic, by, now])
        return cursor.rowcount == 1

    def unsubscribe(self, channel: str, topic: str) -> bool:
        with self._atomic():
            cursor = self._execute(
                "DELETE FROM subscriptions WHERE channel = ? AND topic = ?", [channel, topic])
        return cursor.rowcount == 1

    def subscriptions(self) -> list[tuple[str, str]]:
        """Every run-time (channel, topic) pair."""
        return [(r["channel"], r["topic"]) for r in self._rows(
            "SELECT channel, topic FROM subscriptions ORDER BY channel, topic")]
