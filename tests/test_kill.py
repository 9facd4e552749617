"""Kill the running bot with SIGKILL in the middle of a poll and of its deliveries, restart it:
no alert is lost and none is written twice. A real subprocess, a real local feed server, the
console adapter writing to a file, and the bot's own SQLite file."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import discord
import pytest
from aiohttp import web

from adapters.console import ConsoleAdapter
from adapters.discord_embeds import embed_marker
from bot.delivery.deliverer import Deliverer
from bot.storage import SQLiteStore
from tests.conftest import REPO
from tests.discord_api_server import CHANNEL_ID, DiscordAPIServer
from tests.slack_api_server import BOT_TOKEN as SLACK_TOKEN
from tests.slack_api_server import SlackAPIServer
from tests.test_delivery import queue

CHANNELS = ("console:desk", "console:legal")


class FeedServer:
    """Serves one RSS feed; can hold a request open to catch the bot mid-poll."""

    def __init__(self) -> None:
        self.items = 0
        self.requests = 0
        self.hold = threading.Event()
        self.arrived = threading.Event()
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server interface
                server.requests += 1
                server.arrived.set()
                if server.hold.is_set():
                    server.release.wait(30)
                body = server.body()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed"

    def body(self) -> bytes:
        items = "".join(
            f"<item><title>Story {i}</title><guid>story-{i}</guid>"
            f"<link>https://example.org/{i}</link><description>The International Criminal "
            f"Court ruled on case {i}: {_distinct_words(i)}.</description></item>"
            for i in range(self.items))
        return (f"<rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>"
                ).encode()


def _distinct_words(i: int) -> str:
    """Words no other item has, so that every item is a story of its own, not a follow-up."""
    return " ".join(f"{syllable}{chr(97 + i % 26)}{i}{end}" for end in "xyz" for syllable in (
        "ka", "lo", "mi", "nu", "pe", "ra", "si", "tu", "vo", "we", "xa", "yo", "zu", "bi",
        "co", "du", "fe", "ga", "hi", "jo"))


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.httpd.shutdown()
    server.httpd.server_close()


def _signal(pid: int, sig: int) -> None:
    if sig == signal.SIGKILL:
        os.killpg(pid, sig)
    else:
        os.kill(pid, sig)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _reap_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


class Bot:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        with open(self.folder / "bot.log", "a") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run", "--config", "config.toml"],
                cwd=self.folder, env=env, stdout=subprocess.DEVNULL, stderr=log, text=True,
                start_new_session=True)

    def kill(self, sig: int = signal.SIGKILL) -> int:
        """SIGKILL takes the bot's whole process group, helpers included, as a crash of its
        machine or container would; SIGTERM goes to the bot alone, to stop it cleanly."""
        assert self.proc is not None
        _signal(self.proc.pid, sig)
        code = self.proc.wait(30)
        if sig == signal.SIGTERM:
            # Helpers (the parse pool's) may take a moment to notice, but none may stay.
            deadline = time.monotonic() + 5
            while _group_alive(self.proc.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not _group_alive(self.proc.pid), "a clean stop left processes behind"
        _reap_group(self.proc.pid)
        self.proc = None
        return code

    def close(self) -> None:
        """Kill what is left of a bot a failed test left running."""
        if self.proc is not None:
            _reap_group(self.proc.pid)
            self.proc.wait(30)
            self.proc = None

    def written(self) -> list[tuple[str, str]]:
        """(channel target, title) of every alert written so far."""
        path = self.folder / "alerts.txt"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        return re.findall(
            r"^\[(\w+) console-\d+ newsalert-\d+-\d+\] (Story \d+) \(example\.org\)$", text,
            re.MULTILINE)

    def wait_for(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.written()) < count:
            assert self.proc is not None and self.proc.poll() is None, self.log()
            assert time.monotonic() < deadline, f"only {len(self.written())} of {count} written"
            time.sleep(0.005)

    def outbox(self) -> collections.Counter[str]:
        conn = sqlite3.connect(self.folder / "news.db")
        try:
            return collections.Counter(dict(conn.execute(
                "SELECT status, count(*) FROM deliveries GROUP BY status").fetchall()))
        finally:
            conn.close()

    def log(self) -> str:
        return (self.folder / "bot.log").read_text(encoding="utf-8")


def test_sigkill_mid_poll_and_mid_delivery_loses_nothing_and_repeats_nothing(
        tmp_path: Path, feed_server: FeedServer) -> None:
    (tmp_path / "config.toml").write_text(f"""
[bot]
database = "news.db"
interval = "1s"
allow_hosts = ["127.0.0.1"]

[adapters.console]
file = "alerts.txt"

[topics.icc]
organizations = ["International Criminal Court"]

[[subscriptions]]
topics = ["icc"]
channel = "{CHANNELS[0]}"

[[subscriptions]]
topics = ["icc"]
channel = "{CHANNELS[1]}"

