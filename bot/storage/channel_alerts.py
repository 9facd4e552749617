"""What a channel got: whether an alert was posted in it (the buttons under an alert are
checked against it), the posts of a story muted there that are still waiting, and how many
alerts of each topic went out (per-topic precision)."""

from __future__ import annotations

import json

from bot.models import Alert
from bot.storage.base import StoreBase
from bot.storage.payload import alert_from_dict

__all__ = ["ChannelAlertQueries"]


class ChannelAlertQueries(StoreBase):
    _ALERT_TOPICS: str
    """SQL for the table ``t`` of the matched topics of alert ``a``, and ``_TOPIC_ID`` for a
    topic's id in it: each backend reads them out of the payload's JSON with its own
    functions."""
    _TOPIC_ID: str

    def channel_alert(self, alert_id: int, channel: str) -> Alert | None:
        """The alert, when it was posted (or queued, alone or in a digest) in ``channel``;
        None when the channel never got it."""
        row = self._one(
            "SELECT a.payload FROM alerts a WHERE a.id = ? AND EXISTS (SELECT 1 FROM "
            "deliveries d WHERE d.alert_id = a.id AND d.channel = ? "
            "AND d.kind IN ('alert', 'followup'))", alert_id, channel)
        return alert_from_dict(json.loads(row["payload"])) if row else None

    def drop_muted_posts(self, channel: str, story_id: int) -> int:
        """Set the waiting alerts and follow-ups of a story muted in ``channel`` as "muted",
        so they are never posted; return how many there were. (Alerts already folded into a
        digest stay in it: a digest lists many stories.)"""
        with self._atomic():
            cursor = self._execute(
                "UPDATE deliveries SET status = 'muted' WHERE channel = ? AND status = 'pending' "
                "AND kind IN ('alert', 'followup') AND alert_id IN "
                "(SELECT alert_id FROM story_articles WHERE story_id = ?)", [channel, story_id])
        return cursor.rowcount

    def sent_per_topic(self, since: float) -> dict[str, int]:
        """Per topic, how many of its alerts were posted since ``since``: one per alert and
        channel, whether alone, as a follow-up or in a digest."""
        return {r["topic"]: int(r["n"]) for r in self._rows(
            f"""SELECT {self._TOPIC_ID} AS topic, count(*) AS n FROM (
                    SELECT d.alert_id, d.channel FROM deliveries d
                    WHERE d.status = 'sent' AND d.kind IN ('alert', 'followup')
                      AND d.sent_at >= ?
                    UNION
                    SELECT m.alert_id, g.channel FROM digest_alerts m
                    JOIN deliveries g ON g.id = m.delivery_id
                    WHERE g.status = 'sent' AND g.kind = 'digest' AND g.sent_at >= ?) s
                JOIN alerts a ON a.id = s.alert_id CROSS JOIN {self._ALERT_TOPICS}
                GROUP BY 1""", since, since)}
