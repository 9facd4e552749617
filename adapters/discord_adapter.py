"""Discord: the ``/news`` application commands in, alert embeds out.

Commands arrive over the gateway as interactions and go to the shared command handler; alerts
are posted over REST. The bot asks for the guilds intent only: application commands do not need
the privileged message-content intent.

Every alert and follow-up carries buttons ("Mute this story", "Not relevant", "Unsubscribe
topic") whose ``custom_id`` names the action and the alert ("newsalert:mute:17"). They are
discord.py dynamic items, matched on that pattern rather than on a view kept in memory, so a
click on a message posted before a restart is still handled; the click comes as an
interaction over the gateway, as commands do, and is answered to the one who clicked
(``bot.actions``).

Posting is safe to repeat: every message carries a nonce derived from the delivery's key with
``enforce_nonce``, so Discord returns the first message instead of creating a second one when a
post is retried within a few minutes; and the embed footer carries the key itself, so after a
crash ``find_sent`` can find the message in the channel's recent history.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.base import SendResult
from adapters.discord_embeds import (
    alert_embed,
    clip,
    digest_embed,
    embed_marker,
    followup_embed,
    headline_embed,
    mention_content,
    notice_embed,
)
from bot.actions import (
    ACTION_LABELS,
    ADMIN_ACTIONS,
    Action,
    ActionReply,
    AlertActions,
    Choice,
    action_value,
)
from bot.archive import RECENT_DEFAULT, RECENT_MAX
from bot.commands import ADMIN_ONLY, Command, Reply
from bot.config import DiscordSettings
from bot.errors import NewsAlertError, PlatformUnreachable
from bot.logs import event

if TYPE_CHECKING:
    from bot.commands import CommandHandler
    from bot.storage.records import Delivery

__all__ = ["DiscordAdapter", "DiscordStartError", "DiscordUnreachable", "delivery_embed",
           "message_nonce",
           "news_commands"]

log = logging.getLogger(__name__)

MESSAGE_LIMIT = 2000
MAX_RATE_LIMIT_WAIT = 30.0
"""Longer rate limits are handed back to the outbox as a retry instead of blocking the post."""
READY_TIMEOUT = 30.0
GUILD_READY_TIMEOUT = 0.5
"""discord.py waits this long after the last guild arrives before it is ready (2 s by
default); the bot keeps no per-guild state, so there is nothing to wait for."""
HISTORY_LIMIT = 100
"""How many of a channel's latest messages ``find_sent`` reads back."""
HISTORY_SLACK = 60.0
"""Seconds before the delivery was queued from which history is read (clock skew)."""
PERMANENT_ERRORS = {
    10003: "Unknown Channel: the channel was deleted or the id is wrong",
    50001: "Missing Access: the bot cannot see this channel (not in the server, or no "
           "View Channel permission)",
    50013: "Missing Permissions: the bot needs Send Messages and Embed Links in this channel",
}
AUTOCOMPLETE_CHOICES = 25
BUTTON_ID = re.compile(r"newsalert:(?P<name>[a-z_]{1,30}):(?P<value>[0-9:]{1,40})")
"""The ``custom_id`` of every button the bot posts: the action's name and what it carries."""
MAX_BUTTONS = 25
"""Five rows of five."""


class DiscordStartError(NewsAlertError):
    """The bot could not log in or connect; the message says what to check."""


class DiscordUnreachable(DiscordStartError, PlatformUnreachable):
    """Discord could not be reached now: the app tries again later."""


