"""check-config names what run would refuse or fail on, though the file loads."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.config import load_config
from bot.preflight import preflight_problems
from tests.test_cli import newsalert

BASE = """
[[feeds]]
id = "wire"
url = "{url}"
[topics.icc]
organizations = ["ICC"]
[[subscriptions]]
channel = "console:desk"
topics = ["icc"]
"""


def problems(tmp_path: Path, extra: str = "", url: str = "https://news.example.org/rss",
             base: str = BASE, environ: dict[str, str] | None = None) -> list[str]:
    path = tmp_path / "config.toml"
    path.write_text(textwrap.dedent(extra) + textwrap.dedent(base).format(url=url))
    return preflight_problems(load_config(path, environ=environ or {}))


def test_a_sound_config_has_none(tmp_path: Path) -> None:
    assert problems(tmp_path) == []


def test_a_database_directory_that_does_not_exist(tmp_path: Path) -> None:
    found = problems(tmp_path, '[bot]\ndatabase = "state/news.db"\n')
    assert found == [f"bot.database: the directory {tmp_path / 'state'} does not exist; create "
                     "it or give another path"]
    # run refuses it too, only later.
    (tmp_path / "config.toml").write_text((tmp_path / "config.toml").read_text())
    run = newsalert("run", "--once", cwd=tmp_path)
    assert run.returncode == 2 and "news.db" in run.stderr


@pytest.mark.parametrize("url, host", [
    ("http://127.0.0.1:8000/feed.xml", "127.0.0.1"),
    ("http://10.1.2.3/rss", "10.1.2.3"),
    ("http://[::1]/rss", "::1"),
    ("http://localhost:8080/rss", "localhost"),
    ("http://feeds.localhost/rss", "feeds.localhost"),
])
def test_a_feed_on_a_private_or_loopback_address_needs_allow_hosts(tmp_path, url, host) -> None:
    found, = problems(tmp_path, url=url)
    assert found.startswith("feeds[0] (wire).url: ")
    assert found.endswith(f"which is never fetched; to poll it anyway, add it to "
                          f"bot.allow_hosts (allow_hosts = [\"{host}\"])")
    assert problems(tmp_path, f'[bot]\nallow_hosts = ["{host}"]\n', url=url) == []


def test_slack_tokens_and_channel_ids_of_the_wrong_shape(tmp_path: Path) -> None:
    slack = """
    [adapters.slack]
    enabled = true
    bot_token = "${SLACK_BOT_TOKEN}"
    app_token = "${SLACK_APP_TOKEN}"
    """
    swapped = {"SLACK_BOT_TOKEN": "xapp-1-A1-2-abc", "SLACK_APP_TOKEN": "xoxb-1-2-abc"}
    base = BASE.replace("console:desk", "slack:#general") + \
        '[[subscriptions]]\nchannel = "slack:C0123ABCD"\ntopics = ["icc"]\n'
    found = problems(tmp_path, slack, base=base, environ=swapped)
    assert found == [
        "adapters.slack.bot_token: a Slack bot token starts with 'xoxb-'; this one does not "
        "(is it another token of the app?)",
        "adapters.slack.app_token: a Slack app token starts with 'xapp-'; this one does not "
        "(is it another token of the app?)",
        "subscriptions[0].channel: '#general' is not a Slack channel id (like C0123ABC: in "
        "Slack, the channel's details show it at the bottom); names such as #general are not "
        "accepted"]
    right = {"SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_APP_TOKEN": "xapp-1-A1-2-abc"}
    assert problems(tmp_path, slack, base=base.replace("#general", "G01ABCDEF"),
                    environ=right) == []


def test_discord_ids_as_numbers_or_strings_alike(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[adapters.discord]\nguilds = [123456789012345678, "223456789012345678"]\n'
                    'admins = [323456789012345678, "423456789012345678"]\n'
                    + BASE.format(url="https://news.example.org/rss"))
    discord = load_config(path).discord
    assert discord.guilds == (123456789012345678, 223456789012345678)
    assert discord.admins == ("323456789012345678", "423456789012345678")
    path.write_text('[adapters.discord]\nguilds = [1.5]\nadmins = ["@mod"]\n'
                    + BASE.format(url="https://news.example.org/rss"))
    result = newsalert("check-config", cwd=tmp_path)
    assert result.returncode == 2
    assert "adapters.discord.guilds[0]: expected a Discord id (a number such as " \
           "123456789012345678), got a number" in result.stderr
    assert "adapters.discord.admins[0]: expected a Discord id" in result.stderr


def test_no_subscriptions_and_bare_number_durations(tmp_path: Path) -> None:
    base = BASE.split("[[subscriptions]]")[0].replace('url = "{url}"',
                                                      'url = "{url}"\ninterval = 90')
    found = problems(tmp_path, "[bot]\ninterval = 600\nstory_window = 86400.0\n", base=base)
    assert found == [
        "bot.interval: the bare number 600 is read as seconds; write \"10m\" to say so "
        "(durations take s, m, h or d)",
        "bot.story_window: the bare number 86400 is read as seconds; write \"1d\" to say so "
        "(durations take s, m, h or d)",
        "feeds[0] (wire).interval: the bare number 90 is read as seconds; write \"1m30s\" to "
        "say so (durations take s, m, h or d)",
        "no [[subscriptions]]: no channel gets alerts until a slash command subscribes one"]


def test_check_config_exits_1_and_lists_them(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[bot]\ndatabase = "nowhere/db.sqlite"\n' + BASE.format(url="http://192.168.0.9/rss"))
    result = newsalert("check-config", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("config.toml: loads, but 2 problems (below)")
    lines = result.stderr.splitlines()
    assert lines[0].startswith("newsalert: config.toml: bot.database: the directory ")
    assert lines[1].startswith("newsalert: config.toml: feeds[0] (wire).url: 192.168.0.9 is "
                               "a private address")
