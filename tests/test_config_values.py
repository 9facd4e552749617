"""Config values that are valid TOML but wrong: each is an error naming its key (exit 2), never
a traceback, and never accepted to misbehave later."""

from __future__ import annotations

import asyncio
import contextlib
import io
import socket
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_config
from bot.errors import ConfigError, NewsAlertError

BASE = """
[bot]
database = "bot.db"
{bot}
[adapters.console]
enabled = true
[adapters.slack]
enabled = {slack}
bot_token = "xoxb-0123456789"
signing_secret = "secret-0123456789"
host = "127.0.0.1"
{slack_extra}
[adapters.discord]
enabled = false
token = "x"
{discord}
[[feeds]]
id = "wire"
path = "feed.xml"
{feed}
[topics.icc]
people = ["Benjamin Netanyahu"]
[[subscriptions]]
channel = "console:alerts"
topics = ["icc"]
{subscription}
"""


def write(tmp_path: Path, *, bot: str = "", slack: str = "false", slack_extra: str = "",
          discord: str = "", feed: str = "", subscription: str = "") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(BASE.format(bot=bot, slack=slack, slack_extra=slack_extra, discord=discord,
                                feed=feed, subscription=subscription), encoding="utf-8")
    (tmp_path / "feed.xml").write_text("<rss version='2.0'><channel/></rss>", encoding="utf-8")
    return path


def check(path: Path, command: str = "check-config") -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main([command, "--config", str(path)])
    return code, err.getvalue()


@pytest.mark.parametrize(("where", "line", "key"), [
    ("bot", "interval = inf", "bot.interval"),
    ("bot", "interval = nan", "bot.interval"),
    ("bot", "story_window = -inf", "bot.story_window"),
    ("bot", "outbox_retention = 1e308", "bot.outbox_retention"),
    ("bot", "shutdown_grace = 99999999999999999999", "bot.shutdown_grace"),
    ("feed", "interval = nan", "feeds[0] (wire).interval"),
    ("subscription", 'burst_size = 3\nburst_window = inf', "subscriptions[0].burst_window"),
    ("discord", "guilds = [inf]", "adapters.discord.guilds[0]"),
    ("discord", "guilds = [1.5]", "adapters.discord.guilds[0]"),
    ("discord", "guilds = [-4]", "adapters.discord.guilds[0]"),
    ("discord", "guilds = [99999999999999999999999]", "adapters.discord.guilds[0]"),
    ("slack_extra", "port = 70000", "adapters.slack.port"),
    ("slack_extra", "port = -1", "adapters.slack.port"),
    ("bot", 'user_agent = "newsalert\\r\\nX-Injected: 1"', "bot.user_agent"),
    ("bot", 'user_agent = "bot\\u0000"', "bot.user_agent"),
    ("bot", 'allow_hosts = ["127.0.0.1:33033"]', "bot.allow_hosts[0]"),
    ("bot", 'allow_hosts = ["feeds.local:8080"]', "bot.allow_hosts[0]"),
    ("bot", 'allow_hosts = ["[::1]:8080"]', "bot.allow_hosts[0]"),
])
def test_wrong_value_is_an_error_naming_its_key(tmp_path: Path, where: str, line: str,
                                                key: str) -> None:
    path = write(tmp_path, **{where: line})
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert any(p.startswith(f"{key}: ") for p in caught.value.problems), caught.value.problems
    code, err = check(path)
    assert code == 2 and key in err and "Traceback" not in err


@pytest.mark.parametrize("hosts", ['["::1"]', '["[::1]"]', '["127.0.0.1"]', '["10.0.0.0/8"]',
                                   '["fd00::/8"]', '["feeds.local"]'])
def test_allow_hosts_without_a_port_still_load(tmp_path: Path, hosts: str) -> None:
    load_config(write(tmp_path, bot=f"allow_hosts = {hosts}"))


def test_guild_ids_as_digit_strings_still_load(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, discord='guilds = ["123456789012345678", 42]'))
    assert config.discord.guilds == (123456789012345678, 42)


def test_a_port_in_use_is_an_error_naming_the_key(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        path = write(tmp_path, slack="true", slack_extra=f"port = {port}\n"
                     'api_url = "http://127.0.0.1:9/api/"')
        code, err = check(path, "run")
    assert code == 2, err
    assert f"adapters.slack.port: cannot listen on 127.0.0.1:{port}" in err
    assert "Traceback" not in err


HOSTILE_VALUES = ["inf", "-inf", "nan", "1e308", "-1", "0", "99999999999999999999999",
                  '"\\r\\n"', '""', '"\\u001b[2J"', "[]", "{}", "true", '"1e999s"',
                  '"999999999999999999999d"']
KEYS = [("bot", k) for k in ("interval", "concurrency", "user_agent", "allow_hosts",
                             "max_entries", "outbox_retention", "shutdown_grace",
                             "story_window", "parse_workers")] + \
    [("slack_extra", k) for k in ("port", "host", "api_url", "admins")] + \
    [("discord", k) for k in ("guilds", "admins", "api_url")] + \
    [("feed", k) for k in ("interval", "text", "full_text", "title")] + \
    [("subscription", k) for k in ("burst_size", "burst_window", "digest_at", "timezone")]


@pytest.mark.parametrize(("where", "key"), KEYS)
def test_no_value_of_any_key_gives_a_traceback(tmp_path: Path, where: str, key: str) -> None:
    for value in HOSTILE_VALUES:
        if where == "slack_extra" and key == "host":
            continue  # set in the base config; its bad values are tested on their own
        path = write(tmp_path, **{where: f"{key} = {value}"})
        try:
            load_config(path)
        except ConfigError:
            continue
        except Exception as exc:  # noqa: BLE001 - the point of the test
            raise AssertionError(f"{key} = {value}: {type(exc).__name__}: {exc}") from exc
        code, err = check(path)  # loads: the summary must not crash either
        assert code in (0, 1), f"{key} = {value}: {err}"


async def test_a_bad_listen_host_stops_the_start_with_a_clear_error(tmp_path: Path) -> None:
    from adapters.slack_adapter import SlackAdapter
    from bot.commands import CommandHandler
    path = write(tmp_path, slack="true", slack_extra='port = 0\napi_url = "http://127.0.0.1:9/api/"')
    path.write_text(path.read_text().replace('host = "127.0.0.1"', 'host = "192.0.2.1"'))
    config = load_config(path)
    slack = SlackAdapter(config.slack, timeout=2)
    with pytest.raises(NewsAlertError, match=r"adapters.slack.port: cannot listen on 192.0.2.1"):
        # With a command handler: a worker that only posts listens on nothing.
        await asyncio.wait_for(slack.start(CommandHandler(None)), 20)  # type: ignore[arg-type]
