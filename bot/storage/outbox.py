"""The outbox: each post waiting for its channel, its attempts and outcome. A post is marked
before it is attempted, so that after a crash it is checked on its platform, not posted again."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from bot.models import Alert
from bot.retention import dropped_note
from bot.storage.base import StoreBase
from bot.storage.payload import alert_from_dict
from bot.storage.records import Delivery

__all__ = ["OutboxQueries"]


class OutboxQueries(StoreBase):
    def due_deliveries(self, now: float, platforms: Iterable[str], limit: int = 100
                       ) -> list[Delivery]:
        """Deliveries to make now, oldest first, for the given platforms.

        A channel whose oldest undelivered post is not due yet holds back its later posts too,
        so each channel gets its posts in order. A follow-up waits until the post it replies to
        is sent (it then carries that post's reference as ``thread_ref``), failed or dropped,
        and does not hold back the channel meanwhile.
        """
        platforms = list(platforms)
        if not platforms:
            return []
        likes = " OR ".join("d.channel LIKE ?" for _ in platforms)
        rows = self._rows(
            f"""SELECT {_DELIVERY_COLUMNS} FROM deliveries d
                LEFT JOIN alerts a ON a.id = d.alert_id
                LEFT JOIN deliveries p ON p.id = d.parent_id
                WHERE d.status IN ('pending', 'sending') AND ({likes})
                  AND (p.id IS NULL OR p.status IN ('sent', 'failed', 'dropped'))
                  AND d.id = (SELECT min(o.id) FROM deliveries o
                              LEFT JOIN deliveries op ON op.id = o.parent_id
                              WHERE o.channel = d.channel AND o.status IN ('pending', 'sending')
                                AND (op.id IS NULL OR op.status IN ('sent', 'failed', 'dropped')))
                  AND d.next_attempt <= ?
                ORDER BY d.id LIMIT ?""",
            *(f"{p}:%" for p in platforms), now, limit)
        return [self._delivery(r) for r in rows]

    def pending_for_channel(self, channel: str, limit: int = 1000) -> list[Delivery]:
        """The channel's posts not yet made, including digests still collecting alerts."""
        rows = self._rows(
            f"""SELECT {_DELIVERY_COLUMNS} FROM deliveries d
                LEFT JOIN alerts a ON a.id = d.alert_id
                LEFT JOIN deliveries p ON p.id = d.parent_id
                WHERE d.channel = ? AND d.status IN ('pending', 'sending', 'held')
                ORDER BY d.id LIMIT ?""",
            channel, limit)
        return [self._delivery(r) for r in rows]

    def _delivery(self, row: dict[str, Any]) -> Delivery:
        alerts: tuple[Alert, ...] = ()
        alert_id = row["alert_id"]
        if row["kind"] == "digest":
            members = self._rows(
                "SELECT a.id, a.payload FROM digest_alerts m JOIN alerts a ON a.id = m.alert_id "
                "WHERE m.delivery_id = ? ORDER BY m.position", row["id"])
            alerts = tuple(alert_from_dict(json.loads(m["payload"])) for m in members)
            alert_id = members[0]["id"]
            payload = members[0]["payload"]
        else:
            payload = row["alert_payload"] or row["payload"]
        return Delivery(
            id=row["id"], alert_id=alert_id, channel=row["channel"],
            alert=alert_from_dict(json.loads(payload)), attempts=row["attempts"],
            status=row["status"], created_at=row["created_at"], kind=row["kind"] or "alert",
            thread_ref=row["thread_ref"] or row["parent_ref"], alerts=alerts,
            parent_id=row["parent_id"],
        )

    def mark_sending(self, delivery_id: int, now: float) -> bool:
        """Note that a post is about to be attempted, before it is made; False when it must
        not be made (another worker of a shared store has it).

        A delivery found in this state after a restart may or may not have been posted; the
        adapter is asked before it is posted again.
        """
        self._update(delivery_id, status="sending", attempts_plus=1, next_attempt=now)
        return True

    def mark_sent(self, delivery_id: int, message_ref: str | None, now: float) -> None:
        self._update(delivery_id, status="sent", message_ref=message_ref, sent_at=now)

    def mark_retry(self, delivery_id: int, error: str, next_attempt: float) -> None:
        self._update(delivery_id, status="pending", last_error=error[:500],
                     next_attempt=next_attempt)

    def mark_failed(self, delivery_id: int, error: str) -> None:
        self._update(delivery_id, status="failed", last_error=error[:500])

    def mark_uncertain(self, delivery_id: int, error: str, next_attempt: float) -> None:
        """The post may or may not have gone out (it timed out): retry later, but ask the
        adapter first, as after a crash."""
        self._update(delivery_id, status="sending", last_error=error[:500],
                     next_attempt=next_attempt)

    def expire_deliveries(self, created_before: float, reason: str) -> list[dict[str, Any]]:
        """Drop the undelivered posts queued before ``created_before``; return what was dropped
        (id, channel, alert_id, title, created_at, attempts, last_error), oldest first."""
        rows = self._rows(
            """SELECT d.id, d.channel, d.alert_id, d.created_at, d.attempts, d.last_error,
                      a.payload
               FROM deliveries d LEFT JOIN alerts a ON a.id = d.alert_id
               WHERE d.status IN ('pending', 'sending') AND d.created_at < ?
               ORDER BY d.id""", created_before)
        for row in rows:  # a digest has no alert of its own
            payload = row.pop("payload")
            row["title"] = json.loads(payload)["title"] if payload else "a digest"
        if rows:
            with self._atomic():
                self._executemany(
                    "UPDATE deliveries SET status = 'dropped', last_error = ? WHERE id = ? "
                    "AND status IN ('pending', 'sending')",
                    [(dropped_note(reason, r["last_error"]), r["id"])
                     for r in rows])
        return rows

    def next_attempt(self, platforms: Iterable[str]) -> float | None:
        """When the first waiting delivery of a channel on these platforms is next due (the
        channel's later posts wait for it), if any waits."""
        platforms = list(platforms)
        if not platforms:
            return None
        likes = " OR ".join("channel LIKE ?" for _ in platforms)
        row = self._one(
            f"""SELECT min(next_attempt) AS t FROM deliveries WHERE id IN (
                    SELECT min(id) FROM deliveries WHERE status IN ('pending', 'sending')
                    AND ({likes}) GROUP BY channel)""", *(f"{p}:%" for p in platforms))
        return None if row is None or row["t"] is None else float(row["t"])

    def channel_stats(self) -> dict[str, dict[str, int]]:
        """Per channel: how many deliveries are pending, sent and failed, and "dropped" (by the
        outbox retention limit) when there are any."""
        stats: dict[str, dict[str, int]] = {}
        for r in self._rows("SELECT channel, status, count(*) AS n FROM deliveries "
                            "GROUP BY channel, status"):
            if r["status"] == "folded":  # counted with the digest that carries it
                continue
            by_status = stats.setdefault(r["channel"], {"pending": 0, "sent": 0, "failed": 0})
            key = "pending" if r["status"] in ("sending", "held") else r["status"]
            by_status[key] = by_status.get(key, 0) + r["n"]
        return stats

    def channel_errors(self) -> dict[str, str]:
        """Per channel, the latest error of a delivery still waiting or failed."""
        out: dict[str, str] = {}
        for r in self._rows("SELECT channel, last_error FROM deliveries WHERE status IN "
                            "('pending', 'sending', 'failed', 'dropped') "
                            "AND last_error IS NOT NULL ORDER BY id"):
            out[r["channel"]] = r["last_error"]
        return out

    def sent_since(self, since: float) -> int:
        return self._one("SELECT count(*) AS n FROM deliveries WHERE status = 'sent' "
                         "AND sent_at >= ?", since)["n"]

    def last_error(self, delivery_id: int) -> str | None:
        row = self._one("SELECT last_error FROM deliveries WHERE id = ?", delivery_id)
        return row["last_error"] if row else None

    def _update(self, delivery_id: int, *, attempts_plus: int = 0, **values: Any) -> None:
        sets = ", ".join(f"{k} = ?" for k in values)
        if attempts_plus:
            sets += f", attempts = attempts + {int(attempts_plus)}"
        with self._atomic():
            self._execute(f"UPDATE deliveries SET {sets} WHERE id = ?",
                            [*values.values(), delivery_id])


_DELIVERY_COLUMNS = "d.*, a.payload AS payload, p.message_ref AS parent_ref"
