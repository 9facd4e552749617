"""``/news recent``, ``/news search`` and the backfill of ``/news subscribe`` through the real
Slack (slack_sdk and Bolt, signed slash commands) and Discord (discord.py, interactions)
clients against the local platform servers."""

from __future__ import annotations

import time

from tests import test_discord_adapter, test_slack_adapter
from tests.discord_api_server import MANAGE_CHANNELS
from tests.test_archive import TEXT, article, keep, text_mark
from tests.test_discord_adapter import CHANNEL as DISCORD_CHANNEL
from tests.test_discord_adapter import Bot
from tests.test_slack_adapter import post_command, reply, signed, slash

# The platforms' fixtures: a whole app on the local Slack server, and one on the Discord one.
make_app = test_slack_adapter.make_app
server = test_slack_adapter.server
bot = test_discord_adapter.bot


def _archive(store, channel: str) -> None:
    """A day of alerts of 'icc' kept for ``channel`` and posted there: the outbox holds only
    what a test queues itself."""
    now = time.time()
    keep(store, [article(1, "Warrants issued for the minister", TEXT)], now - 3 * 3600,
         channel=channel, marks={"id-1": text_mark(TEXT)})
    keep(store, [article(2, "Warrants: the reactions", TEXT)], now - 2 * 3600, channel=channel,
         marks={"id-2": text_mark(TEXT)})
    keep(store, [article(n, f"Hearing {n} on the warrants", "The chamber heard a witness.")
                 for n in range(3, 10)], now - 3600, channel=channel)
    for delivery in store.pending_for_channel(channel):
        store.mark_sent(delivery.id, f"posted-{delivery.id}", now)


async def test_slack_search_is_paged_and_seen_by_the_caller_only(make_app, server) -> None:
    app = await make_app()
    _archive(app.store, "slack:C9")
    for n, text in enumerate(["search warrants", "search warrants page 2",
                              'search "NEAR(warrants" OR'], start=1):
        body = slash(server, text, reply_to=str(n))
        assert (await post_command(app, body, signed(body)))[0] == 200
        await reply(server, n)
    first, second, odd = server.responses
    assert first["response_type"] == second["response_type"] == "ephemeral"
    assert first["text"].startswith("warrants: 9 results, 1-5 shown (page 1 of 2):")
    assert first["text"].endswith("More: search warrants page 2")
    assert second["text"].startswith("warrants: 9 results, 6-9 shown (page 2 of 2):")
    shown = [line for r in (first, second) for line in r["text"].splitlines()
             if line.startswith("• ")]
    assert len(shown) == len(set(shown)) == 9
    assert odd["text"] == ('Nothing stored matches "near warrants" (or: too common to search '
                           'for, left out).')


async def test_slack_recent_collapses_a_threaded_story(make_app, server) -> None:
    app = await make_app()
    _archive(app.store, "slack:C9")
    body = slash(server, "recent icc 9")
    await post_command(app, body, signed(body))
    answer = await reply(server)
    lines = answer["text"].splitlines()
    assert answer["response_type"] == "ephemeral"
    assert lines[0] == "The last 8 stories of 'icc':"
    story = [line for line in lines if "Warrants" in line]
    assert len(story) == 1 and "Warrants: the reactions" in story[0]
    assert story[0].endswith("(+1 more in this story)")


async def test_slack_subscribe_posts_the_last_day_as_one_message_once(make_app, server) -> None:
    app = await make_app()
    _archive(app.store, "slack:C9")
    for n in (1, 2):
        body = slash(server, "subscribe icc", user="UADMIN", reply_to=str(n))
        await post_command(app, body, signed(body))
        await reply(server, n)
    assert server.responses[0]["response_type"] == "in_channel"
    assert "The 9 alerts of the last 1d follow as one digest." in server.responses[0]["text"]
    assert server.responses[1]["text"] == "This channel is already subscribed to 'icc'."
    await app.deliverer.drain(5.0)
    posts = [c for c in server.calls("chat.postMessage") if c.args["channel"] == "C1"]
    assert len(posts) == 1
    assert "Warrants issued for the minister" in str(posts[0].args)
    await app.deliverer.drain(1.0)
    assert len([c for c in server.calls("chat.postMessage") if c.args["channel"] == "C1"]) == 1


async def test_discord_recent_and_search_take_numbers_and_answer_ephemerally(bot: Bot) -> None:
    _archive(bot.store, "discord:1")
    recent = await bot.server.interact("recent", {"topic": "icc", "stories": 2})
    assert recent["data"]["flags"] & 64
    assert recent["data"]["content"].splitlines()[0] == "The last 2 stories of 'icc':"
    found = await bot.server.interact("search", {"words": "chamber witness", "page": 2})
    assert found["data"]["flags"] & 64
    assert found["data"]["content"].startswith("chamber witness: 7 results, 6-7 shown (page 2 "
                                               "of 2):")
    assert found["data"]["allowed_mentions"] == {"parse": []}
    empty = await bot.server.interact("search", {"words": '"*'})
    assert empty["data"]["content"].startswith("Search for what?")


async def test_discord_subscribe_posts_one_digest(bot: Bot) -> None:
    _archive(bot.store, "discord:1")
    done = await bot.server.interact("subscribe", {"topic": "icc"}, permissions=MANAGE_CHANNELS)
    assert "The 9 alerts of the last 1d follow as one digest." in done["data"]["content"]
    await bot.app.deliverer.drain(5.0)
    assert bot.posts_to_channel() == 1
    assert bot.store.pending_for_channel(DISCORD_CHANNEL) == []
