"""Fetching, parsing and polling against a real local HTTP server and a real SQLite file."""

from __future__ import annotations

import asyncio
import gzip
import random
import time
from pathlib import Path

import pytest
from aiohttp import web

from bot.config import load_config
from bot.errors import FetchError
from bot.matching.matcher import compile_topics
from bot.pipeline import Subscribers
from bot.storage import SQLiteStore
from watchers.fetch import Fetcher, parse_retry_after
from watchers.netguard import NetPolicy
from watchers.parse import parse_feed
from watchers.poll import Poller, backoff_delay
from watchers.schedule import PollScheduler

LOCAL = NetPolicy.allowing(["127.0.0.1"])

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test wire</title><link>https://example.org/</link>
{items}
</channel></rss>"""
ITEM = """<item><title>{title}</title><link>https://example.org/{n}</link><guid>g-{n}</guid>
<pubDate>Thu, 21 Nov 2024 15:{n:02d}:00 GMT</pubDate>
<description>&lt;p&gt;{text}&lt;/p&gt;</description></item>"""


def rss(*items: tuple[int, str, str]) -> bytes:
    body = "".join(ITEM.format(n=n, title=t, text=x) for n, t, x in items)
    return RSS.format(items=body).encode()


ICC = (1, "ICC issues arrest warrant for Netanyahu",
       "The International Criminal Court issued an arrest warrant for Benjamin Netanyahu.")
OTHER = (2, "Floods in Italy", "Heavy rain forced 3,000 people from their homes.")
LATER = (3, "Netanyahu responds", "Netanyahu called the ICC decision antisemitic.")


def config_for(write_config, urls: dict[str, str]) -> Path:
    feeds = "".join(f'[[feeds]]\nid = "{i}"\nurl = "{u}"\ninterval = "1m"\n'
                    for i, u in urls.items())
    return write_config(feeds + """
[topics.icc]
people = ["Benjamin Netanyahu"]
organizations = [{ name = "International Criminal Court", aliases = ["ICC"] }]

[[subscriptions]]
channel = "console:alerts"
topics = ["icc"]
""")


class FeedServer:
    """Serves one feed with ETag support and counts conditional hits."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.requests: list[dict[str, str]] = []

    @property
    def etag(self) -> str:
        return f'"{hash(self.body) & 0xFFFFFFFF:x}"'

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append(dict(request.headers))
        if request.headers.get("If-None-Match") == self.etag:
            return web.Response(status=304, headers={"ETag": self.etag})
        return web.Response(body=self.body, content_type="application/rss+xml",
                            headers={"ETag": self.etag})


def make_poller(config_path: Path, store: SQLiteStore, fetcher: Fetcher,
                clock: list[float]) -> Poller:
    config = load_config(config_path)
    matcher = compile_topics(config.topics)
    pairs = [(s.channel, t) for s in config.subscriptions for t in s.topics]
    return Poller(store, fetcher, lambda: (matcher, Subscribers(pairs, ["console"])),
                  clock=lambda: clock[0], rng=random.Random(1))


async def test_conditional_get_uses_etag_and_304(http_server, write_config, store) -> None:
    feed = FeedServer(rss(ICC, OTHER))
    app = web.Application()
    app.router.add_get("/feed", feed.handle)
    base = await http_server(app)
    config = load_config(config_for(write_config, {"wire": f"{base}/feed"}))
    clock = [1000.0]
    async with Fetcher("newsalert-test/1", policy=LOCAL) as fetcher:
        poller = make_poller(config.path, store, fetcher, clock)
        first = await poller.poll(config.feeds[0])
        assert (first.ok, first.new_entries, first.alerts) == (True, 2, 1)
        assert not first.not_modified
        assert feed.requests[0]["User-Agent"] == "newsalert-test/1"
        assert "If-None-Match" not in feed.requests[0]

        second = await poller.poll(config.feeds[0])
        assert second.not_modified and second.new_entries == 0
        assert feed.requests[1]["If-None-Match"] == feed.etag
        state = store.feed_state("wire")
        assert state.etag == feed.etag and state.consecutive_errors == 0
        assert 1000 + 57 <= state.next_poll <= 1000 + 66  # interval 60 s with jitter

        feed.body = rss(ICC, OTHER, LATER)
        third = await poller.poll(config.feeds[0])
        assert (third.new_entries, third.alerts) == (1, 1)
    due = store.due_deliveries(2000.0, ["console"])
    assert [d.alert.title for d in due] == ["ICC issues arrest warrant for Netanyahu"]


