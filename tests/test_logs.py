"""Log lines: UTC ISO-8601 times, logfmt that a logfmt reader splits right, JSON with
--log-format json, level names in either case, and nothing shaped like a token."""

from __future__ import annotations

import json
import logging
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.logs import event, setup_logging
from tests.conftest import REPO


@pytest.fixture
def logs(capsys) -> Iterator[tuple[logging.Logger, Callable[[], list[str]]]]:
    """A logger under bot, and what the handler that setup_logging installs wrote."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level

    def lines() -> list[str]:
        return capsys.readouterr().err.splitlines()

    try:
        yield logging.getLogger("bot.test"), lines
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)


def logfmt_pairs(line: str) -> dict[str, str]:
    """Split a logfmt line as a reader does: quoted values may hold spaces, = and quotes."""
    pairs = {}
    for token in shlex.split(line, posix=True):
        key, sep, value = token.partition("=")
        assert sep and key and " " not in key, token
        pairs[key] = value
    return pairs


def test_logfmt_lines_split_into_their_fields(logs) -> None:
    log, lines = logs
    setup_logging("info")
    event(log, "feed.failed", logging.WARNING, feed="wire", error='HTTP 503 "Busy" a=b',
          empty="", note="two\nlines")
    log.info("library says %s", "hello world")
    try:
        raise ValueError("bad value")
    except ValueError:
        log.exception("round failed")
    first, second, third = lines()
    assert re.match(r"time=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z level=warning "
                    r"logger=bot\.test event=feed\.failed ", first)
    assert logfmt_pairs(first) == {
        "time": first[5:29], "level": "warning", "logger": "bot.test", "event": "feed.failed",
        "feed": "wire", "error": 'HTTP 503 "Busy" a=b', "empty": "", "note": "two\\nlines"}
    assert logfmt_pairs(second)["msg"] == "library says hello world"
    fields = logfmt_pairs(third)
    assert fields["msg"] == "round failed" and fields["level"] == "error"
    assert fields["error"].startswith("Traceback (most recent call last):\\n")
    assert fields["error"].endswith("ValueError: bad value")


def test_times_are_utc_whatever_the_local_zone(tmp_path: Path) -> None:
    code = ("import logging, time; from bot.logs import setup_logging; setup_logging(); "
            "r = logging.LogRecord('x', 20, 'f', 1, 'm', None, None); r.created = 0.25; "
            "r.msecs = 250; print(logging.getLogger().handlers[0].format(r))")
    env = {**os.environ, "PYTHONPATH": str(REPO), "TZ": "Asia/Kolkata"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=60).stdout
    assert out.startswith("time=1970-01-01T00:00:00.250Z level=info logger=x msg=m")


def test_json_lines_carry_the_event_fields(logs) -> None:
    log, lines = logs
    setup_logging("DEBUG", "json")
    event(log, "feed.polled", feed="wire", entries=5, took=0.25, note='say "hi"')
    log.warning("plain %d", 3)
    first, second = (json.loads(line) for line in lines())
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", first.pop("time"))
    assert first == {"level": "info", "logger": "bot.test", "event": "feed.polled",
                     "feed": "wire", "entries": 5, "took": 0.25, "note": 'say "hi"'}
    assert second["msg"] == "plain 3" and second["level"] == "warning"


@pytest.mark.parametrize("text", [
    "token xoxb-2409-88111-AbCdEfGhIjKl in a message",
    "app token xapp-1-A0B1C2-12345-abcdef0123",
    "headers {'Authorization': 'Bearer s3cr3t-value-1234'}",
    "discord MTA5OTg3NjU0MzIxMDk4NzY1NA.GhIjKl.abcdefghijklmnopqrstuvwxyz0123",
])
def test_anything_shaped_like_a_token_is_masked(logs, text) -> None:
    log, lines = logs
    for fmt in ("logfmt", "json"):
        setup_logging("INFO", fmt)
        log.warning(text)
        line, = lines()
        assert "***" in line
        secret = re.search(r"(xox\w-|xapp-|Bearer |MTA)\S+", text).group(0)
        assert secret.rstrip("'") not in line


def test_a_library_logger_at_debug_still_writes_nothing_below_warning(logs) -> None:
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    _, lines = logs
    setup_logging("DEBUG")
    # Bolt gives its app logger the root's level (debug here) when the app is made.
    app = AsyncApp(client=AsyncWebClient(token="xoxb-0-0-test"), signing_secret="s" * 32,
                   name="newsalert")
    assert app.logger.isEnabledFor(logging.DEBUG)
    app.logger.debug("Received message (type: TEXT, data: '{\"text\": \"typed\"}')")
    app.logger.warning("a warning is still written")
    written = lines()
    assert len(written) == 1 and "a warning is still written" in written[0]


def test_the_command_line_takes_level_and_format_in_any_case(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    (tmp_path / "config.toml").write_text(
        (REPO / "config.example.toml").read_text().replace("examples/", f"{REPO}/examples/"))
    result = subprocess.run([sys.executable, "-m", "bot.cli", "--log-format", "json",
                             "run", "--once", "--log-level", "debug"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines()]
    assert {"debug", "info"} <= {r["level"] for r in records}
    polled = [r for r in records if r.get("event") == "feed.polled"]
    assert sorted(r["feed"] for r in polled) == ["archive-stemmed", "world-wire"]
    bad = subprocess.run([sys.executable, "-m", "bot.cli", "--log-level", "loud", "status"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "invalid choice: 'LOUD'" in bad.stderr


async def test_library_debug_lines_with_bodies_are_caught_and_never_let_through(logs) -> None:
    """The suite-wide check (tests/conftest.py) sees slack_sdk's debug lines for what they are,
    request bodies; setup_logging keeps that library at warning, whatever the level."""
    from slack_sdk.web.async_client import AsyncWebClient

    from tests.conftest import _LeakWatch
    from tests.slack_api_server import BOT_TOKEN, SlackAPIServer

    server = SlackAPIServer()
    url = await server.start()
    library = logging.getLogger("slack_sdk")
    saved = library.level, library.propagate
    watch = _LeakWatch()
    library.addHandler(watch)
    library.propagate = False  # this test's leak is on purpose: keep it from the suite's check
    try:
        client = AsyncWebClient(token=BOT_TOKEN, base_url=url)
        library.setLevel(logging.DEBUG)
        await client.chat_postMessage(channel="C1", text="what was posted")
        caught = list(watch.found)
        watch.found.clear()
        setup_logging("DEBUG")
        await client.chat_postMessage(channel="C1", text="what was posted")
    finally:
        library.removeHandler(watch)
        library.setLevel(saved[0])
        library.propagate = saved[1]
        await server.stop()
    assert any("chat.postMessage" in line and "json: {" in line for line in caught), caught
    assert watch.found == []
