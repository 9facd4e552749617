"""Several workers on one PostgreSQL database, each with its own store (as separate processes
have): feeds and posts are claimed by one worker at a time, stories are grouped across them,
digests go out once. The whole bot in several processes: tests/test_workers.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.config import ChannelRule
from bot.storage import PollRecord, StoryPolicy
from bot.storage.postgresql import PostgresStore
from bot.stories.dedup import event_terms, fingerprint
from bot.stories.grouping import StoryMark
from tests.conftest import fresh_schema
from tests.test_store import alert, entry

TEXT = ("Judges at the International Criminal Court issued arrest warrants on Thursday for the "
        "former defence minister and two commanders, citing the siege of the city last winter "
        "and the deaths of hundreds of civilians in the shelling of its hospitals.")


def text_mark(text: str, keys: tuple[str, ...] = ()) -> StoryMark:
    """The story mark of an article of ``text``: its fingerprint and its event terms."""
    return StoryMark(keys, fingerprint(text, "raw"), event_terms("", text, "raw"))


@pytest.fixture
def workers(postgres_url: str) -> Iterator[tuple[PostgresStore, PostgresStore]]:
    first = PostgresStore.open(postgres_url, lease=60.0)
    second = PostgresStore.open(postgres_url, lease=60.0)
    second.worker = "other-host:1"
    yield first, second
    first.close()
    second.close()


def test_each_due_feed_is_claimed_by_one_worker(workers) -> None:
    a, b = workers
    feeds = [f"f{i}" for i in range(10)]
    mine = a.claim_feeds(feeds, 100.0, limit=6)
    theirs = b.claim_feeds(feeds, 100.0, limit=6)
    assert len(mine) == 6 and len(theirs) == 4 and not set(mine) & set(theirs)
    assert a.claim_feeds(feeds, 101.0, limit=10) == []  # all held


def test_a_saved_poll_ends_the_claim_and_a_dead_workers_claim_lapses(workers) -> None:
    a, b = workers
    assert a.claim_feeds(["f1", "f2"], 100.0, limit=10) == ["f1", "f2"]
    a.save_polls([PollRecord("f1", 100.0, next_poll=110.0)], 101.0)
    # f1 is not due until 110; f2 is still a's (say a died) until its lease lapses at 160.
    assert b.claim_feeds(["f1", "f2"], 105.0, limit=10) == []
    assert b.claim_feeds(["f1", "f2"], 111.0, limit=10) == ["f1"]
    assert b.claim_feeds(["f1", "f2"], 161.0, limit=10) == ["f2"]


def test_a_slow_feed_is_claimed_first(workers) -> None:
    a, _ = workers
    a.save_polls([PollRecord("quick", 0.0, 10.0, took=0.1),
                  PollRecord("slow", 0.0, 10.0, took=3.0)], 0.0)
    assert a.claim_feeds(["new", "quick", "slow"], 20.0, limit=2)[0] == "slow"


def test_a_post_is_claimed_by_one_worker_and_taken_over_after_the_lease(workers) -> None:
    a, b = workers
    a.commit_entries("wire", [entry(1)], [(alert(1), ["console:a"])], now=0.0)
    mine = a.due_deliveries(0.0, ["console"])
    assert len(mine) == 1
    assert b.due_deliveries(0.0, ["console"]) == []
    a.mark_sending(mine[0].id, 1.0)  # a dies while posting
    assert b.due_deliveries(30.0, ["console"]) == []
    taken, = b.due_deliveries(62.0, ["console"])
    assert taken.id == mine[0].id and taken.status == "sending"  # b asks the platform first


def test_a_worker_whose_claim_lapsed_leaves_the_post_to_the_one_that_took_it(workers) -> None:
    a, b = workers
    a.commit_entries("wire", [entry(1)], [(alert(1), ["console:a"]), (alert(2), ["console:b"])],
                     now=0.0)
    mine = a.due_deliveries(0.0, ["console"])
    # a's database is out of reach past its lease; b takes both posts over and makes one.
    sent, waiting = b.due_deliveries(61.0, ["console"])
    assert b.mark_sending(sent.id, 61.0)
    b.mark_sent(sent.id, "ts-1", 62.0)
    # a is back: neither post is its own any more, whether made or only claimed.
    assert [a.mark_sending(d.id, 70.0) for d in mine] == [False, False]
    assert b.mark_sending(waiting.id, 71.0)


def test_the_same_story_seen_by_two_workers_makes_one_alert_and_a_followup(workers) -> None:
    a, b = workers
    mark = text_mark(TEXT)
    b.commit_entries("other", [entry(9, "other")], [(alert(9), ["console:b"])], 0.0,
                     marks={"id-9": text_mark(
                         "Unrelated harbour news: ferries stayed in port through the storm "
                         "while fishing boats were kept moored by the coast guard.")})
    # b's index of recent stories is now in memory; a's article comes after it.
    first = alert(1)
    a.commit_entries("wire", [entry(1)], [(first, ["console:a"])], 1.0,
                     marks={first.entry_id: mark})
    second = alert(2)
    b.commit_entries("other", [entry(2, "other")], [(second, ["console:a"])], 2.0,
                     marks={second.entry_id: mark})
    assert [d.kind for d in b.pending_for_channel("console:a")] == ["alert", "followup"]


def test_a_digest_is_released_once(workers) -> None:
    a, b = workers
    policy = StoryPolicy(rules={"console:a": ChannelRule(mode="digest")})
    a.commit_entries("wire", [entry(1)], [(alert(1), ["console:a"])], 0.0, policy=policy)
    assert a.release_digests(["console:a"], 10.0) == 1
    assert b.release_digests(["console:a"], 10.0) == 0


def test_one_worker_at_a_time_takes_a_platforms_commands(workers) -> None:
    a, b = workers
    assert a.hold_commands("slack") is True
    assert a.hold_commands("slack") is True  # asked again: still held
    assert b.hold_commands("slack") is False
    assert b.hold_commands("discord") is True  # each platform on its own
    for conn in a._command_conns.values():
        conn.close()  # a's lock connection ends (a died, or the network dropped it)
    assert b.hold_commands("slack") is True
    assert a.hold_commands("slack") is False


def test_bots_in_other_schemas_of_one_database_take_their_own_commands(workers) -> None:
    a, _ = workers
    assert a.hold_commands("slack") is True
    with fresh_schema() as url:
        other = PostgresStore.open(url, lease=60.0)
        try:
            assert other.hold_commands("slack") is True
        finally:
            other.close()


async def test_a_worker_that_only_posts_takes_the_commands_over_when_the_holder_stops(
        write_config, postgres_url: str, monkeypatch) -> None:
    """Two whole apps on one database with the local Slack API server: the first takes the
    commands (its HTTP endpoint listens), the second only posts; once the first stops, the
    second takes them over."""
    import asyncio

    from bot import app as app_module
    from bot.app import App
    from bot.config import load_config
    from tests.slack_api_server import BOT_TOKEN, SlackAPIServer

    monkeypatch.setattr(app_module, "COMMANDS_RECHECK", 0.2)
    api = SlackAPIServer()
    await api.start()
    config = load_config(write_config(f"""
[bot]
database = "{postgres_url}"
[adapters.console]
enabled = false
[adapters.slack]
enabled = true
bot_token = "{BOT_TOKEN}"
signing_secret = "secret"
host = "127.0.0.1"
port = 0
api_url = "{api.api_url}"
"""))
    apps = [App(config, PostgresStore.open(postgres_url)) for _ in range(2)]
    stops = [asyncio.Event(), asyncio.Event()]
    first = asyncio.ensure_future(apps[0].run(stop=stops[0]))
    try:
        async with asyncio.timeout(20):
            while apps[0].adapters["slack"].port is None:
                await asyncio.sleep(0.05)
            second = asyncio.ensure_future(apps[1].run(stop=stops[1]))
            await asyncio.sleep(1.0)
            assert apps[1].adapters["slack"].port is None  # posting only
            stops[0].set()
            await first
            apps[0].store.close()  # as `newsalert run` does when it ends
            while apps[1].adapters["slack"].port is None:  # took the commands over
                await asyncio.sleep(0.05)
            stops[1].set()
            await second
    finally:
        for stop in stops:
            stop.set()
        for app in apps:
            app.store.close()
        await api.stop()
