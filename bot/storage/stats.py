"""What the status page and the metrics read: failing channels, the latest alerts with their
posts, alerts per topic and day, totals, posts per platform and state, and post latencies."""

from __future__ import annotations

import json
from typing import Any

from bot.storage.base import StoreBase
from bot.storage.payload import alert_from_dict

__all__ = ["StatsQueries"]


class StatsQueries(StoreBase):
    def failing_channels(self) -> list[str]:
        """Channels whose posts are failing now: a post waiting to be retried after an error,
        or a latest finished post that failed or was dropped."""
        return [r["channel"] for r in self._rows(
            """SELECT channel FROM deliveries WHERE status IN ('pending', 'sending')
                 AND last_error IS NOT NULL
               UNION
               SELECT d.channel FROM deliveries d
               WHERE d.status IN ('failed', 'dropped') AND d.id = (
                   SELECT max(o.id) FROM deliveries o WHERE o.channel = d.channel
                     AND o.status IN ('sent', 'failed', 'dropped'))
               ORDER BY channel""")]

    def recent_alerts(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest alerts, newest first: ``id``, ``created_at``, ``alert``, ``story``
        (the id of its story's first alert, when it joined an earlier one) and ``posts``
        (per channel: ``channel``, ``status``, ``kind``, ``thread`` for a threaded reply)."""
        rows = self._rows(
            """SELECT a.id, a.created_at, a.payload, s.first_alert_id AS story
               FROM alerts a
               LEFT JOIN story_articles sa ON sa.alert_id = a.id
               LEFT JOIN stories s ON s.id = sa.story_id
               ORDER BY a.id DESC LIMIT ?""", limit)
        if not rows:
            return []
        marks = ",".join("?" * len(rows))
        posts: dict[int, list[dict[str, Any]]] = {}
        for p in self._rows(
                f"""SELECT d.alert_id, d.channel, d.status, d.kind, p.alert_id AS thread
                    FROM deliveries d LEFT JOIN deliveries p ON p.id = d.parent_id
                    WHERE d.alert_id IN ({marks}) ORDER BY d.id""", *(r["id"] for r in rows)):
            posts.setdefault(p.pop("alert_id"), []).append(p)
        return [{"id": r["id"], "created_at": r["created_at"],
                 "alert": alert_from_dict(json.loads(r["payload"])),
                 "story": r["story"] if r["story"] != r["id"] else None,
                 "posts": posts.get(r["id"], [])} for r in rows]

    _TOPIC_DAYS: str
    """The SQL that counts alerts per topic and UTC day since a time (``topic``, ``day``,
    ``n``): each backend reads the topics out of the payload's JSON with its own functions."""

    def topic_hits(self, since: float) -> dict[str, dict[str, int]]:
        """Per topic, its alerts per UTC day ("YYYY-MM-DD") since ``since``."""
        hits: dict[str, dict[str, int]] = {}
        for r in self._rows(self._TOPIC_DAYS, since):
            hits.setdefault(r["topic"], {})[r["day"]] = int(r["n"])
        return hits

    def totals(self) -> dict[str, int]:
        """Counts since the database was made: ``entries`` seen and ``alerts`` raised."""
        out = {}
        for name in ("entries", "alerts"):
            row = self._one(f"SELECT count(*) AS n FROM {name}")
            out[name] = int(row["n"]) if row else 0
        return out

    def delivery_counts(self) -> dict[tuple[str, str], int]:
        """(platform, status) -> how many posts are in that state."""
        counts: dict[tuple[str, str], int] = {}
        for r in self._rows("SELECT channel, status, count(*) AS n FROM deliveries "
                            "GROUP BY channel, status"):
            key = (r["channel"].partition(":")[0], r["status"])
            counts[key] = counts.get(key, 0) + int(r["n"])
        return counts

    def post_latencies(self, sent_after: float) -> list[tuple[float, float]]:
        """(sent_at, seconds from the alert's entry being read to its post) for each alert
        post sent after ``sent_after``, in the order they were sent."""
        return [(r["sent_at"], r["latency"]) for r in self._rows(
            """SELECT d.sent_at, d.sent_at - a.created_at AS latency FROM deliveries d
               JOIN alerts a ON a.id = d.alert_id
               WHERE d.status = 'sent' AND d.kind != 'digest' AND d.sent_at > ?
               ORDER BY d.sent_at""", sent_after)]
