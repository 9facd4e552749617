"""What lets one process poll thousands of feeds: unchanged bodies are not parsed again, parsing
runs in worker processes, and poll outcomes are written in batches without losing the
never-re-alert guarantee. Real local HTTP server, real SQLite file, real worker processes."""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from aiohttp import web

from bot.config import Config, load_config
from bot.errors import ConfigError
from bot.matching.matcher import Matcher, compile_topics
from bot.models import Article, Entry, TopicMatch
from bot.pipeline import Subscribers, evaluate_poll
from bot.storage import PollRecord, SQLiteStore
from bot.storage.sqlite_schema import MIGRATIONS
from tests.conftest import CORPORA
from tests.test_watchers import ICC, LATER, LOCAL, OTHER, config_for, rss
from watchers.batch import BatchWriter
from watchers.fetch import Fetcher
from watchers.items import split_items
from watchers.parse import MAX_ENTRIES, ParsedFeed, parse_feed, parse_feed_changes
from watchers.parse_pool import INLINE_ENTRIES, ParsePool
from watchers.poll import Poller


class CountingParsePool(ParsePool):
    """The real pool, counting the bodies it is given."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.parsed: list[str] = []
        self.known: list[bytes] = []

    async def parse(self, data: bytes, base_url: str, feed_id: str,
                    content_type: str | None = None, known: bytes = b"",
                    max_entries: int = MAX_ENTRIES) -> ParsedFeed:
        self.parsed.append(feed_id)
        self.known.append(known)
        return await super().parse(data, base_url, feed_id, content_type, known, max_entries)


class NoValidatorServer:
    """Serves bodies with neither ETag nor Last-Modified, as many feed servers do."""

    def __init__(self, bodies: dict[str, bytes]) -> None:
        self.bodies = bodies

    async def handle(self, request: web.Request) -> web.Response:
        return web.Response(body=self.bodies[request.match_info["name"]],
                            content_type="application/rss+xml")


async def serve_wire(http_server, write_config) -> tuple[NoValidatorServer, Config]:
    """A local server with one feed, "wire", and a config that polls it."""
    server = NoValidatorServer({"wire": rss(ICC, OTHER)})
    app = web.Application()
    app.router.add_get("/{name}", server.handle)
    base = await http_server(app)
    return server, load_config(config_for(write_config, {"wire": f"{base}/wire"}))


def poller_for(config_path: Path, store: SQLiteStore, fetcher: Fetcher, clock: list[float],
               parser: ParsePool | None = None, writer: BatchWriter | None = None) -> Poller:
    config = load_config(config_path)
    matcher = compile_topics(config.topics)
    pairs = [(s.channel, t) for s in config.subscriptions for t in s.topics]
    return Poller(store, fetcher, lambda: (matcher, Subscribers(pairs, ["console"])),
                  clock=lambda: clock[0], rng=random.Random(1), parser=parser, writer=writer)


async def test_unchanged_body_is_not_parsed_again_but_a_changed_one_is(
        http_server, write_config, store) -> None:
    server, config = await serve_wire(http_server, write_config)
    feed = config.feeds[0]
    parser = CountingParsePool(0)
    clock = [1000.0]
    async with Fetcher("t", policy=LOCAL) as fetcher:
        poller = poller_for(config.path, store, fetcher, clock, parser)
        first = await poller.poll(feed)
        assert (first.new_entries, first.alerts, parser.parsed) == (2, 1, ["wire"])

        clock[0] = 2000.0
        same = await poller.poll(feed)
        assert same.ok and same.not_modified and same.new_entries == 0
        assert parser.parsed == ["wire"]
        state = store.feed_state("wire")
        assert state.last_success == 2000.0 and state.next_poll > 2000.0

        server.bodies["wire"] = rss(ICC, OTHER, LATER)
        changed = await poller.poll(feed)
        assert (changed.new_entries, changed.alerts) == (1, 1)
        assert parser.parsed == ["wire", "wire"]
        # The second parse was told the items of the first body, to parse only the new one.
        assert parser.known[0] == b"" and len(parser.known[1]) == 2 * 8

        server.bodies["wire"] = rss(ICC, OTHER, LATER).replace(b"<title>Test wire",
                                                               b"<title>Test wire, rebuilt")
        rebuilt = await poller.poll(feed)
        assert rebuilt.ok and not rebuilt.not_modified and rebuilt.new_entries == 0


async def test_body_of_a_failed_parse_is_parsed_again(http_server, write_config, store) -> None:
    server = NoValidatorServer({"page": b"<html><body>not a feed</body></html>"})
    app = web.Application()
    app.router.add_get("/{name}", server.handle)
    base = await http_server(app)
    config = load_config(config_for(write_config, {"page": f"{base}/page"}))
    parser = CountingParsePool(0)
    async with Fetcher("t", policy=LOCAL) as fetcher:
        poller = poller_for(config.path, store, fetcher, [0.0], parser)
        outcomes = [await poller.poll(config.feeds[0]) for _ in range(2)]
    assert [o.ok for o in outcomes] == [False, False]
    assert len(parser.parsed) == 2
    assert store.feed_state("page").consecutive_errors == 2


def test_only_new_and_edited_items_are_parsed() -> None:
    base = "https://example.org/feed"
    before = parse_feed_changes(rss(ICC, OTHER), base, "w")
    assert len(before.entries) == 2 and len(before.item_digests) == 16

    edited = (OTHER[0], OTHER[1], "Heavy rain forced 4,000 people from their homes.")
    body = rss(LATER, ICC, edited)
    after = parse_feed_changes(body, base, "w", known=before.item_digests)
    whole = parse_feed(body, base, "w")
    assert after.entries == (whole.entries[0], whole.entries[2])
    assert after.title == "Test wire" and after.problem is None
    assert after.item_digests == b"".join(split_items(body).digests)

    same_items = parse_feed_changes(body.replace(b"Test wire", b"Wire"), base, "w",
                                    known=after.item_digests)
    assert same_items.entries == () and same_items.item_digests == after.item_digests


def test_a_body_the_item_cut_gets_wrong_is_parsed_whole() -> None:
    base = "https://example.org/feed"
    tricky = (4, "Quoting markup", "<![CDATA[ends with </item> inside ]]>")
    first = parse_feed_changes(rss(ICC), base, "w")
    body = rss(tricky, ICC).replace(b"&lt;p&gt;<![CDATA[", b"<![CDATA[").replace(
        b"]]>&lt;/p&gt;", b"]]>")
    parsed = parse_feed_changes(body, base, "w", known=first.item_digests)
    assert parsed.entries == parse_feed(body, base, "w").entries
    assert [e.title for e in parsed.entries] == ["Quoting markup", ICC[1]]

    no_items = parse_feed_changes(b"<html><body>moved</body></html>", base, "w")
    assert no_items.problem is not None and no_items.item_digests == b""


def sample_feeds() -> list[tuple[str, bytes]]:
    feeds = [("own", rss(ICC, OTHER, LATER)),
             ("broken", rss(ICC, OTHER).replace(b"</channel></rss>", b"<item><title>cut"))]
    folder = CORPORA / "feeds"
    if folder.is_dir():
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".tsv")
        feeds += [(p.name, p.read_bytes()) for p in files[::8]]
    return feeds


async def test_worker_processes_parse_exactly_like_the_main_process() -> None:
    feeds = sample_feeds()
    async with ParsePool(2) as pool:
        in_workers = await asyncio.gather(*(
            pool.parse(body, f"https://example.org/{name}", name) for name, body in feeds))
        assert len(pool.pids) == 2
    for (name, body), parsed in zip(feeds, in_workers, strict=True):
        assert parsed == parse_feed_changes(body, f"https://example.org/{name}", name), name
        whole = parse_feed(body, f"https://example.org/{name}", name)
        assert (parsed.title, parsed.entries, parsed.problem) == (
            whole.title, whole.entries, whole.problem), name
    assert sum(len(p.entries) for p in in_workers) > 3


async def test_batched_writes_keep_never_realert_across_a_restart(
        http_server, write_config, tmp_path: Path) -> None:
    names = [f"f{i}" for i in range(12)]
    server = NoValidatorServer({n: rss(ICC, OTHER) for n in names})
    app = web.Application()
    app.router.add_get("/{name}", server.handle)
    base = await http_server(app)
    config = load_config(config_for(write_config, {n: f"{base}/{n}" for n in names}))
    path = tmp_path / "batched.db"

    store = SQLiteStore.open(path)
    writer = BatchWriter(store, time_zero, max_batch=5, max_delay=0.2)
    async with Fetcher("t", policy=LOCAL) as fetcher, ParsePool(1) as parser:
        poller = poller_for(config.path, store, fetcher, [0.0], parser, writer)
        outcomes = await asyncio.gather(*(poller.poll(f) for f in config.feeds))
    await writer.close()
    assert [o.alerts for o in outcomes] == [1] * 12
    store.close()

    # A new body with one new entry, and a fresh process: only the new entry alerts.
    for n in names:
        server.bodies[n] = rss(ICC, OTHER, LATER)
    store = SQLiteStore.open(path)
    writer = BatchWriter(store, time_zero, max_batch=5, max_delay=0.2)
    async with Fetcher("t", policy=LOCAL) as fetcher:
        poller = poller_for(config.path, store, fetcher, [10.0], None, writer)
        again = await asyncio.gather(*(poller.poll(f) for f in config.feeds))
    assert [(o.new_entries, o.alerts) for o in again] == [(1, 1)] * 12
    titles = [json.loads(p)["title"] for (p,) in store.db.execute(
        "SELECT payload FROM alerts ORDER BY id").fetchall()]
    assert titles == [ICC[1]] * 12 + [LATER[1]] * 12
    assert store.db.execute("SELECT count(*) FROM entries").fetchone()[0] == 36
    store.close()


def time_zero() -> float:
    return 0.0


async def test_one_bad_record_does_not_lose_the_rest_of_its_batch(store: SQLiteStore) -> None:
    writer = BatchWriter(store, time_zero, max_batch=3, max_delay=10.0)
    bad = PollRecord("bad", 1.0, 2.0, alerts=[(object(), ["console:a"])])  # type: ignore[list-item]
    results = await asyncio.gather(
        writer.save(PollRecord("a", 1.0, 60.0, etag='"a"')),
        writer.save(bad),
        writer.save(PollRecord("b", 1.0, 60.0, error="HTTP 500")),
        return_exceptions=True)
    assert results[0] == [] and results[2] == []
    assert isinstance(results[1], Exception)
    assert store.feed_state("a").etag == '"a"'
    assert store.feed_state("b").consecutive_errors == 1
    assert store.feed_state("bad").last_polled is None


async def test_a_lone_record_is_written_after_the_delay(store: SQLiteStore) -> None:
    writer = BatchWriter(store, time_zero, max_batch=100, max_delay=0.01)
    assert await asyncio.wait_for(writer.save(PollRecord("a", 1.0, 60.0)), timeout=5) == []
    assert store.feed_state("a").last_success == 1.0


def test_database_of_schema_1_gains_the_body_hash(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO feeds (feed_id, etag, consecutive_errors) VALUES ('w', '\"e\"', 0)")
    conn.close()
    store = SQLiteStore.open(path)
    state = store.feed_state("w")
    assert (state.etag, state.body_hash) == ('"e"', None)
    store.record_poll("w", 5.0, 10.0, etag='"f"')
    assert store.feed_state("w").etag == '"f"'
    store.close()


def test_parse_workers_must_not_be_negative(write_config) -> None:
    assert load_config(write_config("[bot]\nparse_workers = 0\n")).bot.parse_workers == 0
    assert load_config(write_config("[bot]\n")).bot.parse_workers is None
    with pytest.raises(ConfigError, match=r"bot\.parse_workers: must be 0"):
        load_config(write_config("[bot]\nparse_workers = -1\n"))


TOPICS = """
[topics.icc]
organizations = [{ name = "International Criminal Court", aliases = ["ICC"] }]

