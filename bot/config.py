"""The TOML config file, loaded into frozen, validated objects.

Every problem is reported as a ``ConfigError`` naming the file, the key path
(``topics.icc.people[2]``) and what is wrong, and all problems found are reported together.
``${VAR}`` in a string is read from the environment; a variable that is not set is an error only
where the value is needed (a token of an enabled adapter), so a config with Slack switched off
loads without Slack's secrets.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.delivery.alertstyle import FORMATS, AlertStyle, mention_problem
from bot.errors import ConfigError
from bot.matching.namewords import only_stop_words
from bot.matching.vocabulary import event_set
from bot.models import PROMINENCE_LEVELS, Entity, EntityKind, Prominence, Topic
from bot.textnorm import STEMS, fold, tokenize

__all__ = [
    "BotSettings",
    "ChannelRule",
    "Config",
    "ConsoleSettings",
    "DiscordSettings",
    "FeedConfig",
    "SlackSettings",
    "Subscription",
    "WebhookSettings",
    "WebSettings",
    "format_duration",
    "is_postgres_url",
    "load_config",
    "parse_duration",
]

TextMode = Literal["raw", "stemmed", "auto"]
DeliveryMode = Literal["instant", "digest"]
PLATFORMS = ("console", "slack", "discord", "webhook")
SLACK_API_URL = "https://slack.com/api/"


def is_postgres_url(database: object) -> bool:
    """Whether ``bot.database`` names a PostgreSQL server rather than an SQLite file."""
    return isinstance(database, str) and database.lower().startswith(
        ("postgresql://", "postgres://"))


@dataclass(frozen=True)
class BotSettings:
    database: Path | str
    """An SQLite file, or a ``postgresql://`` URL (``is_postgres_url``)."""
    interval: float
    """Default poll interval in seconds."""
    concurrency: int = 20
    """How many feeds are fetched at once."""
    user_agent: str = "newsalert/0.1 (+https://github.com/newsalert/newsalert)"
    allow_hosts: tuple[str, ...] = ()
    """Hosts, addresses or networks that may be fetched although they are loopback or
    private (local feeds in development); everything else must be a public address."""
    max_entries: int = 500
    """Entries read from one feed document; the rest are ignored."""
    outbox_retention: float = 7 * 86400.0
    """Seconds an undelivered alert waits in the outbox before it is dropped and reported."""
    shutdown_grace: float = 10.0
    """Seconds a stopping bot waits for polls and posts under way."""
    story_window: float = 72 * 3600.0
    """Seconds during which a near-duplicate article joins an earlier story instead of alerting."""
    parse_workers: int | None = None
    """Processes that parse feeds and match the entries they find new; 0 does both in the main
    process, None starts one per core."""
    lease: float = 300.0
    """With PostgreSQL: seconds a worker holds a feed it polls or a post it makes; another
    worker takes them over once the lease lapses (the first one died)."""
    admin_channel: str | None = None
    """Where notices about the bot itself go (a feed paused for failing, then recovered)."""
    pause_after: float = 24 * 3600.0
    """Seconds a feed may fail on end before it is paused and the admin channel is told."""
    backfill: float = 24 * 3600.0
    """Seconds back a new ``/news subscribe`` looks for the topic's alerts, posted to the
    channel as one digest; 0 when off (``backfill = false``)."""


@dataclass(frozen=True)
class ConsoleSettings:
    enabled: bool = True
    file: Path | None = None
    """Append alerts to this file instead of printing them."""


@dataclass(frozen=True)
class SlackSettings:
    enabled: bool = False
    bot_token: str | None = None
    app_token: str | None = None
    signing_secret: str | None = None
    port: int = 3000
    admins: tuple[str, ...] = ()
    host: str = "0.0.0.0"
    """HTTP mode: the address the slash-command endpoint listens on."""
    api_url: str = SLACK_API_URL
    """The Web API base URL; a local server's for tests and rehearsals."""


@dataclass(frozen=True)
class DiscordSettings:
    enabled: bool = False
    token: str | None = None
    guilds: tuple[int, ...] = ()
    admins: tuple[str, ...] = ()
    api_url: str = "https://discord.com/api/v10"
    """Base URL of Discord's REST API; the gateway URL is asked from it. Change it only to run
    the bot against a local server."""


@dataclass(frozen=True)
class WebhookSettings:
    """One ``[adapters.webhook.NAME]``: alerts to ``webhook:NAME`` are POSTed to ``url`` as
    JSON signed with ``secret`` (``adapters.webhook``)."""

    name: str
    url: str
    secret: str


@dataclass(frozen=True)
class WebSettings:
    """The status page, ``/metrics``, ``/healthz`` and ``/readyz``: off unless ``listen`` is
    given. Anyone who can reach it may read the pages when no token is set, which is allowed
    on a loopback address only; ``admin_token`` opens the preview form."""

    host: str | None = None
    port: int = 8080
    token: str | None = None
    admin_token: str | None = None

    @property
    def enabled(self) -> bool:
        return self.host is not None


