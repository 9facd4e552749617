"""The poll tick: one APScheduler job that hands the feeds that are due to a bounded pool.

The database decides what is due (each feed's next poll time, pushed back by its interval with
jitter, or by backoff after failures), so ten thousand feeds cost one job, not ten thousand.
When other workers share the database, each tick claims only as many due feeds as this one has
free slots, and ticks again as soon as half its slots are free, so that the workers share the
feeds instead of the first one taking them all.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.config import FeedConfig
from bot.logs import event
from bot.storage import Store

__all__ = ["PollScheduler"]

log = logging.getLogger(__name__)


class PollScheduler:
    def __init__(self, store: Store, feeds: Callable[[], Sequence[FeedConfig]],
                 poll: Callable[[FeedConfig], Awaitable[object]], concurrency: int,
                 clock: Callable[[], float], tick_seconds: float = 5.0) -> None:
        self.store = store
        self.feeds = feeds
        self.poll = poll
        self.clock = clock
        self.tick_seconds = tick_seconds
        self.concurrency = concurrency
        self._slots = asyncio.Semaphore(concurrency)
        self._refill: asyncio.Future[int] | None = None
        self._in_flight: dict[str, asyncio.Task[None]] = {}
        self._scheduler: AsyncIOScheduler | None = None

    def start(self) -> None:
        self._scheduler = AsyncIOScheduler()
        self._scheduler.add_job(self.tick, "interval", seconds=self.tick_seconds,
                                max_instances=1, coalesce=True, id="poll-tick",
                                misfire_grace_time=None)
        self._scheduler.start()
        asyncio.get_running_loop().call_soon(lambda: asyncio.ensure_future(self.tick()))

    async def stop(self, timeout: float = 10.0) -> None:
        """Stop ticking and wait up to ``timeout`` seconds for polls under way."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        tasks = list(self._in_flight.values())
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=timeout)
            for task in pending:
                task.cancel()

    async def tick(self) -> int:
        """Start a poll for every feed that is due and not already being polled."""
        feeds = {f.id: f for f in self.feeds()}
        if self.store.shared:
            try:
                claimed = self.store.claim_feeds(
                    feeds, self.clock(), self.concurrency - len(self._in_flight))
            except Exception as exc:  # the database is away: claim nothing until it is back
                event(log, "poll.claim_failed", logging.WARNING,
                      error=f"{type(exc).__name__}: {exc}")
                return 0
            due = [f for f in claimed if f not in self._in_flight]
        else:
            due = [f for f in self.store.due_feeds(feeds, self.clock())
                   if f not in self._in_flight]
        for feed_id in due:
            self._in_flight[feed_id] = asyncio.ensure_future(self._run(feeds[feed_id]))
        return len(due)

    async def poll_all(self) -> None:
        """Poll every feed once, whatever its schedule (``run --once``)."""
        feeds = {f.id: f for f in self.feeds()}
        order = self.store.due_feeds(feeds.keys())  # every feed, the slowest first
        await asyncio.gather(*(self._guarded(feeds[f]) for f in order))

    async def _run(self, feed: FeedConfig) -> None:
        try:
            await self._guarded(feed)
        finally:
            self._in_flight.pop(feed.id, None)
            if (self.store.shared and self._scheduler is not None and self._refill is None
                    and len(self._in_flight) <= self.concurrency // 2):
                self._refill = asyncio.ensure_future(self._tick_again())

    async def _tick_again(self) -> int:
        try:
            return await self.tick()
        finally:
            self._refill = None

    async def _guarded(self, feed: FeedConfig) -> None:
        async with self._slots:
            try:
                await self.poll(feed)
            except Exception:  # one feed's bug must not stop the others
                log.exception("unexpected error polling feed %s", feed.id)
