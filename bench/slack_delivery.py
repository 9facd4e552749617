"""How fast alerts go from the outbox to Slack, against bare HTTP posts of the same messages.

Run: ``PYTHONPATH=. python bench/slack_delivery.py [--channels 200] [--per-channel 2]``.

Ours: the real outbox (SQLite file) -> Deliverer -> SlackAdapter (Block Kit rendering,
slack_sdk's AsyncWebClient) -> the local Slack API server of the tests on 127.0.0.1, keeping
the one-post-per-second-per-channel limit. Baseline, in the same run: the same number of
already-rendered chat.postMessage bodies sent with a plain aiohttp session, as many at once as
there are channels, with no store and no spacing. The server runs in the same process, so both
numbers include its share of the CPU. Also prints the rendering cost per alert against the
plain-text rendering of the same alert.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import aiohttp

from adapters.slack_adapter import SlackAdapter
from adapters.slack_blocks import alert_message, digest_message
from bot.config import SlackSettings
from bot.delivery.deliverer import Deliverer
from bot.models import Alert, EntityMatch, Entry, Extraction, Figure, Quote, TopicMatch
from bot.render import render_text
from bot.storage import SQLiteStore
from tests.slack_api_server import BOT_TOKEN, SlackAPIServer


def sample_alert(n: int) -> Alert:
    """An alert of the usual size: a few entities, a summary, figures and quotes."""
    matches = (EntityMatch("person", "Benjamin Netanyahu", 4, ("Netanyahu",), True),
               EntityMatch("person", "Yoav Gallant", 2, ("Gallant",)),
               EntityMatch("organization", "International Criminal Court", 3, ("ICC",)),
               EntityMatch("event", "arrest warrant", 2, ("arrest warrants",)))
    return Alert(
        feed_id="wire", entry_id=f"e{n}", source="Wire & Co <news>",
        title=f"ICC issues arrest warrants for Netanyahu and Gallant ({n})",
        url=f"https://news.example/world/{n}?utm_source=rss&x=1", published=None,
        text_form="raw", topics=(TopicMatch("icc", matches),),
        extraction=Extraction(
            summary=("The International Criminal Court issued arrest warrants on Thursday.",
                     "The court said there were reasonable grounds to believe both men bear "
                     "criminal responsibility.", "Israel rejected the decision."),
            figures=(Figure("44,056 people had been killed", 44056, "people"),
                     Figure("more than 104,268 wounded", 104268, "people"),
                     Figure("124 member states", 124)),
            quotes=(Quote("now officially a wanted man", "Agnes Callamard"),
                    Quote("an antisemitic decision", "Benjamin Netanyahu")),
        ),
    )


def per_call(fn: Callable[[], object], seconds: float = 0.5) -> float:
    """Microseconds per call of ``fn``, over about ``seconds``."""
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        calls += 1
    return (time.perf_counter() - start) / calls * 1e6


async def ours(server: SlackAPIServer, channels: int, per_channel: int) -> tuple[float, float]:
    """Seconds to deliver everything through the outbox, and the smallest gap between two
    posts to one channel."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore.open(Path(tmp) / "bench.db")
        names = [f"slack:C{c:05d}" for c in range(channels)]
        count = channels * per_channel
        store.commit_entries("wire", [Entry("wire", f"e{n}", "t", None, None, "") for n in
                                      range(count)],
                             [(sample_alert(n), [names[n % channels]]) for n in range(count)],
                             now=time.time())
        adapter = SlackAdapter(SlackSettings(enabled=True, bot_token=BOT_TOKEN,
                                             signing_secret="s", api_url=server.api_url,
                                             host="127.0.0.1", port=0))
        await adapter.start(commands=None)  # type: ignore[arg-type]
        start = time.perf_counter()
        await Deliverer(store, {"slack": adapter}).drain(timeout=300)
        elapsed = time.perf_counter() - start
        await adapter.stop()
        sent = sum(s["sent"] for s in store.channel_stats().values())
        store.close()
    assert sent == count, f"only {sent} of {count} delivered"
    gaps = []
    for name in names:
        times = [r.at for r in server.calls("chat.postMessage")
                 if r.args["channel"] == name.partition(":")[2]]
        gaps += [b - a for a, b in zip(times, times[1:], strict=False)]
    return elapsed, min(gaps) if gaps else float("nan")


async def baseline(server: SlackAPIServer, channels: int, per_channel: int) -> float:
    bodies = [{"channel": f"B{n % channels:05d}", **alert_message(sample_alert(n))}
              for n in range(channels * per_channel)]
    url = server.api_url + "chat.postMessage"
    headers = {"Authorization": f"Bearer {BOT_TOKEN}"}
    async with aiohttp.ClientSession() as session:
        async def post(body: dict) -> None:
            async with session.post(url, json=body, headers=headers) as response:
                assert (await response.json())["ok"]

        start = time.perf_counter()
        for first in range(0, len(bodies), channels):
            await asyncio.gather(*(post(b) for b in bodies[first:first + channels]))
        return time.perf_counter() - start


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=200)
    parser.add_argument("--per-channel", type=int, default=2)
    args = parser.parse_args()
    count = args.channels * args.per_channel

    alert = sample_alert(1)
    digest = [replace(sample_alert(n), title=f"Story {n}") for n in range(40)]
    print(f"render one alert:   Block Kit {per_call(lambda: alert_message(alert)):7.1f} us,"
          f"  plain text {per_call(lambda: render_text(alert)):6.1f} us")
    print(f"render a 40-alert digest: {per_call(lambda: digest_message(digest)):7.1f} us")

    server = SlackAPIServer()
    await server.start()
    try:
        elapsed, gap = await ours(server, args.channels, args.per_channel)
        bare = await baseline(server, args.channels, args.per_channel)
    finally:
        await server.stop()
    spacing = (args.per_channel - 1) * 1.0
    print(f"deliver {count} alerts to {args.channels} channels: {elapsed:.2f} s "
          f"({count / elapsed:.0f} posts/s; the 1 post/s/channel limit alone takes "
          f"{spacing:.0f} s); smallest gap in one channel {gap:.3f} s")
    print(f"baseline, bare aiohttp posts of the same bodies: {bare:.2f} s "
          f"({count / bare:.0f} posts/s)")
    print(f"outbox overhead over the baseline, after the spacing: "
          f"{max(0.0, elapsed - spacing) / bare:.1f}x")


if __name__ == "__main__":
    asyncio.run(main())
