"""A feed failing for longer than ``bot.pause_after`` is paused and told once to the admin
channel; a recovered feed is told once too; /news status shows the pause and /news resume ends
it. Against a real local HTTP server, a real SQLite file and the real platform clients."""

from __future__ import annotations

import dataclasses
import random
import subprocess
import sys
from pathlib import Path

import discord
import pytest
from aiohttp import web

from adapters.console import ConsoleAdapter
from adapters.slack_adapter import SlackAdapter
from adapters.slack_blocks import notice_message
from bot.app import App
from bot.commands import Command
from bot.config import load_config
from bot.delivery.deliverer import Deliverer
from bot.errors import ConfigError
from bot.feedhealth import PausePolicy, pause_due, paused_notice, recovered_notice
from bot.storage import PollRecord, SQLiteStore, Store
from tests.conftest import REPO
from tests.slack_api_server import SlackAPIServer
from tests.test_discord_adapter import CHANNEL, CHANNEL_ID, Bot, bot  # noqa: F401
from tests.test_slack_adapter import load_config_for
from watchers.fetch import Fetcher
from watchers.netguard import NetPolicy
from watchers.poll import Poller

LOCAL = NetPolicy.allowing(["127.0.0.1"])
HOUR = 3600.0
RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
       b"<item><title>Quiet day</title><link>https://wire.example.org/1</link></item>"
       b"</channel></rss>")


class Flaky:
    """A feed server that fails with a hostile reason until told to recover."""

    def __init__(self) -> None:
        self.failing = True

    async def handle(self, request: web.Request) -> web.Response:
        if self.failing:
            return web.Response(status=503, reason="Down <!channel> @everyone")
        return web.Response(body=RSS, content_type="application/rss+xml")


def config_text(url: str, admin: str = 'admin_channel = "console:ops"') -> str:
    return f"""
        [bot]
        {admin}
        pause_after = "1h"

        [[feeds]]
        id = "wire"
        url = "{url}"
        interval = "10m"

        [topics.icc]
        people = ["Benjamin Netanyahu"]
        """


async def start_flaky(http_server) -> tuple[Flaky, str]:
    flaky = Flaky()
    app = web.Application()
    app.router.add_get("/feed", flaky.handle)
    return flaky, f"{await http_server(app)}/feed"


def notices(store: Store, channel: str = "console:ops") -> list[str]:
    return [d.alert.title for d in store.pending_for_channel(channel) if d.kind == "notice"]


async def test_a_feed_failing_past_the_limit_is_paused_told_once_and_recovers(
        http_server, write_config, tmp_path: Path) -> None:
    flaky, url = await start_flaky(http_server)
    now = [1_700_000_000.0]
    app = App(load_config(write_config(config_text(url))), SQLiteStore.open(tmp_path / "bot.db"),
              adapters={}, clock=lambda: now[0])
    store = app.store
    async with Fetcher("newsalert-test/1", policy=LOCAL) as fetcher:
        poller = Poller(store, fetcher, app.context, clock=lambda: now[0],
                        rng=random.Random(1), pauses=app.pause_policy)
        for minutes in (0, 20, 40):  # failing, but for less than an hour: retried, not paused
            now[0] = 1_700_000_000.0 + minutes * 60
            assert not (await poller.poll(app.config.feeds[0])).ok
        state = store.feed_state("wire")
        assert state.paused_at is None and state.failing_since == 1_700_000_000.0
        assert notices(store) == []

        now[0] = 1_700_000_000.0 + 61 * 60
        await poller.poll(app.config.feeds[0])
        state = store.feed_state("wire")
        assert state.paused_at == now[0]
        assert state.next_poll == now[0] + PausePolicy().retry  # tried every 6 h from now on
        assert notices(store) == ["Feed wire is paused: failing for 1 h"]
        [notice] = [d.alert for d in store.pending_for_channel("console:ops")]
        assert "HTTP 503" in notice.extraction.summary[0]
        assert any("/news resume wire" in line for line in notice.extraction.summary)
        assert "PAUSED since 0s ago" in app.status_text()

        now[0] += 7 * HOUR  # still failing: no second notice
        await poller.poll(app.config.feeds[0])
        assert len(notices(store)) == 1 and store.feed_state("wire").paused_at is not None

        flaky.failing = False
        now[0] += 7 * HOUR
        assert (await poller.poll(app.config.feeds[0])).ok
        state = store.feed_state("wire")
        assert state.paused_at is None and state.failing_since is None
        assert notices(store)[1:] == ["Feed wire has recovered"]
        store.db.execute("UPDATE feeds SET body_hash = NULL")  # a changed body, polled again
        now[0] += HOUR
        assert (await poller.poll(app.config.feeds[0])).ok
        assert len(notices(store)) == 2
    assert "PAUSED" not in app.status_text()

    # The console prints the notice with the hostile reason made inert.
    out = tmp_path / "ops.txt"
    await Deliverer(store, {"console": ConsoleAdapter(file=out)}).drain(timeout=10)
    printed = out.read_text(encoding="utf-8")
    assert "Feed wire is paused" in printed and "Feed wire has recovered" in printed
    assert "<!channel>" not in printed and "@everyone" not in printed
    store.close()


