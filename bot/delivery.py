"""The outbox loop: take due deliveries from the store and post them through the adapters.

Each channel gets its alerts in order, one post at a time, at most one per ``min_interval`` of
its adapter. A post is marked "sending" before it is made; if the process dies before the
outcome is recorded, the adapter is asked on the next attempt whether the message is already
there, so nothing is posted twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping

from adapters.base import Adapter, SendResult
from bot.logs import event
from bot.store import Delivery, Store

__all__ = ["Deliverer", "retry_delay"]

log = logging.getLogger(__name__)

MAX_BACKOFF = 3600.0


def retry_delay(attempts: int, retry_after: float | None = None) -> float:
    """Seconds before the next attempt: the platform's Retry-After, else exponential backoff."""
    if retry_after is not None:
        return max(0.0, retry_after)
    return min(MAX_BACKOFF, 2.0 ** min(attempts, 20))


class Deliverer:
    def __init__(self, store: Store, adapters: Mapping[str, Adapter],
                 clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.adapters = dict(adapters)
        self.clock = clock
        self._last_post: dict[str, float] = {}
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """New alerts are in the outbox."""
        self._wake.set()

    async def run_once(self) -> int:
        """Make every delivery that is due now (one per channel); return how many were tried."""
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
        while True:
            if not await self.run_once():
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
            result = await adapter.send(delivery)
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
