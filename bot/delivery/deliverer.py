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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from adapters.base import Adapter, SendResult
from bot.defang import defang_delivery
from bot.delivery.alertstyle import AlertStyle, shape, style_for
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
                 send_timeout: float = 60.0,
                 styles: Callable[[], Sequence[tuple[str, tuple[str, ...], AlertStyle]]]
                 | None = None) -> None:
        self.store = store
        self.adapters = dict(adapters)
        self.clock = clock
        self.retention = retention
        self.send_timeout = send_timeout
        self.styles = styles
        """The configured subscriptions' styles, read at each post (a reload applies at once)."""
        self._last_post: dict[str, float] = {}
        self._wake = asyncio.Event()
        self._stopping = False
        self._next_expiry = float("-inf")
        self.held: set[str] = set()
        """Platforms whose posts wait (not connected yet): they stay in the outbox."""

    def wake(self) -> None:
        """New alerts are in the outbox."""
        self._wake.set()

    def hold(self, platform: str) -> None:
        """Keep this platform's posts in the outbox until ``release``."""
        self.held.add(platform)

    def release(self, platform: str) -> None:
        """The platform is connected: its posts go out again."""
        self.held.discard(platform)
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
        due = self.store.due_deliveries(self.clock(), self._ready())
        if due:
            await asyncio.gather(*(self._deliver(d) for d in due))
        return len(due)

    async def drain(self, timeout: float, *, wait: float = 0.0) -> None:
        """Deliver until nothing is due, or ``timeout`` seconds have passed. For the first
        ``wait`` seconds (of real time), also wait for the posts that become due meanwhile:
        a short Retry-After or backoff, or a held platform that connects."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        patience = loop.time() + min(wait, timeout)
        deadline = self.clock() + timeout
        while self.clock() < deadline and loop.time() < end:
            if await self.run_once():
                continue
            remaining = patience - loop.time()
            if remaining <= 0:
                return
            soonest = self.store.next_attempt(self._ready())
            pause = None if soonest is None else max(0.2, soonest - self.clock())
            if pause is None or pause > remaining:
                if self.store.next_attempt(self.held) is None:
                    return  # nothing becomes due in time
                pause = remaining
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), pause)

    def _ready(self) -> list[str]:
        return [p for p in self.adapters if p not in self.held]

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
        if not self.store.mark_sending(delivery.id, self.clock()):
            event(log, "delivery.claim_lost", logging.WARNING, channel=delivery.channel,
                  alert=delivery.alert_id)
            return
        try:
            async with asyncio.timeout(self.send_timeout):
                result = await adapter.send(defang_delivery(self._styled(delivery)))
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

    def _styled(self, delivery: Delivery) -> Delivery:
        """The delivery shaped to its subscription's style: an alert in its format, with its
        caps and mentions; a follow-up with the caps only (its thread was pinged already); a
        digest with the mentions only; a notice as it is."""
        if self.styles is None or delivery.kind not in ("alert", "followup", "digest"):
            return delivery
        topics = {t.topic for alert in delivery.alerts for t in alert.topics}
        style = style_for(self.styles(), delivery.channel, topics)
        if delivery.kind == "digest":
            return replace(delivery, style=AlertStyle(mention=style.mention))
        if delivery.kind == "followup":
            style = replace(style, format="full", mention=())
        return replace(delivery, style=style, alert=shape(delivery.alert, style),
                       alerts=tuple(shape(a, style) for a in delivery.alerts))

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
