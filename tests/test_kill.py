"""Kill the running bot with SIGKILL in the middle of a poll and of its deliveries, restart it:
no alert is lost and none is written twice. A real subprocess, a real local feed server, the
console adapter writing to a file, and the bot's own SQLite file."""

from __future__ import annotations

import collections
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.delivery import Deliverer
from bot.store import Store
from tests.conftest import REPO
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


class Bot:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run", "--config", "config.toml"],
            cwd=self.folder, env=env, stdout=subprocess.DEVNULL,
            stderr=open(self.folder / "bot.log", "a"), text=True)  # noqa: SIM115

    def kill(self, sig: int = signal.SIGKILL) -> int:
        assert self.proc is not None
        self.proc.send_signal(sig)
        code = self.proc.wait(30)
        self.proc = None
        return code

    def written(self) -> list[tuple[str, str]]:
        """(channel target, title) of every alert written so far."""
        path = self.folder / "alerts.txt"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        return re.findall(r"^\[(\w+) newsalert-\d+-\d+\] (Story \d+)$", text, re.MULTILINE)

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
    store = Store.open(tmp_path / "s.db")
    out = tmp_path / "alerts.txt"
    queue(store, 2, ["console:desk"])
    first, = store.due_deliveries(0.0, ["console"])
    store.mark_sending(first.id, 0.0)
    await ConsoleAdapter(file=out).send(first)  # written; then the process died
    await Deliverer(store, {"console": ConsoleAdapter(file=out)}, clock=lambda: 1.0).drain(10)
    written = re.findall(r"^\[desk newsalert-\d+-\d+\] (Title \d)$", out.read_text(), re.M)
    assert written == ["Title 0", "Title 1"]
    assert store.channel_stats()["console:desk"]["sent"] == 2
    store.close()
