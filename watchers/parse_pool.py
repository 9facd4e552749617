"""Feed parsing in worker processes.

Parsing is the costliest step of a poll (feedparser is pure Python) and it holds the GIL, so in
the event loop's process it would both cap throughput at one core and stall every fetch while it
runs. Worker processes take the parsing off the loop and use the other cores.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from bot.errors import FetchError
from watchers.parse import ParsedFeed, parse_feed_changes

__all__ = ["ParsePool", "default_parse_workers"]


def default_parse_workers() -> int:
    """One worker per core: a first poll of many feeds keeps them all busy, and the operating
    system shares the cores between them and the event loop's process."""
    return os.cpu_count() or 2


class ParsePool:
    """Parses feed bodies in ``workers`` processes, or in the calling thread when ``workers`` is
    0. Use ``async with ParsePool(n)``; the processes start on the first parse."""

    def __init__(self, workers: int) -> None:
        if workers < 0:
            raise ValueError(f"parse workers must be 0 or more, got {workers}")
        self.workers = workers
        self._executor: Executor | None = None

    async def __aenter__(self) -> ParsePool:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids (for measuring them)."""
        processes = getattr(self._executor, "_processes", None) or {}
        return list(processes)

    async def parse(self, data: bytes, base_url: str, feed_id: str,
                    content_type: str | None = None, known: bytes = b"") -> ParsedFeed:
        """``parse_feed_changes`` in a worker: only the items not among ``known``."""
        if self.workers == 0:
            return parse_feed_changes(data, base_url, feed_id, content_type, known)
        if self._executor is None:
            # forkserver: the workers are not forked from a process that runs threads.
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("forkserver"))
        executor = self._executor
        try:
            return await asyncio.get_running_loop().run_in_executor(
                executor, parse_feed_changes, data, base_url, feed_id, content_type, known)
        except BrokenProcessPool:
            # A worker died (killed for memory, say): the next feeds get new workers, and this
            # one counts as failed, to be retried with backoff.
            if self._executor is executor:
                self._executor = None
                executor.shutdown(wait=False, cancel_futures=True)
            raise FetchError("the feed parser process died while parsing this feed") from None