[[feeds]]
url = "{feed_server.url}"
id = "wire"
""")
    bot = Bot(tmp_path)
    feed_server.items = 120
    try:

        # 1. Killed while the feed is being fetched: nothing was recorded, nothing was posted.
        feed_server.hold.set()
        bot.start()
        assert feed_server.arrived.wait(30), bot.log()
        assert bot.kill() == -signal.SIGKILL
        feed_server.hold.clear()
        feed_server.release.set()
        assert bot.written() == []

        # 2. Killed again and again while the alerts are being written.
        kills_mid_delivery = 0
        for threshold in (10, 60, 130):
            bot.start()
            bot.wait_for(threshold)
            bot.kill()
            kills_mid_delivery += bot.outbox()["pending"] + bot.outbox()["sending"] > 0
        assert kills_mid_delivery >= 2, bot.outbox()  # the kills did land mid-delivery

        # 3. New entries arrive; killed once more, then left to finish and stopped cleanly.
        feed_server.items = 160
        bot.start()
        bot.wait_for(200)
        bot.kill()
        bot.start()
        bot.wait_for(2 * 160)
        time.sleep(0.3)
        assert bot.kill(signal.SIGTERM) == 0, bot.log()

    finally:
        bot.close()

    written = bot.written()
    counts = collections.Counter(written)
    assert [k for k, n in counts.items() if n > 1] == []  # none twice
    expected = {(c.partition(":")[2], f"Story {i}") for c in CHANNELS for i in range(160)}
    assert set(counts) == expected  # none lost
    # Each channel got its alerts in the order of the feed (oldest first within each poll).
    for channel in ("desk", "legal"):
        titles = [t for c, t in written if c == channel]
        assert len(titles) == 160
    assert bot.outbox() == {"sent": 320}


async def test_console_file_knows_what_it_wrote_before_a_crash(tmp_path: Path) -> None:
    """The narrow case the kill test rarely hits: killed after the alert was written, before
    it was recorded as sent. The restarted bot finds it in the file and does not repeat it."""
    store = SQLiteStore.open(tmp_path / "s.db")
    out = tmp_path / "alerts.txt"
    queue(store, 2, ["console:desk"])
    first, = store.due_deliveries(0.0, ["console"])
    store.mark_sending(first.id, 0.0)
    await ConsoleAdapter(file=out).send(first)  # written; then the process died
    await Deliverer(store, {"console": ConsoleAdapter(file=out)}, clock=lambda: 1.0).drain(10)
    written = re.findall(r"^\[desk console-\d+ newsalert-\d+-\d+\] (Title \d) \(example\.org\)$",
                         out.read_text(), re.M)
    assert written == ["Title 0", "Title 1"]
    assert store.channel_stats()["console:desk"]["sent"] == 2
    store.close()


class HoldingDiscord(DiscordAPIServer):
    """The local Discord server; it can keep one post and never answer it, as if the bot died
    between Discord accepting the message and the bot recording that it was sent."""

    def __init__(self) -> None:
        super().__init__()
        self.hold_at: int | None = None
        self.held = asyncio.Event()
        self.release = asyncio.Event()

    async def _post_message(self, request: web.Request) -> web.Response:
        response = await super()._post_message(request)
        if self.hold_at is not None and len(self.posts) == self.hold_at:
            self.held.set()
            await self.release.wait()
        return response


async def serve_stories(http_server, count: int) -> str:
    """A feed of ``count`` matching stories on the test's own HTTP server; returns its URL."""
    feed = FeedServer()
    feed.items = count

    async def serve_feed(request: web.Request) -> web.Response:
        return web.Response(body=feed.body(), content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed", serve_feed)
    return await http_server(app) + "/feed"


class BotProcess:
    """``newsalert run`` as a child of the test's event loop, logging to bot.log."""

    def __init__(self, folder: Path, env: dict[str, str], config: str) -> None:
        (folder / "config.toml").write_text(config)
        self.folder = folder
        self.env = {**os.environ, "PYTHONPATH": str(REPO), **env}
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with open(self.folder / "bot.log", "ab") as log:
            self.proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot.cli", "run", "--config", "config.toml",
                cwd=self.folder, env=self.env, stdout=log, stderr=log, start_new_session=True)

    async def stop(self, sig: int = signal.SIGKILL) -> int:
        """As ``Bot.kill``: SIGKILL takes the whole process group, SIGTERM the bot alone."""
        assert self.proc is not None
        _signal(self.proc.pid, sig)
        code = await asyncio.wait_for(self.proc.wait(), 30)
        _reap_group(self.proc.pid)
        self.proc = None
        return code

    async def close(self) -> None:
        if self.proc is not None:
            _reap_group(self.proc.pid)
            await asyncio.wait_for(self.proc.wait(), 30)
            self.proc = None

    async def until(self, done: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 60
        while not done():
            assert time.monotonic() < deadline, (self.folder / "bot.log").read_text()
            await asyncio.sleep(0.02)

    def outbox(self) -> collections.Counter[str]:
        return Bot(self.folder).outbox()

    async def kill_and_restart_then_finish(self, done: Callable[[int], bool]) -> None:
        """After the first kill: restart, kill once more when 5 are posted, restart, and stop
        cleanly once all 6 are."""
        await self.start()
        await self.until(lambda: done(5))
        await self.stop()
        await self.start()
        await self.until(lambda: done(6))
        await asyncio.sleep(0.5)
        assert await self.stop(signal.SIGTERM) == 0


async def test_sigkill_with_discord_posts_every_alert_exactly_once(http_server, tmp_path) -> None:
    discord_server = HoldingDiscord()
    api = await discord_server.start(http_server)
    url = await serve_stories(http_server, 6)
    bot = BotProcess(tmp_path, {"DISCORD_TOKEN": "test-token"}, f"""
feeds = [{{ id = "wire", url = "{url}", interval = "1s" }}]
subscriptions = [{{ channel = "discord:{CHANNEL_ID}", topics = ["icc"] }}]
topics.icc.organizations = ["International Criminal Court"]
bot = {{ database = "news.db", allow_hosts = ["127.0.0.1"] }}
adapters.console.enabled = false
adapters.discord = {{ enabled = true, token = "${{DISCORD_TOKEN}}", api_url = "{api}" }}
""")

    def posted(count: int) -> bool:
        return len(discord_server.messages.get(CHANNEL_ID, [])) >= count

    try:
        # Discord keeps the third post and the bot never hears back: killed right there.
        discord_server.hold_at = 3
        await bot.start()
        await asyncio.wait_for(discord_server.held.wait(), 60)
        await bot.stop()
        assert bot.outbox()["sending"] == 1  # the bot could not know the post went out
        discord_server.release.set()
        discord_server.hold_at = None
        await bot.kill_and_restart_then_finish(posted)
    finally:
        await bot.close()
        discord_server.release.set()

    messages = discord_server.messages[CHANNEL_ID]
    keys = [embed_marker(discord.Embed.from_dict(m["embeds"][0])) for m in messages]
    titles = [m["embeds"][0]["title"] for m in messages]
    assert len(set(keys)) == 6 and len(discord_server.posts) == 6  # never posted a second time
    # Oldest first: the feed lists its newest entry first.
    assert titles == [f"Story {i} (example.org)" for i in reversed(range(6))]
    assert bot.outbox() == {"sent": 6}


async def test_sigkill_with_slack_posts_every_alert_exactly_once(http_server, tmp_path) -> None:
    slack = SlackAPIServer()
    api = await slack.start()
    url = await serve_stories(http_server, 6)
    bot = BotProcess(tmp_path, {"SLACK_BOT_TOKEN": SLACK_TOKEN,
                                "SLACK_SIGNING_SECRET": "test-signing-secret-0123456789"}, f"""
feeds = [{{ id = "wire", url = "{url}", interval = "1s" }}]
subscriptions = [{{ channel = "slack:CNEWS", topics = ["icc"] }}]
topics.icc.organizations = ["International Criminal Court"]
bot = {{ database = "news.db", allow_hosts = ["127.0.0.1"] }}
adapters.console.enabled = false
adapters.slack = {{ enabled = true, bot_token = "${{SLACK_BOT_TOKEN}}", api_url = "{api}", \
signing_secret = "${{SLACK_SIGNING_SECRET}}", host = "127.0.0.1", port = 0 }}
""")

    def posted(count: int) -> bool:
        return len(slack.posts("CNEWS")) >= count

    try:
        await bot.start()
        await bot.until(lambda: posted(2))
        # Slack keeps the third post but takes its time to answer: the bot dies waiting.
        slack.fail("chat.postMessage", after=True, delay=5)
        await bot.until(lambda: posted(3))
        await bot.stop()
        assert bot.outbox()["sending"] == 1
        await bot.kill_and_restart_then_finish(posted)
    finally:
        await bot.close()
        await slack.stop()

    posts = slack.posts("CNEWS")
    keys = [p["metadata"]["event_payload"]["key"] for p in posts]
    assert len(set(keys)) == 6 and len(slack.calls("chat.postMessage")) == 6
    assert [re.search(r"Story \d", p["text"]).group(0) for p in posts] == \
        [f"Story {i}" for i in reversed(range(6))]
    assert bot.outbox() == {"sent": 6}


def test_helper_processes_end_when_the_bot_is_killed(tmp_path: Path) -> None:
    """SIGKILL to the bot alone (as the out-of-memory killer sends it) leaves no parse worker
    or forkserver behind."""
    shutil.copy(REPO / "config.example.toml", tmp_path / "config.toml")
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    bot = Bot(tmp_path)
    try:
        bot.start()
        assert bot.proc is not None
        group = bot.proc.pid
        deadline = time.monotonic() + 30
        while len(_members(group)) < 3:  # the bot, the forkserver and a worker at least
            assert time.monotonic() < deadline, (bot.log(), _members(group))
            time.sleep(0.1)
        os.kill(group, signal.SIGKILL)
        bot.proc.wait(30)
        deadline = time.monotonic() + 10
        while _members(group) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _members(group) == []
    finally:
        bot.close()


def _members(pgid: int) -> list[int]:
    """The live (not zombie) processes of a process group."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found
