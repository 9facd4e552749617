"""A platform that is down or slow holds only its own alerts: the feeds are still polled, other
platforms still posted to, ``run --once`` ends in bounded time and says what it left behind.

Real parts throughout: the bot in its own process or in-process with the real slack_sdk client,
a local Slack Web API server (or a closed port where Slack should be), a real SQLite file."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

import bot.app
from bot.app import App
from tests.slack_api_server import APP_TOKEN, BOT_TOKEN, SlackAPIServer

REPO = Path(__file__).resolve().parents[1]
FEEDS = REPO / "examples" / "feeds"
ONCE_WAIT = 3.0
"""How long ``run --once`` waits for a platform that is down before it reports what it leaves
(``bot.app.ONCE_WAIT``, 20 s): none of these platforms comes back, so the end is the same."""
RUN = f"import sys, bot.app, bot.cli; bot.app.ONCE_WAIT = {ONCE_WAIT}; sys.exit(bot.cli.main())"
"""``python -m bot.cli`` with that wait."""


def closed_port() -> int:
    """A local port nothing listens on: connections to it are refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def config_text(api_url: str, *, socket_mode: bool = True, slack_channel: bool = False,
                database: str = "bot.db", parse_workers: int | None = 0) -> str:
    """The sample feeds to the console and, with ``slack_channel``, to Slack. Parsed in the
    bot's own process unless ``parse_workers`` says otherwise: worker processes would only
    make the run slower to start, and the platforms are what is tried here."""
    mode = 'app_token = "${SLACK_APP_TOKEN}"' if socket_mode else \
        'signing_secret = "secret-0123456789"\nhost = "127.0.0.1"\nport = 0'
    subscription = '\n[[subscriptions]]\nchannel = "slack:CNEWS"\ntopics = ["icc"]\n' \
        if slack_channel else ""
    workers = "" if parse_workers is None else f"parse_workers = {parse_workers}"
    return f"""
[bot]
database = "{database}"
{workers}
[adapters.console]
enabled = true
[adapters.slack]
enabled = true
bot_token = "${{SLACK_BOT_TOKEN}}"
{mode}
api_url = "{api_url}"
[[feeds]]
id = "world"
path = "{FEEDS / 'world.xml'}"
[[feeds]]
id = "archive"
path = "{FEEDS / 'archive-stemmed.xml'}"
[topics.icc]
people = ["Benjamin Netanyahu", "Yoav Gallant"]
organizations = [{{ name = "International Criminal Court", aliases = ["ICC"] }}]
events = ["arrest warrant", "war crimes"]
[[subscriptions]]
channel = "console:alerts"
topics = ["icc"]
{subscription}"""


async def run_process(config: Path, timeout: float = 60) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SLACK_BOT_TOKEN": BOT_TOKEN,
           "SLACK_APP_TOKEN": APP_TOKEN}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", RUN, "run", "--once", "--config", str(config),
        cwd=config.parent, env=env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise AssertionError(f"run --once did not end within {timeout:g} s") from None
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_socket_mode_with_slack_unreachable_still_polls_and_prints(write_config) -> None:
    path = write_config(config_text(f"http://127.0.0.1:{closed_port()}/api/"))
    code, out, err = await run_process(path, timeout=30)
    assert code == 0, err[-2000:]
    assert out.count("[alerts console-") >= 2  # the console alerts of the sample feeds
    assert "event=feed.polled feed=world" in err and "event=feed.polled feed=archive" in err
    assert "event=adapter.unreachable platform=slack" in err
    assert "Traceback" not in err
    assert all(len(line) < 1000 for line in err.splitlines())


async def test_slack_alerts_left_pending_are_named_and_exit_1(write_config) -> None:
    path = write_config(config_text(f"http://127.0.0.1:{closed_port()}/api/",
                                    slack_channel=True))
    code, out, err = await run_process(path, timeout=60)
    assert code == 1
    assert out.count("[alerts console-") >= 2  # the console still got its alerts
    [line] = [x for x in err.splitlines() if x.startswith("newsalert:")]
    assert "not delivered, kept in the outbox for the next run: slack:CNEWS (" in line
    assert "Traceback" not in err