async def test_failing_feed_does_not_stop_a_working_one(http_server, write_config, store) -> None:
    good = FeedServer(rss(ICC))
    calls = {"bad": 0}

    async def broken(request: web.Request) -> web.Response:
        calls["bad"] += 1
        return web.Response(status=500, text="boom")

    app = web.Application()
    app.router.add_get("/good", good.handle)
    app.router.add_get("/bad", broken)
    async def page(request: web.Request) -> web.Response:
        return web.Response(text="<html><body>hello</body></html>", content_type="text/html")

    app.router.add_get("/notxml", page)
    base = await http_server(app)
    config = load_config(config_for(write_config, {
        "bad": f"{base}/bad", "good": f"{base}/good", "notxml": f"{base}/notxml",
        "refused": "http://127.0.0.1:9/feed"}))
    clock = [1000.0]
    async with Fetcher("t", policy=LOCAL) as fetcher:
        poller = make_poller(config.path, store, fetcher, clock)
        outcomes = [await poller.poll(f) for f in config.feeds]
    assert [o.ok for o in outcomes] == [False, True, False, False]
    assert outcomes[0].error == "HTTP 500 Internal Server Error"
    assert outcomes[2].error == "not an RSS or Atom feed"
    assert "cannot connect" in (outcomes[3].error or "")
    assert outcomes[1].alerts == 1
    bad = store.feed_state("bad")
    assert bad.consecutive_errors == 1 and bad.next_poll == pytest.approx(1060.0)