async def test_without_an_admin_channel_the_feed_is_paused_quietly(
        http_server, write_config, tmp_path: Path) -> None:
    _flaky, url = await start_flaky(http_server)
    app = App(load_config(write_config(config_text(url, admin=""))),
              SQLiteStore.open(tmp_path / "bot.db"), adapters={})
    async with Fetcher("newsalert-test/1", policy=LOCAL) as fetcher:
        poller = Poller(app.store, fetcher, app.context, clock=lambda: 2 * HOUR,
                        pauses=app.pause_policy)
        app.store.db.execute("INSERT INTO feeds (feed_id, consecutive_errors, failing_since) "
                             "VALUES ('wire', 3, 0)")
        await poller.poll(app.config.feeds[0])
    assert app.store.feed_state("wire").paused_at == 2 * HOUR
    assert app.store.channel_stats() == {}
    app.store.close()


async def test_resume_is_for_admins_and_polls_the_feed_now(write_config, tmp_path) -> None:
    app = App(load_config(write_config(config_text("https://wire.example.org/feed"))),
              SQLiteStore.open(tmp_path / "bot.db"), adapters={})
    app.store.db.execute("INSERT INTO feeds (feed_id, consecutive_errors, failing_since, "
                         "paused_at, next_poll) VALUES ('wire', 9, 0, 100, 9e12)")
    member = await app.commands.handle(Command("slack", "slack:C1", "U1", "resume", "wire"))
    assert "Only admins" in member.text
    admin = dataclasses.replace(Command("slack", "slack:C1", "U1", "resume"), is_admin=True)
    listed = await app.commands.handle(admin)
    assert listed.text == "Paused feeds: wire" and listed.choices == ("wire",)
    assert "no feed 'nope'" in (await app.commands.handle(
        dataclasses.replace(admin, args="nope"))).text
    done = await app.commands.handle(dataclasses.replace(admin, args="wire"))
    assert done.text.startswith("Resumed 'wire'") and "1h more" in done.text
    state = app.store.feed_state("wire")
    assert state.paused_at is None and state.next_poll < 9e12 and state.failing_since > 0
    again = await app.commands.handle(dataclasses.replace(admin, args="wire"))
    assert again.text == "Feed 'wire' is not paused."
    app.store.close()


def test_pause_is_due_only_after_the_limit_and_once() -> None:
    policy = PausePolicy(after=HOUR)
    assert not pause_due(None, False, 10 * HOUR, policy)
    assert not pause_due(0.0, False, HOUR - 1, policy)
    assert pause_due(0.0, False, HOUR, policy)
    assert not pause_due(0.0, True, 10 * HOUR, policy)


def test_admin_channel_is_checked(write_config) -> None:
    with pytest.raises(ConfigError, match=r"bot.admin_channel: unknown platform 'irc'"):
        load_config(write_config('[bot]\nadmin_channel = "irc:ops"\n'))
    with pytest.raises(ConfigError, match=r"bot.pause_after: expected a duration"):
        load_config(write_config('[bot]\npause_after = "soon"\n'))


def _paused_store(tmp_path: Path, channel: str) -> Store:
    store = SQLiteStore.open(tmp_path / "notice.db")
    notice = paused_notice("wire", "https://wire.example.org/feed", "HTTP 503 <!channel>",
                           0.0, 2 * HOUR, PausePolicy())
    store.save_polls([PollRecord("wire", 2 * HOUR, 3 * HOUR, error="HTTP 503", pause=True,
                                 notices=[(notice, channel)])], 2 * HOUR)
    return store


async def test_the_notice_is_posted_natively_on_slack(tmp_path: Path) -> None:
    api = SlackAPIServer()
    await api.start()
    slack = SlackAdapter(load_config_for(api), timeout=2)
    store = _paused_store(tmp_path, "slack:COPS")
    try:
        await Deliverer(store, {"slack": slack}).drain(timeout=10)
        [post] = api.posts("COPS")
        assert post["blocks"][0]["text"]["text"] == \
            ":warning: *Feed wire is paused: failing for 2 h*"
        assert "HTTP 503 &lt;" in post["blocks"][1]["text"]["text"]
        assert "<!channel>" not in str(post)
        assert post["metadata"]["event_type"] == "newsalert_notice"
    finally:
        await slack.stop()
        await api.stop()
        store.close()
    # A local feed's notice has no link to give.
    local = notice_message(recovered_notice("wire", "/srv/feeds/wire.xml", 0.0, HOUR))
    assert local["text"].startswith("Feed wire has recovered") and "Feed: " not in str(local)


async def test_the_notice_is_posted_natively_on_discord(bot: Bot, tmp_path: Path) -> None:  # noqa: F811
    store = _paused_store(tmp_path, CHANNEL)
    await Deliverer(store, bot.app.adapters).drain(timeout=10)
    [message] = bot.server.messages[CHANNEL_ID]
    embed = discord.Embed.from_dict(message["embeds"][0])
    assert embed.title == "Feed wire is paused: failing for 2 h"
    assert "HTTP 503" in embed.description and "<!channel>" not in embed.description
    assert embed.url == "https://wire.example.org/feed"
    store.close()


def test_check_config_names_an_admin_channel_that_gets_nothing(write_config) -> None:
    config = write_config('[bot]\nadmin_channel = "slack:COPS"\npause_after = "2d"\n'
                          '[[feeds]]\nid = "wire"\nurl = "https://wire.example.org/rss"\n')
    result = subprocess.run([sys.executable, "-m", "bot.cli", "check-config", "--config",
                             str(config)], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 1
    assert "failing feeds: paused after 2d, notices to slack:COPS" in result.stdout
    assert "bot.admin_channel slack:COPS: adapters.slack is not enabled, so notices about " \
           "failing feeds go nowhere" in result.stderr