def message_nonce(key: str) -> str:
    """A nonce of at most 25 characters (Discord's limit) that is the same for every attempt."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:25]


class DiscordAdapter:
    platform = "discord"
    min_interval = 1.0
    """Discord allows about five messages per five seconds in a channel."""

    def __init__(self, settings: DiscordSettings) -> None:
        self.settings = settings
        self.client: discord.Client | None = None
        self._handler: CommandHandler | None = None
        self._actions: AlertActions | None = None
        self._button = _button_type(self)
        self._connection: asyncio.Task[None] | None = None
        self._saved_urls: tuple[str, yarl.URL] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self, commands: CommandHandler | None) -> None:
        """Log in, sync ``/news``, and connect to the gateway for interactions; without
        ``commands``, only log in, to post over REST.

        Raises ``DiscordStartError`` saying what to fix when Discord refuses the bot.
        """
        self._handler = commands
        self._actions = AlertActions(commands) if commands is not None else None
        try:
            await self._connect(gateway=commands is not None)
        except discord.LoginFailure as exc:
            await self.stop()
            raise DiscordStartError("Discord rejected the bot token (adapters.discord.token); "
                                    "check DISCORD_TOKEN") from exc
        except discord.ConnectionClosed as exc:
            await self.stop()
            raise DiscordStartError(f"the Discord gateway closed the connection: code {exc.code}"
                                    f" {exc.reason}".rstrip()) from exc
        except (discord.DiscordException, aiohttp.ClientError, OSError, TimeoutError) as exc:
            await self.stop()
            raise DiscordUnreachable(f"cannot connect to Discord at {self.settings.api_url}: "
                                    f"{type(exc).__name__}: {exc}") from exc

    async def _connect(self, gateway: bool = True) -> None:
        if not self.settings.token:
            raise discord.LoginFailure("no token")
        self._point_at(self.settings.api_url)
        # The bot never joins voice channels: no warning about voice libraries not installed.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        intents = discord.Intents.none()
        intents.guilds = True
        client = discord.Client(intents=intents, max_ratelimit_timeout=MAX_RATE_LIMIT_WAIT,
                                guild_ready_timeout=GUILD_READY_TIMEOUT)
        tree = app_commands.CommandTree(client)
        tree.add_command(news_commands(self))
        tree.error(self._on_command_error)
        client.add_dynamic_items(self._button)
        self.client = client
        await client.login(self.settings.token)
        if not gateway:
            event(log, "discord.started", mode="post-only")
            return
        if self._saved_urls is not None:
            _, url, _ = await client.http.get_bot_gateway()
            DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        await self._sync(tree)
        self._connection = asyncio.ensure_future(client.connect(reconnect=True))
        ready = asyncio.ensure_future(client.wait_until_ready())
        done, _ = await asyncio.wait({ready, self._connection}, timeout=READY_TIMEOUT,
                                     return_when=asyncio.FIRST_COMPLETED)
        if self._connection in done:
            ready.cancel()
            self._connection.result()  # raises why the gateway connection ended
        if ready not in done:
            ready.cancel()
            event(log, "discord.gateway_slow", logging.WARNING,
                  note="not ready yet; alerts are still posted, commands wait for the gateway")
            return
        event(log, "discord.ready", user=str(client.user), guilds=len(self.settings.guilds))

    async def stop(self) -> None:
        if self.client is not None:
            await self.client.close()
        if self._connection is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await self._connection
        self.client = self._connection = None
        if self._saved_urls is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._saved_urls
            self._saved_urls = None

    async def connected(self) -> bool:
        client = self.client
        return client is not None and client.is_ready() and not client.is_closed()

    def _point_at(self, api_url: str) -> None:
        """Use another REST base (and the gateway it names) than Discord's, e.g. a local
        server. discord.py keeps both per process, so they are restored on stop."""
        if api_url == DiscordSettings.api_url:
            return
        self._saved_urls = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        Route.BASE = api_url

    async def _sync(self, tree: app_commands.CommandTree) -> None:
        """Guild commands appear at once, global ones can take up to an hour."""
        if not self.settings.guilds:
            synced = await tree.sync()
            event(log, "discord.commands_synced", scope="global", commands=len(synced))
            return
        for guild_id in self.settings.guilds:
            guild = discord.Object(id=guild_id)
            tree.copy_global_to(guild=guild)
            try:
                synced = await tree.sync(guild=guild)
            except discord.Forbidden:
                event(log, "discord.commands_sync_failed", logging.ERROR, guild=guild_id,
                      error="Missing Access: invite the bot with the applications.commands scope")
                continue
            event(log, "discord.commands_synced", scope=f"guild {guild_id}",
                  commands=len(synced))

    # -- commands ----------------------------------------------------------------------------

    async def run_command(self, interaction: discord.Interaction, name: str,
                          args: str = "") -> None:
        """Hand one ``/news`` subcommand to the shared handler and answer the interaction."""
        assert self._handler is not None
        is_admin = self.is_admin(interaction)
        if name in ADMIN_ONLY and not is_admin:
            await interaction.response.send_message(
                f"/news {name} needs the Manage Channels permission in this channel.",
                ephemeral=True)
            return
        command = Command(platform=self.platform, channel=f"discord:{interaction.channel_id}",
                          user=str(interaction.user.id), name=name, args=args,
                          is_admin=is_admin)
        if name == "preview":  # may fetch a page: answer within Discord's 3 s, reply later
            await interaction.response.defer(ephemeral=True, thinking=True)
            reply = await self._handler.handle(command)
            await interaction.followup.send(**_reply_message(reply), ephemeral=True)
            return
        reply = await self._handler.handle(command)
        await interaction.response.send_message(**_reply_message(reply),
                                                ephemeral=reply.ephemeral)

    async def run_action(self, interaction: discord.Interaction, name: str, value: str) -> None:
        """Hand a click on one of the bot's buttons to the shared handler and answer it, to the
        one who clicked only; the answer to a confirmation takes the confirmation's place."""
        try:
            if self._actions is None:
                raise RuntimeError("the Discord adapter takes no commands in this worker")
            reply = await self._actions.handle(Action(
                platform=self.platform, channel=f"discord:{interaction.channel_id}",
                user=str(interaction.user.id), name=name, value=value,
                is_admin=self.is_admin(interaction) if name in ADMIN_ACTIONS else False))
        except Exception:
            log.exception("discord button failed")
            reply = ActionReply("Sorry, that failed; the error is in the bot's log.")
        content = clip(reply.text, MESSAGE_LIMIT)
        message = interaction.message
        if reply.replaces and message is not None and message.flags.ephemeral:
            await interaction.response.edit_message(content=content, view=None)
            return
        await interaction.response.send_message(
            content, view=self.buttons(reply.choices) if reply.choices else discord.utils.MISSING,
            ephemeral=True, allowed_mentions=discord.AllowedMentions.none())

    def buttons(self, choices: Sequence[Choice]) -> discord.ui.View:
        """A view of the bot's own buttons, kept by their ``custom_id`` pattern only."""
        view = discord.ui.View(timeout=None)
        for choice in choices[:MAX_BUTTONS]:
            view.add_item(self._button(choice.name, choice.value, choice.label,
                                       discord.ButtonStyle.danger if choice.danger
                                       else discord.ButtonStyle.secondary))
        return view

    def alert_buttons(self, alert_id: int) -> discord.ui.View:
        """The buttons under an alert or a follow-up."""
        return self.buttons([Choice(label, name, action_value(alert_id))
                             for name, label in ACTION_LABELS.items()])

    def is_admin(self, interaction: discord.Interaction) -> bool:
        """Manage Channels in this channel, or a user id listed in ``adapters.discord.admins``."""
        if str(interaction.user.id) in self.settings.admins:
            return True
        return interaction.permissions.manage_channels

    def topic_choices(self, current: str, channel_id: int | None = None
                      ) -> list[app_commands.Choice[str]]:
        """Topics whose id or title contains ``current``; only the channel's own topics when
        ``channel_id`` is given."""
        if self._handler is None:
            return []
        app = self._handler.app
        topics = app.config.topics
        if channel_id is not None:
            own = set(app.channel_topics(f"discord:{channel_id}"))
            topics = tuple(t for t in topics if t.id in own)
        needle = current.strip().lower()
        return [app_commands.Choice(name=clip(f"{t.id}: {t.title}", 100), value=t.id)
                for t in topics
                if needle in t.id.lower() or needle in t.title.lower()][:AUTOCOMPLETE_CHOICES]

    async def _on_command_error(self, interaction: discord.Interaction,
                                error: app_commands.AppCommandError) -> None:
        log.error("/news command failed", exc_info=error)
        message = "Sorry, that command failed; the error is in the bot's log."
        with contextlib.suppress(discord.HTTPException):
            if interaction.response.is_done():
                await interaction.followup.send(message, ephemeral=True)
            else:
                await interaction.response.send_message(message, ephemeral=True)

    # -- delivery ----------------------------------------------------------------------------

    async def send(self, delivery: Delivery) -> SendResult:
        if self.client is None:
            return SendResult.retry("Discord is not connected")
        try:
            channel_id = int(delivery.target)
        except ValueError:
            return SendResult.failed(f"{delivery.channel}: a Discord channel id is a number")
        try:
            embed = delivery_embed(delivery)
        except ValueError as exc:
            return SendResult.failed(f"cannot render {delivery.kind!r} delivery: {exc}")
        options: dict = {}
        if delivery.kind == "followup" and delivery.thread_ref and delivery.thread_ref.isdigit():
            options["reference"] = discord.MessageReference(
                message_id=int(delivery.thread_ref), channel_id=channel_id,
                fail_if_not_exists=False)
        if delivery.kind in ("alert", "followup"):
            options["view"] = self.alert_buttons(delivery.alert_id)
        channel = self.client.get_partial_messageable(channel_id)
        content, allowed = mention_content(delivery.style.mention)
        try:
            message = await channel.send(content, embed=embed, nonce=message_nonce(delivery.key),
                                         allowed_mentions=allowed, **options)
        except discord.RateLimited as exc:
            return SendResult.retry("rate limited", retry_after=exc.retry_after)
        except discord.HTTPException as exc:
            return self._http_error(delivery, exc)
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            return SendResult.retry(f"network: {type(exc).__name__}: {exc}")
        return SendResult.sent(str(message.id))

    def _http_error(self, delivery: Delivery, exc: discord.HTTPException) -> SendResult:
        if exc.status >= 500 or exc.status == 429:
            return SendResult.retry(f"HTTP {exc.status}: {exc.text}")
        if exc.status == 401:  # the whole bot is locked out, not this channel: keep the alert
            event(log, "discord.token_rejected", logging.ERROR,
                  error="Discord rejected the bot token; reset it and restart")
            return SendResult.retry("HTTP 401: the bot token was rejected")
        reason = PERMANENT_ERRORS.get(exc.code, f"HTTP {exc.status} code {exc.code}: {exc.text}")
        event(log, "discord.post_rejected", logging.ERROR, channel=delivery.channel,
              alert=delivery.alert_id, status=exc.status, code=exc.code, error=reason)
        return SendResult.failed(f"{delivery.channel}: {reason}")

    async def find_sent(self, delivery: Delivery) -> str | None:
        """The id of this bot's message whose footer carries the delivery's key, looked for
        among the channel's latest messages back to when the delivery was queued."""
        if self.client is None or self.client.user is None or not delivery.target.isdigit():
            return None
        channel = self.client.get_partial_messageable(int(delivery.target))
        since = datetime.fromtimestamp(max(0.0, delivery.created_at - HISTORY_SLACK), UTC)
        me = self.client.user.id
        try:
            async for message in channel.history(limit=HISTORY_LIMIT):
                if message.created_at < since:
                    break
                if message.author.id == me and any(
                        embed_marker(e) == delivery.key for e in message.embeds):
                    return str(message.id)
        except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as exc:
            # Posting again is then guarded only by the nonce, for a few minutes.
            event(log, "discord.history_unreadable", logging.WARNING, channel=delivery.channel,
                  error=f"{type(exc).__name__}: {exc}")
        return None


