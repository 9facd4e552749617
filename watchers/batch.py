"""Poll outcomes written to the store in batches: one transaction for many polls.

A transaction per poll costs more than the poll itself once feeds are mostly unchanged. Each
poll hands its record over and waits until the batch holding it is committed, so a poll that
returns has been written, and a crash before that leaves the feed to be polled again, with no
entry marked seen whose alert was not queued.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from bot.storage import PollRecord, Store, StoryPolicy

__all__ = ["BatchWriter"]

log = logging.getLogger(__name__)


class BatchWriter:
    """Collects ``PollRecord``s and saves them when ``max_batch`` are waiting or the oldest has
    waited ``max_delay`` seconds. Use one per event loop, and ``await close()`` at the end.

    A poll holds its slot (``bot.concurrency``) while it waits, so ``max_batch`` should be
    below the number of polls run at once: half of them is a good choice.
    """

    def __init__(self, store: Store, clock: Callable[[], float],
                 policy: Callable[[], StoryPolicy] = StoryPolicy, max_batch: int = 50,
                 max_delay: float = 0.02) -> None:
        self.store = store
        self.clock = clock
        self.policy = policy
        self.max_batch = max_batch
        self.max_delay = max_delay
        self._waiting: list[tuple[PollRecord, asyncio.Future[list[int]]]] = []
        self._timer: asyncio.TimerHandle | None = None

    async def save(self, record: PollRecord) -> list[int]:
        """Queue ``record``; return the ids of its alerts once its batch is committed."""
        future: asyncio.Future[list[int]] = asyncio.get_running_loop().create_future()
        self._waiting.append((record, future))
        if len(self._waiting) >= self.max_batch:
            self.flush()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self.max_delay, self.flush)
        return await future

    def flush(self) -> None:
        """Write everything waiting now, in one transaction."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._waiting = self._waiting, []
        if not batch:
            return
        try:
            results = self.store.save_polls([r for r, _ in batch], self.clock(), self.policy())
        except Exception:
            # One bad record must not cost the others their writes: retry them one by one.
            log.warning("batch of %d polls failed; saving them one at a time", len(batch))
            self._save_each(batch)
            return
        for (_, future), alert_ids in zip(batch, results, strict=True):
            if not future.done():
                future.set_result(alert_ids)

    def _save_each(self, batch: list[tuple[PollRecord, asyncio.Future[list[int]]]]) -> None:
        for record, future in batch:
            try:
                [alert_ids] = self.store.save_polls([record], self.clock(), self.policy())
            except Exception as exc:
                if not future.done():
                    future.set_exception(exc)
            else:
                if not future.done():
                    future.set_result(alert_ids)

    async def close(self) -> None:
        self.flush()