@dataclass(frozen=True)
class FeedConfig:
    id: str
    url: str | None
    path: Path | None
    interval: float
    text: TextMode = "auto"
    full_text: bool = False
    title: str | None = None

    @property
    def location(self) -> str:
        return self.url if self.url is not None else str(self.path)


@dataclass(frozen=True)
class ChannelRule:
    """How a channel takes its alerts: one post each as they come ("instant", with bursts of
    more than ``burst_size`` alerts within ``burst_window`` seconds folded into one digest), or
    collected into one digest a day at ``digest_at`` in ``timezone`` ("digest")."""

    mode: DeliveryMode = "instant"
    burst_size: int | None = None
    burst_window: float = 600.0
    digest_at: time = time(8, 0)
    timezone: str = "UTC"

    def describe(self) -> str:
        if self.mode == "digest":
            return f"one digest a day at {self.digest_at:%H:%M} {self.timezone}"
        if self.burst_size is not None:
            return (f"instant; more than {self.burst_size} alerts within "
                    f"{format_duration(self.burst_window)} go out as one digest")
        return "instant"


@dataclass(frozen=True)
class Subscription:
    channel: str
    topics: tuple[str, ...]
    rule: ChannelRule = field(default_factory=ChannelRule)
    style: AlertStyle = field(default_factory=AlertStyle)
    """How its alerts look and whom they ping (``bot.delivery.alertstyle``)."""
    min_prominence: Prominence = "passing"
    """The least prominent match of these topics that this channel is alerted for."""


@dataclass(frozen=True)
class Config:
    path: Path
    bot: BotSettings
    console: ConsoleSettings
    slack: SlackSettings
    discord: DiscordSettings
    feeds: tuple[FeedConfig, ...]
    topics: tuple[Topic, ...]
    subscriptions: tuple[Subscription, ...] = ()
    web: WebSettings = field(default_factory=WebSettings)
    missing_env: Mapping[str, str] = field(default_factory=dict)
    """Key path -> name of an environment variable that was not set."""
    env_values: tuple[str, ...] = ()
    """Every value read from the environment through ``${VAR}``: kept out of the logs."""
    webhooks: Mapping[str, WebhookSettings] = field(default_factory=dict)
    """The ``[adapters.webhook.NAME]`` endpoints by name."""
    bare_durations: tuple[tuple[str, float], ...] = ()
    """Key path and value of each duration given as a bare number (read as seconds)."""

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def feed(self, feed_id: str) -> FeedConfig | None:
        return next((f for f in self.feeds if f.id == feed_id), None)

    def alert_styles(self) -> list[tuple[str, tuple[str, ...], AlertStyle]]:
        """(channel, topics, style) of every configured subscription (``style_for``)."""
        return [(s.channel, s.topics, s.style) for s in self.subscriptions]

    def channel_rules(self) -> dict[str, ChannelRule]:
        """Each configured channel's delivery rule (channels not listed take the default)."""
        return {s.channel: s.rule for s in self.subscriptions}

    @property
    def enabled_platforms(self) -> tuple[str, ...]:
        on = {"console": self.console.enabled, "slack": self.slack.enabled,
              "discord": self.discord.enabled, "webhook": bool(self.webhooks)}
        return tuple(p for p in PLATFORMS if on[p])