def delivery_embed(delivery: Delivery) -> discord.Embed:
    """The embed for a delivery's kind; an unknown kind is an error, not a silent drop."""
    if delivery.kind == "alert" and delivery.style.format == "headline":
        return headline_embed(delivery.alert, marker=delivery.key)
    if delivery.kind == "alert":
        return alert_embed(delivery.alert, marker=delivery.key)
    if delivery.kind == "followup":
        return followup_embed(delivery.alert, marker=delivery.key)
    if delivery.kind == "digest":
        return digest_embed(delivery.alerts, marker=delivery.key)
    if delivery.kind == "notice":
        return notice_embed(delivery.alert, marker=delivery.key)
    raise ValueError(f"unknown delivery kind {delivery.kind!r}")


def _button_type(adapter: DiscordAdapter) -> type[discord.ui.DynamicItem[discord.ui.Button]]:
    """The class of the adapter's buttons: discord.py makes one from each click whose
    ``custom_id`` fits ``BUTTON_ID``, and calls its callback."""

    class AlertButton(discord.ui.DynamicItem[discord.ui.Button], template=BUTTON_ID):
        def __init__(self, name: str, value: str, label: str = "",
                     style: discord.ButtonStyle = discord.ButtonStyle.secondary) -> None:
            super().__init__(discord.ui.Button(label=clip(label, 80) or None, style=style,
                                               custom_id=f"newsalert:{name}:{value}"))
            self.name = name
            self.value = value

        @classmethod
        async def from_custom_id(cls, interaction: discord.Interaction,
                                 item: discord.ui.Item, match: re.Match[str]) -> AlertButton:
            return cls(match["name"], match["value"])

        async def callback(self, interaction: discord.Interaction) -> None:
            await adapter.run_action(interaction, self.name, self.value)

    return AlertButton


