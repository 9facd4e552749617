"""What the status page and a /metrics scrape cost on a large database, against the text of
`newsalert status` (the baseline) in the same run.

    python bench/status_page.py [--alerts 100000] [--feeds 1000] [--rounds 3]

Fills a fresh SQLite store with alerts spread over 60 days (five entries each, one post each to
one of 50 Slack channels, one in fifty marked not relevant), serves the status page on
127.0.0.1 and prints the best of ``--rounds`` for: `status_text()`, a GET of `/`, a GET of
`/metrics`, and the per-topic precision both of the first two read (its share of them).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import App  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.models import Alert, EntityMatch, Extraction, TopicMatch  # noqa: E402
from bot.precision import read_precision  # noqa: E402
from bot.storage import SQLiteStore, Store, alert_to_dict  # noqa: E402
from bot.web.server import WebServer  # noqa: E402

CONFIG = """
[bot]
database = "bench.db"
[web]
listen = "127.0.0.1:0"
[topics.icc]
organizations = ["ICC"]
[topics.courts]
organizations = ["Supreme Court"]
"""


def fill(store: Store, alerts: int, feeds: int, now: float) -> None:
    rng = random.Random(7)
    conn = store.db.conn
    conn.execute("BEGIN")
    for i in range(1, alerts + 1):
        topic = "icc" if i % 3 else "courts"
        alert = Alert(f"feed-{i % feeds}", f"e{i}", "Wire", f"Title {i}", f"https://x.org/{i}",
                      datetime.now(UTC), "raw", (TopicMatch(topic, (EntityMatch(
                          "organization", "ICC", 2, ("ICC",)),)),), Extraction(("One.",)))
        created = now - (alerts - i) * 60 * 86400 / alerts  # ids in time order
        conn.execute("INSERT INTO alerts (id, feed_id, entry_id, created_at, payload) "
                     "VALUES (?, ?, ?, ?, ?)", (i, alert.feed_id, alert.entry_id, created,
                                                json.dumps(alert_to_dict(alert))))
        channel = f"slack:C{rng.randrange(50):08d}"
        conn.execute("INSERT INTO deliveries (alert_id, channel, status, attempts, next_attempt,"
                     " created_at, kind, sent_at) VALUES (?, ?, 'sent', 1, ?, ?, 'alert', ?)",
                     (i, channel, created, created, created + 5))
        if i % 50 == 0:
            conn.execute("INSERT INTO feedback (alert_id, channel, topic, kind, mentions, "
                         "by_user, at) VALUES (?, ?, ?, 'not_relevant', '[\"ICC\"]', 'U1', ?)",
                         (i, channel, topic, created + 60))
    conn.executemany("INSERT INTO entries (feed_id, entry_id, seen_at) VALUES (?, ?, ?)",
                     [(f"feed-{i % feeds}", f"n{i}", now) for i in range(alerts * 5)])
    conn.executemany("INSERT INTO feeds (feed_id, last_polled, last_success, next_poll) "
                     "VALUES (?, ?, ?, ?)", [(f"feed-{i}", now, now, now + 600)
                                             for i in range(feeds)])
    conn.execute("COMMIT")


async def best(rounds: int, step: Callable[[], Awaitable[object]]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        await step()
        times.append(time.perf_counter() - started)
    return min(times)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=100_000)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        feeds = "".join(f'[[feeds]]\nid = "feed-{i}"\nurl = "https://x.org/{i}.xml"\n'
                        for i in range(args.feeds))
        path.write_text(CONFIG + feeds)
        config = load_config(path)
        store = SQLiteStore.open(config.bot.database)
        now = time.time()
        started = time.perf_counter()
        fill(store, args.alerts, args.feeds, now)
        print(f"{args.alerts:,} alerts, {args.feeds:,} feeds, 50 channels: filled in "
              f"{time.perf_counter() - started:.1f} s")
        app = App(config, store, adapters={})
        server = WebServer(app)
        await server.start()
        base = f"http://127.0.0.1:{server.port}"
        try:
            async with aiohttp.ClientSession() as http:
                async def fetch(path: str) -> None:
                    async with http.get(base + path) as response:
                        assert response.status == 200, response.status
                        await response.read()

                async def status() -> None:
                    app.status_text()

                async def precision() -> None:
                    read_precision(store, [t.id for t in config.topics], time.time())

                baseline = await best(args.rounds, status)
                marks = await best(args.rounds, precision)
                page = await best(args.rounds, lambda: fetch("/"))
                metrics = await best(args.rounds, lambda: fetch("/metrics"))
        finally:
            await server.stop()
            store.close()
    print(f"newsalert status text (baseline): {baseline * 1000:7.0f} ms")
    print(f"status page GET /:                {page * 1000:7.0f} ms ({page / baseline:.1f}x)")
    print(f"GET /metrics:                     {metrics * 1000:7.0f} ms "
          f"({metrics / baseline:.1f}x)")
    print(f"per-topic precision, 7 days:      {marks * 1000:7.0f} ms "
          f"({marks / baseline:.0%} of the status text, {marks / page:.0%} of the page)")


if __name__ == "__main__":
    asyncio.run(main())