_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_DURATION = 400 * 86400.0
"""Longer durations are mistakes (and overflow the event loop's timers)."""
MAX_SNOWFLAKE = 2**64 - 1
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def parse_duration(value: str | int | float) -> float:
    """Seconds in ``"90s"``, ``"10m"``, ``"1h30m"``, ``"1d"`` or a plain number of seconds."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"expected a duration like \"10m\", got {_kind(value)}")
    if isinstance(value, int | float):
        try:
            seconds = float(value)
        except OverflowError:
            seconds = math.inf
    else:
        text = value.strip().lower()
        parts = _DURATION.findall(text)
        if not parts or _DURATION.sub("", text).strip():
            raise ValueError(f"expected a duration like \"30s\", \"10m\" or \"1h\", got {value!r}")
        seconds = sum(float(n) * _UNIT_SECONDS[u] for n, u in parts)
    if not math.isfinite(seconds):
        raise ValueError(f"expected a finite duration like \"10m\", got {value!r}")
    if seconds <= 0:
        raise ValueError(f"a duration must be positive, got {value!r}")
    if seconds > MAX_DURATION:
        raise ValueError(f"a duration must be at most {format_duration(MAX_DURATION)}, "
                         f"got {value!r}")
    return seconds


def format_duration(seconds: float) -> str:
    """``seconds`` the way the config writes durations: "45s", "10m", "36h", "1h30m", "2d"."""
    rest = int(round(seconds))
    if rest and rest % 86400 == 0:
        return f"{rest // 86400}d"
    out = ""
    for unit, size in (("h", 3600), ("m", 60), ("s", 1)):
        if rest >= size:
            out += f"{rest // size}{unit}"
            rest %= size
    return out or "0s"


class _Reader:
    """Walks the parsed TOML, collecting every problem with its key path."""

    def __init__(self, file: Path, environ: Mapping[str, str]) -> None:
        self.file = file
        self.environ = environ
        self.problems: list[str] = []
        self.missing_env: dict[str, str] = {}
        self.env_values: set[str] = set()
        self.bare_durations: list[tuple[str, float]] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(f"{key}: {message}")

    def check_keys(self, data: Mapping[str, Any], key: str, allowed: set[str]) -> None:
        for unknown in sorted(set(data) - allowed):
            self.fail(f"{key}.{unknown}", f"unknown key (known: {', '.join(sorted(allowed))})")

    def get(self, data: Mapping[str, Any], key: str, name: str, kind: type | tuple[type, ...],
            default: Any = None) -> Any:
        if name not in data:
            return default
        value = data[name]
        if isinstance(value, bool) and kind in (int, float, (int, float), (str, int, float)):
            self.fail(f"{key}.{name}", f"expected {_describe(kind)}, got a boolean")
            return default
        if not isinstance(value, kind):
            self.fail(f"{key}.{name}", f"expected {_describe(kind)}, got {_kind(value)}")
            return default
        return self.expand(value, f"{key}.{name}") if isinstance(value, str) else value

    def expand(self, value: str, key: str) -> str | None:
        missing = [m for m in _ENV.findall(value) if m not in self.environ]
        if missing:
            self.missing_env[key] = missing[0]
            return None
        self.env_values.update(self.environ[m] for m in _ENV.findall(value))
        return _ENV.sub(lambda m: self.environ[m.group(1)], value)

    def duration(self, data: Mapping[str, Any], key: str, name: str, default: float) -> float:
        if name not in data:
            return default
        if isinstance(data[name], int | float) and not isinstance(data[name], bool):
            self.bare_durations.append((f"{key}.{name}", float(data[name])))
        try:
            return parse_duration(data[name])
        except ValueError as exc:
            self.fail(f"{key}.{name}", str(exc))
            return default

    def string_list(self, data: Mapping[str, Any], key: str, name: str) -> tuple[str, ...]:
        value = data.get(name, [])
        if not isinstance(value, list):
            self.fail(f"{key}.{name}", f"expected a list of strings, got {_kind(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                self.fail(f"{key}.{name}[{i}]", f"expected a non-empty string, got {_kind(item)}")
        return tuple(out)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return f"the string {value!r}" if len(value) < 40 else "a string"
    names = {int: "an integer", float: "a number", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _describe(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
             list: "a list", dict: "a table"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def load_config(path: str | Path, environ: Mapping[str, str] | None = None) -> Config:
    """Read and validate the config file; raise ConfigError listing every problem."""
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(file, None, f"cannot read the config file: {reason}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(file, None, "the config file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(file, None, f"not valid TOML: {exc}") from None
    return parse_config(data, file, os.environ if environ is None else environ)


def parse_config(data: Mapping[str, Any], file: Path, environ: Mapping[str, str]) -> Config:
    r = _Reader(file, environ)
    r.check_keys(data, "(top level)", {"bot", "adapters", "feeds", "topics", "subscriptions",
                                          "web"})
    base = file.resolve().parent

    bot_t = _subtable(r, data, "bot", {"database", "interval", "concurrency", "user_agent",
                                       "allow_hosts", "max_entries", "outbox_retention",
                                       "shutdown_grace", "story_window",
                                       "parse_workers", "lease", "admin_channel", "pause_after",
                                       "backfill"})
    database = r.get(bot_t, "bot", "database", str, "newsalert.db") or "newsalert.db"
    if is_postgres_url(database):
        db_path: Path | str = database
    elif database == ":memory:":
        db_path = Path(database)
    else:
        db_path = base / Path(database).expanduser()
    interval = r.duration(bot_t, "bot", "interval", 600.0)
    concurrency = r.get(bot_t, "bot", "concurrency", int, 20)
    if concurrency < 1:
        r.fail("bot.concurrency", "must be at least 1")
    parse_workers = r.get(bot_t, "bot", "parse_workers", int)
    if parse_workers is not None and parse_workers < 0:
        r.fail("bot.parse_workers", "must be 0 (parse in the main process) or more")
    max_entries = r.get(bot_t, "bot", "max_entries", int, BotSettings.max_entries)
    if max_entries < 1:
        r.fail("bot.max_entries", "must be at least 1")
    lease = r.duration(bot_t, "bot", "lease", BotSettings.lease)
    if lease < 1:
        r.fail("bot.lease", "must be at least one second")
    bot = BotSettings(
        db_path, interval, concurrency,
        _header_value(r, "bot.user_agent",
                      r.get(bot_t, "bot", "user_agent", str, BotSettings.user_agent)),
        allow_hosts=_allow_hosts(r, bot_t),
        max_entries=max_entries,
        outbox_retention=r.duration(bot_t, "bot", "outbox_retention",
                                    BotSettings.outbox_retention),
        shutdown_grace=r.duration(bot_t, "bot", "shutdown_grace", BotSettings.shutdown_grace),
        story_window=r.duration(bot_t, "bot", "story_window", BotSettings.story_window),
        parse_workers=parse_workers,
        lease=lease,
        admin_channel=_admin_channel(r, bot_t),
        pause_after=r.duration(bot_t, "bot", "pause_after", BotSettings.pause_after),
        backfill=_backfill(r, bot_t),
    )

    adapters = _subtable(r, data, "adapters", set(PLATFORMS))
    console_t = _subtable(r, adapters, "adapters.console", {"enabled", "file"})
    console_file = r.get(console_t, "adapters.console", "file", str)
    console = ConsoleSettings(r.get(console_t, "adapters.console", "enabled", bool, True),
                              base / Path(console_file).expanduser() if console_file else None)
    slack_t = _subtable(r, adapters, "adapters.slack",
                        {"enabled", "bot_token", "app_token", "signing_secret", "port", "admins",
                         "host", "api_url"})
    slack = SlackSettings(
        enabled=r.get(slack_t, "adapters.slack", "enabled", bool, False),
        bot_token=r.get(slack_t, "adapters.slack", "bot_token", str),
        app_token=r.get(slack_t, "adapters.slack", "app_token", str),
        signing_secret=r.get(slack_t, "adapters.slack", "signing_secret", str),
        port=_port(r, "adapters.slack.port", r.get(slack_t, "adapters.slack", "port", int, 3000)),
        admins=r.string_list(slack_t, "adapters.slack", "admins"),
        host=r.get(slack_t, "adapters.slack", "host", str, "0.0.0.0") or "0.0.0.0",
        api_url=_api_url(r, r.get(slack_t, "adapters.slack", "api_url", str, SLACK_API_URL)),
    )
    discord_t = _subtable(r, adapters, "adapters.discord",
                          {"enabled", "token", "guilds", "admins", "api_url"})
    guilds = [int(g) for g in _discord_ids(r, discord_t, "guilds")]
    discord = DiscordSettings(
        enabled=r.get(discord_t, "adapters.discord", "enabled", bool, False),
        token=r.get(discord_t, "adapters.discord", "token", str),
        guilds=tuple(guilds),
        admins=_discord_ids(r, discord_t, "admins"),
        api_url=(r.get(discord_t, "adapters.discord", "api_url", str) or
                 DiscordSettings.api_url).rstrip("/"),
    )
    if not discord.api_url.startswith(("https://", "http://")):
        r.fail("adapters.discord.api_url", f"expected an http(s) URL, got {discord.api_url!r}")
    _check_secrets(r, slack, discord)
    webhooks = _webhooks(r, adapters)
    web = _web(r, _subtable(r, data, "web", {"listen", "token", "admin_token"}))

    feeds = _feeds(r, data.get("feeds", []), base, interval)
    topics = _topics(r, data.get("topics", {}))
    subscriptions = _subscriptions(r, data.get("subscriptions", []), {t.id for t in topics})
    for i, sub in enumerate(subscriptions):
        _check_webhook_channel(r, f"subscriptions[{i}].channel", sub.channel, webhooks)
    if bot.admin_channel:
        _check_webhook_channel(r, "bot.admin_channel", bot.admin_channel, webhooks)

    if r.problems:
        # A problem may quote a value; one read from the environment may be a secret.
        problems = tuple(_hide(p, r.env_values) for p in r.problems)
        raise ConfigError(file, None, "\n".join(problems), problems=problems)
    return Config(file, bot, console, slack, discord, feeds, topics, subscriptions, web,
                  dict(r.missing_env), tuple(sorted(r.env_values)), webhooks,
                  tuple(r.bare_durations))


def _hide(text: str, values: set[str]) -> str:
    for value in sorted(values, key=len, reverse=True):
        if len(value) >= 6:
            text = text.replace(value, "***")
    return text


def _allow_hosts(r: _Reader, bot_t: Mapping[str, Any]) -> tuple[str, ...]:
    hosts = r.string_list(bot_t, "bot", "allow_hosts")
    for i, host in enumerate(hosts):
        with_port = _HOST_PORT.match(host)
        if with_port and not _is_ip(host):
            r.fail(f"bot.allow_hosts[{i}]", f"{host!r} has a port: allow hosts are matched "
                   f"without one, write {with_port.group(1).strip('[]')!r}")
        elif not re.match(r"^[\w.:\[\]-]+(/\d+)?$", host):
            r.fail(f"bot.allow_hosts[{i}]", f"expected a host name or address, got {host!r}")
        elif "/" in host:
            try:
                ipaddress.ip_network(host.strip("[]"), strict=False)
            except ValueError:
                r.fail(f"bot.allow_hosts[{i}]", f"{host!r} is not a network like 10.0.0.0/8")
    return tuple(h.lower() for h in hosts)


def _backfill(r: _Reader, bot_t: Mapping[str, Any]) -> float:
    """``bot.backfill``: a duration, or ``false`` for no backfill."""
    if bot_t.get("backfill") is False:
        return 0.0
    if bot_t.get("backfill") is True:
        r.fail("bot.backfill", 'expected a duration like "24h", or false for none')
        return 0.0
    return r.duration(bot_t, "bot", "backfill", BotSettings.backfill)


def _admin_channel(r: _Reader, bot_t: Mapping[str, Any]) -> str | None:
    channel = r.get(bot_t, "bot", "admin_channel", str)
    problem = channel_problem(channel) if channel else None
    if problem:
        r.fail("bot.admin_channel", problem)
        return None
    return channel or None
_LISTEN = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<host>[\w.-]+)):(?P<port>\d{1,5})$")
MIN_WEB_TOKEN = 16
"""Characters a web token needs at the least: it is all that guards the pages."""


def _web(r: _Reader, web_t: Mapping[str, Any]) -> WebSettings:
    listen = r.get(web_t, "web", "listen", str)
    tokens = {name: r.get(web_t, "web", name, str) for name in ("token", "admin_token")}
    for name, token in tokens.items():
        if token is not None and len(token) < MIN_WEB_TOKEN:
            r.fail(f"web.{name}", f"must be at least {MIN_WEB_TOKEN} characters long")
        elif token is None and f"web.{name}" in r.missing_env:
            r.fail(f"web.{name}", f"environment variable {r.missing_env[f'web.{name}']} is not "
                                  "set")
    if listen is None:
        return WebSettings(**tokens)
    found = _LISTEN.match(listen.strip())
    if not found or int(found.group("port")) > 65535:
        r.fail("web.listen", f"expected \"host:port\" such as \"127.0.0.1:8080\", got {listen!r}")
        return WebSettings(**tokens)
    host = found.group("v6") or found.group("host")
    if not (tokens["token"] or tokens["admin_token"]) and not is_loopback(host):
        r.fail("web.listen", f"{host} is not a loopback address: set web.token (or "
                             "web.admin_token) so that only those who have it see the pages")
    return WebSettings(host, int(found.group("port")), **tokens)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only ("localhost", 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _subtable(r: _Reader, parent: Mapping[str, Any], key: str,
              allowed: set[str]) -> Mapping[str, Any]:
    name = key.rsplit(".", 1)[-1]
    value = parent.get(name, {})
    if not isinstance(value, Mapping):
        r.fail(key, f"expected a table, got {_kind(value)}")
        return {}
    r.check_keys(value, key, allowed)
    return value


_HOST_PORT = re.compile(r"^(\[[^\]]*\]|[^:\[\]]+):(\d*)$")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _port(r: _Reader, key: str, port: int) -> int:
    """A TCP port: 1 to 65535, or 0 for any free one."""
    if not 0 <= port <= 65535:
        r.fail(key, f"expected a port from 1 to 65535 (or 0 for any free port), got {port}")
        return 0
    return port


def _header_value(r: _Reader, key: str, value: str | None) -> str:
    """A value sent as an HTTP header: one line of Latin-1 text, or every request fails."""
    if value is None:
        return BotSettings.user_agent
    if _CONTROL.search(value):
        r.fail(key, "must be one line without control characters (it is sent as an HTTP "
               "header)")
    elif not value.strip():
        r.fail(key, "must not be empty")
    else:
        try:
            value.encode("latin-1")
        except UnicodeEncodeError:
            r.fail(key, "must be plain text that fits an HTTP header (Latin-1 characters)")
    return value


def _api_url(r: _Reader, value: str | None) -> str:
    """An http(s) base URL ending in "/", as slack_sdk joins method names onto it."""
    if not value:
        return SLACK_API_URL
    if not re.match(r"https?://[^/\s]+", value):
        r.fail("adapters.slack.api_url", f"expected an http(s) URL, got {value!r}")
        return SLACK_API_URL
    return value if value.endswith("/") else value + "/"


def _discord_ids(r: _Reader, table: Mapping[str, Any], name: str) -> tuple[str, ...]:
    """Discord ids (snowflakes) written as numbers or as strings alike, kept as strings."""
    value = table.get(name, [])
    if not isinstance(value, list):
        r.fail(f"adapters.discord.{name}", f"expected a list of ids, got {_kind(value)}")
        return ()
    ids = []
    for i, item in enumerate(value):
        text = str(item).strip() if isinstance(item, int | str) and \
            not isinstance(item, bool) else ""
        # Never floats, which cannot even hold an 18-digit id exactly.
        if text.isdigit() and 0 < int(text) <= MAX_SNOWFLAKE:
            ids.append(text)
        else:
            r.fail(f"adapters.discord.{name}[{i}]", f"expected a Discord id (a number such as "
                   f"123456789012345678), got {_kind(item)}")
    return tuple(ids)


def _check_secrets(r: _Reader, slack: SlackSettings, discord: DiscordSettings) -> None:
    def need(key: str, value: str | None) -> None:
        if value:
            return
        var = r.missing_env.get(key)
        r.fail(key, f"environment variable {var} is not set" if var else "is required")

    if slack.enabled:
        need("adapters.slack.bot_token", slack.bot_token)
        if not slack.app_token and not slack.signing_secret:
            var = r.missing_env.get("adapters.slack.app_token") or \
                r.missing_env.get("adapters.slack.signing_secret")
            hint = f" (environment variable {var} is not set)" if var else ""
            r.fail("adapters.slack", "needs app_token (Socket Mode) or signing_secret (HTTP mode)"
                   + hint)
    if discord.enabled:
        need("adapters.discord.token", discord.token)


def _webhooks(r: _Reader, adapters: Mapping[str, Any]) -> dict[str, WebhookSettings]:
    value = adapters.get("webhook", {})
    if not isinstance(value, Mapping):
        r.fail("adapters.webhook", f"expected tables [adapters.webhook.NAME], got {_kind(value)}")
        return {}
    hooks = {}
    for name, item in value.items():
        key = f"adapters.webhook.{name}"
        if not _ID.match(name):
            r.fail(key, "a webhook name uses letters, digits, '-', '_' and '.' only")
            continue
        if not isinstance(item, Mapping):
            r.fail(key, f"expected a table with url and secret, got {_kind(item)}")
            continue
        r.check_keys(item, key, {"url", "secret"})
        url = r.get(item, key, "url", str)
        secret = r.get(item, key, "secret", str)
        for field_name, found in (("url", url), ("secret", secret)):
            if not found:
                var = r.missing_env.get(f"{key}.{field_name}")
                r.fail(f"{key}.{field_name}",
                       f"environment variable {var} is not set" if var else "is required")
        if url and not re.match(r"^https?://[^/\s]+", url):
            r.fail(f"{key}.url", f"expected an http:// or https:// URL, got {url!r}")
        elif secret is not None and 0 < len(secret) < 16:
            r.fail(f"{key}.secret", "is too short: use at least 16 random characters")
        elif url and secret:
            hooks[name] = WebhookSettings(name, url, secret)
    return hooks


def _check_webhook_channel(r: _Reader, key: str, channel: str,
                           webhooks: Mapping[str, WebhookSettings]) -> None:
    platform, _, name = channel.partition(":")
    if platform == "webhook" and name not in webhooks:
        r.fail(key, f"no usable [adapters.webhook.{name}] (usable: "
                    f"{', '.join(sorted(webhooks)) or 'none'})")


def _feeds(r: _Reader, value: Any, base: Path, default_interval: float) -> tuple[FeedConfig, ...]:
    if not isinstance(value, list):
        r.fail("feeds", "expected an array of tables ([[feeds]]), got " + _kind(value))
        return ()
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    allowed = {"id", "url", "path", "interval", "text", "full_text", "title"}
    for i, item in enumerate(value):
        key = f"feeds[{i}]"
        if not isinstance(item, Mapping):
            r.fail(key, f"expected a table, got {_kind(item)}")
            continue
        r.check_keys(item, key, allowed)
        feed_id = r.get(item, key, "id", str)
        if not feed_id:
            r.fail(f"{key}.id", "is required")
            continue
        key = f"feeds[{i}] ({feed_id})"
        if not _ID.match(feed_id):
            r.fail(f"{key}.id", "use letters, digits, '-', '_' and '.' only")
        if feed_id in seen:
            r.fail(f"{key}.id", "is used by another feed")
        seen.add(feed_id)
        url = r.get(item, key, "url", str)
        path = r.get(item, key, "path", str)
        if (url is None) == (path is None):
            unset = [k for k in (f"{key}.url", f"{key}.path") if k in r.missing_env]
            if unset:
                r.fail(unset[0], f"environment variable {r.missing_env[unset[0]]} is not set")
            else:
                r.fail(key, "needs exactly one of url or path")
            continue
        if url is not None and not re.match(r"^https?://[^/\s]+", url):
            r.fail(f"{key}.url", f"expected an http:// or https:// URL, got {url!r}")
        text = r.get(item, key, "text", str, "auto")
        if text not in ("raw", "stemmed", "auto"):
            r.fail(f"{key}.text", f"expected \"raw\", \"stemmed\" or \"auto\", got {text!r}")
            text = "auto"
        feeds.append(FeedConfig(
            id=feed_id,
            url=url,
            path=(base / Path(path).expanduser()) if path is not None else None,
            interval=r.duration(item, key, "interval", default_interval),
            text=text,
            full_text=r.get(item, key, "full_text", bool, False),
            title=r.get(item, key, "title", str),
        ))
    return tuple(feeds)


def _topics(r: _Reader, value: Any) -> tuple[Topic, ...]:
    if not isinstance(value, Mapping):
        r.fail("topics", f"expected a table of topics ([topics.NAME]), got {_kind(value)}")
        return ()
    allowed = {"title", "people", "organizations", "events", "event_sets", "exclude", "ignore",
               "require_event", "context", "min_prominence", "commentators"}
    topics = []
    for topic_id, item in value.items():
        key = f"topics.{topic_id}"
        if not _ID.match(topic_id):
            r.fail(key, "a topic name uses letters, digits, '-', '_' and '.' only")
        if not isinstance(item, Mapping):
            r.fail(key, f"expected a table, got {_kind(item)}")
            continue
        r.check_keys(item, key, allowed)
        people = _entities(r, item, key, "people", "person")
        organizations = _entities(r, item, key, "organizations", "organization")
        events = list(_entities(r, item, key, "events", "event"))
        for i, name in enumerate(r.string_list(item, key, "event_sets")):
            try:
                events.extend(e for e in event_set(name) if e not in events)
            except KeyError as exc:
                r.fail(f"{key}.event_sets[{i}]", str(exc.args[0]))
        exclude = r.string_list(item, key, "exclude")
        for i, term in enumerate(exclude):
            _check_term(r, f"{key}.exclude[{i}]", term)
        ignore = r.string_list(item, key, "ignore")
        for i, term in enumerate(ignore):
            _check_term(r, f"{key}.ignore[{i}]", term)
        if not (people or organizations or events):
            r.fail(key, "watches nothing: give people, organizations, events or event_sets")
        context = r.string_list(item, key, "context")
        for i, term in enumerate(context):
            _check_term(r, f"{key}.context[{i}]", term)
        topics.append(Topic(
            id=topic_id,
            title=r.get(item, key, "title", str, topic_id) or topic_id,
            people=people,
            organizations=organizations,
            events=tuple(events),
            exclude=exclude,
            ignore=ignore,
            require_event=r.get(item, key, "require_event", bool, False),
            context=context,
            min_prominence=_prominence(r, item, key),
            commentators=r.get(item, key, "commentators", bool, True),
        ))
    return tuple(topics)


def _prominence(r: _Reader, item: Mapping[str, Any], key: str) -> Prominence:
    """A ``min_prominence`` value: one of the levels, least prominent first."""
    value = r.get(item, key, "min_prominence", str, "passing")
    if value not in PROMINENCE_LEVELS:
        r.fail(f"{key}.min_prominence", f"expected one of {', '.join(PROMINENCE_LEVELS)}, "
               f"got {value!r}")
        return "passing"
    return value  # type: ignore[return-value]


def _entities(r: _Reader, item: Mapping[str, Any], key: str, name: str,
              kind: EntityKind) -> tuple[Entity, ...]:
    value = item.get(name, [])
    if not isinstance(value, list):
        r.fail(f"{key}.{name}", f"expected a list, got {_kind(value)}")
        return ()
    out = []
    allowed = {"name", "aliases", "min_prominence"} | ({"surname"} if kind == "person" else set()) \
        | ({"not_as"} if kind == "event" else set())
    for i, entry in enumerate(value):
        ekey = f"{key}.{name}[{i}]"
        if isinstance(entry, str):
            if entry.strip():
                _check_term(r, ekey, entry)
                out.append(Entity(kind, entry.strip()))
            else:
                r.fail(ekey, "is an empty name")
            continue
        if not isinstance(entry, Mapping):
            r.fail(ekey, f"expected a name or a table with name and aliases, got {_kind(entry)}")
            continue
        r.check_keys(entry, ekey, allowed)
        entity_name = r.get(entry, ekey, "name", str)
        if not entity_name or not entity_name.strip():
            r.fail(f"{ekey}.name", "is required")
            continue
        aliases = r.string_list(entry, ekey, "aliases")
        _check_term(r, f"{ekey}.name", entity_name)
        for j, alias in enumerate(aliases):
            _check_term(r, f"{ekey}.aliases[{j}]", alias)
        not_as = r.string_list(entry, ekey, "not_as") if kind == "event" else ()
        for j, form in enumerate(not_as):
            _check_form(r, f"{ekey}.not_as[{j}]", form, (entity_name, *aliases))
        out.append(Entity(
            kind,
            entity_name.strip(),
            aliases,
            r.get(entry, ekey, "surname", bool, True),
            _prominence(r, entry, ekey) if "min_prominence" in entry else None,
            tuple(" ".join(fold(t) for t in tokenize(form)) for form in not_as),
        ))
    return tuple(out)


def _check_form(r: _Reader, key: str, form: str, names: Sequence[str]) -> None:
    """A form in ``not_as`` must be a form of the event as the matcher finds it: the same stems
    as the event's name or one of its aliases ("fired" for "fire"), else it never applies."""
    stems = [STEMS[fold(t)] for t in tokenize(form)]
    if not stems or all(stems != [STEMS[fold(t)] for t in tokenize(name)] for name in names):
        r.fail(key, f"{form!r} is no form of {names[0]!r}: not_as lists forms of the event's "
                    "own word that should not count (\"fired\" for \"fire\")")


