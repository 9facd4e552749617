"""Feedback: alerts a channel marked not relevant, stories it muted, and the stored articles
(each alert with the text it was matched on) that the report matches again."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from bot.storage.base import StoreBase
from bot.storage.payload import alert_from_dict
from bot.storage.records import FeedbackMark, StoredArticle

__all__ = ["FeedbackQueries"]


class FeedbackQueries(StoreBase):
    drop_muted_posts: Callable[[str, int], int]
    """``ChannelAlertQueries.drop_muted_posts``, which a mute runs in its transaction."""

    def record_feedback(self, mark: FeedbackMark) -> bool:
        """Keep a mark; False when the channel already marked that alert so for that topic
        (a second click changes nothing)."""
        with self._atomic():
            cursor = self._execute(
                "INSERT INTO feedback (alert_id, channel, topic, kind, story_id, mentions, "
                "by_user, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (kind, alert_id, channel, topic) DO NOTHING",
                [mark.alert_id, mark.channel, mark.topic, mark.kind, mark.story_id,
                 json.dumps(list(mark.mentions), ensure_ascii=False), mark.by, mark.at])
        return cursor.rowcount == 1

    def feedback_marks(self, since: float = 0.0, *, kind: str | None = None,
                       topic: str | None = None) -> list[FeedbackMark]:
        """The marks made since ``since``, oldest first."""
        sql = ("SELECT alert_id, channel, topic, kind, story_id, mentions, by_user, at "
               "FROM feedback WHERE at >= ?")
        params: list[object] = [since]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        if topic is not None:
            sql += " AND topic = ?"
            params.append(topic)
        return [FeedbackMark(alert_id=r["alert_id"], channel=r["channel"], topic=r["topic"],
                             kind=r["kind"], by=r["by_user"], at=r["at"],
                             mentions=tuple(json.loads(r["mentions"] or "[]")),
                             story_id=r["story_id"])
                for r in self._rows(sql + " ORDER BY at, id", *params)]

    def mute_story(self, channel: str, story_id: int, by: str, now: float,
                   marks: Iterable[FeedbackMark] = ()) -> int | None:
        """Stop the story's replies and alerts in this channel, keep ``marks`` and set the
        story's waiting posts there as "muted", in one transaction: a failure part way leaves
        nothing written. None when the story was already muted (nothing changes); otherwise
        how many waiting posts were dropped."""
        with self._atomic():
            cursor = self._execute(
                "INSERT INTO story_mutes (story_id, channel, muted_by, muted_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", [story_id, channel, by, now])
            if cursor.rowcount != 1:
                return None
            for mark in marks:
                self.record_feedback(mark)
            return self.drop_muted_posts(channel, story_id)

    def muted_stories(self, channel: str) -> set[int]:
        return {r["story_id"] for r in self._rows(
            "SELECT story_id FROM story_mutes WHERE channel = ?", channel)}

    def story_of_alert(self, alert_id: int) -> int | None:
        row = self._one("SELECT story_id FROM story_articles WHERE alert_id = ? "
                        "ORDER BY id LIMIT 1", alert_id)
        return row["story_id"] if row else None

    def stored_articles(self, since: float = 0.0, *, topic: str | None = None,
                        alert_ids: Iterable[int] | None = None,
                        limit: int | None = None) -> list[StoredArticle]:
        """Stored alerts with their texts, newest first; ``topic`` keeps those that matched
        it, ``alert_ids`` those listed."""
        sql = ("SELECT a.id, a.created_at, a.payload, t.text, "
               "(SELECT min(sa.story_id) FROM story_articles sa WHERE sa.alert_id = a.id) "
               "AS story_id FROM alerts a LEFT JOIN alert_texts t ON t.alert_id = a.id "
               "WHERE a.created_at >= ? AND a.entry_id NOT LIKE 'notice:%'")
        params: list[object] = [since]
        if alert_ids is not None:
            ids = sorted(set(alert_ids))
            if not ids:
                return []
            sql += f" AND a.id IN ({','.join('?' * len(ids))})"
            params.extend(ids)
        sql += " ORDER BY a.created_at DESC, a.id DESC"
        if limit is not None and topic is None:
            sql += " LIMIT ?"
            params.append(limit)
        out: list[StoredArticle] = []
        for row in self._rows(sql, *params):
            alert = alert_from_dict(json.loads(row["payload"]))
            if topic is not None and topic not in {t.topic for t in alert.topics}:
                continue
            out.append(StoredArticle(alert_id=row["id"], created_at=row["created_at"],
                                     story_id=row["story_id"], text=row["text"] or "",
                                     alert=alert))
            if limit is not None and len(out) >= limit:
                break
        return out