[topics.floods]
events = ["floods"]

[[subscriptions]]
channel = "console:alerts"
topics = ["icc", "floods"]
"""


def many_entries() -> list[Entry]:
    texts = [ICC, OTHER, LATER] * 3
    return [Entry("wire", f"id-{i}", title, f"https://example.org/{i}", None, text)
            for i, (_, title, text) in enumerate(texts)]


async def test_workers_match_many_entries_like_the_main_process(write_config) -> None:
    config = load_config(write_config(TOPICS + '[[feeds]]\nid = "wire"\nurl = "http://x/"\n'))
    feed, matcher = config.feeds[0], compile_topics(config.topics)
    subscribers = Subscribers([("console:alerts", "icc"), ("console:alerts", "floods")],
                              ["console"])
    entries = many_entries()
    assert len(entries) > INLINE_ENTRIES
    inline = evaluate_poll(feed, entries, matcher, subscribers, "Wire")
    async with ParsePool(2, matcher) as pool:
        in_workers = await pool.evaluate(feed, entries, matcher, subscribers, "Wire")
        assert pool.pids
        assert in_workers == inline and len(inline.alerts) == 9
        # Every alerting entry has its story mark, made in the worker too.
        assert set(in_workers.marks) == {a.entry_id for a, _ in inline.alerts}

        # After a reload the workers match with the new watchlist.
        icc_only = compile_topics([t for t in config.topics if t.id == "icc"])
        reloaded = await pool.evaluate(feed, entries, icc_only, subscribers, "Wire")
    assert reloaded == evaluate_poll(feed, entries, icc_only, subscribers, "Wire")
    assert [a.title for a, _ in reloaded.alerts] == [ICC[1], LATER[1]] * 3


class UncopyableMatcher:
    """A matcher holding something that cannot be sent to another process."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self.hook = lambda: None

    def match(self, article: Article) -> tuple[TopicMatch, ...]:
        return self.matcher.match(article)


