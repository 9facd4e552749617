"""Full text for teaser feeds, through a real local HTTP server and a real SQLite store."""

from __future__ import annotations

import asyncio
import logging
import random

from aiohttp import web

from bot.config import load_config
from bot.matching.matcher import compile_topics
from bot.models import Entry
from bot.pipeline import Subscribers
from watchers.fetch import Fetcher
from watchers.fulltext import FullTextLimits, extract_main_text, with_full_text
from watchers.netguard import NetPolicy
from watchers.poll import Poller

LOCAL = NetPolicy.allowing(["127.0.0.1"])

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Teasers</title><link>{base}/</link>
<item><title>Court moves against a leader</title><link>{base}/story/1</link><guid>s-1</guid>
<description>Read the whole story on our site.</description></item>
<item><title>Another court story</title><link>{base}/story/missing</link><guid>s-2</guid>
<description>The ICC met again today.</description></item>
</channel></rss>"""

PAGE = """<!DOCTYPE html><html><head><title>Court moves against a leader</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Court moves against a leader</h1>
<p>The International Criminal Court issued an arrest warrant for Benjamin Netanyahu on
Thursday, its judges said in a ruling that limits the movements of the Israeli leader.</p>
<p>"Prime Minister Netanyahu is now officially a wanted man," Amnesty Secretary General Agnes
Callamard said in a statement issued from London on Thursday evening.</p>
<p>The health ministry said at least 44,056 people had been killed in more than 13 months of war,
and that the fighting had driven most of the territory's residents from their homes.</p>
</article>
<footer>Copyright Example News. All rights reserved. Contact us. Privacy policy.</footer>
</body></html>"""

CONFIG = """
[[feeds]]
id = "teasers"
url = "{base}/feed"
interval = "1m"
full_text = {full_text}

[topics.icc]
people = ["Benjamin Netanyahu"]