async def test_forever_run_connects_once_slack_comes_back(write_config, monkeypatch) -> None:
    monkeypatch.setattr(bot.app, "RECONNECT_FIRST", 0.3)
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    port = closed_port()
    path = write_config(config_text(f"http://127.0.0.1:{port}/api/", slack_channel=True))
    app = App.from_config_file(path)
    stop = asyncio.Event()
    running = asyncio.ensure_future(app.run(stop=stop))
    server = SlackAPIServer()
    try:
        # Slack is down: the feeds are polled and the console gets its alerts all the same.
        for _ in range(200):
            states = app.store.feed_states()
            if "world" in states and app.store.channel_stats().get("console:alerts", {}).get(
                    "sent"):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("nothing was polled or posted while Slack was down")
        assert app.store.channel_stats()["slack:CNEWS"]["sent"] == 0
        await server.start(port=port)  # Slack is back: the socket connects, posts go out
        await server.connected(wait=10)
        for _ in range(200):
            if server.posts("CNEWS"):
                break
            await asyncio.sleep(0.05)
        assert server.posts("CNEWS"), "the waiting alerts were not posted after reconnecting"
    finally:
        stop.set()
        await asyncio.wait_for(running, 30)
        await server.stop()
        app.store.close()


async def test_run_once_waits_out_a_short_retry_after(write_config, monkeypatch) -> None:
    server = SlackAPIServer()
    await server.start()
    try:
        server.fail("chat.postMessage", status=429, retry_after=1)
        monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
        path = write_config(config_text(server.api_url, socket_mode=False, slack_channel=True))
        app = App.from_config_file(path)
        try:
            await app.run(once=True)
            assert app.undelivered() == {}
        finally:
            app.store.close()
        assert len(server.calls("chat.postMessage")) >= 2 and server.posts("CNEWS")
    finally:
        await server.stop()


async def test_run_once_reports_what_a_long_retry_after_leaves(write_config) -> None:
    server = SlackAPIServer()
    await server.start()
    try:
        server.fail("chat.postMessage", status=429, retry_after=600)
        path = write_config(config_text(server.api_url, socket_mode=False, slack_channel=True))
        code, _, err = await run_process(path)
        assert code == 1
        assert "not delivered, kept in the outbox for the next run: slack:CNEWS (" in err
        assert "rate limited (HTTP 429)" in err
        assert server.posts("CNEWS") == []
    finally:
        await server.stop()


@pytest.mark.parametrize("refused", ["xapp-wrong"])
async def test_refused_app_token_still_stops_the_run(write_config, refused) -> None:
    server = SlackAPIServer()
    await server.start()
    try:
        # Parsed in the bot's own process, its polls end before Slack answers: the run still
        # waits for that answer, and hears the refusal.
        path = write_config(config_text(server.api_url).replace(
            '"${SLACK_APP_TOKEN}"', f'"{refused}"'))
        code, _, err = await run_process(path)
        assert code == 2
        assert "Slack refused the app token (invalid_auth)" in err
    finally:
        await server.stop()


async def test_sigterm_stops_cleanly_while_slack_is_unreachable(write_config) -> None:
    path = write_config(config_text(f"http://127.0.0.1:{closed_port()}/api/"))
    env = {**os.environ, "PYTHONPATH": str(REPO), "SLACK_BOT_TOKEN": BOT_TOKEN,
           "SLACK_APP_TOKEN": APP_TOKEN}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "run", "--config", str(path), cwd=path.parent,
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    assert process.stderr is not None
    seen: list[str] = []
    try:
        async with asyncio.timeout(30):
            while not any("event=feed.polled feed=archive" in line for line in seen):
                line = (await process.stderr.readline()).decode()
                assert line, "the bot ended before polling: " + "".join(seen)
                seen.append(line)
        process.send_signal(signal.SIGTERM)
        _, rest = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    err = "".join(seen) + rest.decode()
    assert process.returncode == 0, err[-2000:]
    assert "event=bot.stopping" in err and "event=bot.stopped" in err
    assert "Traceback" not in err


async def test_discord_unreachable_holds_only_its_own_alerts(write_config) -> None:
    text = config_text("http://127.0.0.1:9/api/").replace(
        "[adapters.slack]\nenabled = true", "[adapters.slack]\nenabled = false")
    text = text.replace("[[feeds]]", f'[adapters.discord]\nenabled = true\ntoken = "t0k3n-test"\n'
                        f'api_url = "http://127.0.0.1:{closed_port()}/api/v10"\n[[feeds]]', 1)
    text += '\n[[subscriptions]]\nchannel = "discord:123456789012345678"\ntopics = ["icc"]\n'
    code, out, err = await run_process(write_config(text), timeout=60)
    assert out.count("[alerts console-") >= 2  # the console got its alerts
    assert "event=adapter.unreachable platform=discord" in err
    assert code == 1 and "kept in the outbox for the next run: discord:123456789012345678" in err
    assert "Traceback" not in err