async def test_a_matcher_that_cannot_be_copied_matches_in_the_main_process(
        write_config) -> None:
    config = load_config(write_config(TOPICS + '[[feeds]]\nid = "wire"\nurl = "http://x/"\n'))
    feed, matcher = config.feeds[0], UncopyableMatcher(compile_topics(config.topics))
    subscribers = Subscribers([("console:alerts", "icc")], ["console"])
    async with ParsePool(1) as pool:
        alerts = await pool.evaluate(feed, many_entries(), matcher,  # type: ignore[arg-type]
                                     subscribers)
        assert pool.pids == []
    assert len(alerts.alerts) == 6


def test_items_are_cut_only_when_they_stand_back_to_back() -> None:
    rdf = (b'<rdf:RDF><channel><items><rdf:Seq><rdf:li resource="a"/></rdf:Seq></items>'
           b'</channel>\n<item rdf:about="a"><title>A</title></item>\n'
           b'<item rdf:about="b"><title>B</title></item></rdf:RDF>')
    parts = split_items(rdf)
    assert parts is not None
    assert parts.items == (b'<item rdf:about="a"><title>A</title></item>',
                           b'<item rdf:about="b"><title>B</title></item>')
    assert parts.document([1]) == parts.head + parts.items[1] + parts.tail
    assert split_items(rdf.replace(b"</item>\n<item", b"</item><!-- ad --><item")) is None
    assert split_items(b"<feed><title>empty</title></feed>") is None


