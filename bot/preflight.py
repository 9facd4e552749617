"""What ``check-config`` finds in a config that loads but that ``run`` would refuse or fail
on: checks of the values against the world (directories, addresses, token and id shapes),
kept out of the loader so that loading stays a pure reading of the file."""

from __future__ import annotations

import os
import re

from yarl import URL

from bot.config import Config, format_duration
from watchers.netguard import NetPolicy

__all__ = ["preflight_problems"]

_SLACK_CHANNEL = re.compile(r"^[CGD][A-Z0-9]{6,}$")
_SLACK_PREFIXES = {"bot_token": "xoxb-", "app_token": "xapp-"}


def preflight_problems(config: Config) -> list[str]:
    problems = _database(config) + _feed_hosts(config) + _slack(config)
    problems += [f"{key}: the bare number {value:g} is read as seconds; write "
                 f"\"{format_duration(value)}\" to say so (durations take s, m, h or d)"
                 for key, value in config.bare_durations]
    if not config.subscriptions:
        problems.append("no [[subscriptions]]: no channel gets alerts until a slash command "
                        "subscribes one")
    return problems


def _database(config: Config) -> list[str]:
    database = config.bot.database
    if isinstance(database, str) or str(database) == ":memory:":
        return []  # a PostgreSQL URL: the server is asked when the store opens
    folder = database.parent
    if not folder.is_dir():
        return [f"bot.database: the directory {folder} does not exist; create it or give "
                "another path"]
    if not os.access(folder, os.W_OK | os.X_OK):
        return [f"bot.database: the directory {folder} is not writable by this user"]
    return []


def _feed_hosts(config: Config) -> list[str]:
    policy = NetPolicy.allowing(config.bot.allow_hosts)
    problems = []
    for i, feed in enumerate(config.feeds):
        if feed.url is None:
            continue
        reason = policy.check_url(feed.url)
        host = URL(feed.url).raw_host or ""
        if reason is None and host.lower().rstrip(".").endswith("localhost") and \
                not policy.host_allowed(host):
            reason = f"{host} is a loopback address"
        if reason is not None:
            problems.append(f"feeds[{i}] ({feed.id}).url: {reason}, which is never fetched; "
                            f"to poll it anyway, add it to bot.allow_hosts "
                            f"(allow_hosts = [\"{host.strip('[]')}\"])")
    return problems


def _slack(config: Config) -> list[str]:
    problems = []
    slack = config.slack
    if slack.enabled:
        for name, prefix in _SLACK_PREFIXES.items():
            token = getattr(slack, name)
            if token and not token.startswith(prefix):
                problems.append(f"adapters.slack.{name}: a Slack {name.replace('_', ' ')} "
                                f"starts with {prefix!r}; this one does not (is it another "
                                "token of the app?)")
    for i, sub in enumerate(config.subscriptions):
        platform, _, ident = sub.channel.partition(":")
        if platform == "slack" and not _SLACK_CHANNEL.match(ident):
            problems.append(f"subscriptions[{i}].channel: {ident!r} is not a Slack channel id "
                            "(like C0123ABC: in Slack, the channel's details show it at the "
                            "bottom); names such as #general are not accepted")
    return problems