def _reply_message(reply: Reply) -> dict:
    message: dict = {"content": clip(reply.text, MESSAGE_LIMIT),
                     "allowed_mentions": discord.AllowedMentions.none()}
    if reply.alert is not None and reply.alert.topics:
        message["embed"] = alert_embed(reply.alert)
    return message


DESCRIPTIONS = {  # Discord allows 100 characters
    "topics": "List the topics and what they watch",
    "subscribe": "Post a topic's alerts in this channel (Manage Channels)",
    "unsubscribe": "Stop a topic's alerts in this channel (Manage Channels)",
    "list": "This channel's subscriptions",
    "preview": "Show the alert an article would raise",
    "recent": "A topic's latest stories, threaded ones on one line",
    "search": "Search the stored articles",
    "status": "Feeds, last polls, errors and alerts sent today",
    "reload": "Re-read the config file (Manage Channels)",
    "resume": "Poll a feed paused for failing now (Manage Channels)",
    "help": "What /news can do",
}


def news_commands(adapter: DiscordAdapter) -> app_commands.Group:
    """``/news`` and its subcommands; each one hands over to ``adapter.run_command``."""
    group = app_commands.Group(name="news", description="News alerts for this channel",
                               guild_only=True)
    for name in ("topics", "list", "status", "reload", "help"):
        group.add_command(app_commands.Command(name=name, description=DESCRIPTIONS[name],
                                               callback=_plain_command(adapter, name)))
    for name, channel_only in (("subscribe", False), ("unsubscribe", True)):
        command = app_commands.Command(name=name, description=DESCRIPTIONS[name],
                                       callback=_topic_command(adapter, name))
        command.autocomplete("topic")(_topic_autocomplete(adapter, channel_only))
        group.add_command(command)
    group.add_command(app_commands.Command(name="preview", description=DESCRIPTIONS["preview"],
                                           callback=_preview_command(adapter)))
    group.add_command(app_commands.Command(name="resume", description=DESCRIPTIONS["resume"],
                                           callback=_resume_command(adapter)))
    recent = app_commands.Command(name="recent", description=DESCRIPTIONS["recent"],
                                  callback=_recent_command(adapter))
    recent.autocomplete("topic")(_topic_autocomplete(adapter, False))
    group.add_command(recent)
    group.add_command(app_commands.Command(name="search", description=DESCRIPTIONS["search"],
                                           callback=_search_command(adapter)))
    return group


