"""Feed discovery through the guarded fetcher, against a real local web site: advertised
feeds first, the usual paths as a fallback; the command, and /news preview of a site address."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from aiohttp import web

from bot.app import App
from bot.commands import Command
from bot.config import load_config
from bot.errors import FetchError
from bot.storage import SQLiteStore
from tests.conftest import REPO
from watchers.discover import advertised_feeds, discover_feeds
from watchers.fetch import Fetcher
from watchers.netguard import NetPolicy

LOCAL = NetPolicy.allowing(["127.0.0.1"])
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>
<item><title>{item}</title><link>https://site.example.org/1</link>
<description>{text}</description></item></channel></rss>"""
PAGE = """<!doctype html><html><head><title>Site</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Site news" href="/news.rss">
<link rel="Alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="application/rss+xml" href="/news.rss">
<link rel="alternate" type="application/rss+xml" href="/missing.rss">
<link rel="alternate" hreflang="fr" href="/fr/">
</head><body><a href="/feed.xml">feed</a></body></html>"""


class Site:
    def __init__(self, pages: dict[str, tuple[str, str]]) -> None:
        self.pages = pages
        self.asked: list[str] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.asked.append(request.path_qs)
        if request.path_qs not in self.pages:
            raise web.HTTPNotFound()
        body, kind = self.pages[request.path_qs]
        return web.Response(text=body, content_type=kind)


async def start(http_server, pages: dict[str, tuple[str, str]]) -> tuple[Site, str]:
    site = Site(pages)
    app = web.Application()
    app.router.add_get("/{tail:.*}", site.handle)
    return site, await http_server(app)


NEWS = RSS.format(title="Site news", item="ICC issues arrest warrant for Netanyahu",
                  text="The International Criminal Court issued an arrest warrant for "
                       "Benjamin Netanyahu on Thursday.")
JSON_FEED = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Site JSON",
                        "items": [{"id": "1", "title": "Hello", "content_text": "x"}]})


async def test_advertised_feeds_come_first_and_each_once(http_server) -> None:
    site, base = await start(http_server, {
        "/": (PAGE, "text/html"), "/news.rss": (NEWS, "application/rss+xml"),
        "/feed.json": (JSON_FEED, "application/feed+json"),
        "/feed.xml": (NEWS, "application/rss+xml")})
    async with Fetcher("newsalert-test", policy=LOCAL) as fetcher:
        found = await discover_feeds(fetcher, f"{base}/")
    assert [(f.url, f.title, f.entries) for f in found] == [
        (f"{base}/news.rss", "Site news", 1), (f"{base}/feed.json", "Site JSON", 1)]
    assert "/feed.xml" not in site.asked  # advertised feeds found: no guessing


async def test_the_usual_paths_are_tried_when_none_is_advertised(http_server) -> None:
    site, base = await start(http_server, {
        "/blog/post": ("<html><head><title>A post</title></head></html>", "text/html"),
        "/index.xml": (NEWS, "application/xml"),
        "/rss": ("<html>not a feed</html>", "text/html")})
    async with Fetcher("newsalert-test", policy=LOCAL) as fetcher:
        found = await discover_feeds(fetcher, f"{base}/blog/post")
    assert [f.url for f in found] == [f"{base}/index.xml"]
    assert {"/feed", "/rss", "/atom.xml", "/feed.json"} <= set(site.asked)


async def test_a_feed_address_is_its_own_feed_and_a_private_one_is_refused(
        http_server) -> None:
    _site, base = await start(http_server, {"/news.rss": (NEWS, "application/rss+xml")})
    async with Fetcher("newsalert-test", policy=LOCAL) as fetcher:
        [found] = await discover_feeds(fetcher, f"{base}/news.rss")
    assert found.url == f"{base}/news.rss"
    async with Fetcher("newsalert-test") as fetcher:  # the default policy: public only
        with pytest.raises(FetchError, match="refused"):
            await discover_feeds(fetcher, f"{base}/")


def test_advertised_links_are_read_from_any_markup() -> None:
    page = ("<LINK REL='alternate feed' TYPE='application/atom+xml; charset=utf-8' "
            "HREF='atom.xml' TITLE='A'><link rel=alternate type=application/rss+xml "
            "href='javascript:alert(1)'><link rel=alternate type=text/html href=/x>")
    assert advertised_feeds(page, "https://site.example.org/dir/") == [
        ("https://site.example.org/dir/atom.xml", "A")]


async def test_the_discover_command_lists_the_feeds(http_server, write_config) -> None:
    _site, base = await start(http_server, {
        "/": (PAGE, "text/html"), "/news.rss": (NEWS, "application/rss+xml"),
        "/feed.json": (JSON_FEED, "application/feed+json"),
        "/plain": ("<html><body>no feeds here</body></html>", "text/html")})
    config = write_config('[bot]\nallow_hosts = ["127.0.0.1"]\n')

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot.cli", "feeds", "discover", *args],
                              capture_output=True, text=True, cwd=REPO, timeout=60)

    result = await asyncio.to_thread(run, f"{base}/", "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{base}/news.rss\tSite news\t1 entries",
                                          f"{base}/feed.json\tSite JSON\t1 entries"]
    refused = await asyncio.to_thread(run, f"{base}/")  # no config: public addresses only
    assert refused.returncode == 1 and "refused" in refused.stderr
    guessed = await asyncio.to_thread(run, f"{base}/plain", "--config", str(config))
    assert guessed.stdout == f"{base}/feed.json\tSite JSON\t1 entries\n"  # a usual path
    _bare, bare = await start(http_server, {"/plain": ("<html>no feeds</html>", "text/html")})
    empty = await asyncio.to_thread(run, f"{bare}/plain", "--config", str(config))
    assert empty.returncode == 1 and "no feed found" in empty.stderr
    missing = await asyncio.to_thread(run, f"{base}/nothing/", "--config", str(config))
    assert missing.returncode == 1 and "nothing/: HTTP 404" in missing.stderr


async def test_preview_of_a_site_address_shows_its_feed_alert(http_server, write_config,
                                                              tmp_path: Path) -> None:
    _site, base = await start(http_server, {
        "/": (PAGE, "text/html"), "/news.rss": (NEWS, "application/rss+xml")})
    config = load_config(write_config("""
        [bot]
        allow_hosts = ["127.0.0.1"]

        [topics.icc]
        people = ["Benjamin Netanyahu"]
        organizations = [{ name = "International Criminal Court", aliases = ["ICC"] }]
        """))
    app = App(config, SQLiteStore.open(tmp_path / "bot.db"), adapters={})
    async with app.fetching():
        reply = await app.commands.handle(Command("slack", "slack:C1", "U1", "preview",
                                                  f"{base}/"))
    app.store.close()
    assert reply.text.startswith(f"From the feed of this site ({base}/news.rss)")
    assert reply.alert is not None and reply.alert.title.startswith("ICC issues")
    assert [t.topic for t in reply.alert.topics] == ["icc"]
