"""The outbox loop: take due deliveries from the store and post them through the adapters.

Each channel gets its alerts in order, one post at a time, at most one per ``min_interval`` of
its adapter. A post is marked "sending" before it is made; if the process dies before the
outcome is recorded, the adapter is asked on the next attempt whether the message is already
there, so nothing is posted twice. A post that takes longer than ``send_timeout`` is treated
the same way: it may have gone out, so the adapter is asked before it is tried again.

Alerts wait while a platform is down, retried with a backoff capped at ten minutes, so they go
out in order soon after it recovers. Those still undelivered after ``retention`` seconds are
dropped, each reported in the log and counted in the status.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping

from adapters.base import Adapter, SendResult
from bot.defang import defang_delivery
from bot.logs import event
from bot.retention import outbox_horizon
from bot.storage import Delivery, Store

__all__ = ["Deliverer", "retry_delay"]

log = logging.getLogger(__name__)

MAX_BACKOFF = 600.0
EXPIRE_EVERY = 60.0


def retry_delay(attempts: int, retry_after: float | None = None) -> float:
    """Seconds before the next attempt: the platform's Retry-After, else exponential backoff."""
    if retry_after is not None:
        return max(0.0, retry_after)
    return min(MAX_BACKOFF, 2.0 ** min(attempts, 20))


class Deliverer:
    def __init__(self, store: Store, adapters: Mapping[str, Adapter],
                 clock: Callable[[], float] = time.time, *, retention: float | None = None,
                 send_timeout: float = 60.0) -> None:
        self.store = store
        self.adapters = dict(adapters)
        self.clock = clock
        self.retention = retention
        self.send_timeout = send_timeout
        self._last_post: dict[str, float] = {}
        self._wake = asyncio.Event()
        self._stopping = False
        self._next_expiry = float("-inf")

    def wake(self) -> None:
        """New alerts are in the outbox."""
        self._wake.set()

    def stop(self) -> None:
        """Let ``run_forever`` return once the posts under way are done."""
        self._stopping = True
        self._wake.set()

    def expire(self) -> list[dict[str, object]]:
        """Drop the posts older than the retention limit, and report each one."""
        if self.retention is None:
            return []
        now = self.clock()
        dropped = self.store.expire_deliveries(
            outbox_horizon(now, self.retention),
            f"dropped: undelivered after {_days(self.retention)}")
        for row in dropped:
            event(log, "outbox.dropped", logging.WARNING, channel=row["channel"],
                  alert=row["alert_id"], title=row["title"], attempts=row["attempts"],
                  age=_days(now - float(row["created_at"])), last_error=row["last_error"])
        return dropped

    async def run_once(self) -> int:
        """Make every delivery that is due now (one per channel); return how many were tried."""
        if self.clock() >= self._next_expiry:
            self._next_expiry = self.clock() + EXPIRE_EVERY
            self.expire()
        due = self.store.due_deliveries(self.clock(), self.adapters)
        if due:
            await asyncio.gather(*(self._deliver(d) for d in due))
        return len(due)

    async def drain(self, timeout: float) -> None:
        """Deliver until nothing is due, or ``timeout`` seconds have passed."""
        deadline = self.clock() + timeout
        while self.clock() < deadline and await self.run_once():
            pass

    async def run_forever(self, idle: float = 1.0) -> None:
        """Deliver until ``stop``; an error in one round (a locked or full database) is logged
        and the loop carries on after a pause."""
        self._stopping = False
        while not self._stopping:
            try:
                tried = await self.run_once()
            except Exception:
                log.exception("outbox round failed; retrying in %.0f s", idle)
                tried = 0
            if not tried and not self._stopping:
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), idle)

    async def _deliver(self, delivery: Delivery) -> None:
        adapter = self.adapters[delivery.platform]
        wait = self._last_post.get(delivery.channel, 0.0) + adapter.min_interval - self.clock()
        if wait > 0:
            await asyncio.sleep(wait)
        if delivery.status == "sending":
            ref = await adapter.find_sent(delivery)
            if ref is not None:
                self.store.mark_sent(delivery.id, ref, self.clock())
                event(log, "delivery.recovered", channel=delivery.channel, alert=delivery.alert_id,
                      ref=ref)
                return
        self.store.mark_sending(delivery.id, self.clock())
        try:
            async with asyncio.timeout(self.send_timeout):
                result = await adapter.send(defang_delivery(delivery))
        except TimeoutError:
            delay = retry_delay(delivery.attempts + 1)
            error = f"no answer within {self.send_timeout:g}s"
            self.store.mark_uncertain(delivery.id, error, self.clock() + delay)
            event(log, "delivery.timeout", logging.WARNING, channel=delivery.channel,
                  alert=delivery.alert_id, retry_in=round(delay, 1))
            return
        except Exception as exc:  # an adapter bug must not stop the outbox
            log.exception("adapter %s raised while sending", delivery.platform)
            result = SendResult.retry(f"{type(exc).__name__}: {exc}")
        self._last_post[delivery.channel] = self.clock()
        self._record(delivery, result)

    def _record(self, delivery: Delivery, result: SendResult) -> None:
        now = self.clock()
        if result.status == "sent":
            self.store.mark_sent(delivery.id, result.ref, now)
            event(log, "delivery.sent", channel=delivery.channel, alert=delivery.alert_id,
                  ref=result.ref)
        elif result.status == "failed":
            self.store.mark_failed(delivery.id, result.error or "failed")
            event(log, "delivery.failed", logging.WARNING, channel=delivery.channel,
                  alert=delivery.alert_id, error=result.error)
        else:
            delay = retry_delay(delivery.attempts + 1, result.retry_after)
            self.store.mark_retry(delivery.id, result.error or "retry", now + delay)
            event(log, "delivery.retry", logging.WARNING, channel=delivery.channel,
                  alert=delivery.alert_id, error=result.error, retry_in=round(delay, 1))


def _days(seconds: float) -> str:
    return f"{seconds / 86400:.1f}d" if seconds >= 86400 else f"{seconds / 3600:.1f}h"