def _check_term(r: _Reader, key: str, term: str) -> None:
    """A watched term must have a letter or a digit, since matching compares words, and a word
    that is not a stop word ("the", "of"): one of those alone never tells an article apart."""
    if not any(c.isalnum() for c in term):
        r.fail(key, f"{term!r} has no letters or digits to match")
    elif only_stop_words(term):
        r.fail(key, f"{term!r} has only stop words, which can never tell an article apart")


def _subscriptions(r: _Reader, value: Any, topic_ids: set[str]) -> tuple[Subscription, ...]:
    if not isinstance(value, list):
        r.fail("subscriptions", "expected an array of tables ([[subscriptions]]), got "
               + _kind(value))
        return ()
    out = []
    rules: dict[str, tuple[str, ChannelRule]] = {}
    for i, item in enumerate(value):
        key = f"subscriptions[{i}]"
        if not isinstance(item, Mapping):
            r.fail(key, f"expected a table, got {_kind(item)}")
            continue
        r.check_keys(item, key, {"channel", "topics", "min_prominence", *_RULE_KEYS,
                                 *_STYLE_KEYS})
        channel = r.get(item, key, "channel", str)
        if not channel:
            r.fail(f"{key}.channel", "is required")
            continue
        problem = channel_problem(channel)
        if problem:
            r.fail(f"{key}.channel", problem)
        topics = r.string_list(item, key, "topics")
        for j, topic in enumerate(topics):
            if topic not in topic_ids:
                r.fail(f"{key}.topics[{j}]", f"unknown topic {topic!r} (known: "
                       f"{', '.join(sorted(topic_ids)) or 'none'})")
        rule = _channel_rule(r, item, key)
        if any(k in item for k in _RULE_KEYS):
            first = rules.setdefault(channel, (key, rule))
            if first[1] != rule:
                r.fail(key, f"delivery settings for {channel} differ from those in {first[0]}; "
                            "give them once per channel")
        out.append(Subscription(channel, topics, style=_alert_style(r, item, key, channel),
                                min_prominence=_prominence(r, item, key)))
    # A channel's settings may be given on any one of its subscriptions.
    return tuple(replace(s, rule=rules[s.channel][1]) if s.channel in rules else s
                 for s in out)