[[subscriptions]]
channel = "console:alerts"
topics = ["icc"]
"""


async def serve(http_server) -> tuple[str, list[str]]:
    hits: list[str] = []

    async def feed(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.Response(text=FEED.format(base=base), content_type="application/rss+xml")

    async def story(request: web.Request) -> web.Response:
        hits.append(request.path)
        if request.match_info["id"] != "1":
            return web.Response(status=404, text="not here")
        return web.Response(text=PAGE, content_type="text/html")

    app = web.Application()
    app.router.add_get("/feed", feed)
    app.router.add_get("/story/{id}", story)
    base = await http_server(app)
    return base, hits


async def poll_once(write_config, store, base: str, full_text: bool):
    config = load_config(write_config(CONFIG.format(base=base,
                                                    full_text=str(full_text).lower())))
    matcher = compile_topics(config.topics)
    subscribers = Subscribers([("console:alerts", "icc")], ["console"])
    async with Fetcher("newsalert-test/1", policy=LOCAL) as fetcher:
        poller = Poller(store, fetcher, lambda: (matcher, subscribers), clock=lambda: 1000.0,
                        rng=random.Random(1))
        return await poller.poll(config.feeds[0])


async def test_full_text_feed_alerts_on_the_article_page(http_server, write_config, store,
                                                         caplog) -> None:
    base, hits = await serve(http_server)
    with caplog.at_level(logging.WARNING, logger="watchers.fulltext"):
        outcome = await poll_once(write_config, store, base, full_text=True)
    assert (outcome.new_entries, outcome.alerts) == (2, 1)
    assert sorted(hits) == ["/feed", "/story/1", "/story/missing"]
    alert = store.due_deliveries(2000.0, ["console"])[0].alert
    assert alert.title == "Court moves against a leader"
    quote = alert.extraction.quotes[0]
    assert quote.text == "Prime Minister Netanyahu is now officially a wanted man"
    assert quote.speaker == "Agnes Callamard"
    assert any(f.value == 44056 for f in alert.extraction.figures)
    assert not any("Privacy policy" in s for s in alert.extraction.summary)
    # The page's headline is the title, not the lead sentence.
    assert alert.extraction.summary[0].startswith("The International Criminal Court issued")
    # The missing page falls back to the feed text, and the log says so.
    assert "event=fulltext.fallback" in caplog.text and "HTTP 404" in caplog.text


async def test_teaser_feed_without_full_text_fetches_no_pages(http_server, write_config,
                                                              store) -> None:
    base, hits = await serve(http_server)
    outcome = await poll_once(write_config, store, base, full_text=False)
    assert (outcome.new_entries, outcome.alerts) == (2, 0)
    assert hits == ["/feed"]


async def test_page_over_the_size_cap_keeps_the_feed_text(http_server, caplog) -> None:
    base, _ = await serve(http_server)
    entry = Entry("teasers", "s-1", "Court moves", f"{base}/story/1", None, "Teaser only.")
    with caplog.at_level(logging.WARNING, logger="watchers.fulltext"):
        async with Fetcher("newsalert-test/1", policy=LOCAL) as fetcher:
            [kept] = await with_full_text(fetcher, [entry], FullTextLimits(max_bytes=200))
    assert kept == entry
    assert "larger than the 200-byte limit" in caplog.text


def test_main_text_drops_navigation_and_footer() -> None:
    text = extract_main_text(PAGE)
    assert text is not None
    assert "44,056 people had been killed" in text
    assert "Privacy policy" not in text and "Sport" not in text


async def test_preview_of_a_page_reads_its_main_text(http_server, write_config, tmp_path) -> None:
    from adapters.console import ConsoleAdapter
    from bot.app import App
    from bot.commands import Command
    from bot.storage import SQLiteStore

    base, _hits = await serve(http_server)
    config = load_config(write_config(CONFIG.format(base=base, full_text="false")
                                      + '\n[bot]\nallow_hosts = ["127.0.0.1"]\n'))
    app = App(config, SQLiteStore.open(tmp_path / "db.sqlite"),
              adapters={"console": ConsoleAdapter()})
    try:
        async with app.fetching():
            reply = await app.commands.handle(
                Command("console", "console:alerts", "u1", "preview", f"{base}/story/1"))
    finally:
        app.store.close()
    assert reply.alert is not None
    assert reply.alert.title == "Court moves against a leader"
    summary = " ".join(reply.alert.extraction.summary)
    assert summary.startswith("The International Criminal Court issued an arrest warrant")
    assert "Home World Sport" not in summary
    assert reply.alert.extraction.quotes[0].speaker == "Agnes Callamard"


async def test_slow_pages_are_cut_off_by_the_poll_budget(http_server, caplog) -> None:
    """Many teasers behind slow pages: the poll reads what its budget allows and alerts the
    rest from the feed's own text, instead of waiting for every page."""
    started: list[str] = []

    async def slow(request: web.Request) -> web.Response:
        started.append(request.path)
        await asyncio.sleep(0.6)
        return web.Response(text=PAGE, content_type="text/html")

    app = web.Application()
    app.router.add_get("/slow/{id}", slow)
    base = await http_server(app)
    entries = [Entry("teasers", f"s-{i}", f"Story {i}", f"{base}/slow/{i}", None, "Teaser.")
               for i in range(40)]
    limits = FullTextLimits(concurrency=4, poll_budget=1.0)
    with caplog.at_level(logging.WARNING, logger="watchers.fulltext"):
        async with Fetcher("newsalert-test/1", policy=LOCAL) as fetcher:
            result = await with_full_text(fetcher, entries, limits)
    assert [e.entry_id for e in result] == [e.entry_id for e in entries]  # none lost
    read = [e for e in result if e.text != "Teaser."]
    assert 0 < len(read) < len(entries) and len(started) < len(entries)
    assert "event=fulltext.budget_spent" in caplog.text and f"left={40 - len(read)}" in \
        caplog.text
