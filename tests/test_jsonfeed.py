"""JSON Feed 1.0 and 1.1: read into the same entries as RSS and Atom, told by content, and safe
on broken or hostile documents; the seed story alerts the same from a JSON Feed as from RSS."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from aiohttp import web
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import load_config
from bot.inputs import read_articles
from bot.matching.matcher import compile_topics
from bot.pipeline import Subscribers
from bot.storage import SQLiteStore
from tests.conftest import DATA
from watchers.fetch import Fetcher
from watchers.netguard import NetPolicy
from watchers.parse import parse_feed, parse_feed_changes
from watchers.poll import Poller

LOCAL = NetPolicy.allowing(["127.0.0.1"])
AFP = (DATA / "afp-icc-warrants.txt").read_text(encoding="utf-8")
AFP_TITLE = "Netanyahu 'now officially a wanted man' after ICC warrant"
AFP_LINK = "https://wire.example.org/2024/11/21/icc-warrants"


def json_feed(items: list[dict], version: str = "https://jsonfeed.org/version/1.1",
              **extra: object) -> bytes:
    return json.dumps({"version": version, "title": "Test wire",
                       "home_page_url": "https://wire.example.org/", "items": items,
                       **extra}).encode()


def test_a_json_feed_11_reads_into_entries() -> None:
    body = json_feed([
        {"id": "w-2", "url": "/2024/11/21/b", "title": "Second <story> & more",
         "content_html": "<p>The <b>International Criminal Court</b> issued warrants.</p>",
         "summary": "short", "date_published": "2024-11-21T15:30:00+01:00"},
        {"id": "w-1", "external_url": "https://elsewhere.example.com/a",
         "content_text": "Plain text with <angle> brackets.",
         "date_modified": "2024-11-20T08:00:00Z"},
    ])
    parsed = parse_feed(body, "https://wire.example.org/feed.json", "wire")
    assert parsed.problem is None
    assert parsed.title == "Test wire"
    first, second = parsed.entries
    assert first.entry_id == first.guid == "w-2"
    assert first.link == "https://wire.example.org/2024/11/21/b"
    assert first.title == "Second <story> & more"
    assert first.text == "The International Criminal Court issued warrants."
    assert first.published == datetime(2024, 11, 21, 14, 30, tzinfo=UTC)
    assert second.link == "https://elsewhere.example.com/a"
    assert second.text == "Plain text with <angle> brackets."
    assert second.published == datetime(2024, 11, 20, 8, 0, tzinfo=UTC)


def test_a_json_feed_10_takes_a_number_for_an_id_and_a_date_without_zone_as_utc() -> None:
    body = json_feed([{"id": 42, "title": "Old style", "content_text": "x",
                       "date_published": "2024-11-21T10:00:00"}],
                     version="https://jsonfeed.org/version/1")
    [entry] = parse_feed(body, "https://wire.example.org/feed.json", "wire").entries
    assert entry.entry_id == "42"
    assert entry.published == datetime(2024, 11, 21, 10, 0, tzinfo=UTC)


def test_the_format_is_told_by_content_not_by_address_or_type() -> None:
    body = b"\xef\xbb\xbf  \n" + json_feed([{"id": "a", "title": "Hello", "content_text": "x"}])
    parsed = parse_feed(body, "https://wire.example.org/rss.xml", "wire", "application/rss+xml")
    assert [e.title for e in parsed.entries] == ["Hello"]
    # The changed-items path reads it whole, as it cannot cut JSON into XML items.
    changed = parse_feed_changes(body, "https://wire.example.org/rss.xml", "wire")
    assert [e.title for e in changed.entries] == ["Hello"]


def test_broken_and_hostile_json_feeds_are_named_problems() -> None:
    cases = {
        b"{not json": "not valid JSON",
        b'{"title": "no version", "items": []}': "not a JSON Feed",
        b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}': "\"items\" list",
        b"{" + b'"a":[' * 100_000 + b"]" * 100_000 + b"}": "",
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [] ' + b"\xff\xfe}": "",
    }
    for body, words in cases.items():
        parsed = parse_feed(body, "https://wire.example.org/feed.json", "wire")
        assert parsed.entries == ()
        assert parsed.problem and words in parsed.problem, (body[:40], parsed.problem)


def test_fields_of_the_wrong_type_count_as_absent_and_limits_hold() -> None:
    items: list[object] = [
        "not an object", {"id": ["x"], "title": {"a": 1}, "url": 7, "content_html": None},
        {"id": "x" * 5000, "title": "Long id", "date_published": "yesterday"},
        *({"id": f"n{i}", "title": f"Item {i}"} for i in range(50)),
    ]
    parsed = parse_feed(json_feed(items), "https://wire.example.org/feed.json", "wire",
                        max_entries=10)
    assert parsed.problem is None
    # The item with nothing usable is dropped, as an empty RSS item is.
    assert len(parsed.entries) == 9
    long = parsed.entries[0]
    assert long.title == "Long id" and len(long.entry_id) == 1000 and long.published is None


def test_analyze_reads_a_json_feed_file(tmp_path: Path) -> None:
    path = tmp_path / "wire.json"
    path.write_bytes(json_feed([{"id": "a", "title": AFP_TITLE, "url": AFP_LINK,
                                 "content_text": AFP}]))
    [article] = read_articles(path)
    assert article.title == AFP_TITLE and article.url == AFP_LINK
    assert "Agnes Callamard" in article.text


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.org/</link>
<item><title>{title}</title><link>{link}</link><guid>{link}</guid>
<pubDate>Thu, 21 Nov 2024 15:00:00 GMT</pubDate><description>{text}</description></item>
</channel></rss>"""


