from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_config, parse_duration
from bot.errors import ConfigError
from tests.conftest import REPO

MINIMAL = """
[[feeds]]
id = "wire"
path = "feed.xml"

[topics.icc]
people = ["Benjamin Netanyahu"]

[[subscriptions]]
channel = "console:alerts"
topics = ["icc"]
"""


def problems(exc: pytest.ExceptionInfo[ConfigError]) -> str:
    return "\n".join(exc.value.problems)


def test_example_config_loads_without_tokens() -> None:
    config = load_config(REPO / "config.example.toml", environ={})
    assert config.enabled_platforms == ("console",)
    assert [f.id for f in config.feeds] == ["world-wire", "archive-stemmed"]
    icc = config.topic("icc")
    assert icc is not None
    khan = next(p for p in icc.people if p.name == "Karim Khan")
    assert khan.surname is False and khan.aliases == ("Karim A. A. Khan",)
    assert config.feeds[0].path == REPO / "examples" / "feeds" / "world.xml"
    assert config.feeds[0].interval == 300 and config.feeds[1].interval == 600
    courts = config.topic("courts")
    assert courts is not None and any(e.name == "indictment" for e in courts.events)


def test_minimal_config_defaults(write_config) -> None:
    config = load_config(write_config(MINIMAL))
    assert config.bot.interval == 600
    assert config.bot.database == config.path.parent / "newsalert.db"
    assert config.feeds[0].text == "auto" and config.feeds[0].full_text is False
    assert config.subscriptions[0].topics == ("icc",)


def test_error_names_file_and_key_path(write_config) -> None:
    path = write_config("""
        [topics.icc]
        people = ["Benjamin Netanyahu", "Yoav Gallant", 42]
    """)
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert str(path) in str(exc.value)
    assert "topics.icc.people[2]: expected a name or a table with name and aliases, got an " \
           "integer" in problems(exc)


def test_all_problems_are_reported_together(write_config) -> None:
    path = write_config("""
        [bot]
        interval = "ten minutes"
        databse = "x.db"

        [[feeds]]
        id = "a"
        url = "ftp://example.org/feed"

        [[feeds]]
        id = "a"
        path = "x.xml"
        text = "stemmd"

        [topics.icc]
        organizations = [{ aliases = ["ICC"] }]

        [[subscriptions]]
        channel = "irc:#news"
        topics = ["nope"]
    """)
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    text = problems(exc)
    for expected in [
        "bot.interval: expected a duration",
        "bot.databse: unknown key",
        "feeds[0] (a).url: expected an http:// or https:// URL",
        "feeds[1] (a).id: is used by another feed",
        "feeds[1] (a).text: expected \"raw\", \"stemmed\" or \"auto\", got 'stemmd'",
        "topics.icc.organizations[0].name: is required",
        "subscriptions[0].channel: unknown platform 'irc'",
        "subscriptions[0].topics[0]: unknown topic 'nope'",
    ]:
        assert expected in text
    assert len(exc.value.problems) == 9  # and topics.icc now watches nothing


def test_env_vars_are_expanded(write_config) -> None:
    path = write_config("""
        [adapters.slack]
        enabled = true
        bot_token = "${SLACK_BOT_TOKEN}"
        app_token = "${SLACK_APP_TOKEN}"
    """ + MINIMAL)
    config = load_config(path, environ={"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert config.slack.bot_token == "xoxb-1" and config.slack.app_token == "xapp-1"


def test_missing_secret_for_enabled_adapter_is_an_error(write_config) -> None:
    path = write_config("""
        [adapters.discord]
        enabled = true
        token = "${DISCORD_TOKEN}"
    """ + MINIMAL)
    with pytest.raises(ConfigError) as exc:
        load_config(path, environ={})
    assert "adapters.discord.token: environment variable DISCORD_TOKEN is not set" in problems(exc)


def test_missing_secret_for_disabled_adapter_is_fine(write_config) -> None:
    path = write_config("""
        [adapters.slack]
        enabled = false
        bot_token = "${SLACK_BOT_TOKEN}"
    """ + MINIMAL)
    assert load_config(path, environ={}).slack.bot_token is None


def test_slack_needs_a_mode(write_config) -> None:
    path = write_config("""
        [adapters.slack]
        enabled = true
        bot_token = "xoxb-1"
    """ + MINIMAL)
    with pytest.raises(ConfigError) as exc:
        load_config(path, environ={})
    assert "adapters.slack: needs app_token (Socket Mode) or signing_secret" in problems(exc)


def test_not_toml_and_missing_file(write_config, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write_config("[bot\ninterval = 1"))
    with pytest.raises(ConfigError, match="cannot read the config file"):
        load_config(tmp_path / "absent.toml")


def test_unknown_event_set_and_empty_topic(write_config) -> None:
    path = write_config("""
        [topics.a]
        event_sets = ["legl"]
    """)
    with pytest.raises(ConfigError) as exc:
        load_config(path)
    assert "topics.a.event_sets[0]: unknown event set 'legl'; known: legal" in problems(exc)
    assert "topics.a: watches nothing" in problems(exc)


def test_feed_needs_url_or_path(write_config) -> None:
    path = write_config("""
        [[feeds]]
        id = "x"
        url = "https://example.org/a"
        path = "a.xml"
    """)
    with pytest.raises(ConfigError, match=r"feeds\[0\] \(x\): needs exactly one of url or path"):
        load_config(path)


@pytest.mark.parametrize(("text", "seconds"), [
    ("30s", 30), ("10m", 600), ("1h30m", 5400), ("1d", 86400), (45, 45), ("1.5h", 5400)])
def test_parse_duration(text: str | int, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["", "10x", "m", "0s", -5, "10 minutes"])
def test_parse_duration_rejects(bad: str | int) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)


def test_reliability_settings(write_config) -> None:
    config = load_config(write_config("""
        [bot]
        allow_hosts = ["127.0.0.1", "10.0.0.0/8", "Feeds.LAN"]
        max_entries = 50
        outbox_retention = "2d"
        shutdown_grace = "5s"
    """))
    assert config.bot.allow_hosts == ("127.0.0.1", "10.0.0.0/8", "feeds.lan")
    assert (config.bot.max_entries, config.bot.outbox_retention,
            config.bot.shutdown_grace) == (50, 2 * 86400, 5)
    defaults = load_config(write_config("", name="empty.toml")).bot
    assert defaults.allow_hosts == () and defaults.outbox_retention == 7 * 86400
    with pytest.raises(ConfigError) as caught:
        load_config(write_config("""
            [bot]
            allow_hosts = ["10.0.0.0/33", "http://x/"]
            max_entries = 0
        """, name="bad.toml"))
    problems = "\n".join(caught.value.problems)
    assert "bot.allow_hosts[0]: '10.0.0.0/33' is not a network" in problems
    assert "bot.allow_hosts[1]: expected a host name or address" in problems
    assert "bot.max_entries: must be at least 1" in problems
