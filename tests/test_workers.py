"""Three ``newsalert run`` processes on one PostgreSQL database, two thousand local feeds and
the local Slack API server: every feed is polled once per cycle, every alert posted once per
channel; one worker is killed with SIGKILL mid-cycle and its feeds are taken over once their
lease lapses; another loses its database connection for a while, claims nothing meanwhile and
then carries on. Real processes, real servers; only the network edge is local."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from aiohttp import web

from tests.conftest import REPO
from tests.slack_api_server import BOT_TOKEN, SlackAPIServer
from tests.test_kill import _distinct_words

FEEDS = 2000
INTERVAL = 12.0
LEASE = 8.0
"""Long enough that a request waiting in line on a loaded machine does not outlive its claim: a
poll that outlasts its lease is taken over by design (docs/scaling.md), a second poll here."""
CHANNELS = ("C1", "C2", "C3")
NEW_PER_ROUND = 10
CYCLES = int(os.environ.get("NEWSALERT_TEST_CYCLES", "4"))
"""Poll cycles to run at least (10 to measure; four keep the suite short, with a whole cycle
after the cut worker is back)."""
STORY = re.compile(r"Story \d+-\d+")


@dataclass(frozen=True)
class Hit:
    feed: int
    at: float
    worker: str
    status: int


class Feeds:
    """Two thousand small RSS feeds with ETags; ``publish`` gives some of them a new item that
    alerts. Every request is recorded with the worker that made it (its User-Agent)."""

    def __init__(self) -> None:
        self.items: dict[int, list[int]] = collections.defaultdict(list)
        self.hits: list[Hit] = []
        self.published: list[str] = []
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/feeds/{n}", self._feed)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def publish(self, feeds: range) -> None:
        for n in feeds:
            self.items[n].append(len(self.items[n]))
            self.published.append(f"Story {n}-{self.items[n][-1]}")

    async def _feed(self, request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        etag = f'"{n}-{len(self.items[n])}"'
        status = 304 if request.headers.get("If-None-Match") == etag else 200
        self.hits.append(Hit(n, time.monotonic(), request.headers.get("User-Agent", ""), status))
        if status == 304:
            return web.Response(status=304, headers={"ETag": etag})
        items = [f"<item><title>Notes {n}</title><guid>notes-{n}</guid>"
                 f"<link>https://example.org/notes/{n}</link>"
                 f"<description>Weather and traffic for district {n}.</description></item>"]
        for k in self.items[n]:
            items.append(
                f"<item><title>Story {n}-{k}</title><guid>story-{n}-{k}</guid>"
                f"<link>https://example.org/{n}/{k}</link><description>The International "
                f"Criminal Court ruled: {_distinct_words(n * 10 + k)}.</description></item>")
        body = (f"<rss version='2.0'><channel><title>Feed {n}</title>{''.join(items)}"
                "</channel></rss>")
        return web.Response(body=body.encode(), content_type="application/rss+xml",
                            headers={"ETag": etag})

    def polled_since(self, since: float, worker: str | None = None) -> set[int]:
        return {h.feed for h in self.hits
                if h.at >= since and (worker is None or h.worker == worker)}


class Proxy:
    """A TCP proxy to the database that can be cut: open connections dropped, new ones refused."""

    def __init__(self, host: str, port: int) -> None:
        self.upstream = (host, port)
        self.cut = False
        self._writers: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None
        self.port = 0

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self.sever()
        if self._server is not None:
            self._server.close()

    def sever(self) -> None:
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.cut:
            writer.transport.abort()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        except OSError:
            writer.transport.abort()
            return
        self._writers.update((writer, up_writer))

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, ConnectionError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


class Worker:
    def __init__(self, folder: Path, name: str) -> None:
        self.folder = folder
        self.name = name
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        with open(self.folder / "bot.log", "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "--config", "config.toml"],
                cwd=self.folder, env=env, stdout=subprocess.DEVNULL, stderr=log,
                start_new_session=True)

    def signal(self, sig: int) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        if sig == signal.SIGKILL:  # the whole process group, as a crash of its machine would
            os.killpg(self.proc.pid, sig)
        else:
            self.proc.send_signal(sig)

    def wait(self, timeout: float = 30) -> int | None:
        if self.proc is None:
            return None
        try:
            return self.proc.wait(timeout)
        finally:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)

    def log(self) -> str:
        return (self.folder / "bot.log").read_text(encoding="utf-8", errors="replace")


def _config(database: str, name: str, feeds: Feeds, slack: SlackAPIServer) -> str:
    subscriptions = "".join(f'\n[[subscriptions]]\ntopics = ["icc"]\nchannel = "slack:{c}"\n'
                            for c in CHANNELS)
    entries = "".join(f'\n[[feeds]]\nid = "f{n}"\nurl = "{feeds.url}/feeds/{n}"\n'
                      for n in range(FEEDS))
    return f"""
[bot]
database = "{database}"
interval = "{INTERVAL:g}s"
lease = "{LEASE:g}s"
allow_hosts = ["127.0.0.1"]
concurrency = 40
parse_workers = 0
user_agent = "{name}"
shutdown_grace = "5s"

[adapters.console]
enabled = false

[adapters.slack]
enabled = true
bot_token = "{BOT_TOKEN}"
signing_secret = "not-used-here"
host = "127.0.0.1"
port = 0
api_url = "{slack.api_url}"