async def test_the_seed_story_alerts_alike_from_json_feed_and_rss(
        http_server, write_config, tmp_path: Path) -> None:
    bodies = {
        "rss": RSS.format(title=escape(AFP_TITLE), link=AFP_LINK, text=escape(AFP)).encode(),
        "json": json_feed([{"id": AFP_LINK, "url": AFP_LINK, "title": AFP_TITLE,
                            "content_text": AFP, "date_published": "2024-11-21T15:00:00Z"}],
                          title="Wire"),
    }

    async def serve(request: web.Request) -> web.Response:
        # Both with a generic type: the reader must tell the JSON Feed from its content.
        return web.Response(body=bodies[request.match_info["name"]],
                            content_type="application/octet-stream")

    app = web.Application()
    app.router.add_get("/{name}", serve)
    base = await http_server(app)
    alerts = {}
    for name in bodies:
        config = load_config(write_config(f"""
            [[feeds]]
            id = "wire"
            url = "{base}/{name}"

            [topics.icc]
            people = ["Benjamin Netanyahu"]
            organizations = [{{ name = "International Criminal Court", aliases = ["ICC"] }}]
            events = ["arrest warrant"]

            [[subscriptions]]
            channel = "console:alerts"
            topics = ["icc"]
            """, name=f"{name}.toml"))
        store = SQLiteStore.open(tmp_path / f"{name}.db")
        matcher = compile_topics(config.topics)
        async with Fetcher("newsalert-test/1", policy=LOCAL) as fetcher:
            poller = Poller(store, fetcher,
                            lambda m=matcher: (m, Subscribers([("console:alerts", "icc")],
                                                              {"console"})),
                            clock=lambda: 1_732_200_000.0, rng=random.Random(1))
            outcome = await poller.poll(config.feeds[0])
        assert outcome.ok and outcome.alerts == 1, outcome
        [delivery] = store.pending_for_channel("console:alerts")
        alerts[name] = delivery.alert
        store.close()
    assert alerts["json"] == alerts["rss"]
    assert alerts["json"].extraction.quotes and alerts["json"].extraction.figures


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "url", "title", "content_html", "content_text",
                                       "summary", "date_published", "external_url", "x"]),
                      children, max_size=6),
    max_leaves=30)


@settings(max_examples=150, deadline=None)
@given(items=st.lists(JSON_VALUES, max_size=6), cut=st.integers(min_value=0, max_value=400))
def test_any_json_in_a_json_feed_never_raises(items: list[object], cut: int) -> None:
    body = json_feed(items)  # type: ignore[arg-type]
    for data in (body, body[:cut]):
        parsed = parse_feed(data, "https://wire.example.org/feed.json", "wire", max_entries=5)
        assert len(parsed.entries) <= 5
        for entry in parsed.entries:
            assert entry.entry_id and len(entry.entry_id) <= 1000
    if cut < len(body):  # a cut document is named as broken, never half read
        assert parse_feed(body[:cut], "https://x.example/", "wire").problem
