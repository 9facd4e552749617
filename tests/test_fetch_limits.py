"""Limits on every fetch, against a real local HTTP server: timeouts, body size (also after
gzip decompression), redirects, and entries per feed."""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import time
import zlib

import pytest
from aiohttp import web

from bot.config import load_config
from bot.errors import FetchError
from bot.matching.matcher import compile_topics
from bot.pipeline import Subscribers
from watchers.fetch import Fetcher, FetchLimits
from watchers.netguard import NetPolicy
from watchers.parse import parse_feed
from watchers.poll import Poller

LOCAL = NetPolicy.allowing(["127.0.0.1"])


def gzip_of_zeros(megabytes: int) -> bytes:
    """A gzip body that inflates to ``megabytes`` MiB: about 1000 times its own size."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1 << 20)
    return b"".join([packer.compress(chunk) for _ in range(megabytes)] + [packer.flush()])


async def serve(http_server, handler) -> str:
    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    return await http_server(app)


async def test_gzip_bomb_stops_at_the_limit_after_decompression(http_server) -> None:
    bomb = gzip_of_zeros(64)
    assert len(bomb) < 100_000  # what crosses the wire is small; what it inflates to is not

    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=bomb, headers={"Content-Encoding": "gzip",
                                                "Content-Type": "application/rss+xml"})

    base = await serve(http_server, handler)
    limits = FetchLimits(max_bytes=1 << 20)
    async with Fetcher("t", limits, policy=LOCAL) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match="larger than the 1048576-byte limit") as caught:
            await fetcher.fetch(f"{base}/bomb.xml")
    assert not caught.value.retryable
    assert time.monotonic() - started < 5


async def test_body_limit_with_and_without_content_length(http_server) -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        if request.path == "/declared":
            return web.Response(body=b"x" * 5000)
        response = web.StreamResponse()  # chunked: no length announced
        await response.prepare(request)
        for _ in range(10):
            await response.write(b"y" * 1000)
        await response.write_eof()
        return response

    base = await serve(http_server, handler)
    async with Fetcher("t", FetchLimits(max_bytes=4000), policy=LOCAL) as fetcher:
        with pytest.raises(FetchError, match="body of 5000 bytes is larger"):
            await fetcher.fetch(f"{base}/declared")
        with pytest.raises(FetchError, match="larger than the 4000-byte limit"):
            await fetcher.fetch(f"{base}/chunked")
    async with Fetcher("t", FetchLimits(max_bytes=20000), policy=LOCAL) as fetcher:
        assert len((await fetcher.fetch(f"{base}/chunked")).body or b"") == 10000


async def test_read_and_total_timeouts(http_server) -> None:
    done = asyncio.Event()

    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        await response.prepare(request)
        if request.path == "/stall":
            await asyncio.wait_for(done.wait(), 30)  # headers sent, then silence
        else:
            while not done.is_set():  # a byte every 50 ms: never idle, never done
                await response.write(b"<")
                await asyncio.sleep(0.05)
        return response

    base = await serve(http_server, handler)
    limits = FetchLimits(connect_timeout=1, read_timeout=0.3, total_timeout=1.0)
    async with Fetcher("t", limits, policy=LOCAL) as fetcher:
        for path in ("/stall", "/trickle"):
            started = time.monotonic()
            with pytest.raises(FetchError, match="timed out") as caught:
                await fetcher.fetch(f"{base}{path}")
            assert time.monotonic() - started < 2.5
            assert caught.value.retryable
    done.set()


async def test_redirect_limit_counts_every_hop(http_server) -> None:
    async def handler(request: web.Request) -> web.Response:
        n = int(request.path.rsplit("/", 1)[1])
        if n == 0:
            return web.Response(text="<rss version='2.0'><channel/></rss>")
        raise web.HTTPMovedPermanently(f"/hop/{n - 1}")

    base = await serve(http_server, handler)
    async with Fetcher("t", FetchLimits(max_redirects=2), policy=LOCAL) as fetcher:
        assert (await fetcher.fetch(f"{base}/hop/2")).url == f"{base}/hop/0"
        with pytest.raises(FetchError, match="more than 2 redirects"):
            await fetcher.fetch(f"{base}/hop/3")


def big_feed(n: int) -> bytes:
    items = "".join(f"<item><title>ICC story {i}</title><guid>g{i}</guid>"
                    f"<description>International Criminal Court {i}</description></item>"
                    for i in range(n))
    return f"<rss version='2.0'><channel><title>Big</title>{items}</channel></rss>".encode()


def test_entries_per_feed_are_capped() -> None:
    assert len(parse_feed(big_feed(2000), "https://e.org/", "big").entries) == 500
    assert len(parse_feed(big_feed(2000), "https://e.org/", "big", max_entries=25).entries) == 25


async def test_poller_honours_max_entries(http_server, write_config, store) -> None:
    body = big_feed(300)

    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/rss+xml")

    base = await serve(http_server, handler)
    config = load_config(write_config(f"""
        [bot]
        max_entries = 40
        [[feeds]]
        id = "big"
        url = "{base}/feed"
        [topics.icc]
        organizations = ["International Criminal Court"]
    """))
    matcher = compile_topics(config.topics)
    subscribers = Subscribers([("console:alerts", "icc")], ["console"])
    async with Fetcher("t", policy=LOCAL) as fetcher:
        poller = Poller(store, fetcher, lambda: (matcher, subscribers), clock=lambda: 0.0,
                        rng=random.Random(0), max_entries=config.bot.max_entries)
        outcome = await poller.poll(config.feeds[0])
    assert (outcome.new_entries, outcome.alerts) == (40, 40)
    assert store.feed_state("big").entries_seen == 40


async def test_connect_timeout() -> None:
    """A server whose accept queue is full never completes the handshake."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    await asyncio.sleep(0.1)
    limits = FetchLimits(connect_timeout=0.4, read_timeout=10, total_timeout=10)
    try:
        async with Fetcher("t", limits, policy=LOCAL) as fetcher:
            started = time.monotonic()
            with pytest.raises(FetchError, match="timed out"):
                await fetcher.fetch(f"http://127.0.0.1:{port}/feed")
            assert time.monotonic() - started < 3
    finally:
        for sock in (*fillers, listener):
            sock.close()