[topics.icc]
organizations = ["International Criminal Court"]
{subscriptions}{entries}"""


def _with_port(url: str, port: int) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)
    host = f"127.0.0.1:{port}"
    return urlunsplit(parts._replace(netloc=f"{netloc[0]}@{host}" if len(netloc) == 2 else host))


async def _until(condition, timeout: float, what: str, workers: list[Worker]) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        for worker in workers:
            assert worker.proc is None or worker.proc.poll() is None or worker.name == "worker-0", \
                f"{worker.name} ended:\n{worker.log()[-3000:]}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


async def test_three_workers_share_the_feeds_and_post_each_alert_once(
        tmp_path: Path, postgres_url: str) -> None:
    feeds, slack = Feeds(), SlackAPIServer()
    await feeds.start()
    await slack.start()
    upstream = urlsplit(postgres_url)
    proxy = Proxy(upstream.hostname or "127.0.0.1", upstream.port or 5432)
    await proxy.start()
    workers = [Worker(tmp_path / f"worker-{i}", f"worker-{i}") for i in range(3)]
    for i, worker in enumerate(workers):
        worker.folder.mkdir()
        database = _with_port(postgres_url, proxy.port) if i == 2 else postgres_url
        (worker.folder / "config.toml").write_text(_config(database, worker.name, feeds, slack))
    killed, cut = workers[0], workers[2]
    try:
        started = time.monotonic()
        for worker in workers:
            worker.start()
        # Cycle 1: every feed is read once, then new stories appear in some of them.
        await _until(lambda: len(feeds.polled_since(started)) == FEEDS, 120, "the first cycle",
                     workers)
        feeds.publish(range(0, NEW_PER_ROUND))
        # The next cycle: killed while it polls.
        busy = time.monotonic() + 1.0
        await _until(lambda: len(feeds.polled_since(busy, killed.name)) >= 20, 60,
                     "worker-0 polling", workers)
        feeds.publish(range(NEW_PER_ROUND, 2 * NEW_PER_ROUND))
        killed.signal(signal.SIGKILL)
        killed_at = time.monotonic()
        await asyncio.to_thread(killed.wait)
        # Later: one worker loses its database while the others poll on.
        feeds.publish(range(2 * NEW_PER_ROUND, 3 * NEW_PER_ROUND))
        await asyncio.sleep(INTERVAL)
        proxy.cut = True
        proxy.sever()
        cut_at = time.monotonic()
        await asyncio.sleep(2 * LEASE)
        proxy.cut = False
        back_at = time.monotonic()
        rounds = 3
        while time.monotonic() - started < CYCLES * INTERVAL:
            feeds.publish(range(rounds * NEW_PER_ROUND, (rounds + 1) * NEW_PER_ROUND))
            rounds += 1
            await asyncio.sleep(INTERVAL)
        # Every story reaches every channel; then one more whole cycle.
        expected = {(c, s) for c in CHANNELS for s in feeds.published}

        def posted() -> list[tuple[str, str]]:
            return [(c, m) for c in CHANNELS for post in slack.posts(c)
                    for m in STORY.findall(post.get("text", ""))[:1]]

        await _until(lambda: set(posted()) >= expected, 180, "every alert posted", workers[1:])
        await _until(lambda: feeds.polled_since(back_at + 2, cut.name), 60,
                     "the cut worker polling again", workers[1:])
        for worker in workers[1:]:
            worker.signal(signal.SIGTERM)
        for worker in workers[1:]:
            # Waited for in a thread: the servers they finish talking to run on this loop.
            assert await asyncio.to_thread(worker.wait) == 0, worker.log()[-3000:]
        ended = time.monotonic()
    finally:
        for worker in workers:
            worker.signal(signal.SIGKILL)
            await asyncio.to_thread(worker.wait, 10)
        await proxy.stop()
        await slack.stop()
        await feeds.stop()

    # Every alert posted once per channel, none lost.
    counts = collections.Counter(posted())
    assert [k for k, n in counts.items() if n > 1] == []
    assert set(counts) == expected

    # No feed polled twice in a cycle, except the take-overs: polls whose worker died, or lost
    # its database, before it could save them.
    def excused(hit: Hit) -> bool:
        return (hit.worker == killed.name and hit.at > killed_at - LEASE - 1.0) or \
            (hit.worker == cut.name and cut_at - LEASE - 1.0 < hit.at < back_at + 1.0)

    by_feed: dict[int, list[Hit]] = collections.defaultdict(list)
    for hit in feeds.hits:
        by_feed[hit.feed].append(hit)
    twice, takeovers, gaps = [], 0, []
    for hits in by_feed.values():
        for earlier, later in zip(hits, hits[1:], strict=False):
            gap = later.at - earlier.at
            gaps.append(gap)
            # The next poll is due 0.95 to 1.1 intervals after the last one began; here all
            # the feeds share one host, to which a worker opens four connections at a time, so
            # a request may wait seconds after its poll began. Half an interval apart is a
            # second poll in one cycle, whatever the wait.
            if gap < 0.5 * INTERVAL:
                if excused(earlier):
                    takeovers += 1
                else:
                    twice.append((earlier, later))
        gaps.append(ended - hits[-1].at)
    assert twice == []
    assert len(by_feed) == FEEDS
    # Every feed polled every cycle: no feed waits much longer than its interval, a tick and a
    # lease (the feeds the dead worker held).
    assert max(gaps) < 1.1 * INTERVAL + 5 + LEASE + 10, max(gaps)

    # The cut worker claimed nothing while its database was away, and said so.
    during = [h for h in feeds.hits if h.worker == cut.name and cut_at + 2 < h.at < back_at]
    assert during == []
    assert "poll.claim_failed" in cut.log()
    print(f"\n{len(feeds.hits)} polls of {FEEDS} feeds over {ended - started:.0f} s "
          f"({(ended - started) / INTERVAL:.1f} intervals); "
          f"{takeovers} taken over; {sum(counts.values())} posts; shortest gap between two polls "
          f"of a feed {min(gaps):.1f} s, longest {max(gaps):.1f} s")
