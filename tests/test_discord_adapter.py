"""The Discord adapter with the real discord.py client against a local Discord server.

The client logs in, syncs ``/news``, connects to the gateway, answers interactions and posts
through REST exactly as it would with Discord; only the far end of the sockets is local.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sys
from collections.abc import AsyncIterator

import discord
import pytest

from adapters.base import SendResult
from adapters.discord_adapter import DiscordAdapter, DiscordStartError, message_nonce
from adapters.discord_embeds import LIMITS
from bot.app import App
from bot.config import load_config
from bot.delivery.deliverer import Deliverer
from bot.errors import ConfigError
from bot.models import Extraction, Quote
from bot.storage import Delivery, SQLiteStore
from tests.conftest import REPO
from tests.discord_api_server import (
    BOT_ID,
    CHANNEL_ID,
    GUILD_ID,
    MANAGE_CHANNELS,
    DiscordAPIServer,
)
from tests.test_store import alert, entry

ADMIN_ID = 1100000000000000077
CHANNEL = f"discord:{CHANNEL_ID}"
CONFIG = """
[adapters.console]
enabled = false

[adapters.discord]
enabled = true
token = "${{DISCORD_TOKEN}}"
guilds = [{guild}]
admins = ["{admin}"]
api_url = "{api}"

[[feeds]]
id = "wire"
path = "{feed}"
interval = "1m"

[topics.icc]
title = "ICC warrants"
events = ["arrest warrant"]
people = ["Benjamin Netanyahu"]