async def test_run_once_starts_the_feed_that_was_slowest_first(http_server, write_config,
                                                                 store) -> None:
    asked: list[str] = []

    async def handle(request: web.Request) -> web.Response:
        asked.append(request.match_info["name"])
        if request.match_info["name"] == "slow":
            await asyncio.sleep(0.3)
        return web.Response(body=rss(OTHER), content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/{name}", handle)
    base = await http_server(app)
    config = load_config(config_for(write_config, {
        n: f"{base}/{n}" for n in ("a", "b", "slow", "c")}))
    async with Fetcher("t", policy=LOCAL) as fetcher:
        matcher = compile_topics(config.topics)
        poller = Poller(store, fetcher, lambda: (matcher, Subscribers([], ["console"])),
                        clock=time.time)
        scheduler = PollScheduler(store, lambda: config.feeds, poller.poll, 1, time.time)
        await scheduler.poll_all()
        first, asked[:] = asked[:], []
        await scheduler.poll_all()
    assert first == ["a", "b", "slow", "c"]  # nothing known yet: the config's order
    assert asked[0] == "slow" and sorted(asked[1:]) == ["a", "b", "c"]
    assert store.feed_state("slow").took >= 0.3 > store.feed_state("a").took


async def test_failing_feed_backs_off_and_recovers(http_server, write_config, store) -> None:
    state = {"fail": True}
    good = FeedServer(rss(ICC))

    async def flaky(request: web.Request) -> web.StreamResponse:
        if state["fail"]:
            return web.Response(status=503, headers={"Retry-After": "30"})
        return await good.handle(request)

    app = web.Application()
    app.router.add_get("/flaky", flaky)
    base = await http_server(app)
    config = load_config(config_for(write_config, {"flaky": f"{base}/flaky"}))
    clock = [0.0]
    async with Fetcher("t", policy=LOCAL) as fetcher:
        poller = make_poller(config.path, store, fetcher, clock)
        next_polls = []
        for _ in range(4):
            await poller.poll(config.feeds[0])
            next_polls.append(store.feed_state("flaky").next_poll)
        assert next_polls == [60.0, 120.0, 240.0, 480.0]
        assert store.feed_state("flaky").last_error == "HTTP 503 Service Unavailable"
        state["fail"] = False
        outcome = await poller.poll(config.feeds[0])
    assert outcome.ok and outcome.alerts == 1
    assert store.feed_state("flaky").consecutive_errors == 0


def test_backoff_is_capped_and_respects_retry_after() -> None:
    assert backoff_delay(300, 1) == 300
    assert backoff_delay(300, 3) == 1200
    assert backoff_delay(300, 30) == 6 * 3600
    assert backoff_delay(60, 1, retry_after=600) == 600
    assert backoff_delay(86400, 5) == 86400


async def test_gzip_and_redirects(http_server) -> None:
    body = rss(ICC)

    async def gz(request: web.Request) -> web.Response:
        assert "gzip" in request.headers.get("Accept-Encoding", "")
        return web.Response(body=gzip.compress(body), headers={
            "Content-Encoding": "gzip", "Content-Type": "application/rss+xml"})

    async def hop(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        raise web.HTTPFound(f"/hop/{n - 1}" if n > 0 else "/gz")

    app = web.Application()
    app.router.add_get("/gz", gz)
    app.router.add_get("/hop/{n}", hop)
    base = await http_server(app)
    async with Fetcher("t", policy=LOCAL) as fetcher:
        result = await fetcher.fetch(f"{base}/hop/2")
        assert result.body == body and result.url == f"{base}/gz"
        with pytest.raises(FetchError, match="more than 5 redirects"):
            await fetcher.fetch(f"{base}/hop/9")


def test_retry_after_header() -> None:
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Thu, 01 Jan 1970 00:01:40 GMT", now=40.0) == 60.0
    assert parse_retry_after("soon") is None


def test_parse_normalizes_entries() -> None:
    data = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T &amp; Co</title>
    <item><title>With &lt;b&gt;guid&lt;/b&gt;</title><guid>urn:1</guid><link>/a/1</link>
      <description>&lt;p&gt;First &amp;amp; para.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;
      &lt;p&gt;Second.&lt;/p&gt;</description></item>
    <item><title>Link only</title><link>https://example.org/b</link></item>
    <item><description>No title, no link, no guid</description></item>
    <item></item>
    </channel></rss>"""
    parsed = parse_feed(data, "https://example.org/feed.xml", "f")
    assert parsed.title == "T & Co" and parsed.problem is None
    first, second, third = parsed.entries
    assert (first.entry_id, first.title, first.link) == ("urn:1", "With guid",
                                                         "https://example.org/a/1")
    assert first.text == "First & para.\n\nSecond."
    assert second.entry_id == "https://example.org/b" and second.published is None
    assert third.entry_id.startswith("sha1:") and third.text == "No title, no link, no guid"
    assert parse_feed(data, "https://example.org/feed.xml", "f").entries[2].entry_id == \
        third.entry_id


def test_parse_atom_dates_and_content() -> None:
    data = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><id>tag:x,2024:1</id><title>Atom entry</title><updated>2024-11-21T15:20:00Z</updated>
    <link href="https://example.org/atom/1"/><summary>Short</summary>
    <content type="html">&lt;p&gt;The longer full text.&lt;/p&gt;</content></entry></feed>"""
    entry, = parse_feed(data, "https://example.org/atom", "a").entries
    assert entry.text == "The longer full text."
    assert entry.published is not None
    assert entry.published.isoformat() == "2024-11-21T15:20:00+00:00"


def test_broken_feed_is_parsed_as_far_as_possible() -> None:
    data = rss(ICC, OTHER).replace(b"</channel></rss>", b"<item><title>unclosed")
    parsed = parse_feed(data, "https://example.org/", "b")
    assert parsed.problem is not None
    assert [e.title for e in parsed.entries][:2] == [ICC[1], OTHER[1]]