def test_story_fingerprints_leave_out_what_the_feeds_other_entries_share(write_config) -> None:
    config = load_config(write_config(TOPICS + '[[feeds]]\nid = "wire"\nurl = "http://x/"\n'))
    feed, matcher = config.feeds[0], compile_topics(config.topics)
    subscribers = Subscribers([("console:alerts", "icc")], ["console"])
    footer = " Subscribe to the Daily Wire newsletter for the morning briefing every weekday."
    new = [Entry("wire", "new", ICC[1], None, None, ICC[2] + footer)]
    others = [Entry("wire", f"old-{i}", f"Story {i}", None, None, f"Weather item {i}." + footer)
              for i in range(6)]
    alone = evaluate_poll(feed, new, matcher, subscribers, "Wire")
    among = evaluate_poll(feed, new, matcher, subscribers, "Wire", neighbours=others + new)
    assert alone.alerts == among.alerts
    # With the feed's other entries known, the footer they all share is not part of the story.
    assert among.marks["new"].fingerprint.size < alone.marks["new"].fingerprint.size
    assert among.marks["new"].keys == alone.marks["new"].keys


class CountingMatcher(Matcher):
    """The real matcher, counting the articles it matches in this process (a copy in a worker
    process counts its own)."""

    calls = 0

    def match(self, article: Article) -> tuple[TopicMatch, ...]:
        self.calls += 1
        return super().match(article)


