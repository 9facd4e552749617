"""Digests: held posts that collect a channel's alerts until their time comes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.storage.base import StoreBase

__all__ = ["DigestQueries"]


class DigestQueries(StoreBase):
    def release_digests(self, channels: Iterable[str], now: float) -> int:
        """Make the collected digests of ``channels`` due now; return how many there were."""
        channels = list(channels)
        if not channels:
            return 0
        marks = ",".join("?" * len(channels))
        with self._atomic():
            cursor = self._execute(
                f"UPDATE deliveries SET status = 'pending', next_attempt = ? WHERE kind = 'digest' "
                f"AND status = 'held' AND channel IN ({marks})", [now, *channels])
        return cursor.rowcount

    def held_digests(self) -> dict[str, float]:
        """The channels with a digest still collecting alerts, and since when it collects."""
        return {r["channel"]: r["since"] for r in self._rows(
            "SELECT channel, min(created_at) AS since FROM deliveries WHERE kind = 'digest' "
            "AND status = 'held' GROUP BY channel ORDER BY channel")}

    def _add_to_digest(self, digest_id: int, alert_ids: Sequence[int]) -> None:
        start = self._one("SELECT count(*) AS n FROM digest_alerts WHERE delivery_id = ?",
                          digest_id)["n"]
        self._executemany(
            "INSERT INTO digest_alerts (delivery_id, alert_id, position) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING", [(digest_id, a, start + i) for i, a in enumerate(alert_ids)])