[topics.markets]
title = "Markets"
organizations = ["Bank of England"]
"""


@dataclasses.dataclass
class Bot:
    server: DiscordAPIServer
    app: App
    adapter: DiscordAdapter

    @property
    def store(self) -> SQLiteStore:
        return self.app.store

    def queue(self, *numbers: int) -> list[Delivery]:
        self.store.commit_entries("wire", [entry(n) for n in numbers],
                                  [(alert(n), [CHANNEL]) for n in numbers], now=0.0)
        return self.store.pending_for_channel(CHANNEL)

    def posts_to_channel(self) -> int:
        return self.server.requests.count(("POST", f"messages:{CHANNEL_ID}"))


@pytest.fixture
async def bot(http_server, write_config, tmp_path) -> AsyncIterator[Bot]:
    server = DiscordAPIServer()
    api = await server.start(http_server)
    path = write_config(CONFIG.format(guild=GUILD_ID, admin=ADMIN_ID, api=api, feed="wire.xml"))
    config = load_config(path, environ={"DISCORD_TOKEN": "test-token"})
    app = App(config, SQLiteStore.open(tmp_path / "bot.db"))  # builds the adapter from the config
    adapter = app.adapters["discord"]
    assert isinstance(adapter, DiscordAdapter)
    await adapter.start(app.commands)
    yield Bot(server, app, adapter)
    await adapter.stop()
    app.store.close()


async def test_start_syncs_news_to_the_guild_with_minimal_intents(bot: Bot) -> None:
    assert ("GET", "/gateway/bot") in bot.server.requests
    news, = bot.server.synced[str(GUILD_ID)]
    assert news["name"] == "news" and "global" not in bot.server.synced
    names = {o["name"] for o in news["options"]}
    assert names == {"topics", "subscribe", "unsubscribe", "list", "preview", "status",
                     "reload", "resume", "help", "recent", "search"}
    subscribe = next(o for o in news["options"] if o["name"] == "subscribe")
    assert subscribe["options"][0]["autocomplete"] is True
    assert bot.server.identify["intents"] == discord.Intents(guilds=True).value == 1
    assert bot.adapter.client.user.id == BOT_ID


async def test_topics_reply_is_ephemeral_and_pings_nobody(bot: Bot) -> None:
    callback = await bot.server.interact("topics")
    assert callback["type"] == 4  # CHANNEL_MESSAGE_WITH_SOURCE
    data = callback["data"]
    assert "icc: ICC warrants" in data["content"] and "Benjamin Netanyahu" in data["content"]
    assert data["flags"] & 64  # ephemeral
    assert data["allowed_mentions"] == {"parse": []}


async def test_subscribe_needs_manage_channels_and_is_stored(bot: Bot, tmp_path) -> None:
    refused = await bot.server.interact("subscribe", {"topic": "icc"})
    assert refused["data"]["content"] == ("/news subscribe needs the Manage Channels "
                                          "permission in this channel.")
    assert refused["data"]["flags"] & 64
    assert bot.store.subscriptions() == []

    done = await bot.server.interact("subscribe", {"topic": "icc"}, permissions=MANAGE_CHANNELS)
    assert "Subscribed this channel to 'icc'" in done["data"]["content"]
    assert not done["data"].get("flags", 0) & 64  # the channel sees who subscribed it
    reopened = SQLiteStore.open(tmp_path / "bot.db")
    assert reopened.subscriptions() == [(CHANNEL, "icc")]
    reopened.close()

    listed = await bot.server.interact("list")
    assert listed["data"]["content"] == "This channel gets alerts for: icc"


async def test_configured_admin_may_subscribe_without_the_permission(bot: Bot) -> None:
    done = await bot.server.interact("subscribe", {"topic": "markets"}, user_id=ADMIN_ID)
    assert "Subscribed" in done["data"]["content"]
    assert bot.store.subscriptions() == [(CHANNEL, "markets")]


async def test_status_reload_and_help_reach_the_shared_handler(bot: Bot, monkeypatch) -> None:
    status = await bot.server.interact("status")
    assert status["data"]["content"].startswith("1 feeds, 2 topics;")
    refused = await bot.server.interact("reload")
    assert "Manage Channels" in refused["data"]["content"]
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    failed = await bot.server.interact("reload", permissions=MANAGE_CHANNELS)
    assert failed["data"]["content"].startswith("Reload failed, the old config stays in force")
    assert "DISCORD_TOKEN is not set" in failed["data"]["content"]
    monkeypatch.setenv("DISCORD_TOKEN", "test-token")
    reloaded = await bot.server.interact("reload", permissions=MANAGE_CHANNELS)
    assert reloaded["data"]["content"].startswith("Reloaded: 1 feed, 2 topics")
    help_ = await bot.server.interact("help")
    assert "preview" in help_["data"]["content"]


async def test_topic_autocomplete(bot: Bot) -> None:
    callback = await bot.server.interact("subscribe", {"topic": "mark"}, autocomplete="topic")
    assert callback["type"] == 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    assert callback["data"]["choices"] == [{"name": "markets: Markets", "value": "markets"}]
    bot.store.subscribe(CHANNEL, "icc", "U1", 0.0)
    own = await bot.server.interact("unsubscribe", {"topic": ""}, autocomplete="topic")
    assert [c["value"] for c in own["data"]["choices"]] == ["icc"]


async def test_preview_is_deferred_then_shows_the_embed(bot: Bot) -> None:
    reply = await bot.server.interact(
        "preview", {"url_or_text": "Court issues arrest warrant for Benjamin Netanyahu"})
    assert reply["type"] == "followup"
    data = reply["data"]
    assert data["content"] == "This is the alert it would post:" and data["flags"] & 64
    embed, = data["embeds"]
    people = next(f for f in embed["fields"] if f["name"] == "People")
    assert people["value"].startswith("Benjamin Netanyahu")


async def test_alert_is_posted_as_an_embed_within_limits(bot: Bot) -> None:
    d, = bot.queue(1)
    text = "@everyone " + "long words " * 800
    extraction = Extraction(summary=(text, text),
                            quotes=tuple(Quote(text, f"S{i}") for i in range(10)))
    big = dataclasses.replace(d, alert=dataclasses.replace(d.alert, title=text,
                                                           extraction=extraction))
    result = await bot.adapter.send(big)
    assert result.status == "sent"
    body, = bot.server.posts
    assert body["allowed_mentions"] == {"parse": []}
    assert body["nonce"] == message_nonce(d.key) and body["enforce_nonce"] is True
    assert len(body["nonce"]) <= 25
    embed = discord.Embed.from_dict(body["embeds"][0])
    assert len(embed) <= LIMITS["total"] and len(embed.title) <= LIMITS["title"]
    assert all(len(f.value) <= LIMITS["field_value"] for f in embed.fields)
    assert embed.footer.text.endswith(d.key)
    assert result.ref == bot.server.messages[CHANNEL_ID][0]["id"]


async def test_outbox_delivers_through_discord(bot: Bot) -> None:
    bot.queue(1, 2)
    await Deliverer(bot.store, bot.app.adapters).drain(timeout=10)
    titles = [m["embeds"][0]["title"] for m in bot.server.messages[CHANNEL_ID]]
    assert titles == ["Title 1 (example.org)", "Title 2 (example.org)"]
    assert bot.store.channel_stats()[CHANNEL] == {"pending": 0, "sent": 2, "failed": 0}


async def test_rate_limit_is_waited_out_and_posted_once(bot: Bot) -> None:
    d, = bot.queue(1)
    bot.server.fail_next(CHANNEL_ID, 429, {"message": "You are being rate limited.",
                                           "retry_after": 0.3, "global": False})
    assert (await bot.adapter.send(d)).status == "sent"
    assert bot.posts_to_channel() == 2 and len(bot.server.messages[CHANNEL_ID]) == 1


async def test_long_rate_limit_goes_back_to_the_outbox(bot: Bot) -> None:
    d, = bot.queue(1)
    bot.server.fail_next(CHANNEL_ID, 429, {"message": "You are being rate limited.",
                                           "retry_after": 120.0, "global": False})
    assert await bot.adapter.send(d) == SendResult.retry("rate limited", retry_after=120.0)
    assert CHANNEL_ID not in bot.server.messages


async def test_server_errors_are_retried(bot: Bot) -> None:
    d, = bot.queue(1)
    bot.server.fail_next(CHANNEL_ID, 500, {"message": "500: Internal Server Error", "code": 0})
    assert (await bot.adapter.send(d)).status == "sent"  # discord.py retries a 500 itself
    bot.server.fail_next(CHANNEL_ID, 503, {"message": "503: Service Unavailable", "code": 0})
    result = await bot.adapter.send(d)
    assert result.status == "retry" and "503" in result.error


async def test_rejected_token_keeps_the_alert_for_later(bot: Bot) -> None:
    d, = bot.queue(1)
    bot.server.fail_next(CHANNEL_ID, 401, {"message": "401: Unauthorized", "code": 0})
    result = await bot.adapter.send(d)
    assert result.status == "retry" and "token" in result.error


async def test_dropped_connection_is_retried(bot: Bot) -> None:
    d, = bot.queue(1)
    bot.server.fail_next(CHANNEL_ID, 0)
    result = await bot.adapter.send(d)
    assert result.status == "retry" and result.error.startswith("network: ")
    assert (await bot.adapter.send(d)).status == "sent"
    assert len(bot.server.messages[CHANNEL_ID]) == 1


@pytest.mark.parametrize(("status", "code", "reason"), [
    (403, 50001, "Missing Access"),
    (404, 10003, "Unknown Channel"),
    (403, 50013, "Missing Permissions"),
])
async def test_permanent_errors_fail_the_delivery(bot: Bot, caplog, status: int, code: int,
                                                  reason: str) -> None:
    bot.queue(1, 2)
    bot.server.fail_next(CHANNEL_ID, status, {"message": reason, "code": code})
    await Deliverer(bot.store, bot.app.adapters).drain(timeout=10)
    assert bot.store.channel_stats()[CHANNEL] == {"pending": 0, "sent": 1, "failed": 1}
    assert bot.posts_to_channel() == 2  # failed once, not retried; the next alert went out
    assert any(reason in r.getMessage() and str(CHANNEL_ID) in r.getMessage()
               for r in caplog.records)


async def test_repeated_post_is_deduplicated_by_the_nonce(bot: Bot) -> None:
    d, = bot.queue(1)
    first, second = await bot.adapter.send(d), await bot.adapter.send(d)
    assert first == second and len(bot.server.messages[CHANNEL_ID]) == 1


async def test_no_double_post_after_a_crash(bot: Bot) -> None:
    posted, unposted = bot.queue(1, 2)
    bot.store.mark_sending(posted.id, 1.0)
    ref = await bot.adapter.send(posted)  # the post went out, then the process died
    # A later message by someone else that quotes the key must not count as the bot's post.
    bot.server.add_message(CHANNEL_ID, 1100000000000000055, [{"footer": {"text": posted.key}}])
    bot.store.mark_sending(unposted.id, 1.0)  # died before this one's post was made

    await bot.adapter.stop()
    restarted = DiscordAdapter(bot.app.config.discord)
    await restarted.start(bot.app.commands)
    try:
        await Deliverer(bot.store, {"discord": restarted}).drain(timeout=10)
    finally:
        await restarted.stop()
    bodies = [p["embeds"][0]["title"] for p in bot.server.posts]
    assert bodies == ["Title 1 (example.org)", "Title 2 (example.org)"]  # each posted once
    assert ("GET", f"messages:{CHANNEL_ID}") in bot.server.requests
    assert bot.store.channel_stats()[CHANNEL]["sent"] == 2
    refs = dict(bot.store.db.execute("SELECT id, message_ref FROM deliveries").fetchall())
    assert refs[posted.id] == ref.ref  # found the bot's own message, not the look-alike


async def test_followup_replies_to_the_first_post(bot: Bot) -> None:
    first, followup = bot.queue(1, 2)
    ref = (await bot.adapter.send(first)).ref
    bot.store.db["deliveries"].update(followup.id, {"kind": "followup", "thread_ref": ref})
    followup, = bot.store.pending_for_channel(CHANNEL)[1:]
    assert (await bot.adapter.send(followup)).status == "sent"
    reply = bot.server.posts[-1]
    assert str(reply["message_reference"]["message_id"]) == ref
    assert reply["message_reference"]["fail_if_not_exists"] is False
    assert reply["embeds"][0]["author"]["name"] == "Also reported by Wire"
    assert reply["allowed_mentions"] == {"parse": []}


async def test_digest_is_one_message(bot: Bot) -> None:
    d, = bot.queue(1)
    digest = dataclasses.replace(d, kind="digest", alerts=(alert(1), alert(2), alert(3)))
    assert (await bot.adapter.send(digest)).status == "sent"
    embed, = bot.server.posts[-1]["embeds"]
    assert embed["title"] == "3 new alerts" and embed["description"].count("\n") == 2


async def test_unknown_kind_and_bad_channel_fail_loudly(bot: Bot) -> None:
    d, = bot.queue(1)
    odd = await bot.adapter.send(dataclasses.replace(d, kind="poll"))
    assert odd.status == "failed" and "'poll'" in odd.error
    bad = await bot.adapter.send(dataclasses.replace(d, channel="discord:general"))
    assert bad.status == "failed" and "is a number" in bad.error
    assert bot.posts_to_channel() == 0


async def test_guild_that_refuses_sync_is_logged_and_skipped(bot: Bot, caplog) -> None:
    bot.server.refuse_sync.add(str(GUILD_ID))
    settings = dataclasses.replace(bot.app.config.discord, guilds=(GUILD_ID, 77))
    adapter = DiscordAdapter(settings)
    await adapter.start(bot.app.commands)
    await adapter.stop()
    assert "77" in bot.server.synced  # the other guild still got /news
    assert any("applications.commands" in r.getMessage() and str(GUILD_ID) in r.getMessage()
               for r in caplog.records)


async def test_wrong_token_is_a_clear_error(bot: Bot) -> None:
    settings = dataclasses.replace(bot.app.config.discord, token="wrong")
    adapter = DiscordAdapter(settings)
    with pytest.raises(DiscordStartError, match=r"rejected the bot token .*DISCORD_TOKEN"):
        await adapter.start(bot.app.commands)
    assert adapter.client is None  # cleaned up: no session left open


async def test_unreachable_api_is_a_clear_error(bot: Bot, unused_tcp_port: int) -> None:
    settings = dataclasses.replace(bot.app.config.discord,
                                   api_url=f"http://127.0.0.1:{unused_tcp_port}/api/v10")
    with pytest.raises(DiscordStartError, match=r"cannot connect to Discord at http://127"):
        await DiscordAdapter(settings).start(bot.app.commands)


async def test_whole_bot_process_posts_feed_alerts_to_discord(http_server, write_config) -> None:
    """``newsalert run --once`` in its own process, configured for the local server."""
    server = DiscordAPIServer()
    api = await server.start(http_server)
    feed = REPO / "examples" / "feeds" / "world.xml"
    path = write_config(CONFIG.format(guild="", admin=ADMIN_ID, api=api, feed=feed) +
                        f'[[subscriptions]]\nchannel = "{CHANNEL}"\ntopics = ["icc"]\n')
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", "--once", "--config", str(path),
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO), "DISCORD_TOKEN": "test-token"},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, err.decode()
    assert "global" in server.synced and server.identify is not None
    embeds = [m["embeds"][0] for m in server.messages[CHANNEL_ID]]
    assert any("Netanyahu" in e["title"] for e in embeds)
    assert all(e["footer"]["text"].startswith("icc · newsalert-") for e in embeds)
    for body in server.posts:
        assert body["allowed_mentions"] == {"parse": []}
        assert len(discord.Embed.from_dict(body["embeds"][0])) <= LIMITS["total"]
    assert b"test-token" not in out + err
    assert b"voice will NOT be supported" not in err  # the bot does no voice; no noise


def test_readme_invite_permissions_are_the_ones_the_bot_needs() -> None:
    needed = discord.Permissions(view_channel=True, send_messages=True, embed_links=True,
                                 read_message_history=True, send_messages_in_threads=True)
    readme = (REPO / "docs" / "discord.md").read_text(encoding="utf-8")
    section = readme[readme.index("# Discord setup"):]
    assert f"permissions={needed.value}" in section
    assert f"permission integer {needed.value}" in section


def test_api_url_must_be_http(write_config) -> None:
    path = write_config('[adapters.discord]\napi_url = "ftp://127.0.0.1/api"\n')
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert "adapters.discord.api_url: expected an http(s) URL, got 'ftp://127.0.0.1/api'" in str(
        error.value)