_STYLE_KEYS = ("format", "max_quotes", "max_figures", "mention")


def _alert_style(r: _Reader, item: Mapping[str, Any], key: str, channel: str) -> AlertStyle:
    form = r.get(item, key, "format", str, "full")
    if form not in FORMATS:
        r.fail(f"{key}.format", f"expected \"full\", \"compact\" or \"headline\", got {form!r}")
        form = "full"
    caps = {}
    for name in ("max_quotes", "max_figures"):
        caps[name] = r.get(item, key, name, int)
        if caps[name] is not None and caps[name] < 0:
            r.fail(f"{key}.{name}", f"must be 0 or more, got {caps[name]}")
            caps[name] = None
    mention = item.get("mention", [])
    mentions = (mention,) if isinstance(mention, str) else \
        r.string_list(item, key, "mention")
    platform = channel.partition(":")[0]
    for value in mentions:
        problem = mention_problem(platform, value)
        if problem:
            r.fail(f"{key}.mention", problem)
    return AlertStyle(form, caps["max_quotes"], caps["max_figures"],
                      tuple(m for m in mentions if not mention_problem(platform, m)))


_RULE_KEYS = ("mode", "burst_size", "burst_window", "digest_at", "timezone")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def _channel_rule(r: _Reader, item: Mapping[str, Any], key: str) -> ChannelRule:
    mode = r.get(item, key, "mode", str, "instant")
    if mode not in ("instant", "digest"):
        r.fail(f"{key}.mode", f"expected \"instant\" or \"digest\", got {mode!r}")
        mode = "instant"
    burst_size = r.get(item, key, "burst_size", int)
    if burst_size is not None and burst_size < 1:
        r.fail(f"{key}.burst_size", f"must be at least 1, got {burst_size}")
        burst_size = None
    burst_window = r.duration(item, key, "burst_window", ChannelRule.burst_window)
    digest_at = ChannelRule.digest_at
    clock = r.get(item, key, "digest_at", str)
    if clock is not None:
        found = _CLOCK.match(clock.strip())
        if found:
            digest_at = time(int(found.group(1)), int(found.group(2)))
        else:
            r.fail(f"{key}.digest_at", f"expected a time of day like \"08:00\", got {clock!r}")
    zone = r.get(item, key, "timezone", str, ChannelRule.timezone) or ChannelRule.timezone
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        r.fail(f"{key}.timezone", f"unknown time zone {zone!r} (use an IANA name such as "
                                  "\"Europe/London\")")
        zone = ChannelRule.timezone
    if mode != "digest":
        for name in ("digest_at", "timezone"):
            if name in item:
                r.fail(f"{key}.{name}", "only applies with mode = \"digest\"")
    elif "burst_size" in item:
        r.fail(f"{key}.burst_size", "does not apply with mode = \"digest\" (every alert waits "
                                    "for the digest)")
    if "burst_window" in item and "burst_size" not in item:
        r.fail(f"{key}.burst_window", "only applies with burst_size")
    return ChannelRule(mode, burst_size, burst_window, digest_at, zone)


def channel_problem(channel: str) -> str | None:
    """Why ``channel`` is not a valid "platform:id" channel name, or None when it is."""
    platform, sep, ident = channel.partition(":")
    if not sep or not ident:
        return f"expected \"platform:channel-id\" (e.g. \"slack:C0123ABC\"), got {channel!r}"
    if platform not in PLATFORMS:
        return f"unknown platform {platform!r} in {channel!r} (known: {', '.join(PLATFORMS)})"
    if platform == "discord" and not ident.isdigit():
        return f"a Discord channel id is a number, got {ident!r}"
    return None

