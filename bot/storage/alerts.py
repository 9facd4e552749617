"""Alerts: each new alert stored and queued for its channels, as a post, a follow-up in its
story's thread, or a line of a digest (called inside ``commit_entries``' transaction)."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from bot.config import ChannelRule
from bot.models import Alert
from bot.retention import story_horizon
from bot.storage.base import StoreBase
from bot.storage.payload import alert_to_dict
from bot.storage.records import StoryPolicy
from bot.stories.grouping import (
    StoryMark,
    burst_digest_due,
    bursting,
    event_time,
    folds_bursts,
    followup_alert,
    held_for_digest,
    plan_posts,
)

__all__ = ["AlertQueries"]

log = logging.getLogger("newsalert.stories")


class AlertQueries(StoreBase):
    def _queue_alerts(self, alerts: Sequence[tuple[Alert, Sequence[str], StoryMark | None]],
                      now: float, policy: StoryPolicy, grouping: bool,
                      texts: Sequence[str]) -> list[int]:
        """Store the alerts, each with its entry's text (``texts``, in the same order), and
        queue what each channel gets; return the alerts' ids, in the order given.

        They are queued in the order their events happened (the story marks' dates; undated
        ones as seen now), so that of one story's articles that arrive together, from one feed
        or several, the earliest is the alert the others reply to, whatever the order of the
        feed or of the polls."""
        order = sorted(range(len(alerts)), key=lambda i: event_time(mark, now)
                       if (mark := alerts[i][2]) is not None else now)
        alert_ids = [0] * len(alerts)
        touched: set[str] = set()
        for i in order:
            alert, channels, mark = alerts[i]
            alert_id = self._insert(
                "INSERT INTO alerts (feed_id, entry_id, created_at, payload) VALUES (?, ?, ?, ?)",
                (alert.feed_id, alert.entry_id, now,
                 json.dumps(alert_to_dict(alert), ensure_ascii=False)))
            self._execute("INSERT INTO alert_texts (alert_id, text) VALUES (?, ?)",
                          (alert_id, texts[i]))
            self._queue(alert_id, alert, channels, mark, policy, now)
            touched.update(channels)
            alert_ids[i] = alert_id
        for channel in sorted(touched):
            rule = policy.rule(channel)
            if folds_bursts(rule):
                self._fold_burst(channel, rule, now)
        if grouping:
            self._forget_stories(story_horizon(now, policy.window))
        return alert_ids

    def _queue_notice(self, notice: Alert, channel: str, now: float) -> None:
        """Store a notice as an alert of its own and queue it for ``channel``, outside any
        story, burst or digest."""
        alert_id = self._insert(
            "INSERT INTO alerts (feed_id, entry_id, created_at, payload) VALUES (?, ?, ?, ?)",
            (notice.feed_id, notice.entry_id, now,
             json.dumps(alert_to_dict(notice), ensure_ascii=False)))
        self._insert_delivery(alert_id, channel, "notice", now)

    def _queue(self, alert_id: int, alert: Alert, channels: Sequence[str],
               mark: StoryMark | None, policy: StoryPolicy, now: float) -> None:
        match = self._find_story(mark, now, policy.window) if mark else None
        if match is not None:
            muted = self._muted_channels(match.story_id, channels)
            channels = [c for c in channels if c not in muted]
        if match is not None and match.kind == "near":
            log.info("story: alert %d (%s) joins alert %d: %s", alert_id, alert.title,
                     match.closest, match.reason,
                     extra={"alert_id": alert_id, "story_id": match.story_id})
        parents = self._story_parents(match.story_id) if match else {}
        new_parents: dict[str, int] = {}
        followup_payload: str | None = None
        for post in plan_posts(channels, match, parents):
            if post.kind == "followup":
                assert match is not None
                if followup_payload is None:
                    shown = followup_alert(alert, self._story_alerts(match.story_id))
                    followup_payload = json.dumps(alert_to_dict(shown), ensure_ascii=False)
                self._insert_delivery(alert_id, post.channel, "followup", now,
                                      parent_id=post.parent_id, alert_payload=followup_payload)
            else:
                new_parents[post.channel] = self._queue_alert(
                    alert_id, post.channel, policy.rule(post.channel), now)
        if mark is None:
            return
        story_id = match.story_id if match else self._new_story(alert_id, now)
        self._remember_article(story_id, alert_id, mark, now)
        self._executemany(
            "INSERT INTO story_channels (story_id, channel, delivery_id) VALUES (?, ?, ?) "
            "ON CONFLICT (story_id, channel) DO UPDATE SET delivery_id = excluded.delivery_id",
            [(story_id, c, d) for c, d in new_parents.items()])

    def _muted_channels(self, story_id: int, channels: Sequence[str]) -> set[str]:
        """Which of ``channels`` muted the story: they get none of its later articles."""
        if not channels:
            return set()
        marks = ",".join("?" * len(channels))
        return {r["channel"] for r in self._rows(
            f"SELECT channel FROM story_mutes WHERE story_id = ? AND channel IN ({marks})",
            story_id, *channels)}

    def _insert_delivery(self, alert_id: int | None, channel: str, kind: str, now: float, *,
                         status: str = "pending", next_attempt: float | None = None,
                         parent_id: int | None = None, alert_payload: str | None = None) -> int:
        return self._insert(
            "INSERT INTO deliveries (alert_id, channel, status, attempts, next_attempt, "
            "created_at, kind, parent_id, alert_payload) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)",
            (alert_id, channel, status, now if next_attempt is None else next_attempt, now, kind,
             parent_id, alert_payload))

    def _queue_alert(self, alert_id: int, channel: str, rule: ChannelRule, now: float) -> int:
        """Queue one alert for one channel; return the delivery that will carry it."""
        if not held_for_digest(rule):
            return self._insert_delivery(alert_id, channel, "alert", now)
        # Digest mode: record the alert as folded into the channel's collecting digest.
        self._insert_delivery(alert_id, channel, "alert", now, status="folded")
        row = self._one("SELECT id FROM deliveries WHERE channel = ? AND kind = 'digest' "
                        "AND status = 'held' ORDER BY id LIMIT 1", channel)
        digest_id = row["id"] if row else self._insert_delivery(
            None, channel, "digest", now, status="held")
        self._add_to_digest(digest_id, [alert_id])
        return digest_id

    def _fold_burst(self, channel: str, rule: ChannelRule, now: float) -> None:
        """When the channel got more than its burst size of alerts within the burst window,
        fold its alerts not yet attempted into one digest: the open one, else a new one due
        now, or one burst window after the previous digest so a long burst gives one digest per
        window."""
        since = now - rule.burst_window
        recent = self._one("SELECT count(*) AS n FROM deliveries WHERE channel = ? "
                           "AND kind = 'alert' AND created_at > ?", channel, since)["n"]
        if not bursting(recent, rule):
            return
        pending = self._rows("SELECT id, alert_id FROM deliveries WHERE channel = ? "
                             "AND kind = 'alert' AND status = 'pending' AND attempts = 0 "
                             "ORDER BY id", channel)
        if not pending:
            return
        open_digest = self._one("SELECT id FROM deliveries WHERE channel = ? AND kind = 'digest' "
                                "AND status = 'pending' AND attempts = 0 ORDER BY id LIMIT 1",
                                channel)
        if open_digest:
            digest_id = open_digest["id"]
        else:
            last = self._one("SELECT max(created_at) AS t FROM deliveries WHERE channel = ? "
                             "AND kind = 'digest' AND created_at > ?", channel, since)["t"]
            due = burst_digest_due(last, now, rule)
            digest_id = self._insert_delivery(None, channel, "digest", now, next_attempt=due)
        ids = [r["id"] for r in pending]
        marks = ",".join("?" * len(ids))
        # Follow-ups waiting for a folded alert go into the digest with it. Later articles of
        # those stories alert on their own in this channel: a digest lists several stories, and
        # a reply under it would read as following any of them.
        replies = self._rows(f"SELECT id, alert_id FROM deliveries WHERE parent_id IN ({marks}) "
                             "AND kind = 'followup' AND status = 'pending' AND attempts = 0 "
                             "ORDER BY id", *ids)
        folded = ids + [r["id"] for r in replies]
        self._execute(f"UPDATE deliveries SET status = 'folded' WHERE id IN "
                      f"({','.join('?' * len(folded))})", folded)
        self._execute(f"DELETE FROM story_channels WHERE delivery_id IN ({marks})", ids)
        self._add_to_digest(digest_id, [r["alert_id"] for r in pending]
                            + [r["alert_id"] for r in replies])