async def test_a_poll_is_parsed_and_matched_in_one_worker_call(
        http_server, write_config, store) -> None:
    server, config = await serve_wire(http_server, write_config)
    feed = config.feeds[0]
    matcher = CountingMatcher(config.topics)
    pairs = [(s.channel, t) for s in config.subscriptions for t in s.topics]
    subscribers = Subscribers(pairs, ["console"])
    async with Fetcher("t", policy=LOCAL) as fetcher, ParsePool(1, matcher) as parser:
        poller = Poller(store, fetcher, lambda: (matcher, subscribers), clock=lambda: 1000.0,
                        rng=random.Random(1), parser=parser)
        first = await poller.poll(feed)
        # One new entry, and the ICC entry edited: it is parsed and matched again, in the
        # worker, but it was seen before and does not alert again.
        server.bodies["wire"] = rss((ICC[0], ICC[1], ICC[2] + " Updated."), OTHER, LATER)
        second = await poller.poll(feed)
    assert (first.new_entries, first.alerts) == (2, 1)
    assert (second.new_entries, second.alerts) == (1, 1)
    assert matcher.calls == 0  # no matching on the event loop's process
    titles = [json.loads(p)["title"] for (p,) in store.db.execute(
        "SELECT payload FROM alerts ORDER BY id").fetchall()]
    assert titles == [ICC[1], LATER[1]]
    assert store.db.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 2


FOOTER = (" Follow the Test wire on social media and sign up for our daily newsletter, delivered"
          " to your inbox every morning with the stories that matter most to you.")
HOUSE_ITEMS = [
    (1, "ICC judges reject appeal in Duterte case",
     "Judges at the ICC rejected the former Philippine president's appeal on jurisdiction."),
    (2, "Floods in Italy", "Heavy rain forced 3,000 people from their homes in Emilia."),
    (3, "Markets fall", "Shares in Tokyo and Seoul fell after the central bank decision."),
    (4, "Cup final tonight", "Two teams meet at Wembley for the first time in a decade."),
    (5, "New bridge opens", "The city opened its longest bridge after six years of work."),
]
LATER_STORIES = [
    (6, "ICC prosecutor opens Venezuela inquiry",
     "The ICC prosecutor said his office would examine reports from Caracas."),
    (7, "ICC budget approved", "Member states agreed the court's budget for next year."),
]


@pytest.mark.parametrize("workers", [0, 1])
@pytest.mark.parametrize("first_alerts", [True, False])
async def test_a_later_poll_keeps_the_feeds_house_style_out_of_its_stories(
        http_server, write_config, store, workers: int, first_alerts: bool) -> None:
    """Later polls parse only the new items, which alone cannot show what all of the feed's
    entries share: the style found on the first poll is kept and used, so two different stories
    with the same footer are not taken for one. When the first poll raised no alert, the
    style was not needed then: the first poll that needs it reads it from the whole body."""
    server, config = await serve_wire(http_server, write_config)
    items = [(n, t, x + FOOTER) for n, t, x in [*HOUSE_ITEMS, *LATER_STORIES]]
    if not first_alerts:
        items = items[1:]  # without the ICC story: the first poll alerts nothing
    server.bodies["wire"] = rss(*items[:-2])
    async with Fetcher("t", policy=LOCAL) as fetcher, ParsePool(workers) as parser:
        poller = poller_for(config.path, store, fetcher, [1000.0], parser)
        outcomes = [await poller.poll(config.feeds[0])]
        house = store.feed_state("wire").house_style
        for count in (len(items) - 1, len(items)):
            server.bodies["wire"] = rss(*items[:count])
            outcomes.append(await poller.poll(config.feeds[0]))
    assert [(o.new_entries, o.alerts) for o in outcomes] == \
        [(len(items) - 2, int(first_alerts)), (1, 1), (1, 1)]
    assert (house is not None and "newslett" in house) == first_alerts
    assert "newslett" in (store.feed_state("wire").house_style or ())
    stories = store.db.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()
    assert stories[0] == 2 + first_alerts
