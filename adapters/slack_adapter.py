"""Slack: ``/news`` slash commands in, Block Kit alerts out.

Commands arrive through slack-bolt, over Socket Mode when an app token is configured (no public
URL needed) or else as signed HTTP requests on ``host:port`` + ``/slack/events``. Either way
Bolt checks them (signature and timestamp in HTTP mode), the command is acknowledged at once
to meet Slack's 3-second deadline, and the shared command handler's reply follows through the
command's response URL. Clicks on the buttons under an alert ("Mute this story", "Not
relevant", "Unsubscribe topic") come the same way, as ``block_actions`` payloads: verified by
Bolt, acknowledged at once, answered to the one who clicked (``bot.actions``).

Posts go out with ``chat.postMessage``. Each carries message metadata with the delivery's
idempotency key, so that after a crash, or a timeout that hid whether a post went through, the
channel's recent history (``conversations.history``, or ``conversations.replies`` for a thread)
tells whether the message is already there; this needs the ``channels:history`` and
``groups:history`` scopes, and without them a post may be repeated after a crash.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.base import SendResult
from adapters.slack_blocks import (
    ACTION_PREFIX,
    Message,
    alert_message,
    choices_message,
    digest_message,
    followup_message,
    headline_message,
    notice_message,
    text_message,
    with_actions,
    with_mention,
)
from bot.actions import ADMIN_ACTIONS, Action, ActionReply, AlertActions
from bot.commands import ADMIN_ONLY, Command
from bot.errors import NewsAlertError, PlatformUnreachable
from bot.logs import event

if TYPE_CHECKING:
    from bot.commands import CommandHandler, Reply
    from bot.config import SlackSettings
    from bot.storage.records import Delivery

__all__ = ["EVENTS_PATH", "METADATA_EVENT_TYPES", "SlackAdapter"]

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
METADATA_EVENT_TYPES = {"alert": "newsalert_alert", "followup": "newsalert_followup",
                        "digest": "newsalert_digest", "notice": "newsalert_notice"}
PERMANENT_ERRORS = {
    "channel_not_found": "the channel does not exist or the bot cannot see it",
    "not_in_channel": "the bot is not a member of the channel: invite it with /invite",
    "is_archived": "the channel is archived",
    "invalid_auth": "the bot token is not valid",
    "account_inactive": "the bot token belongs to a deactivated app or user",
    "token_revoked": "the bot token was revoked",
    "token_expired": "the bot token expired",
    "not_authed": "no bot token was sent",
    "missing_scope": "the app lacks the chat:write scope",
    "restricted_action": "the workspace does not let the bot post in this channel",
}
TOKEN_ERRORS = {"invalid_auth", "account_inactive", "token_revoked", "token_expired", "not_authed"}
BLOCK_ERRORS = {"invalid_blocks", "invalid_blocks_format", "msg_too_long"}
TRANSIENT_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
                    "request_timeout"}
LOOKUP_PAGES = 10
LOOKUP_PAGE_SIZE = 200
LOOKUP_MARGIN = 120.0
"""Seconds before a delivery was queued to start looking for its message (clock skew)."""
ADMIN_CACHE_SECONDS = 300.0
START_TIMEOUT = 15.0
"""Seconds for the token check and the Socket Mode connection at start."""

_WORDS = re.compile(r"(\S*)\s*(.*)", re.DOTALL)
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>")


class SlackAdapter:
    platform = "slack"
    min_interval = 1.0

    def __init__(self, settings: SlackSettings, *, timeout: float = 30.0) -> None:
        self.settings = settings
        # No built-in retries: the outbox decides when to try again, and a retried post that
        # may have gone through is checked against the channel first.
        self.client = AsyncWebClient(token=settings.bot_token, base_url=settings.api_url,
                                     timeout=timeout, retry_handlers=[])  # type: ignore[arg-type]
        self.app = AsyncApp(client=self.client, signing_secret=settings.signing_secret or "",
                            name="newsalert", request_verification_enabled=True)
        self.app.command("/news")(self._on_news)
        self.app.action(re.compile("^" + re.escape(ACTION_PREFIX)))(self._on_button)
        self.port: int | None = None
        """HTTP mode: the port the endpoint is listening on, once started."""
        self._commands: CommandHandler | None = None
        self._actions: AlertActions | None = None
        self._runner: web.AppRunner | None = None
        self._socket: Any = None
        self._socket_error = ""
        self._admins: dict[str, tuple[bool, float]] = {}
        self._not_posted: set[str] = set()
        """Delivery keys whose earlier attempts are known to have posted nothing, so that a
        retry need not read the channel's history first."""

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self, commands: CommandHandler | None) -> None:
        """Check the token and open the command channel (Socket Mode or the HTTP endpoint);
        with ``commands`` None, only check the token (a worker that posts but takes no commands).

        Raises ``NewsAlertError`` when Slack refuses a token, and ``PlatformUnreachable`` when
        Socket Mode cannot connect within ``START_TIMEOUT`` seconds (the app tries again later;
        posts do not need the socket).
        """
        self._commands = commands
        self._actions = AlertActions(commands) if commands is not None else None
        self._open_session()
        try:
            async with asyncio.timeout(START_TIMEOUT):
                await self._check_token()
                if commands is None:
                    event(log, "slack.started", mode="post-only")
                elif self.settings.app_token:
                    await self._start_socket_mode()
                else:
                    await self._start_http()
        except TimeoutError:
            await self.stop()
            raise PlatformUnreachable(f"no answer from Slack at {self.settings.api_url} within "
                                      f"{START_TIMEOUT:g} s") from None
        except BaseException:
            await self.stop()
            raise

    async def _start_socket_mode(self) -> None:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
        # The socket client retries a refused app token, and an unreachable Slack, forever and
        # inside its connect(): ask for the socket URL once here, so that a wrong token stops
        # the start with a clear error and an unreachable Slack leaves the retrying to the app.
        url = await self._socket_url()
        if url is None:
            raise PlatformUnreachable(f"cannot open a Socket Mode connection at "
                                      f"{self.settings.api_url}: {self._socket_error}")
        self._socket = AsyncSocketModeHandler(self.app, self.settings.app_token)
        self._socket.client.wss_uri = url
        await self._socket.connect_async()
        event(log, "slack.started", mode="socket")

    async def _start_http(self) -> None:
        self._runner = web.AppRunner(self.web_app())
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, self.settings.host, self.settings.port).start()
        except OSError as exc:  # in use, not an address of this machine, or not allowed
            raise NewsAlertError(
                f"adapters.slack.port: cannot listen on {self.settings.host}:"
                f"{self.settings.port}: {exc.strerror or exc}; set adapters.slack.host and "
                "port to a free address of this machine") from None
        self.port = self._runner.addresses[0][1]
        event(log, "slack.started", mode="http", host=self.settings.host, port=self.port,
              path=EVENTS_PATH)

    def _open_session(self) -> None:
        """One connection pool for every Web API call, instead of a new one per call."""
        if self.client.session is None or self.client.session.closed:
            self.client.session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.client.timeout))

    async def stop(self) -> None:
        session, self.client.session = self.client.session, None
        if session is not None:
            await session.close()
        if self._socket is not None:
            await self._socket.close_async()
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def connected(self) -> bool:
        if self._socket is not None:
            return bool(await self._socket.client.is_connected())
        return self._runner is not None

    async def _socket_url(self) -> str | None:
        try:
            answer = await self.client.apps_connections_open(app_token=self.settings.app_token)
        except SlackApiError as exc:
            error = _error_code(exc)
            if error in TOKEN_ERRORS:
                raise NewsAlertError(f"Slack refused the app token ({error}); check "
                                     "adapters.slack.app_token (an xapp- token with the "
                                     "connections:write scope)") from None
            self._socket_error = error or f"HTTP {_status(exc)}"
            return None
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            self._socket_error = _describe(exc)
            return None
        return str(answer["url"])

    def web_app(self) -> web.Application:
        """The HTTP endpoint Slack sends slash commands to (HTTP mode)."""
        app = web.Application()
        app.router.add_post(EVENTS_PATH, self._http)
        return app

    async def _http(self, request: web.Request) -> web.Response:
        response = await self.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    async def _check_token(self) -> None:
        """Fail at start on a refused token; only warn when Slack cannot be reached."""
        try:
            answer = await self.client.auth_test()
        except SlackApiError as exc:
            error = _error_code(exc)
            if error in TOKEN_ERRORS:
                raise NewsAlertError(f"Slack refused the bot token ({error}): "
                                     f"{PERMANENT_ERRORS[error]}; check adapters.slack.bot_token"
                                     ) from None
            event(log, "slack.auth_check_failed", logging.WARNING, error=error)
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            event(log, "slack.auth_check_failed", logging.WARNING, error=_describe(exc))
        else:
            event(log, "slack.connected", team=answer.get("team"), bot=answer.get("user_id"))

    # -- commands --------------------------------------------------------------------------

    async def _on_news(self, ack: Any, command: dict[str, Any], respond: Any) -> None:
        await ack()
        try:
            reply = await self.handle_command(command)
            await respond(**self.reply_body(reply))
        except Exception:
            log.exception("slack /news command failed")
            await respond(text="Sorry, that command failed on our side; the error is logged.",
                          response_type="ephemeral", replace_original=False)

    async def handle_command(self, payload: dict[str, Any]) -> Reply:
        """Turn a slash-command payload into the shared handler's reply."""
        if self._commands is None:
            raise RuntimeError("the Slack adapter was not started")
        words = _WORDS.match(command_text(str(payload.get("text") or "")).strip())
        name, args = (words.group(1), words.group(2)) if words else ("", "")
        name = name or "help"
        user = str(payload.get("user_id") or "")
        is_admin = await self.is_admin(user) if name.lower() in ADMIN_ONLY else False
        return await self._commands.handle(Command(
            platform="slack", channel=f"slack:{payload.get('channel_id', '')}", user=user,
            name=name, args=args.strip(), is_admin=is_admin))

    async def _on_button(self, ack: Any, body: dict[str, Any], action: dict[str, Any],
                         respond: Any) -> None:
        """A click on a button under an alert (or of its confirmation): acknowledged at once,
        as a slash command is, then answered to the one who clicked through the response URL."""
        await ack()
        try:
            reply = await self.handle_button(body, action)
            # Only a confirmation (shown to one person) is ever replaced, never a posted alert.
            in_confirmation = bool((body.get("container") or {}).get("is_ephemeral"))
            await respond(**self.button_reply_body(reply, in_confirmation))
        except Exception:
            log.exception("slack button failed")
            await respond(text="Sorry, that failed on our side; the error is logged.",
                          response_type="ephemeral", replace_original=False)

    async def handle_button(self, body: dict[str, Any], action: dict[str, Any]) -> ActionReply:
        """Turn a block_actions payload into the shared handler's reply."""
        if self._actions is None:
            raise RuntimeError("the Slack adapter was not started")
        name = str(action.get("action_id") or "").removeprefix(ACTION_PREFIX)
        user = str((body.get("user") or {}).get("id") or "")
        channel = str((body.get("channel") or {}).get("id")
                      or (body.get("container") or {}).get("channel_id") or "")
        is_admin = await self.is_admin(user) if name in ADMIN_ACTIONS else False
        return await self._actions.handle(Action(
            platform="slack", channel=f"slack:{channel}", user=user, name=name,
            value=str(action.get("value") or ""), is_admin=is_admin))

    @staticmethod
    def button_reply_body(reply: ActionReply, in_confirmation: bool) -> dict[str, Any]:
        """Seen by the one who clicked only; the answer to a confirmation takes its place."""
        return {**choices_message(reply.text, reply.choices), "response_type": "ephemeral",
                "replace_original": reply.replaces and in_confirmation}

    @staticmethod
    def reply_body(reply: Reply) -> dict[str, Any]:
        message = text_message(reply.text, reply.alert)
        return {**message, "response_type": "ephemeral" if reply.ephemeral else "in_channel",
                "replace_original": False}

    async def is_admin(self, user: str) -> bool:
        """Configured admins, or when none are configured, the workspace's admins and owners."""
        if self.settings.admins:
            return user in self.settings.admins
        cached = self._admins.get(user)
        if cached and cached[1] > time.monotonic():
            return cached[0]
        try:
            info = await self.client.users_info(user=user)
        except (SlackApiError, aiohttp.ClientError, TimeoutError, OSError) as exc:
            event(log, "slack.users_info_failed", logging.WARNING, user=user,
                  error=_describe(exc))
            return False
        profile = info.get("user") or {}
        admin = bool(profile.get("is_admin") or profile.get("is_owner")
                     or profile.get("is_primary_owner"))
        self._admins[user] = (admin, time.monotonic() + ADMIN_CACHE_SECONDS)
        return admin

    # -- delivery --------------------------------------------------------------------------

    @staticmethod
    def render(delivery: Delivery) -> Message:
        if delivery.kind == "digest":
            return with_mention(digest_message(delivery.alerts), delivery.style.mention)
        if delivery.kind == "followup":
            # alerts[0] is the new article; any others are the story's earlier ones.
            return with_actions(followup_message(delivery.alert, delivery.alerts[1:]),
                                delivery.alert_id)
        if delivery.kind == "notice":
            return notice_message(delivery.alert)
        message = headline_message(delivery.alert) if delivery.style.format == "headline" \
            else alert_message(delivery.alert)
        return with_actions(with_mention(message, delivery.style.mention), delivery.alert_id)

    async def send(self, delivery: Delivery) -> SendResult:
        key = delivery.key
        if delivery.attempts > 0 and key not in self._not_posted:
            # An earlier attempt (perhaps in an earlier process) may have posted before its
            # answer was lost: look before posting again.
            found = await self._lookup(delivery)
            if isinstance(found, SendResult):
                return found
            if found is not None:
                event(log, "slack.already_posted", channel=delivery.channel, ts=found)
                return SendResult.sent(found)
        self._not_posted.discard(key)
        message = self.render(delivery)
        args: dict[str, Any] = {
            "channel": delivery.target, "text": message["text"], "blocks": message["blocks"],
            "unfurl_links": False, "unfurl_media": False,
            "metadata": {"event_type": METADATA_EVENT_TYPES.get(delivery.kind, "newsalert_alert"),
                         "event_payload": {"key": key, "alert_id": delivery.alert_id}},
        }
        if delivery.kind == "followup" and delivery.thread_ref:
            args["thread_ts"] = delivery.thread_ref
        result = await self._post(args, delivery)
        if result.error and result.error.partition(":")[0] in BLOCK_ERRORS:
            # Rendering keeps within the documented limits; should Slack still refuse the
            # blocks, the alert goes out as its plain-text fallback rather than not at all.
            event(log, "slack.blocks_rejected", logging.WARNING, channel=delivery.channel,
                  alert=delivery.alert_id, error=result.error, effect="posted as plain text")
            del args["blocks"]
            result = await self._post(args, delivery)
        return result

    async def _post(self, args: dict[str, Any], delivery: Delivery) -> SendResult:
        try:
            answer = await self.client.chat_postMessage(**args)
        except SlackApiError as exc:
            result = self._outcome(exc, delivery)
            # A refusal (429, or an error body) means nothing was posted; a 5xx may hide a post.
            if result.status == "retry" and _status(exc) < 500:
                self._not_posted.add(delivery.key)
            return result
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            return SendResult.retry(f"network: {_describe(exc)}")
        return SendResult.sent(str(answer["ts"]))

    def _outcome(self, exc: SlackApiError, delivery: Delivery) -> SendResult:
        status = _status(exc)
        error = _error_code(exc)
        if status == 429 or error == "ratelimited":
            return SendResult.retry("rate limited (HTTP 429)", retry_after=_retry_after(exc))
        if status >= 500 or error in TRANSIENT_ERRORS:
            return SendResult.retry(f"Slack error: HTTP {status} {error}".strip())
        reason = PERMANENT_ERRORS.get(error, "Slack rejected the message")
        if error not in BLOCK_ERRORS:
            event(log, "slack.post_failed", logging.ERROR, channel=delivery.channel,
                  error=error, reason=reason, alert=delivery.alert_id)
        return SendResult.failed(f"{error}: {reason}")

    async def find_sent(self, delivery: Delivery) -> str | None:
        found = await self._lookup(delivery)
        if found is None:
            self._not_posted.add(delivery.key)
        # Undecided here (a SendResult) leaves send() to check again before posting.
        return found if isinstance(found, str) else None

    async def _lookup(self, delivery: Delivery) -> str | SendResult | None:
        """The ts of this delivery's message if the channel has it; None if not (or if the
        history cannot be read); a SendResult when Slack cannot answer now."""
        threaded = delivery.kind == "followup" and bool(delivery.thread_ref)
        cursor = None
        oldest = f"{max(0.0, delivery.created_at - LOOKUP_MARGIN):.6f}"
        for _ in range(LOOKUP_PAGES):
            try:
                if threaded:
                    page = await self.client.conversations_replies(
                        channel=delivery.target, ts=delivery.thread_ref, oldest=oldest,
                        include_all_metadata=True, limit=LOOKUP_PAGE_SIZE, cursor=cursor)
                else:
                    page = await self.client.conversations_history(
                        channel=delivery.target, oldest=oldest, include_all_metadata=True,
                        limit=LOOKUP_PAGE_SIZE, cursor=cursor)
            except SlackApiError as exc:
                return self._lookup_failed(exc, delivery)
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                return SendResult.retry(f"could not check for an earlier post: {_describe(exc)}")
            for message in page.get("messages") or []:
                if _key_of(message) == delivery.key:
                    return str(message["ts"])
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not page.get("has_more") or not cursor:
                return None
        return None

    def _lookup_failed(self, exc: SlackApiError, delivery: Delivery) -> SendResult | None:
        status, error = _status(exc), _error_code(exc)
        if status == 429 or status >= 500 or error in TRANSIENT_ERRORS:
            return SendResult.retry(f"could not check for an earlier post: HTTP {status} {error}",
                                    retry_after=_retry_after(exc) if status == 429 else None)
        if error in TOKEN_ERRORS or error in {"channel_not_found", "is_archived"}:
            return self._outcome(exc, delivery)
        # missing_scope (no channels:history), not_in_channel, thread_not_found: posting is
        # still possible, checking is not.
        event(log, "slack.history_unreadable", logging.WARNING, channel=delivery.channel,
              error=error, effect="a post lost in a crash may be repeated")
        return None


def command_text(text: str) -> str:
    """Slash-command text as typed: Slack wraps links in <...> and escapes & < >."""
    return html.unescape(_LINK.sub(lambda m: m.group(1), text)) if "&" in text or "<" in text \
        else text


def _key_of(message: dict[str, Any]) -> str | None:
    metadata = message.get("metadata") or {}
    if metadata.get("event_type") not in METADATA_EVENT_TYPES.values():
        return None
    payload = metadata.get("event_payload") or {}
    key = payload.get("key")
    return key if isinstance(key, str) else None


def _status(exc: SlackApiError) -> int:
    response = exc.response
    return int(getattr(response, "status_code", None) or getattr(response, "status", 0) or 0)


def _error_code(exc: SlackApiError) -> str:
    data = getattr(exc.response, "data", None)
    if isinstance(data, dict):
        return str(data.get("error") or "")
    return ""


def _retry_after(exc: SlackApiError) -> float | None:
    headers = getattr(exc.response, "headers", None) or {}
    value = headers.get("Retry-After") or headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
