"""Visible health: status per feed and per channel, one log line per event, no secrets."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.console import ConsoleAdapter
from bot.app import App
from bot.commands import Command
from bot.config import load_config
from bot.errors import ConfigError
from bot.logs import register_secrets, setup_logging
from bot.storage import SQLiteStore
from tests.conftest import REPO
from tests.test_store import alert, entry

FEEDS = """
feeds = [{{ id = "{a}", path = "a.xml" }}, {{ id = "{b}", path = "b.xml" }},
         {{ id = "{c}", path = "c.xml" }}, {{ id = "{d}", path = "d.xml" }}]
[topics.icc]
organizations = ["ICC"]
"""

RUN_CONFIG = """
feeds = [{ id = "private", url = "http://127.0.0.1:9/feed.xml?key=${FEED_KEY}" },
         { id = "local", path = "ok.xml" }]
subscriptions = [{ channel = "console:desk", topics = ["icc"] }]
[bot]
database = "news.db"
allow_hosts = ["127.0.0.1"]
[adapters.slack]
enabled = false
bot_token = "${SLACK_BOT_TOKEN}"
[topics.icc]
organizations = ["ICC"]
"""


async def test_status_reports_feeds_and_channels(write_config, tmp_path) -> None:
    now = 1_000_000.0
    config = load_config(write_config(FEEDS.format(a="healthy", b="failing", c="new",
                                                   d="recovered")))
    store = SQLiteStore.open(tmp_path / "db.sqlite")
    app = App(config, store, adapters={"console": ConsoleAdapter()}, clock=lambda: now)
    store.record_poll("healthy", now - 120, now + 480)
    store.record_poll("failing", now - 7200, now - 6600)
    for minutes in (60, 30, 5):
        store.record_poll("failing", now - minutes * 60, now + 900, error="HTTP 503 Busy")
    store.record_poll("recovered", now - 3600, now - 3000, error="timed out")
    store.record_poll("recovered", now - 60, now - 5)
    store.commit_entries("wire", [entry(1), entry(2), entry(3)],
                         [(alert(1), ["slack:C1"]), (alert(2), ["slack:C1"]),
                          (alert(3), ["slack:C9"])], now - 50)
    first, c9 = store.due_deliveries(now, ["slack"])
    store.mark_sent(first.id, "ts1", now - 40)
    store.mark_failed(c9.id, "channel_not_found")
    second, = store.due_deliveries(now, ["slack"])
    store.mark_retry(second.id, "HTTP 500 internal_error", now + 30)

    lines = app.status_text().splitlines()
    assert lines[0] == "4 feeds, 1 topics; 1 alerts sent today (UTC)."
    assert lines[1] == "• healthy: last poll 2m ago; next poll in 8m"
    assert lines[2] == ("• failing: last poll 5m ago; FAILING x3: HTTP 503 Busy; "
                        "last success 2.0h ago; next poll in 15m")
    assert lines[3] == "• new: not polled yet"
    assert lines[4] == "• recovered: last poll 60s ago; last error 60m ago: timed out; " \
                       "next poll due"
    assert lines[5] == "• slack:C1: 1 sent, 1 pending, 0 failed; last error: HTTP 500 " \
                       "internal_error"
    assert lines[6] == "• slack:C9: 0 sent, 0 pending, 1 failed; last error: channel_not_found"
    reply = await app.commands.handle(Command("slack", "slack:C1", "U1", "status"))
    assert reply.text == app.status_text()
    store.close()


def test_run_logs_one_line_per_event_and_no_secret(tmp_path: Path) -> None:
    token = "xoxb-1234-SECRET-token-value"
    feed_key = "feedkey-0987654321"
    (tmp_path / "ok.xml").write_text(
        "<rss version='2.0'><channel><title>T</title><item><title>ICC news</title>"
        "<guid>1</guid><description>The ICC said\nmore.</description></item></channel></rss>")
    config = tmp_path / "config.toml"
    config.write_text(RUN_CONFIG)
    env = {**os.environ, "PYTHONPATH": str(REPO), "SLACK_BOT_TOKEN": token,
           "FEED_KEY": feed_key}
    run = subprocess.run([sys.executable, "-m", "bot.cli", "--log-level", "DEBUG", "run",
                          "--once", "--config", str(config)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1, run.stderr  # --once tells cron that a feed failed
    assert "newsalert: 1 of 2 feeds failed: private (cannot connect" in run.stderr
    logs = run.stderr.splitlines()
    failed = [line for line in logs if "event=feed.failed" in line]
    assert len(failed) == 1 and "feed=private" in failed[0]
    assert 'url="http://127.0.0.1:9/feed.xml?key=***"' in failed[0] or \
        "url=http://127.0.0.1:9/feed.xml?key=***" in failed[0]
    own = [line for line in logs if "logger=bot" in line or "logger=watchers" in line
           or "logger=adapters" in line]
    assert own and all(re.match(r"time=\S+ level=[a-z]+ logger=\S+ event=[\w.]+", line)
                       for line in own), own
    status = subprocess.run([sys.executable, "-m", "bot.cli", "status", "--config", str(config)],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert "• private: last poll" in status.stdout and "FAILING x1: cannot connect" in \
        status.stdout and "last success never" in status.stdout
    assert "• console:desk: 1 sent, 0 pending, 0 failed" in status.stdout
    for output in (run.stdout, run.stderr, status.stdout, status.stderr):
        assert token not in output and feed_key not in output


def test_config_errors_do_not_quote_values_from_the_environment(write_config) -> None:
    path = write_config('[[feeds]]\nid = "x"\nurl = "${FEED_URL}"\n[topics.t]\npeople = ["A"]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={"FEED_URL": "ftp://k3y-s3cret@feeds.example"})
    assert "feeds[0] (x).url: expected an http:// or https:// URL, got '***'" in str(caught.value)
    assert "k3y-s3cret" not in str(caught.value)


def test_a_traceback_is_one_log_line_with_secrets_masked(capsys) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        setup_logging("INFO")
        register_secrets(["tok-abcdef-123456"])
        try:
            raise RuntimeError("failed with tok-abcdef-123456\nsecond line")
        except RuntimeError:
            logging.getLogger("bot.test").exception("round failed")
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert "Traceback (most recent call last):\\n" in lines[0]
    assert "RuntimeError: failed with ***\\nsecond line" in lines[0]


def test_a_library_retrying_logs_one_line_now_and_then(capsys) -> None:
    """A platform library retrying every few seconds while its platform is down: one line per
    error, without traceback, repeated after pauses that double (10 s, 20 s, ...)."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    library = logging.getLogger("slack_bolt.AsyncApp")
    try:
        setup_logging("INFO")
        for second in (0, 5, 10, 25, 31, 50, 71, 100):
            try:
                raise ConnectionRefusedError(f"Cannot connect to host 127.0.0.1:{40000 + second}")
            except ConnectionRefusedError:
                record = library.makeRecord(library.name, logging.ERROR, __file__, 1,
                                            "Failed to connect; Retrying... (session s_%d)",
                                            (second,), sys.exc_info())
                record.created = 1000.0 + second
                library.handle(record)
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    lines = capsys.readouterr().err.splitlines()
    assert [re.search(r"session s_(\d+)", line).group(1) for line in lines] == \
        ["0", "10", "31", "71"]
    assert all("Traceback" not in line and "ConnectionRefusedError: Cannot connect" in line
               for line in lines)