def _recent_command(adapter: DiscordAdapter) -> Callable[..., Awaitable[None]]:
    @app_commands.describe(topic="a topic id; start typing to choose",
                           stories=f"how many stories (default {RECENT_DEFAULT})")
    async def run(interaction: discord.Interaction, topic: str,
                  stories: app_commands.Range[int, 1, RECENT_MAX] | None = None) -> None:
        await adapter.run_command(interaction, "recent",
                                  topic if stories is None else f"{topic} {stories}")
    return run


def _search_command(adapter: DiscordAdapter) -> Callable[..., Awaitable[None]]:
    @app_commands.describe(words='the words to find; "quoted words" together',
                           page="which page of results (default 1)")
    async def run(interaction: discord.Interaction, words: str,
                  page: app_commands.Range[int, 1, 1000] | None = None) -> None:
        await adapter.run_command(interaction, "search",
                                  words if page is None else f"{words} page {page}")
    return run


def _plain_command(adapter: DiscordAdapter, name: str) -> Callable[..., Awaitable[None]]:
    async def run(interaction: discord.Interaction) -> None:
        await adapter.run_command(interaction, name)
    return run


def _topic_command(adapter: DiscordAdapter, name: str) -> Callable[..., Awaitable[None]]:
    @app_commands.describe(topic="a topic id; start typing to choose")
    async def run(interaction: discord.Interaction, topic: str) -> None:
        await adapter.run_command(interaction, name, topic)
    return run


def _preview_command(adapter: DiscordAdapter) -> Callable[..., Awaitable[None]]:
    @app_commands.describe(url_or_text="an article's URL, or its text")
    async def run(interaction: discord.Interaction, url_or_text: str) -> None:
        await adapter.run_command(interaction, "preview", url_or_text)
    return run


def _resume_command(adapter: DiscordAdapter) -> Callable[..., Awaitable[None]]:
    @app_commands.describe(feed="the id of a paused feed")
    async def run(interaction: discord.Interaction, feed: str) -> None:
        await adapter.run_command(interaction, "resume", feed)
    return run


def _topic_autocomplete(adapter: DiscordAdapter, channel_only: bool
                        ) -> Callable[..., Awaitable[list[app_commands.Choice[str]]]]:
    async def choices(interaction: discord.Interaction, current: str
                      ) -> list[app_commands.Choice[str]]:
        return adapter.topic_choices(current, interaction.channel_id if channel_only else None)
    return choices
